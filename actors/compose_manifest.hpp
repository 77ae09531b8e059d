#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actors/container_manifest.hpp"
#include "actors/container_resource.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace actordev {

/// What a compose manifest needs.
struct compose_options {
  container_ptr spec;   ///< the resource and its service's images
  caf::actor scheduler; ///< receives msg::Event
  caf::actor builder;   ///< runs the commands (msg::RunCommand)
  caf::actor log;       ///< receives msg::LogLine
  std::chrono::milliseconds grace{5000};
  /// How often the service's containers are asked for (`docker compose ps`).
  std::chrono::milliseconds status_interval{1000};
};

/// One docker compose service (DESIGN.md §3), through the `docker` CLI. On
/// msg::BuildGrant it builds the service's images, bases first (`docker
/// build`, or the image's custom command with $EXPECTED_REF), then runs
/// `docker compose up -d --no-deps --no-build SERVICE` with an override
/// file that makes the service run the built ref. Its containers, read
/// from `docker compose ps --all --format json` every `status_interval`,
/// are reported as RuntimeChanged when they change: the engine makes the
/// service ready when it runs and, with a healthcheck, is healthy.
/// `(live_update_atom, job)` syncs into the running container with `docker
/// exec` (mkdir, rm -rf) and `docker cp`, runs each step with `docker
/// exec`, and `docker restart`s it when asked. `stop_atom` stops what runs
/// and then the service (`docker compose stop`), and answers
/// `stopped_atom`.
class compose_manifest : public caf::event_based_actor {
public:
  compose_manifest(caf::actor_config& cfg, compose_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.compose"; }

private:
  using step = std::function<void(const std::string& error)>;

  void on_grant();
  void build_image(std::size_t k);
  void deploy();
  void poll_status();
  void on_status(int exit_code, const std::string& out, const std::string& err,
                 const std::string& error);
  void on_live_update(const live_update_job_ptr& job);
  void run_steps(std::size_t k);
  void end_live_update(const std::string& error);

  /// Runs `command` through the builder (its lines go to the log); `then`
  /// gets its error.
  void after_command(
      const std::string& command, step then,
      const std::vector<std::pair<std::string, std::string>>& extra_env = {});
  void finish_build(const std::string& error, int exit_code);
  std::string compose(const std::vector<std::string>& args) const;
  std::string running_id() const;
  void note(const std::string& text);
  void maybe_stopped();

  compose_options opts_;
  container_ptr building_spec_;
  std::uint64_t next_id_ = 0;
  std::uint64_t command_id_ = 0; ///< the command awaited, 0: none
  caf::actor command_runner_;
  step command_then_;
  std::uint64_t fs_id_ = 0;
  step fs_then_;
  std::uint64_t status_id_ = 0; ///< the status poll awaited, 0: none
  std::string last_status_;     ///< the last containers reported
  std::vector<msg::Container> containers_;
  std::vector<std::string> refs_;
  std::string deployed_ref_;
  bool building_ = false;
  bool grant_waiting_ = false; ///< granted during a live update
  bool deployed_ = false;
  live_update_job_ptr job_;
  caf::response_promise job_done_;
  int files_ = 0;
  int steps_ = 0;
  bool stopping_ = false;
  bool service_stopped_ = false;
  std::uint64_t final_stop_id_ = 0; ///< `docker compose stop`, not stopped
  caf::response_promise stopped_;
};

} // namespace actordev
