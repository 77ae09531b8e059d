// The inotify watcher against the real kernel, in fresh temp folders.
#include "adapters/inotify_watcher.hpp"
#include "inotify_fixture.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

using namespace actordev::adapters;
using namespace actordev::adapters::inotify_test;
using namespace std::chrono_literals;

namespace {

/// A watcher on a fresh tree, and the log of what it reports.
struct watched_tree {
  temp_tree tree;
  inotify_watcher watcher = open_watcher();
  event_log log{watcher};

  watched_tree() { REQUIRE_FALSE(watcher.add_root(tree.path())); }
  std::string operator/(std::string_view rel) const { return tree / rel; }
};

const std::vector<change_kind> written = {change_kind::created,
                                          change_kind::modified};

} // namespace

TEST_CASE("a file written under a watched directory is reported", "[inotify]") {
  watched_tree w;
  write_file(w / "top.txt");
  make_dirs(w / "src");
  REQUIRE(w.log.wait_for(change_kind::created, w / "src"));
  write_file(w / "src/main.cc", "int main() {}");
  CHECK(w.log.wait_for(change_kind::modified, w / "src/main.cc"));
  CHECK(w.log.saw(change_kind::created, w / "src/main.cc"));
  CHECK(w.log.saw(change_kind::modified, w / "top.txt"));
  CHECK(w.log.errors().empty());
}

TEST_CASE("an existing file rewritten in place is reported as modified",
          "[inotify]") {
  temp_tree tree;
  write_file(tree / "a.txt", "one");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(tree.path()));
  event_log log(watcher);
  write_file(tree / "a.txt", "two");
  CHECK(log.wait_for(change_kind::modified, tree / "a.txt"));
  CHECK_FALSE(log.saw(change_kind::created, tree / "a.txt"));
}

TEST_CASE("files written at once into directories made after the watch "
          "started are reported (the mkdir -p race)",
          "[inotify]") {
  watched_tree w;
  for (int i = 0; i < 10; ++i) {
    std::string dir = w / ("a" + std::to_string(i) + "/b/c");
    make_dirs(dir);
    write_file(dir + "/f");
  }
  for (int i = 0; i < 10; ++i) {
    std::string file = w / ("a" + std::to_string(i) + "/b/c/f");
    CHECK(w.log.wait_for_any(written, file));
  }
  // Every new directory is watched: later writes deep inside are seen too.
  write_file(w / "a3/b/c/g");
  CHECK(w.log.wait_for(change_kind::modified, w / "a3/b/c/g"));
  CHECK(w.watcher.watch_count() == 1 + 10 * 3);
}

TEST_CASE("a file moved into the tree and one moved out are reported",
          "[inotify]") {
  watched_tree w;
  temp_tree outside;
  write_file(outside / "incoming.txt");
  write_file(w / "leaving.txt");
  REQUIRE(w.log.wait_for(change_kind::modified, w / "leaving.txt"));
  w.log.clear();

  move_path(outside / "incoming.txt", w / "incoming.txt");
  move_path(w / "leaving.txt", outside / "leaving.txt");
  CHECK(w.log.wait_for(change_kind::moved_to, w / "incoming.txt"));
  CHECK(w.log.wait_for(change_kind::moved_from, w / "leaving.txt"));
}

TEST_CASE("a directory moved into the tree is watched and its contents are "
          "reported as created",
          "[inotify]") {
  watched_tree w;
  temp_tree outside;
  make_dirs(outside / "pkg/sub");
  write_file(outside / "pkg/sub/old.txt");
  auto baseline = w.watcher.watch_count();

  move_path(outside / "pkg", w / "pkg");
  REQUIRE(w.log.wait_for(change_kind::moved_to, w / "pkg"));
  CHECK(w.log.saw(change_kind::created, w / "pkg/sub/old.txt"));
  CHECK(w.watcher.watch_count() == baseline + 2);

  write_file(w / "pkg/sub/new.txt");
  CHECK(w.log.wait_for(change_kind::modified, w / "pkg/sub/new.txt"));
}

TEST_CASE("a deleted directory's watches are dropped", "[inotify]") {
  watched_tree w;
  auto baseline = w.watcher.watch_count();
  make_dirs(w / "gen/x/y");
  write_file(w / "gen/x/y/out.o");
  REQUIRE(w.log.wait_for_any(written, w / "gen/x/y/out.o"));
  REQUIRE(w.watcher.watch_count() == baseline + 3);

  remove_tree(w / "gen");
  REQUIRE(w.log.wait_for([&](const watch_event& e) {
    return e.kind == change_kind::deleted && e.path == w / "gen" && e.is_dir;
  }));
  CHECK(w.watcher.watch_count() == baseline);
  CHECK(w.log.saw(change_kind::deleted, w / "gen/x/y/out.o"));
}

