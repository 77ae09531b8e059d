#include "actors/project_loader.hpp"

#include "adapters/read_file.hpp"
#include "runtime/config/load_config.hpp"
#include "runtime/k8s/k8s_resolve.hpp"

#include <map>

namespace actordev {

result<config::project_config, std::vector<config::config_error>>
load_project_config(std::string_view text, const std::string& config_path) {
  using out = result<config::project_config, std::vector<config::config_error>>;
  auto cfg = config::load_config(text, config_path);
  if (!cfg)
    return cfg;
  auto project = std::move(cfg).value();
  std::map<std::string, k8s::file_text> files;
  for (const auto& path : project.k8s_files()) {
    auto read = adapters::read_file(path);
    if (auto* err = std::get_if<adapters::read_error>(&read))
      files[path] = {{}, err->reason};
    else
      files[path] = {std::get<std::string>(std::move(read)), {}};
  }
  auto errors = k8s::resolve_objects(project, files);
  if (!errors.empty())
    return out::failure(std::move(errors));
  return project;
}

void show_config_path(std::vector<config::config_error>& errors,
                      const std::string& config_path,
                      const std::string& shown) {
  for (auto& e : errors)
    if (e.file == config_path || e.file.empty())
      e.file = shown;
}

} // namespace actordev
