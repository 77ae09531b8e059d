#include "actors/manifest.hpp"

#include "actors/manifest_messages.hpp"
#include "actors/probe_runner.hpp"
#include "actors/process_runner.hpp"
#include "adapters/process.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/command.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

namespace actordev {

namespace {

/// How long the builder may take to answer a RunCommand.
constexpr auto builder_answer = std::chrono::seconds{10};

} // namespace

manifest_actor::manifest_actor(caf::actor_config& cfg, manifest_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , backoff_(opts_.backoff, opts_.backoff_cap) {}

caf::behavior manifest_actor::make_behavior() {
  return {
      [this](const msg::BuildGrant& g) {
        grant_builder_ = g.builder();
        on_grant();
      },
      [this](const msg::LogLine& line) { send(opts_.log, line); },
      [this](const msg::ProcessExited& e) { on_process_exit(e); },
      [this](probe_result_atom, bool ready, const std::string& detail) {
        if (probe_ && serve_ &&
            current_sender() == caf::actor_cast<caf::strong_actor_ptr>(probe_))
          report_runtime(ready ? msg::RUNTIME_OK : msg::RUNTIME_PENDING, ready,
                         false, ready ? "" : detail);
      },
      [this](update_atom, resource_ptr r) {
        if (r)
          opts_.resource = std::move(r);
      },
      [this](restart_atom, std::uint64_t gen) {
        if (gen == restart_gen_ && !serve_ && !stopping_)
          start_serve();
      },
      [this](stop_atom) -> caf::result<stopped_atom> {
        stopping_ = true;
        ++restart_gen_; // no restart after this
        stop_probe();
        for (auto* slot : {&build_, &serve_})
          if (*slot && (*slot)->runner)
            send((*slot)->runner, stop_atom::value);
        auto answer = make_response_promise();
        stopped_.add(answer);
        maybe_stopped();
        return answer;
      },
  };
}

void manifest_actor::on_grant() {
  if (stopping_) {
    finish_build("actordev is stopping", -1);
    return;
  }
  backoff_.reset();
  const auto& r = *opts_.resource;
  if (build_) { // the scheduler never grants a running build; be safe
    finish_build("a build of this resource is already running", -1);
    return;
  }
  if (r.cmd) {
    build_ = start(config::shell_line(*r.cmd), true);
    return;
  }
  if (r.serve_cmd) {
    replace_serve();
    return;
  }
  finish_build("", 0);
  report_runtime(msg::RUNTIME_NONE, false, true, "");
}

void manifest_actor::on_process_exit(const msg::ProcessExited& e) {
  if (build_ && build_->id == e.run_id())
    on_build_exit(e);
  else if (serve_ && serve_->id == e.run_id())
    on_serve_exit(e);
  maybe_stopped();
}

void manifest_actor::on_build_exit(const msg::ProcessExited& e) {
  build_.reset();
  if (failed(e)) {
    finish_build(describe(e), e.code());
    return;
  }
  if (stopping_) {
    finish_build("stopped", e.code());
    return;
  }
  if (opts_.resource->serve_cmd) {
    replace_serve();
    return;
  }
  if (serve_) { // serve_cmd was removed from the config
    replacing_ = false;
    send(serve_->runner, stop_atom::value);
  }
  finish_build("", 0);
  report_runtime(msg::RUNTIME_NONE, false, true, "");
}

void manifest_actor::replace_serve() {
  ++restart_gen_; // a pending restart is superseded
  if (!serve_) {
    start_serve();
    finish_build("", 0);
    return;
  }
  // Start the new server once the old one is gone (it may hold a port).
  replacing_ = true;
  stop_probe();
  if (serve_->runner)
    send(serve_->runner, stop_atom::value);
}

void manifest_actor::on_serve_exit(const msg::ProcessExited& e) {
  auto ran = std::chrono::steady_clock::now() - serve_->started;
  serve_.reset();
  stop_probe();
  if (stopping_)
    return;
  if (replacing_) {
    replacing_ = false;
    start_serve();
    finish_build("", 0);
    return;
  }
  auto why = describe(e);
  report_runtime(failed(e) ? msg::RUNTIME_ERROR : msg::RUNTIME_NONE, false,
                 false, "exited (" + why + ")");
  auto policy = opts_.resource->restart;
  auto delay = backoff_.on_exit(
      policy, failed(e),
      std::chrono::duration_cast<std::chrono::milliseconds>(ran));
  if (!delay)
    return;
  note(fmt::format("serve_cmd {}; restarting in {} (restart: {})", why, *delay,
                   config::to_string(policy)));
  delayed_send(this, *delay, restart_atom::value, restart_gen_);
}

void manifest_actor::start_serve() {
  const auto& r = *opts_.resource;
  if (!r.serve_cmd)
    return;
  serve_ = start(config::shell_line(*r.serve_cmd));
  bool probed = r.readiness_probe.has_value();
  report_runtime(probed ? msg::RUNTIME_PENDING : msg::RUNTIME_OK, !probed,
                 false, "");
  if (probed)
    start_probe();
}

manifest_actor::run manifest_actor::start(const std::string& command,
                                          bool remote) {
  const auto& r = *opts_.resource;
  run out;
  out.id = ++next_id_;
  out.started = std::chrono::steady_clock::now();
  auto id = out.id;
  auto req = run_request(r.name, command, r.dir, r.env, opts_.grace, id);
  // `any` goes where the engine chose; `remote` to a builder in any case.
  if (remote && !opts_.project_dir.empty() &&
      (r.build_on == config::build_place::remote ||
       (r.build_on == config::build_place::any && !grant_builder_.empty()))) {
    auto* on = req.mutable_remote();
    on->set_place(r.build_on == config::build_place::remote
                      ? msg::BUILD_ON_REMOTE
                      : msg::BUILD_ON_ANY);
    on->set_builder(grant_builder_);
    on->set_root(opts_.project_dir);
    for (const auto& d : r.deps)
      on->add_deps(d);
  }
  request(opts_.builder, builder_answer, std::move(req))
      .then(
          [this, id](caf::actor runner) {
            for (auto* slot : {&build_, &serve_})
              if (*slot && (*slot)->id == id) {
                (*slot)->runner = runner;
                if (stopping_ || (slot == &serve_ && replacing_))
                  send(runner, stop_atom::value);
                return;
              }
            // Already ended (or superseded): make sure it is stopped.
            send(runner, stop_atom::value);
          },
          [this, id](caf::error& err) {
            on_process_exit(
                not_started(opts_.resource->name, id, system().render(err)));
          });
  return out;
}

void manifest_actor::start_probe() {
  const auto& r = *opts_.resource;
  probe_runner_spec spec;
  spec.probe = *r.readiness_probe;
  spec.dir = r.dir;
  for (const auto& [name, value] : r.env)
    spec.env[name] = value;
  spec.owner = caf::actor_cast<caf::actor>(this);
  spec.resource = r.name;
  probe_ = spawn<probe_runner, caf::detached>(std::move(spec));
}

void manifest_actor::stop_probe() {
  if (!probe_)
    return;
  send_exit(probe_, caf::exit_reason::user_shutdown);
  probe_ = nullptr;
}

void manifest_actor::finish_build(const std::string& error, int exit_code) {
  msg::Event e;
  auto* f = e.mutable_build_finished();
  f->set_manifest(opts_.resource->name);
  f->set_error(error);
  f->set_exit_code(exit_code);
  auto* result = f->add_results();
  result->mutable_target()->set_type(msg::TARGET_LOCAL);
  result->mutable_target()->set_name(opts_.resource->name);
  result->set_kind(msg::RESULT_LOCAL);
  send(opts_.scheduler, std::move(e));
}

void manifest_actor::report_runtime(int status, bool ready, bool succeeded,
                                    const std::string& error) {
  msg::Event e;
  auto* rt = e.mutable_runtime_changed();
  rt->set_manifest(opts_.resource->name);
  rt->set_status(static_cast<msg::RuntimeStatus>(status));
  rt->set_ready(ready);
  rt->set_succeeded(succeeded);
  rt->set_error(error);
  send(opts_.scheduler, std::move(e));
}

void manifest_actor::note(const std::string& text) {
  send(opts_.log, system_line(opts_.resource->name, text));
}

void manifest_actor::maybe_stopped() {
  if (stopping_ && !build_ && !serve_ && stopped_.pending()) {
    stopped_.deliver();
    quit();
  }
}

void manifest_actor::on_exit() {
  opts_.scheduler = nullptr;
  opts_.builder = nullptr;
  opts_.log = nullptr;
  build_.reset();
  serve_.reset();
  probe_ = nullptr;
}

} // namespace actordev
