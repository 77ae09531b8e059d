#include "runtime/watch/window_batcher.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace actordev::watch {

batch_window window_of(const config::local_resource& r,
                       const config::watch_settings& settings) {
  return {.quiet = r.quiet.value_or(settings.quiet),
          .max_batch = settings.max_batch};
}

window_batcher::window_batcher(watch_map map,
                               const config::project_config& config)
    : map_(std::move(map)) {
  const auto& s = config.settings.watch;
  for (const auto& r : config.resources)
    targets_.push_back(
        {.target = {.kind = target_kind::resource, .name = r.name},
         .window = window_index(window_of(r, s))});
  // Last: it is also the window of anything the config does not name.
  targets_.push_back(
      {.target = {.kind = target_kind::config, .name = config.path},
       .window = window_index({.quiet = s.quiet, .max_batch = s.max_batch})});
}

std::size_t window_batcher::window_index(const batch_window& w) {
  for (std::size_t i = 0; i < windows_.size(); ++i)
    if (windows_[i].window == w)
      return i;
  windows_.push_back(
      {.window = w, .batcher = change_batcher{w.quiet, w.max_batch}});
  return windows_.size() - 1;
}

const window_batcher::target_window*
window_batcher::find(const watch_target& t) const {
  auto it =
      std::find_if(targets_.begin(), targets_.end(),
                   [&](const target_window& tw) { return tw.target == t; });
  return it == targets_.end() ? nullptr : &*it;
}

std::vector<std::size_t>
window_batcher::windows_for(const std::vector<watch_target>& ts) const {
  std::vector<std::size_t> out;
  for (const auto& t : ts) {
    const target_window* tw = find(t);
    std::size_t w = tw ? tw->window : targets_.back().window;
    if (std::find(out.begin(), out.end(), w) == out.end())
      out.push_back(w);
  }
  return out;
}

bool window_batcher::add(std::string_view path, std::int64_t time_us,
                         path_kind kind) {
  auto targets = map_.targets_for(path, kind);
  for (std::size_t w : windows_for(targets))
    windows_[w].batcher.add(path, time_us, kind);
  return !targets.empty();
}

void window_batcher::overflow(std::string_view root, std::int64_t time_us) {
  for (std::size_t w :
       windows_for(map_.targets_for(root, path_kind::directory)))
    windows_[w].batcher.overflow(root, time_us);
}

std::optional<std::int64_t> window_batcher::next_deadline() const {
  std::optional<std::int64_t> out;
  for (const auto& w : windows_)
    if (auto d = w.batcher.next_deadline(); d && (!out || *d < *out))
      out = d;
  return out;
}

std::optional<routed_batch> window_batcher::due(std::int64_t now_us) {
  routed_batch out;
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (auto batch = windows_[w].batcher.due(now_us))
      take_share(w, *batch, out);
  if (out.changes.empty())
    return std::nullopt;
  sort_by_config_order(out.changes);
  return out;
}

std::optional<routed_batch> window_batcher::flush() {
  return due(std::numeric_limits<std::int64_t>::max());
}

void window_batcher::take_share(std::size_t window, const change_batch& batch,
                                routed_batch& out) const {
  bool first = out.changes.empty();
  bool took = false;
  for (auto& share : map_.route(batch)) {
    const target_window* tw = find(share.target);
    // The batch of another window holds this target's share of the same
    // changes: taking it here too would report them twice.
    if ((tw ? tw->window : targets_.back().window) != window)
      continue;
    out.changes.push_back(std::move(share));
    took = true;
  }
  if (!took)
    return;
  out.overflow = out.overflow || batch.overflow;
  out.first_us =
      first ? batch.first_us : std::min(out.first_us, batch.first_us);
  out.last_us = first ? batch.last_us : std::max(out.last_us, batch.last_us);
}

void window_batcher::sort_by_config_order(
    std::vector<target_changes>& changes) const {
  auto rank = [&](const target_changes& c) {
    const target_window* tw = find(c.target);
    return tw ? tw - targets_.data() : std::ptrdiff_t(targets_.size());
  };
  std::stable_sort(
      changes.begin(), changes.end(),
      [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

} // namespace actordev::watch
