#include "runtime/status_line.hpp"

#include "runtime/reducer.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace actordev {

namespace {

/// What a resource is doing, apart from holds. Each has one wording.
enum class phase {
  none,
  disabled,
  waiting_for_trigger,
  building,
  live_updating,
  build_failed_exit,
  build_failed,
  live_update_failed,
  runtime_error,
  stopped,
  not_ready,
  starting,
  running,
  ready,
  succeeded,
  updated,
};

struct wording {
  phase p;
  std::string_view text; ///< "{}" stands for the detail
  status_tone tone;
};

constexpr std::array<wording, 15> phase_words{{
    {phase::disabled, "disabled", status_tone::info},
    {phase::waiting_for_trigger, "waiting for a trigger", status_tone::waiting},
    {phase::building, "building", status_tone::progress},
    {phase::live_updating, "live updating", status_tone::progress},
    {phase::build_failed_exit, "build failed (exit {})", status_tone::bad},
    {phase::build_failed, "build failed: {}", status_tone::bad},
    {phase::live_update_failed, "live update failed: {}", status_tone::bad},
    {phase::runtime_error, "{}", status_tone::bad},
    {phase::stopped, "{}", status_tone::info},
    {phase::not_ready, "not ready: {}", status_tone::progress},
    {phase::starting, "starting", status_tone::progress},
    {phase::running, "running", status_tone::progress},
    {phase::ready, "ready", status_tone::good},
    {phase::succeeded, "succeeded", status_tone::good},
    {phase::updated, "updated", status_tone::good},
}};

constexpr std::array<std::pair<msg::HoldReason, std::string_view>, 10>
    hold_words{{
        {msg::HOLD_CONFIG_RELOAD, "waiting on config reload"},
        {msg::HOLD_WAITING_FOR_LOCAL, "waiting for local resource {}"},
        {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL,
         "waiting for other builds to finish (it runs alone)"},
        {msg::HOLD_WAITING_FOR_UNCATEGORIZED,
         "waiting for uncategorized Kubernetes objects to deploy"},
        {msg::HOLD_BUILDING_COMPONENT, "waiting for shared image {} to build"},
        {msg::HOLD_WAITING_FOR_DEP, "waiting on {}"},
        {msg::HOLD_WAITING_FOR_CLUSTER, "waiting for cluster {}"},
        {msg::HOLD_RECONCILING, "live update in progress"},
        {msg::HOLD_WAITING_FOR_DEPLOY,
         "waiting for its container to start (live update)"},
        {msg::HOLD_WAITING_FOR_SLOT, "waiting for a build slot"},
    }};

/// `text` with its "{}" replaced by `detail`.
std::string fill(std::string_view text, std::string_view detail) {
  std::string out{text};
  if (auto at = out.find("{}"); at != std::string::npos)
    out.replace(at, 2, detail);
  return out;
}

struct resource_view {
  phase p = phase::none;
  std::string detail;
};

/// A failing container's reason, for runtimes that report no error text.
std::string failing_container(const runtime_state& rt) {
  const pod_state* pod = rt.pods ? most_recent_pod(*rt.pods) : nullptr;
  auto reason = [](const container_state& c) {
    return c.reason.empty() ? "exit " + std::to_string(c.exit_code) : c.reason;
  };
  if (pod)
    for (const auto& c : pod->containers)
      if (container_failing(c))
        return reason(c);
  for (const auto& c : rt.containers)
    if (container_failing(c))
      return reason(c);
  return {};
}

std::string runtime_error_text(const runtime_state& rt) {
  if (!rt.error.empty())
    return rt.error;
  auto why = failing_container(rt);
  return why.empty() ? "failed" : "failed: " + why;
}

std::optional<resource_view> runtime_view(const msg::ManifestSpec& m,
                                          const runtime_state& rt) {
  if (rt.status == msg::RUNTIME_ERROR)
    return resource_view{phase::runtime_error, runtime_error_text(rt)};
  if (rt.ready)
    return resource_view{phase::ready, {}};
  if (rt.succeeded)
    return resource_view{phase::succeeded, {}};
  if (rt.status != msg::RUNTIME_PENDING && rt.status != msg::RUNTIME_OK) {
    if (rt.error.empty())
      return std::nullopt;
    return resource_view{phase::stopped, rt.error}; // "exited (exit 0)"
  }
  if (!rt.error.empty())
    return resource_view{phase::not_ready, rt.error};
  // A local server runs as soon as it started; pods and containers only
  // start once the engine saw them.
  bool runs = is_local(m) || rt.status == msg::RUNTIME_OK;
  return resource_view{runs ? phase::running : phase::starting, {}};
}

std::optional<resource_view> build_view(const manifest_builds& b,
                                        int exit_code) {
  if (b.current)
    return resource_view{b.current->kind == msg::BUILD_LIVE_UPDATE
                             ? phase::live_updating
                             : phase::building,
                         {}};
  if (!b.last || b.last->error.empty())
    return std::nullopt;
  if (b.last->kind == msg::BUILD_LIVE_UPDATE)
    return resource_view{phase::live_update_failed, b.last->error};
  if (exit_code > 0) // -1: killed or never started; the error says which
    return resource_view{phase::build_failed_exit, std::to_string(exit_code)};
  return resource_view{phase::build_failed, b.last->error};
}

/// What manifest i does, holds aside, by the precedence of status_tracker.
resource_view view(const engine_state& s, std::size_t i, int exit_code) {
  if (s.enable[i] == msg::ENABLE_DISABLED)
    return {phase::disabled, {}};
  const auto& b = s.builds[i];
  if (auto v = build_view(b, exit_code))
    return *v;
  if (auto v = runtime_view(s.manifests[i], s.runtimes[i]))
    return *v;
  if (b.last)
    return {phase::updated, {}};
  if (!b.started_first_build() &&
      !auto_initial(s.manifests.traits(i).trigger) && !s.triggers.contains(i))
    return {phase::waiting_for_trigger, {}};
  return {};
}

status_line words(const std::string& resource, const resource_view& v) {
  for (const auto& w : phase_words)
    if (w.p == v.p)
      return {resource, fill(w.text, v.detail), w.tone};
  return {resource, {}, status_tone::info};
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

/// "actordev.yaml:3:5: unknown key 'comand' (did you mean 'cmd'?)".
std::string config_error_text(const msg::ConfigError& e,
                              const std::string& config_path) {
  std::string out = e.file().empty() ? config_path : e.file();
  if (e.line() > 0) {
    out += ':' + std::to_string(e.line());
    if (e.column() > 0)
      out += ':' + std::to_string(e.column());
  }
  out += ": " + e.message();
  if (!e.hint().empty())
    out += " (" + e.hint() + ")";
  return one_line(std::move(out));
}

std::string plural(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string{word} + (n == 1 ? "" : "s");
}

} // namespace

std::string hold_status(const msg::Hold& h) {
  std::string names;
  for (const auto& r : h.waiting_on())
    names += (names.empty() ? "" : ", ") + r.name();
  for (const auto& [reason, text] : hold_words)
    if (reason == h.reason())
      return fill(text, names);
  return {};
}

std::vector<status_line> status_tracker::on_event(const msg::Event& e) {
  std::vector<status_line> removed;
  if (e.has_config_loaded())
    removed = removed_lines(e.config_loaded());
  if (e.has_build_finished())
    exit_codes_[e.build_finished().manifest()] = e.build_finished().exit_code();
  apply(state_, e);
  auto out = config_lines(e);
  out.insert(out.end(), removed.begin(), removed.end());
  auto changed = changed_lines();
  out.insert(out.end(), changed.begin(), changed.end());
  return out;
}

std::vector<status_line> status_tracker::on_decision(const msg::Decision& d) {
  holds_.clear();
  for (const auto& h : d.holds())
    holds_[h.manifest()] = h;
  return changed_lines();
}

std::vector<std::string> status_tracker::resources() const {
  std::vector<std::string> out;
  out.reserve(state_.manifests.size());
  for (std::size_t i = 0; i < state_.manifests.size(); ++i)
    out.push_back(state_.manifests[i].name());
  return out;
}

std::vector<status_line> status_tracker::config_lines(const msg::Event& e) {
  std::vector<status_line> lines;
  if (e.has_config_loaded()) {
    bool first = !config_loaded_;
    config_loaded_ = true;
    // The first load is what `up` started with: nothing new to say.
    if (first && config_shown_.empty()) {
      config_shown_ = "config loaded";
      return {};
    }
    lines.push_back(
        {{}, first ? "config loaded" : "config reloaded", status_tone::good});
  } else if (e.has_config_load_failed()) {
    const auto& f = e.config_load_failed();
    for (const auto& err : f.errors())
      lines.push_back(
          {{}, config_error_text(err, f.config_path()), status_tone::bad});
    auto errors = plural(f.errors_size(), "error");
    lines.push_back({{},
                     config_loaded_ ? "config not reloaded: " + errors +
                                          "; the last good config keeps running"
                                    : "config not loaded: " + errors,
                     status_tone::bad});
  }
  std::string said;
  for (const auto& l : lines)
    said += l.text + '\n';
  // The same errors again say nothing new; every good reload does.
  if (said.empty() || (said == config_shown_ && e.has_config_load_failed()))
    return {};
  config_shown_ = std::move(said);
  return lines;
}

std::vector<status_line>
status_tracker::removed_lines(const msg::ConfigLoaded& c) {
  std::vector<status_line> out;
  for (const auto& name : resources()) {
    bool kept = std::any_of(c.manifests().begin(), c.manifests().end(),
                            [&](const auto& m) { return m.name() == name; });
    if (kept)
      continue;
    out.push_back({name, "removed", status_tone::info});
    shown_.erase(name);
    exit_codes_.erase(name);
  }
  return out;
}

std::vector<status_line> status_tracker::changed_lines() {
  std::vector<status_line> out;
  for (std::size_t i = 0; i < state_.manifests.size(); ++i) {
    auto line = current(i);
    auto& shown = shown_[line.resource];
    if (line.text.empty() || line.text == shown)
      continue;
    // Resources left out of `up` start disabled: no need to list them.
    if (shown.empty() && state_.enable[i] == msg::ENABLE_DISABLED)
      continue;
    shown = line.text;
    out.push_back(std::move(line));
  }
  return out;
}

status_line status_tracker::current(std::size_t i) const {
  const auto& name = state_.manifests[i].name();
  auto code = exit_codes_.find(name);
  auto v = view(state_, i, code == exit_codes_.end() ? 0 : code->second);
  // A build in progress or a disabled resource is never held: a hold from
  // the last decision is stale until the next one arrives.
  bool busy = v.p == phase::disabled || v.p == phase::building ||
              v.p == phase::live_updating;
  // A live updater handling the changes (`reconciling`) keeps what runs
  // up to date: the resource reads as what runs, not as waiting.
  auto held = holds_.find(name);
  if (!busy && held != holds_.end() &&
      held->second.reason() != msg::HOLD_NONE &&
      held->second.reason() != msg::HOLD_RECONCILING)
    return {name, hold_status(held->second), status_tone::waiting};
  return words(name, v);
}

} // namespace actordev
