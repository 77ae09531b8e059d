#pragma once
// Internal to the config loader: the top-level `images:` map.

#include "runtime/config/project_config.hpp"
#include "runtime/config/yaml_reader.hpp"

namespace actordev::config::detail {

/// Reads the `images:` entry into `cfg.images`, recording an error for
/// every bad name, key or value. Paths resolve against `cfg.dir`. How the
/// images relate to each other and to the resources is checked afterwards
/// (image_checks).
void read_images(yaml_reader& r, const entry& e, project_config& cfg);

/// True for a usable image name: lowercase letters, digits, '.', '_', '-'
/// and '/' between components (a Docker repository name, without a tag).
bool valid_image_name(std::string_view name) noexcept;

} // namespace actordev::config::detail
