// The watch table: which directory each watch descriptor stands for.
#include "adapters/inotify_watch_table.hpp"

#include <catch2/catch.hpp>

using namespace actordev::adapters;

TEST_CASE("a path is under a directory only at a separator", "[inotify]") {
  CHECK(is_under("/a", "/a"));
  CHECK(is_under("/a/b", "/a"));
  CHECK_FALSE(is_under("/ab", "/a"));
  CHECK_FALSE(is_under("/a-b/c", "/a"));
  CHECK_FALSE(is_under("/", "/a"));
  CHECK(is_under("/a", "/"));
}

TEST_CASE("a subtree is forgotten without its look-alike siblings",
          "[inotify]") {
  inotify_watch_table t;
  t.assign("/p/a", 1);
  t.assign("/p/a-b", 2);
  t.assign("/p/a/x", 3);
  t.assign("/p/a.c", 4);
  t.assign("/p/a/x/y", 5);
  t.assign("/p/b", 6);
  auto dropped = t.erase_under("/p/a");
  std::sort(dropped.begin(), dropped.end());
  CHECK(dropped == std::vector<int>{1, 3, 5});
  CHECK(t.dirs() == std::vector<std::string>{"/p/a-b", "/p/a.c", "/p/b"});
  CHECK(t.dir_of(3) == nullptr);
  CHECK(t.size() == 3);
}

TEST_CASE("a descriptor handed back for a new path moves to it", "[inotify]") {
  inotify_watch_table t;
  CHECK_FALSE(t.assign("/p/old", 7));
  CHECK_FALSE(t.assign("/p/new", 7));
  CHECK(*t.dir_of(7) == "/p/new");
  CHECK_FALSE(t.wd_of("/p/old"));
  CHECK(t.size() == 1);
}

TEST_CASE("a directory watched again with a new descriptor returns the stale "
          "one",
          "[inotify]") {
  inotify_watch_table t;
  t.assign("/p/d", 3);
  CHECK(t.assign("/p/d", 9) == 3);
  CHECK(t.dir_of(3) == nullptr);
  CHECK(t.wd_of("/p/d") == 9);
  CHECK_FALSE(t.assign("/p/d", 9));
  t.erase(9);
  CHECK(t.size() == 0);
}
