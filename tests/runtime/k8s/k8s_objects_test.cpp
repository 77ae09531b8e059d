// Splitting Kubernetes YAML into its objects, and telling workloads (what
// runs pods) from the rest.
#include "runtime/k8s/k8s_objects.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

using namespace actordev;

namespace {

const char* app_yaml = R"(# the app
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: web-image
---
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: job, image: tools}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug}
spec:
  containers: [{name: sh, image: busybox}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {spec: not a pod}
)";

} // namespace

TEST_CASE("a YAML file splits into its objects, workloads marked", "[k8s]") {
  auto objects = k8s::split_objects(app_yaml, "app.yaml");
  REQUIRE(objects.ok());
  const auto& o = objects.value();
  REQUIRE(o.size() == 5);
  CHECK(o[0].kind == "Service");
  CHECK(o[0].name == "web");
  CHECK(o[0].line == 2);
  CHECK_FALSE(o[0].workload);
  CHECK(o[1].kind == "Deployment");
  CHECK(o[1].name_space == "shop");
  CHECK(o[1].workload);
  CHECK(o[2].kind == "CronJob");
  CHECK(o[2].workload);
  CHECK(o[3].kind == "Pod");
  CHECK(o[3].workload);
  CHECK(o[4].kind == "ConfigMap");
  CHECK_FALSE(o[4].workload);
  // Each object's YAML is that object alone, as kubectl apply takes it.
  auto deployment = YAML::Load(o[1].yaml);
  CHECK(deployment["metadata"]["name"].as<std::string>() == "web");
  CHECK(deployment["spec"]["template"]["spec"]["containers"][0]["image"]
            .as<std::string>() == "web-image");
  CHECK_FALSE(deployment["kind"].as<std::string>() == "Service");
  CHECK(YAML::Load(o[4].yaml)["data"]["spec"].as<std::string>() == "not a pod");
}

TEST_CASE("an object's YAML means what the file said: quoted values stay "
          "strings",
          "[k8s]") {
  auto objects = k8s::split_objects(R"(apiVersion: v1
kind: Pod
metadata: {name: p, labels: {tier: "1"}}
spec:
  containers:
    - name: app
      image: app
      args:
        - --port
        - "8080"
        - |
          a block
      env:
        - {name: PORT, value: "8080"}
        - {name: DEBUG, value: 'true'}
        - {name: EMPTY, value: ""}
        - {name: PLAIN, value: yes}
      resources: {limits: {cpu: 1}}
      command: ~
)",
                                    "pod.yaml");
  REQUIRE(objects.ok());
  REQUIRE(objects.value().size() == 1);
  auto pod = YAML::Load(objects.value()[0].yaml);
  auto c = pod["spec"]["containers"][0];
  // yaml-cpp marks a quoted scalar with the tag "!", a plain one with "?".
  CHECK(c["env"][0]["value"].Tag() == "!");
  CHECK(c["env"][0]["value"].as<std::string>() == "8080");
  CHECK(c["env"][1]["value"].Tag() == "!");
  CHECK(c["env"][2]["value"].Tag() == "!");
  CHECK(c["env"][2]["value"].as<std::string>().empty());
  CHECK(c["env"][3]["value"].Tag() == "?");
  CHECK(c["args"][1].Tag() == "!");
  CHECK(c["args"][2].as<std::string>() == "a block\n");
  CHECK(pod["metadata"]["labels"]["tier"].Tag() == "!");
  CHECK(c["resources"]["limits"]["cpu"].Tag() == "?");
  CHECK(c["command"].IsNull());
}

TEST_CASE("explicit tags are kept and !!str stays a string", "[k8s]") {
  auto objects = k8s::split_objects(
      "kind: ConfigMap\nmetadata: {name: c}\n"
      "data: {port: !!str 8080, when: !!timestamp 2026-11-21}\n",
      "tags.yaml");
  REQUIRE(objects.ok());
  auto map = YAML::Load(objects.value()[0].yaml);
  CHECK(map["data"]["port"].Tag() != "?");
  CHECK(map["data"]["port"].as<std::string>() == "8080");
  CHECK(map["data"]["when"].Tag() == "tag:yaml.org,2002:timestamp");
}

