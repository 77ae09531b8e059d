#pragma once

#include "adapters/process.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace actordev::test {

using namespace std::chrono_literals;

/// Everything a process printed, as poll() delivered it.
struct transcript {
  std::vector<adapters::output_line> lines;
  std::optional<adapters::exit_status> exit;

  /// The text of the stdout (or stderr) lines, in order.
  std::vector<std::string> out() const;
  std::vector<std::string> err() const;
};

/// Real processes for a test, in a scratch directory removed at the end.
/// Every wait has a deadline; every process a test starts is a RAII
/// `adapters::process` (its destructor kills its group), and pids a test
/// expects to be killed are killed at the end if they were not.
class process_fixture {
public:
  process_fixture();
  ~process_fixture();
  process_fixture(const process_fixture&) = delete;
  process_fixture& operator=(const process_fixture&) = delete;

  /// The scratch directory (absolute, symlinks resolved).
  const std::string& dir() const { return dir_; }

  /// The absolute path of tests/adapters/process_scripts/NAME.
  static std::string script(const std::string& name);

  /// Starts `command` (REQUIREs success).
  adapters::process start(const std::string& command,
                          const std::string& dir = {},
                          std::map<std::string, std::string> env = {});

  /// Polls until the process exited (REQUIREd within `limit`).
  transcript run_to_exit(adapters::process& p,
                         std::chrono::milliseconds limit = 10s);

  /// Polls until `count` lines arrived in `into` or the process exited;
  /// false after `limit`.
  bool poll_for_lines(adapters::process& p, transcript& into, std::size_t count,
                      std::chrono::milliseconds limit = 10s);

  /// Reads the first line, a pid the command printed, and remembers it to
  /// SIGKILL at the end should the test have failed to end it.
  pid_t read_pid(adapters::process& p);

  /// Creates a FIFO in the scratch directory, returns its path.
  std::string make_fifo(const std::string& name);

private:
  std::string dir_;
  std::vector<pid_t> watched_;
};

/// True once `pid` no longer runs: it is gone (ESRCH) or a zombie (dead,
/// waiting for its parent, here init, to reap it).
bool is_dead(pid_t pid);

/// Waits until kill(pid, 0) fails with ESRCH: dead and reaped. Init reaps
/// orphans on its own schedule (about every 2 s in some containers).
bool wait_until_reaped(pid_t pid, std::chrono::milliseconds limit = 15s);

} // namespace actordev::test
