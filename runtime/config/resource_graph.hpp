#pragma once

#include "runtime/config/config_error.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/result.hpp"

#include <string>
#include <vector>

namespace actordev::config {

/// The problems of the `resource_deps` graph: an entry that names no
/// resource (with a did-you-mean hint), and every dependency cycle, named
/// as `a -> b -> c -> a` from the resource that comes first in the config
/// and reported at the entry that closes it. A resource that depends on
/// itself is a cycle. Empty when the graph is sound. `load_config` runs it.
std::vector<config_error> check_resource_deps(const project_config& cfg);

/// What `actordev up NAME...` brings up: the named resources and their
/// transitive resource_deps, in config order; every resource when `names`
/// is empty. An unknown name is an error (at line and column 0) with a
/// did-you-mean hint. Precondition: `cfg` came from `load_config`.
result<std::vector<std::string>, config_error>
select_resources(const project_config& cfg,
                 const std::vector<std::string>& names);

} // namespace actordev::config
