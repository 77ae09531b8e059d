// `actordev ci`: runs everything and answers with an exit code and one line
// that says why. Also: a bad config starts nothing, and the quickstart of
// the README passes.
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <sstream>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// The lines of `text` that contain `part`.
std::vector<std::string> lines_with(const std::string& text,
                                    const std::string& part) {
  std::vector<std::string> out;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);)
    if (line.find(part) != std::string::npos)
      out.push_back(line);
  return out;
}

/// A server that never becomes ready, as nothing listens on its probe's
/// port. It writes its pid to out/slow.pid.
std::string never_ready() {
  return replace_all(R"(resources:
  slow:
    serve_cmd: echo $$ > out/slow.pid; exec sleep 1000
    readiness_probe:
      http_get: {port: PORT}
      period_ms: 100
)",
                     "PORT", std::to_string(free_port()));
}

} // namespace

TEST_CASE("ci exits 0 once every resource is ready", "[e2e][ci]") {
  temp_project p;
  p.write("actordev.yaml", R"(resources:
  gen:
    cmd: echo generated
  server:
    serve_cmd: exec sleep 1000
    resource_deps: [gen]
)");
  running_actordev ci{p, "ci --timeout 60s"};
  CHECK(ci.wait_exit() == 0);
  CHECK_THAT(ci.output(), Contains("actordev ci: every resource is ready"));
}

TEST_CASE("ci exits 4 with one line naming the resource that failed",
          "[e2e][ci]") {
  temp_project p;
  p.write("actordev.yaml", R"(resources:
  fine:
    cmd: "true"
  broken:
    cmd: exit 2
)");
  running_actordev ci{p, "ci --timeout 60s"};
  CHECK(ci.wait_exit() == 4);
  auto failed = lines_with(ci.output(), "actordev ci: failed");
  REQUIRE(failed.size() == 1);
  CHECK_THAT(failed[0], Contains("broken") && Contains("exit 2"));
  CHECK_THAT(failed[0], !Contains("fine"));
}

TEST_CASE("ci exits 5 on timeout and says what it waited for", "[e2e][ci]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", never_ready());
  running_actordev ci{p, "ci --timeout 2s"};
  CHECK(ci.wait_exit() == 5);
  auto timed_out = lines_with(ci.output(), "timed out");
  REQUIRE(timed_out.size() == 1);
  CHECK_THAT(timed_out[0], Contains("after 2000ms") && Contains("slow"));
  CHECK_THAT(timed_out[0], Contains("not ready"));
  // ci stops what it started.
  const pid_t server = read_pid(p.dir() + "/out/slow.pid");
  REQUIRE(server > 0);
  wait_until([&] { return !alive(server); }, "the server is gone");
}

TEST_CASE("ci exits 130 when interrupted and stops what it started",
          "[e2e][ci]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", never_ready());
  running_actordev ci{p, "ci --timeout 60s"};
  const auto pid_file = p.dir() + "/out/slow.pid";
  ci.wait_for([&] { return alive(read_pid(pid_file)); }, "the server runs");
  const pid_t server = read_pid(pid_file);

  ci.signal(SIGINT);
  CHECK(ci.wait_exit() == 130);
  CHECK_THAT(ci.output(), Contains("interrupted"));
  wait_until([&] { return !alive(server); }, "the server is gone");
}

TEST_CASE("a bad config prints file, line and column and starts nothing",
          "[e2e][config]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", R"(resources:
  good:
    cmd: touch out/started
  server:
    serve_cmd: touch out/served; exec sleep 1000
  bad:
    cmd: "true"
    restart: sometimes
)");
  for (std::string command : {"up", "ci --timeout 60s"}) {
    INFO("actordev " << command);
    running_actordev run{p, command};
    CHECK(run.wait_exit() == 1);
    CHECK_THAT(run.output(), Contains("actordev.yaml:8:"));
    CHECK_THAT(run.output(), Contains("nothing was started"));
    CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/started"));
    CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/served"));
    CHECK_FALSE(std::filesystem::exists(p.dir() + "/.actordev/processes"));
  }
}

TEST_CASE("the README quickstart passes ci", "[e2e][example]") {
  temp_project p;
  std::filesystem::copy(ACTORDEV_SOURCE_DIR "/docs/examples/quickstart",
                        p.dir(), std::filesystem::copy_options::recursive);
  // The example serves on 8765; a free port lets suites run side by side.
  auto config = read_text(p.dir() + "/actordev.yaml");
  REQUIRE(count_of(config, "8765") == 4);
  replace_file(p, "actordev.yaml",
               replace_all(config, "8765", std::to_string(free_port())));
  std::filesystem::remove(p.dir() + "/www/index.html");

  running_actordev ci{p, "ci --timeout 60s -f actordev.yaml"};
  CHECK(ci.wait_exit(70s) == 0);
  CHECK_THAT(ci.output(), Contains("every resource is ready"));
  CHECK_THAT(ci.output(), Contains("generated www/index.html"));
  CHECK_THAT(ci.output(), Contains("/ ok"));
  CHECK_THAT(read_text(p.dir() + "/www/index.html"), Contains("<h1>"));
  // The manual `reset` job waits for a trigger.
  CHECK(std::filesystem::exists(p.dir() + "/www/index.html"));
}
