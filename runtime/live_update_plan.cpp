#include "runtime/live_update_plan.hpp"

#include "runtime/path_match.hpp"

#include <algorithm>

namespace actordev {

namespace {

template <class Roots>
const std::string* root_of(const std::string& path, const Roots& roots) {
  for (const auto& root : roots)
    if (path_under(path, root))
      return &root;
  return nullptr;
}

live_update_plan rebuild(std::string why) {
  live_update_plan out;
  out.what = live_update_plan::action::full_rebuild;
  out.why = std::move(why);
  return out;
}

bool triggered(const msg::RunStep& run,
               const std::vector<const changed_file*>& changes) {
  if (run.trigger().empty())
    return true;
  return std::any_of(changes.begin(), changes.end(), [&](const auto* c) {
    return root_of(c->path, run.trigger()) != nullptr;
  });
}

} // namespace

const std::string* fall_back_root(const msg::LiveUpdateSpec& spec,
                                  const std::string& path) {
  return root_of(path, spec.fall_back_on());
}

bool synced(const msg::LiveUpdateSpec& spec, const std::string& path) {
  return std::any_of(
      spec.syncs().begin(), spec.syncs().end(),
      [&](const auto& s) { return path_under(path, s.local()); });
}

std::string remote_path(const msg::SyncStep& sync, const std::string& path) {
  std::string out = sync.remote();
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  std::string_view local = sync.local();
  while (local.size() > 1 && local.back() == '/')
    local.remove_suffix(1);
  auto rest =
      std::string_view(path).substr(std::min(local.size(), path.size()));
  while (!rest.empty() && rest.front() == '/')
    rest.remove_prefix(1);
  if (rest.empty())
    return out;
  if (out.empty() || out.back() != '/')
    out += '/';
  out += rest;
  return out;
}

live_update_plan plan_live_update(const msg::LiveUpdateSpec& spec,
                                  const std::vector<std::string>& watched,
                                  const std::vector<changed_file>& changes) {
  // What the build does not watch does not concern it.
  std::vector<const changed_file*> seen;
  for (const auto& c : changes)
    if (root_of(c.path, watched))
      seen.push_back(&c);
  if (seen.empty())
    return {};
  for (const auto* c : seen)
    if (const auto* root = fall_back_root(spec, c->path))
      return rebuild(c->path + " matches fall_back_on " + *root);
  live_update_plan out;
  out.what = live_update_plan::action::live_update;
  for (const auto* c : seen)
    if (!synced(spec, c->path))
      return rebuild(c->path +
                     " is watched by the build but no sync covers it");
  for (const auto* c : seen)
    for (const auto& sync : spec.syncs()) {
      if (!path_under(c->path, sync.local()))
        continue;
      auto remote = remote_path(sync, c->path);
      if (c->exists)
        out.copies.push_back({c->path, std::move(remote)});
      else
        out.deletions.push_back(std::move(remote));
    }
  for (int k = 0; k < spec.runs_size(); ++k)
    if (triggered(spec.runs(k), seen))
      out.runs.push_back(static_cast<std::size_t>(k));
  out.restart = spec.restart_container();
  return out;
}

} // namespace actordev
