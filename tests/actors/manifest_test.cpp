// The manifest actor with a real builder and real processes; the test plays
// the scheduler and the console.
#include "actors/builder.hpp"
#include "actors/manifest.hpp"
#include "actors/process_runner.hpp"

#include "messages/caf_types.hpp"

#include <caf/all.hpp>
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

using namespace actordev;
using namespace std::chrono_literals;

namespace {

/// What the manifest told the scheduler or the console, in order.
using seen = std::variant<msg::Event, msg::LogLine>;

struct manifest_fixture {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor builder;

  manifest_fixture() {
    add_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
    builder = sys->spawn<builder_actor>(builder_options{});
  }

  ~manifest_fixture() { caf::anon_send_exit(builder, caf::exit_reason::kill); }

  caf::actor spawn(config::local_resource r) {
    manifest_options m;
    m.resource = std::make_shared<const config::local_resource>(std::move(r));
    m.scheduler = caf::actor{*self};
    m.builder = builder;
    m.log = caf::actor{*self};
    m.grace = 200ms;
    m.backoff = 10ms;
    m.backoff_cap = 40ms;
    return sys->spawn<manifest_actor>(std::move(m));
  }

  void grant(const caf::actor& manifest) {
    msg::BuildGrant g;
    g.set_manifest("r");
    (*self)->send(manifest, g);
  }

  /// Receives until `done` says so (at most 200 messages, each within 10 s).
  template <class Done>
  std::vector<seen> until(Done done) {
    std::vector<seen> out;
    for (int i = 0; i < 200; ++i) {
      bool stop = false;
      (*self)->receive(
          [&](const msg::Event& e) {
            out.emplace_back(e);
            stop = done(out.back());
          },
          [&](const msg::LogLine& l) {
            out.emplace_back(l);
            stop = done(out.back());
          },
          caf::after(10s) >> [&] { stop = true; });
      if (stop)
        break;
    }
    return out;
  }

  /// Stops the manifest and returns what it sent before its answer.
  std::vector<seen> stop(const caf::actor& manifest) {
    std::vector<seen> out;
    bool stopped = false;
    (*self)->send(manifest, stop_atom::value);
    for (int i = 0; i < 200 && !stopped; ++i)
      (*self)->receive([&](const msg::Event& e) { out.emplace_back(e); },
                       [&](const msg::LogLine& l) { out.emplace_back(l); },
                       [&](stopped_atom) { stopped = true; },
                       caf::after(10s) >> [&] { stopped = true; });
    return out;
  }
};

config::local_resource resource() {
  config::local_resource r;
  r.name = "r";
  r.dir = "/";
  return r;
}

bool runtime_is(const seen& s, msg::RuntimeStatus status) {
  const auto* e = std::get_if<msg::Event>(&s);
  return e && e->has_runtime_changed() &&
         e->runtime_changed().status() == status;
}

const msg::BuildFinished* build_finished(const seen& s) {
  const auto* e = std::get_if<msg::Event>(&s);
  return e && e->has_build_finished() ? &e->build_finished() : nullptr;
}

bool says(const seen& s, const std::string& text) {
  const auto* l = std::get_if<msg::LogLine>(&s);
  return l && l->text().find(text) != std::string::npos;
}

int count(const std::vector<seen>& xs, bool (*pred)(const seen&)) {
  int n = 0;
  for (const auto& x : xs)
    n += pred(x) ? 1 : 0;
  return n;
}

} // namespace

TEST_CASE("a job's build reports its output, then success", "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.cmd = config::command{"echo made", {}};
  auto m = f.spawn(r);
  f.grant(m);
  auto got =
      f.until([](const seen& s) { return runtime_is(s, msg::RUNTIME_NONE); });
  REQUIRE(got.size() >= 3);
  CHECK(says(got[0], "made"));
  const auto* done = build_finished(got[1]);
  REQUIRE(done);
  CHECK(done->error().empty());
  CHECK(std::get<msg::Event>(got[2]).runtime_changed().succeeded());
  f.stop(m);
}

