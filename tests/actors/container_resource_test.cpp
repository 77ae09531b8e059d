// What a container manifest is given: its images in build order with their
// folders, and which files the default build copies.
#include "actors/container_resource.hpp"
#include "runtime/config/load_config.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

namespace {

config::project_config load(std::string_view text) {
  auto r = config::load_config(text, "/p/actordev.yaml");
  REQUIRE(r.ok());
  return r.value();
}

} // namespace

TEST_CASE("a container resource lists its images bases first, with their "
          "folders under .actordev",
          "[container]") {
  auto cfg = load(R"(images:
  web: {context: web, from: base}
  base: {context: base}
resources:
  w: {container: {image: web, cmd: ./run}}
)");
  auto spec = make_container_resource(cfg, cfg.resources[0]);
  REQUIRE(spec->images.size() == 2);
  CHECK(spec->images[0].config.name == "base");
  CHECK(spec->images[0].dir == "/p/.actordev/images/base");
  CHECK(spec->images[0].stamp == "/p/.actordev/images/base%stamp");
  CHECK(spec->images[0].from.empty());
  CHECK(spec->image().config.name == "web");
  CHECK(spec->image().from ==
        std::vector<std::string>{"/p/.actordev/images/base"});
  CHECK(spec->root == "/p/.actordev/containers/w");
  CHECK(spec->work_dir == "/p");
  // The same config makes an equal spec; an image edit does not.
  CHECK(*spec == *make_container_resource(cfg, cfg.resources[0]));
  auto edited = cfg;
  edited.images[1].ignore.push_back("/p/base/*.log");
  CHECK_FALSE(*spec == *make_container_resource(edited, edited.resources[0]));
}

TEST_CASE("the default build copies the context less ignores, within only",
          "[container]") {
  auto cfg = load(R"(images:
  web:
    context: web
    ignore: ['**/__pycache__', '*.log']
    only: [src, main.py]
resources:
  w: {container: {image: web, cmd: ./run}}
)");
  auto copies = image_copy_filter(cfg.images[0], "/p/.actordev");
  CHECK(copies("/p/web/main.py", false));
  CHECK(copies("/p/web/src", true));
  CHECK(copies("/p/web/src/app/x.py", false));
  CHECK(copies("/p/web", true)); // holds what `only` names
  CHECK_FALSE(copies("/p/web/README.md", false));
  CHECK_FALSE(copies("/p/web/docs", true));
  CHECK_FALSE(copies("/p/web/src/__pycache__", true));
  CHECK_FALSE(copies("/p/web/src/__pycache__/x.pyc", false));
  CHECK_FALSE(copies("/p/web/debug.log", false));
  // The images themselves are never copied into an image.
  auto all = image_copy_filter(cfg.images[0], "/p/web/src/.actordev");
  CHECK_FALSE(all("/p/web/src/.actordev", true));
  CHECK(all("/p/web/src/app", true));
}
