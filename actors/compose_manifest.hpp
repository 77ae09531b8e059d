#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actors/cli_manifest.hpp"
#include "actors/container_manifest.hpp"
#include "actors/container_resource.hpp"
#include "actors/stop_answers.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace actordev {

/// What a compose manifest needs.
struct compose_options : cli_options {
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
class compose_manifest : public cli_manifest {
public:
  compose_manifest(caf::actor_config& cfg, compose_options opts);

  caf::behavior make_behavior() override;
  const char* name() const override { return "actordev.compose"; }

private:
  void deploy() override;
  void poll_status();
  void on_status(int exit_code, const std::string& out, const std::string& err,
                 const std::string& error);
  void on_live_update(const live_update_job_ptr& job);
  void run_steps(std::size_t k);
  void end_live_update(const std::string& error);
  void end_build(const std::string& error, int exit_code) override;
  std::string compose(const std::vector<std::string>& args) const;
  std::string running_id() const;
  void maybe_stopped() override;

  std::chrono::milliseconds status_interval_;
  std::uint64_t status_id_ = 0; ///< the status poll awaited, 0: none
  std::string last_status_;     ///< the last containers reported
  std::vector<msg::Container> containers_;
  std::string deployed_ref_;
  bool deployed_ = false;
  caf::response_promise job_done_;
  int files_ = 0;
  int steps_ = 0;
  bool service_stopped_ = false;
  stop_answers stopped_;
};

} // namespace actordev
