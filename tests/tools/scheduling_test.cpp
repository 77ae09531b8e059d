// The scheduler's promises, seen from outside: resource_deps wait for a
// real readiness probe, local resources build alone unless allowed to run
// in parallel, max_parallel_updates bounds how many build at once, and a
// manual resource waits for its trigger. The commands record facts in
// files; the tests assert on the facts, never on time.
#include "session_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <set>

using namespace actordev::test;
using Catch::Matchers::Contains;

namespace {

/// A one-resource HTTP server that binds its port only once the file `go`
/// exists (waiting at most 30 s), noting both steps in out/db.log.
constexpr const char* late_server = R"(import http.server, os, sys, time
port = int(sys.argv[1])
with open("out/db.log", "a") as f:
    f.write("waiting\n")
for _ in range(600):
    if os.path.exists("go"):
        break
    time.sleep(0.05)
server = http.server.HTTPServer(("127.0.0.1", port),
                                http.server.SimpleHTTPRequestHandler)
with open("out/db.log", "a") as f:
    f.write("listening\n")
server.serve_forever()
)";

/// GETs the URL in argv[1] and appends "got STATUS" or "failed: WHY".
constexpr const char* http_check = R"(import sys, urllib.request
try:
    status = urllib.request.urlopen(sys.argv[1], timeout=5).status
    line = "got %d" % status
except Exception as e:
    line = "failed: %s" % e
with open("out/api.log", "a") as f:
    f.write(line + "\n")
)";

/// `sh rendezvous.sh ME OTHER`: leaves out/ME.here, then succeeds once
/// out/OTHER.here exists; fails after 10 s. Both succeed only if they run
/// at the same time.
constexpr const char* rendezvous = R"(touch "out/$1.here"
i=0
while [ ! -e "out/$2.here" ]; do
  i=$((i + 1))
  if [ "$i" -gt 200 ]; then echo "$2 never came"; exit 1; fi
  sleep 0.05
done
)";

/// `sh slot.sh NAME`: notes "begin NAME", waits (at most 10 s) until two
/// builds began, holds its slot a moment so that a third build started
/// beside it would show, then notes "end NAME".
constexpr const char* slot = R"sh(echo "begin $1" >> out/log
i=0
while [ "$(grep -c begin out/log)" -lt 2 ]; do
  i=$((i + 1))
  if [ "$i" -gt 200 ]; then break; fi
  sleep 0.05
done
sleep 0.3
echo "end $1" >> out/log
)sh";

/// The most "begin" lines not yet matched by an "end" in `lines`.
int max_concurrent(const std::vector<std::string>& lines) {
  int now = 0;
  int most = 0;
  for (const auto& l : lines) {
    now += l.rfind("begin ", 0) == 0 ? 1 : -1;
    most = std::max(most, now);
  }
  return most;
}

} // namespace

TEST_CASE("a resource starts only once its dependency's HTTP probe passes",
          "[e2e][deps]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("db.py", late_server);
  p.write("check.py", http_check);
  p.write("actordev.yaml", replace_all(R"(resources:
  db:
    serve_cmd: python3 db.py PORT
    readiness_probe:
      http_get: {port: PORT, path: /}
      period_ms: 100
  api:
    cmd: python3 check.py http://127.0.0.1:PORT/
    resource_deps: [db]
)",
                                       "PORT", std::to_string(free_port())));
  running_actordev ci{p, "ci --timeout 60s"};
  // The server runs but does not listen: the probe fails, api must wait.
  ci.wait_for(
      [&] {
        return count_lines(p.dir() + "/out/db.log", "waiting") == 1 &&
               count_of(ci.output(), "not ready") > 0;
      },
      "db runs and its probe failed");
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/api.log"));

  p.write("go", "");
  CHECK(ci.wait_exit() == 0);
  CHECK(read_lines(p.dir() + "/out/db.log") ==
        std::vector<std::string>{"waiting", "listening"});
  CHECK(read_lines(p.dir() + "/out/api.log") ==
        std::vector<std::string>{"got 200"});
  CHECK_THAT(ci.output(), Contains("every resource is ready"));
}

