// change_batcher: the quiet window, the max batch age and merging
// (STYLE rule 6).
#include "runtime/watch/change_batcher.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actordev::watch;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t ms = 1000; // in microseconds

std::vector<std::string> paths_of(const change_batch& b) {
  std::vector<std::string> out;
  for (const auto& c : b.changes)
    out.push_back(c.path);
  return out;
}

/// Calls `due` at `at`, requiring a batch.
change_batch take(change_batcher& b, std::int64_t at) {
  auto batch = b.due(at);
  REQUIRE(batch.has_value());
  return std::move(*batch);
}

} // namespace

TEST_CASE("nothing is due before the quiet window has passed", "[watch]") {
  change_batcher b{20ms, 10000ms};
  CHECK_FALSE(b.next_deadline().has_value());
  CHECK_FALSE(b.due(0).has_value());
  b.add("/proj/a.go", 100 * ms);
  CHECK(b.next_deadline() == 120 * ms);
  CHECK_FALSE(b.due(119 * ms).has_value());
  auto batch = take(b, 120 * ms);
  CHECK(paths_of(batch) == std::vector<std::string>{"/proj/a.go"});
  CHECK(batch.first_us == 100 * ms);
  CHECK(batch.last_us == 100 * ms);
  CHECK(b.empty());
  CHECK_FALSE(b.next_deadline().has_value());
}

TEST_CASE("a burst of 100 saves within the quiet window is one batch",
          "[watch]") {
  change_batcher b{20ms, 10000ms};
  for (int i = 0; i < 100; ++i) {
    b.add("/proj/f" + std::to_string(i % 10), i * 5 * ms);
    CHECK_FALSE(b.due(i * 5 * ms).has_value());
  }
  CHECK(b.next_deadline() == 99 * 5 * ms + 20 * ms);
  auto batch = take(b, 99 * 5 * ms + 20 * ms);
  CHECK(batch.changes.size() == 10);
  CHECK(batch.first_us == 0);
  CHECK(batch.last_us == 495 * ms);
  CHECK_FALSE(b.due(1000000 * ms).has_value());
}

TEST_CASE("max_batch_ms bounds a never-ending burst", "[watch]") {
  change_batcher b{20ms, 100ms};
  std::vector<change_batch> batches;
  for (std::int64_t t = 0; t <= 250 * ms; t += 10 * ms) {
    if (auto batch = b.due(t))
      batches.push_back(std::move(*batch));
    b.add("/proj/log", t);
  }
  REQUIRE(batches.size() == 2);
  CHECK(batches[0].first_us == 0);
  CHECK(batches[0].last_us == 90 * ms);
  CHECK(batches[1].first_us == 100 * ms);
  CHECK(batches[1].last_us == 190 * ms);
  // Once the burst stops, the quiet window closes the last batch early.
  CHECK(b.next_deadline() == 250 * ms + 20 * ms);
}

TEST_CASE("a change after a batch starts a new batch with its own clock",
          "[watch]") {
  change_batcher b{20ms, 100ms};
  b.add("/proj/a", 0);
  take(b, 20 * ms);
  b.add("/proj/b", 500 * ms);
  CHECK(b.next_deadline() == 520 * ms);
  auto batch = take(b, 520 * ms);
  CHECK(paths_of(batch) == std::vector<std::string>{"/proj/b"});
  CHECK(batch.first_us == 500 * ms);
}

TEST_CASE("the same path saved twice appears once", "[watch]") {
  change_batcher b;
  b.add("/proj/a.go", 0);
  b.add("/proj/a.go", 1 * ms);
  b.add("/proj/a.go/", 2 * ms);
  CHECK(paths_of(take(b, 1000 * ms)) == std::vector<std::string>{"/proj/a.go"});
}

TEST_CASE("paths under an already-changed directory are pruned", "[watch]") {
  change_batcher b;
  b.add("/proj/new", 0, path_kind::directory);
  b.add("/proj/new/a.go", 1 * ms);
  b.add("/proj/new/sub/b.go", 2 * ms);
  CHECK(b.size() == 1);
  // Pruned events still count as activity: the window restarts.
  CHECK(b.next_deadline() == 22 * ms);
  auto batch = take(b, 22 * ms);
  CHECK(batch.changes ==
        std::vector<changed_path>{
            {.path = "/proj/new", .kind = path_kind::directory}});
}

TEST_CASE("a changed directory replaces the paths already below it",
          "[watch]") {
  change_batcher b;
  b.add("/proj/src/a.go", 0);
  b.add("/proj/src/b/c.go", 1 * ms);
  b.add("/proj/src-gen/x.go", 2 * ms);
  b.add("/proj/src", 3 * ms, path_kind::directory);
  CHECK(paths_of(take(b, 1000 * ms)) ==
        std::vector<std::string>{"/proj/src", "/proj/src-gen/x.go"});
}

TEST_CASE("an overflow reports the whole root", "[watch]") {
  change_batcher b;
  b.add("/proj/a.go", 0);
  b.add("/other/x", 1 * ms);
  b.overflow("/proj", 2 * ms);
  b.add("/proj/b.go", 3 * ms);
  auto batch = take(b, 1000 * ms);
  CHECK(batch.overflow);
  CHECK(batch.changes == std::vector<changed_path>{
                             {.path = "/other/x", .kind = path_kind::file},
                             {.path = "/proj", .kind = path_kind::directory}});
  b.add("/proj/c.go", 2000 * ms);
  CHECK_FALSE(take(b, 3000 * ms).overflow);
}

TEST_CASE("batch paths are sorted whatever the arrival order", "[watch]") {
  change_batcher b;
  b.add("/proj/c", 0);
  b.add("/proj/a", 0);
  b.add("/proj/b/x", 0);
  b.add("/proj/b", 0);
  b.add("/proj/b.txt", 0);
  CHECK(
      paths_of(take(b, 1000 * ms)) ==
      std::vector<std::string>{"/proj/a", "/proj/b", "/proj/b.txt", "/proj/c"});
}

TEST_CASE("a change to the filesystem root covers every path", "[watch]") {
  change_batcher b;
  b.add("/a/b", 0);
  b.overflow("/", 1 * ms);
  b.add("/c", 2 * ms);
  CHECK(paths_of(take(b, 1000 * ms)) == std::vector<std::string>{"/"});
}

TEST_CASE("a zero quiet window emits at the next due call", "[watch]") {
  change_batcher b{0ms, 0ms};
  b.add("/proj/a", 5 * ms);
  CHECK(b.next_deadline() == 5 * ms);
  CHECK(b.due(5 * ms).has_value());
}

TEST_CASE("an event that arrives before a late due call joins the batch",
          "[watch]") {
  change_batcher b{20ms, 10000ms};
  b.add("/proj/a", 0);
  b.add("/proj/b", 30 * ms);
  CHECK_FALSE(b.due(31 * ms).has_value());
  CHECK(take(b, 50 * ms).changes.size() == 2);
}

TEST_CASE("the windows come from settings.watch and can change", "[watch]") {
  actordev::config::watch_settings s;
  s.quiet = 100ms;
  s.max_batch = 150ms;
  change_batcher b{s};
  b.add("/proj/a", 0);
  CHECK(b.next_deadline() == 100 * ms);
  b.add("/proj/a", 90 * ms);
  CHECK(b.next_deadline() == 150 * ms);
  b.set_windows(10ms, 1000ms);
  CHECK(b.next_deadline() == 100 * ms);
}
