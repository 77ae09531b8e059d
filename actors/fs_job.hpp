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

/// The one filesystem job an actor awaits, and what it does once that job
/// ended: the plumbing the manifest actors and the image builder share.
class fs_step {
public:
  using then_fn = std::function<void(const std::string& error)>;

  /// Runs `job` for `self` as job `id`; `then` gets its error once the
  /// (fs_done_atom, id, error) that `self` receives is handed to finish().
  void start(caf::local_actor* self, std::uint64_t id, fs_job job,
             then_fn then);
  /// Hands over an fs_done_atom message. When it ends this step's job,
  /// runs `then` with its error ("actordev is stopping" for a success
  /// while `stopping`) and returns true.
  bool finish(std::uint64_t id, const std::string& error, bool stopping);
  /// A job is awaited.
  bool busy() const { return id_ != 0; }
  /// Forgets what was to follow (its actor is exiting).
  void reset() {
    id_ = 0;
    then_ = nullptr;
  }

private:
  std::uint64_t id_ = 0;
  then_fn then_;
};

} // namespace actordev
