#include "synthetic_project.hpp"

#include "random_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace actordev::bench {

namespace {

// The mix of a generated project, in percent of the manifests drawn.
constexpr unsigned local_percent = 55;
constexpr unsigned parallel_percent_of_locals = 25;
constexpr unsigned probe_percent_of_locals = 20;
constexpr unsigned live_update_percent_of_k8s = 35;
constexpr unsigned shared_base_percent_of_k8s = 30;
constexpr unsigned manual_percent = 5;
constexpr unsigned auto_no_init_percent = 3;
/// resource_deps counts: 0 in half the manifests, 1 in 30%, 2 in 20%.
constexpr unsigned no_deps_percent = 50;
constexpr unsigned one_dep_percent = 30;

constexpr std::size_t manifests_per_compose = 50;
constexpr std::size_t manifests_per_base_image = 40;

/// The kinds of the first manifests: every kind is present at 10.
constexpr std::array fixed_kinds{
  manifest_kind::uncategorized, manifest_kind::compose,
  manifest_kind::local,         manifest_kind::parallel_local,
  manifest_kind::k8s,           manifest_kind::k8s,
  manifest_kind::k8s_live_update, manifest_kind::local,
  manifest_kind::parallel_local,  manifest_kind::k8s,
};

manifest_kind draw_kind(std::size_t i, random_source& rng) {
  if (i < fixed_kinds.size())
    return fixed_kinds[i];
  if (i % manifests_per_compose == 1)
    return manifest_kind::compose;
  if (rng.chance(local_percent))
    return rng.chance(parallel_percent_of_locals) ? manifest_kind::parallel_local
                                                  : manifest_kind::local;
  return rng.chance(live_update_percent_of_k8s) ? manifest_kind::k8s_live_update
                                                : manifest_kind::k8s;
}

std::string_view kind_label(manifest_kind k) {
  switch (k) {
    case manifest_kind::uncategorized: return "uncategorized";
    case manifest_kind::compose: return "compose";
    case manifest_kind::local: return "local";
    case manifest_kind::parallel_local: return "parallel";
    case manifest_kind::k8s: return "svc";
    case manifest_kind::k8s_live_update: return "svc";
  }
  return "unknown";
}

std::string manifest_name(manifest_kind k, std::size_t i) {
  if (k == manifest_kind::uncategorized)
    return "uncategorized";
  return fmt::format("{}-{:05}", kind_label(k), i);
}

msg::TriggerMode draw_trigger(std::size_t i, random_source& rng) {
  if (i < fixed_kinds.size())
    return msg::TRIGGER_AUTO;
  if (rng.chance(manual_percent))
    return msg::TRIGGER_MANUAL;
  if (rng.chance(auto_no_init_percent))
    return msg::TRIGGER_AUTO_NO_INIT;
  return msg::TRIGGER_AUTO;
}

/// 0-2 distinct manifests among the first `i`.
std::vector<std::size_t> draw_deps(std::size_t i, random_source& rng) {
  auto roll = rng.below(100);
  std::size_t want = roll < no_deps_percent                     ? 0
                     : roll < no_deps_percent + one_dep_percent ? 1
                                                                : 2;
  std::vector<std::size_t> deps;
  while (deps.size() < std::min(want, i)) {
    auto d = rng.below(i);
    if (std::find(deps.begin(), deps.end(), d) == deps.end())
      deps.push_back(d);
  }
  return deps;
}

msg::ImageSpec own_image_spec(const std::string& manifest,
                              const std::string& base, bool live_update) {
  msg::ImageSpec img;
  img.set_name("img-" + manifest);
  if (!base.empty())
    img.add_image_deps(base);
  if (live_update) {
    auto* sync = img.mutable_live_update()->add_syncs();
    sync->set_local("/src/" + manifest);
    sync->set_remote("/app");
    img.mutable_live_update()->add_fall_back_on("/src/" + manifest
                                                + "/package.json");
  }
  return img;
}

/// Builds the project one manifest at a time.
class project_builder {
public:
  project_builder(std::size_t size, std::uint64_t seed)
    : rng_(seed),
      base_images_(std::max<std::size_t>(1, size / manifests_per_base_image)) {
    p_.config.set_config_path("/project/actordev.yaml");
    p_.config.set_max_parallel_updates(project_max_parallel_updates);
  }

  void add(std::size_t i) {
    auto kind = draw_kind(i, rng_);
    msg::ManifestSpec m;
    m.set_name(manifest_name(kind, i));
    m.set_trigger_mode(draw_trigger(i, rng_));
    for (auto d : draw_deps(i, rng_))
      m.add_resource_deps(p_.spec(d).name());
    m.add_labels(std::string{kind_label(kind)});
    m.set_config_hash(fmt::format("{:016x}", rng_.next()));
    shape(kind, m);
    *p_.config.add_manifests() = std::move(m);
    p_.kinds.push_back(kind);
  }

  synthetic_project take() { return std::move(p_); }

private:
  /// Sets what depends on the kind: type, cluster, images.
  void shape(manifest_kind kind, msg::ManifestSpec& m) {
    switch (kind) {
      case manifest_kind::uncategorized:
        m.set_type(msg::MANIFEST_K8S);
        m.set_cluster("default");
        m.set_pod_readiness(msg::POD_READINESS_IGNORE);
        return;
      case manifest_kind::compose:
        m.set_type(msg::MANIFEST_COMPOSE);
        m.set_cluster("docker");
        return add_images(m, {}, false);
      case manifest_kind::parallel_local:
        m.set_allow_parallel(true);
        [[fallthrough]];
      case manifest_kind::local:
        m.set_type(msg::MANIFEST_LOCAL);
        m.set_has_readiness_probe(rng_.chance(probe_percent_of_locals));
        return;
      case manifest_kind::k8s:
      case manifest_kind::k8s_live_update:
        m.set_type(msg::MANIFEST_K8S);
        m.set_cluster("default");
        return add_images(m, draw_base(),
                          kind == manifest_kind::k8s_live_update);
    }
  }

  /// A shared base image for some workloads, "" for the others.
  std::string draw_base() {
    if (!rng_.chance(shared_base_percent_of_k8s))
      return {};
    auto b = rng_.below(base_images_.size());
    auto name = fmt::format("base-{:03}", b);
    if (!base_images_[b]) {
      base_images_[b] = true;
      p_.config.add_images()->set_name(name);
    }
    return name;
  }

  void add_images(msg::ManifestSpec& m, const std::string& base,
                  bool live_update) {
    if (!base.empty())
      m.add_images(base);
    auto img = own_image_spec(m.name(), base, live_update);
    m.add_images(img.name());
    *p_.config.add_images() = std::move(img);
  }

  random_source rng_;
  std::vector<bool> base_images_;  ///< declared yet
  synthetic_project p_;
};

} // namespace

std::vector<std::size_t>
synthetic_project::of_kind(manifest_kind k) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i] == k)
      out.push_back(i);
  return out;
}

std::string_view synthetic_project::own_image(std::size_t i) const {
  const auto& m = spec(i);
  if (m.images_size() == 0)
    return {};
  return m.images(m.images_size() - 1);
}

synthetic_project make_project(std::size_t size, std::uint64_t seed) {
  project_builder b(size, seed);
  for (std::size_t i = 0; i < size; ++i)
    b.add(i);
  return b.take();
}

} // namespace actordev::bench
