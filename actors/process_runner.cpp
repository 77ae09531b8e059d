#include "actors/process_runner.hpp"

#include "adapters/process.hpp"
#include "adapters/wall_clock.hpp"
#include "messages/caf_types.hpp"

#include <chrono>

namespace actordev {

namespace {

using poll_atom = caf::atom_constant<caf::atom("poll")>;

} // namespace

process_runner::process_runner(caf::actor_config& cfg, runner_spec spec)
    : caf::event_based_actor(cfg)
    , spec_(std::move(spec)) {}

caf::behavior process_runner::make_behavior() {
  auto started = adapters::process::start(spec_.process);
  if (auto* err = std::get_if<adapters::spawn_error>(&started)) {
    msg::ProcessExited failed;
    failed.set_resource(spec_.resource);
    failed.set_error(err->message());
    failed.set_run_id(spec_.run_id);
    send(spec_.sink, std::move(failed));
    quit();
    return {};
  }
  process_.emplace(std::get<adapters::process>(std::move(started)));
  if (spec_.recorder)
    send(spec_.recorder, group_started_atom::value, spec_.resource,
         static_cast<std::int32_t>(process_->pgid()));
  monitor(spec_.sink);
  set_down_handler([this](caf::down_msg&) { stop(); });
  send(this, poll_atom::value);
  return {
      [this](poll_atom) {
        if (process_)
          poll_once();
      },
      [this](stop_atom) { stop(); },
  };
}

void process_runner::stop() {
  if (!process_)
    return;
  auto stopped = process_->stop(spec_.grace);
  forward(process_->poll(std::chrono::milliseconds{0}).lines);
  finish(stopped.exit);
}

void process_runner::poll_once() {
  auto r = process_->poll(spec_.poll_interval);
  forward(r.lines);
  if (r.exit)
    finish(*r.exit);
  else
    send(this, poll_atom::value);
}

void process_runner::forward(const std::vector<adapters::output_line>& lines) {
  for (const auto& l : lines) {
    msg::LogLine out;
    out.set_resource(spec_.resource);
    out.set_stream(l.stream == adapters::output_stream::err ? msg::LOG_STDERR
                                                            : msg::LOG_STDOUT);
    out.set_text(l.text);
    out.set_cut(l.cut);
    out.set_time_us(adapters::wall_clock_us());
    send(spec_.sink, std::move(out));
  }
}

void process_runner::finish(const adapters::exit_status& status) {
  msg::ProcessExited out;
  out.set_resource(spec_.resource);
  out.set_code(status.code);
  out.set_signal(status.signal);
  out.set_run_id(spec_.run_id);
  auto pgid = process_->pgid();
  process_.reset(); // kills and reaps anything left of the group
  if (spec_.recorder)
    send(spec_.recorder, group_ended_atom::value,
         static_cast<std::int32_t>(pgid));
  send(spec_.sink, std::move(out));
  quit();
}

void process_runner::on_exit() {
  process_.reset(); // killed by an exit message: the group dies with it
  spec_.sink = nullptr;
  spec_.recorder = nullptr;
}

} // namespace actordev
