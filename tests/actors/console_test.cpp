// The console: what `actordev up` writes to the terminal, read back from a
// temporary file.
#include "actors/console.hpp"

#include "actors/scheduler.hpp"
#include "messages/caf_types.hpp"

#include <caf/all.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <string>
#include <unistd.h>

using namespace actordev;
using namespace std::chrono_literals;

namespace {

/// A temporary file the console writes to; `text()` reads it all back.
class captured_output {
public:
  captured_output()
      : file_(std::tmpfile()) {
    REQUIRE(file_ != nullptr);
  }
  ~captured_output() { std::fclose(file_); }
  captured_output(const captured_output&) = delete;
  captured_output& operator=(const captured_output&) = delete;

  FILE* file() const { return file_; }

  std::string text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, file_)) > 0;)
      out.append(buf, n);
    return out;
  }

private:
  FILE* file_;
};

msg::Event config(const std::vector<std::pair<std::string, std::string>>&
                      resources /* name, dependency */) {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_config_path("/p/actordev.yaml");
  c->set_max_parallel_updates(3);
  for (const auto& [name, dep] : resources) {
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
    m->set_has_readiness_probe(true);
    if (!dep.empty())
      m->add_resource_deps(dep);
  }
  return e;
}

msg::Event started(const std::string& name) {
  msg::Event e;
  e.mutable_build_started()->set_manifest(name);
  return e;
}

msg::Event finished(const std::string& name) {
  msg::Event e;
  e.mutable_build_finished()->set_manifest(name);
  return e;
}

msg::Event ready(const std::string& name) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  r->set_status(msg::RUNTIME_OK);
  r->set_ready(true);
  return e;
}

msg::LogLine log_line(const std::string& resource, const std::string& text,
                      msg::LogStream stream = msg::LOG_STDOUT) {
  msg::LogLine l;
  l.set_resource(resource);
  l.set_text(text);
  l.set_stream(stream);
  return l;
}

msg::Decision waiting(const std::string& name, const std::string& on) {
  msg::Decision d;
  auto* h = d.add_holds();
  h->set_manifest(name);
  h->set_reason(msg::HOLD_WAITING_FOR_DEP);
  auto* ref = h->add_waiting_on();
  ref->set_type(msg::TARGET_MANIFEST);
  ref->set_name(on);
  return d;
}

/// A console on a real actor system; `sync()` waits until it wrote
/// everything sent so far, by a request it answers after them.
struct console_fixture {
  captured_output out; // outlives the actor system
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<caf::scoped_actor> self;
  caf::actor console;

  explicit console_fixture(bool colour = false) {
    add_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    self = std::make_unique<caf::scoped_actor>(*sys);
    console = sys->spawn<console_actor>(console_options{out.file(), colour});
  }

  ~console_fixture() { caf::anon_send_exit(console, caf::exit_reason::kill); }

  template <class T>
  void send(T x) {
    (*self)->send(console, std::move(x));
  }

  std::string sync() {
    bool answered = false;
    (*self)
        ->request(console, 10s, console_sync_atom::value)
        .receive([&](console_sync_atom) { answered = true; },
                 [&](const caf::error& err) {
                   FAIL("console did not answer: " << sys->render(err));
                 });
    REQUIRE(answered);
    return out.text();
  }
};

} // namespace

TEST_CASE("the console prints log lines under padded resource names",
          "[console]") {
  console_fixture f;
  f.send(config({{"api", "database"}, {"database", ""}}));
  f.send(log_line("api", "listening on :8080"));
  f.send(log_line("database", "accepting connections", msg::LOG_STDERR));
  f.send(log_line("actordev", "watching 2 folders", msg::LOG_SYSTEM));
  CHECK(f.sync() == "api      | listening on :8080\n"
                    "database | accepting connections\n"
                    "actordev | watching 2 folders\n");
}

TEST_CASE("the console prints a status only when it changes", "[console]") {
  console_fixture f;
  f.send(config({{"api", "db"}, {"db", ""}}));
  f.send(started("db"));
  f.send(waiting("api", "db"));
  f.send(waiting("api", "db"));
  f.send(log_line("db", "starting up"));
  f.send(finished("db"));
  f.send(ready("db"));
  f.send(ready("db"));
  f.send(started("api"));
  f.send(msg::Decision{});
  CHECK(f.sync() == "db       \u25cf building\n"
                    "api      \u25cf waiting on db\n"
                    "db       | starting up\n"
                    "db       \u25cf updated\n"
                    "db       \u25cf ready\n"
                    "api      \u25cf building\n");
}

TEST_CASE("without colour the console writes no escape code", "[console]") {
  console_fixture f{false};
  f.send(config({{"api", ""}}));
  f.send(log_line("api", "\x1b[32mgreen\x1b[0m"));
  f.send(log_line("api", "note", msg::LOG_SYSTEM));
  f.send(started("api"));
  auto text = f.sync();
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text == "api      | green\n"
                "api      | note\n"
                "api      \u25cf building\n");
}

TEST_CASE("with colour the console colours names and statuses", "[console]") {
  console_fixture f{true};
  f.send(config({{"api", ""}}));
  f.send(log_line("api", "hi"));
  f.send(started("api"));
  auto api = "\x1b[" + std::string{palette_colour(0)} + "mapi\x1b[0m";
  CHECK(f.sync() ==
        api + "      | hi\n" + api + "      \x1b[36m\u25cf\x1b[0m building\n");
}

TEST_CASE("the console follows the scheduler's events and decisions",
          "[console]") {
  captured_output out; // outlives the actor system
  caf::actor_system_config cfg;
  add_message_types(cfg);
  cfg.set("scheduler.policy", caf::atom("testing"));
  caf::actor_system sys{cfg};
  auto& sched =
      dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  time_us clock = 1'700'000'000'000'000;
  auto scheduler = sys.spawn<scheduler_actor>(
      scheduler_options{[&clock] { return clock += 1000; }, {}});
  auto console = sys.spawn<console_actor>(console_options{out.file(), false});
  caf::anon_send(scheduler, watch_events_atom::value, console);
  caf::anon_send(scheduler, subscribe_atom::value, console);
  caf::anon_send(scheduler, config({{"api", "db"}, {"db", ""}}));
  sched.run();
  // No manifest actor runs db here: the scheduler fails its build. The
  // decision was taken as db started, which a local runs alone; the next
  // one, after the failure, holds api on db, which never became ready.
  CHECK(out.text() ==
        "db       \u25cf building\n"
        "db       \u25cf build failed: no manifest actor is running for db\n"
        "api      \u25cf waiting for local resource db\n"
        "api      \u25cf waiting on db\n");
  caf::anon_send_exit(scheduler, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(console, caf::exit_reason::user_shutdown);
  sched.run();
}

TEST_CASE("the console uses colour on a terminal unless NO_COLOR is set",
          "[console]") {
  captured_output file;
  CHECK_FALSE(use_colour(file.file()));

  int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  FILE* terminal = std::fopen(ptsname(master), "w");
  REQUIRE(terminal != nullptr);
  unsetenv("NO_COLOR");
  CHECK(use_colour(terminal));
  setenv("NO_COLOR", "", 1);
  CHECK(use_colour(terminal));
  setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(use_colour(terminal));
  unsetenv("NO_COLOR");
  std::fclose(terminal);
  close(master);
}
