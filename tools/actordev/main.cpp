// actordev: the command line. Parses arguments, runs one command, and maps
// its outcome to an exit code (the only place that does).
#include "tools/actordev/load_project.hpp"
#include "tools/actordev/plan_output.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

namespace {

/// Exit codes, documented in docs/cli.md.
enum exit_code : int {
  exit_ok = 0,
  exit_config_error = 1, // bad config, missing file, unknown resource
  exit_usage = 2,        // bad command line
  exit_unsupported = 3,  // the command needs a part this version lacks
};

constexpr const char* not_running_yet =
    "note: this version of actordev loads, validates and plans; running the "
    "resources arrives with the actor runtime.\n";

int run_up(const std::string& file, const std::vector<std::string>& names) {
  auto project = actordev::cli::load_project(file, names);
  if (!project)
    return exit_config_error;
  fmt::print("{}\n{}", actordev::cli::render_plan(*project), not_running_yet);
  return exit_ok;
}

int run_ci(const std::string& file) {
  auto project = actordev::cli::load_project(file, {});
  if (!project)
    return exit_config_error;
  fmt::print("{}\n", actordev::cli::render_plan(*project));
  fmt::print(stderr,
             "actordev ci: error: the config is valid, but this version "
             "cannot run resources yet, so nothing was checked.\n");
  return exit_unsupported;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"actordev: brings up a developer's environment and keeps it "
               "in sync with the code"};
  app.set_version_flag("--version", "actordev 0.1.0");
  app.require_subcommand(1);
  std::string file = "actordev.yaml";
  std::vector<std::string> names;

  auto* up = app.add_subcommand(
      "up", "Bring up every resource (or these and their resource_deps)");
  up->add_option("-f,--file", file, "The config file")->capture_default_str();
  up->add_option("resources", names, "Resources to bring up (default: all)");

  auto* ci = app.add_subcommand(
      "ci", "Like up, then exit 0 once every resource is ready or succeeded");
  ci->add_option("-f,--file", file, "The config file")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  if (up->parsed())
    return run_up(file, names);
  return run_ci(file);
}
