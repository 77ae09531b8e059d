#pragma once

#include "runtime/config/project_config.hpp"

#include <caf/allowed_unsafe_message_type.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace actordev {

/// One image of a container resource, with where the local container
/// runtime keeps it.
struct container_image {
  config::image_config config;
  std::string fingerprint;       ///< of its build config (config_hash)
  std::string dir;               ///< the built folder
  std::string stamp;             ///< see adapters/image_stamp
  std::vector<std::string> from; ///< the built folders of its bases
};

/// Everything a container manifest needs: the resource, its images in
/// build order (bases first, the one it runs last), and its folders under
/// `<config dir>/.actordev/`. A compose manifest gets the same (its
/// service's image, if any; `root` unused).
struct container_resource {
  config::local_resource resource;
  std::vector<container_image> images;
  std::string root;      ///< the container: a private copy of the image
  std::string work_dir;  ///< custom builds run here (the config's folder)
  std::string state_dir; ///< `<config dir>/.actordev`

  const container_image& image() const { return images.back(); }
  bool has_image() const { return !images.empty(); }
  bool operator==(const container_resource& o) const;
};

using container_ptr = std::shared_ptr<const container_resource>;

/// The container or compose resource `r` of `cfg` (as in a loaded config:
/// the image it names, if any, is an image of `cfg`).
container_ptr make_container_resource(const config::project_config& cfg,
                                      const config::local_resource& r);

/// Whether the default build of `image` copies `path` (absolute, under
/// its context): not when an `ignore` glob covers it, nor when `only` is
/// set and covers neither it nor (for a folder) anything below it.
/// `state_dir` (the project's `.actordev`, where images are built) is
/// never copied.
std::function<bool(const std::string& path, bool is_dir)>
image_copy_filter(const config::image_config& image,
                  const std::string& state_dir);

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::container_ptr)
