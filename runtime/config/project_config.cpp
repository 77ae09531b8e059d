#include "runtime/config/project_config.hpp"

namespace actordev::config {

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

} // namespace actordev::config
