// Container resources run by the local container runtime, and the live
// updates of their images: the real binary on temporary projects. An image
// is a copy of its context in .actordev/images/NAME, the container a private
// copy of it in .actordev/containers/RESOURCE where cmd runs. Each cmd here
// appends its pid to out/starts (outside every watched root), so a start, a
// restart and a process that kept running are all visible.
#include "session_fixture.hpp"

#include "runtime/message_log/log_reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>

using namespace actordev;
using namespace actordev::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// The container's cmd: records its pid, then runs until stopped.
constexpr auto record_start = "echo $$ >> @OUT@/starts; exec sleep 1000";

/// A temporary project with an image `web` (a copy of app/) run by the
/// container resource `web`.
class web_project {
public:
  /// Writes the config, with @START@ standing for `record_start` and
  /// @OUT@ for the absolute out/ folder.
  void config(const std::string& yaml) {
    p.write("out/keep", "");
    p.write("actordev.yaml",
            replace_all(replace_all(yaml, "@START@", record_start), "@OUT@",
                        p.dir() + "/out"));
  }
  /// Replaces the config at once, as an editor saves it.
  void reconfigure(const std::string& yaml) {
    replace_file(p, "actordev.yaml",
                 replace_all(replace_all(yaml, "@START@", record_start),
                             "@OUT@", p.dir() + "/out"));
  }
  /// Writes app/NAME, or replaces it at once (written beside the project's
  /// watched folders, then renamed into place), so the watcher sees one
  /// change of that one path.
  void put(const std::string& name, const std::string& text) {
    auto tmp = p.write("scratch/next", text);
    fs::rename(tmp, p.dir() + "/app/" + name);
  }
  void remove(const std::string& name) { fs::remove(p.dir() + "/app/" + name); }

  std::string app(const std::string& name = "") const {
    return p.dir() + "/app/" + name;
  }
  std::string out(const std::string& name) const {
    return p.dir() + "/out/" + name;
  }
  std::string image(const std::string& name = "") const {
    return p.dir() + "/.actordev/images/web/" + name;
  }
  std::string container(const std::string& name = "") const {
    return p.dir() + "/.actordev/containers/web/" + name;
  }

  /// The pids the container's cmd recorded, one per start.
  std::vector<pid_t> starts() const {
    std::vector<pid_t> pids;
    for (const auto& line : read_lines(out("starts")))
      pids.push_back(static_cast<pid_t>(std::stol(line)));
    return pids;
  }

  /// Waits until cmd started `n` times, the last one still running; returns
  /// that one's pid.
  pid_t wait_started(running_actordev& up, std::size_t n) {
    up.wait_for(
        [&] {
          auto s = starts();
          return s.size() == n && alive(s.back());
        },
        "the container's cmd started " + std::to_string(n) + " time(s)");
    return starts().back();
  }

  temp_project p;
};

/// What the console says after a successful live update.
std::string updated(const std::string& files, const std::string& steps,
                    bool restarted) {
  return "| live update: " + files + " synced, " + steps + " run" +
         (restarted ? ", restarted" : "") + " (";
}

/// The status line of a full build of web.
constexpr auto building = "● building";

/// Stops `up` as a user does and checks that no process it started is
/// left: every pid the container recorded is gone.
void stop(running_actordev& up, const web_project& w) {
  up.signal(SIGTERM);
  CHECK(up.wait_exit() == 0);
  wait_until(
      [&] {
        auto s = w.starts();
        return std::none_of(s.begin(), s.end(), alive);
      },
      "every container process is gone", 5s);
}

/// The whole records of the message log at `path` so far: a log still being
/// written may end in a record cut short, which is left out.
std::vector<msg::LogRecord> log_records(const std::string& path) {
  auto bytes = read_text(path);
  auto reader = message_log::read_binary(bytes);
  std::vector<msg::LogRecord> out;
  for (msg::LogRecord r; reader->next(r);)
    out.push_back(r);
  return out;
}

