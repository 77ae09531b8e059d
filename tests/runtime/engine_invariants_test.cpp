// Randomized, seeded event sequences, driven as the scheduler actor drives
// the engine: after each event, hand out plan_builds' tokens. Checks the
// promises users rely on, whatever the sequence.
#include "engine_fixture.hpp"

#include "runtime/build_rules.hpp"

#include <algorithm>
#include <random>

using namespace actordev;
using namespace actordev::test;

namespace {

const std::vector<std::string> manifest_names{
    "gen", "lint", "uncategorized", "db", "api", "web", "worker"};

void setup(engine_fixture& f) {
  f.upsert_image("base", {.syncs = {"/src/base"}});
  f.upsert_image("app", {.image_deps = {"base"},
                         .syncs = {"/src/app"},
                         .fall_back_on = {"/src/app/requirements.txt"}});
  f.upsert_local("gen");
  f.upsert_local("lint", {.allow_parallel = true});
  f.upsert_k8s("uncategorized");
  f.upsert_k8s("db", {.deps = {"gen"}});
  f.upsert_k8s("api", {.deps = {"db"}, .images = {"base", "app"}});
  f.upsert_compose("web", {.images = {"base", "app"}});
  f.upsert_local("worker", {.deps = {"api"}, .trigger = msg::TRIGGER_MANUAL});
  f.set_max_parallel(2);
}

bool serial_local(const engine_state& s, std::size_t i) {
  return is_local(s.manifests[i]) && !s.manifests[i].allow_parallel();
}

void check_decision(const engine_state& s) {
  auto d = next_target_to_build(s);
  auto candidates = rules::targets_needing_any_build(s);
  auto is_candidate = [&](std::size_t i) {
    return std::find(candidates.begin(), candidates.end(), i) !=
           candidates.end();
  };
  if (d.next) {
    CHECK(is_candidate(*d.next));
    CHECK_FALSE(s.builds[*d.next].building());
    CHECK_FALSE(d.holds[*d.next]);
  }
  for (std::size_t i = 0; i < d.holds.size(); ++i) {
    if (!d.holds[i])
      continue;
    CHECK(is_candidate(i));
    CHECK_FALSE(s.builds[i].building());
    CHECK(s.next_build_reason(i) != reason_none);
  }
  // The fast test the hold checks use agrees with the full build reason,
  // and the flags the reducer keeps with what they are kept for.
  REQUIRE(s.flags.size() == s.manifests.size());
  std::vector<std::size_t> wanting, building;
  for (std::size_t i = 0; i < s.manifests.size(); ++i) {
    INFO("manifest " << s.manifests[i].name());
    CHECK(s.needs_build(i) == (s.next_build_reason(i) != reason_none));
    CHECK(s.flags[i].building == s.builds[i].building());
    CHECK(s.flags[i].wants_build == s.wants_build(i));
    if (s.wants_build(i))
      wanting.push_back(i);
    if (s.builds[i].building())
      building.push_back(i);
  }
  CHECK(s.wanting_build == wanting);
  CHECK(s.building_now == building);
}

/// With no new input, handing out tokens and finishing every build must
/// come to rest: nothing makes manifests rebuild each other forever.
void check_goes_quiet(engine_fixture& f) {
  f.set_cluster("default", "amd64");
  f.set_cluster("docker", "amd64");
  f.load_config();
  const auto& s = f.state();
  std::vector<std::size_t> building;
  for (std::size_t i = 0; i < s.builds.size(); ++i)
    if (s.builds[i].building())
      building.push_back(i);
  for (auto i : building)
    f.finish_build(s.manifests[i].name());
  int rounds = 0;
  for (; rounds < 3 * static_cast<int>(manifest_names.size()); ++rounds) {
    auto plan = f.plan();
    if (plan.start.empty())
      break;
    for (const auto& name : plan.start)
      f.start_build(name);
    for (const auto& name : plan.start)
      f.finish_build(name);
  }
  CHECK(f.plan().start.empty());
}

/// Hands out the plan's tokens and checks the concurrency promises.
void grant(engine_fixture& f) {
  const auto& s = f.state();
  int free = free_build_slots(s);
  auto plan = f.plan();
  CHECK(static_cast<int>(plan.start.size()) <= std::max(free, 0));
  // Planning in place simulates the starts and undoes them all.
  engine_state scratch = s;
  CHECK(plan_builds(scratch, free).start == plan.start);
  CHECK(scratch.flags == s.flags);
  CHECK(scratch.wanting_build == s.wanting_build);
  CHECK(scratch.building_now == s.building_now);
  CHECK(scratch.triggers.order() == s.triggers.order());
  for (const auto& name : plan.start)
    f.start_build(name);
  int building = s.building_count();
  CHECK(building <= s.config.max_parallel_updates);
  for (std::size_t i = 0; i < s.builds.size(); ++i)
    if (s.builds[i].building() && serial_local(s, i))
      CHECK(building == 1); // a serial local never overlaps anything
}

void random_event(engine_fixture& f, std::mt19937& rng) {
  auto pick = [&](const auto& v) { return v[rng() % v.size()]; };
  const auto& s = f.state();
  auto name = pick(manifest_names);
  switch (rng() % 10) {
  case 0:
  case 1: {
    std::vector<std::size_t> building;
    for (std::size_t i = 0; i < s.builds.size(); ++i)
      if (s.builds[i].building())
        building.push_back(i);
    if (!building.empty())
      f.finish_build(s.manifests[pick(building)].name(),
                     rng() % 4 == 0 ? "failed" : "");
    break;
  }
  case 2:
    f.change_image_files(pick(std::vector<std::string>{"base", "app"}),
                         {pick(std::vector<std::string>{
                             "/src/app/a.py", "/src/base/b.txt",
                             "/src/app/requirements.txt", "/src/other"})});
    break;
  case 3:
    f.change_local_files(
        pick(std::vector<std::string>{"gen", "lint", "worker"}));
    break;
  case 4:
    f.trigger(name);
    break;
  case 5:
    f.set_pods(pick(std::vector<std::string>{"db", "api"}),
               {pick(std::vector<msg::Pod>{
                   ready_pod("p", "app"), pending_pod("p", "app"),
                   crashing_pod("p", "app"), completed_pod("p", "app")})});
    break;
  case 6:
    f.set_cluster(pick(std::vector<std::string>{"default", "docker"}),
                  rng() % 3 ? "amd64" : "", rng() % 4 ? "" : "down");
    break;
  case 7:
    f.set_live_update("app", {"base", "app"}, rng() % 3 ? "" : "failed");
    break;
  case 8:
    f.set_enable(name,
                 static_cast<msg::EnableState>(rng() % 3 == 0 ? rng() % 3 : 0));
    break;
  case 9:
    if (rng() % 2)
      f.change_config();
    else
      f.load_config();
    break;
  }
}

} // namespace

TEST_CASE("random event sequences keep the scheduler's promises",
          "[engine][invariants]") {
  for (unsigned seed = 1; seed <= 200; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    engine_fixture f;
    setup(f);
    for (int step = 0; step < 80; ++step) {
      random_event(f, rng);
      check_decision(f.state());
      grant(f);
    }
    check_goes_quiet(f);
  }
}
