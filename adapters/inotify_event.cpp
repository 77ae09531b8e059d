#include "adapters/inotify_event.hpp"

namespace actordev::adapters {

std::string_view to_string(change_kind k) {
  switch (k) {
  case change_kind::created:
    return "created";
  case change_kind::modified:
    return "modified";
  case change_kind::attrib:
    return "attrib";
  case change_kind::deleted:
    return "deleted";
  case change_kind::moved_from:
    return "moved_from";
  case change_kind::moved_to:
    return "moved_to";
  case change_kind::overflow:
    return "overflow";
  }
  return "unknown";
}

std::string to_string(const watch_event& e) {
  std::string s(to_string(e.kind));
  s += ' ';
  s += e.path;
  if (e.is_dir)
    s += " (dir)";
  return s;
}

} // namespace actordev::adapters
