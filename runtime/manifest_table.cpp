#include "runtime/manifest_table.hpp"

#include <algorithm>
#include <unordered_set>

namespace actordev {

bool is_local(const msg::ManifestSpec& m) {
  return m.type() == msg::MANIFEST_LOCAL;
}

bool is_k8s(const msg::ManifestSpec& m) {
  return m.type() == msg::MANIFEST_K8S;
}

bool is_compose(const msg::ManifestSpec& m) {
  return m.type() == msg::MANIFEST_COMPOSE;
}

bool is_container(const msg::ManifestSpec& m) {
  return m.type() == msg::MANIFEST_CONTAINER;
}

bool runs_containers(const msg::ManifestSpec& m) {
  return is_compose(m) || is_container(m);
}

bool is_uncategorized(const msg::ManifestSpec& m) {
  return is_k8s(m) && m.name() == uncategorized_name;
}

target_ref deploy_target(const msg::ManifestSpec& m) {
  switch (m.type()) {
  case msg::MANIFEST_K8S:
    return {msg::TARGET_K8S, m.name()};
  case msg::MANIFEST_COMPOSE:
    return {msg::TARGET_COMPOSE, m.name()};
  default:
    return {msg::TARGET_LOCAL, m.name()};
  }
}

bool has_live_update(const msg::ImageSpec& image) {
  return image.live_update().syncs_size() > 0 ||
         image.live_update().runs_size() > 0;
}

namespace {

/// Keeps the first manifest of each name. The config loader rejects a
/// config that names two manifests alike, but a ConfigLoaded from a
/// damaged or hand-written log may still do it, and every index by name
/// assumes one manifest per name.
void drop_repeated_names(std::vector<msg::ManifestSpec>& specs) {
  std::unordered_set<std::string> seen;
  specs.erase(std::remove_if(specs.begin(), specs.end(),
                             [&](const msg::ManifestSpec& m) {
                               return !seen.insert(m.name()).second;
                             }),
              specs.end());
}

} // namespace

std::optional<std::size_t> manifest_table::find(std::string_view name) const {
  return index_.find(name);
}

const msg::ImageSpec* manifest_table::image(std::string_view name) const {
  auto i = images_.find(name);
  return i == images_.end() ? nullptr : &i->second;
}

std::vector<target_ref> manifest_table::targets_of(std::size_t i) const {
  const auto& m = specs_[i];
  std::vector<target_ref> out;
  out.reserve(m.images_size() + 1);
  for (const auto& img : m.images())
    out.push_back(image_ref(img));
  out.push_back(deploy_target(m));
  return out;
}

void manifest_table::assign(std::vector<msg::ManifestSpec> specs,
                            std::vector<msg::ImageSpec> images) {
  specs_ = std::move(specs);
  drop_repeated_names(specs_);
  std::vector<std::string_view> names;
  names.reserve(specs_.size());
  for (const auto& m : specs_)
    names.push_back(m.name());
  index_.assign(names);
  images_.clear();
  for (auto& img : images)
    images_.emplace(img.name(), std::move(img));
  deps_.assign(specs_.size(), {});
  users_.clear();
  traits_.clear();
  for (const auto& m : specs_) {
    bool with_images = m.images_size() > 0;
    traits_.push_back({m.trigger_mode(), is_local(m), is_k8s(m),
                       is_local(m) && !m.allow_parallel(), is_uncategorized(m),
                       with_images, is_k8s(m) && !with_images,
                       m.build_on()});
  }
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    for (const auto& dep : specs_[i].resource_deps())
      deps_[i].push_back({find(dep).value_or(no_manifest), manifest_ref(dep)});
    for (const auto& img : specs_[i].images())
      users_[img].push_back(i);
  }
}

std::vector<target_ref>
manifest_table::dependents_of(std::size_t i, std::string_view image) const {
  std::vector<target_ref> out;
  for (const auto& name : specs_[i].images()) {
    const auto* img = this->image(name);
    if (img && std::find(img->image_deps().begin(), img->image_deps().end(),
                         image) != img->image_deps().end())
      out.push_back(image_ref(name));
  }
  if (out.empty())
    out.push_back(deploy_target(specs_[i]));
  return out;
}

const std::vector<std::size_t>&
manifest_table::users_of(std::string_view image) const {
  static const std::vector<std::size_t> none;
  auto i = users_.find(image);
  return i == users_.end() ? none : i->second;
}

} // namespace actordev
