#include "runtime/startup_plan.hpp"

#include "runtime/build_plan.hpp"
#include "runtime/decision_proto.hpp"
#include "runtime/reducer.hpp"

namespace actordev {

namespace {

constexpr time_us step_us = 1'000'000;

msg::Event at(time_us t) {
  msg::Event e;
  e.set_time_us(t);
  return e;
}

/// Finishes the build of `name` successfully and makes it ready.
void succeed(engine_state& s, const std::string& name) {
  auto i = *s.manifests.find(name);
  auto done = at(s.now + step_us);
  auto* f = done.mutable_build_finished();
  f->set_manifest(name);
  for (const auto& t : s.manifests.targets_of(i)) {
    auto* r = f->add_results();
    *r->mutable_target() = to_proto(t);
    r->set_kind(t.type == msg::TARGET_IMAGE     ? msg::RESULT_IMAGE
                : t.type == msg::TARGET_K8S     ? msg::RESULT_K8S
                : t.type == msg::TARGET_COMPOSE ? msg::RESULT_COMPOSE
                                                : msg::RESULT_LOCAL);
  }
  apply(s, done);
  auto ready = at(s.now);
  auto* rt = ready.mutable_runtime_changed();
  rt->set_manifest(name);
  rt->set_status(msg::RUNTIME_OK);
  rt->set_ready(true);
  if (is_k8s(s.manifests[i])) {
    auto* pod = rt->add_pods();
    pod->set_name(name);
    pod->set_phase(msg::POD_SUCCEEDED);
  } else if (runs_containers(s.manifests[i])) {
    auto* c = rt->add_containers();
    c->set_id(name);
    c->set_state(msg::CONTAINER_RUNNING);
  }
  apply(s, ready);
}

} // namespace

std::vector<startup_step> simulate_startup(engine_state s) {
  std::vector<startup_step> steps;
  for (std::size_t round = 0; round <= s.manifests.size(); ++round) {
    auto plan = plan_builds(s, free_build_slots(s));
    steps.push_back({to_proto(s, plan)});
    if (plan.start.empty())
      break;
    for (const auto& name : plan.start) {
      auto e = at(s.now + step_us);
      e.mutable_build_started()->set_manifest(name);
      apply(s, e);
    }
    for (const auto& name : plan.start)
      succeed(s, name);
  }
  return steps;
}

} // namespace actordev
