#pragma once

#include "actordev/msg/manifest.pb.h"
#include "runtime/name_index.hpp"
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
inline bool auto_on_change(msg::TriggerMode mode) {
  return mode == msg::TRIGGER_AUTO || mode == msg::TRIGGER_AUTO_NO_INIT;
}
/// True for TRIGGER_AUTO and TRIGGER_MANUAL: the first build starts by itself.
inline bool auto_initial(msg::TriggerMode mode) {
  return mode == msg::TRIGGER_AUTO || mode == msg::TRIGGER_MANUAL;
}

/// The manifest's kind: a local resource, Kubernetes objects, a compose
/// service, the Kubernetes objects no resource claims, or a container of
/// the local container runtime.
bool is_local(const msg::ManifestSpec& m);
bool is_k8s(const msg::ManifestSpec& m);           ///< see is_local
bool is_compose(const msg::ManifestSpec& m);       ///< see is_local
bool is_uncategorized(const msg::ManifestSpec& m); ///< see is_local
bool is_container(const msg::ManifestSpec& m);     ///< see is_local
/// True when the runtime reports containers (compose and the local
/// container runtime) rather than a process or pods.
bool runs_containers(const msg::ManifestSpec& m);

/// The target a manifest deploys through: local:NAME, k8s:NAME, compose:NAME.
target_ref deploy_target(const msg::ManifestSpec& m);

/// True when the image has a live update (a sync or a run step).
bool has_live_update(const msg::ImageSpec& image);

/// What the scheduling rules ask of every manifest on every decision, kept
/// compact so a decision over many manifests stays in cache.
struct manifest_traits {
  msg::TriggerMode trigger = msg::TRIGGER_AUTO;
  bool local = false;
  bool k8s = false;
  bool unparallelizable_local = false;
  bool uncategorized = false;
  bool has_images = false;
  bool deploy_only_k8s = false;
  msg::BuildOn build_on = msg::BUILD_ON_LOCAL;
};

/// The manifests in config order, with an index by name, and the image
/// targets they share. Written only by the reducer.
class manifest_table {
public:
  /// How many manifests there are.
  std::size_t size() const noexcept { return specs_.size(); }
  /// Manifest i's spec, in config order.
  const msg::ManifestSpec& operator[](std::size_t i) const { return specs_[i]; }

  /// Manifest i's traits, derived from its spec in `assign`.
  const manifest_traits& traits(std::size_t i) const { return traits_[i]; }

  /// The index of a manifest, or nothing when there is none of that name.
  std::optional<std::size_t> find(std::string_view name) const;

  /// The image target of that name, or nullptr.
  const msg::ImageSpec* image(std::string_view name) const;

  /// Every target of manifest i: its images in spec order, then its deploy
  /// target.
  std::vector<target_ref> targets_of(std::size_t i) const;

  /// Marks a resource_deps entry that names no manifest.
  static constexpr std::size_t no_manifest = static_cast<std::size_t>(-1);

  /// One resource_deps entry, resolved.
  struct dependency {
    std::size_t index; ///< no_manifest when the name is not in the table
    target_ref ref;    ///< manifest:NAME, as holds name it
  };

  /// Manifest i's resource_deps in spec order. Resolved once, in `assign`.
  const std::vector<dependency>& deps_of(std::size_t i) const {
    return deps_[i];
  }

  /// The manifests that build `image`, in config order.
  const std::vector<std::size_t>& users_of(std::string_view image) const;

  /// What manifest i builds on `image`: its images built FROM it, or, when
  /// none is, its deploy target (Tilt's ReverseDependencyIDs).
  std::vector<target_ref> dependents_of(std::size_t i,
                                        std::string_view image) const;

  /// Replaces the whole table (config order preserved). Of manifests that
  /// share a name only the first is kept.
  void assign(std::vector<msg::ManifestSpec> specs,
              std::vector<msg::ImageSpec> images);

private:
  /// Lets the maps be searched by string_view without a copy.
  struct name_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  template <class T>
  using by_name =
      std::unordered_map<std::string, T, name_hash, std::equal_to<>>;

  std::vector<msg::ManifestSpec> specs_;
  std::vector<manifest_traits> traits_;
  name_index index_;
  by_name<msg::ImageSpec> images_;
  std::vector<std::vector<dependency>> deps_;
  by_name<std::vector<std::size_t>> users_;
};

} // namespace actordev
