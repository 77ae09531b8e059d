// ignore_rules: built-in, settings, resource and .actordevignore rules
// together.
#include "runtime/watch/ignore_rules.hpp"

#include <catch2/catch.hpp>

using namespace actordev::watch;

namespace {

bool ignored(const ignore_rules& r, std::string_view path,
             path_kind kind = path_kind::file) {
  return r.check(path, kind).ignored;
}

} // namespace

TEST_CASE("editor temporaries are always ignored", "[watch]") {
  ignore_rules r{"/proj"};
  CHECK(ignored(r, "/proj/src/.main.go.swp"));
  CHECK(ignored(r, "/proj/src/main.go.swx"));
  CHECK(ignored(r, "/proj/src/main.go~"));
  CHECK(ignored(r, "/proj/src/4913"));
  CHECK(ignored(r, "/proj/src/.#main.go"));
  CHECK_FALSE(ignored(r, "/proj/src/main.go"));
  CHECK_FALSE(ignored(r, "/proj/src/49130"));
}

TEST_CASE(".git is ignored anywhere, with everything below it", "[watch]") {
  ignore_rules r{"/proj"};
  CHECK(ignored(r, "/proj/.git", path_kind::directory));
  CHECK(ignored(r, "/proj/.git/objects/ab/cdef"));
  CHECK(ignored(r, "/elsewhere/vendor/lib/.git/HEAD"));
  CHECK_FALSE(ignored(r, "/proj/.github/workflows/ci.yml"));
  CHECK_FALSE(ignored(r, "/proj/.gitignore"));
}

TEST_CASE("settings globs are relative to the config folder and cover "
          "folders",
          "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.add_settings({"**/node_modules", "*.log", "/proj/dist"}).empty());
  CHECK(ignored(r, "/proj/web/node_modules/react/index.js"));
  CHECK(ignored(r, "/proj/a.log"));
  CHECK_FALSE(ignored(r, "/proj/sub/a.log"));
  CHECK(ignored(r, "/proj/dist/app.js"));
  CHECK_FALSE(ignored(r, "/proj/distribution/app.js"));
}

TEST_CASE("a resource's ignore applies only to that resource", "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.add_resource("api", {"/proj/**/*_test.go"}).empty());
  CHECK(r.check("/proj/a_test.go", path_kind::file, "api").ignored);
  CHECK_FALSE(r.check("/proj/a_test.go", path_kind::file, "lint").ignored);
  CHECK_FALSE(r.check("/proj/a_test.go", path_kind::file).ignored);
}

TEST_CASE(".actordevignore applies below the root only", "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.set_ignore_file("*.log\n").empty());
  CHECK(ignored(r, "/proj/a/b.log"));
  CHECK_FALSE(ignored(r, "/other/b.log"));
  CHECK_FALSE(ignored(r, "/proj", path_kind::directory));
}

TEST_CASE("a negation in .actordevignore cannot re-include what other rules "
          "ignore",
          "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.add_settings({"*.log"}).empty());
  REQUIRE(r.add_resource("api", {"keep.txt"}).empty());
  REQUIRE(r.set_ignore_file("!*.swp\n!*.log\n!keep.txt\n").empty());
  CHECK(ignored(r, "/proj/.a.swp"));
  CHECK(ignored(r, "/proj/a.log"));
  CHECK(r.check("/proj/keep.txt", path_kind::file, "api").ignored);
}

TEST_CASE("the verdict names the rule that decided", "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.add_settings({"**/tmp"}).empty());
  REQUIRE(r.add_resource("api", {"gen"}).empty());
  REQUIRE(r.set_ignore_file("# comment\n*.log\n!keep.log\n").empty());

  CHECK(r.check("/proj/x.swp", path_kind::file) ==
        ignore_verdict{.ignored = true,
                       .source = ignore_source::builtin,
                       .pattern = "*.swp",
                       .line = 0});
  CHECK(r.check("/proj/a/tmp/x", path_kind::file).pattern == "/proj/**/tmp");
  CHECK(r.check("/proj/gen/x", path_kind::file, "api").source ==
        ignore_source::resource);
  CHECK(r.check("/proj/a.log", path_kind::file) ==
        ignore_verdict{.ignored = true,
                       .source = ignore_source::ignore_file,
                       .pattern = "*.log",
                       .line = 2});
  CHECK(r.check("/proj/keep.log", path_kind::file) ==
        ignore_verdict{.ignored = false,
                       .source = ignore_source::ignore_file,
                       .pattern = "!keep.log",
                       .line = 3});
  CHECK(r.check("/proj/main.go", path_kind::file) == ignore_verdict{});
  CHECK(to_string(ignore_source::ignore_file) == "ignore_file");
}

TEST_CASE("an invalid config glob is reported and the others still apply",
          "[watch]") {
  ignore_rules r{"/proj"};
  auto errors = r.add_settings({"/proj/[oops", "/proj/*.tmp"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].where == "settings.watch.ignore");
  CHECK_THAT(errors[0].message, Catch::Contains("'/proj/[oops'"));
  CHECK(ignored(r, "/proj/a.tmp"));

  auto resource_errors = r.add_resource("api", {"[z-a]"});
  REQUIRE(resource_errors.size() == 1);
  CHECK(resource_errors[0].where == "resources.api.ignore");
}

TEST_CASE("replacing .actordevignore drops its old rules", "[watch]") {
  ignore_rules r{"/proj"};
  REQUIRE(r.set_ignore_file("*.log\n").empty());
  REQUIRE(r.set_ignore_file("*.tmp\n").empty());
  CHECK_FALSE(ignored(r, "/proj/a.log"));
  CHECK(ignored(r, "/proj/a.tmp"));
}
