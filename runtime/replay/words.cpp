#include "runtime/replay/words.hpp"

namespace actordev::replay {

std::string enum_word(std::string_view name, std::string_view prefix) {
  if (name.starts_with(prefix))
    name.remove_prefix(prefix.size());
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '_')
      out += ' ';
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else
      out += c;
  }
  return out;
}

std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

} // namespace actordev::replay