TEST_CASE("a directory moved out of the tree stops being watched",
          "[inotify]") {
  watched_tree w;
  temp_tree outside;
  auto baseline = w.watcher.watch_count();
  make_dirs(w / "d/e");
  REQUIRE(w.log.wait_for(change_kind::created, w / "d/e"));
  REQUIRE(w.watcher.watch_count() == baseline + 2);

  move_path(w / "d", outside / "d");
  REQUIRE(w.log.wait_for(change_kind::moved_from, w / "d"));
  CHECK(w.watcher.watch_count() == baseline);

  // Changes where the directory went are none of the watcher's business;
  // a marker write inside the tree shows the watcher has caught up.
  write_file(outside / "d/e/after.txt");
  write_file(w / "marker");
  REQUIRE(w.log.wait_for(change_kind::modified, w / "marker"));
  CHECK_FALSE(w.log.saw_path(w / "d/e/after.txt"));
  CHECK_FALSE(w.log.saw_path(outside / "d/e/after.txt"));
}

TEST_CASE("a directory renamed inside the tree is watched under its new name",
          "[inotify]") {
  watched_tree w;
  make_dirs(w / "old/sub");
  REQUIRE(w.log.wait_for(change_kind::created, w / "old/sub"));
  auto count = w.watcher.watch_count();

  move_path(w / "old", w / "new");
  REQUIRE(w.log.wait_for(change_kind::moved_to, w / "new"));
  CHECK(w.log.saw(change_kind::moved_from, w / "old"));
  CHECK(w.watcher.watch_count() == count);
  write_file(w / "new/sub/f");
  CHECK(w.log.wait_for(change_kind::modified, w / "new/sub/f"));
  CHECK_FALSE(w.log.saw_path(w / "old/sub/f"));
}

TEST_CASE("an editor-style save of a watched file is reported", "[inotify]") {
  temp_tree tree;
  write_file(tree / "app.py", "v1");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(tree / "app.py"));
  event_log log(watcher);

  SECTION("write a temporary, rename it over the file") {
    write_file(tree / ".app.py.tmp", "v2");
    move_path(tree / ".app.py.tmp", tree / "app.py");
    CHECK(log.wait_for(change_kind::moved_to, tree / "app.py"));
    // The replaced file is watched through its directory: saving again
    // keeps being seen.
    write_file(tree / ".app.py.tmp", "v3");
    move_path(tree / ".app.py.tmp", tree / "app.py");
    log.clear();
    CHECK(log.wait_for(change_kind::moved_to, tree / "app.py"));
  }
  SECTION("vim's way: move the original to a backup, write a new file") {
    move_path(tree / "app.py", tree / "app.py~");
    write_file(tree / "app.py", "v2");
    CHECK(log.wait_for(change_kind::moved_from, tree / "app.py"));
    CHECK(log.wait_for(change_kind::modified, tree / "app.py"));
  }
  SECTION("write in place") {
    write_file(tree / "app.py", "v2");
    CHECK(log.wait_for(change_kind::modified, tree / "app.py"));
  }
}

TEST_CASE("a watched file's siblings are not reported", "[inotify]") {
  temp_tree tree;
  write_file(tree / "deps.txt");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(tree / "deps.txt"));
  event_log log(watcher);

  write_file(tree / "other.txt");
  make_dirs(tree / "subdir");
  write_file(tree / "deps.txt", "changed");
  REQUIRE(log.wait_for(change_kind::modified, tree / "deps.txt"));
  CHECK_FALSE(log.saw_path(tree / "other.txt"));
  CHECK_FALSE(log.saw_path(tree / "subdir"));
  CHECK(watcher.watch_count() == 1);
}

TEST_CASE("a symlink inside the tree is reported but not followed",
          "[inotify]") {
  watched_tree w;
  temp_tree outside;
  auto baseline = w.watcher.watch_count();
  std::filesystem::create_directory_symlink(outside.path(), w / "link");
  REQUIRE(w.log.wait_for(
      [&](const watch_event& e) { return e.path == w / "link" && !e.is_dir; }));
  CHECK(w.watcher.watch_count() == baseline);

  write_file(outside / "through-link.txt");
  write_file(w / "marker");
  REQUIRE(w.log.wait_for(change_kind::modified, w / "marker"));
  CHECK_FALSE(w.log.saw_path(w / "link/through-link.txt"));
}

