#pragma once

// Copying a reported pod over the one kept before. Every running pod is
// reported again and again; CopyFrom clears the kept pod first, down to
// each container's strings, and then copies. These overwrite field by
// field instead, keeping the allocations, with the same result.

#include "actordev/msg/events.pb.h"

namespace actordev {

/// Makes `to` equal to `from`, as `to.CopyFrom(from)` does.
void assign(const msg::Container& from, msg::Container& to);

/// Makes `to` equal to `from`, as `to.CopyFrom(from)` does.
void assign(const msg::Pod& from, msg::Pod& to);

} // namespace actordev
