#include "runtime/config/local_resource.hpp"

namespace actordev::config {

std::string_view to_string(trigger_mode m) noexcept {
  return m == trigger_mode::manual ? "manual" : "auto";
}

std::string_view to_string(restart_policy p) noexcept {
  switch (p) {
  case restart_policy::on_failure:
    return "on-failure";
  case restart_policy::always:
    return "always";
  case restart_policy::never:
    break;
  }
  return "never";
}

} // namespace actordev::config
