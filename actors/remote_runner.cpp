#include "actors/remote_runner.hpp"

#include "actors/build_pool.hpp"
#include "messages/caf_types.hpp"
#include "runtime/remote/builder_choice.hpp"
#include "runtime/remote/tree_manifest.hpp"

#include <signal.h>

#include <memory>

namespace actordev {

namespace {

/// The job for the pool: the deps as the tree's files, by their place in
/// the project's folder; "" in `why` or what keeps it from a builder.
remote_job job_for(const runner_spec& local, const msg::RemoteRun& run,
                   std::string& why) {
  remote_job job;
  job.id = local.run_id;
  job.resource = local.resource;
  job.command = local.process.command;
  job.grace = local.grace;
  for (const auto& [name, value] : local.process.env)
    job.env.emplace_back(name, value);
  for (const auto& dep : run.deps()) {
    auto rel = dep == run.root() ? std::string{}
                                 : remote::path_inside(dep, run.root());
    if (dep != run.root() && rel.empty()) {
      why = "its deps entry " + dep + " lies outside " + run.root();
      return job;
    }
    job.work.push_back({dep, rel.empty() ? "" : rel + "/", {}});
  }
  const auto& dir = local.process.dir;
  if (!dir.empty() && dir != run.root()) {
    job.work_subdir = remote::path_inside(dir, run.root());
    if (job.work_subdir.empty())
      why = "its dir " + dir + " lies outside " + run.root();
  }
  return job;
}

} // namespace

remote_runner::remote_runner(caf::actor_config& cfg, remote_runner_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior remote_runner::make_behavior() {
  // The sink gone, nobody waits for the command: stop it.
  monitor(opts_.local.sink);
  set_down_handler([this](caf::down_msg& dm) {
    if (here_ && dm.source == here_.address())
      return quit(); // it told the sink itself
    if (dm.source == opts_.local.sink.address()) {
      if (here_)
        send(here_, stop_atom::value);
      else
        send(opts_.pool, remote_cancel_atom::value, opts_.local.run_id);
      quit();
    }
  });
  std::string why;
  auto job = job_for(opts_.local, opts_.remote, why);
  auto place = opts_.remote.place() == msg::BUILD_ON_REMOTE
                   ? remote::place::remote
                   : remote::place::any;
  if (!why.empty()) {
    if (place == remote::place::any)
      run_here();
    else
      exit_with(-1, 0, "it cannot run on a builder: " + why);
  } else {
    send(opts_.pool, pool_build_atom::value,
         std::make_shared<const remote_job>(std::move(job)),
         static_cast<std::int32_t>(place), opts_.remote.builder());
  }
  return {
      [this](msg::LogLine& line) { send(opts_.local.sink, std::move(line)); },
      [this](remote_built_atom, std::uint64_t, const std::string& error,
             const std::string&, bool) {
        // "exit 3" is the command's own exit; anything else, the builder's.
        if (error.empty())
          return exit_with(0, 0, "");
        if (error.rfind("exit ", 0) == 0)
          try {
            return exit_with(std::stoi(error.substr(5)), 0, "");
          } catch (const std::exception&) {
          }
        exit_with(-1, 0, error);
      },
      [this](build_here_atom, std::uint64_t) { run_here(); },
      [this](stop_atom) {
        if (here_)
          return send(here_, stop_atom::value);
        send(opts_.pool, remote_cancel_atom::value, opts_.local.run_id);
        exit_with(-1, SIGTERM, "");
      },
  };
}

void remote_runner::run_here() {
  here_ = spawn<process_runner, caf::detached>(opts_.local);
  monitor(here_);
}

void remote_runner::exit_with(int code, int signal, const std::string& error) {
  if (!sent_) {
    sent_ = true;
    msg::ProcessExited e;
    e.set_resource(opts_.local.resource);
    e.set_code(code);
    e.set_signal(signal);
    e.set_error(error);
    e.set_run_id(opts_.local.run_id);
    send(opts_.local.sink, std::move(e));
  }
  quit();
}

void remote_runner::on_exit() {
  opts_.local.sink = nullptr;
  opts_.local.recorder = nullptr;
  opts_.pool = nullptr;
  here_ = nullptr;
}

} // namespace actordev
