#pragma once

// The docker and docker compose command lines actordev runs, each a line
// for `sh -c` with every word quoted. Pure: building them is testable
// without Docker.

#include "runtime/config/image_config.hpp"
#include "runtime/live_update_plan.hpp"

#include <string>
#include <vector>

namespace actordev::docker {

/// `docker build` of `image` (its `docker` settings, or the defaults: the
/// context's Dockerfile), tagged `ref` and `image.name` (so that an image
/// built FROM it by name gets this build).
std::string build_command(const config::image_config& image,
                          const std::string& ref);

/// `docker compose -f FILE [-f OVERRIDE] ARGS...`.
std::string compose_command(const std::string& file,
                            const std::string& override_file,
                            const std::vector<std::string>& args);

/// The compose file that makes `service` run `ref`.
std::string image_override(const std::string& service, const std::string& ref);

/// One line that syncs into container `id`: `mkdir -p` of the copies'
/// folders and `rm -rf` of the deletions through `docker exec`, then a
/// `docker cp` per copy (of a folder's contents, for a folder, so that it
/// does not nest in a remote folder that exists); stops at the first
/// failure. Empty when there is
/// nothing to do.
std::string sync_command(const std::string& id,
                         const std::vector<file_copy>& copies,
                         const std::vector<std::string>& deletions);

/// `docker exec ID sh -c CMD`.
std::string exec_command(const std::string& id, const std::string& cmd);

} // namespace actordev::docker
