#pragma once

#include "runtime/config/project_config.hpp"

namespace actordev::cli {

/// `actordev down` for docker compose resources: removes each service's
/// containers (`docker compose -f FILE rm --stop --force SERVICE`, with the
/// image override of the last `up` when there is one), leaving the other
/// services of the file alone. Prints one line per service; returns how
/// many could not be removed.
int down_compose(const config::project_config& cfg);

} // namespace actordev::cli
