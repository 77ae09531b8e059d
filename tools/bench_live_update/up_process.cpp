#include "tools/bench_live_update/up_process.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iterator>
#include <string_view>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace actordev::bench {

namespace {

using up_result = result<std::unique_ptr<up_process>, std::string>;

/// How often the reader looks at whether it should stop, and how often a
/// wait for the exit looks at the child.
constexpr int reader_poll_ms = 100;
constexpr auto exit_poll = std::chrono::milliseconds(10);

std::string describe_status(int status) {
  if (WIFEXITED(status))
    return fmt::format("exited {}", WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return fmt::format("killed by signal {}", WTERMSIG(status));
  return "ended";
}

/// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_up(const std::string& actordev,
                          const std::string& config, const std::string& dir,
                          int console_fd) {
  ::setsid(); // its own session and group: the terminal's ^C is ours
  int null_fd = ::open("/dev/null", O_RDONLY);
  if (::chdir(dir.c_str()) != 0 || null_fd < 0 || ::dup2(null_fd, 0) < 0 ||
      ::dup2(console_fd, 1) < 0 || ::dup2(console_fd, 2) < 0)
    ::_exit(127);
  const char* argv[] = {actordev.c_str(), "up", "-f", config.c_str(), nullptr};
  ::execv(actordev.c_str(), const_cast<char* const*>(argv));
  constexpr std::string_view failed = "bench_live_update: cannot exec\n";
  [[maybe_unused]] auto n = ::write(2, failed.data(), failed.size());
  ::_exit(127);
}

} // namespace

up_result up_process::start(const std::string& actordev,
                            const std::string& config, const std::string& dir,
                            const std::string& log) {
  if (::access(actordev.c_str(), X_OK) != 0)
    return up_result::failure(fmt::format(
        "{}: not an executable (build it first, or pass --actordev)",
        actordev));
  int log_fd =
      ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int console[2];
  if (log_fd < 0 || ::pipe2(console, O_CLOEXEC) != 0) {
    auto error =
        fmt::format("cannot open {} or a pipe: {}", log, std::strerror(errno));
    if (log_fd >= 0)
      ::close(log_fd);
    return up_result::failure(error);
  }
  pid_t pid = ::fork();
  if (pid == 0)
    exec_up(actordev, config, dir, console[1]);
  ::close(console[1]);
  if (pid < 0) {
    ::close(console[0]);
    ::close(log_fd);
    return up_result::failure(
        fmt::format("cannot fork: {}", std::strerror(errno)));
  }
  return std::unique_ptr<up_process>(new up_process(pid, console[0], log_fd));
}

up_process::up_process(pid_t pid, int console_fd, int log_fd)
    : pid_(pid)
    , console_fd_(console_fd)
    , log_fd_(log_fd)
    , reader_([this] { read_console(); }) {}

up_process::~up_process() {
  if (reader_.joinable())
    stop(std::chrono::seconds(5));
}

void up_process::read_console() {
  std::string partial;
  char buf[4096];
  for (;;) {
    pollfd p{console_fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, reader_poll_ms);
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready == 0) {
      // actordev is reaped, but a process it left may hold the pipe open.
      std::lock_guard lock(mutex_);
      if (stopping_)
        return;
      continue;
    }
    auto n = ::read(console_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return; // the end of the console
    auto now = bench_clock::now();
    [[maybe_unused]] auto w = ::write(log_fd_, buf, static_cast<size_t>(n));
    partial.append(buf, static_cast<std::size_t>(n));
    std::lock_guard lock(mutex_);
    for (auto eol = partial.find('\n'); eol != std::string::npos;
         eol = partial.find('\n')) {
      lines_.push_back({now, partial.substr(0, eol)});
      partial.erase(0, eol + 1);
    }
  }
}

bool up_process::running() {
  if (!exited_.empty())
    return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_)
    return true;
  exited_ = describe_status(status);
  return false;
}

bool up_process::wait_exit(std::chrono::milliseconds within) {
  auto deadline = bench_clock::now() + within;
  while (running()) {
    if (bench_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(exit_poll);
  }
  return true;
}

std::vector<console_line>
up_process::lines_since(bench_clock::time_point since) {
  std::lock_guard lock(mutex_);
  std::vector<console_line> out;
  std::copy_if(lines_.begin(), lines_.end(), std::back_inserter(out),
               [&](const auto& l) { return l.at >= since; });
  return out;
}

std::vector<std::string> up_process::tail(std::size_t n) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (auto i = lines_.size() > n ? lines_.size() - n : 0; i < lines_.size();
       ++i)
    out.push_back(lines_[i].text);
  return out;
}

std::string up_process::stop(std::chrono::milliseconds grace) {
  auto start = bench_clock::now();
  std::string how;
  if (!running()) {
    how = "was already gone (" + exited_ + ")";
  } else {
    for (auto [sig, name] :
         {std::pair{SIGINT, "SIGINT"}, std::pair{SIGTERM, "SIGTERM"}}) {
      ::kill(pid_, sig);
      if (wait_exit(grace)) {
        how = fmt::format("{} after {}", exited_, name);
        break;
      }
    }
    if (how.empty()) {
      ::kill(-pid_, SIGKILL); // its group: itself and what stayed in it
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exited_ = describe_status(status);
      how = "did not stop on SIGINT nor SIGTERM: " + exited_ + " after SIGKILL";
    }
    how += fmt::format(
        " in {:.2f} s",
        std::chrono::duration<double>(bench_clock::now() - start).count());
  }
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  reader_.join();
  ::close(console_fd_);
  ::close(log_fd_);
  return how;
}

} // namespace actordev::bench
