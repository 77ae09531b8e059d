#include "runtime/config/live_update_reader.hpp"

#include "runtime/config/paths.hpp"
#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <array>

namespace actordev::config::detail {

namespace {

/// The step kinds, in the order they must come.
constexpr std::array<std::string_view, 4> step_kinds{
    "fall_back_on", "sync", "run", "restart_container"};

constexpr std::string_view order_hint =
    "live_update steps go in this order: fall_back_on, sync, run, "
    "restart_container; move this step";

struct step_context {
  yaml_reader& r;
  live_update_config& out;
  std::string owner; // "in the live_update of image 'web'"
  std::string_view base;
  std::string image; // "image 'web'"
};

/// A path or a list of paths: `trigger: a.txt` or `trigger: [a, b]`.
std::vector<std::string> read_paths(step_context& c, const entry& e) {
  if (e.value.IsScalar()) {
    if (auto p = read_path(c.r, e, c.owner, c.base))
      return {*p};
    return {};
  }
  return read_path_list(c.r, e, c.owner, c.base)
      .value_or(std::vector<std::string>{});
}

/// A container path: absolute, with no `..`; normalized.
std::optional<std::string> read_remote(step_context& c, const entry& e) {
  auto text = read_string(c.r, e, c.owner);
  if (!text)
    return std::nullopt;
  if (text->front() != '/') {
    c.r.error(e,
              field_name(e, c.owner) + " is '" + shorten(*text) +
                  "', which is not absolute: container paths start at the "
                  "container's root",
              "write it from the root, e.g. remote: /app/" + shorten(*text));
    return std::nullopt;
  }
  std::string_view rest = *text;
  for (std::size_t at = 0; at <= rest.size();) {
    auto end = rest.find('/', at);
    if (end == std::string_view::npos)
      end = rest.size();
    if (rest.substr(at, end - at) == "..") {
      c.r.error(e,
                field_name(e, c.owner) + " is '" + shorten(*text) +
                    "', which contains '..'",
                "write the container path without '..', e.g. /app/src");
      return std::nullopt;
    }
    at = end + 1;
  }
  return resolve_path(*text, "/");
}

void read_sync(step_context& c, const entry& e) {
  if (!expect_map(c.r, e, c.owner) || !e.value.IsMap()) {
    if (e.value.IsNull())
      c.r.error(e, "'sync' " + c.owner + " is empty",
                "write sync: {local: src, remote: /app/src}");
    return;
  }
  const std::string owner = "in a sync step of " + c.image;
  auto map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"local", "remote"}, {}, owner);
  const entry* local = find(map, "local");
  const entry* remote = find(map, "remote");
  if (!local || !remote) {
    c.r.error(e.key.Mark(),
              "a sync step of " + c.image + " needs '" +
                  (local ? "remote" : "local") + "'",
              "write sync: {local: src, remote: /app/src}");
    return;
  }
  auto l = read_path(c.r, *local, owner, c.base);
  auto rp = read_remote(c, *remote);
  if (l && rp)
    c.out.syncs.push_back({*l, *rp, to_position(e.key.Mark())});
}

void read_run(step_context& c, const entry& e) {
  run_step step;
  step.position = to_position(e.key.Mark());
  if (!e.value.IsMap()) { // run: make, or run: [make, all]
    auto cmd = read_command(c.r, e, c.owner);
    if (cmd) {
      step.cmd = std::move(*cmd);
      c.out.runs.push_back(std::move(step));
    }
    return;
  }
  const std::string owner = "in a run step of " + c.image;
  auto map = entries(c.r, e.value, owner);
  check_keys(c.r, map, {"cmd", "trigger"}, {}, owner);
  const entry* cmd = find(map, "cmd");
  if (!cmd) {
    c.r.error(e.key.Mark(), "a run step of " + c.image + " needs 'cmd'",
              "write run: {cmd: pip install -r requirements.txt, trigger: "
              "requirements.txt}");
    return;
  }
  auto command = read_command(c.r, *cmd, owner);
  if (const entry* t = find(map, "trigger"))
    step.trigger = read_paths(c, *t);
  if (command) {
    step.cmd = std::move(*command);
    c.out.runs.push_back(std::move(step));
  }
}

void read_restart(step_context& c, const entry& e) {
  auto on = read_bool(c.r, e, c.owner);
  if (!on)
    return;
  if (!*on) {
    c.r.error(e,
              "'restart_container: false' " + c.owner +
                  " is an unused step: it does nothing",
              "remove the step, or write restart_container: true");
    return;
  }
  if (c.out.restart_container) {
    c.r.error(e.key.Mark(), "restart_container is given twice " + c.owner,
              "keep one restart_container step");
    return;
  }
  c.out.restart_container = true;
}

/// Reads one step; returns its kind's rank in `step_kinds`, or nothing.
std::optional<std::size_t> read_step(step_context& c, const YAML::Node& item,
                                     std::size_t number) {
  const std::string where = "live_update step " + std::to_string(number);
  if (!item.IsMap() || item.size() != 1) {
    c.r.error(item.Mark(),
              where + " of " + c.image +
                  ": expected a map with one key (fall_back_on, sync, run "
                  "or restart_container), found " +
                  describe(item),
              "write each step as its own list item, e.g. - sync: {local: "
              "src, remote: /app/src}");
    return std::nullopt;
  }
  auto map = entries(c.r, item, c.owner, "step");
  if (map.empty())
    return std::nullopt;
  const entry& e = map.front();
  std::size_t rank = 0;
  while (rank < step_kinds.size() && step_kinds[rank] != e.name)
    ++rank;
  if (rank == step_kinds.size()) {
    std::vector<std::string> kinds{step_kinds.begin(), step_kinds.end()};
    check_keys(c.r, map, kinds, {}, c.owner);
    return std::nullopt;
  }
  switch (rank) {
  case 0:
    for (auto& path : read_paths(c, e))
      c.out.fall_back_on.push_back(
          {std::move(path), to_position(e.key.Mark())});
    break;
  case 1:
    read_sync(c, e);
    break;
  case 2:
    read_run(c, e);
    break;
  default:
    read_restart(c, e);
  }
  return rank;
}

} // namespace

live_update_config read_live_update(yaml_reader& r, const entry& e,
                                    std::string_view image,
                                    std::string_view base) {
  live_update_config out;
  out.position = to_position(e.key.Mark());
  step_context c{r, out, "in the live_update of image '" + shorten(image) + "'",
                 base, "image '" + shorten(image) + "'"};
  if (e.value.IsNull())
    return out;
  if (!e.value.IsSequence()) {
    r.error(e,
            "live_update of image '" + shorten(image) +
                "': expected a list of steps, found " + describe(e.value),
            "write one step per line: - sync: {local: src, remote: "
            "/app/src}");
    return out;
  }
  std::size_t latest = 0; // the highest rank so far
  std::size_t number = 0;
  for (const auto& item : e.value) {
    auto rank = read_step(c, item, ++number);
    if (!rank)
      continue;
    if (*rank < latest) {
      r.error(item.Mark(),
              "live_update step " + std::to_string(number) + " (" +
                  std::string{step_kinds[*rank]} + ") of image '" +
                  shorten(image) + "' comes after a " +
                  std::string{step_kinds[latest]} + " step",
              std::string{order_hint});
      continue;
    }
    latest = *rank;
  }
  return out;
}

} // namespace actordev::config::detail
