#include "runtime/config/image_config.hpp"

namespace actordev::config {

std::vector<std::string> image_config::watched() const {
  if (kind == build_kind::custom)
    return custom.deps;
  if (!only.empty())
    return only;
  return {context};
}

} // namespace actordev::config
