#include "actors/session.hpp"

#include "actors/build_pool.hpp"
#include "actors/builder.hpp"
#include "actors/manifest_messages.hpp"
#include "actors/cluster_connection.hpp"
#include "actors/compose_manifest.hpp"
#include "actors/container_manifest.hpp"
#include "actors/file_watcher.hpp"
#include "actors/k8s_manifest.hpp"
#include "actors/live_updater.hpp"
#include "actors/process_runner.hpp"
#include "actors/project_loader.hpp"
#include "actors/run_recorder.hpp"
#include "actors/scheduler.hpp"
#include "adapters/read_file.hpp"
#include "adapters/wall_clock.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/config_messages.hpp"
#include "runtime/config/image_graph.hpp"
#include "runtime/config/selection.hpp"

#include <algorithm>
#include <chrono>

namespace actordev {

namespace {

/// How long a resource may take to stop beyond its grace before the session
/// gives up waiting for it (its processes die with their runners anyway).
constexpr auto stop_slack = std::chrono::seconds{5};

} // namespace

std::optional<ci_result> session_outcome::ci() const {
  std::lock_guard lock{mutex_};
  return ci_;
}

std::vector<std::string> session_outcome::waiting() const {
  std::lock_guard lock{mutex_};
  return waiting_;
}

void session_outcome::set(const ci_tracker& t) {
  std::lock_guard lock{mutex_};
  ci_ = t.result();
  waiting_ = t.waiting();
}

session_actor::session_actor(caf::actor_config& cfg, session_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior session_actor::make_behavior() {
  scheduler_options sched;
  sched.clock = adapters::wall_clock_us;
  sched.log = opts_.log;
  scheduler_ = spawn<scheduler_actor>(std::move(sched));
  recorder_ = spawn<run_recorder>(opts_.config.dir, opts_.console);
  if (!opts_.config.builders.empty()) {
    build_pool_options pool;
    pool.builders = opts_.config.builders;
    pool.blob_dir = opts_.config.dir + "/.actordev/blobs";
    pool.log = opts_.console;
    pool.scheduler = scheduler_;
    pool_ = spawn<build_pool>(std::move(pool));
  }
  builder_options b;
  b.recorder = recorder_;
  b.default_grace = opts_.grace;
  b.pool = pool_;
  builder_ = spawn<builder_actor>(std::move(b));
  send(scheduler_, subscribe_atom::value, opts_.console);
  send(scheduler_, watch_events_atom::value, opts_.console);
  send(scheduler_, watch_events_atom::value, caf::actor_cast<caf::actor>(this));
  for (const auto& r : opts_.config.resources)
    start_manifest(opts_.config, r);
  start_live_updaters();
  auto loaded = config::selected_config_loaded(opts_.config, opts_.names);
  if (loaded) {
    msg::Event e;
    *e.mutable_config_loaded() = std::move(loaded).value();
    send(scheduler_, std::move(e));
  }
  file_watcher_spec w;
  w.config = opts_.config;
  w.scheduler = scheduler_;
  w.config_listener = caf::actor_cast<caf::actor>(this);
  w.log = opts_.console;
  // Changes wake the watcher at once; the interval only bounds how long an
  // update or a stop waits, so a longer one saves idle wake-ups.
  w.poll_interval = std::chrono::milliseconds{100};
  watcher_ = spawn<file_watcher, caf::detached>(std::move(w));
  return {
      [this](const msg::Event& e) {
        ci_.apply(e);
        if (opts_.outcome)
          opts_.outcome->set(ci_);
      },
      [this](config_changed_atom, std::int64_t) {
        if (!stopping_)
          reload();
      },
      [this](shutdown_atom) { shutdown(); },
  };
}

cli_options session_actor::cli_options_for(const config::project_config& cfg,
                                           const config::local_resource& r) {
  cli_options o;
  o.spec = make_container_resource(cfg, r);
  o.scheduler = scheduler_;
  o.builder = builder_;
  o.log = opts_.console;
  o.grace = opts_.grace;
  return o;
}

void session_actor::start_manifest(const config::project_config& cfg,
                                   const config::local_resource& r) {
  if (r.compose) {
    compose_options c;
    static_cast<cli_options&>(c) = cli_options_for(cfg, r);
    adopt(r.name, spawn<compose_manifest>(std::move(c)));
    start_cluster("docker");
    return;
  }
  if (r.k8s) {
    k8s_options k;
    static_cast<cli_options&>(k) = cli_options_for(cfg, r);
    adopt(r.name, spawn<k8s_manifest>(std::move(k)));
    start_cluster("default");
    return;
  }
  if (r.container) {
    container_options c;
    c.spec = make_container_resource(cfg, r);
    c.scheduler = scheduler_;
    c.builder = builder_;
    c.pool = pool_;
    c.log = opts_.console;
    c.grace = opts_.grace;
    adopt(r.name, spawn<container_manifest>(std::move(c)));
    return;
  }
  manifest_options m;
  m.resource = std::make_shared<const config::local_resource>(r);
  m.scheduler = scheduler_;
  m.builder = builder_;
  m.log = opts_.console;
  m.grace = opts_.grace;
  if (!cfg.builders.empty())
    m.project_dir = cfg.dir;
  adopt(r.name, spawn<manifest_actor>(std::move(m)));
}

void session_actor::adopt(const std::string& name, caf::actor manifest) {
  send(scheduler_, register_atom::value, name, manifest);
  manifests_[name] = std::move(manifest);
}

void session_actor::start_live_updaters() {
  for (const auto& a : live_updaters_)
    send_exit(a, caf::exit_reason::user_shutdown);
  live_updaters_.clear();
  const auto& cfg = opts_.config;
  for (const auto& img : cfg.images) {
    if (img.live_update.syncs.empty())
      continue;
    live_updater_options o;
    for (const auto& r : cfg.resources)
      if (auto runs = config::images_run(r);
          manifests_.count(r.name) &&
          std::find(runs.begin(), runs.end(), img.name) != runs.end())
        o.containers[r.name] = manifests_[r.name];
    if (o.containers.empty())
      continue;
    o.image = config::to_image_spec(img);
    for (const auto* step : config::build_order(cfg, img))
      o.sources.push_back(step->name);
    o.watched = config::watched_roots(cfg, img);
    o.scheduler = scheduler_;
    o.log = opts_.console;
    auto updater = spawn<live_updater>(std::move(o));
    // Subscribed here, not by the updater: the session's own messages to
    // the scheduler stay in order, so the updater sees every event from
    // the ConfigLoaded sent after this on (a first build that fails fast
    // included).
    send(scheduler_, watch_events_atom::value, updater);
    live_updaters_.push_back(std::move(updater));
  }
}

void session_actor::start_cluster(const std::string& name) {
  if (clusters_.count(name))
    return;
  if (name == "docker")
    clusters_[name] =
        spawn<cluster_connection, caf::detached>(docker_cluster(scheduler_));
  else if (name == "default")
    clusters_[name] =
        spawn<cluster_connection, caf::detached>(k8s_cluster(scheduler_));
}

void session_actor::reload() {
  auto read_us = adapters::wall_clock_us();
  const auto& path = opts_.config.path;
  auto text = adapters::read_file(path);
  if (auto* err = std::get_if<adapters::read_error>(&text)) {
    report_failure(
        {config::config_error{opts_.shown_path, 0, 0,
                              "cannot read the config: " + err->reason,
                              "the last good config keeps running"}},
        read_us);
    return;
  }
  auto next = load_project_config(std::get<std::string>(text), path);
  if (!next) {
    report_failure(next.error(), read_us);
    return;
  }
  auto loaded = config::selected_config_loaded(next.value(), opts_.names);
  if (!loaded) {
    report_failure({loaded.error()}, read_us);
    return;
  }
  loaded.value().set_read_us(read_us);
  install(std::move(next).value(), std::move(loaded).value());
}

void session_actor::install(config::project_config next,
                            msg::ConfigLoaded loaded) {
  // Removed resources: stop them.
  for (auto i = manifests_.begin(); i != manifests_.end();) {
    if (next.find(i->first)) {
      ++i;
      continue;
    }
    request(i->second, opts_.grace + stop_slack, stop_atom::value)
        .then([](stopped_atom) {}, [](caf::error&) {});
    i = manifests_.erase(i);
  }
  for (const auto& r : next.resources) {
    auto old = opts_.config.find(r.name);
    auto kind = [](const config::local_resource& x) {
      return x.container ? 1 : x.compose ? 2 : x.k8s ? 3 : 0;
    };
    if (!old) {
      start_manifest(next, r);
    } else if (kind(*old) != kind(r)) {
      // Another kind of resource: another actor. The old one stops first
      // (in the background); the new one builds on the scheduler's grant.
      request(manifests_[r.name], opts_.grace + stop_slack, stop_atom::value)
          .then([](stopped_atom) {}, [](caf::error&) {});
      manifests_.erase(r.name);
      start_manifest(next, r);
    } else if (r.container || r.compose || r.k8s) {
      // Also when only its images changed: the spec carries them.
      send(manifests_[r.name], update_atom::value,
           make_container_resource(next, r));
    } else if (!(*old == r)) {
      send(manifests_[r.name], update_atom::value,
           std::make_shared<const config::local_resource>(r));
    }
  }
  if (next.builders != opts_.config.builders)
    send(opts_.console,
         system_line("actordev", "the builders changed: restart actordev up "
                                 "to use the new list (the old one stays)"));
  next.builders = opts_.config.builders;
  opts_.config = std::move(next);
  start_live_updaters();
  msg::Event e;
  *e.mutable_config_loaded() = std::move(loaded);
  send(scheduler_, std::move(e));
  send(watcher_, update_atom::value,
       std::make_shared<const config::project_config>(opts_.config));
}

void session_actor::report_failure(std::vector<config::config_error> errors,
                                   std::int64_t read_us) {
  show_config_path(errors, opts_.config.path, opts_.shown_path);
  msg::Event e;
  *e.mutable_config_load_failed() =
      config::to_config_load_failed(opts_.config.path, errors);
  e.mutable_config_load_failed()->set_read_us(read_us);
  send(scheduler_, std::move(e));
}

void session_actor::shutdown() {
  if (stopping_)
    return;
  stopping_ = true;
  send_exit(watcher_, caf::exit_reason::user_shutdown);
  for (const auto& a : live_updaters_)
    send_exit(a, caf::exit_reason::user_shutdown);
  live_updaters_.clear();
  for (const auto& [name, a] : clusters_)
    send_exit(a, caf::exit_reason::user_shutdown);
  clusters_.clear();
  stops_pending_ = manifests_.size();
  if (stops_pending_ == 0) {
    finish();
    return;
  }
  for (const auto& [name, actor] : manifests_)
    request(actor, opts_.grace + stop_slack, stop_atom::value)
        .then(
            [this](stopped_atom) {
              if (--stops_pending_ == 0)
                finish();
            },
            [this](caf::error&) {
              if (--stops_pending_ == 0)
                finish();
            });
}

void session_actor::finish() {
  // Not an exit message: that would overtake the events the resources sent
  // while stopping, and they belong in the message log.
  send(scheduler_, stop_atom::value);
  for (const auto& a : {builder_, recorder_, pool_})
    if (a)
      send_exit(a, caf::exit_reason::user_shutdown);
  if (opts_.outcome)
    opts_.outcome->stopped = true;
  quit();
}

void session_actor::on_exit() {
  scheduler_ = builder_ = recorder_ = watcher_ = pool_ = nullptr;
  opts_.console = nullptr;
  opts_.log = {};
  manifests_.clear();
  live_updaters_.clear();
  clusters_.clear();
}

} // namespace actordev
