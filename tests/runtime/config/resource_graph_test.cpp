// resource_deps: unknown names, cycles, and what `up NAME...` selects.
#include "config_fixture.hpp"

#include "runtime/config/resource_graph.hpp"

using namespace actordev::config;
using namespace actordev::config::test;

TEST_CASE("a resource_deps entry that names no resource is an error",
          "[config]") {
  CHECK(error_text(R"(
resources:
  database: {serve_cmd: postgres}
  api:
    cmd: make
    resource_deps: [databse]
)") == at + "5:21: error: resource 'api' depends on 'databse', which is not a "
            "resource in this config\n"
            "  hint: did you mean 'database'?");
}

TEST_CASE("an unknown dependency with no close name says what to do",
          "[config]") {
  CHECK(
      only_error("resources: {api: {cmd: x, resource_deps: [redis]}}\n").hint ==
      "define 'redis' under resources:, or remove it from resource_deps");
}

TEST_CASE("a resource that depends on itself is a cycle", "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    cmd: make
    resource_deps: [api]
)") == at + "4:21: error: resource_deps form a cycle: api -> api\n"
            "  hint: resources in a cycle would wait for each other forever: "
            "remove one of these dependencies");
}

TEST_CASE("a cycle is named in full at the entry that closes it", "[config]") {
  CHECK(only_error(R"(
resources:
  web:
    cmd: x
    resource_deps: [api]
  api:
    cmd: x
    resource_deps: [db]
  db:
    cmd: x
    resource_deps: [cache, web]
  cache:
    cmd: x
)")
            .message == "resource_deps form a cycle: web -> api -> db -> web");
  auto e = only_error(R"(
resources:
  a: {cmd: x, resource_deps: [b]}
  b: {cmd: x, resource_deps: [a]}
)");
  CHECK(e.message == "resource_deps form a cycle: a -> b -> a");
  CHECK(e.line == 3);
  CHECK(e.column == 31);
}

TEST_CASE("a cycle that does not start at the first resource is named from "
          "its start",
          "[config]") {
  CHECK(only_error(R"(
resources:
  top: {cmd: x, resource_deps: [b]}
  b: {cmd: x, resource_deps: [c]}
  c: {cmd: x, resource_deps: [b]}
)")
            .message == "resource_deps form a cycle: b -> c -> b");
}

TEST_CASE("two separate cycles are both reported", "[config]") {
  auto errors = errors_of(R"(
resources:
  a: {cmd: x, resource_deps: [a]}
  b: {cmd: x, resource_deps: [c]}
  c: {cmd: x, resource_deps: [b]}
)");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].message == "resource_deps form a cycle: a -> a");
  CHECK(errors[1].message == "resource_deps form a cycle: b -> c -> b");
}

TEST_CASE("a diamond of dependencies is not a cycle", "[config]") {
  auto cfg = loaded(R"(
resources:
  app: {cmd: x, resource_deps: [left, right]}
  left: {cmd: x, resource_deps: [base]}
  right: {cmd: x, resource_deps: [base]}
  base: {cmd: x}
)");
  CHECK(check_resource_deps(cfg).empty());
}

TEST_CASE("a long chain of dependencies is checked without deep recursion",
          "[config]") {
  std::string text = "resources:\n";
  const int n = 20000;
  for (int i = 0; i < n; ++i)
    text += "  r" + std::to_string(i) + ": {cmd: x, resource_deps: [r" +
            std::to_string(i + 1) + "]}\n";
  text += "  r" + std::to_string(n) + ": {cmd: x, resource_deps: [r0]}\n";
  auto e = only_error(text);
  CHECK(e.message.rfind("resource_deps form a cycle: r0 -> r1 -> ", 0) == 0);
}

namespace {

const char* shop = R"(
resources:
  db: {serve_cmd: postgres}
  cache: {serve_cmd: redis-server}
  api: {cmd: make api, resource_deps: [db, cache]}
  worker: {cmd: make worker, resource_deps: [db]}
  web: {cmd: npm start, resource_deps: [api]}
  docs: {cmd: mkdocs serve}
)";

using names = std::vector<std::string>;

} // namespace

TEST_CASE("selecting no names selects every resource in config order",
          "[config]") {
  auto r = select_resources(loaded(shop), {});
  REQUIRE(r.ok());
  CHECK(r.value() == names{"db", "cache", "api", "worker", "web", "docs"});
}

TEST_CASE("selecting a resource brings its transitive deps, in config order",
          "[config]") {
  auto r = select_resources(loaded(shop), {"web"});
  REQUIRE(r.ok());
  CHECK(r.value() == names{"db", "cache", "api", "web"});
}

TEST_CASE("selecting several resources selects each dependency once",
          "[config]") {
  auto r = select_resources(loaded(shop), {"worker", "docs", "worker", "api"});
  REQUIRE(r.ok());
  CHECK(r.value() == names{"db", "cache", "api", "worker", "docs"});
}

TEST_CASE("selecting an unknown resource is an error with a suggestion",
          "[config]") {
  auto r = select_resources(loaded(shop), {"web", "wrker"});
  REQUIRE_FALSE(r.ok());
  CHECK(format(r.error()) == at + " error: no resource named 'wrker' in " +
                                 config_path +
                                 "\n  hint: did you mean 'worker'?");
}

TEST_CASE("selecting an unknown resource with no close name lists them all",
          "[config]") {
  auto r = select_resources(loaded(shop), {"frontend"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().hint ==
        "the resources are: db, cache, api, worker, web, docs");
  CHECK(r.error().line == 0);
  CHECK(r.error().column == 0);
}
