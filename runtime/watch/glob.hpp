#pragma once

#include "runtime/result.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actordev::watch {

/// Why a glob pattern could not be compiled.
struct glob_error {
  std::string pattern;    ///< as given
  std::size_t offset = 0; ///< 0-based, of the offending character
  std::string message;    ///< what was wrong and what to do about it

  bool operator==(const glob_error&) const = default;
};

/// A glob pattern compiled once, matched against many paths.
///
/// Syntax, matched one path component at a time: `*` any characters
/// within a component, `?` one character, `[abc]` `[a-z]` `[!a]` (or
/// `[^a]`) one character of a class, `\x` the character x, and `**` as a
/// whole component any number of components, zero included. `**` inside a
/// component (`a**b`) is an ordinary `*`. `*`, `?` and classes match a
/// leading `.` too. Empty components (`a//b`, a trailing `/`) are dropped.
///
/// A pattern that starts with `/` is absolute and matches only absolute
/// paths; any other pattern matches only relative paths (make a path
/// relative to the pattern's root first). Matching takes time proportional
/// to pattern length times path length: there is no exponential
/// backtracking.
class glob {
public:
  /// The pattern `pattern`, or what is wrong with it (an unclosed `[`, a
  /// reversed range, a trailing lone `\`, an empty pattern).
  static result<glob, glob_error> compile(std::string_view pattern);

  /// A pattern that matches only the empty relative path.
  glob() = default;

  /// True when the whole of `path` matches.
  bool matches(std::string_view path) const;
  /// True when `path` or one of its ancestors matches: a pattern that
  /// names a folder covers everything below it.
  bool covers(std::string_view path) const;

  /// The pattern as given to `compile`.
  const std::string& pattern() const noexcept { return pattern_; }
  /// Whether the pattern starts with `/`.
  bool absolute() const noexcept { return absolute_; }

private:
  /// One step of a component pattern.
  struct atom {
    enum class kind : std::uint8_t { literal, any_char, any_run, char_class };
    kind k = kind::literal;
    char c = 0;              ///< for literal
    std::uint32_t index = 0; ///< for char_class: into classes_
  };
  /// `[...]`: inclusive byte ranges, possibly negated.
  struct char_class {
    std::vector<std::pair<unsigned char, unsigned char>> ranges;
    bool negated = false;
  };
  /// One path component of the pattern: `**`, or a sequence of atoms.
  struct segment {
    bool any_depth = false;
    std::vector<atom> atoms;
  };

  bool match_components(const std::vector<std::string_view>& names,
                        bool open_end) const;
  bool match_segment(const segment& s, std::string_view name) const;
  bool match_atom(const atom& a, char c) const;

  std::string pattern_;
  bool absolute_ = false;
  std::vector<segment> segments_;
  std::vector<char_class> classes_;

  friend class glob_compiler;
};

} // namespace actordev::watch
