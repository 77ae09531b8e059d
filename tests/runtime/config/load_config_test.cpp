// Valid configs: what the model holds, defaults, paths and order.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;
using namespace std::chrono_literals;

TEST_CASE("a config with every key loads into the model", "[config]") {
  auto cfg = loaded(R"(
version: 1
settings:
  max_parallel_updates: 5
  watch:
    quiet_ms: 50
    max_batch_ms: 2000
    ignore: ["**/node_modules", "*.log"]
resources:
  api:
    cmd: go build -o bin/api ./cmd/api
    serve_cmd: [bin/api, --port, 8080]
    deps: [cmd/api, internal]
    ignore: ["**/*_test.go"]
    dir: services/api
    env:
      PORT: 8080
      MODE: dev
    allow_parallel: true
    resource_deps: [db]
    trigger_mode: manual
    auto_init: false
    readiness_probe:
      http_get: {host: localhost, port: 8080, path: /healthz}
      period_ms: 500
      timeout_ms: 200
      initial_delay_ms: 100
      success_threshold: 2
      failure_threshold: 5
    restart: on-failure
    labels: [backend, go]
  db:
    serve_cmd: postgres -D data
)");
  CHECK(cfg.path == config_path);
  CHECK(cfg.dir == "/home/dev/shop");
  CHECK(cfg.version == 1);
  CHECK(cfg.settings.max_parallel_updates == 5);
  CHECK(cfg.settings.watch.quiet == 50ms);
  CHECK(cfg.settings.watch.max_batch == 2000ms);
  CHECK(cfg.settings.watch.ignore ==
        std::vector<std::string>{"/home/dev/shop/**/node_modules",
                                 "/home/dev/shop/*.log"});
  REQUIRE(cfg.resources.size() == 2);
  const local_resource& api = cfg.resources[0];
  CHECK(api.name == "api");
  CHECK(api.position == position{9, 3});
  CHECK(api.cmd == command{"go build -o bin/api ./cmd/api", {}});
  CHECK(api.serve_cmd == command{"", {"bin/api", "--port", "8080"}});
  CHECK(api.deps == std::vector<std::string>{"/home/dev/shop/cmd/api",
                                             "/home/dev/shop/internal"});
  CHECK(api.ignore == std::vector<std::string>{"/home/dev/shop/**/*_test.go"});
  CHECK(api.dir == "/home/dev/shop/services/api");
  CHECK(api.env == std::vector<std::pair<std::string, std::string>>{
                       {"PORT", "8080"}, {"MODE", "dev"}});
  CHECK(api.allow_parallel);
  CHECK(api.resource_deps == std::vector<resource_dep>{{"db", {19, 21}}});
  CHECK(api.trigger == trigger_mode::manual);
  CHECK_FALSE(api.auto_init);
  REQUIRE(api.readiness_probe);
  CHECK(api.readiness_probe->action ==
        decltype(probe_spec::action){
            http_get_probe{"localhost", 8080, "/healthz"}});
  CHECK(api.readiness_probe->period == 500ms);
  CHECK(api.readiness_probe->timeout == 200ms);
  CHECK(api.readiness_probe->initial_delay == 100ms);
  CHECK(api.readiness_probe->success_threshold == 2);
  CHECK(api.readiness_probe->failure_threshold == 5);
  CHECK(api.restart == restart_policy::on_failure);
  CHECK(api.labels == std::vector<std::string>{"backend", "go"});
  CHECK(cfg.find("db") == &cfg.resources[1]);
  CHECK(cfg.find("nope") == nullptr);
}

TEST_CASE("a minimal config gets the documented defaults", "[config]") {
  auto cfg = loaded(R"(
resources:
  job:
    cmd: make
)");
  CHECK(cfg.version == 1);
  CHECK(cfg.settings.max_parallel_updates == 3);
  CHECK(cfg.settings.watch.quiet == 20ms);
  CHECK(cfg.settings.watch.max_batch == 10000ms);
  CHECK(cfg.settings.watch.ignore.empty());
  REQUIRE(cfg.resources.size() == 1);
  const local_resource& job = cfg.resources[0];
  CHECK(job.cmd == command{"make", {}});
  CHECK_FALSE(job.serve_cmd);
  CHECK(job.deps.empty());
  CHECK(job.ignore.empty());
  CHECK(job.dir == "/home/dev/shop");
  CHECK(job.env.empty());
  CHECK_FALSE(job.allow_parallel);
  CHECK(job.resource_deps.empty());
  CHECK(job.trigger == trigger_mode::automatic);
  CHECK(job.auto_init);
  CHECK_FALSE(job.readiness_probe);
  CHECK(job.restart == restart_policy::never);
  CHECK(job.labels.empty());
}

TEST_CASE("resources keep their document order", "[config]") {
  auto cfg = loaded(R"(
resources:
  zeta: {cmd: "true"}
  alpha: {cmd: "true"}
  mid: {cmd: "true"}
  beta: {cmd: "true"}
)");
  std::vector<std::string> names;
  for (const auto& r : cfg.resources)
    names.push_back(r.name);
  CHECK(names == std::vector<std::string>{"zeta", "alpha", "mid", "beta"});
}

TEST_CASE("env keeps document order and takes scalars as written", "[config]") {
  auto cfg = loaded(R"(
resources:
  api:
    cmd: run
    env:
      ZED: last-alphabetically
      AAA: 1
      DEBUG: true
      EMPTY: ""
      RATIO: 0.50
      QUOTED: "a: b"
)");
  CHECK(cfg.resources[0].env ==
        std::vector<std::pair<std::string, std::string>>{
            {"ZED", "last-alphabetically"},
            {"AAA", "1"},
            {"DEBUG", "true"},
            {"EMPTY", ""},
            {"RATIO", "0.50"},
            {"QUOTED", "a: b"}});
}

