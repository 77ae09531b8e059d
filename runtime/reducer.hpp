#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/engine_state.hpp"

namespace actordev {

/// Applies one recorded event: advances the event clock to its time (the
/// clock never goes back), then calls the handler for its kind. The only
/// writer of engine_state.
void apply(engine_state& s, const msg::Event& e);

/// The handlers, one per event kind. Each reads the time from `s.now`.
/// Events that name an unknown manifest are ignored (it may have been
/// removed by a config reload while the event was in flight).
void apply(engine_state& s, const msg::ConfigLoaded& e);
void apply(engine_state& s, const msg::ConfigLoadFailed& e);
void apply(engine_state& s, const msg::FilesChanged& e);
void apply(engine_state& s, const msg::BuildStarted& e);
void apply(engine_state& s, const msg::BuildFinished& e);
void apply(engine_state& s, const msg::RuntimeChanged& e);
void apply(engine_state& s, const msg::ClusterStatus& e);
void apply(engine_state& s, const msg::LiveUpdateStatus& e);
void apply(engine_state& s, const msg::TriggerRequested& e);
void apply(engine_state& s, const msg::EnableChanged& e);
void apply(engine_state& s, const msg::BuilderStatus& e);

} // namespace actordev
