#include "child_process_fixture.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace actordev::test {

namespace {

using clock_type = std::chrono::steady_clock;

void close_fd(int& fd) {
  if (fd >= 0)
    ::close(fd);
  fd = -1;
}

// Polls `fd` for input until `deadline`; false on timeout.
bool wait_readable(int fd, clock_type::time_point deadline) {
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - clock_type::now());
    if (left.count() < 0)
      return false;
    pollfd pfd{fd, POLLIN, 0};
    auto rc = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (rc > 0)
      return true;
    if (rc == 0)
      return false;
    if (errno != EINTR)
      return false;
  }
}

std::runtime_error os_error(const char* what, int err) {
  return std::runtime_error{std::string{what} + ": " + std::strerror(err)};
}

} // namespace

child_process::child_process(const std::string& path) {
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0)
    throw os_error("pipe2", errno);
  if (::pipe2(out, O_CLOEXEC) != 0) {
    auto err = errno;
    ::close(in[0]);
    ::close(in[1]);
    throw os_error("pipe2", err);
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::string arg0 = path;
  char* argv[] = {arg0.data(), nullptr};
  auto rc =
      ::posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  stdin_ = in[1];
  stdout_ = out[0];
  if (rc != 0) {
    pid_ = -1;
    close_fd(stdin_);
    close_fd(stdout_);
    throw os_error(("posix_spawn " + path).c_str(), rc);
  }
  // The child is not reaped yet, so its pid cannot be reused meanwhile.
  // The syscall directly: glibc 2.36's <sys/pidfd.h> lacks extern "C".
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
}

child_process::~child_process() {
  close_stdin();
  close_fd(stdout_);
  if (pid_ > 0 && !reaped_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      // retry: SIGKILL guarantees the child ends
    }
  }
  close_fd(pidfd_);
}

std::optional<std::string>
child_process::read_line(std::chrono::milliseconds timeout) {
  constexpr size_t max_line = 4096;
  auto deadline = clock_type::now() + timeout;
  for (;;) {
    if (auto pos = buffer_.find('\n'); pos != std::string::npos) {
      auto line = buffer_.substr(0, pos);
      buffer_.erase(0, pos + 1);
      return line;
    }
    if (buffer_.size() > max_line || stdout_ < 0 ||
        !wait_readable(stdout_, deadline))
      return std::nullopt;
    char chunk[256];
    auto n = ::read(stdout_, chunk, sizeof(chunk));
    if (n == 0 || (n < 0 && errno != EINTR))
      return std::nullopt;
    if (n > 0)
      buffer_.append(chunk, static_cast<size_t>(n));
  }
}

void child_process::close_stdin() {
  close_fd(stdin_);
}

std::optional<int> child_process::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0 || reaped_ || pidfd_ < 0)
    return std::nullopt;
  // A pidfd becomes readable when the process exits.
  if (!wait_readable(pidfd_, clock_type::now() + timeout))
    return std::nullopt;
  int status = 0;
  pid_t rc;
  do {
    rc = ::waitpid(pid_, &status, 0);
  } while (rc < 0 && errno == EINTR);
  reaped_ = rc == pid_;
  if (!reaped_)
    return std::nullopt;
  return status;
}

} // namespace actordev::test
