#include "tools/actordev/load_project.hpp"

#include "actors/project_loader.hpp"
#include "adapters/read_file.hpp"
#include "runtime/config/selection.hpp"

#include <filesystem>
#include <fmt/core.h>

namespace actordev::cli {

namespace {

void print_errors(const std::vector<config::config_error>& errors) {
  fmt::print(stderr, "{}", config::format(errors));
  fmt::print(stderr, "{} error{} in the config: nothing was started.\n",
             errors.size(), errors.size() == 1 ? "" : "s");
}

} // namespace

std::optional<loaded_project>
load_project(const std::string& path,
             const std::vector<std::string>& resources) {
  auto text = adapters::read_file(path);
  if (auto* err = std::get_if<adapters::read_error>(&text)) {
    fmt::print(stderr,
               "{}: error: cannot read the config: {}\n  hint: run actordev in "
               "your project's folder or pass -f PATH\n",
               err->path, err->reason);
    return std::nullopt;
  }
  std::error_code ec;
  auto absolute = std::filesystem::absolute(path, ec).lexically_normal();
  const auto config_path = ec ? path : absolute.string();
  auto cfg = load_project_config(std::get<std::string>(text), config_path);
  if (!cfg) {
    auto errors = cfg.error();
    show_config_path(errors, config_path, path); // as the user typed it
    print_errors(errors);
    return std::nullopt;
  }
  auto loaded = config::selected_config_loaded(cfg.value(), resources);
  if (!loaded) {
    fmt::print(stderr,
               "actordev: error: {}\n  hint: {}\nNothing was started.\n",
               loaded.error().message, loaded.error().hint);
    return std::nullopt;
  }
  loaded_project out{path, std::move(loaded).value(), std::move(cfg).value(),
                     std::get<std::string>(std::move(text))};
  return out;
}

} // namespace actordev::cli
