#include "runtime/config/k8s_spec.hpp"

#include <algorithm>

namespace actordev::config {

bool k8s_spec::has_workload() const {
  return std::any_of(objects.begin(), objects.end(),
                     [](const k8s_object& o) { return o.workload; });
}

bool k8s_spec::waits_for_pods() const {
  switch (readiness) {
  case pod_readiness::wait:
    return true;
  case pod_readiness::ignore:
    return false;
  case pod_readiness::automatic:
    break;
  }
  return has_workload();
}

} // namespace actordev::config
