#include "runtime/build_status.hpp"

#include <algorithm>

namespace actordev {

namespace {

void keep_earliest(std::optional<time_us>& acc, std::optional<time_us> t) {
  if (t && (!acc || *t < *acc))
    acc = t;
}

} // namespace

std::optional<time_us> target_build_status::earliest_of_files() const {
  std::optional<time_us> out = pending_dep_change;
  for (const auto& [path, t] : pending_files)
    keep_earliest(out, t);
  return out;
}

void target_build_status::consume_changes_until(time_us t) {
  std::erase_if(pending_files, [t](const auto& f) { return f.second <= t; });
  if (pending_dep_change && *pending_dep_change <= t)
    pending_dep_change.reset();
}

bool manifest_builds::has_pending_files() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const auto& t) { return t.has_pending_files(); });
}

bool manifest_builds::has_pending_dep_changes() const {
  return std::any_of(targets.begin(), targets.end(),
                     [](const auto& t) { return t.has_pending_dep_change(); });
}

std::optional<time_us> manifest_builds::earliest_pending() const {
  std::optional<time_us> out = pending_config_change;
  for (const auto& t : targets)
    keep_earliest(out, t.earliest_pending());
  return out;
}

target_build_status* manifest_builds::find(const target_ref& t) {
  auto i = std::find_if(targets.begin(), targets.end(),
                        [&](const auto& s) { return s.target == t; });
  return i == targets.end() ? nullptr : &*i;
}

const target_build_status* manifest_builds::find(const target_ref& t) const {
  return const_cast<manifest_builds*>(this)->find(t);
}

void forget_builds(manifest_builds& b) {
  for (auto& t : b.targets) {
    t.pending_files.clear();
    t.pending_dep_change.reset();
    t.last_result = msg::RESULT_NONE;
  }
  b.last.reset();
  b.pending_config_change.reset();
}

} // namespace actordev
