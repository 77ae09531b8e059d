#pragma once

#include "actordev/msg/replay.pb.h"
#include "runtime/engine.hpp"

#include <optional>
#include <string>
#include <vector>

namespace actordev::replay {

/// Follows one resource through a replay (`replay --explain RESOURCE`):
/// the events about it, every grant, and every change of its hold — a new
/// or changed hold with what it waits on, or a hold that ended without a
/// grant. Decisions that leave it as it was say nothing.
///
/// Called after the engine applied each event and after each decision;
/// anything not about the resource is dismissed by comparing names, so
/// following a long log costs little.
class explainer {
public:
  /// Follows the resource named `manifest`.
  explicit explainer(std::string manifest);

  /// After the engine applied `e` (its state is `s`): an entry when the
  /// event concerns the resource — a ConfigLoaded that added, changed or
  /// removed it; a FilesChanged for one of its targets (cut to those); its
  /// builds, runtime, triggers, enable state; a change of its cluster's
  /// state (the same state reported again is not one); the live updates
  /// of its images.
  std::optional<msg::ExplainEntry> on_event(const msg::Event& e,
                                            const engine_state& s);

  /// After the engine decided `point` (its last decision): the grant of
  /// the resource with its reasons, or the change of its hold.
  std::optional<msg::ExplainEntry> on_decision(const msg::DecisionPoint& point,
                                               const engine& en);

  /// The resource was in some config loaded so far.
  bool seen() const { return seen_; }

private:
  std::optional<msg::ExplainEntry> on_config(const msg::Event& e,
                                             const engine_state& s);
  std::optional<msg::ExplainEntry> on_files(const msg::Event& e) const;
  /// The event is about the resource (for a cluster's state: a change of
  /// it, which is remembered).
  bool concerns(const msg::Event& e);
  msg::ExplainEntry entry(std::uint64_t seq, time_us t) const;

  std::string name_;
  bool seen_ = false;
  /// Its spec and images as last loaded, serialized; nothing while it is
  /// not in the config.
  std::optional<std::string> fingerprint_;
  std::vector<target_ref> targets_; ///< as last loaded
  std::string cluster_;             ///< as last loaded
  /// Its cluster's arch and error as last reported, "\n"-joined.
  std::optional<std::string> cluster_state_;
  std::optional<msg::Hold> hold_; ///< its hold in the last decision
};

} // namespace actordev::replay
