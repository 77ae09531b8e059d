#include "engine_fixture.hpp"

#include "runtime/reducer.hpp"

#include <algorithm>

namespace actordev::test {

namespace {

msg::ManifestSpec make_spec(const std::string& name, msg::ManifestType type,
                            const manifest_opts& o) {
  msg::ManifestSpec m;
  m.set_name(name);
  m.set_type(type);
  m.set_trigger_mode(o.trigger);
  for (const auto& d : o.deps)
    m.add_resource_deps(d);
  m.set_allow_parallel(o.allow_parallel);
  for (const auto& i : o.images)
    m.add_images(i);
  m.set_cluster(o.cluster);
  m.set_pod_readiness(o.readiness);
  m.set_has_readiness_probe(o.probe);
  return m;
}

msg::Container container(const std::string& name, const std::string& image,
                         msg::ContainerState state) {
  msg::Container c;
  c.set_name(name);
  c.set_id("id-" + name);
  c.set_image(image);
  c.set_state(state);
  return c;
}

msg::Pod pod_with(const std::string& name, msg::PodPhase phase,
                  std::vector<msg::Container> cs) {
  msg::Pod p;
  p.set_name(name);
  p.set_phase(phase);
  for (auto& c : cs)
    *p.add_containers() = std::move(c);
  return p;
}

} // namespace

engine_fixture::engine_fixture() {
  set_cluster("default", "amd64");
  set_cluster("docker", "amd64");
}

void engine_fixture::upsert(msg::ManifestSpec spec) {
  auto same = [&](const auto& m) { return m.name() == spec.name(); };
  if (std::none_of(specs_.begin(), specs_.end(), same))
    specs_.push_back(std::move(spec));
  load_config();
}

void engine_fixture::upsert_local(const std::string& name, manifest_opts o) {
  upsert(make_spec(name, msg::MANIFEST_LOCAL, o));
}

void engine_fixture::upsert_k8s(const std::string& name, manifest_opts o) {
  if (name == "uncategorized")
    o.readiness = msg::POD_READINESS_IGNORE;
  upsert(make_spec(name, msg::MANIFEST_K8S, o));
}

void engine_fixture::upsert_compose(const std::string& name, manifest_opts o) {
  upsert(make_spec(name, msg::MANIFEST_COMPOSE, o));
}

void engine_fixture::upsert_container(const std::string& name,
                                      manifest_opts o) {
  upsert(make_spec(name, msg::MANIFEST_CONTAINER, o));
}

void engine_fixture::upsert_image(const std::string& name, image_opts o) {
  msg::ImageSpec img;
  img.set_name(name);
  for (const auto& d : o.image_deps)
    img.add_image_deps(d);
  for (const auto& path : o.syncs) {
    auto* s = img.mutable_live_update()->add_syncs();
    s->set_local(path);
    s->set_remote("/app");
  }
  for (const auto& path : o.fall_back_on)
    img.mutable_live_update()->add_fall_back_on(path);
  images_.push_back(std::move(img));
}

void engine_fixture::set_resource_deps(const std::string& name,
                                       std::vector<std::string> deps) {
  for (auto& m : specs_) {
    if (m.name() != name)
      continue;
    m.clear_resource_deps();
    for (auto& d : deps)
      m.add_resource_deps(std::move(d));
  }
  load_config();
}

void engine_fixture::load_config(std::vector<std::string> disabled,
                                 time_us read_us) {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_read_us(read_us);
  c->set_config_path("/project/actordev.yaml");
  c->set_max_parallel_updates(max_parallel_);
  for (const auto& m : specs_)
    *c->add_manifests() = m;
  for (const auto& i : images_)
    *c->add_images() = i;
  for (auto& d : disabled)
    c->add_disabled(std::move(d));
  send(std::move(e));
}

void engine_fixture::send(msg::Event e) {
  clock_ += 1000;
  e.set_seq(++seq_);
  e.set_time_us(clock_);
  apply(state_, e);
}

void engine_fixture::start_build(const std::string& name) {
  msg::Event e;
  e.mutable_build_started()->set_manifest(name);
  send(std::move(e));
}

void engine_fixture::finish_build(const std::string& name,
                                  const std::string& error) {
  msg::Event e;
  auto* f = e.mutable_build_finished();
  f->set_manifest(name);
  f->set_error(error);
  if (auto i = state_.manifests.find(name)) {
    for (const auto& t : state_.manifests.targets_of(*i)) {
      auto* r = f->add_results();
      *r->mutable_target() = to_proto(t);
      switch (t.type) {
      case msg::TARGET_IMAGE:
        r->set_kind(msg::RESULT_IMAGE);
        break;
      case msg::TARGET_K8S:
        r->set_kind(msg::RESULT_K8S);
        break;
      case msg::TARGET_COMPOSE:
        r->set_kind(msg::RESULT_COMPOSE);
        break;
      default:
        r->set_kind(msg::RESULT_LOCAL);
        break;
      }
    }
  }
  send(std::move(e));
}

void engine_fixture::change_files(msg::TargetType type,
                                  const std::string& target,
                                  std::vector<std::string> paths) {
  msg::Event e;
  auto* c = e.mutable_files_changed()->add_changes();
  c->mutable_target()->set_type(type);
  c->mutable_target()->set_name(target);
  for (auto& p : paths)
    c->add_paths(std::move(p));
  send(std::move(e));
}

void engine_fixture::change_config() {
  change_files(msg::TARGET_CONFIG, "/project/actordev.yaml",
               {"/project/actordev.yaml"});
}

void engine_fixture::fail_config() {
  msg::Event e;
  auto* err = e.mutable_config_load_failed()->add_errors();
  err->set_file("actordev.yaml");
  err->set_line(3);
  err->set_column(5);
  err->set_message("unknown key 'comand'");
  send(std::move(e));
}

void engine_fixture::set_pods(const std::string& name,
                              std::vector<msg::Pod> pods) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  for (auto& p : pods)
    *r->add_pods() = std::move(p);
  send(std::move(e));
}

