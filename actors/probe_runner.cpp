#include "actors/probe_runner.hpp"

#include "adapters/probe_check.hpp"
#include "runtime/config/command.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <variant>

namespace actordev {

namespace {

using check_atom = caf::atom_constant<caf::atom("check")>;
using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

/// One check of `s.probe`, bounded by its timeout. Blocks.
adapters::probe_result run_check(const probe_runner_spec& s) {
  auto timeout = s.probe.timeout;
  return std::visit(
      overloaded{
          [&](const config::exec_probe& p) {
            adapters::process_spec command;
            command.command = config::shell_line(p.command);
            command.dir = s.dir;
            command.env = s.env;
            return adapters::check_exec(command, timeout);
          },
          [&](const config::http_get_probe& p) {
            return adapters::check_http_get(p.host, p.port, p.path, timeout);
          },
          [&](const config::tcp_socket_probe& p) {
            return adapters::check_tcp_socket(p.host, p.port, timeout);
          },
      },
      s.probe.action);
}

} // namespace

probe_runner::probe_runner(caf::actor_config& cfg, probe_runner_spec spec)
    : caf::event_based_actor(cfg)
    , spec_(std::move(spec)) {}

caf::behavior probe_runner::make_behavior() {
  if (!spec_.owner) {
    quit();
    return {};
  }
  // Down at once if the owner is already gone.
  monitor(spec_.owner);
  set_down_handler([this](caf::down_msg&) { quit(); });
  if (spec_.probe.initial_delay > milliseconds::zero())
    delayed_send(this, spec_.probe.initial_delay, check_atom::value);
  else
    send(this, check_atom::value);
  return {
      [this](check_atom) { check_once(); },
      [this](stop_atom) { quit(); },
  };
}

void probe_runner::check_once() {
  auto started = clock::now();
  auto result = run_check(spec_);
  if (auto ready = tally(result.passed)) {
    spdlog::debug("{}: readiness probe {}: {}", spec_.resource,
                  *ready ? "ready" : "not ready", result.detail);
    send(spec_.owner, probe_result_atom::value, *ready,
         std::move(result.detail));
  }
  // Periods run start to start; a stop already queued comes first.
  auto wait = spec_.probe.period -
              std::chrono::duration_cast<milliseconds>(clock::now() - started);
  if (wait > milliseconds::zero())
    delayed_send(this, wait, check_atom::value);
  else
    send(this, check_atom::value);
}

std::optional<bool> probe_runner::tally(bool passed) {
  const auto& p = spec_.probe;
  // Capped at the thresholds: a probe running for years cannot overflow.
  passes_ = passed ? std::min(passes_ + 1, p.success_threshold) : 0;
  failures_ = passed ? 0 : std::min(failures_ + 1, p.failure_threshold);
  std::optional<bool> verdict;
  if (passes_ >= p.success_threshold)
    verdict = true;
  else if (failures_ >= p.failure_threshold)
    verdict = false;
  if (!verdict || verdict == reported_)
    return std::nullopt;
  reported_ = verdict;
  return verdict;
}

void probe_runner::on_exit() {
  spec_.owner = nullptr;
}

} // namespace actordev
