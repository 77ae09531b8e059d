#pragma once

#include "actordev/msg/events.pb.h"
#include "runtime/target_ref.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// The build state of one target (an image or a deploy target) of one
/// manifest. Shared images have one status per manifest that uses them.
struct target_build_status {
  target_ref target;
  /// Changed paths not yet consumed by a build, with the time each was
  /// last seen (as Tilt's PendingFileChanges): an edit made after a build
  /// started is not consumed by that build, even if the path changed
  /// before too.
  std::map<std::string, time_us> pending_files;
  /// Set when an image this target builds on was rebuilt elsewhere.
  std::optional<time_us> pending_dep_change;
  /// What the last successful build of this target produced.
  msg::ResultKind last_result = msg::RESULT_NONE;

  /// A changed path waits for a build.
  bool has_pending_files() const { return !pending_files.empty(); }
  /// An image it builds on was rebuilt elsewhere.
  bool has_pending_dep_change() const { return pending_dep_change.has_value(); }
  /// The earliest pending change of either kind, if any.
  std::optional<time_us> earliest_pending() const {
    if (pending_files.empty())
      return pending_dep_change;
    return earliest_of_files();
  }
  /// Forgets the changes seen at or before `t`: a build that started at `t`
  /// covered them.
  void consume_changes_until(time_us t);

private:
  std::optional<time_us> earliest_of_files() const;
};

/// One build of a manifest, running or finished.
struct build_record {
  time_us started = 0;
  time_us finished = 0;
  msg::BuildKind kind = msg::BUILD_FULL;
  std::string error; ///< empty: succeeded (or still running)
  /// Targets this build rebuilds: the ones that had changes or no result
  /// when it started. Others it can reuse.
  std::vector<target_ref> rebuilding;
  /// The remote builder it went to (host:port); empty: here.
  std::string builder;
};

/// Why a manifest needs a build. Tilt's BuildReason flags.
enum build_reason : unsigned {
  reason_none = 0,
  reason_changed_files = 1u << 0,
  reason_changed_deps = 1u << 1,
  reason_config = 1u << 2,
  reason_init = 1u << 3,
  reason_trigger = 1u << 4,
};

/// Everything the engine knows about the builds of one manifest.
struct manifest_builds {
  std::vector<target_build_status> targets; ///< images, then deploy target
  std::optional<build_record> current;      ///< set while building
  std::optional<build_record> last;         ///< the last finished build
  std::optional<time_us> pending_config_change;

  /// A build is running.
  bool building() const { return current.has_value(); }
  /// A build ran or runs: resource_deps no longer gate this manifest.
  bool started_first_build() const { return current || last; }
  /// Any pending change at all (cheaper than earliest_pending).
  bool has_pending() const {
    if (pending_config_change)
      return true;
    for (const auto& t : targets)
      if (t.has_pending_files() || t.has_pending_dep_change())
        return true;
    return false;
  }
  /// Some target has a changed path waiting.
  bool has_pending_files() const;
  /// Some target builds on an image rebuilt elsewhere.
  bool has_pending_dep_changes() const;
  /// Any pending change (files, deps, config) and the earliest time of one.
  std::optional<time_us> earliest_pending() const;

  /// The status of target `t`, or nullptr when the manifest has no such
  /// target.
  target_build_status* find(const target_ref& t);
  const target_build_status* find(const target_ref& t) const; ///< see above
};

/// Forgets every finished build and pending change of `b`, as for a
/// resource never built (a running build is kept: its end is still
/// reported).
void forget_builds(manifest_builds& b);

} // namespace actordev
