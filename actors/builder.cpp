#include "actors/builder.hpp"

#include "actors/process_runner.hpp"
#include "actors/remote_runner.hpp"
#include "messages/caf_types.hpp"

namespace actordev {

builder_actor::builder_actor(caf::actor_config& cfg, builder_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior builder_actor::make_behavior() {
  return {
      [this](const msg::RunCommand& r) -> caf::result<caf::actor> {
        auto sink = caf::actor_cast<caf::actor>(current_sender());
        if (!sink)
          return caf::sec::invalid_argument; // nobody to report to
        runner_spec spec;
        spec.resource = r.resource();
        spec.process.command = r.command();
        spec.process.dir = r.dir();
        for (const auto& v : r.env())
          spec.process.env[v.name()] = v.value();
        spec.sink = std::move(sink);
        spec.run_id = r.run_id();
        spec.recorder = opts_.recorder;
        spec.grace = r.grace_ms() > 0 ? std::chrono::milliseconds{r.grace_ms()}
                                      : opts_.default_grace;
        if (r.has_remote() && opts_.pool)
          return spawn<remote_runner>(
              remote_runner_options{std::move(spec), r.remote(), opts_.pool});
        return spawn<process_runner, caf::detached>(std::move(spec));
      },
  };
}

void builder_actor::on_exit() {
  opts_.recorder = nullptr;
  opts_.pool = nullptr;
}

} // namespace actordev
