// Asking a tool a question: a command run to completion, its output kept.
#include "adapters/command_output.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace actordev::adapters;
using namespace std::chrono_literals;

namespace {

process_spec shell(std::string command) {
  process_spec s;
  s.command = std::move(command);
  return s;
}

} // namespace

TEST_CASE("a command's stdout, stderr and exit code are kept apart",
          "[command-output]") {
  auto r =
      run_command(shell("echo one; echo two >&2; printf three; exit 3"), 10s);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "one\nthree\n");
  CHECK(r.err == "two\n");
  CHECK(r.error.empty());
}

TEST_CASE("a command that outlives its timeout is stopped, with its group",
          "[command-output]") {
  auto started = std::chrono::steady_clock::now();
  auto r = run_command(shell("echo started; sleep 30 & sleep 30"), 300ms);
  CHECK(std::chrono::steady_clock::now() - started < 10s);
  CHECK(r.exit_code == -1);
  CHECK(r.error == "timed out after 300 ms");
  CHECK(r.out == "started\n");
}

TEST_CASE("a command that cannot start says why", "[command-output]") {
  auto s = shell("true");
  s.dir = "/nonexistent/folder";
  auto r = run_command(s, 10s);
  CHECK(r.exit_code == -1);
  CHECK(r.error.find("/nonexistent/folder") != std::string::npos);
}
