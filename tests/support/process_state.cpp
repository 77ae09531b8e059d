#include "support/process_state.hpp"

#include <signal.h>

#include <fstream>
#include <sstream>

namespace actordev::test {

std::vector<std::string> stat_fields(pid_t pid) {
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::ostringstream buf;
  buf << file.rdbuf();
  auto text = buf.str();
  // The command name is in parentheses and may hold spaces or ')'.
  auto close = text.rfind(')');
  if (close == std::string::npos)
    return {};
  std::istringstream in{text.substr(close + 1)};
  std::vector<std::string> fields;
  for (std::string f; in >> f;)
    fields.push_back(f);
  return fields;
}

bool alive(pid_t pid) {
  if (pid <= 0 || ::kill(pid, 0) != 0)
    return false;
  auto fields = stat_fields(pid);
  return !fields.empty() && fields[0] != "Z";
}

pid_t session_of(pid_t pid) {
  auto fields = stat_fields(pid); // state, ppid, pgrp, session, ...
  return fields.size() > 3 ? static_cast<pid_t>(std::stol(fields[3])) : -1;
}

bool recorded(const std::string& path, pid_t pgid) {
  std::ifstream in(path);
  auto start = std::to_string(pgid) + " ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(start, 0) == 0)
      return true;
  return false;
}

} // namespace actordev::test