/// True when `r` is a batch of changes of image web with a path ending in
/// `/suffix`.
bool image_change(const msg::LogRecord& r, const std::string& suffix) {
  if (!r.has_event() || !r.event().has_files_changed())
    return false;
  for (const auto& t : r.event().files_changed().changes())
    if (t.target().type() == msg::TARGET_IMAGE && t.target().name() == "web")
      for (const auto& path : t.paths())
        if (path.size() >= suffix.size() + 1 &&
            path.compare(path.size() - suffix.size() - 1, std::string::npos,
                         "/" + suffix) == 0)
          return true;
  return false;
}

/// What the message log at `path` says happened to web, in order: "build
/// started" (a grant), "changed" (a batch with `changed`), "running" (the
/// container's first start only), "build finished", "live updated" (a live
/// update that synced files).
std::vector<std::string> web_story(const std::string& path,
                                   const std::string& changed) {
  auto first_start = [](const msg::Event& e, const auto& story) {
    const auto& rt = e.runtime_changed();
    return e.has_runtime_changed() && rt.manifest() == "web" &&
           rt.containers_size() > 0 &&
           rt.containers(0).state() == msg::CONTAINER_RUNNING &&
           std::count(story.begin(), story.end(), "running") == 0;
  };
  std::vector<std::string> story;
  for (const auto& r : log_records(path)) {
    if (image_change(r, changed))
      story.push_back("changed");
    if (r.has_decision())
      for (const auto& name : r.decision().granted())
        if (name == "web")
          story.push_back("build started");
    if (!r.has_event())
      continue;
    const auto& e = r.event();
    if (e.has_build_finished() && e.build_finished().manifest() == "web")
      story.push_back("build finished");
    else if (first_start(e, story))
      story.push_back("running");
    else if (e.has_live_update_status() &&
             e.live_update_status().files_synced() > 0)
      story.push_back("live updated");
  }
  return story;
}

} // namespace

TEST_CASE("the first build copies the context less its ignores into the "
          "image and the container, and cmd runs in the container",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "hello\n");
  w.p.write("app/lib/util.txt", "util\n");
  w.p.write("app/top.pyc", "compiled\n");
  w.p.write("app/lib/deep.pyc", "compiled\n");
  w.config(R"yaml(images:
  web:
    context: app
    ignore: ["**/*.pyc"]
resources:
  web:
    container:
      image: web
      cmd: pwd -P > cwd; @START@
)yaml");
  running_actordev up{w.p, "up"};
  w.wait_started(up, 1);
  up.wait_for("● ready");

  for (const auto& root : {w.image(), w.container()}) {
    INFO("in " << root);
    CHECK(read_text(root + "greeting.txt") == "hello\n");
    CHECK(read_text(root + "lib/util.txt") == "util\n");
    CHECK_FALSE(fs::exists(root + "top.pyc"));
    CHECK_FALSE(fs::exists(root + "lib/deep.pyc"));
  }
  CHECK(fs::exists(w.app("top.pyc"))); // the project itself is untouched
  CHECK(read_text(w.container("cwd")) ==
        fs::canonical(w.container()).string() + "\n");
  CHECK(count_of(up.output(), building) == 1);

  stop(up, w);
}

TEST_CASE("a live update copies an edited file and deletes a deleted one "
          "in the container, restarting its process each time",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  w.p.write("app/old.txt", "old\n");
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app, remote: /}
      - restart_container: true
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t first = w.wait_started(up, 1);
  up.wait_watching(w.app());

  w.put("greeting.txt", "v2\n");
  up.wait_for(updated("1 file", "0 steps", true));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  const pid_t second = w.wait_started(up, 2);
  CHECK_FALSE(alive(first));

  w.remove("old.txt");
  up.wait_for([&] { return count_of(up.output(), "| live update:") == 2; },
              "the live update of the deletion");
  CHECK(count_of(up.output(), updated("1 file", "0 steps", true)) == 2);
  CHECK_FALSE(fs::exists(w.container("old.txt")));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  w.wait_started(up, 3);
  CHECK_FALSE(alive(second));
  CHECK(count_of(up.output(), building) == 1);

  stop(up, w);
}

