#include "adapters/process_spawn.hpp"

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>

#include <cerrno>
#include <csignal>
#include <exception>
#include <fcntl.h>
#include <optional>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace actordev::adapters {

namespace bp = boost::process;

namespace {

std::string os_words(int error) {
  return std::error_code(error, std::system_category()).message();
}

/// Dispositions and the mask survive exec: a child of an actordev that
/// blocks SIGTERM (for a signalfd) would never see stop()'s SIGTERM.
void reset_signals() {
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig)
    ::sigaction(sig, &default_action, nullptr); // fails harmlessly for some
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

/// Another thread may create descriptors without O_CLOEXEC (or be between
/// pipe() and fcntl() inside Boost.Process): none of them may leak into the
/// child, where an inherited pipe end keeps another child's output open.
/// bp::limit_handles would do it, but in 1.74 it also closes Boost's own
/// exec-error pipe (boostorg/process#202) and allocates after fork.
void close_on_exec_from(int first) {
  if (::close_range(static_cast<unsigned>(first), ~0U, CLOSE_RANGE_CLOEXEC) ==
      0)
    return;
  rlimit limit{};
  int last = 65536; // kernels before 5.11: one fcntl per descriptor
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536)
    last = static_cast<int>(limit.rlim_cur);
  for (int fd = first; fd < last; ++fd) {
    int flags = ::fcntl(fd, F_GETFD);
    if (flags != -1)
      ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
  }
}

/// Our part of the fork: in the child only async-signal-safe calls. Replaces
/// bp::start_dir, which in 1.74 ignores a failing chdir and runs the command
/// in actordev's directory instead.
struct child_setup : bp::extend::handler {
  const char* dir = nullptr;
  pid_t* failed_child = nullptr;

  template <class Executor>
  void on_exec_setup(Executor& exec) const {
    if (dir != nullptr && ::chdir(dir) != 0) {
      exec.set_error(bp::extend::get_last_error(), "chdir");
      ::_exit(127); // set_error in the child reports, it does not stop
    }
    reset_signals();
    close_on_exec_from(3);
  }

  /// Boost.Process does not reap a child whose setup or exec failed.
  template <class Executor>
  void on_error(Executor& exec, const std::error_code&) const {
    if (exec.pid > 0)
      *failed_child = exec.pid;
  }
};

void reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) == -1 && errno == EINTR) {
  }
}

std::optional<std::string> check_spec(const process_spec& spec) {
  auto has_nul = [](const std::string& s) {
    return s.find('\0') != std::string::npos;
  };
  if (has_nul(spec.command) || has_nul(spec.dir))
    return "the command or directory contains a NUL byte";
  for (const auto& [name, value] : spec.env) {
    if (name.empty() || name.find('=') != std::string::npos || has_nul(name) ||
        has_nul(value))
      return "environment variable `" + name + "` has an invalid name or value";
  }
  if (spec.dir.empty())
    return std::nullopt;
  struct stat info {};
  if (::stat(spec.dir.c_str(), &info) != 0) {
    if (errno == ENOENT)
      return "working directory " + spec.dir + " does not exist";
    return "working directory " + spec.dir + ": " + os_words(errno);
  }
  if (!S_ISDIR(info.st_mode))
    return "working directory " + spec.dir + " is not a directory";
  if (::access(spec.dir.c_str(), X_OK) != 0)
    return "working directory " + spec.dir +
           " cannot be entered: " + os_words(errno);
  return std::nullopt;
}

/// A pipe whose ends are close-on-exec in actordev; the child gets its end
/// through dup2, which clears the flag.
std::optional<bp::pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return std::nullopt;
  return bp::pipe(fds[0], fds[1]);
}

std::variant<spawned_process, spawn_error> spawn(const process_spec& spec) {
  auto fail = [&](std::string reason) {
    return spawn_error{spec.command, spec.dir, std::move(reason)};
  };
  if (auto problem = check_spec(spec))
    return fail(*problem);
  auto out = make_pipe();
  auto err = make_pipe();
  if (!out || !err)
    return fail("cannot create pipes: " + os_words(errno));

  bp::environment env = boost::this_process::environment();
  // set(), not operator[]: Boost 1.74's find() compares NAME= against each
  // entry without checking its length, reading past a shorter entry's end
  // (ASan: heap-buffer-overflow for a name longer than some "K=V").
  for (const auto& [name, value] : spec.env)
    env.set(name, value);
  pid_t failed_child = -1;
  child_setup setup;
  setup.dir = spec.dir.empty() ? nullptr : spec.dir.c_str();
  setup.failed_child = &failed_child;
  bp::group group;
  std::error_code error;
  bp::child child(bp::exe = "/bin/sh",
                  bp::args = std::vector<std::string>{"-c", spec.command}, env,
                  (bp::std_in < bp::null), (bp::std_out > *out),
                  (bp::std_err > *err), group, setup, error);
  if (failed_child > 0)
    reap(failed_child);
  if (error) {
    if (auto problem = check_spec(spec)) // the directory went away meanwhile
      return fail(*problem);
    return fail("cannot run /bin/sh: " + error.message());
  }
  child.detach(); // we reap it; bp::child would SIGKILL it when destroyed
  group.detach(); // we stop the group; bp::group would SIGKILL it too
  pid_t pid = child.id();
  if (::getpgid(pid) != pid) {
    ::kill(pid, SIGKILL);
    reap(pid);
    return fail("cannot give the process its own process group");
  }
  spawned_process started{
      pid,
      {output_stream::out, out->native_source(), spec.line_cap},
      {output_stream::err, err->native_source(), spec.line_cap}};
  out->assign_source(-1);
  err->assign_source(-1);
  return started;
}

} // namespace

std::string spawn_error::message() const {
  auto where = dir.empty() ? std::string() : " in " + dir;
  return "cannot start `" + command + "`" + where + ": " + reason;
}

std::variant<spawned_process, spawn_error>
spawn_process(const process_spec& spec) {
  try {
    return spawn(spec);
  } catch (const std::exception& e) {
    return spawn_error{spec.command, spec.dir, e.what()};
  }
}

} // namespace actordev::adapters
