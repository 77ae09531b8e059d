#include "runtime/config/config_messages.hpp"

#include "runtime/config/config_hash.hpp"
#include "runtime/config/image_graph.hpp"

#include <algorithm>

namespace actordev::config {

msg::TriggerMode to_trigger_mode(trigger_mode mode, bool auto_init) noexcept {
  if (mode == trigger_mode::manual)
    return auto_init ? msg::TRIGGER_MANUAL : msg::TRIGGER_MANUAL_NO_INIT;
  return auto_init ? msg::TRIGGER_AUTO : msg::TRIGGER_AUTO_NO_INIT;
}

std::vector<std::string> images_run(const local_resource& r) {
  if (r.container)
    return {r.container->image};
  if (r.compose && !r.compose->image.empty())
    return {r.compose->image};
  std::vector<std::string> out;
  if (r.k8s)
    for (const auto& image : r.k8s->images)
      out.push_back(image.name);
  return out;
}

namespace {

msg::BuildOn to_build_on(build_place p) {
  switch (p) {
  case build_place::remote:
    return msg::BUILD_ON_REMOTE;
  case build_place::any:
    return msg::BUILD_ON_ANY;
  default:
    return msg::BUILD_ON_LOCAL;
  }
}

/// Where `image` of resource `r` may build: `build_on` for the images a
/// builder can take, else here.
msg::BuildOn build_on(const project_config& cfg, const local_resource& r,
                      const image_config& image) {
  // Builders take the local container runtime's copy and custom builds.
  if (cfg.builders.empty() || !r.container ||
      image.kind == build_kind::docker)
    return msg::BUILD_ON_LOCAL;
  return to_build_on(image.build_on);
}

} // namespace

msg::ManifestSpec to_manifest_spec(const project_config& cfg,
                                   const local_resource& r) {
  msg::ManifestSpec out;
  out.set_name(r.name);
  out.set_type(r.container ? msg::MANIFEST_CONTAINER
               : r.compose ? msg::MANIFEST_COMPOSE
               : r.k8s     ? msg::MANIFEST_K8S
                           : msg::MANIFEST_LOCAL);
  if (r.compose)
    out.set_cluster("docker");
  if (r.k8s) {
    out.set_cluster("default");
    out.set_pod_readiness(r.k8s->waits_for_pods() ? msg::POD_READINESS_WAIT
                                                  : msg::POD_READINESS_IGNORE);
  }
  std::string canonical = canonical_form(r);
  for (const auto& image : images_run(r))
    if (const auto* img = cfg.find_image(image))
      for (const auto* step : build_order(cfg, *img)) {
        if (std::find(out.images().begin(), out.images().end(), step->name) !=
            out.images().end())
          continue;
        out.add_images(step->name);
        canonical += canonical_form(*step);
        out.set_build_on(std::max(out.build_on(), build_on(cfg, r, *step)));
      }
  // A local resource's cmd, where its build_on says.
  if (r.cmd && !r.container && !r.compose && !r.k8s && !cfg.builders.empty())
    out.set_build_on(to_build_on(r.build_on));
  out.set_trigger_mode(to_trigger_mode(r.trigger, r.auto_init));
  for (const auto& d : r.resource_deps)
    out.add_resource_deps(d.name);
  out.set_allow_parallel(r.allow_parallel);
  out.set_has_readiness_probe(r.readiness_probe.has_value());
  for (const auto& label : r.labels)
    out.add_labels(label);
  out.set_config_hash(config_hash(canonical));
  return out;
}

msg::ImageSpec to_image_spec(const image_config& image) {
  msg::ImageSpec out;
  out.set_name(image.name);
  for (const auto& dep : image.from)
    out.add_image_deps(dep.name);
  const auto& lu = image.live_update;
  auto* spec = out.mutable_live_update();
  for (const auto& f : lu.fall_back_on)
    spec->add_fall_back_on(f.path);
  for (const auto& s : lu.syncs) {
    auto* sync = spec->add_syncs();
    sync->set_local(s.local);
    sync->set_remote(s.remote);
  }
  for (const auto& r : lu.runs) {
    auto* run = spec->add_runs();
    run->set_cmd(shell_line(r.cmd));
    for (const auto& t : r.trigger)
      run->add_trigger(t);
  }
  spec->set_restart_container(lu.restart_container);
  if (lu.empty() && lu.fall_back_on.empty() && !lu.restart_container)
    out.clear_live_update();
  return out;
}

msg::ConfigLoaded to_config_loaded(const project_config& cfg) {
  msg::ConfigLoaded out;
  out.set_config_path(cfg.path);
  out.set_max_parallel_updates(cfg.settings.max_parallel_updates);
  for (const auto& r : cfg.resources)
    *out.add_manifests() = to_manifest_spec(cfg, r);
  for (const auto& img : cfg.images)
    *out.add_images() = to_image_spec(img);
  return out;
}

msg::ConfigError to_config_error(const config_error& e) {
  msg::ConfigError out;
  out.set_file(e.file);
  out.set_line(e.line);
  out.set_column(e.column);
  out.set_message(e.message);
  out.set_hint(e.hint);
  return out;
}

msg::ConfigLoadFailed
to_config_load_failed(const std::string& config_path,
                      const std::vector<config_error>& errors) {
  msg::ConfigLoadFailed out;
  out.set_config_path(config_path);
  for (const auto& e : errors)
    *out.add_errors() = to_config_error(e);
  return out;
}

} // namespace actordev::config
