#include "runtime/config/k8s_reader.hpp"

#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <algorithm>

namespace actordev::config::detail {

namespace {

/// A string or a list of strings, with where each was written.
std::vector<list_item> read_one_or_many(yaml_reader& r, const entry& e,
                                        std::string_view owner) {
  std::vector<list_item> items;
  if (e.value.IsScalar()) {
    if (auto v = read_string(r, e, owner))
      items.push_back({*v, e.value.Mark()});
  } else if (auto list = read_string_items(r, e, owner)) {
    items = std::move(*list);
  }
  return items;
}

std::vector<located_path> read_files(yaml_reader& r, const entry& e,
                                     std::string_view owner,
                                     std::string_view base) {
  std::vector<located_path> out;
  auto add = [&](std::string path, const YAML::Mark& mark) {
    auto same = [&](const located_path& p) { return p.path == path; };
    if (std::none_of(out.begin(), out.end(), same))
      out.push_back({std::move(path), to_position(mark)});
  };
  if (e.value.IsScalar()) {
    if (auto path = read_path(r, e, owner, base))
      add(std::move(*path), e.value.Mark());
  } else if (auto paths = read_path_list(r, e, owner, base)) {
    for (std::size_t i = 0; i < paths->size(); ++i)
      add(std::move((*paths)[i]), e.value[i].Mark());
  }
  return out;
}

/// A valid Kubernetes label value (the resource's name labels its pods).
bool label_value(std::string_view v) {
  auto alnum = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9');
  };
  return !v.empty() && v.size() <= 63 && alnum(v.front()) && alnum(v.back());
}

} // namespace

void read_k8s(yaml_reader& r, const entry& e, local_resource& res,
              std::string_view base) {
  const std::string owner = "in the k8s of resource '" + res.name + "'";
  if (!expect_map(r, e, owner) || !e.value.IsMap())
    return;
  if (!label_value(res.name))
    r.error(e.key.Mark(),
            "resource name '" + shorten(res.name) +
                "' cannot name Kubernetes objects: it labels the pods, and a "
                "label value is at most 63 characters and starts and ends "
                "with a letter or digit",
            "rename the resource, e.g. 'web'");
  auto map = entries(r, e.value, owner);
  check_keys(r, map, {"workload", "yaml", "image", "pod_readiness"}, {}, owner);
  const entry* workload = find(map, "workload");
  const entry* yaml = find(map, "yaml");
  if (!workload == !yaml) {
    r.error(e.key.Mark(),
            "the k8s of resource '" + shorten(res.name) + "' needs " +
                (workload ? "one of 'workload' and 'yaml', not both"
                          : "'workload' or 'yaml'"),
            "write k8s: {yaml: k8s/web.yaml} for its own files, or k8s: "
            "{workload: web} for a workload of k8s_yaml");
    return;
  }
  k8s_spec spec;
  if (workload) {
    auto name = read_string(r, *workload, owner);
    if (!name)
      return;
    spec.workload = *name;
    spec.workload_position = to_position(workload->value.Mark());
  } else {
    auto errors = r.error_count();
    spec.yaml = read_files(r, *yaml, owner, base);
    if (spec.yaml.empty()) {
      if (r.error_count() == errors)
        r.error(*yaml,
                "the k8s of resource '" + shorten(res.name) +
                    "' lists no YAML file",
                "list the files with its objects, e.g. yaml: [k8s/web.yaml]");
      return;
    }
  }
  if (const entry* image = find(map, "image"))
    for (auto& item : read_one_or_many(r, *image, owner)) {
      auto same = [&](const resource_dep& d) { return d.name == item.text; };
      if (std::none_of(spec.images.begin(), spec.images.end(), same))
        spec.images.push_back({std::move(item.text), to_position(item.mark)});
    }
  if (const entry* readiness = find(map, "pod_readiness")) {
    auto i = read_choice(r, *readiness, owner, {"wait", "ignore"});
    if (!i)
      return;
    spec.readiness = *i == 0 ? pod_readiness::wait : pod_readiness::ignore;
  }
  res.k8s = std::move(spec);
}

void read_k8s_yaml(yaml_reader& r, const entry& e, project_config& cfg) {
  cfg.k8s_yaml = read_files(r, e, "at the top level", cfg.dir);
}

} // namespace actordev::config::detail
