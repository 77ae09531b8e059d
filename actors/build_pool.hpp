#pragma once

#include "actors/builder_link.hpp"
#include "runtime/config/project_config.hpp"
#include "runtime/remote/builder_choice.hpp"

#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace actordev {

/// (pool_build_atom, job, place, builder): build `job` on `builder`, the
/// one the engine chose (host:port), or where the pool chooses when that
/// one cannot take it now or none is named. The asker gets the build's
/// msg::LogLine and then either (remote_built_atom, id, error, ref, false),
/// or (build_here_atom, id): run it on this machine. `place` is a
/// remote::place.
using pool_build_atom = caf::atom_constant<caf::atom("pbuild")>;
using build_here_atom = caf::atom_constant<caf::atom("bhere")>;
// (remote_cancel_atom, id) from the asker: forget the job.

/// What a build pool needs.
struct build_pool_options {
  std::vector<config::builder_config> builders; ///< in config order
  std::string blob_dir; ///< where links keep fetched blobs
  caf::actor log;       ///< msg::LogLine: links' notes, waiting builds
  /// Gets a msg::Event with a BuilderStatus for each builder at start and
  /// whenever its link connects or drops: the engine's view of builders.
  caf::actor scheduler;
  /// A link gives up a request after this long (CAF 0.17 never fails a
  /// request in flight when a link drops).
  std::chrono::milliseconds answer_timeout{30000};
};

/// The builders `up` may hand builds to (DESIGN.md §6). Spawn it in an
/// actor system with use_tls. It spawns one builder_link per builder
/// (they end with it), follows each link's state, tells the scheduler,
/// chooses with remote::choose_builder, and re-runs a build lost with its
/// builder elsewhere: on another builder, or here for `any`. A `remote`
/// build with no builder free waits, and says so on the console.
class build_pool : public caf::event_based_actor {
public:
  build_pool(caf::actor_config& cfg, build_pool_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.build_pool"; }

private:
  struct job {
    remote_job_ptr spec; ///< with the pool's own id
    std::uint64_t asker_id = 0;
    caf::actor asker;
    remote::place where = remote::place::any;
    std::optional<std::size_t> chosen; ///< the member the engine chose
    std::vector<bool> tried;       ///< per member: lost on it
    std::optional<std::size_t> on; ///< the member running it
    std::string waiting;           ///< the last "waiting for" said
    std::string lost_said;         ///< the last loss said
  };

  void dispatch();
  bool place(std::uint64_t id, job& j);
  void on_built(std::uint64_t id, const std::string& error,
                const std::string& ref, bool lost);
  std::vector<remote::builder_view> views(const job& j) const;
  void tell_scheduler(std::size_t member);

  build_pool_options opts_;
  std::vector<caf::actor> links_; ///< per builder, in config order
  std::vector<remote::builder_view> members_;
  std::map<std::uint64_t, job> jobs_;       ///< by pool id, in arrival order
  std::map<std::string, std::size_t> last_; ///< image -> member
  std::uint64_t next_id_ = 0;
};

} // namespace actordev
