// Opt-in: a Kubernetes resource against a real cluster, when kubectl
// reaches one from here. Without one, ctest reports the test skipped, with
// kubectl's own reason.
#include "session_fixture.hpp"

#include "runtime/k8s/kubectl_commands.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>

#include <unistd.h>

using namespace actordev;
using namespace actordev::test;

namespace {

/// Why no real cluster can be used, or "" when one answers.
std::string why_no_cluster() {
  auto [code, out] =
      run_shell("timeout 10 kubectl get nodes -o json 2>/dev/null");
  auto err =
      run_shell("timeout 10 kubectl get nodes -o json 2>&1 >/dev/null").second;
  return k8s::read_nodes(code, out, err).error;
}

} // namespace

TEST_CASE("against a real Kubernetes cluster: apply, pods ready, down",
          "[e2e][real-k8s]") {
  if (auto why = why_no_cluster(); !why.empty()) {
    std::printf("actordev-test-skipped: no Kubernetes cluster reachable (%s)\n",
                why.c_str());
    return;
  }
  const auto name = "actordev-e2e-" + std::to_string(::getpid());
  temp_project p;
  p.write("k8s/sleeper.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: )" + name + R"(
spec:
  selector:
    matchLabels: {app: )" + name + R"(}
  template:
    metadata:
      labels: {app: )" + name + R"(}
    spec:
      containers:
        - name: main
          image: busybox:1.36
          command: [sh, -c, "sleep 3600"]
)");
  p.write("actordev.yaml",
          "resources:\n  sleeper: {k8s: {yaml: k8s/sleeper.yaml}}\n");
  {
    running_actordev up{p, "up"};
    up.wait_for("sleeper  ● ready", std::chrono::minutes{3});
    up.signal(SIGTERM);
    CHECK(up.wait_exit(std::chrono::minutes{1}) == 0);
  }
  // Still there after up, as with Tilt; gone after down.
  CHECK(run_shell("timeout 30 kubectl get deployment " + name +
                  " -o name 2>/dev/null")
            .first == 0);
  auto down = p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK(down.output.find("deleted the Kubernetes objects of sleeper") !=
        std::string::npos);
  run_shell("timeout 60 kubectl delete deployment " + name +
            " --ignore-not-found >/dev/null 2>&1");
}
