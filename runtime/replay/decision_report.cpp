#include "runtime/replay/decision_report.hpp"

#include "runtime/build_status.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace actordev::replay {

namespace {

constexpr std::array<std::pair<unsigned, std::string_view>, 5> reason_table{{
    {reason_init, "initial"},
    {reason_changed_files, "files-changed"},
    {reason_changed_deps, "deps-changed"},
    {reason_config, "config-changed"},
    {reason_trigger, "triggered"},
}};

using holds_field = google::protobuf::RepeatedPtrField<msg::Hold>;

/// The holds by manifest name (views into `holds`).
std::unordered_map<std::string_view, const msg::Hold*>
by_manifest(const holds_field& holds) {
  std::unordered_map<std::string_view, const msg::Hold*> out;
  out.reserve(static_cast<std::size_t>(holds.size()));
  for (const auto& h : holds)
    out.emplace(h.manifest(), &h);
  return out;
}

bool granted(const msg::DecisionPoint& point, std::string_view name) {
  return std::find(point.granted().begin(), point.granted().end(), name) !=
         point.granted().end();
}

void add_hold_changes(const holds_field& before, const holds_field& after,
                      const msg::DecisionPoint& point,
                      msg::DecisionReport& out) {
  // One map of the old holds; those the new ones match leave it, so what
  // is left ended.
  auto old = by_manifest(before);
  for (const auto& h : after) {
    auto was = old.find(h.manifest());
    if (was == old.end()) {
      *out.add_held() = h;
      continue;
    }
    if (!same_hold(*was->second, h))
      *out.add_held() = h;
    old.erase(was);
  }
  for (const auto& h : before)
    if (old.contains(h.manifest()) && !granted(point, h.manifest()))
      *out.add_released() = h;
}

} // namespace

std::vector<std::string> reason_ids(unsigned reasons) {
  std::vector<std::string> out;
  for (const auto& [flag, id] : reason_table)
    if (reasons & flag)
      out.emplace_back(id);
  return out;
}

msg::DecisionReport report_decision(const engine& en,
                                    const msg::DecisionPoint& point) {
  msg::DecisionReport out;
  out.set_seq(point.seq());
  out.set_time_us(point.time_us());
  const auto& reasons = en.last_grant_reasons();
  for (int i = 0; i < point.granted_size(); ++i) {
    auto* g = out.add_granted();
    g->set_manifest(point.granted(i));
    if (i < point.granted_builders_size())
      g->set_builder(point.granted_builders(i));
    auto at = static_cast<std::size_t>(i);
    if (at < reasons.size())
      for (auto& id : reason_ids(reasons[at]))
        g->add_reasons(std::move(id));
  }
  if (!point.holds_unchanged())
    add_hold_changes(en.decision_before().holds(), en.last_decision().holds(),
                     point, out);
  return out;
}

bool same_hold(const msg::Hold& a, const msg::Hold& b) {
  auto same_ref = [](const msg::TargetRef& x, const msg::TargetRef& y) {
    return x.type() == y.type() && x.name() == y.name();
  };
  return a.manifest() == b.manifest() && a.reason() == b.reason() &&
         std::equal(a.waiting_on().begin(), a.waiting_on().end(),
                    b.waiting_on().begin(), b.waiting_on().end(), same_ref);
}

bool empty(const msg::DecisionReport& r) {
  return r.granted().empty() && r.held().empty() && r.released().empty();
}

} // namespace actordev::replay
