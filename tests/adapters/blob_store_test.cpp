// The builder's content-addressed store: blobs arrive in chunks and are
// checked, are found again after a restart, and the least recently used go
// first when the store is over its cap.
#include "adapters/blob_store.hpp"
#include "adapters/tree_files.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

namespace fs = std::filesystem;
using namespace actordev::adapters;
using actordev::test::temp_dir;
using Catch::Matchers::Contains;

namespace {

std::string put(blob_store& s, const std::string& text) {
  return s.put_chunk(sha256_bytes(text), 0, text, true);
}

} // namespace

TEST_CASE("a blob sent in chunks is held once its digest checks out") {
  temp_dir t;
  blob_store s{t / "store", 1 << 20};
  REQUIRE(s.open() == "");
  const std::string text = "hello, world";
  auto d = sha256_bytes(text);
  CHECK(s.put_chunk(d, 0, "hello, ", false) == "");
  CHECK_FALSE(s.has(d));
  CHECK(s.put_chunk(d, 7, "world", true) == "");
  REQUIRE(s.has(d));
  std::string error;
  CHECK(s.read_chunk(d, 7, 100, error) == "world");
  CHECK(error == "");
  CHECK(s.bytes() == text.size());
}

TEST_CASE("damaged, truncated or out-of-order chunks are refused and dropped") {
  temp_dir t;
  blob_store s{t / "store", 1 << 20};
  REQUIRE(s.open() == "");
  auto d = sha256_bytes("hello");
  CHECK_THAT(s.put_chunk(d, 0, "hellO", true),
             Contains("damaged or truncated"));
  CHECK_THAT(s.put_chunk(d, 0, "hel", true), Contains("damaged or truncated"));
  CHECK(s.put_chunk(d, 0, "he", false) == "");
  CHECK_THAT(s.put_chunk(d, 5, "llo", true), Contains("expected 2"));
  CHECK_FALSE(s.has(d));
  // The upload can start again from the beginning.
  CHECK(s.put_chunk(d, 0, "hello", true) == "");
  CHECK(s.has(d));
  CHECK_THAT(s.put_chunk("../../etc/passwd", 0, "x", true),
             Contains("is not a SHA-256 digest"));
  CHECK(s.count() == 1);
}

TEST_CASE("a store reopened finds its blobs and drops half-received ones") {
  temp_dir t;
  std::string d;
  {
    blob_store s{t / "store", 1 << 20};
    REQUIRE(s.open() == "");
    REQUIRE(put(s, "kept") == "");
    d = sha256_bytes("kept");
    REQUIRE(s.put_chunk(sha256_bytes("half"), 0, "ha", false) == "");
  }
  blob_store s{t / "store", 1 << 20};
  REQUIRE(s.open() == "");
  CHECK(s.has(d));
  CHECK(s.count() == 1);
  CHECK(fs::is_empty(t / "store/incoming"));
}

TEST_CASE("over its cap, the least recently used unpinned blobs go first") {
  temp_dir t;
  blob_store s{t / "store", 10};
  REQUIRE(s.open() == "");
  REQUIRE(put(s, "aaaa") == ""); // 4 bytes each
  REQUIRE(put(s, "bbbb") == "");
  REQUIRE(put(s, "cccc") == "");
  auto a = sha256_bytes("aaaa"), b = sha256_bytes("bbbb"),
       c = sha256_bytes("cccc");
  CHECK_FALSE(s.use(a).empty()); // a is now the most recent
  s.pin(b);                      // b is in use by a build
  CHECK(s.evict() == 1);
  CHECK(s.has(a));
  CHECK(s.has(b));
  CHECK_FALSE(s.has(c));
  CHECK_FALSE(fs::exists(t / ("store/" + c.substr(0, 2) + "/" + c)));
  REQUIRE(put(s, "dddd") == "");
  CHECK(s.evict() == 1); // a goes: b is pinned
  CHECK_FALSE(s.has(a));
  s.unpin(b);
  REQUIRE(put(s, "eeee") == "");
  CHECK(s.evict() == 1);
  CHECK_FALSE(s.has(b));
  CHECK(s.bytes() == 8);
}

TEST_CASE("a local file is added under the digest its caller computed") {
  temp_dir t;
  t.write("out/f", "built");
  blob_store s{t / "store", 1 << 20};
  REQUIRE(s.open() == "");
  std::string error;
  auto d = sha256_file(t / "out/f", error);
  CHECK(s.add_file(t / "out/f", d) == "");
  CHECK(s.read_chunk(d, 0, 100, error) == "built");
}

TEST_CASE("a blob sent again from its start replaces what a broken-off "
          "transfer left, here or in another store on the folder") {
  temp_dir t;
  const std::string text = "hello, world";
  auto d = sha256_bytes(text);
  {
    blob_store gone{t / "store", 1 << 20};
    REQUIRE(gone.open() == "");
    CHECK(gone.put_chunk(d, 0, "hello, ", false) == ""); // then cut off
  }
  blob_store s{t / "store", 1 << 20};
  CHECK(s.put_chunk(d, 0, "hello, ", false) == "");
  CHECK(s.put_chunk(d, 7, "world", true) == "");
  CHECK(s.has(d));
  // The same store, a transfer broken off and begun again.
  const std::string other = "another blob";
  auto o = sha256_bytes(other);
  CHECK(s.put_chunk(o, 0, "another", false) == "");
  CHECK(s.put_chunk(o, 0, "another", false) == "");
  CHECK(s.put_chunk(o, 7, " blob", true) == "");
  CHECK(s.has(o));
}
