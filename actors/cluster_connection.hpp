#pragma once

#include "adapters/command_output.hpp"
#include "runtime/docker/docker_json.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace actordev {

/// What a cluster connection runs and how it reads the answer.
struct cluster_connection_spec {
  std::string name;    ///< the cluster: "docker", "default"...
  std::string command; ///< asks the tool (`sh -c`), e.g. docker info
  std::function<docker::cluster_answer(const adapters::command_output&)> read;
  caf::actor scheduler; ///< receives msg::Event (ClusterStatus)
  std::chrono::milliseconds timeout{10000};   ///< one check at most
  std::chrono::milliseconds interval{15000};  ///< between checks when up
  std::chrono::milliseconds retry_min{500};   ///< the first retry when down
  std::chrono::milliseconds retry_max{30000}; ///< retries double up to this
};

/// The connection to one cluster (DESIGN.md §3). Spawn it detached: each
/// check runs the spec's command (bounded by `timeout`) and reports a
/// msg::ClusterStatus — its architecture, or the error — to the scheduler
/// whenever that changed (the first check always). Until the first answer
/// with an architecture, the engine holds the cluster's targets
/// (`waiting-for-cluster`). A reachable cluster is checked again every
/// `interval`; an unreachable one after `retry_min`, doubling up to
/// `retry_max`, so it reconnects when it comes back. The next check is a
/// `delayed_send`, so an exit message ends it between checks.
class cluster_connection : public caf::event_based_actor {
public:
  cluster_connection(caf::actor_config& cfg, cluster_connection_spec spec);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.cluster"; }

private:
  void check();

  cluster_connection_spec spec_;
  bool reported_ = false;
  docker::cluster_answer last_;
  std::chrono::milliseconds retry_;
};

/// How the `docker` cluster is asked: `docker info`, read by
/// `docker::read_docker_info`.
cluster_connection_spec docker_cluster(caf::actor scheduler);

/// How the `default` (Kubernetes) cluster is asked: `kubectl get nodes -o
/// json`, read by `k8s::read_nodes`.
cluster_connection_spec k8s_cluster(caf::actor scheduler);

} // namespace actordev
