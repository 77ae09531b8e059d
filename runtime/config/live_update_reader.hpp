#pragma once
// Internal to the config loader: an image's `live_update:` steps.

#include "runtime/config/image_config.hpp"
#include "runtime/config/yaml_reader.hpp"

#include <string_view>

namespace actordev::config::detail {

/// Reads the `live_update:` entry of image `image`: a list of steps, each a
/// map with one key, in the order fall_back_on, sync, run,
/// restart_container. Local paths resolve against `base`. Records an error
/// for every step out of order or malformed. What the steps refer to (the
/// image's context, the syncs a trigger needs) is checked once every
/// image is read (image_checks).
live_update_config read_live_update(yaml_reader& r, const entry& e,
                                    std::string_view image,
                                    std::string_view base);

} // namespace actordev::config::detail
