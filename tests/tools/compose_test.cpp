// docker compose resources end to end: the real actordev against a
// stand-in `docker` on PATH (tests/stand_ins/docker), which records every
// call and answers in docker 24's and Compose v2's formats. What a user
// sees: the status lines, and what actordev asked docker to do.
#include "session_fixture.hpp"
#include "stand_in_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>

using namespace actordev::test;

namespace {

/// The stand-in docker: its calls, less the status polls, are the actions.
class docker_stand_in : public stand_in {
public:
  docker_stand_in()
      : stand_in("DOCKER_STANDIN_STATE") {}
  std::string actions() const { return calls_without({"\"ps\"", "\"info\""}); }
};

const std::string compose_file = "services:\n  web: {build: web}\n  db: "
                                 "{image: postgres}\n";

void wait_for_call(running_actordev& up, const docker_stand_in& docker,
                   const std::string& text) {
  up.wait_for([&] { return docker.calls().find(text) != std::string::npos; },
              "docker to be called with " + text);
}

} // namespace

TEST_CASE("a compose service is built, brought up, and ready once healthy",
          "[e2e][compose]") {
  docker_stand_in docker;
  docker.set("healthy_after_web", true, "3");
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("actordev.yaml", R"(
images:
  web: {context: web}
resources:
  web:
    compose: {file: docker-compose.yml, service: web, image: web}
)");
  running_actordev up{p, "up"};
  up.wait_for("web      ● starting"); // running, healthcheck starting
  up.wait_for("web      ● ready");    // healthy
  auto actions = docker.actions();
  // The ref built is the ref run, with a tag of its own.
  auto override_text = read_text(p.dir() + "/.actordev/compose/web.yaml");
  auto at = override_text.find("web:actordev-");
  REQUIRE(at != std::string::npos);
  auto ref = override_text.substr(at, override_text.find('"', at) - at);
  CHECK(override_text ==
        "{\"services\": {\"web\": {\"image\": \"" + ref + "\"}}}\n");
  CHECK(actions.find(R"(["build", "-t", ")" + ref +
                     R"(", "-t", "web", "-f", ")" + p.dir() +
                     "/web/Dockerfile\", \"" + p.dir() + "/web\"]") !=
        std::string::npos);
  CHECK(actions.find(R"(["compose", "-f", ")" + p.dir() +
                     "/docker-compose.yml\", \"-f\", \"" + p.dir() +
                     "/.actordev/compose/web.yaml\", \"up\", \"-d\", "
                     "\"--no-deps\", \"--no-build\", \"web\"]") !=
        std::string::npos);
  // The order: build before up.
  CHECK(actions.find("\"build\"") < actions.find("\"up\""));

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  CHECK(docker.actions().find(R"("stop", "web"])") != std::string::npos);
}

TEST_CASE("a crash-looping compose service is shown failing",
          "[e2e][compose]") {
  docker_stand_in docker;
  docker.set("crash_db");
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("actordev.yaml", R"(
resources:
  db: {compose: {file: docker-compose.yml, service: db}}
)");
  running_actordev up{p, "up"};
  up.wait_for("CrashLoopBackOff");
  CHECK(docker.actions().find("\"build\"") == std::string::npos);
}

TEST_CASE("a compose job that completed is succeeded, one that failed is "
          "failing",
          "[e2e][compose]") {
  docker_stand_in docker;
  docker.set("exit_web", true, "0");
  docker.set("exit_db", true, "3");
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("actordev.yaml", R"(
resources:
  web: {compose: {file: docker-compose.yml, service: web}}
  db: {compose: {file: docker-compose.yml, service: db}}
)");
  running_actordev up{p, "up"};
  up.wait_for("web      ● succeeded");
  up.wait_for(
      [&] {
        return count_of(up.output(), "db       ● ") >= 2 &&
               up.output().find("db       ● ready") == std::string::npos &&
               up.output().find("Error") != std::string::npos;
      },
      "db to be shown failing with its exit");
}

