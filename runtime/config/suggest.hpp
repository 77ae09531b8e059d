#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::config {

/// The optimal-string-alignment distance between `a` and `b`, ignoring
/// ASCII case: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a likely
/// typo of it (at most half of `word`'s length away, at least 2, and
/// fewer edits than `word` has characters; the earliest on a tie). Failing
/// that, the first candidate that `word` is a prefix of, or that is a
/// prefix of `word`, both being 3 characters or more ("quiet" for
/// "quiet_ms").
std::optional<std::string>
closest_match(std::string_view word,
              const std::vector<std::string>& candidates);

/// "did you mean 'X'?" for the closest match, or an empty string.
std::string did_you_mean(std::string_view word,
                         const std::vector<std::string>& candidates);

/// "a, b, c": the candidates joined for an "expected one of" message.
std::string join(const std::vector<std::string>& words,
                 std::string_view separator = ", ");

/// `text` cut to 40 characters with control characters escaped, for
/// quoting the user's text in a one-line message.
std::string shorten(std::string_view text);

} // namespace actordev::config
