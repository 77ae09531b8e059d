#include "adapters/process_table.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <string_view>
#include <unistd.h>
#include <unordered_map>

namespace actordev::adapters {

namespace {

std::optional<pid_t> parse_pid(const char* name) {
  if (*name < '1' || *name > '9')
    return std::nullopt;
  char* end = nullptr;
  long value = std::strtol(name, &end, 10);
  if (*end != '\0')
    return std::nullopt;
  return static_cast<pid_t>(value);
}

/// Parses "PID (COMM) S PPID PGRP ...". COMM may hold spaces and ')', so the
/// fields are read after the last ')'.
std::optional<process_entry> parse_stat(pid_t pid, std::string_view text) {
  auto close = text.rfind(')');
  if (close == std::string_view::npos)
    return std::nullopt;
  std::string fields(text.substr(close + 1));
  process_entry entry{pid, 0, 0, '?'};
  int ppid = 0;
  int pgid = 0;
  if (std::sscanf(fields.c_str(), " %c %d %d", &entry.state, &ppid, &pgid) != 3)
    return std::nullopt;
  entry.ppid = ppid;
  entry.pgid = pgid;
  return entry;
}

std::optional<process_entry> read_entry(pid_t pid) {
  std::array<char, 512> path;
  std::snprintf(path.data(), path.size(), "/proc/%d/stat", pid);
  int fd = ::open(path.data(), O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return std::nullopt; // it ended meanwhile
  std::array<char, 1024> buffer;
  auto n = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  if (n <= 0)
    return std::nullopt;
  return parse_stat(pid, {buffer.data(), static_cast<std::size_t>(n)});
}

using index = std::unordered_multimap<pid_t, const process_entry*>;

} // namespace

std::optional<process_table> read_process_table() {
  std::unique_ptr<DIR, int (*)(DIR*)> proc(::opendir("/proc"), ::closedir);
  if (!proc)
    return std::nullopt;
  process_table table;
  while (auto* entry = ::readdir(proc.get())) {
    auto pid = parse_pid(entry->d_name);
    if (!pid)
      continue;
    if (auto process = read_entry(*pid))
      table.push_back(*process);
  }
  if (table.empty())
    return std::nullopt; // /proc is not procfs (we are in the table)
  return table;
}

std::set<pid_t> groups_to_stop(const process_table& table, pid_t pgid,
                               const std::set<pid_t>& keep) {
  std::set<pid_t> groups;
  index children;
  index members;
  for (const auto& entry : table) {
    children.emplace(entry.ppid, &entry);
    members.emplace(entry.pgid, &entry);
  }
  std::vector<pid_t> to_visit;
  auto add_group = [&](pid_t group) {
    if (group <= 1 || keep.count(group) || !groups.insert(group).second)
      return;
    auto [first, last] = members.equal_range(group);
    for (auto it = first; it != last; ++it)
      to_visit.push_back(it->second->pid);
  };
  add_group(pgid);
  // Each process enters to_visit at most twice (as a member of its group and
  // as a child of its parent) because a group is added once: bounded.
  std::set<pid_t> visited;
  while (!to_visit.empty()) {
    auto pid = to_visit.back();
    to_visit.pop_back();
    if (!visited.insert(pid).second)
      continue;
    auto [first, last] = children.equal_range(pid);
    for (auto it = first; it != last; ++it) {
      add_group(it->second->pgid);
      to_visit.push_back(it->second->pid);
    }
  }
  return groups;
}

bool any_alive(const process_table& table, const std::set<pid_t>& groups) {
  for (const auto& entry : table) {
    if (groups.count(entry.pgid) && entry.state != 'Z' && entry.state != 'X')
      return true;
  }
  return false;
}

} // namespace actordev::adapters
