#pragma once

// What a live update does about a batch of changed files: Tilt's rules
// (../shared/seeds/live-update-reference.txt), as the live updater will
// apply them. A change under a fall_back_on path, or one in the build's
// context that no sync covers, means a full rebuild; changes outside the
// context mean nothing; otherwise each changed file is copied to (or
// deleted from) every remote path a sync maps it to, and the run steps
// whose triggers match (or that have none) run in order.

#include "actordev/msg/manifest.pb.h"

#include <cstddef>
#include <string>
#include <vector>

namespace actordev {

/// A file the watcher reported, and whether it still exists: a deleted
/// file is deleted in the container.
struct changed_file {
  std::string path; ///< absolute, normalized
  bool exists = true;
};

/// One file to copy into the container.
struct file_copy {
  std::string local;
  std::string remote;

  bool operator==(const file_copy&) const = default;
};

struct live_update_plan {
  enum class action {
    nothing,      ///< every change is outside what the build watches
    live_update,  ///< copy, delete and run as below
    full_rebuild, ///< see why
  };
  action what = action::nothing;
  std::string why; ///< full_rebuild: the file, and the rule it met
  std::vector<file_copy> copies;      ///< files that exist
  std::vector<std::string> deletions; ///< remote paths of deleted files
  std::vector<std::size_t> runs;      ///< indexes of the run steps to run
  bool restart = false;               ///< restart_container
};

/// Plans the live update of an image for `changes`. `watched` are the
/// roots its build watches: its context (a custom build's deps), and those
/// of the images it is built FROM, as syncs may take files from any of
/// them.
live_update_plan plan_live_update(const msg::LiveUpdateSpec& spec,
                                  const std::vector<std::string>& watched,
                                  const std::vector<changed_file>& changes);

/// The fall_back_on path `path` is under, or nullptr.
const std::string* fall_back_root(const msg::LiveUpdateSpec& spec,
                                  const std::string& path);

/// True when a sync of `spec` covers `path`.
bool synced(const msg::LiveUpdateSpec& spec, const std::string& path);

/// Where a sync from `local` to `remote` puts `path`, a file at or below
/// `local`.
std::string remote_path(const msg::SyncStep& sync, const std::string& path);

} // namespace actordev
