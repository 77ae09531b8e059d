#include "runtime/config/command.hpp"

#include <algorithm>

namespace actordev::config {

namespace {

/// Characters that need no quoting in a POSIX shell word.
bool plain(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') ||
         std::string_view{"@%_+=:,./-"}.find(c) != std::string_view::npos;
}

} // namespace

std::string shell_quote(std::string_view word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain))
    return std::string{word};
  std::string out = "'";
  for (char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

std::string shell_line(const command& c) {
  if (c.is_shell())
    return c.shell;
  std::string out = "exec";
  for (const auto& word : c.argv) {
    out += ' ';
    out += shell_quote(word);
  }
  return out;
}

} // namespace actordev::config
