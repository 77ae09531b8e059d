#pragma once

// The one place where trees on disk (adapters::file_tree) become manifests
// on the wire (msg::FileEntry) and back.

#include "actordev/msg/remote_build.pb.h"
#include "adapters/tree_files.hpp"

namespace actordev {

using wire_tree = google::protobuf::RepeatedPtrField<msg::FileEntry>;

/// Appends `tree` to `out`.
void to_wire(const adapters::file_tree& tree, wire_tree& out);

/// `entries` as a file_tree (unknown kinds become files: check the wire
/// tree with remote::check_tree first).
adapters::file_tree from_wire(const wire_tree& entries);

} // namespace actordev
