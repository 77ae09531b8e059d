#pragma once

#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "runtime/k8s/pod_json.hpp"

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace actordev {

/// The pods of one resource in one namespace, as the watch sees them now.
using pod_list = std::shared_ptr<const std::vector<msg::Pod>>;

/// (pods_atom, name_space, pod_list, error): the pods changed, or the
/// watch failed (`error`, the pods as last seen).
using pods_atom = caf::atom_constant<caf::atom("pods")>;

/// (templates_atom, hashes): the pod templates of the deploy now applied
/// (see k8s::template_label); only their pods count from now on.
using templates_atom = caf::atom_constant<caf::atom("templates")>;

/// What a pod watcher needs.
struct pod_watcher_options {
  std::string resource;   ///< whose pods (by the actordev.dev/resource label)
  std::string name_space; ///< empty: the kubeconfig's
  std::vector<std::string> images; ///< built images' names (Container.image)
  std::string dir;                 ///< where kubectl runs
  std::vector<std::pair<std::string, std::string>> env; ///< kubectl's
  std::vector<std::string> templates;                   ///< see templates_atom
  caf::actor owner;                                     ///< receives pods_atom
  caf::actor builder; ///< runs kubectl (msg::RunCommand)
  caf::actor log;     ///< receives kubectl's errors
  std::chrono::milliseconds retry_min{500};
  std::chrono::milliseconds retry_max{10000};
};

/// Watches a resource's pods (DESIGN.md §3): runs `kubectl get pods -w -o
/// json --output-watch-events -l actordev.dev/resource=NAME` through the
/// builder, splits its output into watch events (k8s::json_stream), keeps
/// each pod as the last event said (DELETED forgets it) and sends the
/// owner the list of the pods that count after each event: those of the
/// current pod templates (`templates_atom`). When kubectl fails (the
/// cluster went away) it tells the owner and starts again after
/// `retry_min`, doubling up to `retry_max` while it keeps failing; a watch
/// that ends by itself (the server's timeout) starts again at once. The
/// new watch lists every pod afresh. `stop_atom` stops kubectl and quits.
class pod_watcher : public caf::event_based_actor {
public:
  pod_watcher(caf::actor_config& cfg, pod_watcher_options opts);

  caf::behavior make_behavior() override;
  void on_exit() override;
  const char* name() const override { return "actordev.pods"; }

private:
  void start();
  void on_line(const msg::LogLine& line);
  void on_exit_of_watch(const msg::ProcessExited& e);
  void report(const std::string& error);

  pod_watcher_options opts_;
  std::uint64_t run_id_ = 0;
  caf::actor runner_;
  k8s::json_stream stream_; ///< kubectl's stdout, split into objects
  struct seen_pod {
    msg::Pod pod;
    std::string template_hash;
  };
  std::map<std::string, seen_pod> pods_;
  std::string last_error_; ///< kubectl's last stderr line
  bool saw_event_ = false; ///< this watch delivered something
  std::chrono::milliseconds retry_;
  bool stopping_ = false;
};

} // namespace actordev

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(actordev::pod_list)
