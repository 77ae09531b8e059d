#include "runtime/message_log/log_reader.hpp"

#include "runtime/message_log/log_format.hpp"

namespace actordev::message_log {

std::string log_damage::describe() const {
  if (line > 0)
    return "line " + std::to_string(line) + ": " + message;
  return "byte " + std::to_string(offset) + ": " + message;
}

std::optional<log_form> sniff_form(std::string_view bytes) {
  if (bytes.substr(0, magic.size()) == magic)
    return log_form::binary;
  std::size_t at = 0;
  while (at < bytes.size()) {
    char c = bytes[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
    } else if (c == '#') {
      auto end = bytes.find('\n', at);
      at = end == std::string_view::npos ? bytes.size() : end + 1;
    } else {
      return c == '{' ? std::optional(log_form::jsonl) : std::nullopt;
    }
  }
  return std::nullopt;
}

} // namespace actordev::message_log
