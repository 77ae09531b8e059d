#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/manifest.pb.h"
#include "actors/container_manifest.hpp"
#include "runtime/live_update_plan.hpp"

#include <caf/actor.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace actordev {

/// What a live updater needs.
struct live_updater_options {
  msg::ImageSpec image;             ///< the image, with its live_update
  std::vector<std::string> sources; ///< it and its bases: whose changes count
  std::vector<std::string> watched; ///< the roots its build watches
  caf::actor scheduler;             ///< applies events; sends them back
  caf::actor log;                   ///< receives msg::LogLine
  /// The container manifests that run the image, by resource name.
  std::map<std::string, caf::actor> containers;
  /// How long one container may take over a live update.
  std::chrono::milliseconds timeout{std::chrono::minutes{10}};
};

/// The live updater of one image (DESIGN.md §3, the live-update
/// reference's rules). It watches the scheduler's applied events. Changed
/// files of its sources wait until every container running the image is
/// running (not while a build deploys it, nor before it first started),
/// then are planned with `plan_live_update`:
/// - nothing, for files outside what the build watches;
/// - a full rebuild (a fall_back_on match, a file no sync covers): it
///   reports itself failed, which lifts the scheduler's `reconciling`
///   hold so the pending changes rebuild the image;
/// - otherwise each container gets the copies, deletions, run steps and
///   restart (`live_update_atom`), one update at a time; a failure marks
///   it failed as above.
/// It reports msg::LiveUpdateStatus to the scheduler (healthy at start and
/// after each successful build; files synced, steps run and time taken
/// after each update) and one line per update to the log, under each
/// resource's name. A container that stopped running fails the next
/// update, so the scheduler rebuilds it.
class live_updater : public caf::event_based_actor {
public:
  live_updater(caf::actor_config& cfg, live_updater_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.live_updater"; }

private:
  void on_event(const msg::Event& e);
  /// Asks the containers what they are doing (at start, and while changes
  /// wait on a container no event said is running).
  void ask_states();
  void try_update();
  void fail(const std::string& why);
  void report(int files, int steps, std::chrono::microseconds took);
  void say(const std::string& text);

  live_updater_options opts_;
  std::set<std::string> pending_; ///< changed paths not yet handled
  std::map<std::string, container_phase> phases_;
  std::set<std::string> deploying_; ///< resources whose build is under way
  std::string failed_;              ///< why; empty: healthy
  std::size_t in_flight_ = 0;       ///< containers still updating
  std::size_t asking_ = 0;          ///< state questions not yet answered
  bool new_event_ = false;          ///< an event came since the last question
  bool said_waiting_ = false;       ///< "waiting for ... to start" was said
  // The update under way.
  int files_ = 0;
  int steps_ = 0;
  std::string error_;
  std::chrono::steady_clock::time_point started_;
};

} // namespace actordev
