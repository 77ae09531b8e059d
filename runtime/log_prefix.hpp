#pragma once

#include "actordev/msg/logs.pb.h"
#include "runtime/status_line.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace actordev {

/// The name in front of actordev's own lines (config statuses included).
inline constexpr std::string_view system_name = "actordev";

/// Lays out the lines `actordev up` prints, one per log line or status:
///
///     api      | listening on :8080
///     api      ● ready
///     actordev ● config reloaded
///
/// The name column is as wide as the longest resource name (and
/// system_name), so the text lines up. With colour, each resource's name
/// gets a palette colour chosen by its config position, a status's dot the
/// colour of its tone, and actordev's own words (LOG_SYSTEM lines, the
/// "actordev" resource) are dim. Without colour the output holds no escape
/// code at all: those in the text itself are removed too.
/// Pure: returns text, writes nothing.
class log_prefix {
public:
  explicit log_prefix(bool colour);

  /// Learns the resources, in config order: their colours and the width of
  /// the name column. Unknown names are printed uncoloured, never cut.
  void set_resources(const std::vector<std::string>& names);

  /// "name     | text\n".
  std::string format(const msg::LogLine& l) const;
  /// "name     ● text\n"; an empty resource is actordev itself.
  std::string format(const status_line& s) const;

  /// The width of the name column, in characters.
  std::size_t width() const { return width_; }

private:
  std::string name_column(std::string_view name) const;
  std::string paint(std::string_view code, std::string_view text) const;

  bool colour_;
  std::size_t width_;
  std::unordered_map<std::string, std::size_t> index_;
};

/// The ANSI SGR code ("36" for cyan...) of the resource at config position
/// `index`: a fixed palette that repeats.
std::string_view palette_colour(std::size_t index);

/// `text` without ANSI escape sequences (CSI "ESC [ ... final", OSC
/// "ESC ] ... BEL/ST", and any other ESC with the character after it).
std::string strip_escapes(std::string_view text);

} // namespace actordev
