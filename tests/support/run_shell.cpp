#include "support/run_shell.hpp"

#include <sys/wait.h>

#include <cstdio>

namespace actordev::test {

std::pair<int, std::string> run_shell(const std::string& command) {
  std::string out;
  FILE* f = ::popen(command.c_str(), "r");
  if (!f)
    return {-1, "cannot run " + command};
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;)
    out.append(buf, n);
  int status = ::pclose(f);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

} // namespace actordev::test
