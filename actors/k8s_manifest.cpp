#include "actors/k8s_manifest.hpp"

#include "actors/atoms.hpp"
#include "actors/fs_job.hpp"
#include "actors/manifest_messages.hpp"
#include "messages/caf_types.hpp"
#include "runtime/config/config_hash.hpp"
#include "runtime/k8s/image_injection.hpp"
#include "runtime/k8s/k8s_objects.hpp"

#include <fmt/core.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <utility>

namespace actordev {

namespace {

namespace fs = std::filesystem;

/// Writes `text` to `file`, creating its folder.
std::string write_file(const std::string& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(fs::path{file}.parent_path(), ec);
  std::ofstream out{file, std::ios::trunc};
  out << text;
  out.close();
  return out ? std::string{} : "cannot write '" + file + "'";
}

/// The objects applied last time (`file`, as recorded) that are not in
/// `objects` any more, with those an earlier delete left in
/// `file.removed`, written to `file.removed` for `kubectl delete -f`; how
/// many there are (the file is removed when none).
std::size_t record_removed(const std::string& file,
                           const std::vector<config::k8s_object>& objects) {
  auto identity = [](const config::k8s_object& o) {
    return o.kind + "/" + o.name_space + "/" + o.name;
  };
  std::set<std::string> kept;
  for (const auto& o : objects)
    kept.insert(identity(o));
  std::string gone;
  std::size_t n = 0;
  // What was applied last, and what an earlier delete left pending.
  for (const auto& path : {file, file + ".removed"}) {
    std::ifstream in{path};
    if (!in)
      continue;
    std::string text{std::istreambuf_iterator<char>{in}, {}};
    if (auto before = k8s::split_objects(text, path))
      for (const auto& o : before.value())
        if (kept.insert(identity(o)).second) {
          gone += (gone.empty() ? "" : "---\n") + o.yaml;
          ++n;
        }
  }
  std::error_code ec;
  if (n == 0)
    fs::remove(file + ".removed", ec);
  else if (!write_file(file + ".removed", gone).empty())
    return 0;
  return n;
}

/// Copies each changed file to `staging` + its container path, in a fresh
/// staging folder: what `tar -C staging` then streams.
std::string stage(const std::string& staging,
                  const std::vector<file_copy>& copies) {
  std::error_code ec;
  fs::remove_all(staging, ec);
  for (const auto& c : copies) {
    auto to = fs::path{staging + c.remote};
    fs::create_directories(to.parent_path(), ec);
    if (ec)
      return "cannot stage '" + c.local + "': " + ec.message();
    fs::copy(c.local, to,
             fs::copy_options::recursive |
                 fs::copy_options::overwrite_existing |
                 fs::copy_options::copy_symlinks,
             ec);
    if (ec)
      return "cannot stage '" + c.local + "': " + ec.message();
  }
  return {};
}

} // namespace

k8s_manifest::k8s_manifest(caf::actor_config& cfg, k8s_options opts)
    : cli_manifest(cfg, opts)
    , watch_retry_(opts.watch_retry) {}

caf::behavior k8s_manifest::make_behavior() {
  return plumbing().or_else(
      [this](pods_atom, const std::string& name_space, const pod_list& pods,
             const std::string& error) { on_pods(name_space, pods, error); },
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
        else if (building_ || (!job_ && !idle()))
          why = "the resource is busy with a deploy";
        else if (!job || running_containers(job->image).empty())
          why = "no running container of its pods runs the image";
        if (!why.empty())
          return {live_updated_atom::value, 0, 0, why};
        auto answer = make_response_promise();
        if (job_) { // another image's update: this one comes next
          queued_.emplace_back(job, answer);
          return answer;
        }
        job_done_ = answer;
        on_live_update(job);
        return answer;
      },
      [this](container_state_atom) {
        return caf::make_message(container_state_atom::value, building_,
                                 static_cast<int>(phase()));
      },
      [this](stop_atom) -> caf::result<stopped_atom> {
        stopping_ = true;
        stop_command();
        for (auto& [name_space, watcher] : watchers_)
          send(watcher, stop_atom::value);
        watchers_.clear();
        auto answer = make_response_promise();
        stopped_.add(answer);
        maybe_stopped();
        return answer;
      });
}

// --- deploy ------------------------------------------------------------------

std::string k8s_manifest::applied_file() const {
  return opts_.spec->state_dir + "/k8s/" + opts_.spec->resource.name + ".yaml";
}

