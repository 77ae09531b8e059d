#include "actors/pod_watcher.hpp"

#include "actors/atoms.hpp"
#include "actors/manifest_messages.hpp"
#include "messages/caf_types.hpp"
#include "runtime/k8s/kubectl_commands.hpp"

#include <algorithm>

namespace actordev {

namespace {

constexpr auto builder_answer = std::chrono::seconds{10};

using restart_watch_atom = caf::atom_constant<caf::atom("rewatch")>;

} // namespace

pod_watcher::pod_watcher(caf::actor_config& cfg, pod_watcher_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts))
    , retry_(opts_.retry_min) {}

caf::behavior pod_watcher::make_behavior() {
  start();
  return {
      [this](const msg::LogLine& line) { on_line(line); },
      [this](const msg::ProcessExited& e) { on_exit_of_watch(e); },
      [this](templates_atom, const std::vector<std::string>& hashes) {
        opts_.templates = hashes;
        report({});
      },
      [this](restart_watch_atom, std::uint64_t id) {
        if (id == run_id_ && !stopping_)
          start();
      },
      [this](stop_atom) {
        stopping_ = true;
        if (runner_)
          send(runner_, stop_atom::value);
        quit();
      },
  };
}

void pod_watcher::start() {
  stream_ = k8s::json_stream{};
  saw_event_ = false;
  last_error_.clear();
  auto id = ++run_id_;
  request(opts_.builder, builder_answer,
          run_request(opts_.resource,
                      k8s::watch_command(opts_.resource, opts_.name_space),
                      opts_.dir, opts_.env, std::chrono::milliseconds{2000},
                      id))
      .then(
          [this, id](caf::actor runner) {
            if (id != run_id_ || stopping_) {
              send(runner, stop_atom::value);
              return;
            }
            runner_ = std::move(runner);
          },
          [this, id](caf::error& err) {
            send(this, not_started(opts_.resource, id, system().render(err)));
          });
}

void pod_watcher::on_line(const msg::LogLine& line) {
  if (line.stream() == msg::LOG_STDERR) {
    if (!line.text().empty())
      last_error_ = line.text();
    send(opts_.log, system_line(opts_.resource, "kubectl: " + line.text()));
    return;
  }
  if (line.stream() != msg::LOG_STDOUT)
    return;
  // A piece of a long line goes on without the newline it did not have.
  stream_.add(line.text());
  if (!line.cut())
    stream_.add("\n");
  bool changed = false;
  while (auto object = stream_.next()) {
    auto read = k8s::read_pod_event(*object, opts_.images);
    if (!read.event) {
      send(opts_.log, system_line(opts_.resource, "pod watch: " + read.error));
      continue;
    }
    if (!saw_event_) { // a new watch lists every pod afresh
      saw_event_ = true;
      pods_.clear();
      retry_ = opts_.retry_min;
    }
    auto& event = *read.event;
    if (event.deleted) {
      pods_.erase(event.pod.name());
    } else {
      // The name first: the right side of `=` is evaluated first, and it
      // moves the pod.
      auto& seen = pods_[event.pod.name()];
      auto hash = event.labels.find(std::string{k8s::template_label});
      seen.template_hash =
          hash == event.labels.end() ? std::string{} : hash->second;
      seen.pod = std::move(event.pod);
    }
    changed = true;
  }
  if (stream_.overflowed())
    send(opts_.log,
         system_line(opts_.resource, "pod watch: a pod's JSON was too large "
                                     "and was skipped"));
  if (changed)
    report({});
}

void pod_watcher::on_exit_of_watch(const msg::ProcessExited& e) {
  if (e.run_id() != run_id_)
    return;
  runner_ = nullptr;
  if (stopping_)
    return;
  if (!failed(e)) {
    // The server ended the watch (its timeout): not an error. Again at
    // once if it delivered something, else after the first retry delay.
    if (saw_event_)
      return start();
    delayed_send(this, opts_.retry_min, restart_watch_atom::value, run_id_);
    return;
  }
  auto why =
      !last_error_.empty() ? k8s::kubectl_error(last_error_) : describe(e);
  report("watching pods failed: " + why);
  delayed_send(this, retry_, restart_watch_atom::value, run_id_);
  retry_ = std::min(retry_ * 2, opts_.retry_max);
}

void pod_watcher::report(const std::string& error) {
  auto pods = std::make_shared<std::vector<msg::Pod>>();
  const auto& current = opts_.templates;
  for (const auto& [name, seen] : pods_)
    if (current.empty() || std::find(current.begin(), current.end(),
                                     seen.template_hash) != current.end())
      pods->push_back(seen.pod);
  std::sort(pods->begin(), pods->end(),
            [](const msg::Pod& a, const msg::Pod& b) {
              return a.created_us() != b.created_us()
                         ? a.created_us() < b.created_us()
                         : a.name() < b.name();
            });
  send(opts_.owner, pods_atom::value, opts_.name_space,
       pod_list{std::move(pods)}, error);
}

void pod_watcher::on_exit() {
  if (runner_) // ended by its owner's exit, not by stop_atom
    caf::anon_send(runner_, stop_atom::value);
  opts_.owner = nullptr;
  opts_.builder = nullptr;
  opts_.log = nullptr;
  runner_ = nullptr;
}

} // namespace actordev