TEST_CASE("local resources without allow_parallel never build at once",
          "[e2e][parallel]") {
  temp_project p;
  p.write("out/keep", "");
  std::string config = "settings:\n  max_parallel_updates: 3\nresources:\n";
  for (std::string name : {"one", "two", "three"})
    config += "  " + name + ":\n    cmd: echo begin " + name +
              " >> out/log; sleep 0.3; echo end " + name + " >> out/log\n";
  p.write("actordev.yaml", config);
  running_actordev ci{p, "ci --timeout 60s"};
  REQUIRE(ci.wait_exit() == 0);

  auto lines = read_lines(p.dir() + "/out/log");
  REQUIRE(lines.size() == 6);
  std::set<std::string> built;
  for (std::size_t i = 0; i + 1 < lines.size(); i += 2) {
    INFO("the log:\n" << read_text(p.dir() + "/out/log"));
    REQUIRE(lines[i].rfind("begin ", 0) == 0);
    auto name = lines[i].substr(6);
    CHECK(lines[i + 1] == "end " + name);
    built.insert(name);
  }
  CHECK(built == std::set<std::string>{"one", "two", "three"});
}

TEST_CASE("resources with allow_parallel build at the same time",
          "[e2e][parallel]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("rendezvous.sh", rendezvous);
  p.write("actordev.yaml", R"(resources:
  left:
    cmd: sh rendezvous.sh left right
    allow_parallel: true
  right:
    cmd: sh rendezvous.sh right left
    allow_parallel: true
)");
  running_actordev ci{p, "ci --timeout 60s"};
  CHECK(ci.wait_exit() == 0);
  CHECK_THAT(ci.output(), Contains("every resource is ready"));
}

TEST_CASE("max_parallel_updates bounds how many resources build at once",
          "[e2e][parallel]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("slot.sh", slot);
  std::string config = "settings:\n  max_parallel_updates: 2\nresources:\n";
  for (std::string name : {"p1", "p2", "p3", "p4"})
    config += "  " + name + ":\n    cmd: sh slot.sh " + name +
              "\n    allow_parallel: true\n";
  p.write("actordev.yaml", config);
  running_actordev ci{p, "ci --timeout 60s"};
  REQUIRE(ci.wait_exit() == 0);

  auto lines = read_lines(p.dir() + "/out/log");
  INFO("the log:\n" << read_text(p.dir() + "/out/log"));
  CHECK(lines.size() == 8);
  CHECK(max_concurrent(lines) == 2);
}

TEST_CASE("ci does not build a manual resource that waits for a trigger",
          "[e2e][trigger]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("actordev.yaml", R"(resources:
  seed:
    cmd: touch out/seeded
    trigger_mode: manual
    auto_init: false
  app:
    cmd: touch out/built
)");
  running_actordev ci{p, "ci --timeout 60s"};
  CHECK(ci.wait_exit() == 0);
  CHECK(std::filesystem::exists(p.dir() + "/out/built"));
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/seeded"));
}

TEST_CASE("up builds a manual resource neither at start nor on a file change",
          "[e2e][trigger]") {
  temp_project p;
  p.write("out/keep", "");
  p.write("src/keep", "");
  // seed comes first: had the change made it build, the scheduler would
  // have built it before app (config order), and locals build one at a
  // time, so it would be done before app's second run.
  p.write("actordev.yaml", R"(resources:
  seed:
    cmd: touch out/seeded
    deps: [src]
    trigger_mode: manual
    auto_init: false
  app:
    cmd: echo run >> out/app.log
    deps: [src]
)");
  const auto app_log = p.dir() + "/out/app.log";
  running_actordev up{p, "up"};
  up.wait_for("waiting for a trigger");
  up.wait_for([&] { return count_of(up.output(), "succeeded") == 1; },
              "app's first run succeeded");
  up.wait_watching(p.dir() + "/src");

  p.write("src/change", "x");
  up.wait_for([&] { return count_of(up.output(), "succeeded") == 2; },
              "app's second run succeeded");
  CHECK(count_lines(app_log, "run") == 2);
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/seeded"));

  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  CHECK_FALSE(std::filesystem::exists(p.dir() + "/out/seeded"));
}
