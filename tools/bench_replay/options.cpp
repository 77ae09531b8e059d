#include "tools/bench_replay/options.hpp"

#include <fmt/format.h>

#include <charconv>

namespace actordev::bench {

namespace {

constexpr std::uint64_t quick_events = 100'000;
constexpr std::size_t quick_runs = 3;

/// The value of `--name VALUE` or `--name=VALUE` at args[i]; advances i
/// past a separate value. Empty when there is none.
std::string_view value_of(std::string_view name, std::span<char* const> args,
                          std::size_t& i) {
  std::string_view arg = args[i];
  if (arg.size() > name.size())
    return arg.substr(name.size() + 1);
  return ++i < args.size() ? std::string_view{args[i]} : std::string_view{};
}

bool is_option(std::string_view arg, std::string_view name) {
  return arg == name || (arg.starts_with(name) && arg.size() > name.size() &&
                         arg[name.size()] == '=');
}

/// A whole number of at least 1.
bool parse_count(std::string_view text, std::uint64_t& n) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  return ec == std::errc{} && end == text.data() + text.size() && n > 0;
}

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
  using parsed = result<replay_options, std::string>;
  replay_options o;
  bool runs_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--quick") {
      o.quick = true;
    } else if (arg == "--markdown") {
      o.markdown = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (is_option(arg, "--runs")) {
      std::uint64_t n = 0;
      auto text = value_of("--runs", args, i);
      if (!parse_count(text, n))
        return parsed::failure(fmt::format(
            "--runs: '{}' is not a whole number of at least 1", text));
      o.runs = static_cast<std::size_t>(n);
      runs_given = true;
    } else if (is_option(arg, "--out")) {
      o.out = value_of("--out", args, i);
      if (o.out.empty())
        return parsed::failure("--out: expected the path of the log to write");
    } else {
      return parsed::failure(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (o.quick) {
    o.events = quick_events;
    if (!runs_given)
      o.runs = quick_runs;
  }
  return o;
}

} // namespace actordev::bench
