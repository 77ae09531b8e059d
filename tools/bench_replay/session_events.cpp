#include "tools/bench_replay/session_events.hpp"

#include "tools/bench_engine/engine_events.hpp"

namespace actordev::bench {

namespace {

msg::Container container_of(const std::string& manifest,
                            const std::string& image) {
  msg::Container c;
  c.set_name("main");
  c.set_id("id-" + manifest);
  c.set_image(image);
  return c;
}

} // namespace

msg::Event pod_event(const std::string& manifest, const std::string& pod,
                     const std::string& image, pod_health health,
                     int restarts) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(manifest);
  auto* p = r->add_pods();
  p->set_name(pod);
  p->set_phase(health == pod_health::creating ? msg::POD_PENDING
                                              : msg::POD_RUNNING);
  auto* c = p->add_containers();
  *c = container_of(manifest, image);
  c->set_restarts(restarts);
  switch (health) {
  case pod_health::creating:
    c->clear_id();
    c->set_state(msg::CONTAINER_WAITING);
    c->set_reason("ContainerCreating");
    break;
  case pod_health::ready:
    c->set_state(msg::CONTAINER_RUNNING);
    c->set_ready(true);
    break;
  case pod_health::crashing:
    c->set_state(msg::CONTAINER_WAITING);
    c->set_reason("CrashLoopBackOff");
    break;
  }
  return e;
}

msg::Event container_exited_event(const std::string& manifest,
                                  const std::string& image) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(manifest);
  auto* c = r->add_containers();
  *c = container_of(manifest, image);
  c->set_state(msg::CONTAINER_TERMINATED);
  c->set_exit_code(137);
  return e;
}

msg::Event local_not_ready_event(const std::string& manifest) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(manifest);
  r->set_status(msg::RUNTIME_PENDING);
  return e;
}

msg::Event build_failed_event(const std::string& manifest,
                              const std::vector<target_ref>& built) {
  auto e = build_finished_event(manifest, built);
  e.mutable_build_finished()->set_error("exit status 1");
  e.mutable_build_finished()->set_exit_code(1);
  return e;
}

msg::Event config_edited_event(const std::string& path) {
  return files_changed_event({msg::TARGET_CONFIG, path}, path);
}

msg::Event enable_event(const std::string& manifest, msg::EnableState state) {
  msg::Event e;
  e.mutable_enable_changed()->set_manifest(manifest);
  e.mutable_enable_changed()->set_state(state);
  return e;
}

} // namespace actordev::bench
