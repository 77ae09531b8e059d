// Which resource deploys which Kubernetes object: a resource's own files,
// a workload of k8s_yaml named by a resource, and `uncategorized` for the
// rest; with the errors a user sees for each.
#include "runtime/k8s/k8s_resolve.hpp"

#include "runtime/config/load_config.hpp"
#include "runtime/config/selection.hpp"

#include <catch2/catch.hpp>

using namespace actordev;

namespace {

const std::string dir = "/home/dev/shop/";

const char* infra_yaml = R"(apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers: [{name: api, image: 'api:latest'}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api}
data: {PORT: "8080"}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      containers: [{name: m, image: api}]
)";

const char* web_yaml = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{name: web, image: web:1.2}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {ports: [{port: 80}]}
)";

struct resolved {
  config::project_config cfg;
  std::vector<config::config_error> errors;

  const config::k8s_spec& k8s(std::string_view name) const {
    const auto* r = cfg.find(name);
    REQUIRE(r);
    REQUIRE(r->k8s);
    return *r->k8s;
  }
  std::string error_text() const { return config::format(errors); }
};

std::vector<std::string> names(const config::k8s_spec& spec) {
  std::vector<std::string> out;
  for (const auto& o : spec.objects)
    out.push_back(o.kind + "/" + o.name);
  return out;
}

resolved resolve(std::string_view config_text,
                 std::map<std::string, k8s::file_text> files = {
                     {dir + "k8s/infra.yaml", {infra_yaml, {}}},
                     {dir + "k8s/web.yaml", {web_yaml, {}}}}) {
  auto cfg = config::load_config(config_text, dir + "actordev.yaml");
  INFO((cfg ? std::string{} : config::format(cfg.error())));
  REQUIRE(cfg);
  resolved out{std::move(cfg).value(), {}};
  out.errors = k8s::resolve_objects(out.cfg, files);
  return out;
}

} // namespace

TEST_CASE("a resource deploys its own files; a workload is taken from "
          "k8s_yaml; the rest is uncategorized",
          "[k8s][resolve]") {
  auto r = resolve(R"(images: {api: {}, web: {}}
k8s_yaml: [k8s/infra.yaml, k8s/web.yaml]
resources:
  web: {k8s: {yaml: k8s/web.yaml, image: web}}
  api: {k8s: {workload: api, image: api}}
)");
  INFO(r.error_text());
  REQUIRE(r.errors.empty());
  CHECK(names(r.k8s("web")) ==
        std::vector<std::string>{"Deployment/web", "Service/web"});
  CHECK(r.k8s("web").objects[0].file == dir + "k8s/web.yaml");
  CHECK(r.k8s("web").objects[1].line == 9);
  CHECK(names(r.k8s("api")) == std::vector<std::string>{"Deployment/api"});
  // Unclaimed: first, in file order; web.yaml's objects are web's.
  REQUIRE(r.cfg.resources.front().name == "uncategorized");
  CHECK(names(r.k8s("uncategorized")) ==
        std::vector<std::string>{"Namespace/shop", "ConfigMap/api",
                                 "Job/migrate"});
  CHECK(r.cfg.resources.front().position == config::position{2, 12});
  // Pods are waited for only where there are some (the Job), unless set.
  CHECK(r.k8s("uncategorized").waits_for_pods());
  CHECK(r.k8s("web").waits_for_pods());
}

TEST_CASE("with every object claimed there is no uncategorized resource, "
          "and objects without pods are ready once applied",
          "[k8s][resolve]") {
  auto r = resolve(
      R"(k8s_yaml: k8s/web.yaml
resources:
  svc: {k8s: {workload: web}}
  cfg: {k8s: {yaml: k8s/cfg.yaml}}
)",
      {{dir + "k8s/web.yaml", {web_yaml, {}}},
       {dir + "k8s/cfg.yaml", {"kind: ConfigMap\nmetadata: {name: c}\n", {}}}});
  INFO(r.error_text());
  REQUIRE(r.errors.empty());
  // The Service of web.yaml is uncategorized: a workload is one object.
  CHECK(names(r.k8s("uncategorized")) ==
        std::vector<std::string>{"Service/web"});
  CHECK_FALSE(r.k8s("cfg").waits_for_pods());
  CHECK_FALSE(r.k8s("uncategorized").waits_for_pods());

  auto all = resolve(R"(k8s_yaml: k8s/web.yaml
resources:
  web: {k8s: {yaml: k8s/web.yaml}}
)");
  REQUIRE(all.errors.empty());
  CHECK(all.cfg.find("uncategorized") == nullptr);
}

