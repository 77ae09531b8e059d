#include "tools/actordev/plan_output.hpp"

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
    case msg::MANIFEST_K8S: return "k8s";
    case msg::MANIFEST_COMPOSE: return "compose";
    default: return "local";
  }
}

std::string_view trigger_name(msg::TriggerMode m) {
  switch (m) {
    case msg::TRIGGER_AUTO_NO_INIT: return "auto, auto_init: false";
    case msg::TRIGGER_MANUAL: return "manual";
    case msg::TRIGGER_MANUAL_NO_INIT: return "manual, auto_init: false";
    default: return "auto";
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
    bool off = std::find(c.disabled().begin(), c.disabled().end(), m.name())
               != c.disabled().end();
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

} // namespace

std::string render_plan(const loaded_project& project) {
  const auto& c = project.config;
  std::string out = fmt::format(
    "{}: {} resource{}, max_parallel_updates {}\n\n", project.path,
    c.manifests_size(), c.manifests_size() == 1 ? "" : "s",
    c.max_parallel_updates());
  out += resources_table(c);
  engine_state s;
  apply(s, c);
  auto steps = simulate_startup(s);
  out += "\nStart-up plan (the scheduler's decisions if every build succeeds):\n";
  int n = 0;
  std::vector<std::string> started;
  for (const auto& step : steps) {
    const auto& d = step.decision;
    if (d.granted_size() == 0) {
      for (const auto& h : d.holds())
        out += "  never starts:\n" + hold_line(h, name_width(c));
      break;
    }
    out += fmt::format("  {}. start {}\n", ++n, join(d.granted()));
    started.insert(started.end(), d.granted().begin(), d.granted().end());
    for (const auto& h : d.holds())
      out += hold_line(h, name_width(c));
  }
  for (const auto& m : c.manifests())
    if (std::find(started.begin(), started.end(), m.name()) == started.end())
      out += fmt::format("  {} does not start by itself ({})\n", m.name(),
                         std::find(c.disabled().begin(), c.disabled().end(),
                                   m.name())
                             != c.disabled().end()
                           ? "not selected"
                           : "trigger it with `actordev trigger " + m.name()
                               + "`");
  return out;
}

} // namespace actordev::cli
