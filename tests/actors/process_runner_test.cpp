// The process runner on a real actor system with real processes.
#include "actors/process_runner.hpp"

#include "messages/caf_types.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <filesystem>

using namespace actordev;
using namespace std::chrono_literals;

namespace {

struct runner_fixture {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;

  runner_fixture() {
    add_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
  }

  caf::actor run(const std::string& command, const std::string& dir = "/") {
    runner_spec spec;
    spec.resource = "job";
    spec.process.command = command;
    spec.process.dir = dir;
    spec.sink = caf::actor{*self};
    spec.grace = 200ms;
    return sys->spawn<process_runner, caf::detached>(std::move(spec));
  }

  /// Receives until ProcessExited (at most `limit` messages, each within
  /// 10 s); returns the lines seen and the exit.
  std::pair<std::vector<std::string>, msg::ProcessExited> collect() {
    std::vector<std::string> lines;
    msg::ProcessExited exited;
    bool done = false;
    for (int i = 0; i < 100 && !done; ++i)
      (*self)->receive(
          [&](const msg::LogLine& l) {
            lines.push_back(
                (l.stream() == msg::LOG_STDERR ? "err: " : "out: ") + l.text());
          },
          [&](const msg::ProcessExited& e) {
            exited = e;
            done = true;
          },
          caf::after(10s) >> [&] { done = true; });
    return {lines, exited};
  }
};

} // namespace

TEST_CASE("a runner streams a command's lines, then its exit", "[runner]") {
  runner_fixture f;
  f.run("echo one; echo two >&2; exit 3");
  auto [lines, exited] = f.collect();
  CHECK(lines == std::vector<std::string>{"out: one", "err: two"});
  CHECK(exited.resource() == "job");
  CHECK(exited.code() == 3);
  CHECK(exited.error().empty());
}

TEST_CASE("a runner reports a command that cannot start", "[runner]") {
  runner_fixture f;
  f.run("true", "/nonexistent/folder");
  auto [lines, exited] = f.collect();
  CHECK(lines.empty());
  CHECK_THAT(exited.error(), Catch::Matchers::Contains("/nonexistent/folder"));
}

TEST_CASE("a stopped runner kills its process group", "[runner]") {
  runner_fixture f;
  auto runner = f.run("trap '' TERM; echo started; sleep 1000 & wait");
  (*f.self)->receive(
      [&](const msg::LogLine& l) { CHECK(l.text() == "started"); },
      caf::after(10s) >> [] { FAIL("no output"); });
  (*f.self)->send(runner, stop_atom::value);
  auto [lines, exited] = f.collect();
  CHECK(exited.signal() == 9); // it ignored SIGTERM: killed after the grace
}
