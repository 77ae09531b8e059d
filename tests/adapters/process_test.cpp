// adapters::process with real processes: what a user of `actordev up` sees
// of a command's output, its exit, and of stopping it.
#include "process_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <pthread.h>
#include <string>
#include <unistd.h>

using namespace actordev;
using namespace actordev::test;
using adapters::exit_status;
using adapters::group_stop;
using clock_type = std::chrono::steady_clock;
using strings = std::vector<std::string>;

TEST_CASE("stdout and stderr lines arrive tagged, in order, with the exit "
          "code",
          "[process]") {
  process_fixture f;
  auto p = f.start("echo out1; echo err1 >&2; echo out2; echo err2 >&2; "
                   "exit 3");
  auto t = f.run_to_exit(p);
  CHECK(t.out() == strings{"out1", "out2"});
  CHECK(t.err() == strings{"err1", "err2"});
  CHECK(*t.exit == exit_status{3, 0});
  CHECK(t.exit->describe() == "exit 3");
  CHECK_FALSE(p.running());
}

TEST_CASE("a process killed by a signal reports the signal", "[process]") {
  process_fixture f;
  auto p = f.start("echo before; kill -TERM $$; echo after");
  auto t = f.run_to_exit(p);
  CHECK(t.out() == strings{"before"});
  CHECK(t.exit->signal == SIGTERM);
  CHECK_FALSE(t.exit->success());
  CHECK(t.exit->describe() == "killed by SIGTERM");
}

TEST_CASE("the command runs in its directory with its environment added",
          "[process]") {
  process_fixture f;
  auto p =
      f.start("pwd; printf '%s\\n' \"$GREETING\" \"$HOME\"; "
              "[ -n \"$PATH\" ] && echo inherited",
              f.dir(), {{"GREETING", "hello world"}, {"HOME", "/nowhere"}});
  auto t = f.run_to_exit(p);
  CHECK(t.out() == strings{f.dir(), "hello world", "/nowhere", "inherited"});
  CHECK(t.exit->success());
}

TEST_CASE("a working directory that cannot be used is an error naming it",
          "[process]") {
  process_fixture f;
  auto missing = f.dir() + "/missing";
  auto started = adapters::process::start({"true", missing, {}});
  REQUIRE(std::holds_alternative<adapters::spawn_error>(started));
  CHECK(std::get<adapters::spawn_error>(started).message() ==
        "cannot start `true` in " + missing + ": working directory " + missing +
            " does not exist");

  auto file = f.dir() + "/file";
  std::ofstream(file) << "not a directory\n";
  auto not_dir = adapters::process::start({"true", file, {}});
  REQUIRE(std::holds_alternative<adapters::spawn_error>(not_dir));
  CHECK(std::get<adapters::spawn_error>(not_dir).reason ==
        "working directory " + file + " is not a directory");
}

TEST_CASE("output is delivered while the process still runs", "[process]") {
  process_fixture f;
  auto fifo = f.make_fifo("go");
  auto p =
      f.start("echo first; read answer < " + fifo + "; echo \"got $answer\"");
  transcript t;
  REQUIRE(f.poll_for_lines(p, t, 1));
  CHECK(t.out() == strings{"first"});
  CHECK_FALSE(t.exit);
  CHECK(p.running());

  // O_RDWR never blocks on a FIFO, and keeps it open until the shell read.
  int writer = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(writer != -1);
  CHECK(::write(writer, "go\n", 3) == 3);
  auto rest = f.run_to_exit(p);
  ::close(writer);
  CHECK(rest.out() == strings{"got go"});
  CHECK(rest.exit->success());
}

TEST_CASE("a last line without a newline is delivered at exit", "[process]") {
  process_fixture f;
  auto p = f.start("printf 'first\\nlast'; printf 'oops' >&2");
  auto t = f.run_to_exit(p);
  CHECK(t.out() == strings{"first", "last"});
  CHECK(t.err() == strings{"oops"});
}

TEST_CASE("a very long line arrives in pieces cut at 64 KiB", "[process]") {
  process_fixture f;
  auto p = f.start("head -c 150000 /dev/zero | tr '\\0' x; echo; echo after");
  auto t = f.run_to_exit(p);
  REQUIRE(t.lines.size() == 4);
  CHECK(t.lines[0].text == std::string(65536, 'x'));
  CHECK(t.lines[0].cut);
  CHECK(t.lines[1].text == std::string(65536, 'x'));
  CHECK(t.lines[1].cut);
  CHECK(t.lines[2].text == std::string(150000 - 2 * 65536, 'x'));
  CHECK_FALSE(t.lines[2].cut);
  CHECK(t.lines[3].text == "after");
}

TEST_CASE("bytes that are not UTF-8 pass through unchanged", "[process]") {
  process_fixture f;
  auto p = f.start("printf '\\377\\376ok\\n'");
  auto t = f.run_to_exit(p);
  CHECK(t.out() == strings{"\xff\xfeok"});
}