TEST_CASE("compose resources wait while docker is unreachable and start when "
          "it comes back",
          "[e2e][compose][cluster]") {
  docker_stand_in docker;
  docker.set("unreachable");
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("actordev.yaml", R"(
resources:
  db: {compose: {file: docker-compose.yml, service: db}}
)");
  running_actordev up{p, "up"};
  up.wait_for("db       ● waiting for cluster docker");
  // Asked again (with backoff), never brought up meanwhile.
  up.wait_for([&] { return count_of(docker.calls(), "\"info\"") >= 2; },
              "docker info to be asked again");
  CHECK(docker.actions().find("\"up\"") == std::string::npos);
  docker.set("unreachable", false);
  wait_for_call(up, docker, R"("up", "-d", "--no-deps", "--no-build", "db"])");
  up.wait_for("db       ● ready");
}

TEST_CASE("a compose service is live-updated with docker cp and exec",
          "[e2e][compose][live-update]") {
  docker_stand_in docker;
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("web/app.py", "v = 1\n");
  p.write("web/old.py", "gone soon\n");
  p.write("actordev.yaml", R"(
images:
  web:
    context: web
    live_update:
      - sync: {local: web, remote: /app}
      - run: {cmd: pip install -r /app/requirements.txt, trigger: web/requirements.txt}
      - run: kill -HUP 1
resources:
  web:
    compose: {file: docker-compose.yml, service: web, image: web}
)");
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  up.wait_watching(p.dir() + "/web");
  replace_file(p, "web/app.py", "v = 2\n");
  std::filesystem::remove(p.dir() + "/web/old.py");
  up.wait_for("live update: ");
  auto actions = docker.actions();
  CHECK(actions.find(R"(["cp", ")" + p.dir() +
                     "/web/app.py\", \"web0001:/app/app.py\"]") !=
        std::string::npos);
  CHECK(docker.file("fs/web0001/app/app.py") == "v = 2\n");
  CHECK(actions.find(R"(["exec", "web0001", "sh", "-c", "kill -HUP 1"])") !=
        std::string::npos);
  CHECK(actions.find("pip install") == std::string::npos); // not triggered
  // One image build only: the change was live-updated, not rebuilt.
  CHECK(count_of(actions, "\"build\"") == 1);
  // The deleted file is deleted in the container (with the editor's
  // temporary, when it came in the same batch).
  up.wait_for(
      [&] {
        for (const auto& line : read_lines(docker.state() + "/calls.jsonl"))
          if (line.find(R"(["exec", "web0001", "rm", "-rf")") == 0 &&
              line.find("\"/app/old.py\"") != std::string::npos)
            return true;
        return false;
      },
      "the deleted file to be deleted in the container");
}

TEST_CASE("a failed live update step on compose rebuilds the image",
          "[e2e][compose][live-update]") {
  docker_stand_in docker;
  docker.set("exec_fails");
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("web/Dockerfile", "FROM python:3.12\n");
  p.write("web/app.py", "v = 1\n");
  p.write("actordev.yaml", R"(
images:
  web:
    context: web
    live_update:
      - sync: {local: web, remote: /app}
      - run: ./reload
resources:
  web:
    compose: {file: docker-compose.yml, service: web, image: web}
)");
  running_actordev up{p, "up"};
  up.wait_for("web      ● ready");
  up.wait_watching(p.dir() + "/web");
  replace_file(p, "web/app.py", "v = 2\n");
  up.wait_for("run step 1 (./reload) failed: exit 1; rebuilding");
  up.wait_for([&] { return count_of(docker.actions(), "\"build\"") == 2; },
              "a second image build");
}

TEST_CASE("actordev down removes the compose services a killed up left",
          "[e2e][compose][down]") {
  docker_stand_in docker;
  temp_project p;
  p.write("docker-compose.yml", compose_file);
  p.write("actordev.yaml", R"(
resources:
  db: {compose: {file: docker-compose.yml, service: db}}
)");
  {
    running_actordev up{p, "up"};
    up.wait_for("db       ● ready");
    up.signal(SIGKILL);
    up.wait_exit();
  }
  CHECK_FALSE(docker.file("containers/db.json").empty());
  auto down = p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK(down.output.find("removed compose service db (db)") !=
        std::string::npos);
  CHECK(docker.actions().find(R"("rm", "--stop", "--force", "db"])") !=
        std::string::npos);
  CHECK(docker.file("containers/db.json").empty());
}
