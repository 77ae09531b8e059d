#pragma once

#include "actordev/msg/events.pb.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace actordev::bench {

/// What a synthetic manifest is, so scenarios can pick the ones they touch.
enum class manifest_kind {
  uncategorized,    ///< Kubernetes YAML no resource claims
  compose,          ///< a compose service with its own image
  local,            ///< a local resource that builds alone
  parallel_local,   ///< a local resource with allow_parallel
  k8s,              ///< a Kubernetes workload with its own image
  k8s_live_update,  ///< the same, and its image has a live update
};

/// The max_parallel_updates of every synthetic project (Tilt's default).
inline constexpr int project_max_parallel_updates = 3;

/// A deterministic project: its config and the kind of each manifest.
struct synthetic_project {
  msg::ConfigLoaded config;
  std::vector<manifest_kind> kinds;  ///< indexed like config.manifests()

  /// The indexes of the manifests of one kind, in config order.
  std::vector<std::size_t> of_kind(manifest_kind k) const;
  const msg::ManifestSpec& spec(std::size_t i) const {
    return config.manifests(static_cast<int>(i));
  }
  /// The image a manifest builds itself (the last of its images), or ""
  /// for a manifest without images.
  std::string_view own_image(std::size_t i) const;
};

/// Generates a project of `size` manifests from `seed`. The first ten have
/// a fixed mix of kinds so the smallest size has every kind; the rest are
/// drawn at random: mostly local resources (a quarter allow_parallel),
/// Kubernetes workloads (some on a shared base image, a third with a live
/// update), one compose service in 50 and one "uncategorized". Each
/// manifest depends on 0-2 earlier ones.
synthetic_project make_project(std::size_t size, std::uint64_t seed);

} // namespace actordev::bench
