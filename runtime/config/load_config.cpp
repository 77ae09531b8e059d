#include "runtime/config/load_config.hpp"

#include "runtime/config/builders_reader.hpp"
#include "runtime/config/image_checks.hpp"
#include "runtime/config/image_reader.hpp"
#include "runtime/config/k8s_reader.hpp"
#include "runtime/config/local_resource_reader.hpp"
#include "runtime/config/paths.hpp"
#include "runtime/config/resource_graph.hpp"
#include "runtime/config/settings_reader.hpp"
#include "runtime/config/yaml_document.hpp"
#include "runtime/config/yaml_values.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>

namespace actordev::config {

namespace {

using namespace detail;

constexpr std::string_view top_level = "at the top level";

void read_version(yaml_reader& r, const entry& e, project_config& cfg) {
  integer_rule rule{"the integer 1", std::numeric_limits<std::int64_t>::min(),
                    std::numeric_limits<std::int64_t>::max(),
                    "write version: 1"};
  auto v = read_integer(r, e, top_level, rule);
  if (v && *v != 1) {
    r.error(e,
            "unsupported config version " + std::to_string(*v) +
                "; this actordev reads version 1",
            "write version: 1, or use the actordev release that reads "
            "version " +
                std::to_string(*v));
    return;
  }
  cfg.version = 1;
}

void read_top_level(yaml_reader& r, const YAML::Node& root,
                    project_config& cfg) {
  auto map = entries(r, root, top_level);
  check_keys(r, map,
             {"version", "settings", "images", "resources", "k8s_yaml",
              "builders"},
             {}, top_level);
  if (const entry* v = find(map, "version"))
    read_version(r, *v, cfg);
  if (const entry* s = find(map, "settings"))
    read_settings(r, *s, cfg.dir, cfg.settings);
  if (const entry* img = find(map, "images"))
    read_images(r, *img, cfg);
  if (const entry* res = find(map, "resources"))
    read_resources(r, *res, cfg);
  if (const entry* k8s = find(map, "k8s_yaml"))
    read_k8s_yaml(r, *k8s, cfg);
  if (const entry* b = find(map, "builders"))
    read_builders(r, *b, cfg);
}

// yaml-cpp should not throw past parsing, but a crash on a bad config is
// the one outcome we cannot accept: anything thrown becomes an error.
void read_config(yaml_reader& r, std::string_view text, project_config& cfg) {
  try {
    if (auto root = parse_document(r, text))
      read_top_level(r, *root, cfg);
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "could not read the config: " + e.msg,
            "this is a bug in actordev; please report it with the config");
  } catch (const std::exception& e) {
    r.error(position{}, std::string{"could not read the config: "} + e.what(),
            "this is a bug in actordev; please report it with the config");
  }
}

void sort_by_position(std::vector<config_error>& errors) {
  std::stable_sort(errors.begin(), errors.end(),
                   [](const config_error& a, const config_error& b) {
                     return std::tie(a.line, a.column) <
                            std::tie(b.line, b.column);
                   });
}

} // namespace

result<project_config, std::vector<config_error>>
load_config(std::string_view yaml_text, const std::string& config_path) {
  yaml_reader r{config_path};
  project_config cfg;
  cfg.path = config_path;
  cfg.dir = config_folder(config_path);
  read_config(r, yaml_text, cfg);
  auto errors = r.take_errors();
  auto graph = check_resource_deps(cfg);
  errors.insert(errors.end(), graph.begin(), graph.end());
  if (errors.empty()) { // references are judged once everything reads well
    auto images = check_images(cfg);
    errors.insert(errors.end(), images.begin(), images.end());
  }
  if (errors.empty())
    return cfg;
  sort_by_position(errors);
  return result<project_config, std::vector<config_error>>::failure(
      std::move(errors));
}

} // namespace actordev::config
