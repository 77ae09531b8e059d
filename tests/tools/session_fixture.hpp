#pragma once

// Runs the real actordev binary as a long-lived child (`up`, `ci`) and waits
// for what a user would see: its output, files its resources write, the
// processes it started. Every wait is bounded and fails the test with what
// was seen so far.

#include "cli_fixture.hpp"
#include "support/process_state.hpp"
#include "support/run_shell.hpp"

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace actordev::test {

using namespace std::chrono_literals;

/// How long a wait gives a condition before it fails the test.
constexpr std::chrono::milliseconds default_wait = 25s;

/// `actordev ARGS` running in a project's folder, its stdout and stderr
/// going to a file of their own. The destructor SIGKILLs it if still alive,
/// with every process of its session (it runs in a session of its own).
class running_actordev {
public:
  running_actordev(const temp_project& project, const std::string& args);
  ~running_actordev();
  running_actordev(const running_actordev&) = delete;
  running_actordev& operator=(const running_actordev&) = delete;

  pid_t pid() const { return pid_; }
  /// Everything it printed so far.
  std::string output() const;

  /// Waits until its output contains `text`; fails the test if it does not
  /// within `timeout` or if actordev exits first.
  void wait_for(const std::string& text,
                std::chrono::milliseconds timeout = default_wait);
  /// Waits until `done()` holds; fails the test, naming `what`, if it does
  /// not within `timeout`.
  void wait_for(const std::function<bool()>& done, const std::string& what,
                std::chrono::milliseconds timeout = default_wait);
  /// Waits until actordev watches `path` (its inotify instance has a watch
  /// on that inode), so a change made now is seen.
  void wait_watching(const std::string& path,
                     std::chrono::milliseconds timeout = default_wait);

  /// Sends `sig` to actordev alone.
  void signal(int sig);
  /// Waits for actordev to exit and returns its exit code (128 + the signal
  /// when a signal ended it); fails the test after `timeout`.
  int wait_exit(std::chrono::milliseconds timeout = default_wait);
  /// True while actordev has not exited.
  bool running();

private:
  /// Collects its exit status if it exited; true once it has.
  bool reap();

  temp_project out_dir_; ///< holds the output file, apart from the project
  std::string out_path_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
  bool exited_ = false;
};

/// Polls `done()` until it holds; fails the test, naming `what`, after
/// `timeout`. `detail()` is printed with the failure.
void wait_until(
    const std::function<bool()>& done, const std::string& what,
    std::chrono::milliseconds timeout = default_wait,
    const std::function<std::string()>& detail = [] { return std::string{}; });


/// Replaces dir/name with `text` at once (write a temporary, rename), as
/// editors save, so a watcher never reads it half written.
void replace_file(const temp_project& project, const std::string& name,
                  const std::string& text);
/// The contents of a file, or "" when it does not exist.
std::string read_text(const std::string& path);
/// The lines of a file.
std::vector<std::string> read_lines(const std::string& path);
/// How many lines of a file equal `line`.
int count_lines(const std::string& path, const std::string& line);
/// How many times `text` occurs in `s`.
int count_of(const std::string& s, const std::string& text);
/// `text` with every `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from,
                        const std::string& to);
/// The pid written in a file, or -1.
pid_t read_pid(const std::string& path);

/// A loopback TCP port that nothing listens on right now.
int free_port();

} // namespace actordev::test
