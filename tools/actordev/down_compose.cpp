#include "tools/actordev/down_compose.hpp"

#include "adapters/command_output.hpp"
#include "runtime/docker/docker_commands.hpp"
#include "runtime/docker/docker_json.hpp"

#include <fmt/core.h>

#include <filesystem>

namespace actordev::cli {

int down_compose(const config::project_config& cfg) {
  int failed = 0;
  const std::string state =
      (cfg.dir == "/" ? std::string{} : cfg.dir) + "/.actordev/compose/";
  for (const auto& r : cfg.resources) {
    if (!r.compose)
      continue;
    std::error_code ec;
    auto override_file = state + r.name + ".yaml";
    if (!std::filesystem::exists(override_file, ec))
      override_file.clear();
    adapters::process_spec p;
    p.command = docker::compose_command(
        r.compose->file, override_file,
        {"rm", "--stop", "--force", r.compose->service});
    p.dir = std::filesystem::path{r.compose->file}.parent_path().string();
    auto out = adapters::run_command(p, std::chrono::seconds{60});
    if (out.exit_code == 0) {
      fmt::print("removed compose service {} ({})\n", r.compose->service,
                 r.name);
      continue;
    }
    ++failed;
    auto why = !out.error.empty() ? out.error : docker::first_line(out.err);
    fmt::print(stderr,
               "actordev down: error: cannot remove compose service {} ({}): "
               "{}\n",
               r.compose->service, r.name,
               why.empty() ? "exit " + std::to_string(out.exit_code) : why);
  }
  return failed;
}

} // namespace actordev::cli