TEST_CASE("a failed job's build says its exit code", "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.cmd = config::command{"exit 2", {}};
  auto m = f.spawn(r);
  f.grant(m);
  auto got =
      f.until([](const seen& s) { return build_finished(s) != nullptr; });
  REQUIRE_FALSE(got.empty());
  const auto* done = build_finished(got.back());
  REQUIRE(done);
  CHECK(done->error() == "exit 2");
  CHECK(done->exit_code() == 2);
  f.stop(m);
}

TEST_CASE("a server that fails is restarted with on-failure", "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.serve_cmd = config::command{"exit 3", {}};
  r.restart = config::restart_policy::on_failure;
  auto m = f.spawn(r);
  f.grant(m);
  // Started, exited, restarted (a second start), exited again.
  int starts = 0;
  auto got = f.until([&](const seen& s) {
    starts += runtime_is(s, msg::RUNTIME_OK) ? 1 : 0;
    return starts == 3;
  });
  CHECK(starts == 3);
  CHECK(count(got, [](const seen& s) {
          return runtime_is(s, msg::RUNTIME_ERROR);
        }) >= 2);
  CHECK(count(got, [](const seen& s) {
          return says(s, "exit 3; restarting in");
        }) >= 2);
  f.stop(m);
}

TEST_CASE("a server that exits 0 is not restarted with on-failure",
          "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.serve_cmd = config::command{"exit 0", {}};
  r.restart = config::restart_policy::on_failure;
  auto m = f.spawn(r);
  f.grant(m);
  f.until([](const seen& s) { return runtime_is(s, msg::RUNTIME_NONE); });
  // A restart would be scheduled in the same turn as the report, so its
  // note would come before the answer to stop.
  auto rest = f.stop(m);
  CHECK(count(rest, [](const seen& s) { return says(s, "restarting"); }) == 0);
  CHECK(count(rest, [](const seen& s) {
          return runtime_is(s, msg::RUNTIME_OK);
        }) == 0);
}

TEST_CASE("a server with restart never stays down after it failed",
          "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.serve_cmd = config::command{"exit 1", {}};
  auto m = f.spawn(r);
  f.grant(m);
  auto got =
      f.until([](const seen& s) { return runtime_is(s, msg::RUNTIME_ERROR); });
  REQUIRE_FALSE(got.empty());
  CHECK(std::get<msg::Event>(got.back()).runtime_changed().error() ==
        "exited (exit 1)");
  auto rest = f.stop(m);
  CHECK(count(rest, [](const seen& s) { return says(s, "restarting"); }) == 0);
}

TEST_CASE("a new build replaces the running server once the old one is gone",
          "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.cmd = config::command{"true", {}};
  r.serve_cmd = config::command{"echo up; exec sleep 100", {}};
  auto m = f.spawn(r);
  f.grant(m);
  f.until([](const seen& s) { return says(s, "up"); });
  f.grant(m);
  // The second server starts only after the first was stopped: its start
  // is reported after a second successful build finished.
  auto got = f.until([](const seen& s) { return says(s, "up"); });
  CHECK(count(got, [](const seen& s) {
          return runtime_is(s, msg::RUNTIME_OK);
        }) == 1);
  const seen* finished = nullptr;
  for (const auto& s : got)
    if (build_finished(s))
      finished = &s;
  REQUIRE(finished);
  CHECK(build_finished(*finished)->error().empty());
  auto rest = f.stop(m);
  CHECK(count(rest, [](const seen& s) {
          return runtime_is(s, msg::RUNTIME_ERROR);
        }) == 0);
}

TEST_CASE("every stop_atom is answered once the server is gone, a second "
          "one too",
          "[manifest]") {
  manifest_fixture f;
  auto r = resource();
  r.serve_cmd = config::command{"echo up; exec sleep 100", {}};
  auto m = f.spawn(r);
  f.grant(m);
  f.until([](const seen& s) { return says(s, "up"); });
  // Two askers while it stops (the session's reload, then its shutdown).
  (*f.self)->send(m, stop_atom::value);
  (*f.self)->send(m, stop_atom::value);
  int answers = 0;
  bool timed_out = false;
  for (int i = 0; i < 200 && answers < 2 && !timed_out; ++i)
    (*f.self)->receive([](const msg::Event&) {}, [](const msg::LogLine&) {},
                       [&](stopped_atom) { ++answers; },
                       caf::after(10s) >> [&] { timed_out = true; });
  CHECK(answers == 2);
}
