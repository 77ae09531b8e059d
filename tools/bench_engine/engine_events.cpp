#include "engine_events.hpp"

#include "runtime/reducer.hpp"

#include <chrono>

namespace actordev::bench {

namespace {

constexpr time_us event_spacing =
  std::chrono::microseconds(std::chrono::milliseconds(1)).count();

msg::ResultKind result_kind(msg::TargetType type) {
  switch (type) {
    case msg::TARGET_IMAGE: return msg::RESULT_IMAGE;
    case msg::TARGET_K8S: return msg::RESULT_K8S;
    case msg::TARGET_COMPOSE: return msg::RESULT_COMPOSE;
    default: return msg::RESULT_LOCAL;
  }
}

msg::Container running_container(const std::string& image) {
  msg::Container c;
  c.set_name("main");
  c.set_id("id-" + image);
  c.set_image(image);
  c.set_state(msg::CONTAINER_RUNNING);
  c.set_ready(true);
  return c;
}

} // namespace

msg::Event event_clock::stamp(msg::Event e) {
  now_ += event_spacing;
  e.set_seq(++seq_);
  e.set_time_us(now_);
  return e;
}

void event_feed::send(msg::Event e) { apply(s_, clock_.stamp(std::move(e))); }

msg::Event config_loaded_event(const msg::ConfigLoaded& config) {
  msg::Event e;
  *e.mutable_config_loaded() = config;
  return e;
}

msg::Event cluster_healthy_event(const std::string& cluster) {
  msg::Event e;
  e.mutable_cluster_status()->set_name(cluster);
  e.mutable_cluster_status()->set_arch("amd64");
  return e;
}

msg::Event build_started_event(const std::string& manifest) {
  msg::Event e;
  e.mutable_build_started()->set_manifest(manifest);
  return e;
}

msg::Event build_finished_event(const std::string& manifest,
                                const std::vector<target_ref>& built) {
  msg::Event e;
  auto* f = e.mutable_build_finished();
  f->set_manifest(manifest);
  for (const auto& t : built) {
    auto* r = f->add_results();
    *r->mutable_target() = to_proto(t);
    r->set_kind(result_kind(t.type));
    if (t.type == msg::TARGET_IMAGE)
      r->set_image_ref(t.name + ":bench");
  }
  return e;
}

msg::Event pod_ready_event(const std::string& manifest,
                           const std::string& image) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(manifest);
  auto* pod = r->add_pods();
  pod->set_name(manifest + "-pod");
  pod->set_phase(msg::POD_RUNNING);
  *pod->add_containers() = running_container(image);
  return e;
}

msg::Event container_running_event(const std::string& manifest,
                                   const std::string& image) {
  msg::Event e;
  e.mutable_runtime_changed()->set_manifest(manifest);
  *e.mutable_runtime_changed()->add_containers() = running_container(image);
  return e;
}

msg::Event local_ready_event(const std::string& manifest) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(manifest);
  r->set_status(msg::RUNTIME_OK);
  r->set_ready(true);
  return e;
}

msg::Event files_changed_event(const target_ref& target, std::string path) {
  msg::Event e;
  auto* c = e.mutable_files_changed()->add_changes();
  *c->mutable_target() = to_proto(target);
  c->add_paths(std::move(path));
  return e;
}

msg::Event live_update_healthy_event(const std::string& image) {
  msg::Event e;
  e.mutable_live_update_status()->set_name(image);
  e.mutable_live_update_status()->add_sources(image);
  return e;
}

msg::Event trigger_event(const std::string& manifest) {
  msg::Event e;
  e.mutable_trigger_requested()->set_manifest(manifest);
  return e;
}

} // namespace actordev::bench
