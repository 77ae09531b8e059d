// Built image refs put into Kubernetes objects before they are applied.
#include "runtime/k8s/image_injection.hpp"
#include "runtime/k8s/k8s_objects.hpp"

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <map>

using namespace actordev::k8s;

TEST_CASE("an image reference's repository drops its tag and digest", "[k8s]") {
  CHECK(image_repository("web") == "web");
  CHECK(image_repository("web:1.2") == "web");
  CHECK(image_repository("gcr.io/team/web:dev") == "gcr.io/team/web");
  CHECK(image_repository("localhost:5000/web") == "localhost:5000/web");
  CHECK(image_repository("localhost:5000/web:3") == "localhost:5000/web");
  CHECK(image_repository("web@sha256:abc") == "web");
}

TEST_CASE("built refs replace the images a workload's containers name",
          "[k8s]") {
  auto objects = split_objects(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers:
        - {name: migrate, image: "web:latest", imagePullPolicy: Always}
      containers:
        - name: web
          image: web
          env: [{name: PORT, value: "8080"}]
        - {name: sidecar, image: envoyproxy/envoy:v1.29, imagePullPolicy: Always}
)",
                               "k8s/web.yaml");
  REQUIRE(objects);
  auto out =
      inject_images(objects.value()[0].yaml,
                    {{"web", "web:actordev-7"}, {"api", "api:actordev-1"}});
  REQUIRE(out);
  CHECK(out->images == std::vector<std::string>{"web"});
  auto again = split_objects(out->yaml, "injected");
  REQUIRE(again);
  const auto& yaml = again.value()[0].yaml;
  CHECK(yaml.find("image: web:actordev-7") != std::string::npos);
  CHECK(yaml.find("web:latest") == std::string::npos);
  CHECK(yaml.find("image: envoyproxy/envoy:v1.29\n") != std::string::npos);
  // Local images are not pulled; others keep their policy.
  CHECK(yaml.find("imagePullPolicy: IfNotPresent") != std::string::npos);
  CHECK(yaml.find("imagePullPolicy: Always") != std::string::npos);
  // The rest means what it said: the quoted port stays a string.
  CHECK(yaml.find("value: \"8080\"") != std::string::npos);
}

TEST_CASE("a Pod and a CronJob get their refs too; other objects are kept",
          "[k8s]") {
  auto pod = inject_images(
      "kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, "
      "image: api}]\n",
      {{"api", "api:actordev-2"}});
  REQUIRE(pod);
  CHECK(pod->yaml.find("image: api:actordev-2") != std::string::npos);
  auto cron = inject_images(
      "kind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    "
      "spec:\n      template:\n        spec:\n          containers: [{name: "
      "a, image: api}]\n",
      {{"api", "api:actordev-3"}});
  REQUIRE(cron);
  CHECK(cron->images == std::vector<std::string>{"api"});
  auto svc = inject_images("kind: Service\nmetadata: {name: s}\nspec: "
                           "{ports: [{port: 80}]}\n",
                           {{"api", "x"}});
  REQUIRE(svc);
  CHECK(svc->images.empty());
  CHECK_FALSE(inject_images("a: [", {}));
}

TEST_CASE("the pods an object makes get the resource's label, as a string",
          "[k8s]") {
  const std::map<std::string, std::string> label{
      {"actordev.dev/resource", "123"}};
  auto deployment = inject_images(R"(kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: web}]}
)",
                                  {}, label);
  REQUIRE(deployment);
  auto d = YAML::Load(deployment.value().yaml);
  CHECK(d["spec"]["template"]["metadata"]["labels"]["app"].as<std::string>() ==
        "web");
  CHECK(d["spec"]["template"]["metadata"]["labels"]["actordev.dev/resource"]
            .as<std::string>() == "123");
  // Quoted: a number-like value stays a string for Kubernetes.
  CHECK(deployment.value().yaml.find("actordev.dev/resource: \"123\"") !=
        std::string::npos);
  // The selector and the object's own labels are left alone.
  CHECK(d["spec"]["selector"]["matchLabels"].size() == 1);
  CHECK(d["metadata"]["labels"].size() == 1);

  auto pod = inject_images("kind: Pod\nmetadata: {name: p}\nspec: "
                           "{containers: [{name: c, image: i}]}\n",
                           {}, label);
  REQUIRE(pod);
  CHECK(YAML::Load(
            pod.value().yaml)["metadata"]["labels"]["actordev.dev/resource"]
            .as<std::string>() == "123");
  auto cron = inject_images(R"(kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec: {containers: [{name: c, image: i}]}
)",
                            {}, label);
  REQUIRE(cron);
  CHECK(YAML::Load(
            cron.value().yaml)["spec"]["jobTemplate"]["spec"]["template"]
                              ["metadata"]["labels"]["actordev.dev/resource"]
                                  .as<std::string>() == "123");
  auto service = inject_images("kind: Service\nmetadata: {name: s}\nspec: "
                               "{ports: [{port: 80}]}\n",
                               {}, label);
  REQUIRE(service);
  CHECK(service.value().yaml.find("actordev.dev") == std::string::npos);
}
