#include "runtime/config/local_resource_reader.hpp"

#include "runtime/config/k8s_reader.hpp"
#include "runtime/config/probe_reader.hpp"
#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <algorithm>
#include <array>

namespace actordev::config::detail {

namespace {

constexpr std::string_view reserved_name = "uncategorized";

struct resource_context {
  yaml_reader& r;
  local_resource& res;
  std::string owner; // "in resource 'api'"
  std::string_view base;
  const watch_settings& watch; // read before the resources
};

template <class T>
void set(T& field, std::optional<T> value) {
  if (value)
    field = std::move(*value);
}

std::vector<std::pair<std::string, std::string>> read_env(resource_context& c,
                                                          const entry& e) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!expect_map(c.r, e, c.owner) || !e.value.IsMap())
    return out;
  const std::string owner = "in the env of resource '" + c.res.name + "'";
  for (const auto& var : entries(c.r, e.value, owner, "variable")) {
    if (var.name.empty() || var.name.find('=') != std::string::npos) {
      c.r.error(var.key.Mark(),
                "environment variable name '" + shorten(var.name) + "' " +
                    owner + " is not valid",
                "names are non-empty and contain no '='");
      continue;
    }
    if (auto v = read_string(c.r, var, owner, true))
      out.emplace_back(var.name, std::move(*v));
  }
  return out;
}

void read_resource_deps(resource_context& c, const entry& e) {
  auto items = read_string_items(c.r, e, c.owner);
  if (!items)
    return;
  for (auto& item : *items) {
    auto same = [&](const resource_dep& d) { return d.name == item.text; };
    if (std::none_of(c.res.resource_deps.begin(), c.res.resource_deps.end(),
                     same))
      c.res.resource_deps.push_back(
          {std::move(item.text), to_position(item.mark)});
  }
}

// A batch waits `quiet` for calm but never longer than the global
// `max_batch`, so a longer `quiet` would be meaningless.
void read_quiet(resource_context& c, const entry& e) {
  auto quiet = read_duration(c.r, e, c.owner, 0);
  if (!quiet)
    return;
  c.res.quiet = quiet;
  if (*quiet <= c.watch.max_batch)
    return;
  c.r.error(e,
            field_name(e, c.owner) + " (" + std::to_string(quiet->count()) +
                ") must be at most settings.watch.max_batch_ms (" +
                std::to_string(c.watch.max_batch.count()) + ")",
            "a batch waits quiet_ms for calm but never longer than "
            "max_batch_ms: lower quiet_ms or raise settings.watch."
            "max_batch_ms");
}

/// Keys that only a resource running commands on this machine takes.
constexpr std::array<std::string_view, 8> command_only_keys{
    "cmd",  "serve_cmd",      "deps",    "ignore",
    "quiet_ms", "dir", "allow_parallel", "build_on"};

void read_container(resource_context& c, const entry& e) {
  if (!expect_map(c.r, e, c.owner))
    return;
  const std::string owner = "in the container of resource '" + c.res.name + "'";
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"image", "cmd"}, {}, owner);
  const entry* image = find(map, "image");
  const entry* cmd = find(map, "cmd");
  if (!image || !cmd) {
    c.r.error(e.key.Mark(),
              "the container of resource '" + shorten(c.res.name) +
                  "' needs '" + (image ? "cmd" : "image") + "'",
              "write container: {image: web, cmd: ./server}");
    return;
  }
  auto name = read_string(c.r, *image, owner);
  auto command = read_command(c.r, *cmd, owner);
  if (name && command)
    c.res.container = container_spec{*name, std::move(*command),
                                     to_position(image->value.Mark())};
}

void read_compose(resource_context& c, const entry& e) {
  if (!expect_map(c.r, e, c.owner))
    return;
  const std::string owner = "in the compose of resource '" + c.res.name + "'";
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"file", "service", "image"}, {}, owner);
  const entry* file = find(map, "file");
  const entry* service = find(map, "service");
  if (!file || !service) {
    c.r.error(e.key.Mark(),
              "the compose of resource '" + shorten(c.res.name) + "' needs '" +
                  (file ? "service" : "file") + "'",
              "write compose: {file: docker-compose.yml, service: web}");
    return;
  }
  compose_spec spec;
  auto path = read_path(c.r, *file, owner, c.base);
  auto name = read_string(c.r, *service, owner);
  if (const entry* image = find(map, "image")) {
    auto img = read_string(c.r, *image, owner);
    if (!img)
      return;
    spec.image = *img;
    spec.image_position = to_position(image->value.Mark());
  }
  if (!path || !name)
    return;
  spec.file = *path;
  spec.service = *name;
  c.res.compose = std::move(spec);
}

struct field_reader {
  std::string_view key;
  void (*read)(resource_context&, const entry&);
};