void engine_fixture::set_local_runtime(const std::string& name,
                                       msg::RuntimeStatus status, bool ready,
                                       bool succeeded) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  r->set_status(status);
  r->set_ready(ready);
  r->set_succeeded(succeeded);
  send(std::move(e));
}

void engine_fixture::set_compose_container(const std::string& name,
                                           msg::Container c) {
  msg::Event e;
  auto* r = e.mutable_runtime_changed();
  r->set_manifest(name);
  *r->add_containers() = std::move(c);
  send(std::move(e));
}

void engine_fixture::set_cluster(const std::string& name,
                                 const std::string& arch,
                                 const std::string& error) {
  msg::Event e;
  auto* c = e.mutable_cluster_status();
  c->set_name(name);
  c->set_arch(arch);
  c->set_error(error);
  send(std::move(e));
}

void engine_fixture::set_live_update(const std::string& image,
                                     std::vector<std::string> sources,
                                     const std::string& failed) {
  msg::Event e;
  auto* lu = e.mutable_live_update_status();
  lu->set_name(image);
  for (auto& s : sources)
    lu->add_sources(std::move(s));
  lu->set_failed(failed);
  send(std::move(e));
}

void engine_fixture::trigger(const std::string& name) {
  msg::Event e;
  e.mutable_trigger_requested()->set_manifest(name);
  send(std::move(e));
}

void engine_fixture::set_enable(const std::string& name,
                                msg::EnableState state) {
  msg::Event e;
  e.mutable_enable_changed()->set_manifest(name);
  e.mutable_enable_changed()->set_state(state);
  send(std::move(e));
}

void engine_fixture::set_max_parallel(int n) {
  max_parallel_ = n;
  load_config();
}

std::string next_name(const engine_state& s, const decision& d) {
  return d.next ? s.manifests[*d.next].name() : std::string{};
}

void engine_fixture::assert_next(const std::string& name) const {
  CHECK(next_name(state_, decide()) == name);
}

void engine_fixture::assert_no_next() const {
  CHECK(next_name(state_, decide()).empty());
}

void engine_fixture::assert_hold(const std::string& name,
                                 msg::HoldReason reason,
                                 std::vector<target_ref> on) const {
  auto i = state_.manifests.find(name);
  REQUIRE(i);
  auto d = decide();
  INFO("hold on " << name << ": " << hold_reason_id(d.holds[*i].reason));
  CHECK(d.holds[*i].reason == reason);
  CHECK(d.holds[*i].waiting_on == on);
}

void engine_fixture::assert_no_hold(const std::string& name) const {
  assert_hold(name, msg::HOLD_NONE);
}

msg::Pod ready_pod(const std::string& pod, const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_RUNNING);
  c.set_ready(true);
  return pod_with(pod, msg::POD_RUNNING, {c});
}

msg::Pod pending_pod(const std::string& pod, const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_WAITING);
  c.set_reason("ContainerCreating");
  return pod_with(pod, msg::POD_PENDING, {c});
}

msg::Pod crashing_pod(const std::string& pod, const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_TERMINATED);
  c.set_restarts(1);
  c.set_exit_code(127);
  c.set_reason("Error");
  return pod_with(pod, msg::POD_RUNNING, {c});
}

msg::Pod crashed_in_the_past_pod(const std::string& pod,
                                 const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_RUNNING);
  c.set_ready(true);
  c.set_restarts(1);
  return pod_with(pod, msg::POD_RUNNING, {c});
}

msg::Pod sidecar_crashed_pod(const std::string& pod, const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_RUNNING);
  c.set_ready(true);
  auto s = container("s", "sidecar", msg::CONTAINER_TERMINATED);
  s.set_restarts(1);
  s.set_exit_code(127);
  return pod_with(pod, msg::POD_RUNNING, {c, s});
}

msg::Pod completed_pod(const std::string& pod, const std::string& image) {
  auto c = container("c", image, msg::CONTAINER_TERMINATED);
  c.set_reason("Completed");
  return pod_with(pod, msg::POD_SUCCEEDED, {c});
}

} // namespace actordev::test
