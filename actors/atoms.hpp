#pragma once
// Atoms that more than one actor understands.

#include <caf/atom.hpp>

namespace actordev {

/// (update_atom, new config): an actor's config changed. The manifest takes
/// a resource_ptr, the file watcher a config_ptr; see each for what it does.
using update_atom = caf::atom_constant<caf::atom("update")>;

/// (stop_atom): stop what the actor runs, then quit or answer; the process
/// runner, the probe runner, the manifest and the scheduler take it (see
/// each).
using stop_atom = caf::atom_constant<caf::atom("stop")>;

/// The answer to `stop_atom` once every process of the actor ended.
using stopped_atom = caf::atom_constant<caf::atom("stopped")>;

} // namespace actordev