const std::array<field_reader, 18> fields{{
    {"cmd", [](resource_context& c,
               const entry& e) { c.res.cmd = read_command(c.r, e, c.owner); }},
    {"serve_cmd",
     [](resource_context& c, const entry& e) {
       c.res.serve_cmd = read_command(c.r, e, c.owner);
     }},
    {"deps",
     [](resource_context& c, const entry& e) {
       set(c.res.deps, read_path_list(c.r, e, c.owner, c.base));
     }},
    {"ignore",
     [](resource_context& c, const entry& e) {
       set(c.res.ignore, read_path_list(c.r, e, c.owner, c.base, true));
     }},
    {"quiet_ms", read_quiet},
    {"dir",
     [](resource_context& c, const entry& e) {
       set(c.res.dir, read_path(c.r, e, c.owner, c.base));
     }},
    {"env",
     [](resource_context& c, const entry& e) { c.res.env = read_env(c, e); }},
    {"allow_parallel",
     [](resource_context& c, const entry& e) {
       set(c.res.allow_parallel, read_bool(c.r, e, c.owner));
     }},
    {"build_on",
     [](resource_context& c, const entry& e) {
       if (auto v = read_choice(c.r, e, c.owner, {"any", "local", "remote"})) {
         c.res.build_on = static_cast<build_place>(*v);
         c.res.build_on_position = to_position(e.key.Mark());
       }
     }},
    {"resource_deps", read_resource_deps},
    {"trigger_mode",
     [](resource_context& c, const entry& e) {
       if (auto i = read_choice(c.r, e, c.owner, {"auto", "manual"}))
         c.res.trigger =
             *i == 0 ? trigger_mode::automatic : trigger_mode::manual;
     }},
    {"auto_init",
     [](resource_context& c, const entry& e) {
       set(c.res.auto_init, read_bool(c.r, e, c.owner));
     }},
    {"readiness_probe",
     [](resource_context& c, const entry& e) {
       c.res.readiness_probe = read_probe(c.r, e, c.res.name);
     }},
    {"restart",
     [](resource_context& c, const entry& e) {
       if (auto i =
               read_choice(c.r, e, c.owner, {"never", "on-failure", "always"}))
         c.res.restart = static_cast<restart_policy>(*i);
     }},
    {"labels",
     [](resource_context& c, const entry& e) {
       set(c.res.labels, read_string_list(c.r, e, c.owner));
     }},
    {"container", read_container},
    {"compose", read_compose},
    {"k8s", [](resource_context& c,
               const entry& e) { read_k8s(c.r, e, c.res, c.base); }},
}};

const std::vector<std::string>& field_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const auto& f : fields)
      out.emplace_back(f.key);
    return out;
  }();
  return keys;
}

constexpr std::array<later_key, 1> later_resource_keys{{
    {"image", "a resource names its image inside 'container', not on its own",
     "write container: {image: web, cmd: ./server}, and define the image "
     "under images:"},
}};

// Resource names appear in commands, logs and URLs; keep them plain.
void check_name(yaml_reader& r, const entry& e) {
  if (e.name.empty()) {
    r.error(e.key.Mark(), "a resource name is empty",
            "name it with letters, digits, '.', '_' or '-', e.g. 'api'");
  } else if (e.name == reserved_name) {
    r.error(e.key.Mark(), "resource name 'uncategorized' is reserved",
            "it names the Kubernetes objects that no resource claims; pick "
            "another name");
  } else if (!valid_resource_name(e.name)) {
    r.error(e.key.Mark(),
            "resource name '" + shorten(e.name) +
                "' is not valid: use only letters, digits, '.', '_' and '-'",
            "rename it, e.g. 'my-api'");
  }
}

// A container resource runs its image; anything a command resource takes
// (deps, dir...) would be silently meaningless for it.
void check_container(yaml_reader& r, const entry& e,
                     const std::vector<entry>& map) {
  for (auto key : command_only_keys)
    if (const entry* extra = find(map, key))
      r.error(extra->key.Mark(),
              "'" + extra->name + "' in resource '" + shorten(e.name) +
                  "' applies only to a resource that runs commands on this "
                  "machine; this one runs a container",
              extra->name == "deps" || extra->name == "ignore"
                  ? "an image's files are watched through its context: set "
                    "'context' and 'ignore' on the image"
              : extra->name == "build_on"
                  ? "set build_on on the image it runs"
                  : "remove '" + extra->name +
                        "', or put the command in "
                        "container: {cmd: ...}");
}

// A compose service runs as its compose file says: its restart policy and
// healthcheck are compose's.
void check_compose(yaml_reader& r, const entry& e,
                   const std::vector<entry>& map) {
  for (auto key : command_only_keys)
    if (const entry* extra = find(map, key))
      r.error(extra->key.Mark(),
              "'" + extra->name + "' in resource '" + shorten(e.name) +
                  "' applies only to a resource that runs commands on this "
                  "machine; this one is a docker compose service",
              "remove '" + extra->name +
                  "'; the compose file says what the "
                  "service runs");
  for (const char* key : {"readiness_probe", "restart"})
    if (const entry* extra = find(map, key))
      r.error(extra->key.Mark(),
              "'" + extra->name + "' in resource '" + shorten(e.name) +
                  "' does not apply to a docker compose service",
              std::string{extra->name == "restart"
                              ? "set 'restart:' on the service in the compose "
                                "file"
                              : "give the service a 'healthcheck:' in the "
                                "compose file: healthy is ready"});
}

