// The record of process groups that `actordev down` reads.
#include "adapters/run_record.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace actordev::adapters;
namespace fs = std::filesystem;

namespace {

struct temp_dir {
  std::string path;
  temp_dir() {
    std::string p =
        (fs::temp_directory_path() / "actordev-rec-XXXXXX").string();
    path = mkdtemp(p.data()) ? p : "";
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::vector<recorded_group> groups(const run_record& r) {
  auto v = r.read();
  REQUIRE(std::holds_alternative<std::vector<recorded_group>>(v));
  return std::get<std::vector<recorded_group>>(v);
}

} // namespace

TEST_CASE("process groups are recorded under .actordev and removed",
          "[run-record]") {
  temp_dir d;
  run_record r(d.path);
  CHECK(groups(r).empty()); // no record yet
  CHECK_FALSE(r.add({"api", 100, 5}));
  CHECK_FALSE(r.add({"web", 200, 6}));
  CHECK_FALSE(r.add({"api", 100, 7})); // same group: replaced
  CHECK(r.path() == d.path + "/.actordev/processes");
  CHECK(groups(r) ==
        std::vector<recorded_group>{{"web", 200, 6}, {"api", 100, 7}});
  CHECK_FALSE(r.remove(200));
  CHECK(groups(run_record(d.path)) ==
        std::vector<recorded_group>{{"api", 100, 7}});
}

TEST_CASE("lines that do not parse are skipped, not fatal", "[run-record]") {
  temp_dir d;
  fs::create_directories(d.path + "/.actordev");
  std::ofstream(d.path + "/.actordev/processes")
      << "garbage\n-5 1 bad\n300 9 db\n\n";
  CHECK(groups(run_record(d.path)) ==
        std::vector<recorded_group>{{"db", 300, 9}});
}

TEST_CASE("an unwritable record is an error naming the path", "[run-record]") {
  temp_dir d;
  std::ofstream(d.path + "/.actordev") << "a file, not a folder";
  auto err = run_record(d.path).add({"api", 1, 1});
  REQUIRE(err);
  CHECK(err->path == d.path + "/.actordev/processes");
  CHECK(err->reason == "Not a directory");
}

TEST_CASE("a recorded group is running only while its leader is the same "
          "process",
          "[run-record]") {
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    pause();
    _exit(0);
  }
  auto ticks = process_start_ticks(child);
  REQUIRE(ticks);
  CHECK(still_running({"x", child, *ticks}));
  CHECK_FALSE(still_running({"x", child, *ticks + 1})); // a reused pid
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  CHECK_FALSE(still_running({"x", child, *ticks}));
  CHECK_FALSE(process_start_ticks(child));
}
