#pragma once

// The `kubectl` command lines actordev runs (each for `sh -c`), and how it
// reads `kubectl get nodes`. Pure: the actors run them.

#include "runtime/docker/docker_json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::k8s {

/// The label put on every pod a resource makes, with the resource's name:
/// its pods are watched by it.
inline constexpr std::string_view resource_label = "actordev.dev/resource";

/// The label put on the pods of each workload with a hash of its pod
/// template as applied: pods of an earlier deploy (an old ReplicaSet's,
/// still terminating or not yet replaced) do not carry the current one,
/// and do not count, as Tilt's pod-template-hash filter.
inline constexpr std::string_view template_label = "actordev.dev/template";

/// `kubectl apply -f FILE`.
std::string apply_command(const std::string& file);

/// `kubectl replace --force -f FILE`: deletes and recreates, for objects
/// whose change `apply` refuses (a Job's pod template is immutable).
std::string replace_command(const std::string& file);

/// Whether kubectl's error says an immutable field was changed.
bool immutable_field(std::string_view err);

/// `kubectl delete -f FILE --ignore-not-found --wait=false`.
std::string delete_command(const std::string& file);

/// Watches the pods of `resource` in namespace `name_space` (empty: the
/// kubeconfig's): `kubectl get pods -w -o json --output-watch-events -l
/// actordev.dev/resource=NAME`.
std::string watch_command(const std::string& resource,
                          const std::string& name_space);

/// The cluster connection's question: `kubectl get nodes -o json`.
std::string nodes_command();

/// Where a command in a pod's container runs: `kubectl exec [-i] -n NS POD
/// -c CONTAINER --`.
struct pod_container {
  std::string name_space; ///< empty: the kubeconfig's
  std::string pod;
  std::string container;
};

/// Copies the files under `staging` (each at its container path, below
/// the staging folder) into the container: `tar -C STAGING -cf - PATHS |
/// kubectl exec -i ... -- tar -C / -xf -`. `paths` are the container paths
/// (absolute).
std::string sync_command(const pod_container& where, const std::string& staging,
                         const std::vector<std::string>& paths);

/// `kubectl exec ... -- rm -rf PATHS`.
std::string remove_command(const pod_container& where,
                           const std::vector<std::string>& paths);

/// `kubectl exec ... -- sh -c CMD`.
std::string exec_command(const pod_container& where, const std::string& cmd);

/// What kubectl said went wrong: its first line of its own, after the
/// client library's log lines ("E1122 03:09:42.274420 ... ] ..."), or the
/// last of those when it said nothing else.
std::string kubectl_error(std::string_view err);

/// What a failed live update command says to the user: a clear message
/// when the container has no `tar` (exit 126/127 with "tar" in the error),
/// else the tool's first line.
std::string exec_failure(int exit_code, std::string_view err);

/// Reads `kubectl get nodes -o json`: the first node's architecture, or
/// what went wrong (see kubectl_error).
docker::cluster_answer read_nodes(int exit_code, std::string_view out,
                                  std::string_view err);

} // namespace actordev::k8s
