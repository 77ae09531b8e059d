#include "actors/cluster_connection.hpp"

#include "messages/caf_types.hpp"
#include "runtime/k8s/kubectl_commands.hpp"

#include <algorithm>

namespace actordev {

namespace {

using check_atom = caf::atom_constant<caf::atom("check")>;

} // namespace

cluster_connection::cluster_connection(caf::actor_config& cfg,
                                       cluster_connection_spec spec)
    : caf::event_based_actor(cfg)
    , spec_(std::move(spec))
    , retry_(spec_.retry_min) {}

caf::behavior cluster_connection::make_behavior() {
  send(this, check_atom::value);
  return {
      [this](check_atom) { check(); },
  };
}

void cluster_connection::check() {
  adapters::process_spec p;
  p.command = spec_.command;
  auto out = adapters::run_command(p, spec_.timeout);
  docker::cluster_answer answer;
  if (!out.error.empty() && out.exit_code < 0)
    answer.error = spec_.name + ": " + out.error;
  else
    answer = spec_.read(out);
  if (!reported_ || answer.arch != last_.arch || answer.error != last_.error) {
    reported_ = true;
    last_ = answer;
    msg::Event e;
    auto* s = e.mutable_cluster_status();
    s->set_name(spec_.name);
    s->set_arch(answer.arch);
    s->set_error(answer.error);
    send(spec_.scheduler, std::move(e));
  }
  std::chrono::milliseconds next = spec_.interval;
  if (answer.error.empty()) {
    retry_ = spec_.retry_min;
  } else {
    next = retry_;
    retry_ = std::min(retry_ * 2, spec_.retry_max);
  }
  delayed_send(this, next, check_atom::value);
}

void cluster_connection::on_exit() {
  spec_.scheduler = nullptr;
}

cluster_connection_spec docker_cluster(caf::actor scheduler) {
  cluster_connection_spec s;
  s.name = "docker";
  s.command = "docker info --format '{{json .}}'";
  s.read = [](const adapters::command_output& out) {
    return docker::read_docker_info(out.exit_code, out.out, out.err);
  };
  s.scheduler = std::move(scheduler);
  return s;
}

cluster_connection_spec k8s_cluster(caf::actor scheduler) {
  cluster_connection_spec s;
  s.name = "default";
  s.command = k8s::nodes_command();
  s.read = [](const adapters::command_output& out) {
    return k8s::read_nodes(out.exit_code, out.out, out.err);
  };
  s.scheduler = std::move(scheduler);
  return s;
}

} // namespace actordev
