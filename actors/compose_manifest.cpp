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

constexpr auto status_timeout = std::chrono::seconds{10};

using status_atom = caf::atom_constant<caf::atom("status")>;

std::string folder_of(const std::string& file) {
  return std::filesystem::path{file}.parent_path().string();
}

} // namespace

compose_manifest::compose_manifest(caf::actor_config& cfg, compose_options opts)
    : cli_manifest(cfg, opts)
    , status_interval_(opts.status_interval) {
  if (opts_.spec->resource.compose)
    command_dir_ = folder_of(opts_.spec->resource.compose->file);
}

caf::behavior compose_manifest::make_behavior() {
  return plumbing().or_else(
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
        if (!spec)
          return;
        opts_.spec = std::move(spec);
        if (opts_.spec->resource.compose) // the compose file may have moved
          command_dir_ = folder_of(opts_.spec->resource.compose->file);
      },
      [this](live_update_atom, const live_update_job_ptr& job)
          -> caf::result<live_updated_atom, std::int32_t, std::int32_t,
                         std::string> {
        std::string why;
        if (stopping_)
          why = "actordev is stopping";
        else if (building_ || job_ || !idle())
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
        stop_command();
        auto answer = make_response_promise();
        stopped_.add(answer);
        maybe_stopped();
        return answer;
      });
}

// --- full build ---------------------------------------------------------

void compose_manifest::end_build(const std::string& error, int exit_code) {
  finish_build(error, exit_code, msg::TARGET_COMPOSE, msg::RESULT_COMPOSE);
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
                      return end_build(
                          "docker compose up failed (" + error + ")", -1);
                    deployed_ = true;
                    end_build("", 0);
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
  after_fs(
      [file, text] {
        std::error_code ec;
        std::filesystem::create_directories(
            std::filesystem::path{file}.parent_path(), ec);
        std::ofstream out{file, std::ios::trunc};
        out << text;
        out.close();
        return out ? std::string{}
                   : "cannot write the compose override '" + file + "'";
      },
      [this, up](const std::string& error) {
        if (!error.empty()) {
          building_ = false;
          return end_build(error, -1);
        }
        up();
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
  delayed_send(this, status_interval_, status_atom::value);
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

void compose_manifest::maybe_stopped() {
  if (!stopping_ || !idle() || status_id_ != 0 || !stopped_.pending())
    return;
  if (deployed_ && !service_stopped_) {
    // Last: stop the service itself, as `up` stops the processes it ran.
    service_stopped_ = true;
    after_command(
        compose({"stop", opts_.spec->resource.compose->service}),
        [](const std::string&) {}, {}, true);
    return;
  }
  stopped_.deliver();
  quit();
}

} // namespace actordev
