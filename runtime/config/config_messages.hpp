#pragma once
// The one place where the config model becomes Protobuf messages.

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"

#include "actordev/msg/events.pb.h"
#include "actordev/msg/manifest.pb.h"

#include <string>
#include <vector>

namespace actordev::config {

/// Tilt's four trigger modes from `trigger_mode` x `auto_init`.
msg::TriggerMode to_trigger_mode(trigger_mode mode, bool auto_init) noexcept;
/// The images resource `r` runs, by name: a container's or compose
/// service's image, a Kubernetes resource's `image:` list.
std::vector<std::string> images_run(const local_resource& r);

/// The scheduling model of resource `r` of `cfg`: name, type
/// (MANIFEST_LOCAL, MANIFEST_CONTAINER, MANIFEST_COMPOSE or MANIFEST_K8S with
/// its images, bases first, and a Kubernetes cluster and pod readiness),
/// trigger mode, resource_deps, allow_parallel, labels, `build_on` (the
/// strictest of its images that a remote builder can take) and the
/// `config_hash` of everything else, the builds of its images included
/// (see config_hash.hpp).
msg::ManifestSpec to_manifest_spec(const project_config& cfg,
                                   const local_resource& r);

/// An image's scheduling model: its bases and its live update.
msg::ImageSpec to_image_spec(const image_config& image);

/// The event that installs a valid config: its path, max_parallel_updates,
/// one manifest per resource in config order and every image.
msg::ConfigLoaded to_config_loaded(const project_config& cfg);

/// One config error as a message.
msg::ConfigError to_config_error(const config_error& e);

/// The event that reports an invalid config: the last good one keeps running.
msg::ConfigLoadFailed
to_config_load_failed(const std::string& config_path,
                      const std::vector<config_error>& errors);

} // namespace actordev::config
