#include "actors/scheduler.hpp"

#include "messages/caf_types.hpp"
#include "runtime/build_plan.hpp"
#include "runtime/decision_proto.hpp"
#include "runtime/reducer.hpp"

#include <google/protobuf/util/message_differencer.h>
#include <spdlog/spdlog.h>

namespace actordev {

scheduler_actor::scheduler_actor(caf::actor_config& cfg, scheduler_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior scheduler_actor::make_behavior() {
  return {
      [this](const msg::Event& e) {
        apply_event(e);
        dispatch();
      },
      [this](register_atom, const std::string& name, caf::actor manifest) {
        manifests_[name] = std::move(manifest);
      },
      [this](watch_events_atom, caf::actor who) {
        event_watchers_.push_back(std::move(who));
      },
      [this](subscribe_atom, caf::actor who) {
        if (published_.ByteSizeLong() > 0)
          send(who, published_);
        subscribers_.push_back(std::move(who));
      },
  };
}

void scheduler_actor::apply_event(msg::Event e) {
  e.set_seq(++seq_);
  if (e.time_us() == 0)
    e.set_time_us(opts_.clock());
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("event {}: {}", seq_, e.ShortDebugString());
  apply(state_, e);
  for (const auto& w : event_watchers_)
    send(w, e);
}

void scheduler_actor::dispatch() {
  auto plan = plan_builds(state_, free_build_slots(state_));
  for (const auto& name : plan.start)
    grant(name);
  auto decision = to_proto(state_, plan);
  if (google::protobuf::util::MessageDifferencer::Equals(decision, published_))
    return;
  published_ = decision;
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("decision: {}", decision.ShortDebugString());
  for (const auto& s : subscribers_)
    send(s, decision);
}

void scheduler_actor::grant(const std::string& manifest) {
  msg::Event started;
  started.mutable_build_started()->set_manifest(manifest);
  apply_event(std::move(started));
  msg::BuildGrant g;
  g.set_manifest(manifest);
  g.set_decision_seq(seq_);
  auto i = manifests_.find(manifest);
  if (i != manifests_.end()) {
    send(i->second, std::move(g));
    return;
  }
  // No actor to run it: finish the build as failed rather than leave the
  // token taken forever.
  msg::Event failed;
  failed.mutable_build_finished()->set_manifest(manifest);
  failed.mutable_build_finished()->set_error(
      "no manifest actor is running for " + manifest);
  apply_event(std::move(failed));
}

void scheduler_actor::on_exit() {
  manifests_.clear();
  subscribers_.clear();
  event_watchers_.clear();
}

} // namespace actordev
