#include "options.hpp"

#include <fmt/format.h>

#include <charconv>

namespace actordev::bench {

namespace {

const std::vector<std::size_t> full_sizes = {10, 100, 1'000, 10'000};
const std::vector<std::size_t> quick_sizes = {10, 100, 1'000};

using size_list = result<std::vector<std::size_t>, std::string>;

result<std::size_t, std::string> parse_size(std::string_view text) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size() || n < min_size)
    return result<std::size_t, std::string>::failure(fmt::format(
      "--sizes: '{}' is not a whole number of at least {}", text, min_size));
  return n;
}

/// "10,100,1000" as sizes.
size_list parse_sizes(std::string_view text) {
  std::vector<std::size_t> out;
  while (true) {
    auto comma = text.find(',');
    auto n = parse_size(text.substr(0, comma));
    if (!n)
      return size_list::failure(n.error());
    out.push_back(n.value());
    if (comma == std::string_view::npos)
      return out;
    text.remove_prefix(comma + 1);
  }
}

} // namespace

const std::string_view usage =
  "usage: bench_engine [--quick] [--sizes N,N,...] [--markdown]\n"
  "\n"
  "Times the engine's decision (next_target_to_build, plan_builds) and the\n"
  "reducer (apply) on synthetic projects; prints median (p99) in µs.\n"
  "\n"
  "  --quick      a smoke run: short measurements, sizes 10,100,1000\n"
  "  --sizes L    comma-separated manifest counts, each at least 10\n"
  "               (default 10,100,1000,10000)\n"
  "  --markdown   print the report as markdown (for docs/performance.md)\n"
  "\n"
  "Exit status: 0 when every scenario decided as expected, 1 when one did\n"
  "not, 2 for a wrong command line.\n";

result<options, std::string> parse_options(std::span<char* const> args) {
  using parsed = result<options, std::string>;
  options o;
  bool sizes_given = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--quick") {
      o.quick = true;
    } else if (arg == "--markdown") {
      o.markdown = true;
    } else if (arg == "--help" || arg == "-h") {
      o.help = true;
    } else if (arg == "--sizes" || arg.starts_with("--sizes=")) {
      std::string_view list = arg.substr(std::string_view{"--sizes"}.size());
      if (list.empty() && ++i < args.size())
        list = args[i];
      else if (!list.empty())
        list.remove_prefix(1);
      auto sizes = parse_sizes(list);
      if (!sizes)
        return parsed::failure(sizes.error());
      o.sizes = std::move(sizes.value());
      sizes_given = true;
    } else {
      return parsed::failure(fmt::format("unknown argument '{}'", arg));
    }
  }
  if (!sizes_given)
    o.sizes = o.quick ? quick_sizes : full_sizes;
  return o;
}

} // namespace actordev::bench
