#include "runtime/k8s/k8s_resolve.hpp"

#include "runtime/config/suggest.hpp"
#include "runtime/k8s/image_injection.hpp"
#include "runtime/k8s/k8s_objects.hpp"
#include "runtime/manifest_table.hpp"

#include <algorithm>
#include <cctype>

namespace actordev::k8s {

namespace {

using config::config_error;
using config::k8s_object;

std::string lower(std::string s) {
  for (auto& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

/// How an object is named to the user: "Deployment web" (in namespace).
std::string describe(const k8s_object& o) {
  return o.kind + " " + o.name +
         (o.name_space.empty() ? "" : " (namespace " + o.name_space + ")");
}

/// The identity of an object in the cluster.
std::string identity(const k8s_object& o) {
  return lower(o.kind) + "/" + o.name_space + "/" + o.name;
}

struct resolver {
  config::project_config& cfg;
  const std::map<std::string, file_text>& files;
  std::vector<config_error> errors;
  std::map<std::string, std::vector<k8s_object>> read; ///< by file
  std::map<std::string, std::string> owner; ///< identity → resource

  void error(config::position at, std::string message, std::string hint) {
    errors.push_back(
        {cfg.path, at.line, at.column, std::move(message), std::move(hint)});
  }

  /// The objects of `file`, read once; nullptr after an error.
  const std::vector<k8s_object>* objects_of(const config::located_path& f) {
    if (auto i = read.find(f.path); i != read.end())
      return &i->second;
    auto text = files.find(f.path);
    if (text == files.end() || !text->second.error.empty()) {
      error(f.position,
            "cannot read the Kubernetes YAML '" + f.path + "': " +
                (text == files.end() ? std::string{"it was not read"}
                                     : text->second.error),
            "check the path (relative paths start at the config's folder)");
      read[f.path]; // reported once
      return nullptr;
    }
    auto split = split_objects(text->second.text, f.path);
    if (!split) {
      errors.push_back(split.error());
      read[f.path];
      return nullptr;
    }
    return &(read[f.path] = std::move(split).value());
  }

  bool claim(const std::string& resource, const k8s_object& o,
             config::position at) {
    auto [i, fresh] = owner.emplace(identity(o), resource);
    if (fresh || i->second == resource)
      return fresh;
    error(at,
          describe(o) + " (" + o.file + ":" + std::to_string(o.line) +
              ") is claimed by resource '" + resource + "' and by resource '" +
              i->second + "'",
          "an object is deployed by one resource: list its file in one "
          "resource's k8s: {yaml}, or name it in one k8s: {workload}");
    return false;
  }

  void from_files(config::local_resource& r) {
    auto& spec = *r.k8s;
    for (const auto& f : spec.yaml) {
      const auto* objects = objects_of(f);
      if (!objects)
        continue;
      if (objects->empty())
        error(f.position,
              "the Kubernetes YAML '" + f.path + "' of resource '" + r.name +
                  "' has no objects",
              "give the file at least one object (apiVersion, kind, "
              "metadata.name), or remove it from the list");
      for (const auto& o : *objects)
        if (claim(r.name, o, f.position))
          spec.objects.push_back(o);
    }
  }

  /// The workloads of `k8s_yaml` (read by now).
  std::vector<const k8s_object*> workloads() const {
    std::vector<const k8s_object*> out;
    for (const auto& f : cfg.k8s_yaml)
      if (auto i = read.find(f.path); i != read.end())
        for (const auto& o : i->second)
          if (o.workload)
            out.push_back(&o);
    return out;
  }

  void from_workload(config::local_resource& r) {
    auto& spec = *r.k8s;
    auto parts = std::vector<std::string>{};
    for (std::size_t at = 0;;) {
      auto colon = spec.workload.find(':', at);
      parts.push_back(spec.workload.substr(at, colon - at));
      if (colon == std::string::npos)
        break;
      at = colon + 1;
    }
    std::vector<const k8s_object*> found;
    std::vector<std::string> names;
    for (const auto* o : workloads()) {
      names.push_back(o->name);
      if (parts.size() > 3 || o->name != parts[0])
        continue;
      if (parts.size() > 1 && lower(o->kind) != lower(parts[1]))
        continue;
      if (parts.size() > 2 && o->name_space != parts[2])
        continue;
      found.push_back(o);
    }
    if (found.empty()) {
      auto hint = config::did_you_mean(parts[0], names);
      error(spec.workload_position,
            "resource '" + r.name + "' deploys workload '" + spec.workload +
                "', which is no workload of k8s_yaml" +
                (names.empty()
                     ? std::string{" (it has none)"}
                     : " (its workloads: " + config::join(names) + ")"),
            !hint.empty() ? hint
            : cfg.k8s_yaml.empty()
                ? "list the file that defines it under k8s_yaml:, or give "
                  "the resource its own files with k8s: {yaml: [...]}"
                : "name a Deployment, StatefulSet, DaemonSet, Job, CronJob or "
                  "Pod of those files by its metadata.name");
      return;
    }
    if (found.size() > 1) {
      error(spec.workload_position,
            "workload '" + spec.workload + "' of resource '" + r.name +
                "' is ambiguous: " + describe(*found[0]) + " and " +
                describe(*found[1]) + " both match",
            "write NAME:KIND (e.g. " + found[0]->name + ":" +
                lower(found[0]->kind) + "), or NAME:KIND:NAMESPACE");
      return;
    }
    if (claim(r.name, *found[0], spec.workload_position))
      spec.objects.push_back(*found[0]);
  }

  /// Each image the resource names must run in one of its containers:
  /// otherwise it is built for nothing.
  void check_images(const config::local_resource& r) {
    const auto& spec = *r.k8s;
    std::map<std::string, std::string> same;
    for (const auto& image : spec.images)
      same[image.name] = image.name;
    std::vector<std::string> used;
    for (const auto& o : spec.objects) {
      auto injected = inject_images(o.yaml, same);
      if (injected)
        used.insert(used.end(), injected.value().images.begin(),
                    injected.value().images.end());
    }
    for (const auto& image : spec.images)
      if (std::find(used.begin(), used.end(), image.name) == used.end())
        error(image.position,
              "resource '" + r.name + "' runs image '" + image.name +
                  "', but none of its Kubernetes containers has image '" +
                  image.name + "'",
              "write image: " + image.name +
                  " in the container of the pod spec that runs it (a tag is "
                  "replaced by the built one), or drop it from 'image'");
  }
};

} // namespace

std::vector<config_error>
resolve_objects(config::project_config& cfg,
                const std::map<std::string, file_text>& files) {
  resolver r{cfg, files, {}, {}, {}};
  for (const auto& f : cfg.k8s_yaml)
    r.objects_of(f);
  for (auto& res : cfg.resources)
    if (res.k8s && !res.k8s->yaml.empty())
      r.from_files(res);
  for (auto& res : cfg.resources)
    if (res.k8s && !res.k8s->workload.empty())
      r.from_workload(res);
  if (!r.errors.empty())
    return r.errors;
  for (const auto& res : cfg.resources)
    if (res.k8s)
      r.check_images(res);
  config::k8s_spec rest;
  for (const auto& f : cfg.k8s_yaml)
    for (const auto& o : r.read[f.path])
      if (r.owner.emplace(identity(o), uncategorized_name).second)
        rest.objects.push_back(o);
  if (!rest.objects.empty()) {
    config::local_resource u;
    u.name = uncategorized_name;
    u.position = cfg.k8s_yaml.front().position;
    u.dir = cfg.dir;
    u.k8s = std::move(rest);
    cfg.resources.insert(cfg.resources.begin(), std::move(u));
  }
  return r.errors;
}

} // namespace actordev::k8s
