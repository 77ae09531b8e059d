#include "actors/run_recorder.hpp"

#include "actors/process_runner.hpp"
#include "messages/caf_types.hpp"

#include <fmt/core.h>

namespace actordev {

run_recorder::run_recorder(caf::actor_config& cfg, std::string project_dir,
                           caf::actor log)
    : caf::event_based_actor(cfg)
    , record_(std::move(project_dir))
    , log_(std::move(log)) {}

caf::behavior run_recorder::make_behavior() {
  return {
      [this](group_started_atom, const std::string& resource,
             std::int32_t pgid) {
        adapters::recorded_group g;
        g.resource = resource;
        g.pgid = pgid;
        g.start_ticks = adapters::process_start_ticks(pgid).value_or(0);
        report(record_.add(g));
      },
      [this](group_ended_atom, std::int32_t pgid) {
        report(record_.remove(pgid));
      },
  };
}

void run_recorder::report(const std::optional<adapters::record_error>& err) {
  if (!err || reported_ || !log_)
    return;
  reported_ = true;
  msg::LogLine line;
  line.set_resource("actordev");
  line.set_stream(msg::LOG_SYSTEM);
  line.set_text(fmt::format("cannot keep the record of running processes in "
                            "{}: {}; `actordev down` will not find them",
                            err->path, err->reason));
  send(log_, std::move(line));
}

void run_recorder::on_exit() {
  log_ = nullptr;
}

} // namespace actordev
