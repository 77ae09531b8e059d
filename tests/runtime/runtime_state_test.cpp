// How runtime status and readiness are derived from pods and containers.
#include "engine_fixture.hpp"

#include "runtime/runtime_state.hpp"

using namespace actordev;
using namespace actordev::test;

namespace {

/// Pods as the engine keeps them.
std::vector<pod_state> kept(const std::vector<msg::Pod>& pods) {
  std::vector<pod_state> out(pods.size());
  for (std::size_t i = 0; i < pods.size(); ++i)
    assign(pods[i], out[i]);
  return out;
}

std::vector<container_state> kept(const msg::Container& c) {
  std::vector<container_state> out(1);
  assign(c, out[0]);
  return out;
}

runtime_state k8s(const std::vector<msg::Pod>& pods, bool deployed = true,
                  msg::PodReadiness r = msg::POD_READINESS_WAIT) {
  runtime_state rt;
  rt.deployed = deployed;
  rt.pods = kept(pods);
  derive_k8s_runtime(rt, r);
  return rt;
}

} // namespace

TEST_CASE("kubernetes readiness follows the most recent pod", "[runtime]") {
  CHECK(k8s({ready_pod("p", "i")}, false).status == msg::RUNTIME_PENDING);
  CHECK(k8s({}, true, msg::POD_READINESS_IGNORE).ready);
  CHECK(k8s({ready_pod("p", "i")}).ready);
  CHECK(k8s({pending_pod("p", "i")}).status == msg::RUNTIME_PENDING);
  CHECK(k8s({completed_pod("p", "i")}).succeeded);

  auto failed = completed_pod("p", "i");
  failed.set_phase(msg::POD_FAILED);
  CHECK(k8s({failed}).status == msg::RUNTIME_ERROR);

  auto backoff = pending_pod("p", "i");
  backoff.mutable_containers(0)->set_reason("CrashLoopBackOff");
  CHECK(k8s({backoff}).status == msg::RUNTIME_ERROR);

  // Tilt calls a Running pod whose container crashed pending; here it is
  // an error, as a crash-looping compose service is: the user sees it
  // failing, and its changes do not wait for a deploy that will not come.
  CHECK(k8s({crashing_pod("p", "i")}).status == msg::RUNTIME_ERROR);
  // Running and ready after a crash in the past: OK.
  CHECK(k8s({crashed_in_the_past_pod("p", "i")}).status == msg::RUNTIME_OK);
}

TEST_CASE("the most recent pod is the newest, ties to the larger name",
          "[runtime]") {
  auto old_ready = ready_pod("a", "i");
  old_ready.set_created_us(1);
  auto new_pending = pending_pod("b", "i");
  new_pending.set_created_us(2);
  CHECK(most_recent_pod(kept({old_ready, new_pending}))->name == "b");
  CHECK(k8s({old_ready, new_pending}).status == msg::RUNTIME_PENDING);
  new_pending.set_created_us(1);
  CHECK(most_recent_pod(kept({new_pending, old_ready}))->name == "b");
  CHECK(most_recent_pod({}) == nullptr);
}

TEST_CASE("ever ready survives the pod going away", "[runtime]") {
  engine_fixture f;
  f.upsert_k8s("db");
  f.upsert_k8s("api", {.deps = {"db"}});
  f.build("db");
  f.set_pods("db", {ready_pod("p", "db")});
  f.set_pods("db", {});
  CHECK_FALSE(f.state().runtimes[0].ready);
  CHECK(f.state().ever_ready[0]);
  f.assert_next("api");
}

TEST_CASE("compose readiness honours healthchecks", "[runtime]") {
  runtime_state rt;
  derive_compose_runtime(rt);
  CHECK(rt.status == msg::RUNTIME_NONE);

  msg::Container c;
  c.set_id("c1");
  c.set_state(msg::CONTAINER_RUNNING);
  rt.containers = kept(c);
  derive_compose_runtime(rt);
  CHECK(rt.ready);

  c.set_has_healthcheck(true);
  rt = {};
  rt.containers = kept(c);
  derive_compose_runtime(rt);
  CHECK(rt.status == msg::RUNTIME_PENDING);
  CHECK_FALSE(rt.ready);

  c.set_state(msg::CONTAINER_TERMINATED);
  rt.containers = kept(c);
  derive_compose_runtime(rt);
  CHECK(rt.succeeded);

  c.set_exit_code(1);
  rt.containers = kept(c);
  derive_compose_runtime(rt);
  CHECK(rt.status == msg::RUNTIME_ERROR);
}
