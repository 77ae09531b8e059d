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

TEST_CASE("a set of many holds finds each one and compares as a set",
          "[holds]") {
  engine_fixture f;
  constexpr std::size_t n = 100;
  for (std::size_t i = 0; i < n; ++i)
    f.upsert_local("m" + std::to_string(i));
  const auto& s = f.state();
  // Every third manifest waits on the next one; the others are free.
  auto hold_of = [](std::size_t i) {
    return hold{msg::HOLD_WAITING_FOR_DEP,
                {manifest_ref("m" + std::to_string(i + 1))}};
  };
  hold_set forward(n), backward(n);
  for (std::size_t i = 0; i < n; i += 3)
    forward.add(s, i, hold_of(i));
  for (std::size_t i = n; i-- > 0;)
    if (i % 3 == 0)
      backward.add(s, i, hold_of(i));
  CHECK(forward.held() == 34);
  for (std::size_t i = 0; i < n; ++i) {
    INFO("manifest " << i);
    CHECK(forward[i] == (i % 3 == 0 ? hold_of(i) : hold{}));
    CHECK(forward.eligible(s, i) == (i % 3 != 0));
  }
  CHECK(forward == backward);
  backward.overwrite(s, 99, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
  CHECK_FALSE(forward == backward);
  forward.overwrite(s, 99, {msg::HOLD_IS_UNPARALLELIZABLE_LOCAL, {}});
  CHECK(forward == backward);
  CHECK_FALSE(forward == hold_set(n + 1));
}
