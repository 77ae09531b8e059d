#include "runtime/runtime_state.hpp"

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

} // namespace actordev
