// Reading `kubectl get pods -w -o json --output-watch-events` into pods:
// the texts are in kubectl's format (pretty-printed objects, one after
// another).
#include "runtime/k8s/pod_json.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::k8s;

namespace {

const char* pending = R"({
    "type": "ADDED",
    "object": {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "creationTimestamp": "2026-11-21T10:00:00Z",
            "labels": {"app": "web"},
            "name": "web-7d9f8-abcde",
            "namespace": "default"
        },
        "spec": {"containers": [{"image": "web:actordev-3", "name": "web"}]},
        "status": {
            "phase": "Pending",
            "containerStatuses": [{
                "image": "web:actordev-3", "imageID": "", "name": "web",
                "ready": false, "restartCount": 0, "started": false,
                "state": {"waiting": {"reason": "ContainerCreating"}}
            }]
        }
    }
}
)";

const char* running = R"({"type": "MODIFIED", "object": {"kind": "Pod",
  "metadata": {"creationTimestamp": "2026-11-21T10:00:00Z", "name": "web-7d9f8-abcde"},
  "status": {"phase": "Running", "containerStatuses": [{
    "containerID": "containerd://4f2a", "image": "docker.io/library/web:actordev-3",
    "name": "web", "ready": true, "restartCount": 0,
    "state": {"running": {"startedAt": "2026-11-21T10:00:02Z"}}}]}}}
)";

} // namespace

TEST_CASE("a stream of pretty-printed objects splits into objects",
          "[k8s][pods]") {
  json_stream s;
  std::string all = std::string{pending} + running;
  // Arriving in pieces, split inside a string with a brace in it.
  s.add(all.substr(0, 100));
  CHECK_FALSE(s.next());
  s.add(all.substr(100));
  auto first = s.next();
  REQUIRE(first);
  CHECK(first->front() == '{');
  CHECK(first->back() == '}');
  REQUIRE(s.next());
  CHECK_FALSE(s.next());
  s.add(R"({"a": "}{ \" }"} junk {"b": 1})");
  CHECK(s.next() == std::string{R"({"a": "}{ \" }"})"});
  CHECK(s.next() == std::string{R"({"b": 1})"});
  json_stream small{16};
  small.add(R"({"a": "this is more than sixteen bytes")");
  CHECK_FALSE(small.next());
  CHECK(small.overflowed());
}

TEST_CASE("a pod goes Pending, then Running and ready", "[k8s][pods]") {
  auto p = read_pod_event(pending, {"web"});
  REQUIRE(p.event);
  const auto& pod = p.event->pod;
  CHECK(pod.name() == "web-7d9f8-abcde");
  CHECK(pod.phase() == msg::POD_PENDING);
  CHECK(pod.created_us() == parse_time_us("2026-11-21T10:00:00Z"));
  REQUIRE(pod.containers_size() == 1);
  CHECK(pod.containers(0).state() == msg::CONTAINER_WAITING);
  CHECK(pod.containers(0).reason() == "ContainerCreating");
  CHECK(pod.containers(0).image() == "web");
  CHECK(p.event->labels == std::map<std::string, std::string>{{"app", "web"}});
  CHECK(pod.containers(0).id().empty());

  auto r = read_pod_event(running, {"web"});
  REQUIRE(r.event);
  CHECK(r.event->pod.phase() == msg::POD_RUNNING);
  const auto& c = r.event->pod.containers(0);
  CHECK(c.state() == msg::CONTAINER_RUNNING);
  CHECK(c.ready());
  CHECK(c.id() == "containerd://4f2a");
  CHECK(c.image() == "web"); // docker.io/library/ is the runtime's
}

TEST_CASE("a crash loop, a completed job and a deleted pod", "[k8s][pods]") {
  auto crash = read_pod_event(R"({"kind": "Pod", "metadata": {"name": "a"},
    "status": {"phase": "Running", "containerStatuses": [{"name": "a",
    "image": "api:actordev-1", "ready": false, "restartCount": 4,
    "state": {"waiting": {"reason": "CrashLoopBackOff",
    "message": "back-off 40s restarting failed container"}}}]}})",
                              {"api"});
  REQUIRE(crash.event);
  CHECK(crash.event->pod.containers(0).reason() == "CrashLoopBackOff");
  CHECK(crash.event->pod.containers(0).restarts() == 4);

  auto done = read_pod_event(R"({"kind": "Pod", "metadata": {"name": "job-x"},
    "status": {"phase": "Succeeded", "containerStatuses": [{"name": "job",
    "image": "busybox", "ready": false, "restartCount": 0, "state":
    {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}})",
                             {"api"});
  REQUIRE(done.event);
  CHECK(done.event->pod.phase() == msg::POD_SUCCEEDED);
  CHECK(done.event->pod.containers(0).state() == msg::CONTAINER_TERMINATED);
  CHECK(done.event->pod.containers(0).reason() == "Completed");
  CHECK(done.event->pod.containers(0).image() == "busybox");

  auto gone = read_pod_event(R"({"type": "DELETED", "object": {"kind": "Pod",
    "metadata": {"name": "a", "deletionTimestamp": "2026-11-21T10:01:00Z"},
    "status": {"phase": "Running"}}})",
                             {});
  REQUIRE(gone.event);
  CHECK(gone.event->deleted);
  CHECK(gone.event->pod.deleting());

  CHECK(read_pod_event(R"({"kind": "Service", "metadata": {}})", {}).error ==
        "kubectl printed a Service, not a Pod");
  CHECK(read_pod_event("nope", {}).error ==
        "kubectl printed something that is not a JSON object");
}

TEST_CASE("Kubernetes times read as microseconds since the epoch",
          "[k8s][pods]") {
  CHECK(parse_time_us("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_time_us("2000-03-01T00:00:01Z") == 951868801LL * 1000000);
  CHECK(parse_time_us("2026-11-21T10:00:00.25Z") -
            parse_time_us("2026-11-21T10:00:00Z") ==
        250000);
  CHECK(parse_time_us("yesterday") == 0);
}