TEST_CASE("without restart_container a live update syncs the file and the "
          "same process keeps running",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app, remote: /}
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t pid = w.wait_started(up, 1);
  up.wait_watching(w.app());

  w.put("greeting.txt", "v2\n");
  up.wait_for(updated("1 file", "0 steps", false));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  CHECK(w.starts() == std::vector<pid_t>{pid});
  CHECK(alive(pid));
  CHECK(count_of(up.output(), building) == 1);

  stop(up, w);
}

TEST_CASE("run steps run in order in the container after the sync, one with "
          "a trigger only when its trigger changed",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/main.txt", "m1\n");
  w.p.write("app/deps.txt", "d1\n");
  // Each step says what it saw and where it ran, in the container's
  // steps.log (not in the image: it is the container's own).
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app, remote: /}
      - run:
          cmd: echo "deps $(cat deps.txt) $(pwd -P)" >> steps.log
          trigger: app/deps.txt
      - run: echo "always $(cat main.txt) $(pwd -P)" >> steps.log
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t pid = w.wait_started(up, 1);
  up.wait_watching(w.app());
  const auto root = fs::canonical(w.container()).string();
  const auto steps = w.container("steps.log");

  w.put("main.txt", "m2\n");
  up.wait_for(updated("1 file", "1 step", false));
  CHECK(read_lines(steps) == std::vector<std::string>{"always m2 " + root});

  w.put("deps.txt", "d2\n");
  up.wait_for(updated("1 file", "2 steps", false));
  CHECK(read_lines(steps) == std::vector<std::string>{"always m2 " + root,
                                                      "deps d2 " + root,
                                                      "always m2 " + root});

  CHECK(w.starts() == std::vector<pid_t>{pid}); // no restart_container
  CHECK(count_of(up.output(), building) == 1);
  stop(up, w);
}

TEST_CASE("a change matching fall_back_on rebuilds: the container is a fresh "
          "copy and its process a new one",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  w.p.write("app/requirements.txt", "r1\n");
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - fall_back_on: app/requirements.txt
      - sync: {local: app, remote: /}
      - restart_container: true
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t first = w.wait_started(up, 1);
  up.wait_watching(w.app());
  // Something only the running container has: a rebuild drops it.
  w.p.write(".actordev/containers/web/scratch.txt", "");

  w.put("requirements.txt", "r2\n");
  up.wait_for([&] { return count_of(up.output(), building) == 2; },
              "web builds again");
  w.wait_started(up, 2);
  CHECK_THAT(up.output(), Contains("| live update: " + w.app() +
                                   "requirements.txt matches fall_back_on " +
                                   w.app() + "requirements.txt; rebuilding"));
  CHECK_FALSE(alive(first));
  CHECK(read_text(w.container("requirements.txt")) == "r2\n");
  CHECK(read_text(w.image("requirements.txt")) == "r2\n");
  CHECK_FALSE(fs::exists(w.container("scratch.txt")));
  CHECK(count_of(up.output(), "synced") == 0);

  // The rebuild made the live updater healthy again: the next edit is
  // live-updated.
  w.put("greeting.txt", "v2\n");
  up.wait_for(updated("1 file", "0 steps", true));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  CHECK(count_of(up.output(), building) == 2);
  stop(up, w);
}

TEST_CASE("a change in the context that no sync covers rebuilds",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/src/handler.txt", "h1\n");
  w.p.write("app/settings.txt", "s1\n");
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app/src, remote: /src}
      - restart_container: true
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t first = w.wait_started(up, 1);
  up.wait_watching(w.app());
  up.wait_watching(w.app("src"));

  // Under the sync: live-updated, no build.
  w.put("src/handler.txt", "h2\n");
  up.wait_for(updated("1 file", "0 steps", true));
  CHECK(read_text(w.container("src/handler.txt")) == "h2\n");
  const pid_t second = w.wait_started(up, 2);
  CHECK_FALSE(alive(first));

  // In the context, under no sync: a full rebuild.
  w.put("settings.txt", "s2\n");
  up.wait_for([&] { return count_of(up.output(), building) == 2; },
              "web builds again");
  CHECK_THAT(up.output(),
             Contains("| live update: " + w.app() +
                      "settings.txt is watched by the build but no sync "
                      "covers it; rebuilding"));
  w.wait_started(up, 3);
  CHECK_FALSE(alive(second));
  CHECK(read_text(w.container("settings.txt")) == "s2\n");
  CHECK(read_text(w.container("src/handler.txt")) == "h2\n");
  CHECK(count_of(up.output(), "| live update: 1 file synced") == 1);
  stop(up, w);
}