TEST_CASE("stop ends a process that honours SIGTERM without waiting for the "
          "grace period",
          "[process]") {
  process_fixture f;
  auto p = f.start("echo ready; sleep 1000");
  transcript t;
  REQUIRE(f.poll_for_lines(p, t, 1));
  auto begin = clock_type::now();
  auto stopped = p.stop(5s);
  CHECK(clock_type::now() - begin < 4s);
  CHECK(stopped.group == group_stop::terminated);
  CHECK(stopped.exit.signal == SIGTERM);
  CHECK_FALSE(p.running());
}

TEST_CASE("stop kills a process that ignores SIGTERM once the grace period "
          "is over",
          "[process]") {
  process_fixture f;
  auto p = f.start("trap '' TERM; echo ready; while :; do sleep 1; done");
  transcript t;
  REQUIRE(f.poll_for_lines(p, t, 1));
  auto begin = clock_type::now();
  auto stopped = p.stop(300ms);
  CHECK(clock_type::now() - begin >= 300ms);
  CHECK(stopped.group == group_stop::killed);
  CHECK(stopped.exit.signal == SIGKILL);
  CHECK(p.poll(0ms).exit == stopped.exit);
}

TEST_CASE("stop kills a grandchild that ignores SIGTERM", "[process]") {
  process_fixture f;
  auto p = f.start("exec sh " + f.script("ignores_term_with_grandchild.sh"));
  auto grandchild = f.read_pid(p);
  CHECK(::getpgid(grandchild) == p.pgid());
  CHECK(p.stop(300ms).group == group_stop::killed);
  CHECK(is_dead(grandchild));
  CHECK(wait_until_reaped(grandchild));
}

TEST_CASE("stop kills a grandchild that left the group with setsid while "
          "its parent runs",
          "[process]") {
  process_fixture f;
  auto p = f.start("exec sh " + f.script("escapes_with_setsid.sh"));
  auto grandchild = f.read_pid(p);
  auto deadline = clock_type::now() + 10s;
  while (::getpgid(grandchild) != grandchild && clock_type::now() < deadline)
    p.poll(10ms);
  REQUIRE(::getpgid(grandchild) == grandchild); // it did leave
  CHECK(p.stop(300ms).group == group_stop::killed);
  CHECK(is_dead(grandchild));
  CHECK(wait_until_reaped(grandchild));
}

TEST_CASE("stop after the process exited ends what it left behind",
          "[process]") {
  process_fixture f;
  auto p = f.start("sleep 1000 & echo $!");
  auto t = f.run_to_exit(p);
  REQUIRE(t.out().size() == 1);
  auto leftover = static_cast<pid_t>(std::stoi(t.out().front()));
  CHECK(t.exit->success());
  CHECK_FALSE(is_dead(leftover));
  auto stopped = p.stop(5s);
  CHECK(stopped.group == group_stop::terminated);
  CHECK(stopped.exit.success());
  CHECK(is_dead(leftover));
}

TEST_CASE("the destructor kills a running group and reaps it", "[process]") {
  process_fixture f;
  pid_t leader = 0;
  pid_t grandchild = 0;
  {
    auto p = f.start("exec sh " + f.script("ignores_term_with_grandchild.sh"));
    leader = p.pid();
    grandchild = f.read_pid(p);
  }
  CHECK(::kill(leader, 0) == -1); // reaped: no zombie left
  CHECK(errno == ESRCH);
  CHECK(is_dead(grandchild));
  CHECK(wait_until_reaped(grandchild));
}

TEST_CASE("assigning over a running process kills the one it replaces",
          "[process]") {
  process_fixture f;
  auto first = f.start("exec sleep 1000");
  auto first_pid = first.pid();
  first = f.start("exec sleep 1000");
  CHECK(::kill(first_pid, 0) == -1);
  CHECK(first.running());
}

namespace {

/// Makes this thread look like an actordev that blocks SIGTERM (for a
/// signalfd) and holds a descriptor without close-on-exec, until the end
/// of the scope.
struct careless_parent {
  careless_parent() {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &term, &saved_mask);
    REQUIRE(::pipe(fds) == 0); // deliberately without O_CLOEXEC
  }
  ~careless_parent() {
    ::close(fds[0]);
    ::close(fds[1]);
    pthread_sigmask(SIG_SETMASK, &saved_mask, nullptr);
  }
  sigset_t saved_mask{};
  int fds[2] = {-1, -1};
};

} // namespace

TEST_CASE("a child inherits neither actordev's descriptors nor its blocked "
          "signals, and reads /dev/null",
          "[process]") {
  process_fixture f;
  careless_parent parent;
  auto fd = std::to_string(parent.fds[1]);
  auto p = f.start("[ -e /proc/$$/fd/" + fd +
                   " ] && echo leaked || echo closed; readlink /proc/$$/fd/0");
  CHECK(f.run_to_exit(p).out() == strings{"closed", "/dev/null"});
  // The shell itself blocks signals around its forks: ask an exec'd grep.
  auto mask = f.start("exec grep SigBlk /proc/self/status");
  CHECK(f.run_to_exit(mask).out() == strings{"SigBlk:\t0000000000000000"});
}
