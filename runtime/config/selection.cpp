#include "runtime/config/selection.hpp"

#include "runtime/config/config_messages.hpp"
#include "runtime/config/resource_graph.hpp"
#include "runtime/manifest_table.hpp"

#include <unordered_set>

namespace actordev::config {

result<msg::ConfigLoaded, config_error>
selected_config_loaded(const project_config& cfg,
                       const std::vector<std::string>& names) {
  auto selected = select_resources(cfg, names);
  if (!selected)
    return result<msg::ConfigLoaded, config_error>::failure(selected.error());
  auto out = to_config_loaded(cfg);
  std::unordered_set<std::string> keep(selected.value().begin(),
                                       selected.value().end());
  // Kubernetes resources need what `uncategorized` holds (namespaces,
  // config maps): selecting one selects it too.
  for (const auto& name : selected.value())
    if (const auto* r = cfg.find(name); r && r->k8s) {
      keep.insert(std::string{uncategorized_name});
      break;
    }
  for (const auto& m : out.manifests())
    if (!keep.count(m.name()))
      out.add_disabled(m.name());
  return out;
}

} // namespace actordev::config
