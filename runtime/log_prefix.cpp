#include "runtime/log_prefix.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace actordev {

namespace {

constexpr std::string_view esc = "\x1b";
constexpr std::string_view reset = "\x1b[0m";
constexpr std::string_view dim = "2";
constexpr std::string_view dot = "\u25cf"; // ●

// Red, green and yellow are left to the tones, so a name never reads as a
// status.
constexpr std::array<std::string_view, 6> palette{"36", "35", "34",
                                                  "96", "95", "94"};

constexpr std::array<std::pair<status_tone, std::string_view>, 5> tone_colours{{
    {status_tone::info, "2"},
    {status_tone::progress, "36"},
    {status_tone::waiting, "33"},
    {status_tone::good, "32"},
    {status_tone::bad, "31"},
}};

std::string_view tone_colour(status_tone t) {
  for (const auto& [tone, code] : tone_colours)
    if (tone == t)
      return code;
  return dim;
}

/// Skips the escape sequence starting at text[i] (an ESC); returns the index
/// after it.
std::size_t skip_escape(std::string_view text, std::size_t i) {
  if (i + 1 >= text.size())
    return text.size();
  char kind = text[i + 1];
  i += 2;
  if (kind == '[') { // CSI: parameters, then one final byte in @..~
    while (i < text.size() && (text[i] < '@' || text[i] > '~'))
      ++i;
    return std::min(i + 1, text.size());
  }
  if (kind == ']') { // OSC: up to BEL or ESC backslash
    while (i < text.size() && text[i] != '\a' && text[i] != esc[0])
      ++i;
    if (i < text.size() && text[i] == esc[0])
      ++i;
    return std::min(i + 1, text.size());
  }
  return i;
}

} // namespace

std::string_view palette_colour(std::size_t index) {
  return palette[index % palette.size()];
}

std::string strip_escapes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == esc[0]) {
      i = skip_escape(text, i);
      continue;
    }
    out += text[i++];
  }
  return out;
}

log_prefix::log_prefix(bool colour)
    : colour_(colour)
    , width_(system_name.size()) {}

void log_prefix::set_resources(const std::vector<std::string>& names) {
  index_.clear();
  width_ = system_name.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    index_.emplace(names[i], i);
    width_ = std::max(width_, names[i].size());
  }
}

std::string log_prefix::format(const msg::LogLine& l) const {
  bool system = l.resource() == system_name || l.resource().empty();
  std::string out = name_column(system ? system_name : l.resource()) + " | ";
  if (!colour_)
    out += strip_escapes(l.text());
  else if (system || l.stream() == msg::LOG_SYSTEM)
    out += paint(dim, l.text());
  else if (l.text().find(esc) != std::string::npos)
    out += l.text() + std::string{reset}; // its colours end with the line
  else
    out += l.text();
  return out + '\n';
}

std::string log_prefix::format(const status_line& s) const {
  auto name = s.resource.empty() ? system_name : std::string_view{s.resource};
  return name_column(name) + " " + paint(tone_colour(s.tone), dot) + " " +
         (colour_ ? s.text : strip_escapes(s.text)) + '\n';
}

std::string log_prefix::name_column(std::string_view name) const {
  std::string pad(width_ > name.size() ? width_ - name.size() : 0, ' ');
  if (name == system_name)
    return paint(dim, name) + pad;
  auto i = index_.find(std::string{name});
  if (i == index_.end())
    return std::string{name} + pad;
  return paint(palette_colour(i->second), name) + pad;
}

std::string log_prefix::paint(std::string_view code,
                              std::string_view text) const {
  if (!colour_)
    return std::string{text};
  return std::string{esc} + "[" + std::string{code} + "m" + std::string{text} +
         std::string{reset};
}

} // namespace actordev
