// window_batcher: a quiet window per target, one batch per window.
#include "runtime/watch/window_batcher.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace actordev::watch;
using namespace std::chrono_literals;
using actordev::config::local_resource;
using actordev::config::project_config;

namespace {

constexpr std::int64_t ms = 1000; // microseconds

local_resource resource(std::string name, std::vector<std::string> deps,
                        std::optional<std::chrono::milliseconds> quiet = {}) {
  local_resource r;
  r.name = std::move(name);
  r.cmd = actordev::config::command{};
  r.deps = std::move(deps);
  r.quiet = quiet;
  return r;
}

project_config project(std::vector<local_resource> resources) {
  project_config c;
  c.path = "/proj/actordev.yaml";
  c.dir = "/proj";
  c.settings.watch.quiet = 20ms;
  c.settings.watch.max_batch = 1000ms;
  c.resources = std::move(resources);
  return c;
}

window_batcher batcher_of(const project_config& c) {
  auto built = make_watch_map(c, "");
  REQUIRE(built.errors.empty());
  return window_batcher{std::move(built.map), c};
}

using paths = std::vector<std::string>;

/// "name: path path" per target, for readable comparisons.
std::vector<std::string> shares(const std::optional<routed_batch>& b) {
  std::vector<std::string> out;
  if (!b)
    return out;
  for (const auto& c : b->changes) {
    std::string line = c.target.name + ":";
    for (const auto& p : c.paths)
      line += " " + p;
    out.push_back(line);
  }
  return out;
}

using lines = std::vector<std::string>;

} // namespace

TEST_CASE("resources without their own quiet share the global window",
          "[watch]") {
  auto b = batcher_of(project(
      {resource("api", {"/proj/api"}), resource("web", {"/proj/web"})}));
  CHECK(b.window_count() == 1);
  CHECK(b.add("/proj/api/a.go", 0));
  CHECK(b.add("/proj/web/b.ts", 5 * ms));
  CHECK(b.next_deadline() == 25 * ms);
  CHECK_FALSE(b.due(24 * ms));
  auto batch = b.due(25 * ms);
  CHECK(shares(batch) == lines{"api: /proj/api/a.go", "web: /proj/web/b.ts"});
  CHECK(batch->first_us == 0);
  CHECK(batch->last_us == 5 * ms);
  CHECK_FALSE(b.next_deadline());
}

TEST_CASE("a resource with its own quiet window is batched apart", "[watch]") {
  auto b = batcher_of(project(
      {resource("api", {"/proj/api"}), resource("gen", {"/proj/gen"}, 200ms)}));
  CHECK(b.window_count() == 2);
  b.add("/proj/gen/x.pb", 0);
  b.add("/proj/api/a.go", 0);
  b.add("/proj/gen/y.pb", 100 * ms);
  CHECK(b.next_deadline() == 20 * ms);
  CHECK(shares(b.due(20 * ms)) == lines{"api: /proj/api/a.go"});
  CHECK(b.next_deadline() == 300 * ms);
  CHECK_FALSE(b.due(299 * ms));
  auto gen = b.due(300 * ms);
  CHECK(shares(gen) == lines{"gen: /proj/gen/x.pb /proj/gen/y.pb"});
  CHECK(gen->first_us == 0);
  CHECK(gen->last_us == 100 * ms);
}

TEST_CASE("a path of two resources with different windows reaches each "
          "once, in its own batch",
          "[watch]") {
  auto b = batcher_of(project({resource("api", {"/proj/shared"}),
                               resource("gen", {"/proj/shared"}, 200ms)}));
  b.add("/proj/shared/types.h", 0);
  CHECK(shares(b.due(20 * ms)) == lines{"api: /proj/shared/types.h"});
  CHECK(shares(b.due(200 * ms)) == lines{"gen: /proj/shared/types.h"});
  CHECK_FALSE(b.next_deadline());
}

TEST_CASE("batches that close together are merged in config order", "[watch]") {
  auto b = batcher_of(project(
      {resource("gen", {"/proj/gen"}, 50ms), resource("api", {"/proj/api"})}));
  b.add("/proj/api/a.go", 40 * ms);
  b.add("/proj/gen/x.pb", 10 * ms);
  auto batch = b.due(60 * ms);
  CHECK(shares(batch) == lines{"gen: /proj/gen/x.pb", "api: /proj/api/a.go"});
  CHECK(batch->first_us == 10 * ms);
  CHECK(batch->last_us == 40 * ms);
}

TEST_CASE("a change no target wants is not batched", "[watch]") {
  auto b = batcher_of(project({resource("api", {"/proj/api"})}));
  CHECK_FALSE(b.add("/proj/README.md", 0));
  CHECK_FALSE(b.add("/proj/api/.main.go.swp", 0));
  CHECK_FALSE(b.next_deadline());
  CHECK_FALSE(b.flush());
}

TEST_CASE("the config target uses the global window", "[watch]") {
  auto b = batcher_of(project({resource("api", {"/proj/api"}, 300ms)}));
  b.add("/proj/actordev.yaml", 0);
  auto batch = b.due(20 * ms);
  REQUIRE(batch);
  REQUIRE(batch->changes.size() == 1);
  CHECK(
      batch->changes[0].target ==
      watch_target{.kind = target_kind::config, .name = "/proj/actordev.yaml"});
  CHECK(batch->changes[0].paths == paths{"/proj/actordev.yaml"});
}

TEST_CASE("an overflow reaches the window of every target under the root",
          "[watch]") {
  auto b = batcher_of(project({resource("api", {"/proj/src/api"}),
                               resource("gen", {"/proj/src/gen"}, 100ms)}));
  b.overflow("/proj/src", 0);
  auto api = b.due(20 * ms);
  CHECK(shares(api) == lines{"api: /proj/src/api"});
  CHECK(api->overflow);
  auto gen = b.due(100 * ms);
  CHECK(shares(gen) == lines{"gen: /proj/src/gen"});
  CHECK(gen->overflow);
}

TEST_CASE("flush returns every open batch before its deadline", "[watch]") {
  auto b = batcher_of(project(
      {resource("api", {"/proj/api"}), resource("gen", {"/proj/gen"}, 500ms)}));
  b.add("/proj/gen/x.pb", 0);
  b.add("/proj/api/a.go", 1 * ms);
  CHECK(shares(b.flush()) ==
        lines{"api: /proj/api/a.go", "gen: /proj/gen/x.pb"});
  CHECK_FALSE(b.next_deadline());
}

TEST_CASE("a window is the resource's quiet with the global max_batch",
          "[watch]") {
  actordev::config::watch_settings s;
  s.quiet = 20ms;
  s.max_batch = 700ms;
  CHECK(window_of(resource("a", {}), s) ==
        batch_window{.quiet = 20ms, .max_batch = 700ms});
  CHECK(window_of(resource("a", {}, 0ms), s) ==
        batch_window{.quiet = 0ms, .max_batch = 700ms});
}

TEST_CASE("a busy resource window still closes at max_batch", "[watch]") {
  auto b = batcher_of(project({resource("gen", {"/proj/gen"}, 400ms)}));
  for (std::int64_t t = 0; t <= 1000 * ms; t += 100 * ms)
    b.add("/proj/gen/f" + std::to_string(t / ms), t);
  CHECK(b.next_deadline() == 1000 * ms);
  auto batch = b.due(1000 * ms);
  REQUIRE(batch);
  CHECK(batch->changes.at(0).paths.size() == 11);
}
