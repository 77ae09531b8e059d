#include "cli_fixture.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>

namespace actordev::test {

temp_project::temp_project() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "actordev-test-XXXXXX")
          .string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

temp_project::~temp_project() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string temp_project::write(const std::string& name,
                                const std::string& text) const {
  auto path = std::filesystem::path(dir_) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path.string();
}

run_result temp_project::actordev(const std::string& args) const {
  std::string cmd =
      "cd '" + dir_ + "' && '" ACTORDEV_BIN "' " + args + " 2>&1 </dev/null";
  run_result r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe)
    return r;
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0)
    r.output.append(buf.data(), n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

} // namespace actordev::test
