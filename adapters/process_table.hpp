#pragma once

#include <optional>
#include <set>
#include <sys/types.h>
#include <vector>

namespace actordev::adapters {

/// One process as /proc/PID/stat shows it.
struct process_entry {
  pid_t pid = 0;
  pid_t ppid = 0;
  pid_t pgid = 0;
  /// 'R', 'S', 'D', 'T', 'Z' (zombie: dead, not yet reaped), ...
  char state = '?';

  bool operator==(const process_entry&) const = default;
};

/// A snapshot of every process on the machine (of this PID namespace).
using process_table = std::vector<process_entry>;

/// Reads /proc. Processes that end while it reads are left out. nullopt when
/// /proc cannot be read at all. Costs one small read per process.
std::optional<process_table> read_process_table();

/// The process groups to stop when stopping group `pgid`: `pgid` itself and,
/// transitively, the group of every descendant of a member, which catches a
/// descendant that left with setsid or setpgid while its parent is alive.
/// Never contains a group id <= 1 nor one of `keep` (actordev's own group
/// and its session's). Pure.
std::set<pid_t> groups_to_stop(const process_table& table, pid_t pgid,
                               const std::set<pid_t>& keep);

/// True when a process of one of `groups` is alive: present and not a
/// zombie. Pure.
bool any_alive(const process_table& table, const std::set<pid_t>& groups);

} // namespace actordev::adapters
