// The local container runtime's files: an image folder copied into a
// container, container paths mapped under its root, live updates synced in
// and deleted; every failure a text that names the path.
#include "adapters/container_fs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <vector>

using namespace actordev::adapters;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

struct temp_dir {
  std::string path;
  temp_dir() {
    std::string p =
        (fs::temp_directory_path() / "actordev-cfs-XXXXXX").string();
    path = mkdtemp(p.data()) ? p : "";
    REQUIRE_FALSE(path.empty());
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const {
    return (fs::path(path) / name).string();
  }
  /// Writes `text` to `name`, creating its folders.
  void write(const std::string& name, const std::string& text) const {
    fs::create_directories(fs::path(*this / name).parent_path());
    std::ofstream(*this / name) << text;
  }
  void mkdir(const std::string& name) const {
    fs::create_directories(*this / name);
  }
  void link(const std::string& name, const std::string& points_to) const {
    fs::create_symlink(points_to, *this / name);
  }
};

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool exists(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

bool is_link(const std::string& path) {
  std::error_code ec;
  return fs::is_symlink(fs::symlink_status(path, ec));
}

bool is_executable(const std::string& path) {
  return (fs::status(path).permissions() & fs::perms::owner_exec) !=
         fs::perms::none;
}

/// Everything under `dir`, relative and sorted, folders with a trailing
/// "/"; links are listed, never entered.
std::vector<std::string> tree(const std::string& dir) {
  std::vector<std::string> out;
  for (fs::recursive_directory_iterator i{dir}, end; i != end; ++i) {
    auto name = i->path().lexically_relative(dir).string();
    bool folder = fs::is_directory(i->symlink_status());
    out.push_back(folder ? name + "/" : name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

using names = std::vector<std::string>;

} // namespace

// copy_tree

TEST_CASE("copy_tree copies nested folders and their files", "[container-fs]") {
  temp_dir d;
  d.write("image/app/main.py", "print(1)\n");
  d.write("image/app/lib/util/helpers.py", "x = 1\n");
  d.mkdir("image/app/empty");
  CHECK(copy_tree(d / "image", d / "containers/c1/root") == "");
  CHECK(tree(d / "containers/c1/root") ==
        names{"app/", "app/empty/", "app/lib/", "app/lib/util/",
              "app/lib/util/helpers.py", "app/main.py"});
  CHECK(contents(d / "containers/c1/root/app/lib/util/helpers.py") ==
        "x = 1\n");
}

TEST_CASE("copy_tree keeps a script executable and a data file not",
          "[container-fs]") {
  temp_dir d;
  d.write("image/run.sh", "#!/bin/sh\n");
  d.write("image/data.txt", "data");
  fs::permissions(d / "image/run.sh", fs::perms::owner_exec,
                  fs::perm_options::add);
  CHECK(copy_tree(d / "image", d / "root") == "");
  CHECK(is_executable(d / "root/run.sh"));
  CHECK_FALSE(is_executable(d / "root/data.txt"));
}

TEST_CASE("copy_tree copies links as links and never follows them, not even "
          "a loop",
          "[container-fs]") {
  temp_dir d;
  d.write("outside/secret.txt", "host file");
  d.write("image/app/main.py", "main");
  d.link("image/app/current", "main.py");
  d.link("image/app/host", d / "outside");
  d.link("image/app/up", "..");     // a folder loop
  d.link("image/app/self", "self"); // a link to itself
  CHECK(copy_tree(d / "image", d / "root") == "");
  CHECK(tree(d / "root") == names{"app/", "app/current", "app/host",
                                  "app/main.py", "app/self", "app/up"});
  CHECK(fs::read_symlink(d / "root/app/current").string() == "main.py");
  CHECK(fs::read_symlink(d / "root/app/host").string() == d / "outside");
  CHECK(fs::read_symlink(d / "root/app/up").string() == "..");
  CHECK(is_link(d / "root/app/self"));
}

TEST_CASE("copy_tree skips a FIFO, as it skips sockets and devices",
          "[container-fs]") {
  temp_dir d;
  d.write("image/main.py", "main");
  REQUIRE(::mkfifo((d / "image/pipe").c_str(), 0600) == 0);
  CHECK(copy_tree(d / "image", d / "root") == "");
  CHECK(tree(d / "root") == names{"main.py"});
}

TEST_CASE("copy_tree leaves out what the filter excludes and never enters an "
          "excluded folder",
          "[container-fs]") {
  temp_dir d;
  d.write("image/main.py", "main");
  d.write("image/debug.log", "noise");
  d.write("image/node_modules/pkg/index.js", "js");
  std::vector<std::string> asked;
  auto include = [&](const std::string& path, bool is_dir) {
    asked.push_back(path);
    auto name = fs::path(path).filename();
    return !(is_dir && name == "node_modules") && name != "debug.log";
  };
  CHECK(copy_tree(d / "image", d / "root", include) == "");
  CHECK(tree(d / "root") == names{"main.py"});
  std::sort(asked.begin(), asked.end());
  CHECK(asked == names{d / "image/debug.log", d / "image/main.py",
                       d / "image/node_modules"});
}

TEST_CASE("copy_tree overlays: files it copies are overwritten, others are "
          "kept",
          "[container-fs]") {
  temp_dir d;
  d.write("image/main.py", "new");
  d.write("image/lib/a.py", "new a");
  d.write("root/main.py", "old");
  d.write("root/lib/b.py", "the container's own");
  d.write("root/cache.db", "state");
  CHECK(copy_tree(d / "image", d / "root") == "");
  CHECK(tree(d / "root") ==
        names{"cache.db", "lib/", "lib/a.py", "lib/b.py", "main.py"});
  CHECK(contents(d / "root/main.py") == "new");
  CHECK(contents(d / "root/lib/b.py") == "the container's own");
}

TEST_CASE("copy_tree of a single file copies it to the file path",
          "[container-fs]") {
  temp_dir d;
  d.write("build/app.bin", "binary");
  CHECK(copy_tree(d / "build/app.bin", d / "root/bin/app") == "");
  CHECK(contents(d / "root/bin/app") == "binary");
}

TEST_CASE("copy_tree of a missing folder or into itself is an error naming "
          "it",
          "[container-fs]") {
  temp_dir d;
  CHECK_THAT(copy_tree(d / "nope", d / "root"),
             Contains(d / "nope") && Contains("does not exist"));
  CHECK_FALSE(exists(d / "root"));
  d.write("image/main.py", "main");
  CHECK_THAT(copy_tree(d / "image", d / "image/copy"), Contains("inside it"));
  CHECK(tree(d / "image") == names{"main.py"});
}

// replace_tree

TEST_CASE("replace_tree makes an exact copy: files the source lacks are gone",
          "[container-fs]") {
  temp_dir d;
  d.write("image/main.py", "new");
  d.write("image/lib/a.py", "a");
  d.write("root/main.py", "old");
  d.write("root/stale.py", "deleted since");
  d.write("root/old/x.py", "x");
  CHECK(replace_tree(d / "image", d / "root") == "");
  CHECK(tree(d / "root") == names{"lib/", "lib/a.py", "main.py"});
  CHECK(contents(d / "root/main.py") == "new");
  CHECK(tree(d.path) == names{"image/", "image/lib/", "image/lib/a.py",
                              "image/main.py", "root/", "root/lib/",
                              "root/lib/a.py", "root/main.py"});
}

TEST_CASE("replace_tree of a missing source leaves the old tree as it was",
          "[container-fs]") {
  temp_dir d;
  d.write("root/main.py", "old");
  CHECK_THAT(replace_tree(d / "nope", d / "root"),
             Contains(d / "nope") && Contains("does not exist"));
  CHECK(tree(d.path) == names{"root/", "root/main.py"});
  CHECK(contents(d / "root/main.py") == "old");
}

TEST_CASE("replace_tree creates a destination that does not exist yet",
          "[container-fs]") {
  temp_dir d;
  d.write("image/main.py", "main");
  CHECK(replace_tree(d / "image", d / "containers/c1") == "");
  CHECK(tree(d / "containers") == names{"c1/", "c1/main.py"});
}

// container_path

TEST_CASE("container_path maps a container path under the root, normalized",
          "[container-fs]") {
  auto at = [](const std::string& remote) {
    auto r = container_path("/var/c1", remote);
    CHECK(r.error == "");
    return r.path;
  };
  CHECK(at("/app/main.py") == "/var/c1/app/main.py");
  CHECK(at("/app//lib/./util/") == "/var/c1/app/lib/util");
  CHECK(at("/a/../b") == "/var/c1/b");
  CHECK(at("/") == "/var/c1");
  CHECK(at("/app/..") == "/var/c1");
}

TEST_CASE("container_path rejects a relative path and says how to write it",
          "[container-fs]") {
  auto r = container_path("/var/c1", "x");
  CHECK(r.path == "");
  CHECK(r.error == "container path 'x' is not absolute: write it from the "
                   "container's root, e.g. /app/x");
  CHECK_THAT(container_path("/var/c1", "").error, Contains("empty"));
}

TEST_CASE("container_path rejects a path that climbs out of the container",
          "[container-fs]") {
  CHECK(container_path("/var/c1", "/../etc").error ==
        "container path '/../etc' leaves the container");
  CHECK_THAT(container_path("/var/c1", "/app/../../etc/passwd").error,
             Contains("leaves the container"));
  CHECK(container_path("/var/c1", "/app/../../etc/passwd").path == "");
}

// sync_file

TEST_CASE("sync_file writes a new file into folders that do not exist yet",
          "[container-fs]") {
  temp_dir d;
  d.mkdir("root");
  d.write("src/main.py", "print(2)\n");
  fs::permissions(d / "src/main.py", fs::perms::owner_exec,
                  fs::perm_options::add);
  CHECK(sync_file(d / "src/main.py", d / "root", "/app/new/main.py") == "");
  CHECK(contents(d / "root/app/new/main.py") == "print(2)\n");
  CHECK(is_executable(d / "root/app/new/main.py"));
  CHECK(tree(d / "root") == names{"app/", "app/new/", "app/new/main.py"});
}

TEST_CASE("sync_file replaces a file whole: a reader of the old one never "
          "sees the new bytes, and no temporary is left",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/main.py", "old");
  d.write("src/main.py", "new");
  std::ifstream reader(d / "root/app/main.py"); // a process in the container
  CHECK(sync_file(d / "src/main.py", d / "root", "/app/main.py") == "");
  CHECK(contents(d / "root/app/main.py") == "new");
  std::string seen;
  reader >> seen;
  CHECK(seen == "old");
  CHECK(tree(d / "root") == names{"app/", "app/main.py"});
}

TEST_CASE("sync_file replaces a folder with a file and a file with a folder",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/config/a.yaml", "a");
  d.write("root/app/static", "was a file");
  d.write("src/config", "now a file");
  d.write("src/static/index.html", "<html>");
  CHECK(sync_file(d / "src/config", d / "root", "/app/config") == "");
  CHECK(sync_file(d / "src/static", d / "root", "/app/static") == "");
  CHECK(tree(d / "root") ==
        names{"app/", "app/config", "app/static/", "app/static/index.html"});
  CHECK(contents(d / "root/app/config") == "now a file");
}

TEST_CASE("sync_file copies a folder over the one there, keeping the rest",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/lib/kept.py", "kept");
  d.write("root/app/lib/a.py", "old");
  d.write("src/lib/a.py", "new");
  d.write("src/lib/sub/b.py", "b");
  CHECK(sync_file(d / "src/lib", d / "root", "/app/lib/") == "");
  CHECK(tree(d / "root") == names{"app/", "app/lib/", "app/lib/a.py",
                                  "app/lib/kept.py", "app/lib/sub/",
                                  "app/lib/sub/b.py"});
  CHECK(contents(d / "root/app/lib/a.py") == "new");
}

TEST_CASE("sync_file copies a link as a link", "[container-fs]") {
  temp_dir d;
  d.mkdir("root");
  d.link("current", "releases/7");
  CHECK(sync_file(d / "current", d / "root", "/app/current") == "");
  CHECK(fs::read_symlink(d / "root/app/current").string() == "releases/7");
}

TEST_CASE("sync_file of a missing local path is an error naming it",
          "[container-fs]") {
  temp_dir d;
  d.mkdir("root");
  CHECK_THAT(sync_file(d / "src/gone.py", d / "root", "/app/gone.py"),
             Contains(d / "src/gone.py") && Contains("does not exist") &&
                 Contains("/app/gone.py"));
  CHECK(tree(d / "root").empty());
}

TEST_CASE("sync_file never writes through a link that leads out of the "
          "container",
          "[container-fs]") {
  temp_dir d;
  d.mkdir("root/app");
  d.mkdir("host");
  d.link("root/app/escape", d / "host");
  d.write("src/x.py", "x");
  CHECK_THAT(sync_file(d / "src/x.py", d / "root", "/app/escape/x.py"),
             Contains("/app/escape/x.py") && Contains("outside the container"));
  CHECK(tree(d / "host").empty());
  CHECK_THAT(sync_file(d / "src/x.py", d / "missing-root", "/x.py"),
             Contains(d / "missing-root"));
}

// delete_path

TEST_CASE("delete_path removes a file, a link or a whole folder",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/main.py", "main");
  d.write("root/app/lib/a/b.py", "b");
  d.write("outside.txt", "host");
  d.link("root/app/host", d / "outside.txt");
  CHECK(delete_path(d / "root", "/app/main.py") == "");
  CHECK(delete_path(d / "root", "/app/lib") == "");
  CHECK(delete_path(d / "root", "/app/host") == "");
  CHECK(tree(d / "root") == names{"app/"});
  CHECK(contents(d / "outside.txt") == "host");
}

TEST_CASE("delete_path of a path that does not exist is not an error",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/main.py", "main");
  CHECK(delete_path(d / "root", "/app/gone.py") == "");
  CHECK(delete_path(d / "root", "/nowhere/at/all") == "");
  CHECK(delete_path(d / "root", "/app/main.py/under-a-file") == "");
  CHECK(tree(d / "root") == names{"app/", "app/main.py"});
}

TEST_CASE("delete_path refuses the root itself", "[container-fs]") {
  temp_dir d;
  d.write("root/app/main.py", "main");
  CHECK_THAT(delete_path(d / "root", "/"), Contains("container's root"));
  CHECK_THAT(delete_path(d / "root", "/app/.."), Contains("container's root"));
  CHECK(tree(d / "root") == names{"app/", "app/main.py"});
}

TEST_CASE("delete_path of a path above the root touches nothing outside it",
          "[container-fs]") {
  temp_dir d;
  d.write("root/app/main.py", "main");
  d.write("x", "a sibling of the root");
  CHECK(delete_path(d / "root", "/../x") ==
        "container path '/../x' leaves the container");
  CHECK(contents(d / "x") == "a sibling of the root");
  CHECK(tree(d / "root") == names{"app/", "app/main.py"});
}
