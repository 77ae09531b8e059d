#pragma once

#include <sys/types.h>

namespace actordev::adapters {

/// Makes this process a child subreaper (PR_SET_CHILD_SUBREAPER): a
/// descendant whose parent exits is re-parented here rather than to init, so
/// a grandchild that left its process group (setsid, double fork) is still
/// ours to end. Returns false when the kernel refused.
bool become_subreaper();

/// SIGKILLs and reaps every child of this process still alive, repeating
/// while reaping brings in new ones (their orphans), at most `rounds` times.
/// Call only once nothing else waits for children (the actors are done):
/// it reaps any child. Returns how many it killed.
int kill_orphans(int rounds = 50);

} // namespace actordev::adapters