TEST_CASE("aliases that never end are an error, not a crash", "[k8s]") {
  auto self = k8s::split_objects(
      "kind: ConfigMap\nmetadata: {name: x}\ndata: &a [*a]\n", "self.yaml");
  REQUIRE_FALSE(self.ok());
  CHECK(self.error().message == "an alias refers to a node that contains it");
  CHECK(self.error().line == 1);
  // Ten levels of ten aliases each: 10^10 nodes written out.
  std::string bomb = "kind: ConfigMap\nmetadata: {name: bomb}\nl0: &l0 [x]\n";
  for (int i = 1; i <= 10; ++i) {
    bomb += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k)
      bomb += (k ? ", *l" : "*l") + std::to_string(i - 1);
    bomb += "]\n";
  }
  auto laughs = k8s::split_objects(bomb, "bomb.yaml");
  REQUIRE_FALSE(laughs.ok());
  CHECK(laughs.error().message ==
        "aliases expand this object past 1000000 nodes");
}

TEST_CASE("a List gives its items and empty documents are skipped", "[k8s]") {
  auto objects = k8s::split_objects(R"(---
---
apiVersion: v1
kind: List
items:
  - {apiVersion: v1, kind: Service, metadata: {name: a}}
  - {apiVersion: apps/v1, kind: StatefulSet, metadata: {name: b},
     spec: {template: {spec: {containers: [{name: b, image: b}]}}}}
)",
                                    "list.yaml");
  REQUIRE(objects.ok());
  REQUIRE(objects->size() == 2);
  CHECK(objects.value()[0].name == "a");
  CHECK(objects.value()[1].kind == "StatefulSet");
  CHECK(objects.value()[1].workload);
  auto empty = k8s::split_objects("", "empty.yaml");
  REQUIRE(empty.ok());
  CHECK(empty->empty());
}

TEST_CASE("YAML that is no Kubernetes object is an error at its place",
          "[k8s]") {
  auto bad_yaml =
      k8s::split_objects("kind: Service\nmetadata: {name: [a\n", "bad.yaml");
  REQUIRE_FALSE(bad_yaml.ok());
  CHECK(bad_yaml.error().file == "bad.yaml");
  CHECK(bad_yaml.error().line > 0);
  CHECK(bad_yaml.error().message.rfind("invalid YAML: ", 0) == 0);

  auto deep = k8s::split_objects(std::string(100'000, '['), "deep.yaml");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().message == "invalid YAML: nested too deeply");

  auto scalar = k8s::split_objects("kind: Service\nmetadata: {name: a}\n"
                                   "---\njust words\n",
                                   "words.yaml");
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().line == 4);
  CHECK(scalar.error().message ==
        "a Kubernetes YAML document must be a mapping (an object with "
        "apiVersion, kind and metadata)");

  auto no_kind = k8s::split_objects("apiVersion: v1\nmetadata: {name: a}\n",
                                    "nokind.yaml");
  REQUIRE_FALSE(no_kind.ok());
  CHECK(no_kind.error().message == "a Kubernetes object without 'kind'");
  CHECK(no_kind.error().line == 1);

  auto no_name = k8s::split_objects(
      "kind: Service\nmetadata: {name: a}\n---\nkind: Deployment\nspec: {}\n",
      "noname.yaml");
  REQUIRE_FALSE(no_name.ok());
  CHECK(no_name.error().message == "a Deployment without 'metadata.name'");
  CHECK(no_name.error().line == 4);
  CHECK(config::format(no_name.error())
            .rfind("noname.yaml:4:1: error: a Deployment without", 0) == 0);
}
