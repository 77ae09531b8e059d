#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/manifest.pb.h"
#include "runtime/pod_state.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// What runs for one manifest: a local process, Kubernetes pods or a
/// compose container.
struct runtime_state {
  msg::RuntimeStatus status = msg::RUNTIME_UNKNOWN;
  bool ready = false;     ///< serving now (a probe passed, pods ready)
  bool succeeded = false; ///< a job that completed
  std::string error;      ///< what went wrong, as reported
  /// k8s/compose: a deploy has succeeded since start.
  bool deployed = false;
  /// k8s: the pods seen; nothing until the first report.
  std::optional<std::vector<pod_state>> pods;
  /// compose: the service's containers.
  std::vector<container_state> containers;
};

/// The pod created last (ties: the larger name, as Tilt's PodCompare), or
/// nullptr when there is none.
const pod_state* most_recent_pod(const std::vector<pod_state>& pods);

/// Running with every container ready.
bool pod_ready(const pod_state& pod);

/// A container that crashed or cannot start (crash loop, image pull).
bool container_failing(const container_state& c);

/// Recomputes status, ready and succeeded of a Kubernetes manifest from its
/// deploy state and pods: ready = deployed and (readiness ignore, or the
/// most recent pod ready); a completed job counts as succeeded.
void derive_k8s_runtime(runtime_state& rt, msg::PodReadiness readiness);

/// Recomputes status, ready and succeeded of a compose service from its
/// containers: ready = running and, with a healthcheck, healthy.
void derive_compose_runtime(runtime_state& rt);

/// A successful deploy of manifest `spec`: Kubernetes and containers are
/// deployed (their pods and containers decide); a local resource without
/// a readiness probe has succeeded, as in Tilt.
void record_deploy(runtime_state& rt, const msg::ManifestSpec& spec);

/// What a RuntimeChanged of manifest `spec` says: its pods (those not
/// being deleted, as Tilt's FilteredPods) or containers, from which status
/// and readiness are derived; a local resource's status as reported.
void apply_runtime(runtime_state& rt, const msg::ManifestSpec& spec,
                   const msg::RuntimeChanged& e);

} // namespace actordev
