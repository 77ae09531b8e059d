#pragma once

#include "runtime/config/command.hpp"
#include "runtime/config/k8s_spec.hpp"
#include "runtime/config/position.hpp"
#include "runtime/config/probe_spec.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actordev::config {

/// `trigger_mode:` — whether file changes start a build by themselves.
enum class trigger_mode { automatic, manual };

/// `restart:` — what happens when a `serve_cmd` exits.
enum class restart_policy { never, on_failure, always };

/// The spelling of `m` in the config ("auto", "manual").
std::string_view to_string(trigger_mode m) noexcept;

/// The spelling of `p` in the config ("never", "on-failure", "always").
std::string_view to_string(restart_policy p) noexcept;

/// `container: {image, cmd}`: a process in a private copy of an image's
/// build output (the local container runtime).
struct container_spec {
  std::string image;               ///< an entry of `images:`
  command cmd;                     ///< run in the container's folder
  config::position image_position; ///< of the image's name

  bool operator==(const container_spec&) const = default;
};

/// `compose: {file, service, image}`: a docker compose service.
struct compose_spec {
  std::string file;    ///< the compose file, absolute
  std::string service; ///< the service in it
  std::string image;   ///< an entry of `images:` it runs; empty: its own
  config::position image_position;

  bool operator==(const compose_spec&) const = default;
};

/// `build_on:` where an image is built, or a local resource's `cmd` runs,
/// when remote builders are configured.
enum class build_place { any, local, remote };

/// A local resource: a job (`cmd`) and/or a server (`serve_cmd`) run on
/// this machine. Every path is absolute and lexically normalized.
struct local_resource {
  std::string name;
  config::position position;        ///< of the resource's name in the file
  std::optional<command> cmd;       ///< run to completion on each update
  std::optional<command> serve_cmd; ///< run after `cmd`, kept running
  std::vector<std::string> deps;    ///< watched paths; a change re-runs it
  std::vector<std::string> ignore;  ///< glob patterns excluded from `deps`
  std::string dir;                  ///< working directory
  std::vector<std::pair<std::string, std::string>> env; ///< document order
  bool allow_parallel = false;
  /// Where `cmd` runs with builders: here unless written (a command may
  /// write to the project, and nothing comes back from a builder but its
  /// output and exit); `remote` or `any` on a builder, with `deps` as its
  /// files.
  build_place build_on = build_place::local;
  config::position build_on_position; ///< of the key, when written
  std::vector<resource_dep> resource_deps; ///< no duplicates
  trigger_mode trigger = trigger_mode::automatic;
  bool auto_init = true;
  std::optional<probe_spec> readiness_probe; ///< only with serve_cmd
  restart_policy restart = restart_policy::never;
  std::vector<std::string> labels;
  /// `quiet_ms`: the quiet window of this resource's change batches, in
  /// place of `settings.watch.quiet`; at most `settings.watch.max_batch`.
  std::optional<std::chrono::milliseconds> quiet;
  /// Set for a container resource, which has no `cmd` or `serve_cmd`.
  std::optional<container_spec> container;
  /// Set for a docker compose resource, which has no `cmd` or `serve_cmd`.
  std::optional<compose_spec> compose;
  /// Set for a Kubernetes resource, which has no `cmd` or `serve_cmd`.
  std::optional<k8s_spec> k8s;

  bool operator==(const local_resource&) const = default;
};

} // namespace actordev::config
