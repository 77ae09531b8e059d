// The hold set: Tilt's rules for which holds stick.
#include "engine_fixture.hpp"

using namespace actordev;
using namespace actordev::test;

TEST_CASE("the first hold wins, except an overwrite", "[holds]") {
  engine_fixture f;
  f.upsert_local("a");
  hold_set h(1);
  h.add(f.state(), 0, {msg::HOLD_WAITING_FOR_DEP, {manifest_ref("x")}});
  h.add(f.state(), 0, {msg::HOLD_WAITING_FOR_CLUSTER, {}});
  CHECK(h[0].reason == msg::HOLD_WAITING_FOR_DEP);
  CHECK_FALSE(h.eligible(f.state(), 0));
  h.overwrite(f.state(), 0, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
  CHECK(h[0].reason == msg::HOLD_IS_UNPARALLELIZABLE_LOCAL);
}

TEST_CASE("a building or reason-less manifest is never held", "[holds]") {
  engine_fixture f;
  f.upsert_local("building");
  f.upsert_local("idle");
  f.build("idle");
  f.start_build("building");
  hold_set h(2);
  for (std::size_t i = 0; i < 2; ++i) {
    h.add(f.state(), i, {msg::HOLD_WAITING_FOR_DEP, {}});
    h.overwrite(f.state(), i, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
    CHECK_FALSE(h[i]);
  }
  CHECK_FALSE(h.eligible(f.state(), 0)); // building
  CHECK_FALSE(h.eligible(f.state(), 1)); // nothing to build
  CHECK(h.eligible_only(f.state(), {0, 1}).empty());
}
