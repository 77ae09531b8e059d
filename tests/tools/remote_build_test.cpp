// actordev ci with `builders:`: images of the local container runtime built
// by real `actordev builder` processes on loopback, over mutual TLS, and
// what happens when no builder answers or the certificates are wrong.
#include "session_fixture.hpp"

#include "support/builder_process.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// A project whose image `web` (app/, FROM base/) and custom image `tool`
/// are run by two container resources, with `builders:` at `port`.
void write_project(const temp_project& p, int port,
                   const std::string& build_on) {
  if (!std::filesystem::exists(p.dir() + "/certs"))
    REQUIRE(p.actordev("certs init certs").exit_code == 0);
  p.write("base/base.txt", "from the base\n");
  p.write("app/hello.txt", "hello from app\n");
  p.write("tool/src/tool.txt", "tool built\n");
  p.write("actordev.yaml", R"(
builders: [{address: "127.0.0.1:)" +
                               std::to_string(port) +
                               R"(", tls: certs}]
images:
  base: {context: base, build_on: )" +
                               build_on + R"(}
  web: {context: app, from: base, build_on: )" +
                               build_on + R"(}
  tool:
    build_on: )" + build_on + R"(
    custom:
      command: cp tool/src/tool.txt "$ACTORDEV_IMAGE_DIR/tool.txt" && echo custom step ran
      deps: [tool/src]
resources:
  web:
    container: {image: web, cmd: "cat base.txt hello.txt; exec sleep 1000"}
  tool:
    container: {image: tool, cmd: "cat tool.txt; exec sleep 1000"}
)");
}

} // namespace

TEST_CASE("ci builds the images on a builder process and runs them here",
          "[remote-build]") {
  temp_project p;
  temp_project builder_dir;
  // The builder and the project share one CA: the project's certs folder.
  write_project(p, 0, "remote");
  builder_process builder{p.dir() + "/certs", builder_dir.dir() + "/work"};
  write_project(p, builder.port(), "remote");
  auto r = p.actordev("ci --timeout 60s --message-log run.alog");
  INFO(r.output << "\n--- builder:\n" << builder.log());
  CHECK(r.exit_code == 0);
  // What the images hold (the containers' own output may come after ci
  // judged them ready and exited), and the custom build's output line.
  CHECK_THAT(r.output, Contains("custom step ran"));
  CHECK(read_text(p.dir() + "/.actordev/images/tool/tool.txt") ==
        "tool built\n");
  CHECK_THAT(builder.log(), Contains("built web (image base) for") &&
                                Contains("built web for") &&
                                Contains("built tool for"));
  // base.txt went over with the base: web sends only its own file.
  CHECK_THAT(r.output, Contains("image web built on 127.0.0.1:" +
                                std::to_string(builder.port()) +
                                ": sent 1 files (15 B), fetched 0 B"));
  CHECK(read_text(p.dir() + "/.actordev/images/web/hello.txt") ==
        "hello from app\n");
  CHECK(read_text(p.dir() + "/.actordev/images/web/base.txt") ==
        "from the base\n");
  // The engine chose the builder, and the message log says so: replay
  // makes the same choices.
  auto replay = p.actordev("replay run.alog");
  INFO(replay.output);
  CHECK(replay.exit_code == 0);
  auto on = " on builder 127.0.0.1:" + std::to_string(builder.port());
  CHECK_THAT(replay.output, Contains("grant web (initial)" + on) &&
                                Contains("grant tool (initial)" + on) &&
                                Contains("all match"));
}

TEST_CASE("with build_on: any and no builder answering, images build here",
          "[remote-build]") {
  temp_project p;
  write_project(p, free_port(), "any");
  auto r = p.actordev("ci --timeout 60s");
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("custom step ran"));
  CHECK(read_text(p.dir() + "/.actordev/images/web/hello.txt") ==
        "hello from app\n");
  CHECK(read_text(p.dir() + "/.actordev/images/tool/tool.txt") ==
        "tool built\n");
  CHECK_THAT(r.output, Contains("cannot connect"));
}

TEST_CASE("a tls folder that does not check out stops ci before anything "
          "starts, naming the file",
          "[remote-build]") {
  temp_project p;
  write_project(p, free_port(), "remote");
  std::filesystem::remove(p.dir() + "/certs/client-key.pem");
  auto r = p.actordev("ci --timeout 60s");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("the tls folder of builder 127.0.0.1:") &&
                           Contains("client-key.pem: No such file") &&
                           Contains("nothing was started"));
}
