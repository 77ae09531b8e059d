#include "actors/scheduler.hpp"

#include "messages/caf_types.hpp"
#include "runtime/message_log/log_encoder.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace actordev {

namespace {

/// (dispatch_atom): the scheduler's note to itself that the events queued
/// before it are applied and it is time to decide.
using dispatch_atom = caf::atom_constant<caf::atom("dispatch")>;

bool same_grants(const msg::Decision& a, const msg::DecisionPoint& b) {
  return std::equal(a.granted().begin(), a.granted().end(), b.granted().begin(),
                    b.granted().end()) &&
         std::equal(a.granted_builders().begin(), a.granted_builders().end(),
                    b.granted_builders().begin(), b.granted_builders().end());
}

} // namespace

scheduler_actor::scheduler_actor(caf::actor_config& cfg, scheduler_options opts)
    : caf::event_based_actor(cfg)
    , opts_(std::move(opts)) {}

caf::behavior scheduler_actor::make_behavior() {
  // A watcher or subscriber that ends is dropped (a live updater ends on
  // every config reload).
  set_down_handler([this](caf::down_msg& dm) {
    for (auto* list : {&event_watchers_, &subscribers_})
      list->erase(std::remove_if(list->begin(), list->end(),
                                 [&](const caf::actor& a) {
                                   return a.address() == dm.source;
                                 }),
                  list->end());
  });
  return {
      [this](const msg::Event& e) { apply_event(e); },
      [this](dispatch_atom) {
        dispatch_pending_ = false;
        dispatch();
      },
      [this](register_atom, const std::string& name, caf::actor manifest) {
        manifests_[name] = std::move(manifest);
      },
      [this](watch_events_atom, caf::actor who) {
        monitor(who);
        event_watchers_.push_back(std::move(who));
      },
      [this](subscribe_atom, caf::actor who) {
        if (published_.ByteSizeLong() > 0)
          send(who, published_);
        monitor(who);
        subscribers_.push_back(std::move(who));
      },
      [this](stop_atom) {
        close_log();
        quit();
      },
  };
}

void scheduler_actor::apply_event(msg::Event e) {
  e.set_seq(++seq_);
  if (e.time_us() == 0)
    e.set_time_us(opts_.clock());
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("event {}: {}", seq_, e.ShortDebugString());
  engine_.apply(e);
  if (opts_.log) {
    if (batch_records_++ == 0)
      batch_first_seq_ = seq_;
    message_log::append_event(log_batch_, e);
  }
  notify_watchers(e);
  if (!dispatch_pending_) {
    dispatch_pending_ = true;
    send(this, dispatch_atom::value);
  }
}

void scheduler_actor::notify_watchers(const msg::Event& e) {
  for (const auto& w : event_watchers_)
    send(w, e);
}

void scheduler_actor::dispatch() {
  const auto& point = engine_.decide(++seq_, opts_.clock());
  if (opts_.log) {
    if (batch_records_++ == 0)
      batch_first_seq_ = seq_;
    message_log::append_decision(log_batch_, point);
  }
  bool changed = !point.holds_unchanged() || !same_grants(published_, point);
  for (int k = 0; k < point.granted_size(); ++k)
    grant(point.granted(k), point,
          k < point.granted_builders_size() ? point.granted_builders(k)
                                            : std::string{});
  flush_log();
  if (!changed)
    return;
  published_ = engine_.last_decision();
  if (spdlog::should_log(spdlog::level::debug))
    spdlog::debug("decision {}: {}", point.seq(),
                  published_.ShortDebugString());
  for (const auto& s : subscribers_)
    send(s, published_);
}

void scheduler_actor::grant(const std::string& manifest,
                            const msg::DecisionPoint& point,
                            const std::string& builder) {
  // The engine started the build when it decided: watchers see the start.
  msg::Event started;
  started.set_seq(point.seq());
  started.set_time_us(point.time_us());
  started.mutable_build_started()->set_manifest(manifest);
  started.mutable_build_started()->set_builder(builder);
  notify_watchers(started);
  auto i = manifests_.find(manifest);
  if (i != manifests_.end()) {
    msg::BuildGrant g;
    g.set_manifest(manifest);
    g.set_decision_seq(point.seq());
    g.set_builder(builder);
    send(i->second, std::move(g));
    return;
  }
  // No actor to run it: finish the build as failed rather than leave the
  // token taken forever.
  msg::Event failed;
  failed.mutable_build_finished()->set_manifest(manifest);
  failed.mutable_build_finished()->set_error(
      "no manifest actor is running for " + manifest);
  apply_event(std::move(failed));
}

void scheduler_actor::flush_log(bool closing) {
  if (!opts_.log || (batch_records_ == 0 && (!closing || dropped_ == 0)))
    return;
  auto& backlog = *opts_.log.backlog;
  if (!closing &&
      backlog.batches.load(std::memory_order_relaxed) >= backlog.limit) {
    if (dropped_ == 0) {
      dropped_first_seq_ = batch_first_seq_;
      dropped_time_ = engine_.state().now;
    }
    dropped_ += batch_records_;
    spdlog::debug("message log: writer behind, dropped {} records",
                  batch_records_);
  } else {
    std::string out;
    if (dropped_ == 0) {
      out = std::move(log_batch_);
    } else {
      msg::LogRecord r;
      auto* d = r.mutable_dropped();
      d->set_seq(dropped_first_seq_);
      d->set_time_us(dropped_time_);
      d->set_count(dropped_);
      message_log::append_record(out, r);
      dropped_ = 0;
      out += log_batch_;
    }
    backlog.batches.fetch_add(1, std::memory_order_relaxed);
    send(opts_.log.writer, log_append_atom::value, std::move(out));
  }
  log_batch_.clear();
  batch_records_ = 0;
}

void scheduler_actor::close_log() {
  if (!opts_.log)
    return;
  flush_log(true);
  // Sent after every batch, so the writer writes them all before it closes.
  send(opts_.log.writer, log_close_atom::value);
  opts_.log.writer = nullptr;
}

void scheduler_actor::on_exit() {
  close_log();
  manifests_.clear();
  subscribers_.clear();
  event_watchers_.clear();
}

} // namespace actordev
