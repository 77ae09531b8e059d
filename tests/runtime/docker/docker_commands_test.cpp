// The docker command lines actordev runs, word by word.
#include "runtime/docker/docker_commands.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::docker;

TEST_CASE("docker build tags the ref and the name, with the image's settings",
          "[docker]") {
  config::image_config img;
  img.name = "web";
  img.context = "/p/web app";
  CHECK(build_command(img, "web:actordev-3") ==
        "docker build -t web:actordev-3 -t web -f '/p/web app/Dockerfile' "
        "'/p/web app'");
  img.docker.dockerfile = "/p/Dockerfile.dev";
  img.docker.target = "dev";
  img.docker.build_args = {{"PY", "3.12"}, {"NOTE", "it's"}};
  CHECK(build_command(img, "web:actordev-4") ==
        "docker build -t web:actordev-4 -t web -f /p/Dockerfile.dev --target "
        "dev --build-arg PY=3.12 --build-arg 'NOTE=it'\\''s' '/p/web app'");
}

TEST_CASE("compose commands name the file and the override", "[docker]") {
  CHECK(compose_command("/p/docker-compose.yml", "", {"ps", "web"}) ==
        "docker compose -f /p/docker-compose.yml ps web");
  CHECK(compose_command("/p/c.yml", "/p/.actordev/compose/web.yaml",
                        {"up", "-d", "web"}) ==
        "docker compose -f /p/c.yml -f /p/.actordev/compose/web.yaml up -d "
        "web");
  CHECK(image_override("web", "web:actordev-1") ==
        "{\"services\": {\"web\": {\"image\": \"web:actordev-1\"}}}\n");
  CHECK(image_override("a\"b", "x") ==
        "{\"services\": {\"a\\\"b\": {\"image\": \"x\"}}}\n");
}

TEST_CASE("a sync makes the folders, deletes, then copies, and stops at the "
          "first failure",
          "[docker]") {
  CHECK(sync_command("c1", {}, {}).empty());
  CHECK(sync_command("c1",
                     {{"/p/web/a.py", "/app/a.py"},
                      {"/p/web/lib/b.py", "/app/lib/b.py"}},
                     {"/app/old.py"}) ==
        "docker exec c1 mkdir -p /app /app/lib && docker exec c1 rm -rf "
        "/app/old.py && if [ -d /p/web/a.py ]; then docker cp /p/web/a.py/. "
        "c1:/app/a.py; else docker cp /p/web/a.py c1:/app/a.py; fi && if [ "
        "-d /p/web/lib/b.py ]; then docker cp /p/web/lib/b.py/. "
        "c1:/app/lib/b.py; else docker cp /p/web/lib/b.py c1:/app/lib/b.py; "
        "fi");
  CHECK(exec_command("c1", "kill -HUP 1") ==
        "docker exec c1 sh -c 'kill -HUP 1'");
}
