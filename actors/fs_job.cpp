#include "actors/fs_job.hpp"

#include <caf/actor_cast.hpp>
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

void fs_step::start(caf::local_actor* self, std::uint64_t id, fs_job job,
                    then_fn then) {
  id_ = id;
  then_ = std::move(then);
  spawn_fs_job(self, caf::actor_cast<caf::actor>(self), id, std::move(job));
}

bool fs_step::finish(std::uint64_t id, const std::string& error,
                     bool stopping) {
  if (id == 0 || id != id_)
    return false;
  id_ = 0;
  auto then = std::move(then_);
  then_ = nullptr;
  if (then)
    then(stopping && error.empty() ? "actordev is stopping" : error);
  return true;
}

} // namespace actordev
