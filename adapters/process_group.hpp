#pragma once

#include <chrono>
#include <functional>
#include <sys/types.h>

namespace actordev::adapters {

/// How kill_process_group ended.
enum class group_stop {
  gone,       ///< nothing was alive to stop
  terminated, ///< everything ended within the grace period after SIGTERM
  killed,     ///< something outlived the grace period (or grace was 0) and
              ///< was sent SIGKILL; nothing is alive now
  survived,   ///< something was still alive 2 s after SIGKILL (stuck in the
              ///< kernel, e.g. uninterruptible I/O)
};

/// "gone", "terminated", "killed", "survived".
const char* to_string(group_stop how);

/// The wait between SIGTERM and SIGKILL when none is given.
inline constexpr std::chrono::milliseconds default_stop_grace{5000};

/// How long kill_process_group waits for SIGKILL to take effect.
inline constexpr std::chrono::milliseconds kill_wait{2000};

/// Called while kill_process_group waits: may return early, must not take
/// much longer than the duration it is given.
using stop_wait = std::function<void(std::chrono::milliseconds)>;

/// Stops process group `pgid` and whatever its members started:
///  1. finds the groups to stop: `pgid` and the groups that descendants of
///     its members moved to (setsid, setpgid), see groups_to_stop();
///  2. sends them SIGTERM, then SIGCONT so that stopped processes see it;
///  3. waits up to `grace` for every process in them to end (zombies count
///     as ended), looking again for new groups as it goes;
///  4. sends SIGKILL to the groups and waits up to kill_wait.
/// `grace` of 0 skips to step 4. Never signals a group id <= 1, actordev's
/// own group, or its session's. Returns within grace + kill_wait + one wait.
/// Blocks: call it from a detached actor. It cannot reach a descendant whose
/// parent already exited and that left the group (it was re-parented to
/// init). A group id that the system recycled after the whole group ended
/// would be signalled, as with kill(1) on a recorded id: `actordev down`
/// should check what it recorded still matches.
group_stop
kill_process_group(pid_t pgid,
                   std::chrono::milliseconds grace = default_stop_grace);

/// kill_process_group, calling `wait` (rather than sleeping) between checks,
/// e.g. to keep reading the group leader's output and reap it.
group_stop kill_process_group(pid_t pgid, std::chrono::milliseconds grace,
                              const stop_wait& wait);

/// True while group `pgid` has a live (not zombie) process.
bool process_group_alive(pid_t pgid);

} // namespace actordev::adapters
