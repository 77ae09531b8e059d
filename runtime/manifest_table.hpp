#pragma once

#include "actordev/msg/manifest.pb.h"
#include "runtime/target_ref.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace actordev {

/// The name Tilt gives the group of Kubernetes objects no resource claims.
inline constexpr std::string_view uncategorized_name = "uncategorized";

/// True for TRIGGER_AUTO and TRIGGER_AUTO_NO_INIT: file changes build.
bool auto_on_change(msg::TriggerMode mode);
/// True for TRIGGER_AUTO and TRIGGER_MANUAL: the first build starts by itself.
bool auto_initial(msg::TriggerMode mode);

bool is_local(const msg::ManifestSpec& m);
bool is_k8s(const msg::ManifestSpec& m);
bool is_compose(const msg::ManifestSpec& m);
bool is_uncategorized(const msg::ManifestSpec& m);

/// The target a manifest deploys through: local:NAME, k8s:NAME, compose:NAME.
target_ref deploy_target(const msg::ManifestSpec& m);

/// True when the image has a live update (a sync or a run step).
bool has_live_update(const msg::ImageSpec& image);

/// The manifests in config order, with an index by name, and the image
/// targets they share. Written only by the reducer.
class manifest_table {
public:
  std::size_t size() const noexcept { return specs_.size(); }
  const msg::ManifestSpec& operator[](std::size_t i) const { return specs_[i]; }
  const std::vector<msg::ManifestSpec>& specs() const noexcept { return specs_; }

  /// The index of a manifest, or nothing when there is none of that name.
  std::optional<std::size_t> find(std::string_view name) const;

  /// The image target of that name, or nullptr.
  const msg::ImageSpec* image(std::string_view name) const;

  /// Every target of manifest i: its images in spec order, then its deploy
  /// target.
  std::vector<target_ref> targets_of(std::size_t i) const;

  /// Replaces the whole table (config order preserved).
  void assign(std::vector<msg::ManifestSpec> specs,
              std::vector<msg::ImageSpec> images);

private:
  std::vector<msg::ManifestSpec> specs_;
  std::unordered_map<std::string, std::size_t> index_;
  std::unordered_map<std::string, msg::ImageSpec> images_;
};

} // namespace actordev
