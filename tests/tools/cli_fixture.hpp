#pragma once

// Runs the real actordev binary on temporary projects.

#include <string>

namespace actordev::test {

/// What a command printed (stdout and stderr together) and its exit code.
struct run_result {
  std::string output;
  int exit_code = -1;
};

/// A fresh temporary folder, removed with everything in it at the end.
class temp_project {
public:
  temp_project();
  ~temp_project();
  temp_project(const temp_project&) = delete;
  temp_project& operator=(const temp_project&) = delete;

  const std::string& dir() const { return dir_; }
  /// Writes `text` to dir/name and returns the path.
  std::string write(const std::string& name, const std::string& text) const;
  /// Runs `actordev ARGS` in this folder.
  run_result actordev(const std::string& args) const;

private:
  std::string dir_;
};

} // namespace actordev::test
