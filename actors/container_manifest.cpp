#include "actors/container_manifest.hpp"

#include "actors/fs_job.hpp"
#include "actors/image_builder.hpp"
#include "actors/manifest_messages.hpp"
#include "actors/probe_runner.hpp"
#include "adapters/container_fs.hpp"
#include "adapters/process.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/command.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <utility>

namespace actordev {

namespace {

constexpr auto builder_answer = std::chrono::seconds{10};

} // namespace

container_manifest::container_manifest(caf::actor_config& cfg,
                                       container_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , backoff_(opts_.backoff, opts_.backoff_cap) {}

caf::behavior container_manifest::make_behavior() {
  image_builder_options ib;
  ib.builder = opts_.builder;
  ib.pool = opts_.pool;
  ib.log = opts_.log;
  ib.grace = opts_.grace;
  image_builder_ = spawn<image_builder, caf::linked>(std::move(ib));
  return {
      [this](image_built_atom, bool reused, const std::string& ref,
             const std::string& error) {
        on_image_built(reused, ref, error);
        maybe_stopped();
      },
      [this](const msg::BuildGrant& g) {
        grant_builder_ = g.builder();
        on_grant();
      },
      [this](const msg::LogLine& line) { send(opts_.log, line); },
      [this](const msg::ProcessExited& e) {
        if (command_ && command_->id == e.run_id()) {
          command_.reset();
          auto then = std::move(command_then_);
          command_then_ = nullptr;
          if (then)
            then(failed(e)   ? describe(e)
                 : stopping_ ? std::string{"actordev is stopping"}
                             : std::string{});
        } else if (process_ && process_->id == e.run_id()) {
          on_process_exit(e);
        }
        maybe_stopped();
      },
      [this](fs_done_atom, std::uint64_t id, const std::string& error) {
        if (fs_.finish(id, error, stopping_))
          maybe_stopped();
      },
      [this](probe_result_atom, bool ready, const std::string& detail) {
        if (probe_ && process_ &&
            current_sender() == caf::actor_cast<caf::strong_actor_ptr>(probe_))
          on_probe(ready, detail);
      },
      [this](update_atom, container_ptr spec) {
        if (spec)
          opts_.spec = std::move(spec);
      },
      [this](restart_atom, std::uint64_t gen) {
        // During a build too: the old container keeps running until the
        // build deploys (and if the build fails, it still runs).
        if (gen == restart_gen_ && !process_ && !stopping_ && deployed_ &&
            !process_stopped_)
          start_process();
      },
      [this](live_update_atom, const live_update_job_ptr& job)
          -> caf::result<live_updated_atom, std::int32_t, std::int32_t,
                         std::string> {
        if (stopping_ || busy() || !deployed_ || !job)
          return {live_updated_atom::value, 0, 0,
                  stopping_    ? std::string{"actordev is stopping"}
                  : !deployed_ ? std::string{"the container is not deployed"}
                               : std::string{"the container is busy with a "
                                             "build or another update"}};
        job_done_ = make_response_promise();
        on_live_update(job);
        return job_done_;
      },
      [this](container_state_atom) {
        // Never deployed because the last build failed: nothing will
        // start by itself, so it counts as stopped (a change rebuilds).
        bool stopped =
            (deployed_ && !process_stopped_) || (!deployed_ && build_failed_);
        auto phase = building_  ? container_phase::pending
                     : process_ ? container_phase::running
                     : stopped  ? container_phase::stopped
                                : container_phase::pending;
        return caf::make_message(container_state_atom::value, building_,
                                 static_cast<int>(phase));
      },
      [this](stop_atom) -> caf::result<stopped_atom> {
        stopping_ = true;
        ++restart_gen_;
        stop_probe();
        for (auto* slot : {&command_, &process_})
          if (*slot && (*slot)->runner)
            send((*slot)->runner, stop_atom::value);
        if (image_pending_)
          send(image_builder_, stop_atom::value);
        auto answer = make_response_promise();
        stopped_.add(answer);
        maybe_stopped();
        return answer;
      },
  };
}

bool container_manifest::busy() const {
  return building_ || job_ != nullptr || fs_.busy() || command_.has_value() ||
         static_cast<bool>(process_stopped_);
}

// --- full build -------------------------------------------------------

void container_manifest::on_grant() {
  if (stopping_) {
    finish_build("actordev is stopping", -1);
    return;
  }
  if (job_) { // a live update is under way: build once it is done
    grant_waiting_ = true;
    return;
  }
  if (busy()) {
    finish_build("a build or live update of this resource is under way", -1);
    return;
  }
  building_ = true;
  building_spec_ = opts_.spec;
  refs_.clear();
  rebuilt_earlier_ = false;
  backoff_.reset();
  build_image(0);
}

void container_manifest::build_image(std::size_t k) {
  const auto& spec = *building_spec_;
  if (k == spec.images.size()) {
    deploy();
    return;
  }
  auto req = std::make_shared<image_build_request>();
  req->resource = spec.resource.name;
  req->image = spec.images[k];
  req->ref = fmt::format("{}:actordev-{}", req->image.config.name, ++next_id_);
  // A base may be reused when nothing it is built FROM was rebuilt now.
  req->may_reuse = k + 1 < spec.images.size() && !rebuilt_earlier_;
  req->work_dir = spec.work_dir;
  req->state_dir = spec.state_dir;
  req->builder = grant_builder_;
  image_k_ = k;
  image_pending_ = true;
  send(image_builder_, image_build_atom::value, image_build_ptr{std::move(req)});
}

void container_manifest::on_image_built(bool reused, const std::string& ref,
                                        const std::string& error) {
  image_pending_ = false;
  if (!error.empty()) {
    building_ = false;
    finish_build(error, -1);
    return;
  }
  rebuilt_earlier_ = rebuilt_earlier_ || !reused;
  refs_.push_back(ref);
  build_image(image_k_ + 1);
}

void container_manifest::deploy() {
  stop_process([this](const std::string&) {
    stop_probe();
    if (stopping_) {
      building_ = false;
      finish_build("actordev is stopping", -1);
      return;
    }
    after_fs(
        [from = building_spec_->image().dir, to = building_spec_->root] {
          return adapters::replace_tree(from, to);
        },
        [this](const std::string& error) {
          building_ = false;
          if (!error.empty()) {
            deployed_ = false;
            finish_build("cannot create the container: " + error, -1);
            report_container(msg::CONTAINER_WAITING, 0, "StartError");
            return;
          }
          deployed_ = true;
          restarts_ = 0;
          // The new container first, so nothing reads the old one as the
          // build's result.
          if (!stopping_)
            start_process();
          finish_build("", 0);
        });
  });
}

// --- the container's process ---------------------------------------------

void container_manifest::start_process() {
  const auto& r = opts_.spec->resource;
  ++container_seq_;
  healthy_ = false;
  process_ =
      start(config::shell_line(r.container->cmd), opts_.spec->root, r.env);
  report_container(msg::CONTAINER_RUNNING, 0, "");
  if (r.readiness_probe) {
    probe_runner_spec spec;
    spec.probe = *r.readiness_probe;
    spec.dir = opts_.spec->root;
    for (const auto& [name, value] : r.env)
      spec.env[name] = value;
    spec.owner = caf::actor_cast<caf::actor>(this);
    spec.resource = r.name;
    probe_ = spawn<probe_runner, caf::detached>(std::move(spec));
  }
}

void container_manifest::stop_process(step then) {
  ++restart_gen_; // a pending restart is superseded
  if (!process_) {
    then("");
    return;
  }
  process_stopped_ = std::move(then);
  stop_probe();
  if (process_->runner)
    send(process_->runner, stop_atom::value);
}

void container_manifest::on_process_exit(const msg::ProcessExited& e) {
  auto ran = std::chrono::steady_clock::now() - process_->started;
  process_.reset();
  stop_probe();
  if (process_stopped_) {
    auto then = std::move(process_stopped_);
    process_stopped_ = nullptr;
    then("");
    return;
  }
  if (stopping_)
    return;
  bool bad = failed(e);
  report_container(msg::CONTAINER_TERMINATED,
                   bad ? (e.code() ? e.code() : 1) : 0,
                   bad ? "Error" : "Completed");
  auto policy = opts_.spec->resource.restart;
  auto delay = backoff_.on_exit(
      policy, bad, std::chrono::duration_cast<std::chrono::milliseconds>(ran));
  if (!delay)
    return;
  ++restarts_;
  note(fmt::format("the container's cmd {}; restarting in {} (restart: {})",
                   describe(e), *delay, config::to_string(policy)));
  delayed_send(this, *delay, restart_atom::value, restart_gen_);
}

void container_manifest::on_probe(bool ready, const std::string& detail) {
  healthy_ = ready;
  report_container(msg::CONTAINER_RUNNING, 0, ready ? "" : detail);
}

void container_manifest::stop_probe() {
  if (!probe_)
    return;
  send_exit(probe_, caf::exit_reason::user_shutdown);
  probe_ = nullptr;
}

// --- live update --------------------------------------------------------

void container_manifest::on_live_update(const live_update_job_ptr& job) {
  job_ = job;
  files_ = 0;
  steps_ = 0;
  after_fs(
      [job, root = opts_.spec->root] {
        for (const auto& c : job->copies)
          if (auto err = adapters::sync_file(c.local, root, c.remote);
              !err.empty())
            return err;
        for (const auto& d : job->deletions)
          if (auto err = adapters::delete_path(root, d); !err.empty())
            return err;
        return std::string{};
      },
      [this](const std::string& error) {
        if (!error.empty())
          return end_live_update(error);
        files_ = static_cast<int>(job_->copies.size() + job_->deletions.size());
        run_steps(0);
      });
}

void container_manifest::run_steps(std::size_t k) {
  if (k == job_->runs.size()) {
    if (!job_->restart)
      return end_live_update("");
    stop_process([this](const std::string&) {
      if (!stopping_)
        start_process();
      end_live_update("");
    });
    return;
  }
  const auto& cmd = job_->runs[k];
  after_command(cmd, opts_.spec->root, opts_.spec->resource.env,
                [this, k, cmd](const std::string& error) {
                  if (!error.empty())
                    return end_live_update(fmt::format(
                        "run step {} ({}) failed: {}", k + 1, cmd, error));
                  ++steps_;
                  run_steps(k + 1);
                });
}

void container_manifest::end_live_update(const std::string& error) {
  job_ = nullptr;
  if (job_done_.pending())
    job_done_.deliver(live_updated_atom::value, std::int32_t{files_},
                      std::int32_t{steps_}, error);
  if (std::exchange(grant_waiting_, false))
    on_grant();
}

// --- plumbing -------------------------------------------------------------

void container_manifest::after_fs(std::function<std::string()> job, step then) {
  fs_.start(this, ++next_id_, std::move(job), std::move(then));
}

void container_manifest::after_command(
    const std::string& command, const std::string& dir,
    std::vector<std::pair<std::string, std::string>> env, step then) {
  command_then_ = std::move(then);
  command_ = start(command, dir, env);
}

container_manifest::run container_manifest::start(
    const std::string& command, const std::string& dir,
    const std::vector<std::pair<std::string, std::string>>& env) {
  run out;
  out.id = ++next_id_;
  out.started = std::chrono::steady_clock::now();
  auto id = out.id;
  request(opts_.builder, builder_answer,
          run_request(opts_.spec->resource.name, command, dir, env, opts_.grace,
                      id))
      .then(
          [this, id](caf::actor runner) {
            for (auto* slot : {&command_, &process_})
              if (*slot && (*slot)->id == id) {
                (*slot)->runner = runner;
                if (stopping_ || (slot == &process_ && process_stopped_))
                  send(runner, stop_atom::value);
                return;
              }
            send(runner, stop_atom::value);
          },
          [this, id](caf::error& err) {
            send(this, not_started(opts_.spec->resource.name, id,
                                   system().render(err)));
          });
  return out;
}

void container_manifest::finish_build(const std::string& error, int exit_code) {
  build_failed_ = !error.empty();
  send(opts_.scheduler,
       image_build_finished(building_spec_ ? *building_spec_ : *opts_.spec,
                            refs_, error, exit_code, msg::TARGET_LOCAL,
                            msg::RESULT_LOCAL));
}

void container_manifest::report_container(msg::ContainerState state,
                                          int exit_code,
                                          const std::string& reason) {
  const auto& spec = *opts_.spec;
  const bool probed = spec.resource.readiness_probe.has_value();
  msg::Event e;
  auto* rt = e.mutable_runtime_changed();
  rt->set_manifest(spec.resource.name);
  auto* c = rt->add_containers();
  c->set_name(spec.resource.name);
  c->set_id(fmt::format("{}-{}", spec.resource.name, container_seq_));
  c->set_image(spec.images.empty() ? std::string{} : spec.image().config.name);
  c->set_state(state);
  c->set_ready(state == msg::CONTAINER_RUNNING && (!probed || healthy_));
  c->set_restarts(restarts_);
  c->set_exit_code(exit_code);
  c->set_reason(reason);
  c->set_has_healthcheck(probed);
  c->set_healthy(healthy_);
  send(opts_.scheduler, std::move(e));
}

void container_manifest::note(const std::string& text) {
  send(opts_.log, system_line(opts_.spec->resource.name, text));
}

void container_manifest::maybe_stopped() {
  if (stopping_ && !command_ && !process_ && !fs_.busy() && !image_pending_ &&
      stopped_.pending()) {
    stopped_.deliver();
    quit();
  }
}

void container_manifest::on_exit() {
  opts_.scheduler = nullptr;
  opts_.builder = nullptr;
  opts_.pool = nullptr;
  image_builder_ = nullptr;
  opts_.log = nullptr;
  command_.reset();
  process_.reset();
  probe_ = nullptr;
  fs_.reset();
  command_then_ = nullptr;
  process_stopped_ = nullptr;
}

} // namespace actordev
