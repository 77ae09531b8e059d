// watch_map: which targets a changed path belongs to, and what to watch.
#include "runtime/watch/watch_map.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actordev::watch;
using actordev::config::local_resource;
using actordev::config::project_config;

namespace {

local_resource resource(std::string name, std::vector<std::string> deps,
                        std::vector<std::string> ignore = {}) {
  local_resource r;
  r.name = std::move(name);
  r.cmd = actordev::config::command{};
  r.deps = std::move(deps);
  r.ignore = std::move(ignore);
  return r;
}

project_config project(std::vector<local_resource> resources) {
  project_config c;
  c.path = "/proj/actordev.yaml";
  c.dir = "/proj";
  c.resources = std::move(resources);
  return c;
}

watch_map map_of(const project_config& c, std::string_view ignore_file = "") {
  auto built = make_watch_map(c, ignore_file);
  REQUIRE(built.errors.empty());
  return std::move(built.map);
}

/// The names of the targets `path` belongs to.
std::vector<std::string> owners(const watch_map& m, std::string_view path,
                                path_kind kind = path_kind::file) {
  std::vector<std::string> out;
  for (const auto& t : m.targets_for(path, kind))
    out.push_back(t.name);
  return out;
}

using names = std::vector<std::string>;

} // namespace

TEST_CASE("a change under a dep directory belongs to that resource",
          "[watch]") {
  auto m = map_of(project({resource("api", {"/proj/cmd/api", "/proj/go.mod"}),
                           resource("web", {"/proj/web"})}));
  CHECK(owners(m, "/proj/cmd/api/main.go") == names{"api"});
  CHECK(owners(m, "/proj/cmd/api/internal/x/y.go") == names{"api"});
  CHECK(owners(m, "/proj/go.mod") == names{"api"});
  CHECK(owners(m, "/proj/web/src/App.tsx") == names{"web"});
  CHECK(owners(m, "/proj/README.md").empty());
}

TEST_CASE("a file dep owns only that file", "[watch]") {
  auto m = map_of(project({resource("api", {"/proj/go.mod"})}));
  CHECK(owners(m, "/proj/go.mod") == names{"api"});
  CHECK(owners(m, "/proj/go.mod.bak").empty());
  CHECK(owners(m, "/proj/go.sum").empty());
}

TEST_CASE("a change to a swap file re-runs nothing", "[watch]") {
  auto m = map_of(project({resource("api", {"/proj/src"})}));
  CHECK(owners(m, "/proj/src/.main.go.swp").empty());
  CHECK(owners(m, "/proj/src/main.go~").empty());
  CHECK(owners(m, "/proj/src/4913").empty());
  CHECK(owners(m, "/proj/src/.#main.go").empty());
  CHECK(owners(m, "/proj/src/main.go") == names{"api"});
}

TEST_CASE("a path can belong to several resources", "[watch]") {
  auto m = map_of(
      project({resource("api", {"/proj/internal"}), resource("lint", {"/proj"}),
               resource("web", {"/proj/web"})}));
  CHECK(owners(m, "/proj/internal/db.go") == names{"api", "lint"});
}

TEST_CASE("a resource's ignore hides a change from that resource only",
          "[watch]") {
  auto m = map_of(
      project({resource("api", {"/proj/internal"}, {"/proj/**/*_test.go"}),
               resource("test", {"/proj/internal"})}));
  CHECK(owners(m, "/proj/internal/db_test.go") == names{"test"});
  CHECK(owners(m, "/proj/internal/db.go") == names{"api", "test"});
}

TEST_CASE("settings and .actordevignore ignores apply to every resource",
          "[watch]") {
  auto c =
      project({resource("web", {"/proj/web"}), resource("all", {"/proj"})});
  c.settings.watch.ignore = {"/proj/**/node_modules"};
  auto m = map_of(c, "*.log\n!keep.log\n");
  CHECK(owners(m, "/proj/web/node_modules/react/index.js").empty());
  CHECK(owners(m, "/proj/web/debug.log").empty());
  CHECK(owners(m, "/proj/web/keep.log") == names{"web", "all"});
}

TEST_CASE("the watcher need not descend into ignored or unrelated folders",
          "[watch]") {
  auto c = project({resource("web", {"/proj/web"})});
  c.settings.watch.ignore = {"**/node_modules"};
  auto m = map_of(c);
  CHECK(m.wanted("/proj", path_kind::directory));
  CHECK(m.wanted("/proj/web/src", path_kind::directory));
  CHECK_FALSE(m.wanted("/proj/web/node_modules", path_kind::directory));
  CHECK_FALSE(m.wanted("/proj/web/.git", path_kind::directory));
  CHECK_FALSE(m.wanted("/proj/api", path_kind::directory));
}

TEST_CASE("editing actordev.yaml or .actordevignore is a change of the "
          "config target",
          "[watch]") {
  auto c = project({resource("all", {"/proj"}, {"/proj/*.yaml"})});
  c.settings.watch.ignore = {"**/.actordevignore"};
  auto m = map_of(c);
  auto targets = m.targets_for("/proj/actordev.yaml", path_kind::file);
  CHECK(targets == std::vector<watch_target>{{.kind = target_kind::config,
                                              .name = "/proj/actordev.yaml"}});
  CHECK(m.targets_for("/proj/.actordevignore", path_kind::file) == targets);
  CHECK(m.targets_for("/proj/.actordevignore.swp", path_kind::file).empty());
}