TEST_CASE("a workload that is not found or is ambiguous is an error at its "
          "name in the config",
          "[k8s][resolve]") {
  auto missing = resolve(R"(k8s_yaml: [k8s/infra.yaml, k8s/web.yaml]
resources:
  a: {k8s: {workload: wbe}}
)");
  CHECK(missing.error_text() ==
        dir + "actordev.yaml:3:23: error: resource 'a' deploys workload "
              "'wbe', which is no workload of k8s_yaml (its workloads: api, "
              "migrate, web)\n"
              "  hint: did you mean 'web'?\n");
  auto no_yaml = resolve("resources:\n  a: {k8s: {workload: web}}\n");
  CHECK(no_yaml.error_text().find("(it has none)") != std::string::npos);
  CHECK(no_yaml.error_text().find("list the file that defines it under "
                                  "k8s_yaml:") != std::string::npos);

  const char* two = "kind: Deployment\nmetadata: {name: x}\nspec: {template: "
                    "{spec: {containers: [{name: c, image: i}]}}}\n---\n"
                    "kind: StatefulSet\nmetadata: {name: x}\nspec: "
                    "{template: {spec: {containers: [{name: c, image: i}]}}}\n";
  auto ambiguous = resolve("k8s_yaml: two.yaml\nresources:\n  a: {k8s: "
                           "{workload: x}}\n",
                           {{dir + "two.yaml", {two, {}}}});
  CHECK(ambiguous.error_text() ==
        dir + "actordev.yaml:3:23: error: workload 'x' of resource 'a' is "
              "ambiguous: Deployment x and StatefulSet x both match\n"
              "  hint: write NAME:KIND (e.g. x:deployment), or "
              "NAME:KIND:NAMESPACE\n");
  auto by_kind = resolve("k8s_yaml: two.yaml\nresources:\n  a: {k8s: "
                         "{workload: 'x:StatefulSet'}}\n",
                         {{dir + "two.yaml", {two, {}}}});
  REQUIRE(by_kind.errors.empty());
  CHECK(names(by_kind.k8s("a")) == std::vector<std::string>{"StatefulSet/x"});
}

TEST_CASE("files that cannot be read or split, an empty file, an object "
          "claimed twice and an image no container runs are errors",
          "[k8s][resolve]") {
  auto unreadable =
      resolve("resources:\n  a: {k8s: {yaml: [k8s/gone.yaml]}}\n",
              {{dir + "k8s/gone.yaml", {{}, "No such file or directory"}}});
  CHECK(unreadable.error_text() ==
        dir + "actordev.yaml:2:20: error: cannot read the Kubernetes YAML '" +
            dir + "k8s/gone.yaml': No such file or directory\n" +
            "  hint: check the path (relative paths start at the config's "
            "folder)\n");

  // A YAML error names the YAML file, its line and column.
  auto bad = resolve(
      "resources:\n  a: {k8s: {yaml: bad.yaml}}\n",
      {{dir + "bad.yaml", {"kind: Service\nmetadata: {name: [\n", {}}}});
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].file == dir + "bad.yaml");
  CHECK(bad.errors[0].line > 0);

  auto empty = resolve("resources:\n  a: {k8s: {yaml: e.yaml}}\n",
                       {{dir + "e.yaml", {"# nothing yet\n", {}}}});
  CHECK(empty.error_text().find("the Kubernetes YAML '" + dir +
                                "e.yaml' of resource 'a' has no objects") !=
        std::string::npos);

  auto twice = resolve(R"(k8s_yaml: k8s/web.yaml
resources:
  a: {k8s: {yaml: k8s/web.yaml}}
  b: {k8s: {workload: web}}
)");
  CHECK(twice.error_text() ==
        dir + "actordev.yaml:4:23: error: Deployment web (" + dir +
            "k8s/web.yaml:1) is claimed by resource 'b' and by resource "
            "'a'\n" +
            "  hint: an object is deployed by one resource: list its file "
            "in one resource's k8s: {yaml}, or name it in one k8s: "
            "{workload}\n");

  auto unused = resolve(R"(images: {web: {}, api: {}}
resources:
  a: {k8s: {yaml: k8s/web.yaml, image: [web, api]}}
)");
  CHECK(unused.error_text() ==
        dir +
            "actordev.yaml:3:46: error: resource 'a' runs image 'api', "
            "but none of its Kubernetes containers has image 'api'\n" +
            "  hint: write image: api in the container of the pod spec that "
            "runs it (a tag is replaced by the built one), or drop it from "
            "'image'\n");
}

TEST_CASE("up NAME of a Kubernetes resource brings up uncategorized too",
          "[k8s][resolve]") {
  auto r = resolve(R"(k8s_yaml: [k8s/infra.yaml]
resources:
  web: {k8s: {yaml: k8s/web.yaml}}
  tool: {cmd: make}
)");
  REQUIRE(r.errors.empty());
  auto web = config::selected_config_loaded(r.cfg, {"web"});
  REQUIRE(web);
  CHECK(std::vector<std::string>(web.value().disabled().begin(),
                                 web.value().disabled().end()) ==
        std::vector<std::string>{"tool"});
  auto tool = config::selected_config_loaded(r.cfg, {"tool"});
  REQUIRE(tool);
  CHECK(std::vector<std::string>(tool.value().disabled().begin(),
                                 tool.value().disabled().end()) ==
        std::vector<std::string>{"uncategorized", "web"});
}
