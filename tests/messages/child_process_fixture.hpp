#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <sys/types.h>

namespace actordev::test {

/// A child process with pipes on its stdin and stdout. The destructor closes
/// the pipes, kills the child (SIGKILL) if it still runs and reaps it, so no
/// test path leaves a process behind.
class child_process {
public:
  /// Starts the executable at `path` without arguments. Throws
  /// `std::runtime_error` if it cannot be started.
  explicit child_process(const std::string& path);

  ~child_process();

  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  /// Reads one line (without its newline) from the child's stdout. Returns
  /// nothing on end of file, on a line longer than 4 KiB, or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);

  /// Closes the child's stdin: it sees end of file.
  void close_stdin();

  /// Waits at most `timeout` for the child to exit and reaps it. Returns its
  /// wait status (see waitpid(2)), or nothing if it still runs.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

private:
  pid_t pid_ = -1;
  int pidfd_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  bool reaped_ = false;
  std::string buffer_;
};

} // namespace actordev::test
