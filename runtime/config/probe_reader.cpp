#include "runtime/config/probe_reader.hpp"

#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <limits>

namespace actordev::config::detail {

namespace {

using action = decltype(probe_spec::action);

const std::vector<std::string> action_keys{"exec", "http_get", "tcp_socket"};

// Names where an error is, e.g. "in readiness_probe.http_get of resource
// 'api'".
struct probe_place {
  std::string resource;
  std::string owner(std::string_view sub = {}) const {
    std::string path = "readiness_probe";
    if (!sub.empty())
      path += "." + std::string{sub};
    return "in " + path + " of resource '" + resource + "'";
  }
};

// The keys of one action's map; nullopt (with an error) if it is no map.
std::optional<std::vector<entry>>
action_entries(yaml_reader& r, const entry& e, const probe_place& at,
               const std::vector<std::string>& allowed) {
  if (!expect_map(r, e, at.owner()))
    return std::nullopt;
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(r, e.value, at.owner(e.name));
  check_keys(r, map, allowed, {}, at.owner(e.name));
  return map;
}

const entry* required(yaml_reader& r, const entry& e, const probe_place& at,
                      const std::vector<entry>& map, std::string_view key,
                      std::string_view example) {
  if (const entry* found = find(map, key))
    return found;
  r.error(e.key.Mark(),
          "'" + e.name + "' " + at.owner() + " needs '" + std::string{key} +
              "'",
          "e.g. " + e.name + ": " + std::string{example});
  return nullptr;
}

std::optional<action> read_exec(yaml_reader& r, const entry& e,
                                const probe_place& at) {
  auto map = action_entries(r, e, at, {"command"});
  const entry* c = map ? required(r, e, at, *map, "command",
                                  "{command: curl -fs localhost:8080/health}")
                       : nullptr;
  if (!c)
    return std::nullopt;
  if (auto cmd = read_command(r, *c, at.owner(e.name)))
    return exec_probe{std::move(*cmd)};
  return std::nullopt;
}

std::optional<std::string> read_http_path(yaml_reader& r, const entry& e,
                                          std::string_view owner) {
  auto path = read_string(r, e, owner);
  if (path && path->front() != '/') {
    r.error(e,
            field_name(e, owner) + " must start with '/', found '" +
                shorten(*path) + "'",
            "write path: /" + shorten(*path));
    return std::nullopt;
  }
  return path;
}

std::optional<action> read_http_get(yaml_reader& r, const entry& e,
                                    const probe_place& at) {
  auto map = action_entries(r, e, at, {"host", "port", "path"});
  if (!map)
    return std::nullopt;
  const std::string owner = at.owner(e.name);
  const std::size_t before = r.error_count();
  http_get_probe out;
  if (const entry* h = find(*map, "host"))
    out.host = read_string(r, *h, owner).value_or(out.host);
  if (const entry* p = find(*map, "path"))
    out.path = read_http_path(r, *p, owner).value_or(out.path);
  if (const entry* p = required(r, e, at, *map, "port", "{port: 8080}"))
    out.port = read_port(r, *p, owner).value_or(0);
  if (r.error_count() != before)
    return std::nullopt;
  return out;
}

std::optional<action> read_tcp_socket(yaml_reader& r, const entry& e,
                                      const probe_place& at) {
  auto map = action_entries(r, e, at, {"host", "port"});
  if (!map)
    return std::nullopt;
  const std::string owner = at.owner(e.name);
  const std::size_t before = r.error_count();
  tcp_socket_probe out;
  if (const entry* h = find(*map, "host"))
    out.host = read_string(r, *h, owner).value_or(out.host);
  if (const entry* p = required(r, e, at, *map, "port", "{port: 5432}"))
    out.port = read_port(r, *p, owner).value_or(0);
  if (r.error_count() != before)
    return std::nullopt;
  return out;
}

// Exactly one action: none, or two, is an error.
std::optional<action> read_action(yaml_reader& r, const entry& e,
                                  const std::vector<entry>& map,
                                  const probe_place& at) {
  std::vector<const entry*> given;
  for (const auto& key : action_keys)
    if (const entry* a = find(map, key))
      given.push_back(a);
  if (given.empty()) {
    r.error(e.key.Mark(),
            "the readiness_probe of resource '" + at.resource +
                "' has no check; expected one of: exec, http_get, tcp_socket",
            "e.g. readiness_probe: {http_get: {port: 8080}}");
    return std::nullopt;
  }
  if (given.size() > 1) {
    r.error(given[1]->key.Mark(),
            "the readiness_probe of resource '" + at.resource + "' has both '" +
                given[0]->name + "' and '" + given[1]->name +
                "'; give exactly one check",
            "remove one of them");
    return std::nullopt;
  }
  const entry& a = *given[0];
  if (a.name == "exec")
    return read_exec(r, a, at);
  if (a.name == "http_get")
    return read_http_get(r, a, at);
  return read_tcp_socket(r, a, at);
}

void read_timings(yaml_reader& r, const std::vector<entry>& map,
                  const probe_place& at, probe_spec& out) {
  const std::string owner = at.owner();
  auto duration = [&](std::string_view key, std::int64_t min,
                      std::chrono::milliseconds& field) {
    if (const entry* e = find(map, key))
      field = read_duration(r, *e, owner, min).value_or(field);
  };
  duration("period_ms", 1, out.period);
  duration("timeout_ms", 1, out.timeout);
  duration("initial_delay_ms", 0, out.initial_delay);
  integer_rule rule{"an integer", 1, std::numeric_limits<std::int32_t>::max(),
                    "it counts checks in a row: 1 or more"};
  auto threshold = [&](std::string_view key, int& field) {
    if (const entry* e = find(map, key))
      field =
          static_cast<int>(read_integer(r, *e, owner, rule).value_or(field));
  };
  threshold("success_threshold", out.success_threshold);
  threshold("failure_threshold", out.failure_threshold);
}

} // namespace

std::optional<probe_spec> read_probe(yaml_reader& r, const entry& e,
                                     std::string_view resource) {
  const probe_place at{std::string{resource}};
  if (!expect_map(r, e, "in resource '" + at.resource + "'"))
    return std::nullopt;
  std::vector<entry> map;
  if (e.value.IsMap())
    map = entries(r, e.value, at.owner());
  const std::size_t before = r.error_count();
  check_keys(r, map,
             {"exec", "http_get", "tcp_socket", "period_ms", "timeout_ms",
              "initial_delay_ms", "success_threshold", "failure_threshold"},
             {}, at.owner());
  probe_spec out;
  auto a = read_action(r, e, map, at);
  read_timings(r, map, at, out);
  if (!a || r.error_count() != before)
    return std::nullopt;
  out.action = std::move(*a);
  return out;
}

} // namespace actordev::config::detail
