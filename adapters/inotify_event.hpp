#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/inotify_error.hpp"

namespace actordev::adapters {

/// What happened to a path, as inotify tells it. A caller that only needs
/// "changed or gone" maps created/modified/attrib/moved_to to changed and
/// deleted/moved_from to gone; a directory that is gone takes everything
/// under it along.
enum class change_kind : std::uint8_t {
  created,    ///< appeared (IN_CREATE), or found inside a new directory
  modified,   ///< a writer closed it (IN_CLOSE_WRITE)
  attrib,     ///< metadata changed: touch, chmod (IN_ATTRIB)
  deleted,    ///< unlinked (IN_DELETE), or a root's directory is gone
  moved_from, ///< renamed away (IN_MOVED_FROM), or a root was moved away
  moved_to,   ///< renamed into place (IN_MOVED_TO): editors' atomic save
  overflow,   ///< the kernel dropped events: treat the root as all changed
};

/// The lower-case name of a kind ("moved_to").
std::string_view to_string(change_kind k);

/// One change under a root. `path` is absolute, spelled from the root as
/// it was given to `add_root` (symlinks in it are not resolved). For
/// `overflow`, `path` is the root.
struct watch_event {
  change_kind kind = change_kind::modified;
  std::string path;
  bool is_dir = false;

  friend bool operator==(const watch_event&, const watch_event&) = default;
};

/// "moved_to /p/src/a.cc" ("... (dir)" for a directory), for logs and
/// test messages.
std::string to_string(const watch_event& e);

/// What one `poll` drained, in the kernel's order. Events may repeat (a
/// file in a new directory can be seen both by the scan of the directory
/// and by its own watch): coalescing is the caller's job. `errors` are
/// problems met while following the tree (a new directory that could not
/// be watched); the events are valid regardless.
struct watch_batch {
  std::vector<watch_event> events;
  std::vector<watch_error> errors;

  bool empty() const { return events.empty() && errors.empty(); }
};

} // namespace actordev::adapters