TEST_CASE("a run step that fails fails the live update and rebuilds",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/mode.txt", "good\n");
  w.config(R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app, remote: /}
      - run: test "$(cat mode.txt)" != broken
      - restart_container: true
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t first = w.wait_started(up, 1);
  up.wait_watching(w.app());
  w.p.write(".actordev/containers/web/scratch.txt", "");

  w.put("mode.txt", "broken\n");
  up.wait_for([&] { return count_of(up.output(), building) == 2; },
              "web builds again");
  const auto out = up.output();
  CHECK_THAT(out, Contains("| live update: run step 1 (test \"$(cat "
                           "mode.txt)\" != broken) failed"));
  CHECK_THAT(out, Contains("; rebuilding"));
  CHECK(count_of(out, "synced") == 0);
  // The failed update did not restart it; the rebuild did, in a fresh copy.
  w.wait_started(up, 2);
  CHECK_FALSE(alive(first));
  CHECK(read_text(w.container("mode.txt")) == "broken\n");
  CHECK_FALSE(fs::exists(w.container("scratch.txt")));
  stop(up, w);
}

TEST_CASE("a change made while the container's build is under way waits for "
          "the container to run, then is live-updated without a second build",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  w.p.write("gate/keep", "");
  // The build copies the context at once, then holds until gate/open
  // exists (bounded: 10 s); out/blocked says it holds.
  w.p.write("build.sh", R"(cp -R app/. "$ACTORDEV_IMAGE_DIR"/
: > out/blocked
i=0
while [ ! -e gate/open ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
)");
  // Each start also records its pid and the greeting it saw, in one write
  // (a process stopped at once may record nothing, never half).
  w.config(R"yaml(images:
  web:
    custom:
      command: sh build.sh
      deps: [app]
    live_update:
      - sync: {local: app, remote: /}
      - restart_container: true
resources:
  web:
    container:
      image: web
      cmd: echo "$$ $(cat greeting.txt)" >> @OUT@/seen; @START@
)yaml");
  const auto log = w.out("session.alog");
  running_actordev up{w.p, "up --message-log out/session.alog"};
  up.wait_for([&] { return fs::exists(w.out("blocked")); },
              "the build holds at the gate");
  up.wait_watching(w.app());

  w.put("greeting.txt", "v2\n");
  // Released only once the engine has the change: it came during the build.
  up.wait_for(
      [&] {
        auto records = log_records(log);
        return std::any_of(records.begin(), records.end(), [](const auto& r) {
          return image_change(r, "app/greeting.txt");
        });
      },
      "the message log records the change of app/greeting.txt");
  w.p.write("gate/open", "");

  up.wait_for(updated("1 file", "0 steps", true));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  // The restart runs the synced file. (The first process may be stopped
  // before it recorded anything: the update follows its start at once.)
  up.wait_for(
      [&] {
        auto seen = read_lines(w.out("seen"));
        auto pids = w.starts();
        return !seen.empty() && !pids.empty() && alive(pids.back()) &&
               seen.back() == std::to_string(pids.back()) + " v2";
      },
      "the restarted cmd saw v2 and runs");
  const auto pids = w.starts();
  CHECK(std::none_of(pids.begin(), pids.end() - 1, alive));
  stop(up, w);

  // The whole log: one full build of web with the change inside it, and
  // the live update once the container ran.
  const auto story = web_story(log, "app/greeting.txt");
  CHECK(story == std::vector<std::string>{"build started", "changed", "running",
                                          "build finished", "live updated"});
  CHECK(count_of(up.output(), building) == 1);
}

TEST_CASE("down stops the container process that a killed up left running",
          "[e2e][container][stop]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  w.config(R"yaml(images:
  web:
    context: app
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml");
  running_actordev up{w.p, "up"};
  const pid_t pid = w.wait_started(up, 1);
  up.wait_for(
      [&] {
        return read_text(w.p.dir() + "/.actordev/processes")
                   .find(std::to_string(pid)) != std::string::npos;
      },
      "up recorded the container's process group");

  up.signal(SIGKILL); // it cannot clean up
  CHECK(up.wait_exit() == 128 + SIGKILL);
  REQUIRE(alive(pid));

  auto down = w.p.actordev("down");
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Contains("stopped web (process group " +
                                   std::to_string(pid) + ")"));
  wait_until([&] { return !alive(pid); }, "the container's process is gone",
             5s);
}

// Every config reload starts the live updaters anew; a new one asks its
// containers how they are, since a reload that leaves a container alone
// sends no event that says it runs.
TEST_CASE("after a config reload that leaves the container alone an edit is "
          "still live-updated",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "v1\n");
  const std::string yaml = R"yaml(images:
  web:
    context: app
    live_update:
      - sync: {local: app, remote: /}
resources:
  web:
    container: {image: web, cmd: @START@}
)yaml";
  w.config(yaml);
  running_actordev up{w.p, "up"};
  const pid_t pid = w.wait_started(up, 1);
  up.wait_watching(w.p.dir());
  up.wait_watching(w.app());

  w.reconfigure("# a comment: the same resources\n" + yaml);
  up.wait_for("config reloaded");
  up.wait_watching(w.app());
  w.put("greeting.txt", "v2\n");
  up.wait_for(updated("1 file", "0 steps", false));
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  CHECK(w.starts() == std::vector<pid_t>{pid});
  CHECK(count_of(up.output(), building) == 1);
  stop(up, w);
}

