// The config handlers: loading a config diffs it against the running one.
#include "runtime/reducer.hpp"

#include <algorithm>
#include <unordered_set>

namespace actordev {

namespace {

/// The serialized form of a manifest and its images: equal bytes, equal
/// config (the messages hold no maps, so serialization is deterministic).
std::string fingerprint(const msg::ManifestSpec& m, const manifest_table& t) {
  std::string out = m.SerializeAsString();
  for (const auto& name : m.images())
    if (const auto* img = t.image(name))
      out += img->SerializeAsString();
  return out;
}

manifest_builds fresh_builds(const manifest_table& t, std::size_t i) {
  manifest_builds b;
  for (auto& ref : t.targets_of(i))
    b.targets.push_back(target_build_status{std::move(ref), {}, {}, {}});
  return b;
}

/// Keeps the status of every target the manifest still has.
manifest_builds carry_over(manifest_builds old, const manifest_table& t,
                           std::size_t i) {
  manifest_builds b = fresh_builds(t, i);
  for (auto& target : b.targets)
    if (auto* prev = old.find(target.target))
      target = std::move(*prev);
  b.current = std::move(old.current);
  b.last = std::move(old.last);
  b.pending_config_change = old.pending_config_change;
  return b;
}

/// The per-manifest vectors of the next state, in the new config order.
struct next_vectors {
  std::vector<manifest_builds> builds;
  std::vector<runtime_state> runtimes;
  std::vector<char> ever_ready;
  std::vector<msg::EnableState> enable;

  /// Manifest i of `t` is new: it starts from nothing.
  void add_new(const manifest_table& t, std::size_t i, msg::EnableState e) {
    builds.push_back(fresh_builds(t, i));
    runtimes.emplace_back();
    ever_ready.push_back(0);
    enable.push_back(e);
  }

  /// Manifest i of `t` was manifest `old` of `s`: it keeps its state.
  void carry(engine_state& s, std::size_t old, const manifest_table& t,
             std::size_t i) {
    builds.push_back(carry_over(std::move(s.builds[old]), t, i));
    runtimes.push_back(std::move(s.runtimes[old]));
    ever_ready.push_back(s.ever_ready[old]);
    enable.push_back(s.enable[old]);
  }

  void install(engine_state& s) {
    s.builds = std::move(builds);
    s.runtimes = std::move(runtimes);
    s.ever_ready = std::move(ever_ready);
    s.enable = std::move(enable);
  }
};

/// A load of the file as read at `read_us` (0: now) covers the edits seen
/// until then; a later one stays pending.
void settle_config_change(config_state& c, time_us read_us) {
  if (c.pending_change && (read_us == 0 || *c.pending_change <= read_us))
    c.pending_change.reset();
}

} // namespace

void apply(engine_state& s, const msg::ConfigLoaded& e) {
  manifest_table next;
  next.assign({e.manifests().begin(), e.manifests().end()},
              {e.images().begin(), e.images().end()});
  std::unordered_set<std::string> disabled(e.disabled().begin(),
                                           e.disabled().end());
  next_vectors v;
  std::vector<std::optional<std::size_t>> new_index(s.manifests.size());
  for (std::size_t i = 0; i < next.size(); ++i) {
    const auto& spec = next[i];
    auto old = s.manifests.find(spec.name());
    if (!old) {
      v.add_new(next, i,
                disabled.count(spec.name()) ? msg::ENABLE_DISABLED
                                            : msg::ENABLE_ENABLED);
      continue;
    }
    new_index[*old] = i;
    v.carry(s, *old, next, i);
    if (fingerprint(s.manifests[*old], s.manifests) != fingerprint(spec, next))
      v.builds.back().pending_config_change = s.now;
  }
  s.triggers.reindex(new_index, next.size());
  s.manifests = std::move(next);
  v.install(s);
  s.config.path = e.config_path();
  s.config.max_parallel_updates = std::max(1, e.max_parallel_updates());
  settle_config_change(s.config, e.read_us());
  s.config.last_errors.clear();
  s.refresh_all();
}

void apply(engine_state& s, const msg::ConfigLoadFailed& e) {
  settle_config_change(s.config, e.read_us());
  s.config.last_errors.assign(e.errors().begin(), e.errors().end());
}

} // namespace actordev
