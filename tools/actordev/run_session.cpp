// Runs `up` and `ci`: the actor system on the main thread's behalf, signals
// on the main thread, and the guarantee that nothing started survives.
#include "tools/actordev/run_session.hpp"

#include "tools/actordev/builders_tls.hpp"
#include "tools/actordev/stop_recorded.hpp"

#include "actors/console.hpp"
#include "actors/log_writer.hpp"
#include "actors/session.hpp"
#include "actors/system_config.hpp"
#include "actors/tls_system.hpp"
#include "adapters/orphans.hpp"
#include "adapters/process_group.hpp"
#include "adapters/run_record.hpp"
#include "adapters/wall_clock.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <fmt/chrono.h>
#include <fmt/core.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <functional>
#include <optional>
#include <thread>
#include <unistd.h>

namespace actordev::cli {

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// The signals that stop actordev. Blocked in every thread (the actor
/// system's threads inherit the mask) and taken by the main thread alone.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

/// Waits up to `d` for a stop signal; returns it, or 0.
int wait_signal(const sigset_t& set, milliseconds d) {
  timespec ts{static_cast<time_t>(d.count() / 1000),
              static_cast<long>(d.count() % 1000) * 1000000L};
  int sig = ::sigtimedwait(&set, nullptr, &ts);
  return sig > 0 ? sig : 0;
}

/// Spawns the writer of the session's message log, if there is one.
log_sink start_log_writer(caf::actor_system& sys,
                          std::optional<adapters::log_file> file,
                          const caf::actor& console) {
  log_sink sink;
  if (!file)
    return sink;
  sink.backlog = std::make_shared<log_backlog>();
  sink.writer = sys.spawn<log_writer, caf::detached>(std::move(*file),
                                                     sink.backlog, console);
  return sink;
}

/// Waits until the message log's writer has written its last batch and
/// quit (the scheduler closes it when the session stops), so that a write
/// error still reaches the console. Bounded: the actor system's destructor
/// waits for the writer anyway.
void await_log_writer(caf::actor_system& sys, const caf::actor& writer) {
  if (!writer)
    return;
  caf::scoped_actor self{sys};
  self->monitor(writer);
  self->receive([](const caf::down_msg&) {},
                caf::after(std::chrono::seconds{10}) >>
                    [] {
                      fmt::print(stderr, "actordev: still writing the message "
                                         "log...\n");
                    });
}

/// Second Ctrl-C: no more grace.
[[noreturn]] void force_exit(const std::string& project_dir) {
  fmt::print(stderr, "actordev: forced: killing every process now\n");
  stop_recorded(project_dir, milliseconds{0});
  adapters::kill_orphans();
  std::_Exit(130);
}

} // namespace

int run_session(loaded_project project, const std::vector<std::string>& names,
                const session_mode& mode) {
  auto tls = check_builders_tls(project, "nothing was started.");
  if (!tls.ok)
    return 1;
  auto signals = stop_signals();
  ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  adapters::become_subreaper();
  std::string project_dir = project.project.dir;
  std::optional<adapters::log_file> log_file;
  if (mode.log.enabled)
    log_file = open_message_log(mode.log, project, names, mode.ci ? "ci" : "up",
                                adapters::wall_clock_us());
  int code = 0;
  {
    caf::actor_system_config cfg;
    // Idle cost (docs/performance.md): one worker per core (CAF's default
    // is at least 4); a worker out of work polls for 2.5 ms, not 25, then
    // looks for work to steal every 100 ms, not every 10. Work queued for
    // a sleeping worker wakes it at once.
    system_options sys_opts;
    sys_opts.max_threads = std::max(2u, std::thread::hardware_concurrency());
    sys_opts.moderate_polls = 50;
    sys_opts.relaxed_sleep = std::chrono::milliseconds{100};
    init_system_config(cfg, sys_opts);
    if (tls.files)
      use_tls(cfg, *tls.files);
    caf::actor_system sys{cfg};
    console_options out;
    out.out = stdout;
    out.colour = use_colour(stdout);
    auto console = sys.spawn<console_actor>(out);
    auto message_sink = start_log_writer(sys, std::move(log_file), console);
    auto outcome = std::make_shared<session_outcome>();
    session_options opts;
    opts.config = std::move(project.project);
    opts.shown_path = project.path;
    opts.names = names;
    opts.console = console;
    opts.outcome = outcome;
    opts.grace = mode.grace;
    opts.log = message_sink;
    auto session = sys.spawn<session_actor>(std::move(opts));

    auto started = clock::now();
    std::optional<clock::time_point> stopping_since;
    auto stop = [&](int exit_code) {
      if (stopping_since)
        return;
      code = exit_code;
      stopping_since = clock::now();
      caf::anon_send(session, shutdown_atom::value);
    };
    // Bounded: each turn waits at most 50 ms, and once stopping, the
    // session ends within the grace plus slack or is forced.
    while (!outcome->stopped) {
      if (int sig = wait_signal(signals, milliseconds{50})) {
        if (stopping_since)
          force_exit(project_dir);
        fmt::print(stderr,
                   "\nactordev: {}: stopping every resource (again to "
                   "force)\n",
                   sig == SIGINT ? "interrupted" : strsignal(sig));
        stop(mode.ci ? 130 : 0);
      }
      if (stopping_since) {
        if (clock::now() - *stopping_since > mode.grace + milliseconds{15000})
          force_exit(project_dir);
        continue;
      }
      if (!mode.ci)
        continue;
      if (auto verdict = outcome->ci()) {
        if (verdict->ok)
          fmt::print(stderr, "actordev ci: every resource is ready\n");
        else
          fmt::print(stderr, "actordev ci: failed: {}\n", verdict->reason);
        stop(verdict->ok ? 0 : 4);
      } else if (mode.timeout && clock::now() - started > *mode.timeout) {
        auto waiting = outcome->waiting();
        fmt::print(stderr,
                   "actordev ci: timed out after {}: still waiting "
                   "for {}\n",
                   *mode.timeout,
                   waiting.empty()
                       ? std::string{"nothing"}
                       : fmt::format("{}", fmt::join(waiting, ", ")));
        stop(5);
      }
    }
    await_log_writer(sys, message_sink.writer);
    caf::anon_send_exit(console, caf::exit_reason::user_shutdown);
    if (tls.files)
      abandon_handshakes(); // one with a frozen builder would hold us 5 s
  } // the actor system waits for every actor here
  // What escaped its group and was re-parented to us.
  adapters::kill_orphans();
  return code;
}

int run_down(const std::string& project_dir) {
  int stopped = 0;
  auto err = stop_recorded(project_dir, adapters::default_stop_grace,
                           [&](const adapters::recorded_group& g) {
                             fmt::print("stopped {} (process group {})\n",
                                        g.resource, g.pgid);
                             ++stopped;
                           });
  if (err) {
    fmt::print(stderr, "actordev down: error: cannot read {}: {}\n", err->path,
               err->reason);
    return 1;
  }
  if (stopped == 0)
    fmt::print("nothing to stop: no process of a previous `actordev up` is "
               "running\n");
  return 0;
}

} // namespace actordev::cli
