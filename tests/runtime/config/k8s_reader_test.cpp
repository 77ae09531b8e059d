// `k8s:` resources and the top-level `k8s_yaml:`: what loads, and the
// errors of each key. The objects in the files are tests/runtime/k8s's.
#include "config_fixture.hpp"

#include "runtime/config/config_messages.hpp"

using namespace actordev;
using namespace actordev::config;
using namespace actordev::config::test;

TEST_CASE("a Kubernetes resource names its files or a workload, its images "
          "and its pod readiness",
          "[config][k8s]") {
  auto cfg = loaded(R"(
images:
  web: {}
  api: {}
k8s_yaml: [k8s/infra.yaml, k8s/api.yaml]
resources:
  web:
    k8s:
      yaml: [k8s/web.yaml, k8s/web-svc.yaml, k8s/web.yaml]
      image: web
  api:
    k8s: {workload: 'api:deployment', image: [api, web], pod_readiness: ignore}
  db:
    k8s: {yaml: k8s/db.yaml, pod_readiness: wait}
)");
  REQUIRE(cfg.k8s_yaml.size() == 2);
  CHECK(cfg.k8s_yaml[0].path == "/home/dev/shop/k8s/infra.yaml");
  CHECK(cfg.k8s_yaml[1].position == position{4, 28});
  const auto& web = *cfg.find("web")->k8s;
  REQUIRE(web.yaml.size() == 2); // the repeated file once
  CHECK(web.yaml[1].path == "/home/dev/shop/k8s/web-svc.yaml");
  CHECK(web.workload.empty());
  REQUIRE(web.images.size() == 1);
  CHECK(web.images[0].name == "web");
  CHECK(web.readiness == pod_readiness::automatic);
  const auto& api = *cfg.find("api")->k8s;
  CHECK(api.workload == "api:deployment");
  CHECK(api.yaml.empty());
  CHECK(api.images.size() == 2);
  CHECK(api.readiness == pod_readiness::ignore);
  CHECK(cfg.find("db")->k8s->yaml.front().path == "/home/dev/shop/k8s/db.yaml");
  CHECK(cfg.k8s_files() ==
        std::vector<std::string>{
            "/home/dev/shop/k8s/infra.yaml", "/home/dev/shop/k8s/api.yaml",
            "/home/dev/shop/k8s/web.yaml", "/home/dev/shop/k8s/web-svc.yaml",
            "/home/dev/shop/k8s/db.yaml"});

  auto spec = to_manifest_spec(cfg, *cfg.find("api"));
  CHECK(spec.type() == msg::MANIFEST_K8S);
  CHECK(spec.cluster() == "default");
  CHECK(spec.pod_readiness() == msg::POD_READINESS_IGNORE);
  CHECK(std::vector<std::string>(spec.images().begin(), spec.images().end()) ==
        std::vector<std::string>{"api", "web"});
}

TEST_CASE("a Kubernetes resource's errors", "[config][k8s]") {
  CHECK(error_text("resources:\n  w: {k8s: {image: web}}\n") ==
        at + "2:7: error: the k8s of resource 'w' needs 'workload' or "
             "'yaml'\n"
             "  hint: write k8s: {yaml: k8s/web.yaml} for its own files, or "
             "k8s: {workload: web} for a workload of k8s_yaml");
  CHECK(error_text("resources:\n  w: {k8s: {workload: w, yaml: w.yaml}}\n")
            .find("needs one of 'workload' and 'yaml', not both") !=
        std::string::npos);
  CHECK(error_text("resources:\n  w:\n    k8s: {yaml: w.yaml}\n    cmd: "
                   "make\n") ==
        at + "4:5: error: 'cmd' in resource 'w' applies only to a resource "
             "that runs commands on this machine; this one deploys to "
             "Kubernetes\n"
             "  hint: remove 'cmd'; the Kubernetes objects say what runs");
  CHECK(error_text("resources:\n  w:\n    k8s: {yaml: w.yaml}\n    "
                   "restart: always\n")
            .find("does not apply to a Kubernetes resource") !=
        std::string::npos);
  CHECK(error_text("resources:\n  w:\n    k8s: {yaml: w.yaml}\n    compose: "
                   "{file: c.yml, service: w}\n") ==
        at + "4:5: error: resource 'w' has both 'k8s' and 'compose': it runs "
             "one way\n"
             "  hint: keep one of them, or make two resources");
  CHECK(error_text("resources:\n  w: {k8s: {yaml: w.yaml, pod_readiness: "
                   "soon}}\n")
            .find("expected one of wait, ignore") != std::string::npos);
  CHECK(error_text("resources:\n  w: {k8s: {yaml: w.yaml, replicas: 2}}\n")
            .find("unknown key 'replicas'") != std::string::npos);
  CHECK(error_text("k8s_yaml: {a: b}\n") ==
        at + "1:11: error: 'k8s_yaml' at the top level: expected a list, "
             "found a map\n"
             "  hint: write a list: k8s_yaml: [a, b], or one '- item' per "
             "line");
  CHECK(error_text("resources:\n  w: {k8s: {yaml: []}}\n") ==
        at + "2:19: error: the k8s of resource 'w' lists no YAML file\n"
             "  hint: list the files with its objects, e.g. yaml: "
             "[k8s/web.yaml]");
  CHECK(error_text("resources:\n  _web: {k8s: {yaml: w.yaml}}\n")
            .find("resource name '_web' cannot name Kubernetes objects") !=
        std::string::npos);
  CHECK(error_text("resources:\n  " + std::string(64, 'w') +
                   ": {k8s: {yaml: w.yaml}}\n")
            .find("at most 63 characters") != std::string::npos);
}

TEST_CASE("a Kubernetes resource's images must be known, and Kubernetes "
          "cannot restart a container",
          "[config][k8s][images]") {
  CHECK(error_text("images: {web: {}}\nresources:\n  w: {k8s: {yaml: w.yaml, "
                   "image: wbe}}\n") ==
        at + "3:34: error: resource 'w' runs image 'wbe', which is not an "
             "image in this config\n"
             "  hint: did you mean 'web'?");
  CHECK(error_text(R"(
images:
  web:
    custom: {command: ./build.sh, deps: [.]}
resources:
  a: {k8s: {yaml: w.yaml, image: web}}
  b: {container: {image: web, cmd: ./server}}
)") == at + "5:34: error: image 'web' is run both by Kubernetes (resource "
            "'a') and by the local container runtime (resource 'b'), which "
            "build it differently\n"
            "  hint: give each runtime an image of its own");
  auto text = error_text(R"(
images:
  web:
    live_update:
      - sync: {local: ., remote: /app}
      - restart_container: true
resources:
  a: {k8s: {yaml: w.yaml, image: web}}
)");
  CHECK(text.find(at + "3:5: error: restart_container in the live_update of "
                       "image 'web' is not supported on Kubernetes "
                       "(resource 'a' runs it)") == 0);
  // A live_update run by Kubernetes is used.
  auto cfg = loaded(R"(
images:
  web:
    live_update:
      - sync: {local: ., remote: /app}
resources:
  a: {k8s: {yaml: w.yaml, image: web}}
)");
  CHECK(cfg.find("a")->k8s->images.size() == 1);
}
