#pragma once

namespace actordev::bench {

/// Makes SIGINT and SIGTERM set a flag instead of ending the benchmark, so
/// that it can still stop actordev and remove its folder. Call once, before
/// starting threads.
void catch_stop_signals();

/// Whether SIGINT or SIGTERM came.
bool stop_requested();

} // namespace actordev::bench
