#pragma once

#include "tools/actordev/load_project.hpp"

#include <string>

namespace actordev::cli {

/// The resources table and the start-up plan, as `actordev up` prints them.
std::string render_plan(const loaded_project& project);

} // namespace actordev::cli
