// Trees on disk for remote builds: a folder read into a manifest of
// digests, and a manifest written back out from blobs.
#include "adapters/tree_files.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

namespace fs = std::filesystem;
using namespace actordev::adapters;
using actordev::test::temp_dir;
using Catch::Matchers::Contains;

namespace {

// echo -n hello | sha256sum
const std::string hello_digest =
    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

const tree_entry* find(const file_tree& t, const std::string& path) {
  auto it = std::find_if(t.begin(), t.end(),
                         [&](const tree_entry& e) { return e.path == path; });
  return it == t.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("sha256 of a file and of bytes agree with sha256sum") {
  temp_dir t;
  t.write("f", "hello");
  std::string error;
  CHECK(sha256_file(t / "f", error) == hello_digest);
  CHECK(error == "");
  CHECK(sha256_bytes("hello") == hello_digest);
  CHECK(sha256_file(t / "missing", error) == "");
  CHECK_THAT(error, Contains("No such file"));
}

TEST_CASE("a folder is read into folders, files with digests and links") {
  temp_dir t;
  t.write("ctx/app/main.py", "hello");
  t.write("ctx/app/skip.pyc", "x");
  fs::create_symlink("main.py", t / "ctx/app/link");
  ::chmod((t / "ctx/app/main.py").c_str(), 0750);
  file_tree tree;
  auto no_pyc = [](const std::string& p, bool) {
    return p.size() < 4 || p.substr(p.size() - 4) != ".pyc";
  };
  REQUIRE(scan_tree(t / "ctx", "web/", tree, {no_pyc}) == "");
  std::map<std::string, entry_kind> kinds;
  for (const auto& e : tree)
    kinds[e.path] = e.kind;
  CHECK(kinds == std::map<std::string, entry_kind>{
                     {"web", entry_kind::directory},
                     {"web/app", entry_kind::directory},
                     {"web/app/main.py", entry_kind::file},
                     {"web/app/link", entry_kind::symlink}});
  const auto* main = find(tree, "web/app/main.py");
  CHECK(main->digest == hello_digest);
  CHECK(main->size == 5);
  CHECK(main->mode == 0750);
  CHECK(find(tree, "web/app/link")->target == "main.py");
}

TEST_CASE("a later tree overlays an earlier one, as copy_tree does") {
  temp_dir t;
  t.write("base/etc/conf", "base");
  t.write("base/lib/x", "1");
  t.write("app/etc/conf", "hello");
  t.write("app/lib", "now a file");
  file_tree tree;
  REQUIRE(scan_tree(t / "base", "", tree) == "");
  REQUIRE(scan_tree(t / "app", "", tree) == "");
  CHECK(find(tree, "etc/conf")->digest == hello_digest);
  CHECK(find(tree, "lib")->kind == entry_kind::file);
  CHECK(find(tree, "lib/x") == nullptr);
  CHECK(std::count_if(tree.begin(), tree.end(), [](const tree_entry& e) {
          return e.path == "etc/conf";
        }) == 1);
}

TEST_CASE("a manifest is written out from blobs, modes and links kept") {
  temp_dir t;
  t.write("src/app/main.py", "hello");
  t.write("src/app/data/empty", "");
  fs::create_symlink("app/main.py", t / "src/main");
  ::chmod((t / "src/app/main.py").c_str(), 0755);
  file_tree tree;
  REQUIRE(scan_tree(t / "src", "", tree) == "");
  std::map<std::string, std::string> blobs;
  for (const auto& e : tree)
    if (e.kind == entry_kind::file)
      blobs[e.digest] = t / ("src/" + e.path);
  auto blob = [&](const std::string& d) {
    return blobs.count(d) ? blobs[d] : std::string{};
  };
  REQUIRE(write_tree(tree, t / "out", blob) == "");
  CHECK(t.read("out/app/main.py") == "hello");
  CHECK(fs::exists(t / "out/app/data/empty"));
  CHECK(fs::read_symlink(t / "out/main") == "app/main.py");
  CHECK((fs::status(t / "out/app/main.py").permissions() & fs::perms::mask) ==
        static_cast<fs::perms>(0755));
  CHECK_THAT(write_tree(tree, t / "out", blob), Contains("exists already"));
}

TEST_CASE("writing a tree fails when a blob is missing or of another size") {
  temp_dir t;
  t.write("f", "hello");
  file_tree tree{{"f", entry_kind::file, hello_digest, 5, 0644, {}}};
  CHECK_THAT(write_tree(tree, t / "a", [](auto&) { return std::string{}; }),
             Contains("is not here"));
  tree[0].size = 6;
  CHECK_THAT(write_tree(tree, t / "b", [&](auto&) { return t / "f"; }),
             Contains("has 5 bytes, the manifest says 6"));
}

TEST_CASE("the digest cache gives a settled file's digest, and a new one "
          "once the file changed") {
  temp_dir t;
  t.write("f", "hello");
  // Settled: changed more than a second before it was read.
  auto old = fs::file_time_type::clock::now() - std::chrono::seconds{10};
  fs::last_write_time(t / "f", old);
  digest_cache cache;
  std::uint64_t size = 0;
  std::string error;
  CHECK(cache.digest(t / "f", size, error) == hello_digest);
  CHECK(cache.digest(t / "f", size, error) == hello_digest);
  CHECK(size == 5);
  // Same size, mtime set back: the write still changed its ctime.
  t.write("f", "HELLO");
  fs::last_write_time(t / "f", old);
  CHECK(cache.digest(t / "f", size, error) == sha256_bytes("HELLO"));
  CHECK(cache.size() == 1);
}

TEST_CASE("a file changed within a second of being read is read again") {
  temp_dir t;
  t.write("f", "hello");
  digest_cache cache;
  std::uint64_t size = 0;
  std::string error;
  CHECK(cache.digest(t / "f", size, error) == hello_digest);
  t.write("f", "HELLO"); // possibly in the same clock tick, same size
  CHECK(cache.digest(t / "f", size, error) == sha256_bytes("HELLO"));
  CHECK(cache.digest(t / "missing", size, error) == "");
  CHECK_THAT(error, Contains("No such file"));
}

namespace {

/// A source folder, its manifest and a blob lookup over it, rescanned on
/// demand, so a test can edit the source and sync a copy to it.
struct synced_source {
  temp_dir& t;
  file_tree tree;
  std::map<std::string, std::string> blobs;
  void rescan() {
    tree.clear();
    REQUIRE(scan_tree(t / "src", "", tree) == "");
    for (const auto& e : tree)
      if (e.kind == entry_kind::file)
        blobs[e.digest] = t / ("src/" + e.path);
  }
  std::function<std::string(const std::string&)> blob() {
    return [this](const std::string& d) {
      return blobs.count(d) ? blobs[d] : std::string{};
    };
  }
};

ino_t inode(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_ino;
}

} // namespace

TEST_CASE("a synced folder is brought up to date writing only what changed") {
  temp_dir t;
  t.write("src/a.txt", "alpha");
  t.write("src/b.txt", "beta");
  t.write("src/lib/c.txt", "gamma");
  t.write("outside/secret", "keep me");
  synced_source s{t, {}, {}};
  s.rescan();
  digest_cache cache;
  REQUIRE(sync_tree(s.tree, t / "out", s.blob(), cache) == "");
  CHECK(t.read("out/lib/c.txt") == "gamma");
  auto a_inode = inode(t / "out/a.txt");

  // The source changes; a build in the copy wrote into it meanwhile.
  t.write("src/b.txt", "beta, edited");
  t.write("out/a.txt.o", "an object file");
  t.write("out/lib/c.txt", "changed by the build");
  fs::create_directories(t / "out/gen");
  t.write("out/gen/x", "generated");
  fs::create_symlink(t / "outside", t / "out/escape");
  s.rescan();
  REQUIRE(sync_tree(s.tree, t / "out", s.blob(), cache) == "");
  CHECK(t.read("out/b.txt") == "beta, edited");
  CHECK(t.read("out/lib/c.txt") == "gamma");
  CHECK_FALSE(fs::exists(t / "out/a.txt.o"));
  CHECK_FALSE(fs::exists(t / "out/gen"));
  CHECK_FALSE(fs::exists(fs::symlink_status(t / "out/escape")));
  CHECK(t.read("outside/secret") == "keep me");
  // Unchanged: not written again.
  CHECK(inode(t / "out/a.txt") == a_inode);
  file_tree now;
  REQUIRE(scan_tree(t / "out", "", now) == "");
  CHECK(now.size() == s.tree.size());
}

TEST_CASE("a synced folder takes a folder where a file was, and a read-only "
          "folder") {
  temp_dir t;
  t.write("src/x", "a file");
  t.write("src/ro/f", "in a read-only folder");
  synced_source s{t, {}, {}};
  s.rescan();
  for (auto& e : s.tree)
    if (e.path == "ro")
      e.mode = 0555;
  digest_cache cache;
  REQUIRE(sync_tree(s.tree, t / "out", s.blob(), cache) == "");
  fs::remove(t / "src/x");
  t.write("src/x/inside", "now a folder");
  t.write("src/ro/g", "one more");
  s.rescan();
  for (auto& e : s.tree)
    if (e.path == "ro")
      e.mode = 0555;
  REQUIRE(sync_tree(s.tree, t / "out", s.blob(), cache) == "");
  CHECK(t.read("out/x/inside") == "now a folder");
  CHECK(t.read("out/ro/g") == "one more");
  CHECK((fs::status(t / "out/ro").permissions() & fs::perms::mask) ==
        static_cast<fs::perms>(0555));
  fs::permissions(t / "out/ro", fs::perms::owner_all, fs::perm_options::add);
}

TEST_CASE("a synced folder that is a link is replaced, what it points to "
          "left alone") {
  temp_dir t;
  t.write("src/a.txt", "alpha");
  t.write("elsewhere/keep", "mine");
  fs::permissions(t / "elsewhere", static_cast<fs::perms>(0700));
  fs::create_symlink(t / "elsewhere", t / "out");
  synced_source s{t, {}, {}};
  s.rescan();
  digest_cache cache;
  REQUIRE(sync_tree(s.tree, t / "out", s.blob(), cache) == "");
  CHECK(fs::is_directory(fs::symlink_status(t / "out")));
  CHECK(t.read("out/a.txt") == "alpha");
  CHECK(t.read("elsewhere/keep") == "mine");
  CHECK((fs::status(t / "elsewhere").permissions() & fs::perms::mask) ==
        static_cast<fs::perms>(0700));
}
