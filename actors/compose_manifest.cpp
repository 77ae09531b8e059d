#include "actors/compose_manifest.hpp"

#include "actors/command_job.hpp"
#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "adapters/process.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/command.hpp"
#include "runtime/docker/docker_commands.hpp"
#include "runtime/docker/docker_json.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <utility>

namespace actordev {

namespace {

constexpr auto builder_answer = std::chrono::seconds{10};
constexpr auto status_timeout = std::chrono::seconds{10};

using status_atom = caf::atom_constant<caf::atom("status")>;

std::string folder_of(const std::string& file) {
  return std::filesystem::path{file}.parent_path().string();
}

} // namespace

compose_manifest::compose_manifest(caf::actor_config& cfg, compose_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior compose_manifest::make_behavior() {
  return {
      [this](const msg::BuildGrant&) { on_grant(); },
      [this](const msg::LogLine& line) { send(opts_.log, line); },
      [this](const msg::ProcessExited& e) {
        if (e.run_id() != command_id_)
          return;
        command_id_ = 0;
        command_runner_ = nullptr;
        auto then = std::move(command_then_);
        command_then_ = nullptr;
        if (then)
          then(failed(e)   ? describe(e)
               : stopping_ ? std::string{"actordev is stopping"}
                           : std::string{});
        maybe_stopped();
      },
      [this](fs_done_atom, std::uint64_t id, const std::string& error) {
        if (id != fs_id_)
          return;
        fs_id_ = 0;
        auto then = std::move(fs_then_);
        fs_then_ = nullptr;
        if (then)
          then(stopping_ && error.empty() ? "actordev is stopping" : error);
        maybe_stopped();
      },
      [this](status_atom) { poll_status(); },
      [this](command_done_atom, std::uint64_t id, int exit_code,
             const std::string& out, const std::string& err,
             const std::string& error) {
        if (id != status_id_)
          return;
        status_id_ = 0;
        if (!stopping_)
          on_status(exit_code, out, err, error);
        maybe_stopped();
      },
      [this](update_atom, container_ptr spec) {
        if (spec)
          opts_.spec = std::move(spec);
      },
      [this](live_update_atom, const live_update_job_ptr& job)
          -> caf::result<live_updated_atom, std::int32_t, std::int32_t,
                         std::string> {
        std::string why;
        if (stopping_)
          why = "actordev is stopping";
        else if (building_ || job_ || command_id_ != 0)
          why = "the service is busy with a build or another update";
        else if (running_id().empty())
          why = "the service has no running container";
        if (!why.empty() || !job)
          return {live_updated_atom::value, 0, 0, why};
        job_done_ = make_response_promise();
        on_live_update(job);
        return job_done_;
      },
      [this](container_state_atom) {
        auto phase = !running_id().empty() ? container_phase::running
                     : containers_.empty() ? container_phase::pending
                                           : container_phase::stopped;
        return caf::make_message(container_state_atom::value, building_,
                                 static_cast<int>(phase));
      },
      [this](stop_atom) -> caf::result<stopped_atom> {
        stopping_ = true;
        if (command_runner_)
          send(command_runner_, stop_atom::value);
        stopped_ = make_response_promise();
        maybe_stopped();
        return stopped_;
      },
  };
}

// --- full build ---------------------------------------------------------

void compose_manifest::on_grant() {
  if (stopping_)
    return finish_build("actordev is stopping", -1);
  if (job_) { // a live update is under way: build once it is done
    grant_waiting_ = true;
    return;
  }
  if (building_ || command_id_ != 0)
    return finish_build("a build or live update of this service is under way",
                        -1);
  building_ = true;
  building_spec_ = opts_.spec;
  refs_.clear();
  build_image(0);
}

void compose_manifest::build_image(std::size_t k) {
  const auto& spec = *building_spec_;
  if (k == spec.images.size())
    return deploy();
  const auto& img = spec.images[k].config;
  auto ref = fmt::format("{}:actordev-{}", img.name, ++next_id_);
  auto fail = [this, name = img.name](const std::string& error) {
    building_ = false;
    finish_build("image " + name + ": " + error, -1);
  };
  note(fmt::format("building image {}", img.name));
  if (img.kind != config::build_kind::custom) {
    after_command(docker::build_command(img, ref),
                  [this, k, ref, fail](const std::string& error) {
                    if (!error.empty())
                      return fail("docker build failed (" + error + ")");
                    refs_.push_back(ref);
                    build_image(k + 1);
                  });
    return;
  }
  // In the environment, not as a prefix of the line: `$EXPECTED_REF` in
  // the command's own words, or after a `&&`, must see it.
  after_command(
      config::shell_line(img.custom.cmd),
      [this, k, ref, fail,
       ref_file = img.custom.outputs_image_ref_to](const std::string& error) {
        if (!error.empty())
          return fail("the custom build failed (" + error + ")");
        if (ref_file.empty()) {
          refs_.push_back(ref);
          return build_image(k + 1);
        }
        auto built = std::make_shared<std::string>();
        fs_id_ = ++next_id_;
        fs_then_ = [this, k, built, fail](const std::string& e) {
          if (!e.empty())
            return fail(e);
          refs_.push_back(*built);
          build_image(k + 1);
        };
        spawn_fs_job(this, caf::actor_cast<caf::actor>(this), fs_id_,
                     [ref_file, built] {
                       std::ifstream in{ref_file};
                       if (in)
                         std::getline(in, *built);
                       while (!built->empty() &&
                              (built->back() == '\r' || built->back() == ' '))
                         built->pop_back();
                       if (built->empty())
                         return "the custom build wrote no image ref to '" +
                                ref_file + "' (outputs_image_ref_to)";
                       return std::string{};
                     });
      },
      {{"EXPECTED_REF", ref}});
}

std::string
compose_manifest::compose(const std::vector<std::string>& args) const {
  const auto& c = *opts_.spec->resource.compose;
  auto override_file = deployed_ref_.empty()
                           ? std::string{}
                           : opts_.spec->state_dir + "/compose/" +
                                 opts_.spec->resource.name + ".yaml";
  return docker::compose_command(c.file, override_file, args);
}

void compose_manifest::deploy() {
  const auto& c = *building_spec_->resource.compose;
  deployed_ref_ = refs_.empty() ? std::string{} : refs_.back();
  auto up = [this, service = c.service] {
    after_command(compose({"up", "-d", "--no-deps", "--no-build", service}),
                  [this](const std::string& error) {
                    building_ = false;
                    if (!error.empty())
                      return finish_build(
                          "docker compose up failed (" + error + ")", -1);
                    deployed_ = true;
                    finish_build("", 0);
                    // The service's container may be a new one: live
                    // updates wait for the next answer of ps.
                    containers_.clear();
                    last_status_.clear();
                    poll_status();
                  });
  };
  if (deployed_ref_.empty())
    return up();
  auto file =
      opts_.spec->state_dir + "/compose/" + opts_.spec->resource.name + ".yaml";
  auto text = docker::image_override(c.service, deployed_ref_);
  fs_id_ = ++next_id_;
  fs_then_ = [this, up](const std::string& error) {
    if (!error.empty()) {
      building_ = false;
      return finish_build(error, -1);
    }
    up();
  };
  spawn_fs_job(this, caf::actor_cast<caf::actor>(this), fs_id_, [file, text] {
    std::error_code ec;
    std::filesystem::create_directories(
        std::filesystem::path{file}.parent_path(), ec);
    std::ofstream out{file, std::ios::trunc};
    out << text;
    out.close();
    return out ? std::string{}
               : "cannot write the compose override '" + file + "'";
  });
}

// --- status --------------------------------------------------------------

void compose_manifest::poll_status() {
  if (stopping_ || status_id_ != 0 || !deployed_)
    return;
  const auto& c = *opts_.spec->resource.compose;
  adapters::process_spec p;
  p.command = compose({"ps", "--all", "--format", "json", c.service});
  p.dir = folder_of(c.file);
  status_id_ = ++next_id_;
  spawn_command_job(this, caf::actor_cast<caf::actor>(this), status_id_,
                    std::move(p), status_timeout);
}

void compose_manifest::on_status(int exit_code, const std::string& out,
                                 const std::string& err,
                                 const std::string& error) {
  delayed_send(this, opts_.status_interval, status_atom::value);
  const auto& service = opts_.spec->resource.compose->service;
  msg::Event e;
  auto* rt = e.mutable_runtime_changed();
  rt->set_manifest(opts_.spec->resource.name);
  if (!error.empty() || exit_code != 0) {
    auto why = error.empty() ? docker::first_line(err) : error;
    rt->set_error("docker compose ps failed: " + why);
  } else {
    auto ps = docker::read_compose_ps(out, service);
    if (!ps.error.empty())
      rt->set_error(ps.error);
    containers_ = ps.containers;
    for (auto& c : ps.containers) {
      if (opts_.spec->has_image())
        c.set_image(opts_.spec->image().config.name);
      *rt->add_containers() = std::move(c);
    }
  }
  auto text = rt->SerializeAsString();
  if (text == last_status_)
    return;
  last_status_ = std::move(text);
  send(opts_.scheduler, std::move(e));
}

std::string compose_manifest::running_id() const {
  for (const auto& c : containers_)
    if (c.state() == msg::CONTAINER_RUNNING)
      return c.id();
  return {};
}

// --- live update ------------------------------------------------------------

void compose_manifest::on_live_update(const live_update_job_ptr& job) {
  job_ = job;
  files_ = 0;
  steps_ = 0;
  auto sync = docker::sync_command(running_id(), job->copies, job->deletions);
  if (sync.empty())
    return run_steps(0);
  after_command(sync, [this](const std::string& error) {
    if (!error.empty())
      return end_live_update("syncing into the container failed (" + error +
                             ")");
    files_ = static_cast<int>(job_->copies.size() + job_->deletions.size());
    run_steps(0);
  });
}

void compose_manifest::run_steps(std::size_t k) {
  const auto id = running_id();
  if (k == job_->runs.size()) {
    if (!job_->restart)
      return end_live_update("");
    after_command("docker restart " + config::shell_quote(id),
                  [this](const std::string& error) {
                    end_live_update(error.empty() ? error
                                                  : "docker restart failed (" +
                                                        error + ")");
                  });
    return;
  }
  const auto cmd = job_->runs[k];
  after_command(
      docker::exec_command(id, cmd), [this, k, cmd](const std::string& error) {
        if (!error.empty())
          return end_live_update(
              fmt::format("run step {} ({}) failed: {}", k + 1, cmd, error));
        ++steps_;
        run_steps(k + 1);
      });
}

void compose_manifest::end_live_update(const std::string& error) {
  job_ = nullptr;
  if (job_done_.pending())
    job_done_.deliver(live_updated_atom::value, std::int32_t{files_},
                      std::int32_t{steps_}, error);
  poll_status();
  if (std::exchange(grant_waiting_, false))
    on_grant();
}

// --- plumbing ------------------------------------------------------------

void compose_manifest::after_command(
    const std::string& command, step then,
    const std::vector<std::pair<std::string, std::string>>& extra_env) {
  const auto& spec = *opts_.spec;
  command_id_ = ++next_id_;
  command_then_ = std::move(then);
  auto env = spec.resource.env;
  env.insert(env.end(), extra_env.begin(), extra_env.end());
  auto id = command_id_;
  request(opts_.builder, builder_answer,
          run_request(spec.resource.name, command,
                      spec.resource.compose
                          ? folder_of(spec.resource.compose->file)
                          : spec.work_dir,
                      env, opts_.grace, id))
      .then(
          [this, id](caf::actor runner) {
            if (id != command_id_) { // already ended or superseded
              send(runner, stop_atom::value);
              return;
            }
            command_runner_ = runner;
            if (stopping_ && id != final_stop_id_)
              send(runner, stop_atom::value);
          },
          [this, id](caf::error& err) {
            send(this, not_started(opts_.spec->resource.name, id,
                                   system().render(err)));
          });
}

void compose_manifest::finish_build(const std::string& error, int exit_code) {
  send(opts_.scheduler,
       image_build_finished(building_spec_ ? *building_spec_ : *opts_.spec,
                            refs_, error, exit_code, msg::TARGET_COMPOSE,
                            msg::RESULT_COMPOSE));
}

void compose_manifest::note(const std::string& text) {
  send(opts_.log, system_line(opts_.spec->resource.name, text));
}

void compose_manifest::maybe_stopped() {
  if (!stopping_ || command_id_ != 0 || fs_id_ != 0 || status_id_ != 0 ||
      !stopped_.pending())
    return;
  if (deployed_ && !service_stopped_) {
    // Last: stop the service itself, as `up` stops the processes it ran.
    service_stopped_ = true;
    after_command(compose({"stop", opts_.spec->resource.compose->service}),
                  [](const std::string&) {});
    final_stop_id_ = command_id_;
    return;
  }
  stopped_.deliver(stopped_atom::value);
  quit();
}

void compose_manifest::on_exit() {
  opts_.scheduler = nullptr;
  opts_.builder = nullptr;
  opts_.log = nullptr;
  command_runner_ = nullptr;
  command_then_ = nullptr;
  fs_then_ = nullptr;
}

} // namespace actordev
