#include "runtime/watch/watch_map.hpp"

#include "runtime/path_match.hpp"

#include <algorithm>
#include <utility>

namespace actordev::watch {

namespace {

/// `paths` sorted, once each, without those below another.
std::vector<std::string> collapsed(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (auto& p : paths) {
    bool nested = std::any_of(out.begin(), out.end(), [&](const auto& kept) {
      return path_under(p, kept);
    });
    if (!nested)
      out.push_back(std::move(p));
  }
  return out;
}

void append(std::vector<ignore_error>& to, std::vector<ignore_error> from) {
  for (auto& e : from)
    to.push_back(std::move(e));
}

} // namespace

void watch_map::add_resource(std::string name,
                             const std::vector<std::string>& deps) {
  entries_.push_back(
      {.target = {.kind = target_kind::resource, .name = std::move(name)},
       .deps = collapsed(deps)});
}

void watch_map::add_image(std::string name,
                          const std::vector<std::string>& roots) {
  entries_.push_back(
      {.target = {.kind = target_kind::image, .name = std::move(name)},
       .deps = collapsed(roots)});
}

void watch_map::add_config_file(std::string name, std::string path) {
  for (auto& e : entries_)
    if (e.target.kind == target_kind::config && e.target.name == name) {
      e.deps.push_back(std::move(path));
      e.deps = collapsed(std::move(e.deps));
      return;
    }
  entries_.push_back(
      {.target = {.kind = target_kind::config, .name = std::move(name)},
       .deps = {std::move(path)}});
}

std::vector<watch_target> watch_map::targets_for(std::string_view path,
                                                 path_kind kind) const {
  bool common_ignored = rules_.check(path, kind).ignored;
  std::vector<watch_target> out;
  for (const auto& e : entries_)
    if (owns(e, path, common_ignored))
      out.push_back(e.target);
  return out;
}

bool watch_map::wanted(std::string_view path, path_kind kind) const {
  bool common_ignored = rules_.check(path, kind).ignored;
  return std::any_of(entries_.begin(), entries_.end(), [&](const entry& e) {
    return owns(e, path, common_ignored);
  });
}

bool watch_map::owns(const entry& e, std::string_view path,
                     bool common_ignored) const {
  // A path stands for everything below it, so a change to a folder that
  // holds a dep is a change of the dep.
  bool related = std::any_of(e.deps.begin(), e.deps.end(), [&](const auto& d) {
    return path_under(path, d) || path_under(d, path);
  });
  if (!related || e.target.kind == target_kind::config)
    return related;
  if (common_ignored)
    return false;
  if (e.target.kind == target_kind::image)
    return !rules_.check_resource(path, ignore_rules::image_key(e.target.name))
                .ignored;
  return !rules_.check_resource(path, e.target.name).ignored;
}

std::vector<target_changes> watch_map::route(const change_batch& batch) const {
  std::vector<bool> common_ignored;
  for (const auto& c : batch.changes)
    common_ignored.push_back(rules_.check(c.path, c.kind).ignored);
  std::vector<target_changes> out;
  for (const auto& e : entries_) {
    target_changes share{.target = e.target, .paths = {}};
    for (std::size_t i = 0; i < batch.changes.size(); ++i)
      if (owns(e, batch.changes[i].path, common_ignored[i]))
        add_share(e, batch.changes[i].path, share.paths);
    if (share.paths.empty())
      continue;
    std::sort(share.paths.begin(), share.paths.end());
    share.paths.erase(std::unique(share.paths.begin(), share.paths.end()),
                      share.paths.end());
    out.push_back(std::move(share));
  }
  return out;
}

void watch_map::add_share(const entry& e, std::string_view path,
                          std::vector<std::string>& out) const {
  bool inside = std::any_of(e.deps.begin(), e.deps.end(),
                            [&](const auto& d) { return path_under(path, d); });
  if (inside) {
    out.emplace_back(path);
    return;
  }
  for (const auto& d : e.deps)
    if (path_under(d, path))
      out.push_back(d);
}

std::vector<std::string> watch_map::roots() const {
  std::vector<std::string> all;
  for (const auto& e : entries_)
    all.insert(all.end(), e.deps.begin(), e.deps.end());
  return collapsed(std::move(all));
}

built_watch_map make_watch_map(const config::project_config& config,
                               std::string_view ignore_file_text) {
  ignore_rules rules{config.dir};
  std::vector<ignore_error> errors =
      rules.add_settings(config.settings.watch.ignore);
  append(errors, rules.set_ignore_file(ignore_file_text));
  for (const auto& r : config.resources)
    append(errors, rules.add_resource(r.name, r.ignore));
  for (const auto& img : config.images)
    append(errors, rules.add_image(img.name, img.ignore));
  watch_map map{std::move(rules)};
  for (const auto& r : config.resources)
    map.add_resource(r.name, r.deps);
  for (const auto& img : config.images)
    map.add_image(img.name, img.watched());
  map.add_config_file(config.path, config.path);
  for (const auto& file : config.k8s_files()) // their objects are config
    map.add_config_file(config.path, file);
  std::string dir = config.dir == "/" ? "" : config.dir;
  map.add_config_file(config.path, dir + "/.actordevignore");
  return {.map = std::move(map), .errors = std::move(errors)};
}

} // namespace actordev::watch
