#include "actors/live_updater.hpp"

#include "actors/container_manifest.hpp"
#include "actors/scheduler.hpp"
#include "messages/caf_types.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace actordev {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

std::string plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

container_phase phase_of(msg::ContainerState state) {
  switch (state) {
  case msg::CONTAINER_RUNNING:
    return container_phase::running;
  case msg::CONTAINER_TERMINATED:
    return container_phase::stopped;
  default:
    return container_phase::pending;
  }
}

// Kubernetes: the containers of the image in pods not being deleted; one
// running is enough (the others are updated as they run). A container
// that is neither running nor starting (finished, or crashed and
// restarting) cannot be updated: the change rebuilds.
container_phase pods_phase(const msg::RuntimeChanged& rt,
                           const std::string& image) {
  bool stopped = false;
  for (const auto& pod : rt.pods()) {
    if (pod.deleting())
      continue;
    for (const auto& c : pod.containers()) {
      if (c.image() != image)
        continue;
      if (c.state() == msg::CONTAINER_RUNNING)
        return container_phase::running;
      // Not starting any more: it finished, or it crashed and restarts.
      stopped =
          stopped || c.state() == msg::CONTAINER_TERMINATED || c.restarts() > 0;
    }
  }
  return stopped ? container_phase::stopped : container_phase::pending;
}

} // namespace

