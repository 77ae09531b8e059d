#include "runtime/config/project_config.hpp"

#include <algorithm>

namespace actordev::config {

std::string builder_config::address() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
         ":" + std::to_string(port);
}

const local_resource*
project_config::find(std::string_view name) const noexcept {
  for (const auto& r : resources)
    if (r.name == name)
      return &r;
  return nullptr;
}

const image_config*
project_config::find_image(std::string_view name) const noexcept {
  for (const auto& i : images)
    if (i.name == name)
      return &i;
  return nullptr;
}

std::vector<std::string> project_config::k8s_files() const {
  std::vector<std::string> out;
  auto add = [&](const std::vector<located_path>& files) {
    for (const auto& f : files)
      if (std::find(out.begin(), out.end(), f.path) == out.end())
        out.push_back(f.path);
  };
  add(k8s_yaml);
  for (const auto& r : resources)
    if (r.k8s)
      add(r.k8s->yaml);
  return out;
}

} // namespace actordev::config
