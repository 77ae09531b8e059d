#include "runtime/ci_outcome.hpp"

#include "runtime/manifest_table.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace actordev {

namespace {

bool starts_by_itself(const msg::ManifestSpec& m) {
  return m.trigger_mode() == msg::TRIGGER_AUTO ||
         m.trigger_mode() == msg::TRIGGER_MANUAL;
}

} // namespace

ci_tracker::resource* ci_tracker::find(const std::string& name) {
  auto i = std::find_if(required_.begin(), required_.end(),
                        [&](const resource& r) { return r.name == name; });
  return i == required_.end() ? nullptr : &*i;
}

void ci_tracker::apply(const msg::Event& e) {
  if (result_)
    return;
  switch (e.kind_case()) {
  case msg::Event::kConfigLoaded: {
    const auto& c = e.config_loaded();
    std::vector<resource> next;
    // Of manifests that share a name the engine keeps the first only.
    std::unordered_set<std::string> seen;
    for (const auto& m : c.manifests()) {
      if (!seen.insert(m.name()).second)
        continue;
      bool disabled = std::find(c.disabled().begin(), c.disabled().end(),
                                m.name()) != c.disabled().end();
      if (disabled || !starts_by_itself(m))
        continue;
      auto* old = find(m.name());
      next.push_back(old ? *old : resource{m.name(), m, {}});
      next.back().spec = m; // a reload may change its type
    }
    required_ = std::move(next);
    loaded_ = true;
    break;
  }
  case msg::Event::kBuildStarted:
    if (auto* r = find(e.build_started().manifest())) {
      r->building = true;
      r->started = true;
    }
    break;
  case msg::Event::kBuildFinished: {
    const auto& f = e.build_finished();
    if (auto* r = find(f.manifest())) {
      r->building = false;
      if (!f.error().empty())
        fail(r->name, "build failed (" + f.error() + ")");
      else if (!is_local(r->spec))
        // Their pods or containers decide from now on; a local resource
        // reports its own readiness.
        record_deploy(r->runtime, r->spec);
    }
    break;
  }
  case msg::Event::kRuntimeChanged: {
    const auto& rt = e.runtime_changed();
    if (auto* r = find(rt.manifest())) {
      apply_runtime(r->runtime, r->spec, rt);
      if (r->runtime.status == msg::RUNTIME_ERROR)
        fail(r->name, rt.error().empty() ? "runtime error" : rt.error());
    }
    break;
  }
  default:
    break;
  }
  check_done();
}

void ci_tracker::fail(const std::string& name, const std::string& why) {
  if (!result_)
    result_ = ci_result{false, name + ": " + why};
}

void ci_tracker::check_done() {
  if (result_ || !loaded_)
    return;
  bool all =
      std::all_of(required_.begin(), required_.end(), [](const resource& r) {
        return r.started && r.done() && !r.building;
      });
  if (all)
    result_ = ci_result{true, ""};
}

std::vector<std::string> ci_tracker::waiting() const {
  std::vector<std::string> out;
  for (const auto& r : required_) {
    if (r.started && r.done() && !r.building)
      continue;
    const char* doing = r.building  ? "building"
                        : r.started ? "not ready"
                                    : "not started";
    out.push_back(r.name + " (" + doing + ")");
  }
  return out;
}

} // namespace actordev
