#include "runtime/runtime_state.hpp"

#include "runtime/manifest_table.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace actordev {

const pod_state* most_recent_pod(const std::vector<pod_state>& pods) {
  const pod_state* best = nullptr;
  for (const auto& p : pods)
    if (!best || p.created_us > best->created_us ||
        (p.created_us == best->created_us && p.name > best->name))
      best = &p;
  return best;
}

bool pod_ready(const pod_state& pod) {
  return pod.phase == msg::POD_RUNNING && !pod.containers.empty() &&
         std::all_of(pod.containers.begin(), pod.containers.end(),
                     [](const auto& c) { return c.ready; });
}

bool container_failing(const container_state& c) {
  if (c.state == msg::CONTAINER_TERMINATED)
    return c.exit_code != 0;
  if (c.state != msg::CONTAINER_WAITING)
    return false;
  static constexpr std::string_view error_reasons[] = {
      "CrashLoopBackOff",  "ErrImagePull", "ImagePullBackOff",
      "RunContainerError", "StartError",   "Error"};
  return std::find(std::begin(error_reasons), std::end(error_reasons),
                   c.reason) != std::end(error_reasons);
}

namespace {

bool any_failing(const pod_state& pod) {
  return std::any_of(pod.containers.begin(), pod.containers.end(),
                     container_failing);
}

void mark(runtime_state& rt, msg::RuntimeStatus status, bool ready,
          bool succeeded) {
  rt.status = status;
  rt.ready = ready;
  rt.succeeded = succeeded;
}

} // namespace

// Tilt's K8sRuntimeState.RuntimeStatus: the phase of the most recent pod
// decides; a Running pod is OK only with every container ready, and an
// error while a container fails (CrashLoopBackOff, a non-zero exit), as
// in a Pending one.
void derive_k8s_runtime(runtime_state& rt, msg::PodReadiness readiness) {
  if (!rt.deployed)
    return mark(rt, msg::RUNTIME_PENDING, false, false);
  if (readiness == msg::POD_READINESS_IGNORE)
    return mark(rt, msg::RUNTIME_OK, true, false);
  const pod_state* pod = rt.pods ? most_recent_pod(*rt.pods) : nullptr;
  if (!pod)
    return mark(rt, msg::RUNTIME_PENDING, false, false);
  switch (pod->phase) {
  case msg::POD_RUNNING: {
    bool ready = pod_ready(*pod);
    if (!ready && any_failing(*pod)) // a crash loop runs, but is an error
      return mark(rt, msg::RUNTIME_ERROR, false, false);
    return mark(rt, ready ? msg::RUNTIME_OK : msg::RUNTIME_PENDING, ready,
                false);
  }
  case msg::POD_SUCCEEDED:
    return mark(rt, msg::RUNTIME_OK, false, true);
  case msg::POD_FAILED:
    return mark(rt, msg::RUNTIME_ERROR, false, false);
  default:
    break;
  }
  mark(rt, any_failing(*pod) ? msg::RUNTIME_ERROR : msg::RUNTIME_PENDING, false,
       false);
}

void derive_compose_runtime(runtime_state& rt) {
  if (rt.containers.empty())
    return mark(rt, rt.deployed ? msg::RUNTIME_PENDING : msg::RUNTIME_NONE,
                false, false);
  const auto& c = rt.containers.front();
  if (container_failing(c))
    return mark(rt, msg::RUNTIME_ERROR, false, false);
  if (c.state == msg::CONTAINER_TERMINATED)
    return mark(rt, msg::RUNTIME_OK, false, true);
  bool ready =
      c.state == msg::CONTAINER_RUNNING && (!c.has_healthcheck || c.healthy);
  mark(rt, ready ? msg::RUNTIME_OK : msg::RUNTIME_PENDING, ready, false);
}

namespace {

/// The reported pods that still count, copied over the ones kept before so
/// that their strings are reused: every running pod reports again and
/// again.
void keep_counted_pods(const google::protobuf::RepeatedPtrField<msg::Pod>& in,
                       std::vector<pod_state>& out) {
  std::size_t n = 0;
  for (const auto& pod : in) {
    if (pod.deleting())
      continue;
    if (n == out.size())
      out.emplace_back();
    assign(pod, out[n++]);
  }
  out.resize(n);
}

} // namespace

void record_deploy(runtime_state& rt, const msg::ManifestSpec& spec) {
  if (is_k8s(spec)) {
    rt.deployed = true;
    derive_k8s_runtime(rt, spec.pod_readiness());
  } else if (runs_containers(spec)) {
    rt.deployed = true;
    derive_compose_runtime(rt);
  } else if (!spec.has_readiness_probe()) {
    rt.succeeded = true;
  }
}

void apply_runtime(runtime_state& rt, const msg::ManifestSpec& spec,
                   const msg::RuntimeChanged& e) {
  rt.error = e.error();
  if (is_k8s(spec)) {
    if (!rt.pods)
      rt.pods.emplace();
    keep_counted_pods(e.pods(), *rt.pods);
    derive_k8s_runtime(rt, spec.pod_readiness());
  } else if (runs_containers(spec)) {
    assign(e.containers(), rt.containers);
    derive_compose_runtime(rt);
  } else {
    rt.status = e.status();
    rt.ready = e.ready();
    rt.succeeded = e.succeeded();
  }
}

} // namespace actordev
