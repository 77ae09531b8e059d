// The start-up plan `actordev up` prints before resources run.
#include "engine_fixture.hpp"

#include "runtime/startup_plan.hpp"

using namespace actordev;
using namespace actordev::test;

namespace {

std::vector<std::vector<std::string>> rounds(const engine_state& s) {
  std::vector<std::vector<std::string>> out;
  for (const auto& step : simulate_startup(s))
    if (step.decision.granted_size() > 0)
      out.emplace_back(step.decision.granted().begin(),
                       step.decision.granted().end());
  return out;
}

using plan = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("the start-up plan follows dependencies and parallelism",
          "[engine][startup]") {
  engine_fixture f;
  f.upsert_local("gen");
  f.upsert_local("server", {.deps = {"gen"}, .probe = true});
  f.upsert_local("smoke", {.deps = {"server"}});
  f.upsert_local("lint-a", {.allow_parallel = true});
  f.upsert_local("lint-b", {.allow_parallel = true});
  CHECK(rounds(f.state()) ==
        plan{{"gen"}, {"server"}, {"smoke"}, {"lint-a", "lint-b"}});
}

TEST_CASE("the start-up plan shows why each resource waits",
          "[engine][startup]") {
  engine_fixture f;
  f.upsert_local("gen");
  f.upsert_local("server", {.deps = {"gen"}});
  auto steps = simulate_startup(f.state());
  REQUIRE(steps.size() == 3); // gen, server, then nothing more
  REQUIRE(steps[0].decision.holds_size() == 1);
  CHECK(steps[0].decision.holds(0).manifest() == "server");
  CHECK(steps[0].decision.holds(0).reason() == msg::HOLD_WAITING_FOR_LOCAL);
  CHECK(steps[2].decision.granted_size() == 0);
}

TEST_CASE("manual and disabled resources are not in the start-up plan",
          "[engine][startup]") {
  engine_fixture f;
  f.upsert_local("a");
  f.upsert_local("b", {.trigger = msg::TRIGGER_MANUAL_NO_INIT});
  f.upsert_k8s("c");
  f.set_enable("c", msg::ENABLE_DISABLED);
  CHECK(rounds(f.state()) == plan{{"a"}});
}

TEST_CASE("a start-up blocked on a cluster stops with the hold",
          "[engine][startup]") {
  engine_fixture f;
  f.set_cluster("default", "", "connection refused");
  f.upsert_k8s("api");
  auto steps = simulate_startup(f.state());
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].decision.holds(0).reason() == msg::HOLD_WAITING_FOR_CLUSTER);
}
