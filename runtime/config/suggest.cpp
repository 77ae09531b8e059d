#include "runtime/config/suggest.hpp"

#include <algorithm>

namespace actordev::config {

namespace {

char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rolling rows of the classic dynamic programme: the swap rule
  // looks two rows back.
  std::vector<std::size_t> two_back(b.size() + 1), prev(b.size() + 1),
      cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], two_back[j - 2] + 1);
    }
    two_back.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::optional<std::string>
closest_match(std::string_view word,
              const std::vector<std::string>& candidates) {
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 2);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    if (d > limit || d >= word.size())
      continue;
    if (!best || d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best || word.size() < 3)
    return best;
  // A truncated or extended key ("quiet" for "quiet_ms") is far in edits.
  for (const auto& c : candidates)
    if (c.size() >= 3 &&
        (c.starts_with(word) || std::string_view{word}.starts_with(c)))
      return c;
  return std::nullopt;
}

std::string did_you_mean(std::string_view word,
                         const std::vector<std::string>& candidates) {
  if (auto m = closest_match(word, candidates))
    return "did you mean '" + *m + "'?";
  return {};
}

std::string join(const std::vector<std::string>& words,
                 std::string_view separator) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty())
      out += separator;
    out += w;
  }
  return out;
}

std::string shorten(std::string_view s) {
  constexpr std::size_t max = 40;
  std::string out;
  for (char c : s.substr(0, max)) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      out += '?';
    else
      out += c;
  }
  if (s.size() > max)
    out += "...";
  return out;
}

} // namespace actordev::config
