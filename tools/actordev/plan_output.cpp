#include "tools/actordev/plan_output.hpp"

#include "runtime/build_rules.hpp"
#include "runtime/engine_state.hpp"
#include "runtime/hold.hpp"
#include "runtime/reducer.hpp"
#include "runtime/startup_plan.hpp"

#include <algorithm>
#include <fmt/core.h>

namespace actordev::cli {

namespace {

std::string_view type_name(msg::ManifestType t) {
  switch (t) {
  case msg::MANIFEST_K8S:
    return "k8s";
  case msg::MANIFEST_COMPOSE:
    return "compose";
  case msg::MANIFEST_CONTAINER:
    return "container";
  default:
    return "local";
  }
}

std::string_view trigger_name(msg::TriggerMode m) {
  switch (m) {
  case msg::TRIGGER_AUTO_NO_INIT:
    return "auto, auto_init: false";
  case msg::TRIGGER_MANUAL:
    return "manual";
  case msg::TRIGGER_MANUAL_NO_INIT:
    return "manual, auto_init: false";
  default:
    return "auto";
  }
}

std::string join(const auto& items) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : ", ") + std::string{i};
  return out.empty() ? "-" : out;
}

std::size_t name_width(const msg::ConfigLoaded& c) {
  std::size_t w = 8;
  for (const auto& m : c.manifests())
    w = std::max(w, m.name().size());
  return w;
}

std::string resources_table(const msg::ConfigLoaded& c) {
  auto w = name_width(c);
  std::string out = fmt::format("  {:<{}}  {:<7}  {:<24}  {}\n", "RESOURCE", w,
                                "TYPE", "TRIGGER", "RESOURCE_DEPS");
  for (const auto& m : c.manifests()) {
    bool off = std::find(c.disabled().begin(), c.disabled().end(), m.name()) !=
               c.disabled().end();
    out += fmt::format("  {:<{}}  {:<7}  {:<24}  {}{}\n", m.name(), w,
                       type_name(m.type()), trigger_name(m.trigger_mode()),
                       join(m.resource_deps()), off ? "  (not selected)" : "");
  }
  return out;
}

std::string hold_line(const msg::Hold& h, std::size_t width) {
  hold held{h.reason(), {}};
  for (const auto& r : h.waiting_on())
    held.waiting_on.push_back(from_proto(r));
  return fmt::format("       {:<{}}  {:<26} {}\n", h.manifest(), width,
                     hold_reason_id(h.reason()), describe(held));
}

/// The engine as `up` starts it: the config loaded and, since the plan
/// assumes every build succeeds, every cluster the resources use connected.
engine_state planning_state(const msg::ConfigLoaded& c) {
  engine_state s;
  apply(s, c);
  for (const auto& m : c.manifests()) {
    auto cluster = rules::cluster_of(m);
    if (cluster.empty() || s.clusters.count(std::string{cluster}))
      continue;
    msg::ClusterStatus connected;
    connected.set_name(std::string{cluster});
    connected.set_arch("assumed");
    apply(s, connected);
  }
  return s;
}

bool contains(const auto& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// Why a resource that neither started nor waits does not start.
std::string not_started_reason(const msg::ConfigLoaded& c,
                               const msg::ManifestSpec& m) {
  if (contains(c.disabled(), m.name()))
    return "not selected";
  return "manual: it starts when triggered";
}

} // namespace

std::string render_plan(const loaded_project& project) {
  const auto& c = project.config;
  auto w = name_width(c);
  std::string out =
      fmt::format("{}: {} resource{}, max_parallel_updates {}\n\n",
                  project.path, c.manifests_size(),
                  c.manifests_size() == 1 ? "" : "s", c.max_parallel_updates());
  out += resources_table(c);
  out +=
      "\nStart-up plan (the scheduler's decisions if every build succeeds):\n";
  int n = 0;
  std::vector<std::string> accounted; // started, or never starting
  for (const auto& step : simulate_startup(planning_state(c))) {
    const auto& d = step.decision;
    if (d.granted_size() == 0) {
      if (d.holds_size() > 0)
        out += "  never start:\n";
      for (const auto& h : d.holds()) {
        out += hold_line(h, w);
        accounted.push_back(h.manifest());
      }
      break;
    }
    out += fmt::format("  {}. start {}\n", ++n, join(d.granted()));
    accounted.insert(accounted.end(), d.granted().begin(), d.granted().end());
    for (const auto& h : d.holds())
      out += hold_line(h, w);
  }
  for (const auto& m : c.manifests())
    if (!contains(accounted, m.name()))
      out += fmt::format("  {} does not start by itself ({})\n", m.name(),
                         not_started_reason(c, m));
  return out;
}

} // namespace actordev::cli
