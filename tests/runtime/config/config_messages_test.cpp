// The config as ConfigLoaded / ConfigLoadFailed messages, and config_hash.
#include "config_fixture.hpp"

#include "runtime/config/config_hash.hpp"
#include "runtime/config/config_messages.hpp"

using namespace actordev;
using namespace actordev::config;
using namespace actordev::config::test;

namespace {

// The config_hash of resource `name` in `text`.
std::string hash_of(std::string_view text, std::string_view name = "api") {
  auto cfg = loaded(text);
  const local_resource* r = cfg.find(name);
  REQUIRE(r);
  return config_hash(*r);
}

const char* base_api = R"(
resources:
  api:
    cmd: make api
    serve_cmd: ./api
    deps: [src]
    env: {A: "1", B: "2"}
    readiness_probe: {http_get: {port: 8080}}
)";

} // namespace

TEST_CASE("a config becomes one local manifest per resource, in order",
          "[config]") {
  auto cfg = loaded(R"(
settings: {max_parallel_updates: 7}
resources:
  db: {serve_cmd: postgres, labels: [infra]}
  api:
    cmd: make
    resource_deps: [db]
    allow_parallel: true
    labels: [backend, go]
)");
  msg::ConfigLoaded m = to_config_loaded(cfg);
  CHECK(m.config_path() == config_path);
  CHECK(m.max_parallel_updates() == 7);
  CHECK(m.images_size() == 0);
  CHECK(m.disabled_size() == 0);
  REQUIRE(m.manifests_size() == 2);
  const msg::ManifestSpec& db = m.manifests(0);
  const msg::ManifestSpec& api = m.manifests(1);
  CHECK(db.name() == "db");
  CHECK(db.type() == msg::MANIFEST_LOCAL);
  CHECK(db.resource_deps_size() == 0);
  CHECK_FALSE(db.allow_parallel());
  CHECK(api.name() == "api");
  REQUIRE(api.resource_deps_size() == 1);
  CHECK(api.resource_deps(0) == "db");
  CHECK(api.allow_parallel());
  REQUIRE(api.labels_size() == 2);
  CHECK(api.labels(0) == "backend");
  CHECK(api.labels(1) == "go");
  CHECK(api.cluster().empty());
  CHECK(api.config_hash() == config_hash(cfg.resources[1]));
}

TEST_CASE("a readiness probe is part of the scheduling model", "[config]") {
  auto cfg = loaded(R"(
resources:
  web:
    serve_cmd: ./serve
    readiness_probe: {tcp_socket: {port: 8080}}
  job: {cmd: make}
)");
  msg::ConfigLoaded m = to_config_loaded(cfg);
  CHECK(m.manifests(0).has_readiness_probe());
  CHECK_FALSE(m.manifests(1).has_readiness_probe());
}

TEST_CASE("trigger_mode and auto_init map to Tilt's four trigger modes",
          "[config]") {
  auto cfg = loaded(R"(
resources:
  a: {cmd: x}
  b: {cmd: x, auto_init: false}
  c: {cmd: x, trigger_mode: manual}
  d: {cmd: x, trigger_mode: manual, auto_init: false}
)");
  auto m = to_config_loaded(cfg);
  CHECK(m.manifests(0).trigger_mode() == msg::TRIGGER_AUTO);
  CHECK(m.manifests(1).trigger_mode() == msg::TRIGGER_AUTO_NO_INIT);
  CHECK(m.manifests(2).trigger_mode() == msg::TRIGGER_MANUAL);
  CHECK(m.manifests(3).trigger_mode() == msg::TRIGGER_MANUAL_NO_INIT);
}

TEST_CASE("the config hash is 16 hex digits and the same on every load",
          "[config]") {
  auto h = hash_of(base_api);
  CHECK(h.size() == 16);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(hash_of(base_api) == h);
}

