#pragma once

// A stand-in for an external tool (docker, kubectl) on PATH: the scripts
// under tests/stand_ins/ record every call and answer in the real tool's
// formats, steered by files in a state folder of their own.

#include "cli_fixture.hpp"

#include <string>
#include <vector>

namespace actordev::test {

/// Puts tests/stand_ins first on PATH and gives the stand-in a state
/// folder, named by the environment variable `state_variable`, for this
/// test process and the actordev it starts.
class stand_in {
public:
  explicit stand_in(const char* state_variable);

  /// Creates (or with `on` false, removes) a steering file.
  void set(const std::string& name, bool on = true,
           const std::string& text = "1") const;
  /// Every call so far, one JSON argv per line.
  std::string calls() const;
  /// The calls that contain none of `skipped` (e.g. status polls).
  std::string calls_without(const std::vector<std::string>& skipped) const;
  const std::string& state() const { return state_.dir(); }
  /// A file of the state folder ("" when there is none).
  std::string file(const std::string& rel) const;

private:
  temp_project state_;
};

} // namespace actordev::test
