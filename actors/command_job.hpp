#pragma once

#include "adapters/command_output.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/local_actor.hpp>

#include <chrono>
#include <cstdint>

namespace actordev {

/// (command_done_atom, id, exit_code, out, err, error): a command job ended
/// (see adapters::command_output).
using command_done_atom = caf::atom_constant<caf::atom("cmddone")>;

/// Runs `spec` to completion (at most `timeout`) in a detached actor of its
/// own and sends `(command_done_atom, id, exit_code, out, err, error)` to
/// `owner`: how an actor asks a tool a question without blocking.
void spawn_command_job(caf::local_actor* self, caf::actor owner,
                       std::uint64_t id, adapters::process_spec spec,
                       std::chrono::milliseconds timeout);

} // namespace actordev
