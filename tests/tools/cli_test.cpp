// The actordev binary, run for real on temporary projects.
#include "cli_fixture.hpp"

#include <catch2/catch.hpp>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

constexpr const char* good_config = R"(version: 1
resources:
  gen:
    cmd: echo generated
  server:
    serve_cmd: sleep 1000
    resource_deps: [gen]
  seed:
    cmd: echo seeded
    trigger_mode: manual
    auto_init: false
)";

} // namespace

TEST_CASE("up --plan prints the resources and the start-up plan", "[cli]") {
  temp_project p;
  p.write("actordev.yaml", good_config);
  auto r = p.actordev("up --plan");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("actordev.yaml: 3 resources"));
  CHECK_THAT(r.output, Contains("1. start gen"));
  CHECK_THAT(r.output, Contains("waiting-for-local"));
  CHECK_THAT(r.output, Contains("2. start server"));
  CHECK_THAT(r.output, Contains("seed does not start by itself"));
}

TEST_CASE("up NAME selects the resource and its resource_deps", "[cli]") {
  temp_project p;
  p.write("actordev.yaml", good_config);
  auto r = p.actordev("up --plan server");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("2. start server"));
  CHECK_THAT(r.output,
             Contains("seed does not start by itself (not selected)"));
}

TEST_CASE("up with an unknown resource name suggests the right one", "[cli]") {
  temp_project p;
  p.write("actordev.yaml", good_config);
  auto r = p.actordev("up servr");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("no resource named 'servr'"));
  CHECK_THAT(r.output, Contains("did you mean 'server'?"));
  CHECK_THAT(r.output, Contains("Nothing was started"));
}

TEST_CASE("a bad config prints every error with file, line and column",
          "[cli]") {
  temp_project p;
  p.write("bad.yaml", R"(version: 1
resources:
  api:
    comand: ./run.sh
  db:
    cmd: ./db.sh
    resource_deps: [cache]
)");
  for (auto command : {"up -f bad.yaml", "ci -f bad.yaml"}) {
    auto r = p.actordev(command);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Contains("bad.yaml:4:5: error: unknown key 'comand'"));
    CHECK_THAT(r.output, Contains("did you mean 'cmd'?"));
    CHECK_THAT(r.output, Contains("bad.yaml:7:"));
    CHECK_THAT(r.output, Contains("'cache'"));
    CHECK_THAT(r.output, Contains("nothing was started"));
    CHECK_THAT(r.output, !Contains("Start-up plan"));
  }
}

TEST_CASE("a YAML syntax error names its line and column", "[cli]") {
  temp_project p;
  p.write("actordev.yaml", "resources:\n  api: [unclosed\n");
  auto r = p.actordev("up --plan");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("actordev.yaml:"));
  CHECK_THAT(r.output, Contains("error:"));
}

TEST_CASE("a missing config file says where actordev looked", "[cli]") {
  temp_project p;
  auto r = p.actordev("up -f missing.yaml");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Contains("missing.yaml: error: cannot read the config"));
  CHECK_THAT(r.output, Contains("pass -f PATH"));
}

TEST_CASE("a bad command line is a usage error", "[cli]") {
  temp_project p;
  CHECK(p.actordev("").exit_code == 2);
  CHECK(p.actordev("frobnicate").exit_code == 2);
  CHECK(p.actordev("--help").exit_code == 0);
}

TEST_CASE("the bundled quickstart example loads and plans", "[cli]") {
  temp_project p;
  auto r = p.actordev("up --plan -f '" ACTORDEV_SOURCE_DIR
                      "/docs/examples/quickstart/actordev.yaml'");
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.output, Contains("5 resources"));
  CHECK_THAT(r.output, Contains("start codegen"));
  CHECK_THAT(r.output, Contains("start smoke"));
}

TEST_CASE("up says which resources never start and why", "[cli]") {
  temp_project p;
  p.write("actordev.yaml", R"(resources:
  seed:
    cmd: echo seeded
    trigger_mode: manual
    auto_init: false
  api:
    cmd: echo api
    resource_deps: [seed]
  web:
    cmd: echo web
    resource_deps: [seed]
)");
  auto r = p.actordev("up --plan");
  CHECK(r.exit_code == 0);
  auto header = r.output.find("never start:");
  REQUIRE(header != std::string::npos);
  CHECK(r.output.find("never start:", header + 1) == std::string::npos);
  CHECK_THAT(r.output, Contains("api       waiting-for-dep"));
  CHECK_THAT(r.output, Contains("web       waiting-for-dep"));
  CHECK_THAT(r.output, Contains("seed does not start by itself (manual"));
  CHECK_THAT(r.output, !Contains("api does not start by itself"));
}
