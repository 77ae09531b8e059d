#include "actors/command_job.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/spawn_options.hpp>

namespace actordev {

namespace {

caf::behavior command_worker(caf::event_based_actor* self, caf::actor owner,
                             std::uint64_t id, adapters::process_spec spec,
                             std::chrono::milliseconds timeout) {
  auto out = adapters::run_command(spec, timeout);
  self->send(owner, command_done_atom::value, id, out.exit_code,
             std::move(out.out), std::move(out.err), std::move(out.error));
  self->quit();
  return {};
}

} // namespace

void spawn_command_job(caf::local_actor* self, caf::actor owner,
                       std::uint64_t id, adapters::process_spec spec,
                       std::chrono::milliseconds timeout) {
  self->spawn<caf::detached>(command_worker, std::move(owner), id,
                             std::move(spec), timeout);
}

} // namespace actordev
