#include "runtime/engine.hpp"

#include "runtime/build_plan.hpp"
#include "runtime/decision_proto.hpp"
#include "runtime/reducer.hpp"

namespace actordev {

void engine::apply(const msg::Event& e) {
  if (e.has_config_loaded())
    config_loaded_ = true;
  actordev::apply(state_, e);
}

const msg::DecisionPoint& engine::decide(std::uint64_t seq, time_us time) {
  auto plan = plan_builds(state_, free_build_slots(state_));
  auto& out = point_;
  out.Clear();
  out.set_seq(seq);
  out.set_time_us(time);
  reasons_.clear();
  msg::Event started;
  started.set_seq(seq);
  started.set_time_us(time);
  for (std::size_t k = 0; k < plan.start.size(); ++k) {
    const auto& name = plan.start[k];
    out.add_granted(name);
    if (plan.any_remote())
      out.add_granted_builders(plan.builders[k]);
    if (auto i = state_.manifests.find(name))
      reasons_.push_back(state_.next_build_reason(*i));
    started.mutable_build_started()->set_manifest(name);
    started.mutable_build_started()->set_builder(plan.builders[k]);
    actordev::apply(state_, started);
  }
  bool same = !config_loaded_ && plan.holds == last_holds_;
  config_loaded_ = false;
  if (same) {
    out.set_holds_unchanged(true);
    *last_.mutable_granted() = out.granted();
    *last_.mutable_granted_builders() = out.granted_builders();
    return out;
  }
  // The previous full decision becomes the one before; its messages are
  // reused for this one.
  std::swap(before_, last_);
  to_proto(state_, plan, last_);
  *out.mutable_holds() = last_.holds();
  last_holds_ = std::move(plan.holds);
  return out;
}

} // namespace actordev
