#pragma once
// What the images say about each other and about the resources, checked
// once the whole config is read: `from` names images and makes no cycle;
// a container runs a known image it can run; each live_update's steps can
// take effect (the reference's rules: syncs inside what the build
// watches, triggers covered by a sync, no unused step).

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"

#include <vector>

namespace actordev::config {

/// Every error, in config order (the caller sorts by position).
std::vector<config_error> check_images(const project_config& cfg);

} // namespace actordev::config
