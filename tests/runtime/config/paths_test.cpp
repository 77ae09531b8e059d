#include "runtime/config/paths.hpp"

#include <catch2/catch.hpp>

using namespace actordev::config;

TEST_CASE("a relative path resolves against the base folder", "[config]") {
  CHECK(resolve_path("src", "/home/dev/shop") == "/home/dev/shop/src");
  CHECK(resolve_path("./src/app.go", "/p") == "/p/src/app.go");
  CHECK(resolve_path(".", "/p") == "/p");
}

TEST_CASE("dot-dot components are folded lexically", "[config]") {
  CHECK(resolve_path("../lib", "/home/dev/shop") == "/home/dev/lib");
  CHECK(resolve_path("a/../../b", "/p/q") == "/p/b");
  CHECK(resolve_path("../../../..", "/p") == "/");
}

TEST_CASE("an absolute path is kept, normalized", "[config]") {
  CHECK(resolve_path("/etc//x/./y", "/p") == "/etc/x/y");
  CHECK(resolve_path("/", "/p") == "/");
}

TEST_CASE("a trailing slash is dropped", "[config]") {
  CHECK(resolve_path("src/", "/p") == "/p/src");
}

TEST_CASE("glob patterns pass through resolution", "[config]") {
  CHECK(resolve_path("**/node_modules", "/p") == "/p/**/node_modules");
  CHECK(resolve_path("*.log", "/p") == "/p/*.log");
}

TEST_CASE("the config folder is the parent of the config path", "[config]") {
  CHECK(config_folder("/home/dev/shop/actordev.yaml") == "/home/dev/shop");
  CHECK(config_folder("/actordev.yaml") == "/");
  CHECK(config_folder("actordev.yaml") == ".");
  CHECK(config_folder("sub/actordev.yaml") == "sub");
}
