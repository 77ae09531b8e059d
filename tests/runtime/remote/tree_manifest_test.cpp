// Manifests from a peer: what check_tree refuses before anything touches a
// disk, and which blobs a side still needs.
#include "runtime/remote/tree_manifest.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace actordev;
using Catch::Matchers::Contains;

namespace {

const std::string digest_a(64, 'a');
const std::string digest_b(64, 'b');

struct tree_builder {
  remote::tree t;
  tree_builder& dir(const std::string& path) {
    auto* e = t.Add();
    e->set_path(path);
    e->set_kind(msg::FILE_DIRECTORY);
    e->set_mode(0755);
    return *this;
  }
  tree_builder& file(const std::string& path, const std::string& digest,
                     std::uint64_t size = 10) {
    auto* e = t.Add();
    e->set_path(path);
    e->set_kind(msg::FILE_REGULAR);
    e->set_digest(digest);
    e->set_size(size);
    e->set_mode(0644);
    return *this;
  }
  tree_builder& link(const std::string& path, const std::string& target) {
    auto* e = t.Add();
    e->set_path(path);
    e->set_kind(msg::FILE_SYMLINK);
    e->set_target(target);
    return *this;
  }
};

std::string check(const tree_builder& b) {
  return remote::check_tree(b.t);
}

} // namespace

TEST_CASE("a clean tree with folders, files and inner links passes") {
  tree_builder b;
  b.dir("app")
      .file("app/main.py", digest_a)
      .dir("app/lib")
      .link("app/lib/main.py", "../main.py")
      .link("current", "app")
      .file("README", digest_b);
  CHECK(check(b) == "");
}

TEST_CASE("paths that climb, start at the root or are not clean are refused") {
  for (std::string bad : {"../etc/passwd", "/etc/passwd", "a/../../x", "a//b",
                          "./a", "a/.", "", "a/"}) {
    INFO(bad);
    tree_builder b;
    b.file(bad, digest_a);
    CHECK_THAT(check(b), Contains("is not relative and clean"));
  }
}

TEST_CASE("a link that leads outside the tree is refused, naming it") {
  for (std::string target : {"/etc", "../x", "a/../../x", "", "../../.."}) {
    INFO(target);
    tree_builder b;
    b.link("l", target);
    CHECK(check(b) == "the link 'l' -> '" + target +
                          "' leads outside the tree (links must be relative "
                          "and stay inside)");
  }
  tree_builder deep;
  deep.dir("a").dir("a/b").link("a/b/up", "../../x");
  CHECK(check(deep) == "");
  deep.link("a/b/out", "../../../x");
  CHECK_THAT(check(deep), Contains("'a/b/out'"));
}

TEST_CASE("nothing may be written through a link or into a file") {
  tree_builder through_link;
  through_link.dir("real").link("l", "real").file("l/x", digest_a);
  CHECK(check(through_link) == "'l/x' lies under 'l', which is not a folder");
  tree_builder into_file;
  into_file.file("f", digest_a).file("f/x", digest_b);
  CHECK(check(into_file) == "'f/x' lies under 'f', which is not a folder");
  tree_builder unlisted;
  unlisted.file("d/x", digest_a);
  CHECK_THAT(check(unlisted), Contains("does not list as a folder"));
}

TEST_CASE("bad digests, modes, kinds and twice-listed paths are refused") {
  tree_builder upper;
  upper.file("f", std::string(64, 'A'));
  CHECK(check(upper) == "'f' has no valid SHA-256 digest");
  tree_builder short_digest;
  short_digest.file("f", "abc");
  CHECK(check(short_digest) == "'f' has no valid SHA-256 digest");
  tree_builder twice;
  twice.file("f", digest_a).file("f", digest_b);
  CHECK(check(twice) == "the path 'f' is listed twice");
  tree_builder mode;
  mode.file("f", digest_a);
  mode.t.Mutable(0)->set_mode(04755);
  CHECK(check(mode) == "'f' has a mode beyond 0777");
  tree_builder kind;
  kind.file("f", digest_a);
  kind.t.Mutable(0)->set_kind(static_cast<msg::FileKind>(7));
  CHECK(check(kind) == "'f' is of an unknown kind");
}

TEST_CASE("missing digests are each named once, in manifest order") {
  tree_builder b;
  b.file("x", digest_b, 5)
      .file("y", digest_a, 7)
      .file("z", digest_b, 5)
      .dir("d");
  std::set<std::string> held;
  auto have = [&](const std::string& d) { return held.count(d) > 0; };
  CHECK(remote::missing_digests(b.t, have) ==
        std::vector<std::string>{digest_b, digest_a});
  CHECK(remote::blob_bytes(b.t, {digest_b, digest_a}) == 12);
  held.insert(digest_b);
  CHECK(remote::missing_digests(b.t, have) ==
        std::vector<std::string>{digest_a});
}
