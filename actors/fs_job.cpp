#include "actors/fs_job.hpp"

#include <caf/event_based_actor.hpp>
#include <caf/spawn_options.hpp>

#include <exception>

namespace actordev {

namespace {

caf::behavior fs_worker(caf::event_based_actor* self, caf::actor owner,
                        std::uint64_t id, fs_job job) {
  std::string error;
  try {
    error = job();
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "unexpected failure";
  }
  self->send(owner, fs_done_atom::value, id, std::move(error));
  self->quit();
  return {};
}

} // namespace

void spawn_fs_job(caf::local_actor* self, caf::actor owner, std::uint64_t id,
                  fs_job job) {
  self->spawn<caf::detached>(fs_worker, std::move(owner), id, std::move(job));
}

} // namespace actordev