live_updater::live_updater(caf::actor_config& cfg, live_updater_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {
  for (const auto& [name, actor] : opts_.containers)
    phases_[name] = container_phase::pending;
}

caf::behavior live_updater::make_behavior() {
  // The session subscribed it to the scheduler's events when it spawned
  // it, before the config that starts the builds: none is missed.
  report(0, 0, {});
  // Started after a reload, it missed the events that said how its
  // containers are: ask them.
  ask_states();
  return {
      [this](const msg::Event& e) { on_event(e); },
  };
}

void live_updater::ask_states() {
  if (asking_ > 0)
    return;
  for (const auto& [name, actor] : opts_.containers) {
    ++asking_;
    request(actor, std::chrono::seconds{10}, container_state_atom::value)
        .then(
            [this, name = name](container_state_atom, bool building,
                                int phase) {
              --asking_;
              // A container being rebuilt is pending; an event may have
              // said more since the question: only a pending one is set.
              auto& known = phases_[name];
              if (building || known != container_phase::pending ||
                  phase == static_cast<int>(container_phase::pending))
                return;
              known = static_cast<container_phase>(phase);
              try_update();
            },
            [this](caf::error&) { --asking_; });
  }
}

void live_updater::on_event(const msg::Event& e) {
  new_event_ = true;
  switch (e.kind_case()) {
  case msg::Event::kFilesChanged:
    for (const auto& t : e.files_changed().changes())
      if (t.target().type() == msg::TARGET_IMAGE &&
          contains(opts_.sources, t.target().name()))
        pending_.insert(t.paths().begin(), t.paths().end());
    break;
  case msg::Event::kBuildStarted:
    if (phases_.count(e.build_started().manifest())) {
      // The build takes the files as they are now.
      deploying_.insert(e.build_started().manifest());
      pending_.clear();
    }
    break;
  case msg::Event::kBuildFinished: {
    const auto& f = e.build_finished();
    if (!deploying_.erase(f.manifest()))
      break;
    if (f.error().empty() && !failed_.empty()) {
      failed_.clear();
      report(0, 0, {});
    } else if (!f.error().empty() && failed_.empty() &&
               phases_[f.manifest()] == container_phase::pending) {
      // No container to update: waiting would hold its changes forever;
      // the next change must rebuild.
      fail("the build failed and no container runs yet");
    }
    break;
  }
  case msg::Event::kRuntimeChanged: {
    const auto& rt = e.runtime_changed();
    auto p = phases_.find(rt.manifest());
    if (p == phases_.end())
      break;
    // No container and no pod (a Kubernetes deploy whose new pods have
    // not appeared yet): pending, so changes wait for them.
    p->second = rt.containers_size() > 0 ? phase_of(rt.containers(0).state())
                                         : pods_phase(rt, opts_.image.name());
    break;
  }
  default:
    return;
  }
  try_update();
}

void live_updater::try_update() {
  if (in_flight_ > 0 || pending_.empty() || !failed_.empty() ||
      !deploying_.empty())
    return;
  bool stopped = false;
  for (const auto& [name, phase] : phases_) {
    if (phase == container_phase::pending) {
      if (std::exchange(new_event_, false))
        ask_states(); // in case no event will say it runs
      if (!std::exchange(said_waiting_, true))
        say("live update: waiting for " + name +
            "'s container to start; the changes wait for it");
      return; // waiting for deploy
    }
    stopped = stopped || phase == container_phase::stopped;
  }
  said_waiting_ = false;
  std::vector<changed_file> changes;
  for (const auto& path : pending_) {
    std::error_code ec;
    changes.push_back({path, std::filesystem::exists(
                                 std::filesystem::symlink_status(path, ec))});
  }
  pending_.clear();
  auto plan =
      plan_live_update(opts_.image.live_update(), opts_.watched, changes);
  if (plan.what == live_update_plan::action::nothing)
    return;
  if (plan.what == live_update_plan::action::full_rebuild)
    return fail(plan.why);
  if (stopped)
    return fail("the container is not running");
  auto job = std::make_shared<live_update_job>();
  job->image = opts_.image.name();
  job->copies = std::move(plan.copies);
  job->deletions = std::move(plan.deletions);
  for (auto i : plan.runs)
    job->runs.push_back(
        opts_.image.live_update().runs(static_cast<int>(i)).cmd());
  job->restart = plan.restart;
  files_ = 0;
  steps_ = 0;
  error_.clear();
  started_ = std::chrono::steady_clock::now();
  in_flight_ = opts_.containers.size();
  live_update_job_ptr shared = job;
  for (const auto& [name, actor] : opts_.containers) {
    auto finished = [this](int files, int steps, const std::string& error) {
      files_ = std::max(files_, files);
      steps_ = std::max(steps_, steps);
      if (error_.empty())
        error_ = error;
      if (--in_flight_ > 0)
        return;
      auto took = std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::steady_clock::now() - started_);
      if (!error_.empty())
        return fail(error_);
      report(files_, steps_, took);
      say(fmt::format(
          "live update: {} synced, {} run{} ({:.1f} ms)",
          plural(files_, "file", "files"), plural(steps_, "step", "steps"),
          opts_.image.live_update().restart_container() ? ", restarted" : "",
          static_cast<double>(took.count()) / 1000.0));
      try_update();
    };
    request(actor, opts_.timeout, live_update_atom::value, shared)
        .then([finished](
                  live_updated_atom, std::int32_t files, std::int32_t steps,
                  const std::string& error) { finished(files, steps, error); },
              [this, finished, name = name](caf::error& err) {
                finished(0, 0,
                         "container " + name +
                             " did not answer: " + system().render(err));
              });
  }
}

void live_updater::fail(const std::string& why) {
  failed_ = why;
  pending_.clear();
  say("live update: " + why + "; rebuilding");
  report(0, 0, {});
}

void live_updater::report(int files, int steps,
                          std::chrono::microseconds took) {
  msg::Event e;
  auto* s = e.mutable_live_update_status();
  s->set_name(opts_.image.name());
  for (const auto& src : opts_.sources)
    s->add_sources(src);
  s->set_failed(failed_);
  s->set_files_synced(files);
  s->set_steps_run(steps);
  s->set_duration_us(took.count());
  send(opts_.scheduler, std::move(e));
}

void live_updater::say(const std::string& text) {
  for (const auto& [name, actor] : opts_.containers) {
    msg::LogLine line;
    line.set_resource(name);
    line.set_stream(msg::LOG_SYSTEM);
    line.set_text(text);
    send(opts_.log, std::move(line));
  }
}

void live_updater::on_exit() {
  opts_.scheduler = nullptr;
  opts_.log = nullptr;
  opts_.containers.clear();
}

} // namespace actordev
