#pragma once

#include "runtime/result.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace actordev::bench {

using bench_clock = std::chrono::steady_clock;

/// One line of actordev's console and when the benchmark read it.
struct console_line {
  bench_clock::time_point at;
  std::string text;
};

/// A running `actordev up`, started by the benchmark in its own session.
/// A thread reads its console (stdout and stderr), stamps each line on
/// arrival and copies it to a log file. Only the thread that started it
/// may stop it; the lines read may be asked for from any thread.
class up_process {
public:
  /// Starts `actordev up -f config` in `dir`, its console going to the
  /// reader and to `log`. The error says what could not be started.
  static result<std::unique_ptr<up_process>, std::string>
  start(const std::string& actordev, const std::string& config,
        const std::string& dir, const std::string& log);

  /// Stops it if stop() was not called.
  ~up_process();

  up_process(const up_process&) = delete;
  up_process& operator=(const up_process&) = delete;

  /// Whether actordev still runs; once it exited, how (exited()).
  bool running();
  const std::string& exited() const { return exited_; }

  /// The console lines that arrived at `since` or later.
  std::vector<console_line> lines_since(bench_clock::time_point since);

  /// The last `n` console lines, for an error report.
  std::vector<std::string> tail(std::size_t n);

  /// Stops actordev: SIGINT, then after `grace` SIGTERM, then after another
  /// `grace` SIGKILL to its process group; reaps it and stops the reader.
  /// Returns how it ended ("exited 0 after SIGINT in 0.4 s", ...).
  std::string stop(std::chrono::milliseconds grace);

private:
  up_process(pid_t pid, int console_fd, int log_fd);
  void read_console();
  bool wait_exit(std::chrono::milliseconds within);

  pid_t pid_;
  int console_fd_;
  int log_fd_;
  std::string exited_;
  bool stopping_ = false; // read by the reader under mutex_
  std::mutex mutex_;
  std::vector<console_line> lines_;
  std::thread reader_;
};

} // namespace actordev::bench
