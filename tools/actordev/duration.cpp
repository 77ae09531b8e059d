#include "tools/actordev/duration.hpp"

#include <charconv>

namespace actordev::cli {

std::optional<std::chrono::milliseconds> parse_duration(std::string_view s) {
  long long n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || n < 0 || end == s.data())
    return std::nullopt;
  std::string_view unit{end, static_cast<size_t>(s.data() + s.size() - end)};
  long long scale = 0;
  if (unit == "ms")
    scale = 1;
  else if (unit.empty() || unit == "s")
    scale = 1000;
  else if (unit == "m")
    scale = 60 * 1000;
  else if (unit == "h")
    scale = 60 * 60 * 1000;
  else
    return std::nullopt;
  if (n > (1LL << 40) / scale) // longer than ~35 years: surely a typo
    return std::nullopt;
  return std::chrono::milliseconds{n * scale};
}

} // namespace actordev::cli
