#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actors/container_manifest.hpp"
#include "actors/container_resource.hpp"
#include "actors/fs_job.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/message_handler.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace actordev {

/// What a manifest driven through command-line tools needs.
struct cli_options {
  container_ptr spec;   ///< the resource and its images, bases first
  caf::actor scheduler; ///< receives msg::Event
  caf::actor builder;   ///< runs the commands (msg::RunCommand)
  caf::actor log;       ///< receives msg::LogLine
  std::chrono::milliseconds grace{5000};
};

/// The common part of the manifests that deploy through a CLI (`docker
/// compose`, `kubectl`): one command at a time through the builder (its
/// lines go to the log), file work off the actor in an fs_job, and the
/// build of the resource's Docker images, bases first (`docker build`
/// tagged NAME:actordev-SESSION-N, never reused, or the custom command with
/// $EXPECTED_REF). A derived actor routes ProcessExited and fs_done to
/// `on_process_exited` and `on_fs_done`, and says in `maybe_stopped` when
/// it is done stopping.
class cli_manifest : public caf::event_based_actor {
public:
  void on_exit() override;

protected:
  using step = std::function<void(const std::string& error)>;

  cli_manifest(caf::actor_config& cfg, cli_options opts);

  /// Runs `command` (through `sh -c`) in the resource's folder; `then`
  /// gets its error, empty on success ("actordev is stopping" once
  /// stopping). While stopping, a command is stopped as it starts, unless
  /// `last` (the one that winds the deploy down).
  void after_command(
      const std::string& command, step then,
      const std::vector<std::pair<std::string, std::string>>& extra_env = {},
      bool last = false);
  /// Runs `work` in an fs_job; `then` gets the error it returns.
  void after_fs(std::function<std::string()> work, step then);
  /// Builds every image of `building_spec_` in order into `refs_`; `then`
  /// gets the first error ("image NAME: ...").
  void build_images(step then);
  /// On msg::BuildGrant: builds the images, then `deploy()`. A grant that
  /// comes during a live update waits for it (`grant_waiting_`: the
  /// live update's end calls this again).
  void on_grant();
  /// Deploys what `build_images` built (`building_` is set).
  virtual void deploy() = 0;
  /// Ends the build: its BuildFinished.
  virtual void end_build(const std::string& error, int exit_code) = 0;

  /// The handlers every CLI manifest has: the grant, its commands' lines
  /// and exits, its fs jobs. A derived actor's behavior adds its own with
  /// `plumbing().or_else(...)`.
  caf::message_handler plumbing();

  void on_process_exited(const msg::ProcessExited& e);
  /// Passes a line of a command to the log, and keeps its stderr.
  void on_line(const msg::LogLine& line);
  void on_fs_done(std::uint64_t id, const std::string& error);
  /// Called when a command or fs job ended: quit once stopping allows.
  virtual void maybe_stopped() = 0;

  /// Sends the BuildFinished of the build of `building_spec_`.
  void finish_build(const std::string& error, int exit_code,
                    msg::TargetType deploy, msg::ResultKind kind);
  void note(const std::string& text);
  /// Nothing is under way: no command, no fs job.
  bool idle() const { return command_id_ == 0 && !fs_.busy(); }
  /// Stops the command under way, if any (when stopping).
  void stop_command();

  cli_options opts_;
  container_ptr building_spec_;   ///< what the build under way builds
  std::vector<std::string> refs_; ///< the images built so far
  std::string command_dir_;       ///< where commands run
  /// The stderr of the last command (its last 4 KiB) and its exit code,
  /// for a `then` that explains a failure better than "exit 1".
  std::string command_stderr_;
  int command_exit_ = 0;
  std::uint64_t next_id_ = 0;
  bool stopping_ = false;
  bool building_ = false;
  bool grant_waiting_ = false; ///< granted during a live update
  live_update_job_ptr job_;    ///< the live update under way

private:
  void build_image(std::size_t k, step then);

  std::uint64_t command_id_ = 0; ///< the command awaited, 0: none
  caf::actor command_runner_;
  step command_then_;
  std::uint64_t last_id_ = 0; ///< a command run while stopping
  fs_step fs_; ///< the filesystem job awaited
};

} // namespace actordev
