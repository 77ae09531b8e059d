#include "adapters/process.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace actordev::adapters {

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// Bytes read from one stream per poll before returning what is there: a
/// process that never stops writing cannot hold poll() longer.
constexpr std::size_t read_budget = 1 << 20;
/// At exit everything left in a pipe is read, up to this much.
constexpr std::size_t exit_budget = 4 << 20;
/// Without a pidfd an exit is only noticed between waits this long.
constexpr milliseconds exit_check_slice{10};

exit_status decode(int status) {
  if (WIFEXITED(status))
    return {WEXITSTATUS(status), 0};
  if (WIFSIGNALED(status))
    return {-1, WTERMSIG(status)};
  return {};
}

/// A descriptor that turns readable when `pid` exits (Linux 5.3), or -1.
/// Called through syscall(2): glibc 2.36's <sys/pidfd.h> lacks extern "C".
int open_pidfd(pid_t pid) {
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
}

bool group_exists(pid_t pgid) {
  return ::kill(-pgid, 0) == 0 || errno == EPERM;
}

} // namespace

std::string exit_status::describe() const {
  if (signal != 0) {
    const char* name = ::sigabbrev_np(signal);
    return name ? std::string("killed by SIG") + name
                : "killed by signal " + std::to_string(signal);
  }
  if (code >= 0)
    return "exit " + std::to_string(code);
  return "exit status unknown";
}

struct process::state {
  explicit state(spawned_process started)
      : pid(started.pid)
      , out(std::move(started.out))
      , err(std::move(started.err))
      , pidfd(open_pidfd(started.pid)) {}

  state(const state&) = delete;
  state& operator=(const state&) = delete;

  ~state() {
    try {
      if (!group_ended)
        kill_process_group(pid, milliseconds::zero(),
                           [this](milliseconds d) { wait_and_read(d); });
    } catch (...) {
      ::kill(-pid, SIGKILL); // out of memory: the group at least
    }
    reap_within(kill_wait);
    if (pidfd != -1)
      ::close(pidfd);
  }

  void read_pipes(std::size_t budget) {
    out.read_available(pending, budget);
    err.read_available(pending, budget);
  }

  /// Reaps the leader if it exited; then everything it wrote is in the
  /// pipes: read it, deliver the partial lines, close.
  void check_exit() {
    if (exit)
      return;
    int status = 0;
    pid_t reaped = -1;
    do {
      reaped = ::waitpid(pid, &status, WNOHANG);
    } while (reaped == -1 && errno == EINTR);
    if (reaped == 0)
      return;
    // -1 (ECHILD): someone else reaped it, e.g. SIGCHLD set to SIG_IGN.
    exit = reaped == pid ? decode(status) : exit_status{};
    if (pidfd != -1)
      ::close(pidfd);
    pidfd = -1;
    read_pipes(exit_budget);
    out.close(pending);
    err.close(pending);
  }

  /// Waits at most `longest` for output, end of file or exit.
  void wait_for_activity(milliseconds longest) {
    pollfd fds[3];
    nfds_t count = 0;
    for (int fd : {out.fd(), err.fd(), pidfd}) {
      if (fd != -1)
        fds[count++] = pollfd{fd, POLLIN, 0};
    }
    if (!exit && pidfd == -1)
      longest = std::min(longest, exit_check_slice);
    ::poll(fds, count,
           static_cast<int>(std::max<milliseconds::rep>(longest.count(), 0)));
  }

  void wait_and_read(milliseconds longest) {
    wait_for_activity(longest);
    read_pipes(read_budget);
    check_exit();
  }

  void reap_within(milliseconds limit) {
    auto deadline = clock::now() + limit;
    for (check_exit(); !exit; check_exit()) {
      auto now = clock::now();
      if (now >= deadline)
        return; // stuck in the kernel: left for the next call
      wait_and_read(std::min(exit_check_slice,
                             std::chrono::ceil<milliseconds>(deadline - now)));
    }
  }

  /// After exit: once the group is empty its id may be recycled, so it is
  /// never signalled again.
  void note_group_end() {
    if (exit && !group_ended && !group_exists(pid))
      group_ended = true;
  }

  pid_t pid;
  output_pipe out;
  output_pipe err;
  int pidfd;
  std::vector<output_line> pending;
  std::optional<exit_status> exit;
  bool group_ended = false;
};

std::variant<process, spawn_error> process::start(const process_spec& spec) {
  auto spawned = spawn_process(spec);
  if (auto* error = std::get_if<spawn_error>(&spawned))
    return std::move(*error);
  return process(
      std::make_unique<state>(std::move(std::get<spawned_process>(spawned))));
}

process::process(std::unique_ptr<state> started)
    : state_(std::move(started)) {}
process::process(process&&) noexcept = default;
process& process::operator=(process&&) noexcept = default;
process::~process() = default;

pid_t process::pid() const {
  return state_->pid;
}

pid_t process::pgid() const {
  return state_->pid;
}

bool process::running() const {
  return !state_->exit;
}

poll_result process::poll(milliseconds timeout) {
  auto& s = *state_;
  auto deadline = clock::now() + timeout;
  for (;;) {
    s.read_pipes(read_budget);
    s.check_exit();
    auto now = clock::now();
    if (s.exit || !s.pending.empty() || now >= deadline)
      break;
    s.wait_for_activity(std::chrono::ceil<milliseconds>(deadline - now));
  }
  s.note_group_end();
  poll_result result{std::move(s.pending), s.exit};
  s.pending.clear();
  return result;
}

stop_result process::stop(milliseconds grace) {
  auto& s = *state_;
  auto how = group_stop::gone;
  if (!s.group_ended) {
    how = kill_process_group(s.pid, grace,
                             [&s](milliseconds d) { s.wait_and_read(d); });
    s.group_ended = how != group_stop::survived;
  }
  s.reap_within(kill_wait);
  return {s.exit.value_or(exit_status{}), how};
}

} // namespace actordev::adapters
