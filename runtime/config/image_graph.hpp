#pragma once
// How images build on each other (`from`): the order they build in and
// the files a build of one depends on.

#include "runtime/config/project_config.hpp"

#include <string>
#include <vector>

namespace actordev::config {

/// `image` and every image it is built FROM, directly or not, bases
/// first, each once. Unknown bases are skipped and a cycle is cut where it
/// closes (a loaded config has neither).
std::vector<const image_config*> build_order(const project_config& cfg,
                                             const image_config& image);

/// The roots the build of `image` watches: its own, and those of every
/// image it is built FROM (a sync may take files from any of them).
std::vector<std::string> watched_roots(const project_config& cfg,
                                       const image_config& image);

} // namespace actordev::config
