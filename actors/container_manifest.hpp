#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actors/atoms.hpp"
#include "actors/container_resource.hpp"
#include "actors/fs_job.hpp"
#include "actors/manifest.hpp"
#include "actors/stop_answers.hpp"
#include "runtime/live_update_plan.hpp"
#include "runtime/restart_backoff.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// What a live update does in one container: the files to copy and
/// delete, the run steps' commands in order, and whether to restart.
struct live_update_job {
  std::string image; ///< the image whose containers it updates
  std::vector<file_copy> copies;
  std::vector<std::string> deletions; ///< container paths
  std::vector<std::string> runs;      ///< `sh -c` lines
  bool restart = false;
};
using live_update_job_ptr = std::shared_ptr<const live_update_job>;

/// (live_update_atom, job) → (live_updated_atom, files, steps, error):
/// apply a live update to the running container.
using live_update_atom = caf::atom_constant<caf::atom("liveupd")>;
using live_updated_atom = caf::atom_constant<caf::atom("liveupdd")>;

/// (container_state_atom) → (container_state_atom, building, phase): what
/// the container is doing now, for a live updater that just started (it
/// missed the events before it). `phase`: see container_phase.
using container_state_atom = caf::atom_constant<caf::atom("ctrstate")>;

/// A container as a live updater sees it.
enum class container_phase : int {
  pending = 0, ///< not started yet (never deployed, or being replaced)
  running = 1,
  stopped = 2, ///< exited, or gone
};

/// What a container manifest needs.
struct container_options {
  container_ptr spec;
  caf::actor scheduler; ///< receives msg::Event
  caf::actor builder;   ///< runs the commands (msg::RunCommand)
  caf::actor pool;      ///< remote builders (build_pool); may be empty
  caf::actor log;       ///< receives msg::LogLine
  std::chrono::milliseconds grace{5000};
  std::chrono::milliseconds backoff{1000};      ///< as manifest_options
  std::chrono::milliseconds backoff_cap{30000}; ///< as manifest_options
};

/// One container resource of the local container runtime (DESIGN.md §3).
/// On msg::BuildGrant it has its image_builder build the resource's
/// images, bases first (a fresh base is reused; an image may be built on a
/// remote builder: see image_builder). It then stops the
/// container's process, makes the container's folder a fresh copy of the
/// image and starts `cmd` there. The old process keeps running when a
/// build fails. It reports BuildFinished (with the image refs) and the
/// container as RuntimeChanged: running (ready when its readiness probe
/// passes, or at once without one), terminated with its exit code, and
/// restarted per `restart`.
///
/// `(container_state_atom)` answers whether a build is under way and the
/// container's phase.
/// `(live_update_atom, job)` copies and deletes files in the container's
/// folder, runs each step there (stopping at the first that fails) and
/// restarts the process when asked; it answers
/// `(live_updated_atom, files, steps, error)` once done (restarted, not
/// yet ready). `stop_atom` stops everything (SIGTERM, then SIGKILL after
/// the grace) and answers `stopped_atom`.
class container_manifest : public caf::event_based_actor {
public:
  container_manifest(caf::actor_config& cfg, container_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.container"; }

private:
  using step = std::function<void(const std::string& error)>;

  struct run {
    std::uint64_t id = 0;
    caf::actor runner;
    std::chrono::steady_clock::time_point started;
  };

  void on_grant();
  void build_image(std::size_t k);
  void on_image_built(bool reused, const std::string& ref,
                      const std::string& error);
  void deploy();
  void on_live_update(const live_update_job_ptr& job);
  void run_steps(std::size_t k);
  void end_live_update(const std::string& error);

  /// Runs a filesystem job; `then` gets its error.
  void after_fs(std::function<std::string()> job, step then);
  /// Runs a command; `then` gets its error ("exit 2"...).
  void after_command(const std::string& command, const std::string& dir,
                     std::vector<std::pair<std::string, std::string>> env,
                     step then);
  /// Stops the container's process (if any), then `then`.
  void stop_process(step then);
  void start_process();
  void on_process_exit(const msg::ProcessExited& e);
  void on_probe(bool ready, const std::string& detail);
  void stop_probe();

  run start(const std::string& command, const std::string& dir,
            const std::vector<std::pair<std::string, std::string>>& env);
  void finish_build(const std::string& error, int exit_code);
  void report_container(msg::ContainerState state, int exit_code,
                        const std::string& reason);
  void note(const std::string& text);
  bool busy() const;
  void maybe_stopped();

  container_options opts_;
  container_ptr building_spec_; ///< the spec of the build under way
  std::uint64_t next_id_ = 0;
  fs_step fs_; ///< the filesystem job awaited
  std::optional<run> command_; ///< a build command or a run step
  step command_then_;
  std::optional<run> process_; ///< the container's cmd
  step process_stopped_;       ///< set while stopping it on purpose
  bool building_ = false;
  bool rebuilt_earlier_ = false; ///< this build rebuilt an image already
  caf::actor image_builder_;     ///< builds its images (linked)
  std::size_t image_k_ = 0;      ///< the image being built
  bool image_pending_ = false;   ///< image_builder_ owes an answer
  bool build_failed_ = false;    ///< the last build ended with an error
  bool grant_waiting_ = false;   ///< granted during a live update
  std::string grant_builder_;    ///< the builder of the last grant
  bool deployed_ = false;        ///< the container's folder exists
  std::vector<std::string> refs_;
  std::uint64_t container_seq_ = 0;
  int restarts_ = 0;
  bool healthy_ = false;
  caf::actor probe_;
  restart_backoff backoff_;
  std::uint64_t restart_gen_ = 0;
  // The live update under way.
  live_update_job_ptr job_;
  caf::response_promise job_done_;
  int files_ = 0;
  int steps_ = 0;
  bool stopping_ = false;
  stop_answers stopped_;
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::live_update_job_ptr)
