#pragma once
// The one place where the watcher's batches become Protobuf messages.

#include "runtime/watch/watch_map.hpp"

#include "actordev/msg/events.pb.h"

#include <vector>

namespace actordev::watch {

/// A target as a message: TARGET_LOCAL and the resource's name, or
/// TARGET_CONFIG and the config's path.
msg::TargetRef to_target_ref(const watch_target& t);

/// A batch's shares as one FilesChanged: a TargetFiles per target, in the
/// order given, with its paths in order.
msg::FilesChanged to_files_changed(const std::vector<target_changes>& changes);

} // namespace actordev::watch
