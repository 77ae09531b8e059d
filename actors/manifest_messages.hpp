#pragma once

// The messages every kind of manifest actor sends and reads: a command for
// the builder, how a process ended, a build's result, a system log line.
// One place, so the local, container and compose manifests say them alike.

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actors/container_resource.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace actordev {

/// A RunCommand for resource `resource`: `command` in `dir` with `env`
/// added, stopped with `grace`, answered with `run_id`.
msg::RunCommand
run_request(const std::string& resource, const std::string& command,
            const std::string& dir,
            const std::vector<std::pair<std::string, std::string>>& env,
            std::chrono::milliseconds grace, std::uint64_t run_id);

/// The ProcessExited of a command the builder did not start.
msg::ProcessExited not_started(const std::string& resource,
                               std::uint64_t run_id, const std::string& why);

/// How a process ended, as users read it: its error, or "exit 2",
/// "killed by SIGTERM".
std::string describe(const msg::ProcessExited& e);

/// True when it could not start, exited non-zero or was killed.
bool failed(const msg::ProcessExited& e);

/// The BuildFinished of a container or compose resource: with no error,
/// each image of `spec` with its ref in `refs` (as far as there are
/// refs), then the deploy target `deploy` with `kind`.
msg::Event image_build_finished(const container_resource& spec,
                                const std::vector<std::string>& refs,
                                const std::string& error, int exit_code,
                                msg::TargetType deploy, msg::ResultKind kind);

/// A LOG_SYSTEM line of resource `resource`.
msg::LogLine system_line(const std::string& resource, const std::string& text);

} // namespace actordev