TEST_CASE("roots are deduplicated and nested roots collapsed", "[watch]") {
  auto c = project({resource("api", {"/proj/cmd/api", "/proj/go.mod"}),
                    resource("lint", {"/proj/cmd", "/proj/internal"}),
                    resource("tools", {"/opt/tools/gen.sh", "/proj/cmd"})});
  c.path = "/etc/proj/actordev.yaml";
  c.dir = "/etc/proj";
  auto m = map_of(c);
  CHECK(m.roots() == names{"/etc/proj/.actordevignore",
                           "/etc/proj/actordev.yaml", "/opt/tools/gen.sh",
                           "/proj/cmd", "/proj/go.mod", "/proj/internal"});
  auto whole = map_of(
      project({resource("all", {"/proj"}), resource("api", {"/proj/api"})}));
  CHECK(whole.roots() == names{"/proj"});
}

TEST_CASE("an overflow of the project root reaches every resource under it, "
          "reported as its deps",
          "[watch]") {
  auto m = map_of(project({resource("api", {"/proj/cmd/api", "/proj/go.mod"}),
                           resource("tools", {"/opt/tools"})}));
  change_batcher b;
  b.overflow("/proj", 0);
  auto batch = b.due(1'000'000);
  REQUIRE(batch.has_value());
  auto routed = m.route(*batch);
  REQUIRE(routed.size() == 2);
  CHECK(routed[0].target ==
        watch_target{.kind = target_kind::resource, .name = "api"});
  CHECK(routed[0].paths == names{"/proj/cmd/api", "/proj/go.mod"});
  CHECK(routed[1].target.kind == target_kind::config);
  CHECK(routed[1].paths ==
        names{"/proj/.actordevignore", "/proj/actordev.yaml"});
}

TEST_CASE("a batch is routed per target in config order, ignored paths "
          "dropped",
          "[watch]") {
  auto m = map_of(project({resource("web", {"/proj/web"}),
                           resource("api", {"/proj/api"}, {"**/*_test.go"}),
                           resource("lint", {"/proj/api", "/proj/web"})}));
  change_batcher b;
  b.add("/proj/api/z.go", 0);
  b.add("/proj/api/a_test.go", 1);
  b.add("/proj/web/.App.tsx.swp", 2);
  b.add("/proj/docs/x.md", 3);
  auto batch = b.due(1'000'000);
  REQUIRE(batch.has_value());
  auto routed = m.route(*batch);
  REQUIRE(routed.size() == 2);
  CHECK(routed[0].target.name == "api");
  CHECK(routed[0].paths == names{"/proj/api/z.go"});
  CHECK(routed[1].target.name == "lint");
  CHECK(routed[1].paths == names{"/proj/api/a_test.go", "/proj/api/z.go"});
}

TEST_CASE("invalid ignore patterns are reported and the rest still applies",
          "[watch]") {
  auto c = project({resource("api", {"/proj/api"}, {"/proj/[x", "**/*.tmp"})});
  c.settings.watch.ignore = {"/proj/[y"};
  auto built = make_watch_map(c, "ok.log\nbad[\n");
  REQUIRE(built.errors.size() == 3);
  CHECK(built.errors[0].where == "settings.watch.ignore");
  CHECK(built.errors[1].where == ".actordevignore");
  CHECK(built.errors[1].line == 2);
  CHECK(built.errors[2].where == "resources.api.ignore");
  CHECK(owners(built.map, "/proj/api/x.tmp").empty());
  CHECK(owners(built.map, "/proj/api/x.go") == names{"api"});
}

TEST_CASE("a resource without deps watches nothing", "[watch]") {
  watch_map m{ignore_rules{"/proj"}};
  m.add_resource("seed", {});
  CHECK(m.roots().empty());
  CHECK(m.targets_for("/proj/a", path_kind::file).empty());
}

TEST_CASE("an image owns what its build watches, less its own ignores",
          "[watch][images]") {
  auto c = project({resource("web", {"/proj/web"})});
  actordev::config::image_config img;
  img.name = "web"; // the same name as the resource: two targets
  img.context = "/proj/web";
  img.ignore = {"/proj/web/**/*.pyc"};
  c.images.push_back(img);
  actordev::config::image_config narrow;
  narrow.name = "api";
  narrow.context = "/proj/api";
  narrow.only = {"/proj/api/src"};
  c.images.push_back(narrow);
  auto m = map_of(c);

  auto targets = m.targets_for("/proj/web/app.py", path_kind::file);
  REQUIRE(targets.size() == 2);
  CHECK(targets[0] == watch_target{target_kind::resource, "web"});
  CHECK(targets[1] == watch_target{target_kind::image, "web"});
  // The image's ignore is its own: the resource still sees the change.
  CHECK(m.targets_for("/proj/web/x.pyc", path_kind::file) ==
        std::vector<watch_target>{{target_kind::resource, "web"}});
  // `only` narrows the image to those paths.
  CHECK(m.targets_for("/proj/api/src/main.go", path_kind::file) ==
        std::vector<watch_target>{{target_kind::image, "api"}});
  CHECK(m.targets_for("/proj/api/README.md", path_kind::file).empty());
}
