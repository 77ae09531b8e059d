// A batch's shares as a FilesChanged message.
#include "runtime/watch/watch_messages.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::watch;

TEST_CASE("a batch becomes one FilesChanged with a TargetFiles per target",
          "[watch]") {
  std::vector<target_changes> changes{
      {.target = {.kind = target_kind::resource, .name = "api"},
       .paths = {"/p/api/a.go", "/p/api/b.go"}},
      {.target = {.kind = target_kind::config, .name = "/p/actordev.yaml"},
       .paths = {"/p/actordev.yaml"}},
  };
  auto m = to_files_changed(changes);
  REQUIRE(m.changes_size() == 2);
  CHECK(m.changes(0).target().type() == msg::TARGET_LOCAL);
  CHECK(m.changes(0).target().name() == "api");
  REQUIRE(m.changes(0).paths_size() == 2);
  CHECK(m.changes(0).paths(0) == "/p/api/a.go");
  CHECK(m.changes(0).paths(1) == "/p/api/b.go");
  CHECK(m.changes(1).target().type() == msg::TARGET_CONFIG);
  CHECK(m.changes(1).target().name() == "/p/actordev.yaml");
  CHECK(m.changes(1).paths(0) == "/p/actordev.yaml");
}

TEST_CASE("no shares make an empty FilesChanged", "[watch]") {
  CHECK(to_files_changed({}).changes_size() == 0);
}

TEST_CASE("an image's share is a TargetFiles of an image target",
          "[watch][images]") {
  auto m = to_files_changed(
      {{.target = {.kind = target_kind::image, .name = "web"},
        .paths = {"/p/web/app.py"}}});
  REQUIRE(m.changes_size() == 1);
  CHECK(m.changes(0).target().type() == msg::TARGET_IMAGE);
  CHECK(m.changes(0).target().name() == "web");
}
