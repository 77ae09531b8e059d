#pragma once

#include "actordev/msg/events.pb.h"
#include "actors/cli_manifest.hpp"
#include "actors/container_manifest.hpp"
#include "actors/pod_watcher.hpp"
#include "actors/stop_answers.hpp"
#include "runtime/k8s/kubectl_commands.hpp"

#include <caf/actor.hpp>

#include <deque>
#include <map>
#include <string>
#include <vector>

namespace actordev {

/// What a Kubernetes manifest needs.
struct k8s_options : cli_options {
  /// The pod watchers' first retry when kubectl's watch ends.
  std::chrono::milliseconds watch_retry{500};
};

/// One Kubernetes resource (DESIGN.md §3), through `kubectl`. On
/// msg::BuildGrant it builds the resource's images (see cli_manifest),
/// puts the built refs and the label actordev.dev/resource=NAME into its
/// objects (k8s::inject_images), writes them to
/// `.actordev/k8s/NAME.yaml` and runs `kubectl apply -f` on that file
/// (`replace --force` when an immutable field changed, as a Job's
/// template); the objects the last deploy applied and this one does not
/// are then deleted.
/// Once applied, a pod watcher per namespace of its workloads reports the
/// pods; each change is a RuntimeChanged with every pod, from which the
/// engine derives ready (pod_readiness wait) or not. `(live_update_atom,
/// job)` updates every running container of the job's image in its pods:
/// the changed files are staged under `.actordev/k8s/NAME.sync/` and
/// streamed as a tar through `kubectl exec -i ... tar -xf -` (a container
/// with no tar gets a clear error), deleted files removed with `rm -rf`,
/// and each run step run with `kubectl exec ... sh -c`; an update of
/// another of its images that comes meanwhile waits for its turn. `stop_atom`
/// stops what runs and answers `stopped_atom`; what was applied stays in the
/// cluster until `actordev down` deletes it, as with Tilt.
class k8s_manifest : public cli_manifest {
public:
  k8s_manifest(caf::actor_config& cfg, k8s_options opts);

  caf::behavior make_behavior() override;
  const char* name() const override { return "actordev.k8s"; }

private:
  void deploy() override;
  /// After the apply: NAME.yaml.next becomes NAME.yaml, and a `.removed`
  /// whose objects are gone goes; then `applied`.
  void record_applied(const std::string& error, const std::string& file,
                      const std::string& next,
                      std::vector<std::string> templates,
                      bool removed_gone = false);
  void applied(const std::string& error,
               const std::vector<std::string>& templates);
  void end_build(const std::string& error, int exit_code) override;
  void watch_pods();
  void on_pods(const std::string& name_space, const pod_list& pods,
               const std::string& error);
  void report_pods();
  std::vector<k8s::pod_container>
  running_containers(const std::string& image) const;
  container_phase phase() const;
  void on_live_update(const live_update_job_ptr& job);
  void update_container(std::size_t k);
  void run_steps(std::size_t k, std::size_t n);
  void end_live_update(const std::string& error);
  void maybe_stopped() override;
  std::string applied_file() const;

  std::chrono::milliseconds watch_retry_;
  std::map<std::string, caf::actor> watchers_; ///< by namespace
  std::vector<std::string> watched_images_;    ///< what they were given
  std::vector<std::pair<std::string, std::string>> watched_env_;
  std::vector<std::string> templates_; ///< of the deploy now applied
  std::map<std::string, std::vector<msg::Pod>> pods_;
  std::map<std::string, std::string> watch_errors_;
  std::string last_report_;
  std::vector<k8s::pod_container> targets_; ///< of the live update
  caf::response_promise job_done_;
  /// Updates of its other images that came during one: done in turn.
  std::deque<std::pair<live_update_job_ptr, caf::response_promise>> queued_;
  int files_ = 0;
  int steps_ = 0;
  stop_answers stopped_;
};

} // namespace actordev
