// The kubectl command lines actordev runs, and what it reads from
// `kubectl get nodes`.
#include "runtime/k8s/kubectl_commands.hpp"

#include <catch2/catch.hpp>

using namespace actordev::k8s;

TEST_CASE("kubectl command lines quote what the user named", "[k8s]") {
  CHECK(apply_command("/p/.actordev/k8s/web.yaml") ==
        "kubectl apply -f /p/.actordev/k8s/web.yaml");
  CHECK(delete_command("/my project/.actordev/k8s/web.yaml") ==
        "kubectl delete -f '/my project/.actordev/k8s/web.yaml' "
        "--ignore-not-found --wait=false");
  CHECK(watch_command("web", "") ==
        "kubectl get pods -w -o json --output-watch-events -l "
        "actordev.dev/resource=web");
  CHECK(watch_command("web", "shop") ==
        "kubectl get pods -w -o json --output-watch-events -n shop -l "
        "actordev.dev/resource=web");
  pod_container where{"shop", "web-7d4-abcde", "app"};
  CHECK(sync_command(where, "/p/.actordev/k8s/web.sync",
                     {"/app/handler.py", "/app/static/a b.css"}) ==
        "tar -C /p/.actordev/k8s/web.sync -cf - app/handler.py "
        "'app/static/a b.css' | kubectl exec -i -n shop web-7d4-abcde -c app "
        "-- tar -C / -xf -");
  CHECK(remove_command({"", "web-1", "app"}, {"/app/old.py"}) ==
        "kubectl exec web-1 -c app -- rm -rf /app/old.py");
  CHECK(exec_command({"", "web-1", "app"}, "pip install -r requirements.txt") ==
        "kubectl exec web-1 -c app -- sh -c 'pip install -r "
        "requirements.txt'");
}

TEST_CASE("a container without tar is told plainly", "[k8s]") {
  auto no_tar = exec_failure(
      126, "OCI runtime exec failed: exec failed: unable to start container "
           "process: exec: \"tar\": executable file not found in $PATH: "
           "unknown\ncommand terminated with exit code 126\n");
  CHECK(no_tar.find("the container has no 'tar'") == 0);
  CHECK(exec_failure(1, "Error from server (NotFound): pods \"web-1\" not "
                        "found\n") ==
        "Error from server (NotFound): pods \"web-1\" not found");
  CHECK(exec_failure(2, "") == "exit 2");
}

TEST_CASE("the cluster's architecture comes from its first node, and an "
          "unreachable cluster says why",
          "[k8s]") {
  auto up = read_nodes(0, R"({"apiVersion": "v1", "kind": "List", "items": [
    {"kind": "Node", "metadata": {"name": "kind-control-plane"},
     "status": {"nodeInfo": {"architecture": "arm64",
                             "kubeletVersion": "v1.28.3"}}}]})",
                       "");
  CHECK(up.arch == "arm64");
  CHECK(up.error.empty());
  auto down = read_nodes(1, "",
                         "The connection to the server 127.0.0.1:6443 was "
                         "refused - did you specify the right host or "
                         "port?\n");
  CHECK(down.arch.empty());
  CHECK(down.error == "The connection to the server 127.0.0.1:6443 was "
                      "refused - did you specify the right host or port?");
  // kubectl's own words, not the client library's log lines before them.
  CHECK(read_nodes(1, "",
                   "E1122 03:09:42.274420    4385 memcache.go:265] "
                   "\"Unhandled Error\" err=\"couldn't get current server "
                   "API group list\"\n"
                   "The connection to the server localhost:8080 was refused "
                   "- did you specify the right host or port?\n")
            .error == "The connection to the server localhost:8080 was "
                      "refused - did you specify the right host or port?");
  CHECK(kubectl_error("E1122 03:09:42.274420    4385 loader.go:1] bad "
                      "kubeconfig\n") == "bad kubeconfig");
  CHECK(read_nodes(127, "", "sh: 1: kubectl: not found")
            .error.find("kubectl is not installed here") == 0);
  CHECK(read_nodes(0, R"({"items": []})", "").error ==
        "the cluster has no nodes");
  CHECK(read_nodes(0, "Unable to connect", "").error ==
        "kubectl get nodes printed no JSON: Unable to connect");
  CHECK(read_nodes(0, R"({"items": [{"status": {}}]})", "").error ==
        "kubectl get nodes named no architecture");
}
