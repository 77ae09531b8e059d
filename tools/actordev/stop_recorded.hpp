#pragma once

#include "adapters/run_record.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace actordev::cli {

/// Stops every group of the record in `dir`/.actordev/processes whose
/// leader still runs (TERM, then KILL after `grace`), calls `stopped` for
/// each, and clears the record. Fails only when the record cannot be read.
/// `down` and a killed `up`'s next run use it for a project, `actordev
/// builder` for the builds an earlier builder left in its workdir.
std::optional<adapters::record_error> stop_recorded(
    const std::string& dir, std::chrono::milliseconds grace,
    const std::function<void(const adapters::recorded_group&)>& stopped = {});

} // namespace actordev::cli
