#pragma once

#include <string>
#include <vector>

#include <sys/types.h>

namespace actordev::bench {

/// A live process and its command line (from /proc).
struct leftover {
  pid_t pid = 0;
  std::string cmdline;
};

/// The processes whose working folder is `dir` or lies under it: once
/// actordev has exited, whatever it left behind of the project's
/// resources (a container's cmd runs in the container's folder).
std::vector<leftover> processes_under(const std::string& dir);

} // namespace actordev::bench
