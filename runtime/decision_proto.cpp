#include "runtime/decision_proto.hpp"

namespace actordev {

msg::Decision to_proto(const engine_state& s, const build_plan& plan) {
  msg::Decision out;
  to_proto(s, plan, out);
  return out;
}

void to_proto(const engine_state& s, const build_plan& plan,
              msg::Decision& out) {
  out.Clear();
  for (const auto& name : plan.start)
    out.add_granted(name);
  if (plan.any_remote())
    for (const auto& b : plan.builders)
      out.add_granted_builders(b);
  for (std::size_t i = 0; i < plan.holds.size(); ++i) {
    const auto& h = plan.holds[i];
    if (!h)
      continue;
    auto* held = out.add_holds();
    held->set_manifest(s.manifests[i].name());
    held->set_reason(h.reason);
    for (const auto& ref : h.waiting_on)
      to_proto(ref, *held->add_waiting_on());
  }
}

} // namespace actordev
