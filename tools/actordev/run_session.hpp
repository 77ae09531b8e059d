#pragma once

#include "tools/actordev/load_project.hpp"
#include "tools/actordev/open_message_log.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace actordev::cli {

/// How `up` or `ci` runs.
struct session_mode {
  bool ci = false;
  /// ci: give up after this long.
  std::optional<std::chrono::milliseconds> timeout;
  /// SIGTERM to SIGKILL when stopping a resource.
  std::chrono::milliseconds grace{5000};
  /// Where the message log goes.
  message_log_setting log;
};

/// Runs the actor system on `project` until a signal (up) or a verdict
/// (ci), then stops every process it started. Records the message log as
/// `mode.log` says, every record of it written before it returns (unless
/// forced by a second signal). Returns the exit code:
/// 0, or for ci 4 (a resource failed), 5 (timeout), 130 (interrupted).
int run_session(loaded_project project, const std::vector<std::string>& names,
                const session_mode& mode);

/// `actordev down`: stops the process groups a previous `up` of the project
/// in `project_dir` recorded and left running. Returns the exit code.
int run_down(const std::string& project_dir);

} // namespace actordev::cli
