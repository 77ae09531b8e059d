#include "adapters/orphans.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace actordev::adapters {

namespace {

/// The parent pid in /proc/PID/stat (the field after the state, after the
/// command name in parentheses, which may itself hold spaces and ')').
pid_t parent_of(pid_t pid) {
  std::string path = "/proc/" + std::to_string(pid) + "/stat";
  std::FILE* f = std::fopen(path.c_str(), "re");
  if (!f)
    return -1;
  char buf[1024];
  auto n = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  buf[n] = '\0';
  std::string text{buf, n};
  auto close = text.rfind(')');
  if (close == std::string::npos)
    return -1;
  char state = 0;
  int ppid = -1;
  if (std::sscanf(text.c_str() + close + 1, " %c %d", &state, &ppid) != 2)
    return -1;
  return ppid;
}

std::vector<pid_t> children() {
  std::vector<pid_t> out;
  DIR* d = ::opendir("/proc");
  if (!d)
    return out;
  auto self = ::getpid();
  while (auto* e = ::readdir(d)) {
    char* end = nullptr;
    long pid = std::strtol(e->d_name, &end, 10);
    if (*end != '\0' || pid <= 0)
      continue;
    if (parent_of(static_cast<pid_t>(pid)) == self)
      out.push_back(static_cast<pid_t>(pid));
  }
  ::closedir(d);
  return out;
}

} // namespace

bool become_subreaper() {
  return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

int kill_orphans(int rounds) {
  int killed = 0;
  for (int round = 0; round < rounds; ++round) {
    auto kids = children();
    // Zombies already dead show up too; reaping them is all they need.
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (kids.empty())
      return killed;
    for (auto pid : kids)
      if (::kill(pid, SIGKILL) == 0)
        ++killed;
    // Reap what died; its own children come to us and are found next round.
    for (int i = 0; i < 100 && ::waitpid(-1, nullptr, WNOHANG) >= 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds{2});
  }
  return killed;
}

} // namespace actordev::adapters
