// The manifest table: lookups, targets, dependencies and shared images.
#include "runtime/manifest_table.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

namespace {

msg::ManifestSpec spec(const std::string& name, msg::ManifestType type,
                       std::vector<std::string> images = {},
                       std::vector<std::string> deps = {}) {
  msg::ManifestSpec m;
  m.set_name(name);
  m.set_type(type);
  for (auto& i : images)
    m.add_images(i);
  for (auto& d : deps)
    m.add_resource_deps(d);
  return m;
}

msg::ImageSpec image(const std::string& name,
                     std::vector<std::string> deps = {}) {
  msg::ImageSpec i;
  i.set_name(name);
  for (auto& d : deps)
    i.add_image_deps(d);
  return i;
}

manifest_table sample() {
  manifest_table t;
  t.assign({spec("db", msg::MANIFEST_K8S),
            spec("api", msg::MANIFEST_K8S, {"base", "api"}, {"db", "ghost"}),
            spec("web", msg::MANIFEST_COMPOSE, {"base"}),
            spec("gen", msg::MANIFEST_LOCAL)},
           {image("base"), image("api", {"base"})});
  return t;
}

} // namespace

TEST_CASE("manifests are found by name, in config order", "[manifests]") {
  auto t = sample();
  CHECK(t.size() == 4);
  CHECK(t.find("web") == std::optional<std::size_t>{2});
  CHECK_FALSE(t.find("nope"));
  CHECK(t.image("api")->image_deps(0) == "base");
  CHECK(t.image("nope") == nullptr);
}

TEST_CASE("of manifests that share a name only the first is kept",
          "[manifests]") {
  manifest_table t;
  t.assign({spec("gen", msg::MANIFEST_LOCAL), spec("api", msg::MANIFEST_K8S),
            spec("gen", msg::MANIFEST_K8S, {}, {"api"})},
           {});
  REQUIRE(t.size() == 2);
  CHECK(t.find("gen") == std::optional<std::size_t>{0});
  CHECK(t.find("api") == std::optional<std::size_t>{1});
  CHECK(t[0].type() == msg::MANIFEST_LOCAL);
  CHECK(t.deps_of(0).empty());
  CHECK(t.traits(1).k8s);
}

TEST_CASE("a manifest's targets are its images, then its deploy target",
          "[manifests]") {
  auto t = sample();
  CHECK(t.targets_of(1) == std::vector<target_ref>{image_ref("base"),
                                                   image_ref("api"),
                                                   {msg::TARGET_K8S, "api"}});
  CHECK(t.targets_of(3) == std::vector<target_ref>{{msg::TARGET_LOCAL, "gen"}});
}

TEST_CASE("resource_deps are resolved once, unknown names marked",
          "[manifests]") {
  auto t = sample();
  const auto& deps = t.deps_of(1);
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].index == 0);
  CHECK(deps[1].index == manifest_table::no_manifest);
  CHECK(deps[1].ref == manifest_ref("ghost"));
}

TEST_CASE("shared images know their users and their dependents",
          "[manifests]") {
  auto t = sample();
  CHECK(t.users_of("base") == std::vector<std::size_t>{1, 2});
  CHECK(t.users_of("nope").empty());
  // In api, the api image is built FROM base; in web, base is deployed.
  CHECK(t.dependents_of(1, "base") ==
        std::vector<target_ref>{image_ref("api")});
  CHECK(t.dependents_of(2, "base") ==
        std::vector<target_ref>{{msg::TARGET_COMPOSE, "web"}});
}

TEST_CASE("traits summarize each manifest for the rules", "[manifests]") {
  auto t = sample();
  CHECK(t.traits(0).k8s);
  CHECK(t.traits(0).deploy_only_k8s);
  CHECK_FALSE(t.traits(1).deploy_only_k8s);
  CHECK(t.traits(3).unparallelizable_local);
  CHECK_FALSE(t.traits(2).local);
}
