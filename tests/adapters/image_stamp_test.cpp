// Image stamps and staged image folders: when a built base is reused, and
// how a build's folder replaces the last one.
#include "adapters/image_folder.hpp"
#include "adapters/image_stamp.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace actordev::adapters;

namespace {

struct temp_dir {
  fs::path path;
  temp_dir() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("actordev-stamp-" + std::to_string(::getpid()) + "-" +
            std::to_string(++n));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& rel) const {
    return (path / rel).string();
  }
};

void write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path{path}.parent_path());
  std::ofstream{path} << text;
}

std::string read(const std::string& path) {
  std::ifstream in{path};
  return {std::istreambuf_iterator<char>{in}, {}};
}

/// Moves `path`'s modification time `by` away from the stamp's, so the
/// test does not depend on the file system's time resolution.
void touch(const std::string& path, std::chrono::seconds by) {
  fs::last_write_time(path, fs::file_time_type::clock::now() + by);
}

} // namespace

TEST_CASE("a stamp is fresh until its fingerprint or a watched file changes",
          "[image-stamp]") {
  temp_dir d;
  write(d / "ctx/src/a.py", "a");
  write(d / "ctx/b.py", "b");
  touch(d / "ctx/src/a.py", std::chrono::seconds{-60});
  touch(d / "ctx/b.py", std::chrono::seconds{-60});
  touch(d / "ctx/src", std::chrono::seconds{-60});
  touch(d / "ctx", std::chrono::seconds{-60});
  const std::vector<std::string> roots{d / "ctx"};
  CHECK_FALSE(stamp_fresh(d / "img.stamp", "f1", roots)); // never built
  REQUIRE(write_stamp(d / "img.stamp", "f1").empty());
  CHECK(stamp_fresh(d / "img.stamp", "f1", roots));
  CHECK_FALSE(stamp_fresh(d / "img.stamp", "f2", roots)); // config changed
  touch(d / "ctx/src/a.py", std::chrono::seconds{60});
  CHECK_FALSE(stamp_fresh(d / "img.stamp", "f1", roots)); // a file changed
  touch(d / "ctx/src/a.py", std::chrono::seconds{-60});
  CHECK(stamp_fresh(d / "img.stamp", "f1", roots));
  touch(d / "ctx/src", std::chrono::seconds{60}); // a file was deleted
  CHECK_FALSE(stamp_fresh(d / "img.stamp", "f1", roots));
  touch(d / "ctx/src", std::chrono::seconds{-60});
  CHECK_FALSE(stamp_fresh(d / "img.stamp", "f1", roots, 2)); // too many
  CHECK(stamp_fresh(d / "img.stamp", "f1", {d / "missing"}));
}

TEST_CASE("a staged image folder holds its bases and replaces the image only "
          "when committed",
          "[image-stamp]") {
  temp_dir d;
  write(d / "base1/etc/conf", "one");
  write(d / "base1/lib/x", "x");
  write(d / "base2/etc/conf", "two");
  write(d / "img/old", "old");
  const auto staging = staging_folder(d / "img");
  write(staging + "/leftover", "from a failed build");
  REQUIRE(prepare_image_folder(staging, {d / "base1", d / "base2"}).empty());
  CHECK(read(staging + "/etc/conf") == "two"); // the later base wins
  CHECK(read(staging + "/lib/x") == "x");
  CHECK_FALSE(fs::exists(staging + "/leftover"));
  CHECK(read(d / "img/old") == "old"); // untouched until committed
  REQUIRE(commit_image_folder(staging, d / "img").empty());
  CHECK_FALSE(fs::exists(d / "img/old"));
  CHECK(read(d / "img/etc/conf") == "two");
  CHECK_FALSE(fs::exists(staging));

  auto err = prepare_image_folder(staging, {d / "nope"});
  CHECK(err.find("the base image folder '" + (d / "nope") + "' is missing") !=
        std::string::npos);
  discard_image_folder(staging);
  CHECK_FALSE(fs::exists(staging));
}
