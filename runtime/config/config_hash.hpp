#pragma once

#include "runtime/config/image_config.hpp"
#include "runtime/config/local_resource.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace actordev::config {

/// A canonical, unambiguous text of the parts of `r` that ManifestSpec does
/// not carry as fields: cmd, serve_cmd, deps, ignore, dir, env (in order),
/// readiness_probe and restart. Not the name, position, trigger mode,
/// resource_deps, allow_parallel or labels.
std::string canonical_form(const local_resource& r);

/// The parts of an image's build (context, ignore, only, from, how it is
/// built): a change to them rebuilds every resource that runs the image.
/// Not its live_update, which ImageSpec carries.
std::string canonical_form(const image_config& image);

/// 64-bit FNV-1a of `bytes`.
std::uint64_t fnv1a_64(std::string_view bytes) noexcept;

/// The fingerprint of `canonical_form(r)`: 16 lowercase hex digits. Equal
/// for equal specs on every machine and run; changes when any part does.
std::string config_hash(const local_resource& r);

/// The fingerprint of a canonical form (or of several, concatenated).
std::string config_hash(std::string_view canonical);

} // namespace actordev::config
