// Opt-in: the same compose flow against a real Docker engine, when one is
// reachable from here. Without one, ctest reports the test skipped, with
// docker's own reason.
#include "session_fixture.hpp"

#include "runtime/docker/docker_json.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>

using namespace actordev;
using namespace actordev::test;

namespace {

/// Why no real engine can be used, or "" when one answers.
std::string why_no_docker() {
  auto [code, out] = run_shell("timeout 10 docker info --format '{{json .}}' "
                               "2>/dev/null");
  auto err = run_shell("timeout 10 docker info --format '{{json .}}' 2>&1 "
                       ">/dev/null")
                 .second;
  if (auto why = docker::read_docker_info(code, out, err).error; !why.empty())
    return why;
  if (run_shell("timeout 10 docker compose version >/dev/null 2>&1").first != 0)
    return "the docker compose plugin is not installed";
  return {};
}

} // namespace

TEST_CASE("against a real Docker engine: build, up, ready when healthy, live "
          "update, stop",
          "[e2e][real-docker]") {
  if (auto why = why_no_docker(); !why.empty()) {
    std::printf("actordev-test-skipped: no Docker engine reachable (%s)\n",
                why.c_str());
    return;
  }
  temp_project p;
  p.write("web/Dockerfile", "FROM busybox:1.36\nWORKDIR /app\nCOPY . /app\n"
                            "CMD [\"sh\", \"-c\", \"echo started; sleep "
                            "3600\"]\n");
  p.write("web/msg.txt", "one\n");
  p.write("docker-compose.yml", R"(
services:
  web:
    build: web
    healthcheck: {test: ["CMD", "true"], interval: 1s, start_period: 1s}
)");
  p.write("actordev.yaml", R"(
images:
  web:
    context: web
    live_update:
      - sync: {local: web, remote: /app}
      - run: cat /app/msg.txt
resources:
  web:
    compose: {file: docker-compose.yml, service: web, image: web}
)");
  {
    running_actordev up{p, "up"};
    up.wait_for("web      ● ready", std::chrono::minutes{3});
    up.wait_watching(p.dir() + "/web");
    replace_file(p, "web/msg.txt", "two\n");
    up.wait_for("live update: 1 file synced, 1 step run");
    up.signal(SIGTERM);
    CHECK(up.wait_exit(std::chrono::minutes{1}) == 0);
  }
  run_shell("timeout 60 docker compose -f '" + p.dir() +
            "/docker-compose.yml' down --rmi local");
}
