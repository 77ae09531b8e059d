#pragma once

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/local_actor.hpp>

#include <cstdint>
#include <functional>
#include <string>

namespace actordev {

/// (fs_done_atom, id, error): a filesystem job ended; `error` is empty on
/// success.
using fs_done_atom = caf::atom_constant<caf::atom("fsdone")>;

/// A blocking filesystem job (copying an image, syncing files): returns
/// an error text, or an empty string. Must not throw.
using fs_job = std::function<std::string()>;

/// Runs `job` in a detached actor of its own, so the caller's thread never
/// blocks on the disk, and sends `(fs_done_atom, id, error)` to `owner`
/// when it ends. Anything the job throws becomes the error.
void spawn_fs_job(caf::local_actor* self, caf::actor owner, std::uint64_t id,
                  fs_job job);

} // namespace actordev