TEST_CASE("relative paths resolve against the config's folder", "[config]") {
  auto cfg = loaded(R"(
resources:
  web:
    cmd: npm run build
    dir: ./web/
    deps: [web/src, ../shared, /opt/tools/bin]
    ignore: ["web/**/*.snap", /tmp/x]
)");
  const auto& web = cfg.resources[0];
  CHECK(web.dir == "/home/dev/shop/web");
  CHECK(web.deps == std::vector<std::string>{"/home/dev/shop/web/src",
                                             "/home/dev/shared",
                                             "/opt/tools/bin"});
  CHECK(web.ignore ==
        std::vector<std::string>{"/home/dev/shop/web/**/*.snap", "/tmp/x"});
}

TEST_CASE("deps resolve against the config's folder, not the resource's dir",
          "[config]") {
  auto cfg = loaded(R"(
resources:
  web:
    cmd: make
    dir: web
    deps: [src]
)");
  CHECK(cfg.resources[0].deps ==
        std::vector<std::string>{"/home/dev/shop/src"});
}

TEST_CASE("a command may be a string, a block or an argv list", "[config]") {
  auto cfg = loaded(R"(
resources:
  a:
    cmd: "true"
  b:
    cmd: true
  c:
    cmd: |
      make build
      make test
  d:
    serve_cmd: [python3, -m, http.server, 8000]
  e:
    cmd: [printf, ""]
)");
  CHECK(cfg.resources[0].cmd == command{"true", {}});
  CHECK(cfg.resources[1].cmd == command{"true", {}});
  CHECK(cfg.resources[2].cmd == command{"make build\nmake test\n", {}});
  CHECK(cfg.resources[3].serve_cmd ==
        command{"", {"python3", "-m", "http.server", "8000"}});
  CHECK_FALSE(cfg.resources[3].serve_cmd->is_shell());
  CHECK(cfg.resources[4].cmd == command{"", {"printf", ""}});
}

TEST_CASE("a resource may have both cmd and serve_cmd", "[config]") {
  auto cfg = loaded(R"(
resources:
  api:
    cmd: make api
    serve_cmd: ./api
    restart: always
)");
  CHECK(cfg.resources[0].cmd);
  CHECK(cfg.resources[0].serve_cmd);
  CHECK(cfg.resources[0].restart == restart_policy::always);
}

TEST_CASE("a resource_deps entry given twice is kept once", "[config]") {
  auto cfg = loaded(R"(
resources:
  db: {serve_cmd: postgres}
  api: {cmd: make, resource_deps: [db, db]}
)");
  REQUIRE(cfg.resources[1].resource_deps.size() == 1);
  CHECK(cfg.resources[1].resource_deps[0].name == "db");
}

TEST_CASE("an empty resources map is a valid config", "[config]") {
  CHECK(loaded("resources: {}\n").resources.empty());
  CHECK(loaded("resources:\n").resources.empty());
  CHECK(loaded("settings: {max_parallel_updates: 1}\n").resources.empty());
}

TEST_CASE("null lists and maps read as empty", "[config]") {
  auto cfg = loaded(R"(
settings:
  watch:
resources:
  a:
    cmd: make
    deps:
    env:
    labels: ~
)");
  CHECK(cfg.settings.watch.quiet == 20ms);
  CHECK(cfg.resources[0].deps.empty());
  CHECK(cfg.resources[0].env.empty());
  CHECK(cfg.resources[0].labels.empty());
}

TEST_CASE("anchors and aliases share values between resources", "[config]") {
  auto cfg = loaded(R"(
resources:
  a:
    cmd: make a
    env: &common {GOFLAGS: -mod=vendor, CGO_ENABLED: 0}
  b:
    cmd: make b
    env: *common
)");
  CHECK(cfg.resources[0].env == cfg.resources[1].env);
  CHECK(cfg.resources[1].env.size() == 2);
}

TEST_CASE("a trigger_mode and auto_init are read as given", "[config]") {
  auto cfg = loaded(R"(
resources:
  a: {cmd: x, trigger_mode: auto, auto_init: false}
  b: {cmd: x, trigger_mode: manual, auto_init: true}
  c: {cmd: x, auto_init: FALSE}
)");
  CHECK(cfg.resources[0].trigger == trigger_mode::automatic);
  CHECK_FALSE(cfg.resources[0].auto_init);
  CHECK(cfg.resources[1].trigger == trigger_mode::manual);
  CHECK(cfg.resources[1].auto_init);
  CHECK_FALSE(cfg.resources[2].auto_init);
}

TEST_CASE("resource names may use letters, digits, dots, dashes and "
          "underscores",
          "[config]") {
  auto cfg = loaded(R"(
resources:
  api-v2.internal_1: {cmd: x}
  "42": {cmd: x}
)");
  CHECK(cfg.resources[0].name == "api-v2.internal_1");
  CHECK(cfg.resources[1].name == "42");
}

TEST_CASE("a config with Windows line endings loads", "[config]") {
  auto cfg = loaded("resources:\r\n  a:\r\n    cmd: make\r\n");
  CHECK(cfg.resources[0].cmd == command{"make", {}});
}

TEST_CASE("the config's folder comes from the path given", "[config]") {
  auto r =
      load_config("resources: {a: {cmd: x, deps: [src]}}", "/actordev.yaml");
  REQUIRE(r.ok());
  CHECK(r->dir == "/");
  CHECK(r->resources[0].deps == std::vector<std::string>{"/src"});
}
