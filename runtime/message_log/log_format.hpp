#pragma once

#include <cstdint>
#include <string_view>

namespace actordev::message_log {

/// The first 8 bytes of every binary message log (docs/message-log.md).
/// Like PNG's: a non-ASCII first byte, then a line ending and a ^Z that a
/// text-mode transfer would mangle, so such damage is caught at once.
inline constexpr std::string_view magic{"\x89"
                                        "ALOG\r\n\x1a",
                                        8};

/// The format version after the magic (4 bytes, little-endian). A reader
/// refuses any other version.
inline constexpr std::uint32_t format_version = 1;

/// The largest record a reader accepts (a ConfigLoaded of thousands of
/// manifests is a few MB): a length prefix beyond it is damage.
inline constexpr std::uint64_t max_record_bytes = 256u << 20;

/// The magic and the version: where a binary log starts.
inline constexpr std::size_t preamble_bytes = magic.size() + 4;

} // namespace actordev::message_log
