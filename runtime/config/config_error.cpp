#include "runtime/config/config_error.hpp"

namespace actordev::config {

namespace {

std::string location(const config_error& e) {
  std::string out = e.file;
  if (e.line > 0) {
    out += ':' + std::to_string(e.line);
    if (e.column > 0)
      out += ':' + std::to_string(e.column);
  }
  return out;
}

// Continuation lines of a multi-line hint line up under its first line.
std::string indent_hint(const std::string& hint) {
  std::string out;
  for (char c : hint) {
    out += c;
    if (c == '\n')
      out += "        ";
  }
  return out;
}

} // namespace

std::string format(const config_error& e) {
  std::string out = location(e) + ": error: " + e.message;
  if (!e.hint.empty())
    out += "\n  hint: " + indent_hint(e.hint);
  return out;
}

std::string format(const std::vector<config_error>& errors) {
  std::string out;
  for (const auto& e : errors)
    out += format(e) + '\n';
  return out;
}

} // namespace actordev::config
