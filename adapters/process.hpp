#pragma once

#include "adapters/process_group.hpp"
#include "adapters/process_output.hpp"
#include "adapters/process_spawn.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace actordev::adapters {

/// How a process ended.
struct exit_status {
  /// Its exit code; -1 when a signal killed it or the status is unknown.
  int code = -1;
  /// The signal that killed it; 0 when it exited.
  int signal = 0;

  bool success() const { return signal == 0 && code == 0; }
  bool known() const { return signal != 0 || code >= 0; }
  /// "exit 0", "exit 2", "killed by SIGTERM", "exit status unknown".
  std::string describe() const;

  bool operator==(const exit_status&) const = default;
};

/// What one poll() saw.
struct poll_result {
  /// Complete lines in the order each stream wrote them. Between stdout and
  /// stderr the order is only as good as the poll that read them.
  std::vector<output_line> lines;
  /// Set once the process (the `sh` leading the group) has exited, on this
  /// and every later poll.
  std::optional<exit_status> exit;
};

/// What stop() did.
struct stop_result {
  exit_status exit;
  group_stop group = group_stop::gone;
};

/// A command running through `sh -c` in its own process group, its output
/// read line by line. Owned by one detached actor, which calls poll() with
/// a short timeout between checks of its mailbox. Move-only (a moved-from
/// process may only be destroyed or assigned to); not thread-safe. Blocking
/// calls (poll, stop, the destructor) are bounded.
///
/// Nothing it started survives it: stop() and the destructor end the whole
/// group and the groups its descendants moved to while their parent lived
/// (see kill_process_group). A descendant that leaves the group after its
/// parent exited is out of reach (re-parented to init); making actordev a
/// child subreaper would bring those back, not done here.
class process {
public:
  /// Starts `spec` (see spawn_process). Never throws.
  static std::variant<process, spawn_error> start(const process_spec& spec);

  process(process&&) noexcept;
  process& operator=(process&&) noexcept;
  /// If anything of it is still alive: SIGKILL to its groups, then reaps it
  /// (waiting at most kill_wait).
  ~process();

  /// The `sh` process.
  pid_t pid() const;
  /// Its process group id (== pid()), to record for `actordev down`.
  pid_t pgid() const;
  /// False once poll() or stop() saw it exit.
  bool running() const;

  /// Waits at most `timeout` for output or exit and returns the complete
  /// lines read so far (returning as soon as there is one) and, once it
  /// exited, its status. At exit the last line without a newline is
  /// delivered and the pipes are closed: what descendants still write after
  /// that is not read. After exit it returns at once.
  poll_result poll(std::chrono::milliseconds timeout);

  /// Stops it and everything it started (kill_process_group with `grace`)
  /// and reaps it. Output written meanwhile is kept for the next poll().
  /// Takes at most grace + 2 * kill_wait. Also ends what a process that
  /// already exited left behind.
  stop_result stop(std::chrono::milliseconds grace = default_stop_grace);

private:
  struct state;
  explicit process(std::unique_ptr<state> started);

  std::unique_ptr<state> state_;
};

} // namespace actordev::adapters
