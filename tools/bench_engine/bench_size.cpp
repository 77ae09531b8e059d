#include "bench_size.hpp"

#include "scenarios.hpp"

#include "runtime/build_plan.hpp"
#include "runtime/next_target.hpp"
#include "runtime/reducer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace actordev::bench {

namespace {

std::size_t digest(const decision& d) {
  return d.next.value_or(d.holds.size()) + d.holds.size();
}

std::size_t digest(const build_plan& p) {
  return p.start.size() + p.holds.size();
}

std::size_t held_count(const hold_set& h) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < h.size(); ++i)
    n += h[i] ? 1 : 0;
  return n;
}

std::size_t candidate_count(const engine_state& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.manifests.size(); ++i)
    n += s.next_build_reason(i) != reason_none ? 1 : 0;
  return n;
}

std::string name_or_none(const engine_state& s, std::optional<std::size_t> i) {
  return i ? s.manifests[*i].name() : std::string{"(none)"};
}

bool contains(const std::vector<std::size_t>& v, std::size_t i) {
  return std::find(v.begin(), v.end(), i) != v.end();
}

void check_cold(const scenario& cold, size_result& r) {
  const auto& s = cold.state;
  auto d = next_target_to_build(s);
  auto plan = plan_builds(s);
  if (!d.next)
    r.problems.push_back("cold start: next_target_to_build chose nothing");
  if (plan.start.empty()
      || plan.start.size() > std::size_t{project_max_parallel_updates})
    r.problems.push_back(fmt::format(
      "cold start: plan_builds started {} builds, expected 1 to {}",
      plan.start.size(), project_max_parallel_updates));
  r.cold_summary = fmt::format(
    "{} candidates, {} held; next: {}; plan_builds starts {}",
    candidate_count(s), held_count(d.holds), name_or_none(s, d.next),
    plan.start.size());
}

void check_steady(const steady_scenario& steady, size_result& r) {
  const auto& s = steady.state;
  const auto& roles = steady.roles;
  auto d = next_target_to_build(s);
  if (!roles.probe)
    r.problems.push_back("steady state: no idle workload for the apply runs");
  if (static_cast<std::size_t>(s.building_count()) != roles.building.size())
    r.problems.push_back(fmt::format("steady state: {} building, expected {}",
                                     s.building_count(),
                                     roles.building.size()));
  if (!d.next
      || !(contains(roles.pending, *d.next)
           || contains(roles.triggered, *d.next)))
    r.problems.push_back(fmt::format(
      "steady state: chose {}, expected a changed or triggered manifest",
      name_or_none(s, d.next)));
  r.steady_summary = fmt::format(
    "{} building, {} with pending changes, {} triggered, {} held; next: {}",
    s.building_count(), roles.pending.size(), s.triggers.order().size(),
    held_count(d.holds), name_or_none(s, d.next));
}

void time_decisions(const scenario& cold, const scenario& steady,
                    const sampling_plan& plan, size_result& r) {
  auto decide = [&](const engine_state& s) {
    return measure(plan, [&] { return digest(next_target_to_build(s)); });
  };
  // The scheduler plans on its own state, in place (no copy).
  auto plan_all = [&](const engine_state& s) {
    engine_state scratch = s;
    int slots = free_build_slots(scratch);
    return measure(plan,
                   [&] { return digest(plan_builds(scratch, slots)); });
  };
  r[operation::decide_steady] = decide(steady.state);
  r[operation::decide_cold] = decide(cold.state);
  r[operation::plan_steady] = plan_all(steady.state);
  r[operation::plan_cold] = plan_all(cold.state);
}

/// What a copy of the state costs: what plan_builds(const&) pays once.
void time_state_copy(const scenario& steady, const sampling_plan& plan,
                     size_result& r) {
  r[operation::copy_state] = measure(plan, [&] {
    engine_state copy = steady.state;
    return copy.manifests.size();
  });
}

/// Times applying `events` in order to `s`, over and over. They must leave
/// `s` as comparable as they found it (a change already pending, a build
/// started then finished, the same pods again).
timing time_apply(engine_state& s, const std::vector<msg::Event>& events,
                  const sampling_plan& plan) {
  return measure(plan, [&] {
    for (const auto& e : events)
      apply(s, e);
    return static_cast<std::size_t>(s.now);
  });
}

/// Times the apply operations about the idle workload `probe`, each on its
/// own copy of the steady state, and checks each left what it should.
void time_applies(const steady_scenario& steady, std::size_t probe,
                  const sampling_plan& plan, size_result& r) {
  auto clock = steady.clock;
  const auto& spec = steady.state.manifests[probe];
  const auto& image = spec.images(spec.images_size() - 1);
  auto files = clock.stamp(
    files_changed_event(image_ref(image), "/src/" + spec.name() + "/main.go"));
  auto started = clock.stamp(build_started_event(spec.name()));
  auto finished = clock.stamp(build_finished_event(
    spec.name(), steady.state.manifests.targets_of(probe)));
  auto pods = clock.stamp(pod_ready_event(spec.name(), image));

  auto work = steady.state;
  r[operation::apply_files_changed] = time_apply(work, {files}, plan);
  if (!work.builds[probe].has_pending_files())
    r.problems.push_back("apply FilesChanged: the change is not pending");
  work = steady.state;
  r[operation::apply_build_pair] = time_apply(work, {started, finished}, plan);
  if (work.builds[probe].building()
      || work.building_count() != steady.state.building_count())
    r.problems.push_back("apply BuildStarted+BuildFinished: still building");
  work = steady.state;
  r[operation::apply_runtime_changed] = time_apply(work, {pods}, plan);
  if (!work.runtimes[probe].ready)
    r.problems.push_back("apply RuntimeChanged: the workload is not ready");
}

} // namespace

std::string_view describe(operation op) {
  switch (op) {
    case operation::decide_steady: return "next_target_to_build, steady";
    case operation::decide_cold: return "next_target_to_build, cold start";
    case operation::plan_steady: return "plan_builds, steady";
    case operation::plan_cold: return "plan_builds, cold start";
    case operation::apply_files_changed: return "apply FilesChanged";
    case operation::apply_build_pair: return "apply BuildStarted+Finished";
    case operation::apply_runtime_changed: return "apply RuntimeChanged";
    case operation::copy_state: return "engine_state copy, steady";
  }
  return "unknown";
}

size_result bench_size(std::size_t manifests, std::uint64_t seed,
                       const sampling_plan& plan) {
  auto project = make_project(manifests, seed);
  auto cold = cold_start(project);
  auto steady = steady_state(project, seed);
  size_result r;
  r.manifests = manifests;
  check_cold(cold, r);
  check_steady(steady, r);
  time_decisions(cold, steady, plan, r);
  time_state_copy(steady, plan, r);
  if (steady.roles.probe)
    time_applies(steady, *steady.roles.probe, plan, r);
  return r;
}

} // namespace actordev::bench
