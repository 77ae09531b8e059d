#include "runtime/replay/state_snapshot.hpp"

#include "runtime/replay/decision_report.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace actordev::replay {

namespace {

msg::BuildSnapshot build_snapshot(const build_record& b) {
  msg::BuildSnapshot out;
  out.set_started_us(b.started);
  out.set_finished_us(b.finished);
  out.set_kind(b.kind);
  out.set_error(b.error);
  for (const auto& t : b.rebuilding)
    *out.add_rebuilding() = to_proto(t);
  return out;
}

void add_pending(const target_build_status& t, msg::ManifestSnapshot& out) {
  if (!t.has_pending_files() && !t.has_pending_dep_change())
    return;
  auto* p = out.add_pending();
  *p->mutable_target() = to_proto(t.target);
  for (const auto& [path, seen] : t.pending_files) // a std::map: sorted
    p->add_paths(path);
  p->set_earliest_us(t.earliest_pending().value_or(0));
  p->set_dep_changed_us(t.pending_dep_change.value_or(0));
}

msg::ManifestSnapshot manifest_snapshot(
    const engine_state& s, std::size_t i,
    const std::unordered_map<std::string_view, const msg::Hold*>& holds) {
  const auto& spec = s.manifests[i];
  const auto& b = s.builds[i];
  msg::ManifestSnapshot out;
  out.set_name(spec.name());
  out.set_type(spec.type());
  out.set_uncategorized(s.manifests.traits(i).uncategorized);
  out.set_trigger_mode(spec.trigger_mode());
  out.set_enable(s.enable[i]);
  if (b.current)
    *out.mutable_current() = build_snapshot(*b.current);
  if (b.last)
    *out.mutable_last_build() = build_snapshot(*b.last);
  for (const auto& t : b.targets)
    add_pending(t, out);
  out.set_pending_config_us(b.pending_config_change.value_or(0));
  for (auto& id : reason_ids(s.next_build_reason(i)))
    out.add_needs_build(std::move(id));
  *out.mutable_runtime() = to_snapshot(s.runtimes[i]);
  out.set_ever_ready(s.ever_ready[i] != 0);
  if (auto h = holds.find(spec.name()); h != holds.end())
    *out.mutable_hold() = *h->second;
  return out;
}

template <class Map, class F>
void add_sorted(const Map& m, F&& add) {
  std::vector<const typename Map::value_type*> entries;
  entries.reserve(m.size());
  for (const auto& kv : m)
    entries.push_back(&kv);
  std::sort(entries.begin(), entries.end(),
            [](auto* a, auto* b) { return a->first < b->first; });
  for (const auto* kv : entries)
    add(kv->first, kv->second);
}

void add_config(const config_state& c, msg::StateSnapshot& out) {
  out.set_config_path(c.path);
  out.set_max_parallel_updates(c.max_parallel_updates);
  out.set_config_edit_us(c.pending_change.value_or(0));
  for (const auto& e : c.last_errors)
    *out.add_config_errors() = e;
}

} // namespace

msg::RuntimeSnapshot to_snapshot(const runtime_state& rt) {
  msg::RuntimeSnapshot out;
  out.set_status(rt.status);
  out.set_ready(rt.ready);
  out.set_succeeded(rt.succeeded);
  out.set_error(rt.error);
  return out;
}

msg::StateSnapshot snapshot(const engine& en, std::uint64_t seq) {
  const auto& s = en.state();
  msg::StateSnapshot out;
  out.set_seq(seq);
  out.set_time_us(s.now);
  add_config(s.config, out);
  std::unordered_map<std::string_view, const msg::Hold*> holds;
  for (const auto& h : en.last_decision().holds())
    holds.emplace(h.manifest(), &h);
  for (std::size_t i = 0; i < s.manifests.size(); ++i)
    *out.add_manifests() = manifest_snapshot(s, i, holds);
  add_sorted(s.clusters, [&](const std::string& name, const cluster_state& c) {
    auto* cs = out.add_clusters();
    cs->set_name(name);
    cs->set_arch(c.arch);
    cs->set_error(c.error);
  });
  add_sorted(s.live_updates,
             [&](const std::string& name, const live_update_state& l) {
               auto* lu = out.add_live_updates();
               lu->set_name(name);
               for (const auto& src : l.sources)
                 lu->add_sources(src);
               lu->set_failed(l.failed);
             });
  for (auto& name : s.triggered_names())
    out.add_trigger_queue(std::move(name));
  return out;
}

} // namespace actordev::replay
