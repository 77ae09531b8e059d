// actordev: the command line. Parses arguments, runs one command, and maps
// its outcome to an exit code (the only place that does).
#include "tools/actordev/builder_command.hpp"
#include "tools/actordev/builders_command.hpp"
#include "tools/actordev/certs_command.hpp"
#include "tools/actordev/duration.hpp"
#include "tools/actordev/down_compose.hpp"
#include "tools/actordev/down_k8s.hpp"
#include "tools/actordev/load_project.hpp"
#include "tools/actordev/plan_output.hpp"
#include "tools/actordev/replay_command.hpp"
#include "tools/actordev/run_session.hpp"
#include "tools/actordev/whole_number.hpp"
#include "tools/actordev/version.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace {

/// Exit codes, documented in docs/cli.md.
enum exit_code : int {
  exit_ok = 0,
  exit_config_error = 1, // bad config, missing file, unknown resource
  exit_usage = 2,        // bad command line
};

/// --message-log, --no-message-log and --keep-logs (of `up` and `ci`).
void add_message_log_flags(CLI::App* command,
                           actordev::cli::message_log_setting& log,
                           bool& no_log) {
  auto* path = command
                   ->add_option("--message-log", log.path,
                                "Record the message log in this file "
                                "(default: a new .actordev/logs/<start "
                                "time>.alog next to the config)")
                   ->type_name("PATH");
  command->add_flag("--no-message-log", no_log, "Record no message log")
      ->excludes(path);
  command
      ->add_option("--keep-logs", log.keep,
                   "How many logs to keep in .actordev/logs (0: all)")
      ->type_name("N")
      ->capture_default_str()
      ->check(actordev::cli::whole_number(0));
}

int run_up(const std::string& file, const std::vector<std::string>& names,
           bool plan_only, const actordev::cli::message_log_setting& log) {
  auto project = actordev::cli::load_project(file, names);
  if (!project)
    return exit_config_error;
  if (plan_only) {
    fmt::print("{}", actordev::cli::render_plan(*project));
    return exit_ok;
  }
  actordev::cli::session_mode mode;
  mode.log = log;
  return actordev::cli::run_session(std::move(*project), names, mode);
}

int run_ci(const std::string& file, const std::vector<std::string>& names,
           const std::string& timeout,
           const actordev::cli::message_log_setting& log) {
  actordev::cli::session_mode mode;
  mode.ci = true;
  mode.log = log;
  if (!timeout.empty()) {
    mode.timeout = actordev::cli::parse_duration(timeout);
    if (!mode.timeout) {
      fmt::print(stderr,
                 "actordev ci: error: --timeout {}: not a duration\n  hint: "
                 "write it like 90s, 5m or 500ms\n",
                 timeout);
      return exit_usage;
    }
  }
  auto project = actordev::cli::load_project(file, names);
  if (!project)
    return exit_config_error;
  return actordev::cli::run_session(std::move(*project), names, mode);
}

int run_down(const std::string& file) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(file, ec).parent_path();
  if (ec || !std::filesystem::exists(file, ec)) {
    fmt::print(stderr,
               "{}: error: no such config\n  hint: run actordev down in your "
               "project's folder or pass -f PATH\n",
               file);
    return exit_config_error;
  }
  int result = actordev::cli::run_down(dir.string());
  // Compose services live in the engine, not in process groups: ask the
  // config which there are. A config that does not load is reported and
  // skipped; the processes are stopped anyway. Kubernetes objects are
  // deleted as recorded when they were applied.
  auto project = actordev::cli::load_project(file, {});
  if (project && actordev::cli::down_compose(project->project) > 0)
    result = 1;
  if (actordev::cli::down_k8s(dir.string()) > 0)
    result = 1;
  return result;
}

} // namespace

int main(int argc, char** argv) {
  CLI::App app{"actordev: brings up a developer's environment and keeps it "
               "in sync with the code"};
  app.set_version_flag("--version",
                       "actordev " + std::string{actordev::cli::version});
  app.require_subcommand(1);
  app.fallthrough(); // -v works after the command too
  std::string file = "actordev.yaml";
  std::vector<std::string> names;
  bool verbose = false;
  bool plan_only = false;
  std::string timeout;
  actordev::cli::message_log_setting message_log;
  bool no_message_log = false;
  app.add_flag("-v,--verbose", verbose, "Show actordev's own log");

  auto* up = app.add_subcommand(
      "up", "Bring up every resource (or these and their resource_deps) and "
            "keep them in sync with the files until Ctrl-C");
  up->add_option("-f,--file", file, "The config file")->capture_default_str();
  up->add_flag("--plan", plan_only,
               "Print the resources and the start-up plan, start nothing");
  up->add_option("resources", names, "Resources to bring up (default: all)");
  add_message_log_flags(up, message_log, no_message_log);

  auto* ci = app.add_subcommand(
      "ci", "Like up, then exit 0 once every resource is ready or succeeded, "
            "non-zero at the first failure");
  ci->add_option("-f,--file", file, "The config file")->capture_default_str();
  ci->add_option("--timeout", timeout,
                 "Fail after this long (e.g. 90s, 5m; default: none)");
  ci->add_option("resources", names, "Resources to check (default: all)");
  add_message_log_flags(ci, message_log, no_message_log);

  auto* down = app.add_subcommand(
      "down", "Stop what a previous `up` of this project left running");
  down->add_option("-f,--file", file, "The config file")->capture_default_str();

  actordev::cli::replay_options replay;
  auto* replay_cmd = actordev::cli::add_replay_command(app, replay);

  actordev::cli::certs_options certs;
  auto* certs_cmd = actordev::cli::add_certs_command(app, certs);

  actordev::cli::builder_command_options builder;
  auto* builder_cmd = actordev::cli::add_builder_command(app, builder);

  actordev::cli::builders_command_options builders;
  auto* builders_cmd = actordev::cli::add_builders_command(app, builders);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? exit_ok : exit_usage;
  }
  // actordev's own log goes to stderr, so stdout is the resources' output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("actordev"));
  spdlog::set_level(verbose ? spdlog::level::debug : spdlog::level::warn);
  message_log.enabled = !no_message_log;
  if (up->parsed())
    return run_up(file, names, plan_only, message_log);
  if (ci->parsed())
    return run_ci(file, names, timeout, message_log);
  if (replay_cmd->parsed())
    return actordev::cli::run_replay(replay);
  if (certs_cmd->parsed())
    return actordev::cli::run_certs(*certs_cmd, certs);
  if (builder_cmd->parsed())
    return actordev::cli::run_builder(builder);
  if (builders_cmd->parsed())
    return actordev::cli::run_builders(builders);
  return run_down(file);
}