TEST_CASE("FNV-1a matches its reference values", "[config]") {
  CHECK(fnv1a_64("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ull);
}

TEST_CASE("the config hash changes when a command changes", "[config]") {
  const auto h = hash_of(base_api);
  std::string text = base_api;
  CHECK(hash_of(text.replace(text.find("make api"), 8, "make api2")) != h);
  text = base_api;
  CHECK(hash_of(text.replace(text.find("./api"), 5, "./api -v")) != h);
  text = base_api;
  CHECK(hash_of(text.replace(text.find("./api"), 5, "[./api]")) != h);
}

TEST_CASE("the config hash changes when anything it covers changes",
          "[config]") {
  const auto h = hash_of(base_api);
  auto changed = [&](std::string_view from, std::string_view to) {
    std::string text = base_api;
    text.replace(text.find(from), from.size(), to);
    return hash_of(text);
  };
  CHECK(changed("[src]", "[src, lib]") != h);
  CHECK(changed("A: \"1\"", "A: \"2\"") != h);
  CHECK(changed("{A: \"1\", B: \"2\"}", "{B: \"2\", A: \"1\"}") != h);
  CHECK(changed("port: 8080", "port: 8081") != h);
  CHECK(changed("port: 8080}", "port: 8080}, period_ms: 5") != h);
  CHECK(changed("http_get: {port: 8080}", "tcp_socket: {port: 8080}") != h);
  CHECK(changed("deps: [src]", "deps: [src]\n    dir: sub") != h);
  CHECK(changed("deps: [src]", "deps: [src]\n    ignore: [x]") != h);
  CHECK(changed("deps: [src]", "deps: [src]\n    restart: always") != h);
}

TEST_CASE("the config hash ignores what the manifest carries itself",
          "[config]") {
  const auto h = hash_of(base_api);
  auto changed = [&](std::string_view extra) {
    std::string text = base_api;
    text.replace(text.find("deps: [src]"), 11,
                 "deps: [src]\n    " + std::string{extra});
    text += "  other: {cmd: x}\n";
    return hash_of(text);
  };
  CHECK(changed("labels: [a]") == h);
  CHECK(changed("trigger_mode: manual") == h);
  CHECK(changed("auto_init: false") == h);
  CHECK(changed("allow_parallel: true") == h);
  CHECK(changed("resource_deps: [other]") == h);
}

// quiet_ms only changes when the watcher reports a change, not what the
// resource runs: editing it must not rebuild the resource.
TEST_CASE("the config hash ignores the resource's quiet window", "[config]") {
  std::string text = base_api;
  text.replace(text.find("deps: [src]"), 11, "deps: [src]\n    quiet_ms: 300");
  CHECK(hash_of(text) == hash_of(base_api));
}

TEST_CASE("the config hash does not change when other resources move",
          "[config]") {
  const auto h = hash_of(R"(
resources:
  db: {serve_cmd: postgres}
  api: {cmd: make api, deps: [src]}
  web: {cmd: npm start}
)");
  CHECK(hash_of(R"(
resources:
  web: {cmd: npm run start}
  api: {cmd: make api, deps: [src]}
  db: {serve_cmd: postgres -p 5433}
  new: {cmd: x}
)") == h);
}

TEST_CASE("the same commands as a string and as an argv hash differently",
          "[config]") {
  CHECK(hash_of("resources: {api: {cmd: make api}}") !=
        hash_of("resources: {api: {cmd: [make, api]}}"));
  CHECK(hash_of("resources: {api: {cmd: x, deps: [a, b]}}") !=
        hash_of("resources: {api: {cmd: x, deps: [\"a\\nb\"]}}"));
}

TEST_CASE("config errors become a ConfigLoadFailed event", "[config]") {
  auto errors = errors_of("resources:\n  api:\n    comand: make\n");
  auto m = to_config_load_failed(config_path, errors);
  CHECK(m.config_path() == config_path);
  REQUIRE(m.errors_size() == 1);
  CHECK(m.errors(0).file() == config_path);
  CHECK(m.errors(0).line() == 3);
  CHECK(m.errors(0).column() == 5);
  CHECK(m.errors(0).message() == errors[0].message);
  CHECK(m.errors(0).hint() == "did you mean 'cmd'?");
}
