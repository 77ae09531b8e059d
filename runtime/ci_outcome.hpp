#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/runtime_state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// How `actordev ci` ended.
struct ci_result {
  bool ok = false;
  /// Failures: "gen: build failed (exit 2)", "web: exited (exit 1)".
  std::string reason;
};

/// Follows the events of a `ci` run and says when it is over: a success
/// once every resource that starts by itself (trigger mode auto or manual,
/// enabled) is ready or has succeeded and none is building; a failure at the
/// first failed build or server error of such a resource. Resources that
/// wait for a trigger (auto_init: false) are not waited for, as in Tilt.
/// Readiness is derived from the events as the engine derives it (pods,
/// containers, a job's success), with runtime_state's functions.
class ci_tracker {
public:
  void apply(const msg::Event& e);

  /// The outcome, once there is one; it never changes after.
  const std::optional<ci_result>& result() const { return result_; }
  /// The resources not done yet, each with what it is doing
  /// ("web (starting)", "gen (building)"), for a timeout's message.
  std::vector<std::string> waiting() const;

private:
  struct resource {
    std::string name;
    msg::ManifestSpec spec;
    runtime_state runtime; ///< derived as the engine derives it
    bool building = false;
    bool started = false;
    bool done() const { return runtime.ready || runtime.succeeded; }
  };

  resource* find(const std::string& name);
  void check_done();
  void fail(const std::string& name, const std::string& why);

  std::vector<resource> required_;
  bool loaded_ = false;
  std::optional<ci_result> result_;
};

} // namespace actordev
