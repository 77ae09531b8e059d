// Build tokens: plan_builds hands out at most max_parallel_updates.
#include "engine_fixture.hpp"

#include "runtime/decision_proto.hpp"

using namespace actordev;
using namespace actordev::test;

namespace {

using names = std::vector<std::string>;

msg::HoldReason hold_of(const engine_fixture& f, const build_plan& p,
                        const std::string& name) {
  return p.holds[*f.state().manifests.find(name)].reason;
}

/// Starts every granted build, as the scheduler actor would.
void start_all(engine_fixture& f, const build_plan& p) {
  for (const auto& name : p.start)
    f.start_build(name);
}

} // namespace

TEST_CASE("parallel locals get at most max_parallel_updates tokens",
          "[engine][plan]") {
  engine_fixture f;
  for (auto name : {"a", "b", "c", "d", "e"})
    f.upsert_local(name, {.allow_parallel = true});
  auto p = f.plan();
  CHECK(p.start == names{"a", "b", "c"});
  CHECK(hold_of(f, p, "d") == msg::HOLD_WAITING_FOR_SLOT);
  CHECK(hold_of(f, p, "e") == msg::HOLD_WAITING_FOR_SLOT);

  start_all(f, p);
  CHECK(free_build_slots(f.state()) == 0);
  auto full = f.plan();
  CHECK(full.start.empty());
  CHECK(hold_of(f, full, "d") == msg::HOLD_WAITING_FOR_SLOT);

  f.finish_build("b");
  auto next = f.plan();
  CHECK(next.start == names{"d"});
  CHECK(hold_of(f, next, "e") == msg::HOLD_WAITING_FOR_SLOT);
}

TEST_CASE("unparallelizable locals get one token at a time", "[engine][plan]") {
  engine_fixture f;
  f.upsert_local("a");
  f.upsert_local("b");
  auto p = f.plan();
  CHECK(p.start == names{"a"});
  CHECK(p.holds[1] == hold{msg::HOLD_WAITING_FOR_LOCAL, {manifest_ref("a")}});
}

TEST_CASE("a local goes first and alone, then k8s resources in parallel",
          "[engine][plan]") {
  engine_fixture f;
  f.upsert_k8s("k1");
  f.upsert_k8s("k2");
  f.upsert_local("gen");
  auto p = f.plan();
  CHECK(p.start == names{"gen"});
  start_all(f, p);
  f.finish_build("gen");
  CHECK(f.plan().start == names{"k1", "k2"});
}

TEST_CASE("max_parallel_updates 1 serializes everything", "[engine][plan]") {
  engine_fixture f;
  f.set_max_parallel(1);
  f.upsert_k8s("k1");
  f.upsert_k8s("k2");
  auto p = f.plan();
  CHECK(p.start == names{"k1"});
  CHECK(hold_of(f, p, "k2") == msg::HOLD_WAITING_FOR_SLOT);
}

TEST_CASE("max_parallel_updates below 1 is treated as 1", "[engine][plan]") {
  engine_fixture f;
  f.set_max_parallel(0);
  f.upsert_k8s("k1");
  f.upsert_k8s("k2");
  CHECK(f.plan().start == names{"k1"});
}

TEST_CASE("a slot hold never replaces a live update hold", "[engine][plan]") {
  engine_fixture f;
  f.upsert_image("app", {.syncs = {"/src"}});
  f.upsert_k8s("app", {.images = {"app"}});
  f.upsert_k8s("k1");
  f.upsert_k8s("k2");
  f.set_max_parallel(1);
  f.build("app");
  f.set_pods("app", {ready_pod("p1", "app")});
  f.set_live_update("app", {"app"});
  f.change_image_files("app", {"/src/a.py"});
  auto p = f.plan();
  CHECK(p.start == names{"k1"});
  CHECK(hold_of(f, p, "k2") == msg::HOLD_WAITING_FOR_SLOT);
  CHECK(hold_of(f, p, "app") == msg::HOLD_RECONCILING);
}

TEST_CASE("the plan converts to a Decision in config order", "[engine][plan]") {
  engine_fixture f;
  f.upsert_k8s("k1", {.deps = {"gen"}});
  f.upsert_local("gen", {.allow_parallel = true});
  auto d = to_proto(f.state(), f.plan());
  REQUIRE(d.granted_size() == 1);
  CHECK(d.granted(0) == "gen");
  REQUIRE(d.holds_size() == 1);
  CHECK(d.holds(0).manifest() == "k1");
  CHECK(d.holds(0).reason() == msg::HOLD_WAITING_FOR_DEP);
  CHECK(d.holds(0).waiting_on(0).name() == "gen");
}

namespace {

/// What a build start could change, for every manifest.
std::string build_fingerprint(const engine_state& s) {
  std::string out;
  for (std::size_t i = 0; i < s.builds.size(); ++i) {
    const auto& b = s.builds[i];
    out += s.manifests[i].name() + (b.building() ? " building" : "") +
           (b.pending_config_change ? " config" : "");
    for (const auto& t : b.targets)
      out += " " + std::to_string(t.pending_files.size()) +
             (t.pending_dep_change ? "d" : "");
    out += "\n";
  }
  for (auto i : s.triggers.order())
    out += "triggered " + std::to_string(i) + "\n";
  return out;
}

} // namespace

TEST_CASE("planning in place leaves the state exactly as it was",
          "[engine][plan]") {
  engine_fixture f;
  f.upsert_local("a", {.allow_parallel = true});
  f.upsert_local("b", {.allow_parallel = true});
  f.upsert_local("c", {.allow_parallel = true, .trigger = msg::TRIGGER_MANUAL});
  f.build("c");
  f.change_local_files("c");
  f.trigger("c");
  engine_state s = f.state();
  auto before = build_fingerprint(s);
  auto in_place = plan_builds(s, free_build_slots(s));
  CHECK(in_place.start == names{"a", "b", "c"});
  CHECK(build_fingerprint(s) == before);
  CHECK(s.triggered_names() == names{"c"});
  CHECK(plan_builds(f.state()).start == in_place.start);
}
