#pragma once

#include "runtime/config/command.hpp"
#include "runtime/config/local_resource.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace actordev::config {

/// `sync: {local, remote}`: a file or folder copied into the container.
struct sync_step {
  std::string local;  ///< absolute, normalized
  std::string remote; ///< absolute container path, normalized
  config::position position;

  bool operator==(const sync_step&) const = default;
};

/// `run: {cmd, trigger}`: a command run in the container after the syncs.
struct run_step {
  command cmd;
  std::vector<std::string> trigger; ///< absolute; empty: run every time
  config::position position;

  bool operator==(const run_step&) const = default;
};

/// `live_update:`, its steps by kind (the order is checked when read).
struct live_update_config {
  std::vector<located_path> fall_back_on;
  std::vector<sync_step> syncs;
  std::vector<run_step> runs;
  bool restart_container = false;
  config::position position; ///< of the `live_update` key

  bool empty() const noexcept { return syncs.empty() && runs.empty(); }
  bool operator==(const live_update_config&) const = default;
};

/// `docker: {dockerfile, target, build_args}`: `docker build` of the context.
struct docker_build {
  std::string dockerfile; ///< absolute; default: Dockerfile in the context
  std::string target;     ///< the stage to build; empty: the last
  std::vector<std::pair<std::string, std::string>> build_args;

  bool operator==(const docker_build&) const = default;
};

/// `custom: {command, deps, outputs_image_ref_to}`: a command builds it.
struct custom_build {
  command cmd;                      ///< gets $EXPECTED_REF
  std::vector<std::string> deps;    ///< watched in place of the context
  std::string outputs_image_ref_to; ///< absolute; empty: the ref is expected

  bool operator==(const custom_build&) const = default;
};

/// How an image is built. Neither `docker` nor `custom`: a local container
/// image is a copy of its context; any other runtime builds the context's
/// Dockerfile.
enum class build_kind { default_build, docker, custom };

/// One entry of `images:`. Paths are absolute and normalized.
struct image_config {
  std::string name;
  config::position position; ///< of the name
  std::string context;
  std::vector<std::string> ignore; ///< glob patterns, as a resource's
  std::vector<std::string> only;   ///< when set, only these paths count
  std::vector<resource_dep> from;  ///< images it is built FROM, in order
  build_kind kind = build_kind::default_build;
  docker_build docker; ///< kind == docker
  custom_build custom; ///< kind == custom
  live_update_config live_update;
  /// `any`: a free builder, or this machine. Only images of the local
  /// container runtime are built remotely.
  build_place build_on = build_place::any;
  config::position build_on_position; ///< of the key, when written

  /// The roots this image's own build watches: its custom `deps`, else its
  /// context (narrowed to `only` when set).
  std::vector<std::string> watched() const;

  bool operator==(const image_config&) const = default;
};

} // namespace actordev::config
