// The file watcher on a real actor system with real inotify. A batch that
// must not contain something is checked by what arrives first: events are
// reported in order, so a later change that is batched alone proves that
// nothing before it was reported.
#include "file_watcher_fixture.hpp"

#include <catch2/catch.hpp>

using namespace actordev;
using namespace actordev::test;

using lines = std::vector<std::string>;

TEST_CASE("the file watcher sends a burst of writes to one resource as one "
          "FilesChanged",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.make_dirs("web");
  // A long quiet window, so that the burst cannot be split by a slow
  // machine; `web` keeps the global one.
  f.start(R"(
resources:
  api: {cmd: make, deps: [src], quiet_ms: 1000}
  web: {cmd: make, deps: [web]}
)");
  f.write("src/a.c");
  f.write("src/b.c");
  f.write("src/c.h");
  f.write("src/a.c", "again");
  CHECK(f.next_batch() == lines{"api: src/a.c src/b.c src/c.h"});
  f.write("src/d.c");
  CHECK(f.next_batch() == lines{"api: src/d.c"});
}

TEST_CASE("the file watcher stamps a batch with the wall-clock time of its "
          "last change",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.start("resources: {api: {cmd: make, deps: [src]}}\n");
  auto before = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  f.write("src/a.c");
  auto e = f.next_event();
  CHECK(f.describe(e) == lines{"api: src/a.c"});
  // Allows for the steady/wall conversion's rounding.
  CHECK(e.time_us() >= before - 1000);
}

TEST_CASE("the file watcher never reports ignored paths", "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.write(".actordevignore", "*.tmp\n");
  f.start(R"(
settings: {watch: {ignore: ["**/*.log"]}}
resources:
  api: {cmd: make, deps: [src], ignore: [src/gen]}
)");
  f.write("src/server.log");   // settings.watch.ignore
  f.write("src/gen/api.pb.c"); // the resource's ignore
  f.write("src/notes.tmp");    // .actordevignore
  f.write("src/.git/HEAD");    // built in
  f.write("src/.main.c.swp");  // built in
  f.write("src/main.c");
  CHECK(f.next_batch() == lines{"api: src/main.c"});
}

TEST_CASE("the file watcher watches a folder created later, however deep",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.start("resources: {api: {cmd: make, deps: [src]}}\n");
  f.make_dirs("src/sub/deep");
  CHECK(f.next_batch() == lines{"api: src/sub"});
  f.write("src/sub/deep/new.c");
  CHECK(f.next_batch() == lines{"api: src/sub/deep/new.c"});
}

TEST_CASE("the file watcher reports a dep that does not exist yet when it "
          "appears",
          "[watcher]") {
  file_watcher_fixture f;
  f.start("resources: {api: {cmd: make, deps: [gen, version.txt]}}\n");
  f.make_dirs("gen");
  CHECK(f.next_batch() == lines{"api: gen"});
  f.write("gen/x.c");
  CHECK(f.next_batch() == lines{"api: gen/x.c"});
  f.write("version.txt");
  CHECK(f.next_batch() == lines{"api: version.txt"});
}

TEST_CASE("the file watcher reports an edit of actordev.yaml as a config "
          "change and tells the listener",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  const char* yaml = "resources: {api: {cmd: make, deps: [src]}}\n";
  f.start(yaml);
  f.write_config(yaml);
  auto e = f.next_event();
  CHECK(f.describe(e) == lines{"config: actordev.yaml"});
  auto first_us = f.next_config_change();
  CHECK(first_us > 0);
  CHECK(first_us <= e.time_us());
}

TEST_CASE("the file watcher watches a new dep after an update and drops the "
          "old one",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("old");
  f.make_dirs("new");
  f.start("resources: {api: {cmd: make, deps: [old]}}\n");
  CHECK(f.watched() == lines{"actordev.yaml", "old"});
  // The rewrite of actordev.yaml is itself a change: take it first.
  f.update("resources: {api: {cmd: make, deps: [new]}}\n");
  CHECK(f.next_batch() == lines{"config: actordev.yaml"});
  CHECK(f.watched() == lines{"actordev.yaml", "new"});
  f.write("old/a.c");
  f.write("new/b.c");
  CHECK(f.next_batch() == lines{"api: new/b.c"});
}

TEST_CASE("the file watcher logs and skips an invalid .actordevignore pattern",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.write(".actordevignore", "[z-a]\n*.tmp\n");
  f.start("resources: {api: {cmd: make, deps: [src]}}\n");
  CHECK_THAT(f.next_log_line(),
             Catch::Matchers::StartsWith(".actordevignore:1: "));
  f.write("src/a.tmp");
  f.write("src/a.c");
  CHECK(f.next_batch() == lines{"api: src/a.c"});
}

TEST_CASE("the file watcher logs the inotify watch limit and watches the rest",
          "[watcher]") {
  file_watcher_fixture f;
  f.make_dirs("src");
  f.make_dirs("big");
  f.start("resources: {api: {cmd: make, deps: [src, big]}}\n", "big");
  auto line = f.next_log_line();
  CHECK_THAT(line,
             Catch::Matchers::Contains("inotify watch limit") &&
                 Catch::Matchers::Contains("fs.inotify.max_user_watches"));
  CHECK(f.watched() == lines{"actordev.yaml", "src"});
  f.write("src/a.c");
  CHECK(f.next_batch() == lines{"api: src/a.c"});
}
