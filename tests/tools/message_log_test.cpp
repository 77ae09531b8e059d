// `up` and `ci` record a message log: one file per session under
// .actordev/logs (the newest few kept), or where --message-log says, or
// none; a log that cannot be written is a warning, never a failed session.
#include "session_fixture.hpp"

#include "runtime/message_log/log_reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iterator>
#include <set>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

constexpr auto two_jobs = R"(resources:
  gen:
    cmd: echo generated
  check:
    cmd: "true"
    resource_deps: [gen]
)";

/// The names of the *.alog files in `dir`, sorted; none when it is missing.
std::vector<std::string> logs_in(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator i{dir, ec}, end; !ec && i != end; i.increment(ec))
    if (i->path().extension() == ".alog")
      out.push_back(i->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string logs_dir(const temp_project& p) {
  return p.dir() + "/.actordev/logs";
}

/// A log read back whole: its header and records; fails on damage.
struct read_log {
  msg::LogHeader header;
  std::vector<msg::LogRecord> records;

  explicit read_log(const std::string& path) {
    auto bytes = read_text(path);
    auto reader = message_log::read_binary(bytes);
    REQUIRE(reader->header());
    header = *reader->header();
    for (msg::LogRecord r; reader->next(r);)
      records.push_back(r);
    if (reader->damage())
      FAIL(path << ": " << reader->damage()->describe());
  }

  bool has_config_loaded() const {
    return std::any_of(records.begin(), records.end(), [](const auto& r) {
      return r.has_event() && r.event().has_config_loaded();
    });
  }

  /// Every manifest some decision granted.
  std::set<std::string> granted() const {
    std::set<std::string> out;
    for (const auto& r : records)
      if (r.has_decision())
        out.insert(r.decision().granted().begin(),
                   r.decision().granted().end());
    return out;
  }
};

} // namespace

TEST_CASE("ci records one log in .actordev/logs with the config and every "
          "grant",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  auto r = p.actordev("ci --timeout 60s");
  REQUIRE(r.exit_code == 0);
  auto logs = logs_in(logs_dir(p));
  REQUIRE(logs.size() == 1);
  read_log log{logs_dir(p) + "/" + logs[0]};
  CHECK(log.header.command() == "ci");
  CHECK(log.header.actordev_version() == "0.1.0");
  CHECK(log.header.started_us() > 0);
  CHECK(fs::equivalent(log.header.config_path(), p.dir() + "/actordev.yaml"));
  CHECK(log.header.config_yaml() == two_jobs);
  CHECK(log.has_config_loaded());
  CHECK(log.granted() == std::set<std::string>{"check", "gen"});
}

TEST_CASE("ci --message-log PATH records the log there and nothing in "
          ".actordev/logs",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  auto r = p.actordev("ci --timeout 60s --message-log out/run.alog");
  REQUIRE(r.exit_code == 0);
  read_log log{p.dir() + "/out/run.alog"};
  CHECK(log.has_config_loaded());
  CHECK(logs_in(logs_dir(p)).empty());
  // A second run replaces its own old log.
  REQUIRE(p.actordev("ci --timeout 60s --message-log out/run.alog").exit_code ==
          0);
  CHECK(read_log{p.dir() + "/out/run.alog"}.header.started_us() >
        log.header.started_us());
}

TEST_CASE("ci --no-message-log records nothing", "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  auto r = p.actordev("ci --timeout 60s --no-message-log");
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(logs_dir(p)));
}

TEST_CASE("ci with both --message-log and --no-message-log is a usage "
          "error",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  CHECK(p.actordev("ci --message-log x.alog --no-message-log").exit_code == 2);
}

TEST_CASE("after 12 runs with --keep-logs 3 the 3 newest logs are left",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  p.write(".actordev/logs/notes.txt", "mine");
  std::vector<std::string> created;
  for (int run = 0; run < 12; ++run) {
    auto before = logs_in(logs_dir(p));
    REQUIRE(p.actordev("ci --timeout 60s --keep-logs 3").exit_code == 0);
    auto after = logs_in(logs_dir(p));
    std::vector<std::string> fresh;
    std::set_difference(after.begin(), after.end(), before.begin(),
                        before.end(), std::back_inserter(fresh));
    REQUIRE(fresh.size() == 1);
    created.push_back(fresh[0]);
  }
  CHECK(logs_in(logs_dir(p)) ==
        std::vector<std::string>(created.end() - 3, created.end()));
  CHECK(read_text(logs_dir(p) + "/notes.txt") == "mine");
}

TEST_CASE("a log that cannot be created is one warning saying where and "
          "why, and ci still passes",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  p.write("a-file", "not a folder");
  auto r = p.actordev("ci --timeout 60s --message-log a-file/run.alog");
  CHECK(r.exit_code == 0);
  CHECK(count_of(r.output, "warning") == 1);
  CHECK_THAT(r.output,
             Contains("cannot create the folder of the message log") &&
                 Contains("a-file") && Contains("Not a directory") &&
                 Contains("running without a message log"));
  CHECK_THAT(r.output, Contains("every resource is ready"));
}

TEST_CASE("ci --message-log never overwrites a file that is not a log",
          "[e2e][message-log]") {
  temp_project p;
  p.write("actordev.yaml", two_jobs);
  auto r = p.actordev("ci --timeout 60s --message-log actordev.yaml");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("is not a message log"));
  CHECK(read_text(p.dir() + "/actordev.yaml") == two_jobs);
}

TEST_CASE("up stopped by a signal records the builds the stop ended, "
          "whole",
          "[e2e][message-log]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", R"(resources:
  slow:
    cmd: echo started > out/started; exec sleep 1000
)");
  running_actordev up{p, "up"};
  wait_until([&] { return fs::exists(p.dir() + "/out/started"); },
             "the build runs");
  up.signal(SIGTERM);
  REQUIRE(up.wait_exit() == 0);
  auto logs = logs_in(logs_dir(p));
  REQUIRE(logs.size() == 1);
  read_log log{logs_dir(p) + "/" + logs[0]};
  CHECK(log.header.command() == "up");
  // The build the stop ended was reported while stopping, after the
  // scheduler was last asked to decide: the last event, not lost.
  auto last = std::find_if(log.records.rbegin(), log.records.rend(),
                           [](const auto& r) { return r.has_event(); });
  REQUIRE(last != log.records.rend());
  CHECK(last->event().build_finished().manifest() == "slow");
  CHECK_FALSE(last->event().build_finished().error().empty());
}
