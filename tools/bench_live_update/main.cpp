// bench_live_update: live-update latency of the local container runtime,
// from saving app/handler.py of the live-update example to the first answer
// of the restarted server that shows the edit.
#include "tools/bench_live_update/edit_loop.hpp"
#include "tools/bench_live_update/http_get.hpp"
#include "tools/bench_live_update/leftovers.hpp"
#include "tools/bench_live_update/options.hpp"
#include "tools/bench_live_update/report.hpp"
#include "tools/bench_live_update/stop_signal.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <span>

#include <unistd.h>

using namespace actordev::bench;

namespace {

/// Exit statuses: only tools/ maps errors to them.
constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

/// How long the first build and start may take, and how long actordev may
/// take over each stop signal.
constexpr auto start_timeout = std::chrono::seconds(60);
constexpr auto stop_grace = std::chrono::seconds(5);
constexpr std::size_t tail_lines = 20;

double load_average() {
  double load = 0;
  return ::getloadavg(&load, 1) == 1 ? load : -1;
}

/// The python3 the example's cmd runs (`exec python3 ...`, so the first on
/// PATH), and whether it is a script, such as a version manager's shim,
/// which adds its own start-up to every restart.
std::string python_on_path() {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  for (;;) {
    auto colon = rest.find(':');
    auto dir = rest.substr(0, colon);
    auto candidate = std::string(dir.empty() ? "." : dir) + "/python3";
    if (::access(candidate.c_str(), X_OK) == 0) {
      std::ifstream in(candidate, std::ios::binary);
      char magic[2] = {};
      in.read(magic, 2);
      bool script = magic[0] == '#' && magic[1] == '!';
      return candidate + (script ? " (a script: a shim?)" : "");
    }
    if (colon == std::string_view::npos)
      return "none on PATH";
    rest.remove_prefix(colon + 1);
  }
}

/// The warm-up edit (number 0), then edits 1..N. Empty, or why the run
/// stopped; the samples taken stay in `samples`.
std::string run_edits(up_process& up, const bench_project& p,
                      const live_update_options& o,
                      std::vector<edit_sample>& samples, run_conditions& c) {
  edit_settings s{std::chrono::milliseconds(o.pause_ms),
                  std::chrono::milliseconds(o.timeout_ms),
                  std::chrono::milliseconds(o.poll_ms), o.in_place};
  for (std::size_t n = 0; n <= o.edits; ++n) {
    auto sample = measure_edit(up, p, n, s);
    if (!sample)
      return sample.error();
    if (n == 0)
      c.warm_up_ms = sample->served_ms;
    else
      samples.push_back(sample.value());
    if (n % 10 == 0 && n > 0)
      fmt::print(stderr, "bench_live_update: {}/{} edits\n", n, o.edits);
  }
  return {};
}

/// Kills what actordev left running in the project (by pid, each one
/// found); true when there was nothing.
bool kill_leftovers(const std::string& root) {
  auto left = processes_under(root);
  for (const auto& l : left) {
    fmt::print(stderr, "bench_live_update: actordev left pid {} running: {}\n",
               l.pid, l.cmdline);
    ::kill(l.pid, SIGKILL);
  }
  return left.empty();
}

/// Runs the benchmark in the temporary folder `root`; the exit status.
int run(const live_update_options& o, const std::string& root, int port) {
  auto made = make_project(o.example, port, root);
  if (!made) {
    fmt::print(stderr, "bench_live_update: {}\n", made.error());
    return exit_failed;
  }
  const auto& project = made.value();
  auto started = up_process::start(o.actordev, project.config, project.dir,
                                   root + "/actordev.log");
  if (!started) {
    fmt::print(stderr, "bench_live_update: {}\n", started.error());
    return exit_failed;
  }
  auto& up = *started.value();
  fmt::print(stderr, "bench_live_update: {} up in {} (port {})\n", o.actordev,
             project.dir, port);
  std::vector<edit_sample> samples;
  run_conditions c;
  c.pause_ms = o.pause_ms;
  c.poll_ms = o.poll_ms;
  c.in_place = o.in_place;
  c.python = python_on_path();
  auto error = wait_until_serving(up, project, start_timeout);
  if (error.empty()) {
    c.load_before = load_average();
    error = run_edits(up, project, o, samples, c);
    c.load_after = load_average();
  }
  auto tail = up.tail(tail_lines);
  c.stopped = up.stop(stop_grace);
  bool clean = kill_leftovers(root);
  if (!error.empty()) {
    fmt::print(stderr, "bench_live_update: {}; actordev {}; its console:\n",
               error, c.stopped);
    for (const auto& line : tail)
      fmt::print(stderr, "  {}\n", line);
  }
  if (!samples.empty())
    print_live_update_report(samples, c, o.markdown);
  bool ok = error.empty() && clean && anomalies(samples) == 0;
  return ok ? exit_ok : exit_failed;
}

} // namespace

int main(int argc, char** argv) {
  auto parsed =
      parse_live_update_options(std::span<char* const>(argv + 1, argv + argc));
  if (!parsed) {
    fmt::print(stderr, "bench_live_update: {}\n\n{}", parsed.error(),
               live_update_usage);
    return exit_usage;
  }
  const auto& opts = parsed.value();
  if (opts.help) {
    fmt::print("{}", live_update_usage);
    return exit_ok;
  }
  catch_stop_signals();
  auto port = free_port();
  auto pattern =
      (std::filesystem::temp_directory_path() / "bench_live_update.XXXXXX")
          .string();
  if (!port || ::mkdtemp(pattern.data()) == nullptr) {
    fmt::print(stderr, "bench_live_update: no free port or folder: {}\n",
               std::strerror(errno));
    return exit_failed;
  }
  std::error_code ec;
  auto root = std::filesystem::canonical(pattern, ec).string();
  int status = run(opts, ec ? pattern : root, *port);
  if (opts.keep)
    fmt::print(stderr, "bench_live_update: kept {}\n", pattern);
  else
    std::filesystem::remove_all(pattern, ec);
  return status;
}
