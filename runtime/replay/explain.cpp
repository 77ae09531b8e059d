#include "runtime/replay/explain.hpp"

#include "runtime/replay/decision_report.hpp"
#include "runtime/replay/state_snapshot.hpp"

#include <algorithm>

namespace actordev::replay {

namespace {

/// The resource's spec and the specs of its images, as bytes: equal bytes,
/// equal config (as the reducer compares them).
std::optional<std::string> fingerprint(const msg::ConfigLoaded& c,
                                       const std::string& name) {
  auto m = std::find_if(c.manifests().begin(), c.manifests().end(),
                        [&](const auto& spec) { return spec.name() == name; });
  if (m == c.manifests().end())
    return std::nullopt;
  std::string out = m->SerializeAsString();
  for (const auto& image : m->images())
    for (const auto& spec : c.images())
      if (spec.name() == image)
        out += spec.SerializeAsString();
  return out;
}

const std::string* manifest_of(const msg::Event& e) {
  switch (e.kind_case()) {
  case msg::Event::kBuildStarted:
    return &e.build_started().manifest();
  case msg::Event::kBuildFinished:
    return &e.build_finished().manifest();
  case msg::Event::kRuntimeChanged:
    return &e.runtime_changed().manifest();
  case msg::Event::kTriggerRequested:
    return &e.trigger_requested().manifest();
  case msg::Event::kEnableChanged:
    return &e.enable_changed().manifest();
  default:
    return nullptr;
  }
}

} // namespace

explainer::explainer(std::string manifest)
    : name_(std::move(manifest)) {}

msg::ExplainEntry explainer::entry(std::uint64_t seq, time_us t) const {
  msg::ExplainEntry out;
  out.set_seq(seq);
  out.set_time_us(t);
  out.set_manifest(name_);
  return out;
}

bool explainer::concerns(const msg::Event& e) {
  if (const auto* name = manifest_of(e))
    return *name == name_;
  if (e.has_cluster_status()) {
    const auto& c = e.cluster_status();
    if (cluster_.empty() || c.name() != cluster_)
      return false;
    auto state = c.arch() + '\n' + c.error();
    if (state == cluster_state_)
      return false;
    cluster_state_ = std::move(state);
    return true;
  }
  if (e.has_live_update_status())
    return std::find(targets_.begin(), targets_.end(),
                     image_ref(e.live_update_status().name())) !=
           targets_.end();
  return false;
}

std::optional<msg::ExplainEntry> explainer::on_event(const msg::Event& e,
                                                     const engine_state& s) {
  if (e.has_config_loaded())
    return on_config(e, s);
  if (e.has_files_changed())
    return on_files(e);
  if (!fingerprint_ || !concerns(e))
    return std::nullopt;
  auto out = entry(e.seq(), e.time_us());
  *out.mutable_event() = e;
  if (e.has_runtime_changed())
    if (auto i = s.manifests.find(name_))
      *out.mutable_runtime() = to_snapshot(s.runtimes[*i]);
  return out;
}

std::optional<msg::ExplainEntry> explainer::on_config(const msg::Event& e,
                                                      const engine_state& s) {
  auto now = fingerprint(e.config_loaded(), name_);
  msg::ResourceConfigChange change = msg::RESOURCE_CONFIG_UNSPECIFIED;
  if (now && !fingerprint_)
    change = msg::RESOURCE_ADDED;
  else if (!now && fingerprint_)
    change = msg::RESOURCE_REMOVED;
  else if (now && *now != *fingerprint_)
    change = msg::RESOURCE_CHANGED;
  fingerprint_ = std::move(now);
  targets_.clear();
  auto cluster = std::move(cluster_);
  cluster_.clear();
  if (auto i = s.manifests.find(name_)) {
    seen_ = true;
    targets_ = s.manifests.targets_of(*i);
    cluster_ = s.manifests[*i].cluster();
  }
  if (cluster_ != cluster)
    cluster_state_.reset();
  if (!fingerprint_)
    hold_.reset(); // gone with the resource
  if (change == msg::RESOURCE_CONFIG_UNSPECIFIED)
    return std::nullopt;
  auto out = entry(e.seq(), e.time_us());
  out.set_config(change);
  return out;
}

std::optional<msg::ExplainEntry>
explainer::on_files(const msg::Event& e) const {
  if (!fingerprint_)
    return std::nullopt;
  msg::Event mine;
  for (const auto& change : e.files_changed().changes())
    if (std::find(targets_.begin(), targets_.end(),
                  from_proto(change.target())) != targets_.end())
      *mine.mutable_files_changed()->add_changes() = change;
  if (!mine.has_files_changed())
    return std::nullopt;
  mine.set_seq(e.seq());
  mine.set_time_us(e.time_us());
  auto out = entry(e.seq(), e.time_us());
  *out.mutable_event() = std::move(mine);
  return out;
}

std::optional<msg::ExplainEntry>
explainer::on_decision(const msg::DecisionPoint& point, const engine& en) {
  for (int i = 0; i < point.granted_size(); ++i) {
    if (point.granted(i) != name_)
      continue;
    auto out = entry(point.seq(), point.time_us());
    auto* g = out.mutable_granted();
    g->set_manifest(name_);
    if (i < point.granted_builders_size())
      g->set_builder(point.granted_builders(i));
    const auto& reasons = en.last_grant_reasons();
    if (static_cast<std::size_t>(i) < reasons.size())
      for (auto& id : reason_ids(reasons[static_cast<std::size_t>(i)]))
        g->add_reasons(std::move(id));
    hold_.reset();
    return out;
  }
  if (point.holds_unchanged())
    return std::nullopt;
  const auto& holds = en.last_decision().holds();
  auto now = std::find_if(holds.begin(), holds.end(),
                          [&](const auto& h) { return h.manifest() == name_; });
  auto out = entry(point.seq(), point.time_us());
  if (now != holds.end()) {
    if (hold_ && same_hold(*hold_, *now))
      return std::nullopt;
    hold_ = *now;
    *out.mutable_held() = *now;
    return out;
  }
  if (!hold_)
    return std::nullopt;
  *out.mutable_released() = std::move(*hold_);
  hold_.reset();
  return out;
}

} // namespace actordev::replay
