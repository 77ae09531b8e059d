#pragma once

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "runtime/engine_state.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace actordev {

/// How a status reads at a glance; the terminal picks a colour from it.
enum class status_tone {
  info,     ///< neutral news: "config reloaded", "disabled"
  progress, ///< something runs: "building", "running"
  waiting,  ///< held: "waiting on db"
  good,     ///< "ready", "succeeded"
  bad,      ///< "build failed (exit 2)", a config error
};

/// One line for the terminal: "db  ready", "api  waiting on db".
struct status_line {
  std::string resource; ///< empty: about actordev itself (the config)
  std::string text;
  status_tone tone = status_tone::info;

  friend bool operator==(const status_line&, const status_line&) = default;
};

/// Follows the scheduler's applied events and decisions, and says what
/// changed in words a person reads: one status per resource, printed only
/// when it differs from the one printed last. A resource's status is, in
/// order of precedence: its running build ("building"), its hold in the
/// last decision ("waiting on db"), its last failed build ("build failed
/// (exit 2)"), its runtime ("ready", "running", "not ready: ..."), its last
/// good build ("updated"), or what it waits for by configuration
/// ("waiting for a trigger", "disabled").
///
/// The engine state is rebuilt here with the reducer from the same events
/// the scheduler applied, so the words match the engine's own view (the
/// readiness of Kubernetes pods and compose containers included).
///
/// Contracts on the events' senders: RuntimeChanged.error is shown after
/// "not ready: " while the resource is pending or ok, and as said with any
/// other status (so phrase it as what happened: "exited (exit 1)").
/// Pure: no I/O, no clock. Not thread-safe; one owner (the console).
class status_tracker {
public:
  /// Takes one applied event; returns the statuses it changed, config lines
  /// first, then resources in config order.
  std::vector<status_line> on_event(const msg::Event& e);

  /// Takes the scheduler's latest decision (it replaces the last one);
  /// returns the statuses it changed, in config order.
  std::vector<status_line> on_decision(const msg::Decision& d);

  /// The resources of the config loaded last, in config order.
  std::vector<std::string> resources() const;

private:
  std::vector<status_line> config_lines(const msg::Event& e);
  std::vector<status_line> removed_lines(const msg::ConfigLoaded& c);
  std::vector<status_line> changed_lines();
  status_line current(std::size_t i) const;

  engine_state state_;
  std::unordered_map<std::string, msg::Hold> holds_;
  std::unordered_map<std::string, int> exit_codes_; ///< of the last build
  std::unordered_map<std::string, std::string> shown_;
  std::string config_shown_; ///< the config lines printed last
  bool config_loaded_ = false;
};

/// What a hold says: "waiting on db", "waiting for a build slot". Empty for
/// HOLD_NONE.
std::string hold_status(const msg::Hold& h);

} // namespace actordev