void k8s_manifest::deploy() {
  const auto& spec = *building_spec_;
  std::map<std::string, std::string> refs;
  for (std::size_t i = 0; i < spec.images.size() && i < refs_.size(); ++i)
    refs[spec.images[i].config.name] = refs_[i];
  auto rendered =
      k8s::render_objects(spec.resource.k8s->objects, refs, spec.resource.name);
  if (!rendered) {
    building_ = false;
    return end_build(rendered.error(), -1);
  }
  auto templates = std::make_shared<std::vector<std::string>>(
      std::move(rendered.value().templates));
  auto text = std::move(rendered.value().yaml);
  // Applied from NAME.yaml.next; it becomes NAME.yaml, the record `down`
  // and the next deploy go by, only once applied.
  auto file = applied_file();
  auto next = file + ".next";
  note(fmt::format("applying {} object{}", spec.resource.k8s->objects.size(),
                   spec.resource.k8s->objects.size() == 1 ? "" : "s"));
  auto removed = std::make_shared<std::size_t>(0);
  after_fs(
      [file, next, text, removed, objects = spec.resource.k8s->objects] {
        *removed = record_removed(file, objects);
        return write_file(next, text);
      },
      [this, file, next, templates, removed](const std::string& error) {
        if (!error.empty()) {
          building_ = false;
          return end_build(error, -1);
        }
        after_command(
            k8s::apply_command(next),
            [this, file, next, templates, removed](const std::string& e) {
              if (!e.empty() && k8s::immutable_field(command_stderr_)) {
                // A Job's pod template cannot change: as Tilt does, delete
                // and create it anew.
                note("an immutable field changed: replacing the objects");
                return after_command(
                    k8s::replace_command(next),
                    [this, file, next, templates](const std::string& again) {
                      record_applied(again, file, next, *templates);
                    });
              }
              if (!e.empty() || *removed == 0)
                return record_applied(e, file, next, *templates);
              // What the last deploy applied and this one does not: gone.
              note(fmt::format("deleting {} object{} no longer in its config",
                               *removed, *removed == 1 ? "" : "s"));
              after_command(
                  k8s::delete_command(file + ".removed"),
                  [this, file, next, templates](const std::string& gone) {
                    if (!gone.empty())
                      note("deleting them failed (" + gone +
                           "); the next deploy and actordev down try again");
                    record_applied("", file, next, *templates, gone.empty());
                  });
            });
      });
}

void k8s_manifest::record_applied(const std::string& error,
                                  const std::string& file,
                                  const std::string& next,
                                  std::vector<std::string> templates,
                                  bool removed_gone) {
  if (!error.empty())
    return applied(error, templates);
  after_fs(
      [file, next, removed_gone] {
        std::error_code ec;
        if (removed_gone)
          fs::remove(file + ".removed", ec);
        fs::rename(next, file, ec);
        return ec ? "cannot record what was applied in '" + file +
                        "': " + ec.message()
                  : std::string{};
      },
      [this, templates = std::move(templates)](const std::string& e) {
        if (!e.empty())
          note(e);
        applied("", templates);
      });
}

void k8s_manifest::applied(const std::string& error,
                           const std::vector<std::string>& templates) {
  building_ = false;
  if (!error.empty())
    return end_build("kubectl apply failed (" + error + ")", -1);
  templates_ = templates;
  // The pods seen so far are the last deploy's: they count no more, and
  // that is said before the build ends.
  pods_.clear();
  report_pods();
  end_build("", 0);
  watch_pods();
}

void k8s_manifest::end_build(const std::string& error, int exit_code) {
  finish_build(error, exit_code, msg::TARGET_K8S, msg::RESULT_K8S);
}

// --- pods --------------------------------------------------------------------

void k8s_manifest::watch_pods() {
  if (stopping_)
    return;
  std::set<std::string> spaces;
  for (const auto& o : opts_.spec->resource.k8s->objects)
    if (o.workload)
      spaces.insert(o.name_space);
  std::vector<std::string> images;
  for (const auto& img : opts_.spec->images)
    images.push_back(img.config.name);
  // A reload may have moved the workloads or changed the images: the
  // watchers that no longer fit go, with what they reported.
  for (auto i = watchers_.begin(); i != watchers_.end();) {
    if (spaces.count(i->first) && images == watched_images_ &&
        opts_.spec->resource.env == watched_env_) {
      send(i->second, templates_atom::value, templates_);
      ++i;
      continue;
    }
    send(i->second, stop_atom::value);
    pods_.erase(i->first);
    watch_errors_.erase(i->first);
    i = watchers_.erase(i);
  }
  watched_images_ = images;
  watched_env_ = opts_.spec->resource.env;
  for (const auto& name_space : spaces) {
    if (watchers_.count(name_space))
      continue;
    pod_watcher_options w;
    w.resource = opts_.spec->resource.name;
    w.name_space = name_space;
    w.images = images;
    w.dir = command_dir_;
    w.env = opts_.spec->resource.env;
    w.templates = templates_;
    w.owner = caf::actor_cast<caf::actor>(this);
    w.builder = opts_.builder;
    w.log = opts_.log;
    w.retry_min = watch_retry_;
    watchers_[name_space] = spawn<pod_watcher, caf::linked>(std::move(w));
  }
  report_pods();
}

void k8s_manifest::on_pods(const std::string& name_space, const pod_list& pods,
                           const std::string& error) {
  auto watcher = watchers_.find(name_space);
  if (stopping_ || !pods || watcher == watchers_.end() ||
      caf::actor_cast<caf::strong_actor_ptr>(watcher->second) !=
          current_sender())
    return; // stopping, or from a watcher that was let go
  pods_[name_space] = *pods;
  if (error.empty())
    watch_errors_.erase(name_space);
  else
    watch_errors_[name_space] = error;
  report_pods();
}

