#pragma once

#include <string>
#include <string_view>

namespace actordev::replay {

/// An enum value's Protobuf name as a word a person reads: the prefix cut
/// off, lower case, underscores as spaces. enum_word("RUNTIME_NOT_APPLICABLE",
/// "RUNTIME_") is "not applicable". A name without the prefix is lowered as
/// it is.
std::string enum_word(std::string_view name, std::string_view prefix);

/// `text` on one line: line breaks become spaces (errors quoted from
/// commands may span several).
std::string one_line(std::string text);

} // namespace actordev::replay
