#include "runtime/config/resource_graph.hpp"

#include "runtime/config/suggest.hpp"

#include <unordered_map>

namespace actordev::config {

namespace {

using name_index = std::unordered_map<std::string_view, std::size_t>;

// Resource names to their position in the config (the first one wins if a
// broken config defines a name twice).
name_index index_names(const project_config& cfg) {
  name_index out;
  for (std::size_t i = 0; i < cfg.resources.size(); ++i)
    out.emplace(cfg.resources[i].name, i);
  return out;
}

std::vector<std::string> all_names(const project_config& cfg) {
  std::vector<std::string> out;
  for (const auto& r : cfg.resources)
    out.push_back(r.name);
  return out;
}

void check_known(const project_config& cfg, const name_index& index,
                 std::vector<config_error>& out) {
  const auto names = all_names(cfg);
  for (const auto& r : cfg.resources)
    for (const auto& d : r.resource_deps) {
      if (index.contains(d.name))
        continue;
      auto hint = did_you_mean(d.name, names);
      out.push_back({cfg.path, d.position.line, d.position.column,
                     "resource '" + r.name + "' depends on '" +
                         shorten(d.name) +
                         "', which is not a resource in this config",
                     hint.empty() ? "define '" + shorten(d.name) +
                                        "' under resources:, or remove it "
                                        "from resource_deps"
                                  : hint});
    }
}

enum class mark { unvisited, on_path, done };

// The cycle closed by an edge from the top of `path` back to `to`.
std::string cycle_text(const project_config& cfg,
                       const std::vector<std::size_t>& path, std::size_t to) {
  std::string out;
  bool in_cycle = false;
  for (std::size_t n : path) {
    in_cycle = in_cycle || n == to;
    if (in_cycle)
      out += cfg.resources[n].name + " -> ";
  }
  return out + cfg.resources[to].name;
}

// Depth-first from `root`, iteratively (a generated config may chain
// thousands of resources). Every edge back onto the path is a cycle.
void walk(const project_config& cfg, const name_index& index, std::size_t root,
          std::vector<mark>& marks, std::vector<config_error>& out) {
  std::vector<std::size_t> path{root};
  std::vector<std::size_t> next_dep{0};
  marks[root] = mark::on_path;
  while (!path.empty()) {
    const std::size_t n = path.back();
    const auto& deps = cfg.resources[n].resource_deps;
    if (next_dep.back() == deps.size()) {
      marks[n] = mark::done;
      path.pop_back();
      next_dep.pop_back();
      continue;
    }
    const resource_dep& d = deps[next_dep.back()++];
    auto it = index.find(d.name);
    if (it == index.end())
      continue;
    if (marks[it->second] == mark::on_path) {
      out.push_back(
          {cfg.path, d.position.line, d.position.column,
           "resource_deps form a cycle: " + cycle_text(cfg, path, it->second),
           "resources in a cycle would wait for each other "
           "forever: remove one of these dependencies"});
    } else if (marks[it->second] == mark::unvisited) {
      marks[it->second] = mark::on_path;
      path.push_back(it->second);
      next_dep.push_back(0);
    }
  }
}

config_error unknown_resource(const project_config& cfg,
                              const std::string& name) {
  const auto names = all_names(cfg);
  auto hint = did_you_mean(name, names);
  if (hint.empty())
    hint = names.empty() ? "the config defines no resources"
                         : "the resources are: " + join(names);
  return {cfg.path, 0, 0,
          "no resource named '" + shorten(name) + "' in " + cfg.path, hint};
}

} // namespace

std::vector<config_error> check_resource_deps(const project_config& cfg) {
  std::vector<config_error> out;
  const auto index = index_names(cfg);
  check_known(cfg, index, out);
  std::vector<mark> marks(cfg.resources.size(), mark::unvisited);
  for (std::size_t i = 0; i < cfg.resources.size(); ++i)
    if (marks[i] == mark::unvisited)
      walk(cfg, index, i, marks, out);
  return out;
}

result<std::vector<std::string>, config_error>
select_resources(const project_config& cfg,
                 const std::vector<std::string>& names) {
  const auto index = index_names(cfg);
  std::vector<bool> chosen(cfg.resources.size(), names.empty());
  std::vector<std::size_t> todo;
  for (const auto& name : names) {
    auto it = index.find(name);
    if (it == index.end()) {
      return result<std::vector<std::string>, config_error>::failure(
          unknown_resource(cfg, name));
    }
    todo.push_back(it->second);
  }
  while (!todo.empty()) {
    const std::size_t n = todo.back();
    todo.pop_back();
    if (chosen[n])
      continue;
    chosen[n] = true;
    for (const auto& d : cfg.resources[n].resource_deps)
      if (auto it = index.find(d.name); it != index.end())
        todo.push_back(it->second);
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < cfg.resources.size(); ++i)
    if (chosen[i])
      out.push_back(cfg.resources[i].name);
  return out;
}

} // namespace actordev::config