void k8s_manifest::report_pods() {
  msg::Event e;
  auto* rt = e.mutable_runtime_changed();
  rt->set_manifest(opts_.spec->resource.name);
  for (const auto& [name_space, pods] : pods_)
    for (const auto& p : pods)
      *rt->add_pods() = p;
  if (!watch_errors_.empty())
    rt->set_error(watch_errors_.begin()->second);
  auto text = rt->SerializeAsString();
  if (text == last_report_)
    return;
  last_report_ = std::move(text);
  send(opts_.scheduler, std::move(e));
}

std::vector<k8s::pod_container>
k8s_manifest::running_containers(const std::string& image) const {
  std::vector<k8s::pod_container> out;
  for (const auto& [name_space, pods] : pods_)
    for (const auto& p : pods) {
      if (p.deleting())
        continue;
      for (const auto& c : p.containers())
        if (c.image() == image && c.state() == msg::CONTAINER_RUNNING)
          out.push_back({name_space, p.name(), c.name()});
    }
  return out;
}

container_phase k8s_manifest::phase() const {
  bool any = false;
  for (const auto& [name_space, pods] : pods_)
    for (const auto& p : pods) {
      if (p.deleting())
        continue;
      for (const auto& c : p.containers()) {
        if (c.state() == msg::CONTAINER_RUNNING)
          return container_phase::running;
        any = any || c.state() == msg::CONTAINER_TERMINATED;
      }
    }
  return any ? container_phase::stopped : container_phase::pending;
}

// --- live update -------------------------------------------------------------

void k8s_manifest::on_live_update(const live_update_job_ptr& job) {
  job_ = job;
  files_ = 0;
  steps_ = 0;
  targets_ = running_containers(job->image);
  if (job->copies.empty())
    return update_container(0);
  auto staging =
      opts_.spec->state_dir + "/k8s/" + opts_.spec->resource.name + ".sync";
  after_fs([staging, copies = job->copies] { return stage(staging, copies); },
           [this](const std::string& error) {
             if (!error.empty())
               return end_live_update(error);
             update_container(0);
           });
}

// Each container in turn: copy, delete, then the run steps.
void k8s_manifest::update_container(std::size_t k) {
  if (k == targets_.size())
    return end_live_update("");
  const auto& where = targets_[k];
  auto next = [this, k] { run_steps(k, 0); };
  auto remove = [this, k, where, next] {
    files_ = static_cast<int>(job_->copies.size() + job_->deletions.size());
    if (job_->deletions.empty())
      return next();
    after_command(k8s::remove_command(where, job_->deletions),
                  [this, where, next](const std::string& error) {
                    if (!error.empty())
                      return end_live_update("deleting files in " + where.pod +
                                             " failed (" + error + ")");
                    next();
                  });
  };
  if (job_->copies.empty())
    return remove();
  std::vector<std::string> paths;
  for (const auto& c : job_->copies)
    paths.push_back(c.remote);
  auto staging =
      opts_.spec->state_dir + "/k8s/" + opts_.spec->resource.name + ".sync";
  after_command(
      k8s::sync_command(where, staging, paths),
      [this, where, remove](const std::string& error) {
        if (!error.empty())
          return end_live_update(
              "copying files into " + where.pod + "/" + where.container +
              " failed: " + k8s::exec_failure(command_exit_, command_stderr_));
        remove();
      });
}

void k8s_manifest::run_steps(std::size_t k, std::size_t n) {
  if (n == job_->runs.size())
    return update_container(k + 1);
  const auto& where = targets_[k];
  const auto cmd = job_->runs[n];
  after_command(k8s::exec_command(where, cmd), [this, k, n, cmd, where](
                                                   const std::string& error) {
    if (!error.empty())
      return end_live_update(fmt::format("run step {} ({}) failed in {}: {}",
                                         n + 1, cmd, where.pod, error));
    steps_ = std::max(steps_, static_cast<int>(n + 1));
    run_steps(k, n + 1);
  });
}

void k8s_manifest::end_live_update(const std::string& error) {
  job_ = nullptr;
  targets_.clear();
  if (job_done_.pending())
    job_done_.deliver(live_updated_atom::value, std::int32_t{files_},
                      std::int32_t{steps_}, error);
  while (!queued_.empty()) {
    auto [next, answer] = std::move(queued_.front());
    queued_.pop_front();
    if (stopping_ || running_containers(next->image).empty()) {
      answer.deliver(live_updated_atom::value, std::int32_t{0}, std::int32_t{0},
                     std::string{stopping_ ? "actordev is stopping"
                                           : "no running container of its "
                                             "pods runs the image"});
      continue;
    }
    job_done_ = answer;
    return on_live_update(next);
  }
  if (std::exchange(grant_waiting_, false))
    on_grant();
}

// --- plumbing ----------------------------------------------------------------

void k8s_manifest::maybe_stopped() {
  if (!stopping_ || !idle() || !stopped_.pending())
    return;
  stopped_.deliver();
  quit();
}

} // namespace actordev
