// Message log files: created new and named after the start, appended to,
// pruned to the newest few; every failure a value that names the path.
#include "adapters/log_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace actordev::adapters;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

/// 2026-11-21 10:15:30.123456 UTC.
constexpr std::int64_t started_us = 1'795'256'130'123'456;

struct temp_dir {
  std::string path;
  temp_dir() {
    std::string p =
        (fs::temp_directory_path() / "actordev-logs-XXXXXX").string();
    path = mkdtemp(p.data()) ? p : "";
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const {
    return (fs::path(path) / name).string();
  }
  /// Writes `text` to `name`.
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(*this / name) << text;
  }
  /// The names of the files in the folder, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

log_file created(std::variant<log_file, log_file_error> v) {
  if (auto* err = std::get_if<log_file_error>(&v))
    FAIL(err->describe());
  return std::get<log_file>(std::move(v));
}

log_file_error failed(std::variant<log_file, log_file_error> v) {
  REQUIRE(std::holds_alternative<log_file_error>(v));
  return std::get<log_file_error>(std::move(v));
}

std::vector<std::string> pruned(const std::string& dir, std::size_t keep,
                                const std::string& spare) {
  auto v = prune_logs(dir, keep, spare);
  if (auto* err = std::get_if<log_file_error>(&v))
    FAIL(err->describe());
  return std::get<std::vector<std::string>>(std::move(v));
}

} // namespace

TEST_CASE("a log is named after its start time in UTC, sortable",
          "[log-file]") {
  CHECK(log_file_name(started_us) == "20261121-101530.123.alog");
  CHECK(log_file_name(started_us, 2) == "20261121-101530.123-2.alog");
  CHECK(log_file_name(started_us + 1000) < log_file_name(started_us + 2000));
}

TEST_CASE("a new log is created with its folders and starts with the start "
          "bytes",
          "[log-file]") {
  temp_dir d;
  auto dir = d / ".actordev/logs";
  auto f = created(create_log_in(dir, started_us, "START"));
  CHECK(f.path() == (fs::path(dir) / "20261121-101530.123.alog").string());
  CHECK(contents(f.path()) == "START");
}

TEST_CASE("logs started in the same millisecond get -2, -3 and never replace "
          "one another",
          "[log-file]") {
  temp_dir d;
  auto a = created(create_log_in(d.path, started_us, "A"));
  auto b = created(create_log_in(d.path, started_us, "B"));
  auto c = created(create_log_in(d.path, started_us, "C"));
  CHECK(fs::path(b.path()).filename() == "20261121-101530.123-2.alog");
  CHECK(fs::path(c.path()).filename() == "20261121-101530.123-3.alog");
  CHECK(contents(a.path()) == "A");
  CHECK(contents(b.path()) == "B");
  CHECK(contents(c.path()) == "C");
}

TEST_CASE("appended bytes follow the start bytes in order", "[log-file]") {
  temp_dir d;
  auto f = created(create_log_in(d.path, started_us, "START"));
  CHECK_FALSE(f.append("one,"));
  CHECK_FALSE(f.append(std::string(1 << 20, 'x')));
  CHECK_FALSE(f.append("two"));
  CHECK_FALSE(f.close());
  CHECK(contents(f.path()) == "STARTone," + std::string(1 << 20, 'x') + "two");
}

TEST_CASE("appending to a closed log is an error naming the file",
          "[log-file]") {
  temp_dir d;
  auto f = created(create_log_in(d.path, started_us, "START"));
  f.close();
  auto err = f.append("late");
  REQUIRE(err);
  CHECK(err->path == f.path());
  CHECK(contents(f.path()) == "START");
}

TEST_CASE("a full disk is an error with the OS's reason, never an exception",
          "[log-file]") {
  int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  log_file f{fd, "/dev/full"};
  auto err = f.append("records");
  REQUIRE(err);
  CHECK(err->path == "/dev/full");
  CHECK_THAT(err->describe(), Contains("cannot write the message log") &&
                                  Contains("No space left on device"));
}

TEST_CASE("a log cannot be created under a file, and the error says where "
          "and why",
          "[log-file]") {
  temp_dir d;
  d.write("not-a-folder", "x");
  auto err = failed(create_log_in(d / "not-a-folder/logs", started_us, "S"));
  CHECK_THAT(err.describe(),
             Contains("cannot create the folder of the message log") &&
                 Contains("not-a-folder") && Contains("Not a directory"));
  auto at = failed(create_log_at(d / "not-a-folder/x.alog", "S", "S"));
  CHECK_THAT(at.describe(), Contains("not-a-folder"));
}

TEST_CASE("a chosen path replaces an older log there, never another file",
          "[log-file]") {
  temp_dir d;
  d.write("old.alog", "MAGICold records");
  d.write("actordev.yaml", "resources: {}\n");
  auto f = created(create_log_at(d / "old.alog", "MAGICnew", "MAGIC"));
  f.close();
  CHECK(contents(d / "old.alog") == "MAGICnew");

  auto err = failed(create_log_at(d / "actordev.yaml", "MAGICnew", "MAGIC"));
  CHECK_THAT(err.describe(),
             Contains("actordev.yaml") && Contains("is not a message log"));
  CHECK(contents(d / "actordev.yaml") == "resources: {}\n");
}

TEST_CASE("pruning keeps the newest logs by name and leaves other files",
          "[log-file]") {
  temp_dir d;
  for (const auto* name :
       {"20261121-101530.001.alog", "20261121-101530.002.alog",
        "20261121-101530.003.alog", "20261121-101530.004.alog"})
    d.write(name, "log");
  d.write("notes.txt", "mine");
  d.write("alog", "not a log: no name before the extension");
  fs::create_directory(d / "dir.alog");
  auto removed = pruned(d.path, 2, d / "20261121-101530.004.alog");
  CHECK(removed.size() == 2);
  CHECK(d.files() == std::vector<std::string>{"20261121-101530.003.alog",
                                              "20261121-101530.004.alog",
                                              "alog", "dir.alog", "notes.txt"});
}

TEST_CASE("pruning counts a clash suffix as newer than its base name",
          "[log-file]") {
  temp_dir d;
  for (const auto* name :
       {"20261121-101530.001.alog", "20261121-101530.001-2.alog",
        "20261121-101530.001-10.alog", "20261121-101530.001-9.alog"})
    d.write(name, "log");
  pruned(d.path, 2, d / "20261121-101530.001-10.alog");
  CHECK(d.files() == std::vector<std::string>{"20261121-101530.001-10.alog",
                                              "20261121-101530.001-9.alog"});
}

TEST_CASE("pruning never removes the log just created, even when its name "
          "is the oldest",
          "[log-file]") {
  temp_dir d;
  // The clock went back: the new log sorts first.
  for (const auto* name :
       {"20200101-000000.000.alog", "20261121-101530.001.alog",
        "20261121-101530.002.alog"})
    d.write(name, "log");
  pruned(d.path, 2, d / "20200101-000000.000.alog");
  CHECK(d.files() == std::vector<std::string>{"20200101-000000.000.alog",
                                              "20261121-101530.002.alog"});
}

TEST_CASE("keeping 0 logs keeps them all", "[log-file]") {
  temp_dir d;
  for (int i = 0; i < 5; ++i)
    d.write("2026112" + std::to_string(i) + "-000000.000.alog", "log");
  CHECK(pruned(d.path, 0, "").empty());
  CHECK(d.files().size() == 5);
}