// Kubernetes runs what the objects say: restarts and readiness are the
// cluster's.
void check_k8s(yaml_reader& r, const entry& e, const std::vector<entry>& map) {
  for (auto key : command_only_keys)
    if (const entry* extra = find(map, key))
      r.error(extra->key.Mark(),
              "'" + extra->name + "' in resource '" + shorten(e.name) +
                  "' applies only to a resource that runs commands on this "
                  "machine; this one deploys to Kubernetes",
              "remove '" + extra->name +
                  "'; the Kubernetes objects say what runs");
  for (const char* key : {"readiness_probe", "restart"})
    if (const entry* extra = find(map, key))
      r.error(extra->key.Mark(),
              "'" + extra->name + "' in resource '" + shorten(e.name) +
                  "' does not apply to a Kubernetes resource",
              std::string{extra->name == "restart"
                              ? "set the pod's restartPolicy in its YAML"
                              : "give the container a readinessProbe in its "
                                "YAML, and keep k8s: {pod_readiness: wait}"});
}

// A resource runs one way: a container, a compose service or Kubernetes.
bool one_runtime(yaml_reader& r, const entry& e,
                 const std::vector<entry>& map) {
  const entry* first = nullptr;
  for (const auto& field : map) {
    if (field.name != "container" && field.name != "compose" &&
        field.name != "k8s")
      continue;
    if (!first) {
      first = &field;
      continue;
    }
    r.error(field.key.Mark(),
            "resource '" + shorten(e.name) + "' has both '" + first->name +
                "' and '" + field.name + "': it runs one way",
            "keep one of them, or make two resources");
    return false;
  }
  return true;
}

// A resource must run something; restart and probes are about servers.
void check_runnable(yaml_reader& r, const entry& e,
                    const std::vector<entry>& map) {
  const entry* restart = find(map, "restart");
  const entry* probe = find(map, "readiness_probe");
  if (!one_runtime(r, e, map))
    return;
  if (find(map, "k8s")) {
    check_k8s(r, e, map);
  } else if (find(map, "container")) {
    check_container(r, e, map);
  } else if (find(map, "compose")) {
    check_compose(r, e, map);
  } else if (!find(map, "cmd") && !find(map, "serve_cmd")) {
    r.error(e.key.Mark(),
            "resource '" + shorten(e.name) +
                "' has nothing to run: it needs 'cmd' (a job that runs to "
                "completion), 'serve_cmd' (a server that keeps running), "
                "both, 'container' (an image run in a container), "
                "'compose' (a docker compose service) or 'k8s' (Kubernetes "
                "objects)",
            "e.g. add cmd: make build");
  } else if (!find(map, "serve_cmd") && (restart || probe)) {
    const entry& extra = restart ? *restart : *probe;
    r.error(extra.key.Mark(),
            "'" + extra.name + "' in resource '" + shorten(e.name) +
                "' applies only to a serve_cmd, and the resource has none",
            "remove '" + extra.name + "', or run the server with serve_cmd");
  }
}

local_resource read_local_resource(yaml_reader& r, const entry& e,
                                   std::string_view base,
                                   const watch_settings& watch) {
  local_resource res;
  res.name = e.name;
  res.position = to_position(e.key.Mark());
  res.dir = std::string{base};
  check_name(r, e);
  resource_context c{r, res, "in resource '" + shorten(e.name) + "'", base,
                     watch};
  if (!e.value.IsMap() && !e.value.IsNull()) {
    r.error(e,
            "resource '" + shorten(e.name) +
                "': expected a map of keys, found " + describe(e.value),
            "indent its keys below the name, e.g. " + shorten(e.name) +
                ": {cmd: make}");
    return res;
  }
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(r, e.value, c.owner);
  const std::size_t before = r.error_count();
  check_keys(r, map, field_keys(), later_resource_keys, c.owner);
  const bool keys_ok = r.error_count() == before;
  for (const auto& field : map)
    for (const auto& f : fields)
      if (f.key == field.name)
        f.read(c, field);
  // After a misspelt or unsupported key, "nothing to run" is mostly noise.
  if (keys_ok)
    check_runnable(r, e, map);
  return res;
}

} // namespace

bool valid_resource_name(std::string_view name) noexcept {
  auto ok = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
  };
  return !name.empty() && name != reserved_name &&
         std::all_of(name.begin(), name.end(), ok);
}

void read_resources(yaml_reader& r, const entry& e, project_config& cfg) {
  if (!expect_map(r, e, "at the top level") || !e.value.IsMap())
    return;
  for (const auto& res : entries(r, e.value, "in resources", "resource name"))
    cfg.resources.push_back(
        read_local_resource(r, res, cfg.dir, cfg.settings.watch));
}

} // namespace actordev::config::detail
