#pragma once

// What a Kubernetes resource deploys: `k8s: {workload | yaml, image,
// pod_readiness}` and the top-level `k8s_yaml:`. The config names files;
// their objects are read afterwards (runtime/k8s/k8s_resolve), since
// reading them is I/O.

#include "runtime/config/position.hpp"

#include <string>
#include <vector>

namespace actordev::config {

/// One object of a Kubernetes YAML file.
struct k8s_object {
  std::string kind;
  std::string name;       ///< metadata.name
  std::string name_space; ///< metadata.namespace; empty: the default one
  std::string yaml; ///< the object alone, as `kubectl apply -f -` takes it
  std::string file; ///< the file it came from
  int line = 0;     ///< where it starts in its file, 1-based
  /// It runs pods: a Pod, or anything with a pod template (Deployment,
  /// StatefulSet, DaemonSet, ReplicaSet, Job, a CronJob's job template, and
  /// custom kinds shaped like them), as Tilt finds workloads.
  bool workload = false;

  bool operator==(const k8s_object&) const = default;
};

/// `pod_readiness:` — when a Kubernetes resource counts as ready.
enum class pod_readiness {
  automatic, ///< not set: `wait` with a workload, `ignore` without
  wait,      ///< once its pods are ready (or its job completed)
  ignore,    ///< once applied
};

/// `k8s:` of a resource.
struct k8s_spec {
  std::vector<located_path> yaml; ///< its own files, absolute
  std::string workload; ///< or: an object of `k8s_yaml` (NAME[:KIND[:NS]])
  config::position workload_position;
  std::vector<resource_dep> images; ///< entries of `images:` it runs
  config::pod_readiness readiness = pod_readiness::automatic;
  /// Its objects, once resolved (file order); empty before.
  std::vector<k8s_object> objects;

  /// Whether one of its objects runs pods.
  bool has_workload() const;
  /// `wait` unless `ignore` was asked for, or it was not set and no object
  /// runs pods.
  bool waits_for_pods() const;
  bool operator==(const k8s_spec&) const = default;
};

} // namespace actordev::config
