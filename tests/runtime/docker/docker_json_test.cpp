// Reading what the docker CLI prints: `docker info` for a cluster
// connection, `docker compose ps` for a service's containers. The texts
// are in the real tools' formats.
#include "runtime/docker/docker_json.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::docker;

TEST_CASE("docker info gives the engine's architecture, normalized",
          "[docker]") {
  auto a = read_docker_info(
      0,
      R"({"ID":"7TRN:IPZB","Containers":3,"Driver":"overlay2","OSType":"linux","Architecture":"x86_64","NCPU":2,"ServerVersion":"24.0.7","ServerErrors":null})",
      "");
  CHECK(a.arch == "amd64");
  CHECK(a.error.empty());
  CHECK(read_docker_info(0, R"({"Architecture":"aarch64"})", "").arch ==
        "arm64");
  CHECK(normalize_arch("S390X") == "s390x");
}

TEST_CASE("an unreachable docker engine is an error naming why", "[docker]") {
  // Docker 24 prints the client's half and the server's errors, exit 1.
  auto a = read_docker_info(
      1,
      R"({"ID":"","Containers":0,"Architecture":"","ServerErrors":["Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"],"ClientInfo":{"Version":"24.0.7"}})",
      "");
  CHECK(a.arch.empty());
  CHECK(a.error == "Cannot connect to the Docker daemon at "
                   "unix:///var/run/docker.sock. Is the docker daemon "
                   "running?");
  // Docker 28: the JSON has empty fields and the error is on stderr.
  auto real = read_docker_info(
      1,
      R"({"ID":"","Containers":0,"Driver":"","Architecture":"","ServerErrors":null,"ClientInfo":{"Debug":false}})",
      "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
      "Is the docker daemon running?\n");
  CHECK(real.error == "Cannot connect to the Docker daemon at "
                      "unix:///var/run/docker.sock. Is the docker daemon "
                      "running?");
  auto b = read_docker_info(
      1, "",
      "\npermission denied while trying to connect to the Docker "
      "daemon socket\n");
  CHECK(b.error == "permission denied while trying to connect to the Docker "
                   "daemon socket");
  CHECK(read_docker_info(2, "", "").error == "docker info failed (exit 2)");
  CHECK(read_docker_info(127, "", "sh: 1: docker: not found").error ==
        "docker is not installed here (the shell could not find it): "
        "install Docker, or put it on PATH");
  CHECK(read_docker_info(0, "not json", "").error ==
        "docker info printed no JSON: not json");
  CHECK(read_docker_info(0, R"({"Architecture":""})", "").error ==
        "docker info named no architecture");
}

TEST_CASE("docker compose ps rows become containers", "[docker][compose]") {
  // Compose 2.21 and later: one object per line.
  auto ps = read_compose_ps(
      R"json({"Command":"\"python3 app.py\"","CreatedAt":"2026-11-21 10:00:00 +0000 UTC","ExitCode":0,"Health":"starting","ID":"4f2a","Image":"web:actordev-3","Labels":"","Name":"shop-web-1","Project":"shop","Service":"web","State":"running","Status":"Up 2 seconds (health: starting)"}
{"Command":"\"postgres\"","ExitCode":0,"Health":"","ID":"9c1d","Name":"shop-db-1","Service":"db","State":"running","Status":"Up 3 minutes"}
{"Command":"\"./migrate\"","ExitCode":3,"Health":"","ID":"77aa","Name":"shop-migrate-1","Service":"migrate","State":"exited","Status":"Exited (3) 1 second ago"}
)json",
      "");
  REQUIRE(ps.error.empty());
  REQUIRE(ps.containers.size() == 3);
  const auto& web = ps.containers[0];
  CHECK(web.name() == "shop-web-1");
  CHECK(web.id() == "4f2a");
  CHECK(web.state() == msg::CONTAINER_RUNNING);
  CHECK(web.has_healthcheck());
  CHECK_FALSE(web.healthy());
  CHECK_FALSE(web.ready()); // running, but its healthcheck has not passed
  CHECK(ps.containers[1].ready()); // no healthcheck: running is ready
  const auto& migrate = ps.containers[2];
  CHECK(migrate.state() == msg::CONTAINER_TERMINATED);
  CHECK(migrate.exit_code() == 3);
  CHECK(migrate.reason() == "Error");
}

TEST_CASE("docker compose ps as one array, filtered by service",
          "[docker][compose]") {
  // Compose 2.0 to 2.20: a JSON array.
  auto ps = read_compose_ps(
      R"([{"ID":"1","Name":"p-web-1","Service":"web","State":"running","Health":"healthy","ExitCode":0},{"ID":"2","Name":"p-db-1","Service":"db","State":"restarting","Health":"","ExitCode":1}])",
      "web");
  REQUIRE(ps.containers.size() == 1);
  CHECK(ps.containers[0].ready());
  CHECK(ps.containers[0].healthy());
  auto db = read_compose_ps(
      R"([{"ID":"2","Name":"p-db-1","Service":"db","State":"restarting","ExitCode":1}])",
      "db");
  CHECK(db.containers.at(0).reason() == "CrashLoopBackOff");
  CHECK(db.containers.at(0).state() == msg::CONTAINER_WAITING);
  CHECK(read_compose_ps("", "web").containers.empty());
  CHECK(read_compose_ps("[]\n", "web").containers.empty());
  CHECK(read_compose_ps("no configuration file provided: not found\n", "web")
            .error ==
        "docker compose ps printed something that is not JSON: no "
        "configuration file provided: not found");
}
