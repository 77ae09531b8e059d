#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace actordev::test {

/// The fields of /proc/PID/stat after the command name: state, ppid, pgrp,
/// session, ...; empty when the process does not exist.
std::vector<std::string> stat_fields(pid_t pid);

/// True while `pid` exists and is not a zombie (here nobody may reap an
/// orphan: the init of a container).
bool alive(pid_t pid);

/// The session `pid` belongs to, or -1 when it does not exist.
pid_t session_of(pid_t pid);

/// True when the record of running processes at `path` (a
/// .actordev/processes file: "PGID START RESOURCE" lines) has a line for
/// process group `pgid`.
bool recorded(const std::string& path, pid_t pgid);

} // namespace actordev::test