TEST_CASE("an image whose context is the project's folder builds without "
          "copying .actordev into itself",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/greeting.txt", "hi\n");
  w.config(R"(images:
  web: {ignore: [out, scratch]}
resources:
  web:
    container: {image: web, cmd: @START@}
)");
  running_actordev up{w.p, "up"};
  w.wait_started(up, 1);
  CHECK(read_text(w.container("app/greeting.txt")) == "hi\n");
  CHECK_FALSE(fs::exists(w.container(".actordev")));
  CHECK_FALSE(fs::exists(w.image(".actordev")));
  stop(up, w);
}

TEST_CASE("after a first build that failed, an edit of a synced file "
          "rebuilds",
          "[e2e][container]") {
  web_project w;
  w.p.write("app/broken", "");
  w.p.write("app/greeting.txt", "v1\n");
  w.config(R"(images:
  web:
    context: app
    custom:
      command: test ! -e app/broken && cp -R app/. "$ACTORDEV_IMAGE_DIR"
      deps: [app]
    live_update:
      - sync: {local: app, remote: /}
resources:
  web:
    container: {image: web, cmd: @START@}
)");
  running_actordev up{w.p, "up"};
  up.wait_for("build failed");
  up.wait_watching(w.app());
  w.remove("broken");
  w.put("greeting.txt", "v2\n");
  w.wait_started(up, 1);
  CHECK(read_text(w.container("greeting.txt")) == "v2\n");
  stop(up, w);
}

TEST_CASE("a base built FROM a rebuilt base is rebuilt too",
          "[e2e][container]") {
  web_project w;
  w.p.write("c/c.txt", "c1\n");
  w.p.write("b/b.txt", "b1\n");
  w.p.write("app/a.txt", "a1\n");
  w.config(R"(images:
  c: {context: c}
  b: {context: b, from: c}
  web: {context: app, from: b}
resources:
  web:
    container: {image: web, cmd: @START@}
)");
  running_actordev up{w.p, "up"};
  w.wait_started(up, 1);
  CHECK(read_text(w.container("c.txt")) == "c1\n");
  up.wait_watching(w.p.dir() + "/c");
  replace_file(w.p, "c/c.txt", "c2\n");
  w.wait_started(up, 2);
  CHECK(count_of(up.output(), "image b is unchanged") == 0);
  CHECK(read_text(w.container("c.txt")) == "c2\n");
  CHECK(read_text(w.container("b.txt")) == "b1\n");
  stop(up, w);
}
