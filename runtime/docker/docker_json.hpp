#pragma once

// What the docker CLI prints, read into the engine's terms: the answer of
// `docker info --format '{{json .}}'` (a cluster connection's status and
// architecture) and of `docker compose ps --all --format json` (a
// service's containers). Pure: the caller runs the commands.

#include "actordev/msg/events.pb.h"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::docker {

/// A cluster's status as a connection reports it.
struct cluster_answer {
  std::string arch;  ///< "amd64", "arm64"...; empty when unknown
  std::string error; ///< empty: reachable
};

/// Docker's and the kernel's names for an architecture, as Kubernetes and
/// image platforms spell them: x86_64 → amd64, aarch64 → arm64; others as
/// given, lowercased.
std::string normalize_arch(std::string_view arch);

/// Reads `docker info --format '{{json .}}'`: its exit code, stdout and
/// stderr. Unreachable (an error naming why, from ServerErrors or stderr)
/// when it failed or reported server errors; else the Architecture.
cluster_answer read_docker_info(int exit_code, std::string_view out,
                                std::string_view err);

/// Reads `docker compose ps --all --format json` (one JSON object per
/// line, or one JSON array as older Compose v2 prints) into containers:
/// name, id, state (running; exited or dead: terminated; else waiting),
/// exit code, health (a healthcheck's `healthy` makes it ready), and a
/// reason for the engine ("Completed", "Error", "CrashLoopBackOff" while
/// restarting). Only the rows of `service` when it is not empty. Text
/// that is not JSON is an error in `error`.
struct compose_ps {
  std::vector<msg::Container> containers;
  std::string error;
};
compose_ps read_compose_ps(std::string_view out, std::string_view service);

/// The first line of `text` that says something, trimmed and cut to 300
/// characters: how a tool's error is shown.
std::string first_line(std::string_view text);

} // namespace actordev::docker
