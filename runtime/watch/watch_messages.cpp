#include "runtime/watch/watch_messages.hpp"

namespace actordev::watch {

msg::TargetRef to_target_ref(const watch_target& t) {
  msg::TargetRef out;
  switch (t.kind) {
  case target_kind::config:
    out.set_type(msg::TARGET_CONFIG);
    break;
  case target_kind::image:
    out.set_type(msg::TARGET_IMAGE);
    break;
  default:
    out.set_type(msg::TARGET_LOCAL);
  }
  out.set_name(t.name);
  return out;
}

msg::FilesChanged to_files_changed(const std::vector<target_changes>& changes) {
  msg::FilesChanged out;
  for (const auto& c : changes) {
    auto* files = out.add_changes();
    *files->mutable_target() = to_target_ref(c.target);
    for (const auto& p : c.paths)
      files->add_paths(p);
  }
  return out;
}

} // namespace actordev::watch