TEST_CASE("a missing root is an error that names it", "[inotify]") {
  temp_tree tree;
  auto watcher = open_watcher();
  auto missing = tree / "no/such/dir";
  auto error = watcher.add_root(missing);
  REQUIRE(error);
  CHECK(error->code == watch_errc::root_missing);
  CHECK(error->path == missing);
  CHECK(error->message == "cannot watch " + missing +
                              ": it does not exist (create it, or fix the "
                              "path)");
  CHECK(watcher.watch_count() == 0);
  CHECK(watcher.roots().empty());
}

TEST_CASE("a relative root is watched as an absolute path", "[inotify]") {
  temp_tree tree;
  make_dirs(tree / "sub");
  auto watcher = open_watcher();
  auto relative = std::filesystem::relative(tree.path()).string();
  REQUIRE_FALSE(watcher.add_root(relative + "/sub/../"));
  CHECK(watcher.roots() == std::vector<std::string>{tree.path()});
}

TEST_CASE("a deleted root is reported as deleted", "[inotify]") {
  temp_tree parent;
  make_dirs(parent / "root/sub");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(parent / "root"));
  event_log log(watcher);

  remove_tree(parent / "root");
  CHECK(log.wait_for(change_kind::deleted, parent / "root"));
  CHECK(log.saw(change_kind::deleted, parent / "root/sub"));
  CHECK(log.wait_until([&] { return watcher.watch_count() == 0; }));
}

TEST_CASE("a root moved away is reported and its watches dropped",
          "[inotify]") {
  temp_tree parent;
  make_dirs(parent / "root/sub");
  make_dirs(parent / "beacon");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(parent / "root"));
  REQUIRE_FALSE(watcher.add_root(parent / "beacon"));
  event_log log(watcher);

  move_path(parent / "root", parent / "elsewhere");
  REQUIRE(log.wait_for(change_kind::moved_from, parent / "root"));
  CHECK(watcher.watch_count() == 1);
  // Writes where the root went are not reported, under any name; the
  // beacon root shows the watcher has caught up.
  write_file(parent / "elsewhere/sub/f");
  write_file(parent / "beacon/f");
  REQUIRE(log.wait_for(change_kind::modified, parent / "beacon/f"));
  for (const auto& e : log.events())
    CHECK((e.path == parent / "root" || is_under(e.path, parent / "beacon")));
}

TEST_CASE("removing a root drops the watches no other root needs",
          "[inotify]") {
  temp_tree tree;
  make_dirs(tree / "a/b");
  auto watcher = open_watcher();
  REQUIRE_FALSE(watcher.add_root(tree.path()));
  REQUIRE_FALSE(watcher.add_root(tree / "a"));
  CHECK(watcher.watch_count() == 3);
  watcher.remove_root(tree.path());
  CHECK(watcher.watch_count() == 2);
  watcher.remove_root(tree / "a");
  CHECK(watcher.watch_count() == 0);
}

TEST_CASE("poll waits no longer than its timeout when nothing happens",
          "[inotify]") {
  watched_tree w;
  auto start = std::chrono::steady_clock::now();
  auto batch = w.watcher.poll(100ms);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK(batch.empty());
  CHECK(took >= 90ms);
  CHECK(took < 1s);

  start = std::chrono::steady_clock::now();
  CHECK(w.watcher.poll(0ms).empty());
  CHECK(std::chrono::steady_clock::now() - start < 50ms);
}

TEST_CASE("a real queue overflow is reported for the root and the watch "
          "keeps working",
          "[inotify]") {
  long max_queued = proc_sys("fs/inotify/max_queued_events");
  if (max_queued < 0 || max_queued > 100000) {
    WARN("skipped: fs.inotify.max_queued_events is " << max_queued
                                                     << ", too many to fill");
    return;
  }
  watched_tree w;
  make_dirs(w / "flood");
  REQUIRE(w.log.wait_for(change_kind::created, w / "flood"));
  write_file(w / "flood/a");
  write_file(w / "flood/b");
  REQUIRE(w.log.wait_for(change_kind::modified, w / "flood/b"));
  // Fill the queue without reading it. Alternating files, because the
  // kernel merges an event identical to the one queued just before it.
  namespace fs = std::filesystem;
  for (long i = 0; i < max_queued + 64; ++i)
    fs::permissions(w / (i % 2 ? "flood/a" : "flood/b"),
                    i % 4 < 2 ? fs::perms::owner_read
                              : fs::perms::owner_read | fs::perms::owner_write);
  REQUIRE(w.log.wait_for(change_kind::overflow, w.tree.path()));

  w.log.clear();
  write_file(w / "flood/after");
  CHECK(w.log.wait_for(change_kind::modified, w / "flood/after"));
  CHECK(w.watcher.watch_count() == 2);
}
