#include "tools/bench_replay/options.hpp"

#include "tools/actordev/whole_number.hpp"

#include <CLI/CLI.hpp>

#include <vector>

namespace actordev::bench {

namespace {

constexpr std::uint64_t quick_events = 100'000;
constexpr std::size_t quick_runs = 3;

} // namespace

const std::string_view replay_usage =
    "usage: bench_replay [--quick] [--markdown] [--runs N] [--out PATH]\n"
    "\n"
    "Generates the message log of a long session on 1,000 manifests\n"
    "(1,000,000 events and a decision after each batch of them) and times\n"
    "reading it, applying its events, and replaying it in full.\n"
    "\n"
    "  --quick      a smoke run: 100,000 events, 3 rounds\n"
    "  --markdown   print the report as markdown (for docs/performance.md)\n"
    "  --runs N     rounds of the three passes, the median reported (default "
    "5)\n"
    "  --out PATH   also write the log to PATH (for `actordev replay`)\n"
    "\n"
    "Exit status: 0 when the replay matched every recorded decision, 1 when\n"
    "it did not (or the log could not be read or written), 2 for a wrong\n"
    "command line.\n";

result<replay_options, std::string>
parse_replay_options(std::span<char* const> args) {
  replay_options o;
  CLI::App app{"bench_replay"};
  app.set_help_flag(); // replay_usage is the help
  app.add_flag("-h,--help", o.help);
  app.add_flag("--quick", o.quick);
  app.add_flag("--markdown", o.markdown);
  auto* runs = app.add_option("--runs", o.runs)->check(cli::whole_number(1));
  app.add_option("--out", o.out)->check([](const std::string& path) {
    return path.empty() ? "expected the path of the log to write"
                        : std::string{};
  });
  // CLI11 takes the arguments last first.
  std::vector<std::string> rest(args.rbegin(), args.rend());
  try {
    app.parse(rest);
  } catch (const CLI::ParseError& e) {
    return result<replay_options, std::string>::failure(e.what());
  }
  if (o.quick) {
    o.events = quick_events;
    if (runs->count() == 0)
      o.runs = quick_runs;
  }
  return o;
}

} // namespace actordev::bench
