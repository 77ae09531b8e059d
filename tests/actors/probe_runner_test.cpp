// The probe runner on a real actor system, probing real sockets and
// processes: what its owner hears, and that it never lingers.
#include "actors/probe_runner.hpp"

#include <caf/all.hpp>
#include "../loopback_socket.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace actordev;
using namespace std::chrono_literals;

namespace {

/// An owner that takes reports and does nothing.
class idle_owner : public caf::event_based_actor {
public:
  using caf::event_based_actor::event_based_actor;
  caf::behavior make_behavior() override {
    return {[](probe_result_atom, bool, const std::string&) {}};
  }
};

/// A scratch directory, removed at the end.
struct scratch_dir {
  std::string path;
  scratch_dir() {
    auto base =
        std::filesystem::temp_directory_path() / "actordev-probe-XXXXXX";
    path = base.string();
    REQUIRE(::mkdtemp(path.data()) != nullptr);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  ~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

/// The pid a command wrote into the FIFO read by `fd` (REQUIREd in 10 s).
pid_t read_pid(int fd) {
  pollfd p{fd, POLLIN, 0};
  REQUIRE(::poll(&p, 1, 10000) == 1);
  char buf[32] = {};
  REQUIRE(::read(fd, buf, sizeof buf - 1) > 0);
  return static_cast<pid_t>(std::atoi(buf));
}

struct report {
  bool ready = false;
  std::string detail;
};

config::probe_spec
fast_probe(std::variant<config::exec_probe, config::http_get_probe,
                        config::tcp_socket_probe>
               action) {
  config::probe_spec p;
  p.action = std::move(action);
  p.period = 20ms;
  p.timeout = 2000ms;
  return p;
}

config::exec_probe shell(std::string line) {
  return {config::command{std::move(line), {}}};
}

struct probe_fixture {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;

  probe_fixture() {
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
  }

  /// A runner reporting to the test (or to `owner`).
  caf::actor start(config::probe_spec probe, caf::actor owner = {},
                   std::string dir = {},
                   std::map<std::string, std::string> env = {}) {
    probe_runner_spec spec;
    spec.probe = std::move(probe);
    spec.dir = std::move(dir);
    spec.env = std::move(env);
    spec.owner = owner ? owner : caf::actor{*self};
    spec.resource = "server";
    return sys->spawn<probe_runner, caf::detached>(std::move(spec));
  }

  /// The next report (REQUIREd within 10 s).
  report next_report() {
    report r;
    bool got = false;
    (*self)->receive(
        [&](probe_result_atom, bool ready, const std::string& detail) {
          r = {ready, detail};
          got = true;
        },
        caf::after(10s) >> [] {});
    REQUIRE(got);
    return r;
  }

  /// REQUIREs that `runner` ends within 10 s, and reports nothing first.
  void require_ends(const caf::actor& runner) {
    bool down = false;
    std::string reported;
    (*self)->receive(
        [&](const caf::down_msg& d) { down = d.source == runner.address(); },
        [&](probe_result_atom, bool, const std::string& detail) {
          reported = detail;
        },
        caf::after(10s) >> [] {});
    CHECK(reported.empty());
    REQUIRE(down);
  }
};

std::string refused(int port) {
  return "connection refused to 127.0.0.1:" + std::to_string(port);
}

} // namespace

TEST_CASE("a probe runner reports a server unready with the reason, then "
          "ready, then unready when it goes away",
          "[probe]") {
  probe_fixture f;
  test::loopback_socket server;
  auto probe = fast_probe(config::tcp_socket_probe{"127.0.0.1", server.port()});
  probe.success_threshold = 2;
  probe.failure_threshold = 2;
  f.start(probe);

  auto first = f.next_report();
  CHECK_FALSE(first.ready);
  CHECK(first.detail == refused(server.port()));

  server.listen();
  auto second = f.next_report();
  CHECK(second.ready);
  CHECK(second.detail ==
        "connected to 127.0.0.1:" + std::to_string(server.port()));

  server.close();
  auto third = f.next_report();
  CHECK_FALSE(third.ready);
  CHECK(third.detail == refused(server.port()));
}

TEST_CASE("a probe runner whose first check passes reports ready first",
          "[probe]") {
  probe_fixture f;
  f.start(fast_probe(shell("true")));
  auto first = f.next_report();
  CHECK(first.ready);
  CHECK(first.detail == "exit 0");
}

TEST_CASE("a probe runner runs exec probes in the resource folder with its "
          "environment",
          "[probe]") {
  scratch_dir dir;
  std::ofstream(dir.path + "/marker") << "here\n";
  probe_fixture f;
  config::exec_probe argv;
  argv.command.argv = {"sh", "-c",
                       "test -f marker && test \"$PROBE_FLAG\" = on"};
  f.start(fast_probe(argv), {}, dir.path, {{"PROBE_FLAG", "on"}});
  CHECK(f.next_report().ready);
}

TEST_CASE("a probe runner waiting out a long initial delay stops when asked",
          "[probe]") {
  probe_fixture f;
  auto probe = fast_probe(shell("true"));
  probe.initial_delay = 1h;
  auto runner = f.start(probe);
  (*f.self)->monitor(runner);
  (*f.self)->send(runner, stop_atom::value);
  f.require_ends(runner);
}

TEST_CASE("a probe runner killed during a slow check ends after that check",
          "[probe]") {
  scratch_dir dir;
  auto fifo = dir.path + "/started";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Opened before the check runs: the check's write cannot block.
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(reader != -1);
  pid_t checker = 0;
  {
    probe_fixture f;
    auto probe = fast_probe(shell("echo $$ > started; exec sleep 30"));
    probe.timeout = 300ms;
    probe.failure_threshold = 1000;
    auto runner = f.start(probe, {}, dir.path);
    checker = read_pid(reader);
    (*f.self)->monitor(runner);
    (*f.self)->send_exit(runner, caf::exit_reason::user_shutdown);
    f.require_ends(runner);
  }
  ::close(reader);
  REQUIRE(checker > 0);
  CHECK(::kill(checker, 0) == -1); // killed at the timeout and reaped
}

TEST_CASE("a probe runner quits when its owner goes down", "[probe]") {
  probe_fixture f;
  auto owner = f.sys->spawn<idle_owner>();
  auto runner = f.start(fast_probe(shell("true")), owner);
  (*f.self)->monitor(runner);
  (*f.self)->send_exit(owner, caf::exit_reason::kill);
  f.require_ends(runner);
}

TEST_CASE("a probe runner hands an exec probe argv to the program word for "
          "word",
          "[probe]") {
  probe_fixture f;
  std::string odd = "it's a `$HOME` | \"x\" \\ *";
  config::exec_probe same;
  same.command.argv = {"test", odd, "=", odd};
  f.start(fast_probe(same));
  CHECK(f.next_report().ready);

  config::exec_probe differ;
  differ.command.argv = {"test", odd, "=", "it's"};
  auto probe = fast_probe(differ);
  probe.failure_threshold = 1;
  f.start(probe);
  auto r = f.next_report();
  CHECK_FALSE(r.ready);
  CHECK(r.detail == "exit 1");
}
