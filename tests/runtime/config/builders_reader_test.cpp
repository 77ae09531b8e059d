// `builders:` and an image's `build_on`: what loads, and each error with
// the line and column it points at.
#include "config_fixture.hpp"

#include "runtime/config/config_messages.hpp"

using namespace actordev;
using namespace actordev::config;
using namespace actordev::config::test;
using Catch::Matchers::Contains;

TEST_CASE("builders read their address, tls folder and slots",
          "[config][builders]") {
  auto cfg = loaded(R"(
builders:
  - {address: buildbox.lan:7451, tls: certs, slots: 4}
  - {address: "[::1]:7452", tls: ./certs}
images:
  web: {context: web, build_on: remote}
  base: {context: base}
resources:
  w: {container: {image: web, cmd: ./run}}
)");
  REQUIRE(cfg.builders.size() == 2);
  CHECK(cfg.builders[0].host == "buildbox.lan");
  CHECK(cfg.builders[0].port == 7451);
  CHECK(cfg.builders[0].tls == "/home/dev/shop/certs");
  CHECK(cfg.builders[0].slots == 4);
  CHECK(cfg.builders[0].position == position{2, 5});
  CHECK(cfg.builders[1].host == "::1");
  CHECK(cfg.builders[1].address() == "[::1]:7452");
  CHECK(cfg.builders[1].slots == 0);
  CHECK(cfg.find_image("web")->build_on == build_place::remote);
  CHECK(cfg.find_image("base")->build_on == build_place::any);
}

TEST_CASE("a builder without a port, without tls, or listed twice is an "
          "error at its line",
          "[config][builders]") {
  CHECK(error_text(R"(
builders:
  - {address: buildbox, tls: certs}
)") == "/home/dev/shop/actordev.yaml:2:15: error: 'buildbox' is not a "
       "builder address\n"
       "  hint: write HOST:PORT, as actordev builder --listen prints it, "
       "e.g. 127.0.0.1:7451");
  CHECK_THAT(error_text(R"(
builders:
  - {address: "b:7451"}
)"),
             Contains("2:5: error: a builder without 'tls'"));
  CHECK_THAT(error_text(R"(
builders:
  - {address: "b:7451", tls: certs}
  - {address: "b:7451", tls: certs}
)"),
             Contains("3:5: error: builder b:7451 is listed twice"));
  CHECK_THAT(error_text(R"(
builders:
  - {address: "b:99999", tls: certs}
)"),
             Contains("is not a builder address"));
  CHECK_THAT(error_text("builders: {address: b:7451}\n"),
             Contains("'builders' is a list"));
}

TEST_CASE("every builder shares one tls folder: one client certificate per "
          "process",
          "[config][builders]") {
  CHECK_THAT(error_text(R"(
builders:
  - {address: "a:7451", tls: certs}
  - {address: "b:7451", tls: other}
)"),
             Contains("3:5: error: builder b:7451 has another tls folder "
                      "than a:7451") &&
                 Contains("one `actordev certs init`"));
}

TEST_CASE("build_on: remote needs builders and a local container image",
          "[config][builders]") {
  CHECK_THAT(error_text(R"(
images:
  web: {context: web, build_on: remote}
resources:
  w: {container: {image: web, cmd: ./run}}
)"),
             Contains("2:23: error: image 'web' has build_on: remote, but no "
                      "builders are configured"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
images:
  api: {context: api, build_on: remote}
resources:
  api: {compose: {file: docker-compose.yml, service: api, image: api}}
)"),
             Contains("image 'api' is a Docker image"));
  CHECK_THAT(error_text(R"(
images:
  web: {context: web, build_on: elsewhere}
)"),
             Contains("build_on"));
}

TEST_CASE("a resource's build_on is the strictest of its images a builder "
          "can take",
          "[config][builders]") {
  auto build_on = [](std::string_view text, std::string_view name) {
    auto cfg = loaded(text);
    const auto* r = cfg.find(name);
    REQUIRE(r);
    return to_manifest_spec(cfg, *r).build_on();
  };
  const char* with_builders = R"(
builders: [{address: "a:7451", tls: certs}]
images:
  base: {context: base, build_on: remote}
  web: {context: web, from: base}
  api: {context: api}
  here: {context: here, build_on: local}
  tool: {context: tool, docker: {}}
resources:
  web: {container: {image: web, cmd: ./run}}
  api: {container: {image: api, cmd: ./run}}
  here: {container: {image: here, cmd: ./run}}
  tool: {compose: {file: docker-compose.yml, service: tool, image: tool}}
  job: {cmd: make}
)";
  // web's base must build remotely: web waits for a builder.
  CHECK(build_on(with_builders, "web") == msg::BUILD_ON_REMOTE);
  CHECK(build_on(with_builders, "api") == msg::BUILD_ON_ANY);
  CHECK(build_on(with_builders, "here") == msg::BUILD_ON_LOCAL);
  // A Docker image, and a local resource, build here.
  CHECK(build_on(with_builders, "tool") == msg::BUILD_ON_LOCAL);
  CHECK(build_on(with_builders, "job") == msg::BUILD_ON_LOCAL);
  // Without builders, everything builds here.
  CHECK(build_on(R"(
images:
  api: {context: api}
resources:
  api: {container: {image: api, cmd: ./run}}
)",
                 "api") == msg::BUILD_ON_LOCAL);
}

TEST_CASE("a local resource's cmd may go to a builder: build_on, and what it "
          "needs",
          "[config][builders]") {
  auto cfg = loaded(R"(
builders: [{address: "a:7451", tls: certs}]
resources:
  test:
    cmd: make test
    deps: [src, Makefile]
    build_on: remote
  lint: {cmd: make lint, deps: [src], build_on: any}
  gen: {cmd: make gen}
)");
  CHECK(cfg.find("test")->build_on == build_place::remote);
  CHECK(to_manifest_spec(cfg, *cfg.find("test")).build_on() ==
        msg::BUILD_ON_REMOTE);
  CHECK(to_manifest_spec(cfg, *cfg.find("lint")).build_on() ==
        msg::BUILD_ON_ANY);
  // Unless written, a cmd runs here: it may write to the project.
  CHECK(to_manifest_spec(cfg, *cfg.find("gen")).build_on() ==
        msg::BUILD_ON_LOCAL);

  CHECK_THAT(error_text(R"(
resources:
  test: {cmd: make test, build_on: remote}
)"),
             Contains("2:26: error: resource 'test' has build_on: remote, but "
                      "no builders are configured"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
resources:
  web: {serve_cmd: ./web, build_on: remote}
)"),
             Contains("resource 'web' has build_on: remote, but no cmd to "
                      "run there"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
resources:
  test: {cmd: make test, deps: [../shared], build_on: any}
)"),
             Contains("its deps entry /home/dev/shared lies outside the "
                      "project's folder /home/dev/shop"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
resources:
  test: {cmd: make test, build_on: remote}
)"),
             Contains("resource 'test' has build_on: remote, but no deps to "
                      "send"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
resources:
  test: {cmd: make test, deps: [src], dir: tools, build_on: remote}
)"),
             Contains("its dir /home/dev/shop/tools is not among its deps"));
  CHECK_THAT(error_text(R"(
builders: [{address: "a:7451", tls: certs}]
images:
  web: {context: web}
resources:
  web: {container: {image: web, cmd: ./run}, build_on: remote}
)"),
             Contains("'build_on' in resource 'web' applies only to a resource "
                      "that runs commands") &&
                 Contains("set build_on on the image it runs"));
}
