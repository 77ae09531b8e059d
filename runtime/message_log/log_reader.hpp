#pragma once

#include "actordev/msg/message_log.pb.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace actordev::message_log {

/// Where a log is damaged and how. Binary logs name the byte offset of the
/// record (or preamble) at fault, JSON lines the 1-based line.
struct log_damage {
  std::uint64_t offset = 0; ///< binary: byte offset
  std::size_t line = 0;     ///< JSON lines: line number; 0 for binary
  std::string message;      ///< what was wrong, for a person

  /// "byte 1234: ..." or "line 7: ...".
  std::string describe() const;
};

/// Reads the records of one log, in order, from bytes it does not own (they
/// must outlive it). Never throws, never reads past the input: damage ends
/// the records and is kept in `damage()`, so everything before it is still
/// read.
class log_reader {
public:
  virtual ~log_reader() = default;

  /// The header, when the log has one. Binary logs must (else it is damage
  /// at the first record); in JSON lines it is optional and only first.
  const std::optional<msg::LogHeader>& header() const { return header_; }

  /// Reads the next record into `out` (cleared first). False at the end of
  /// the input or at damage.
  virtual bool next(msg::LogRecord& out) = 0;

  const std::optional<log_damage>& damage() const { return damage_; }

protected:
  std::optional<msg::LogHeader> header_;
  std::optional<log_damage> damage_;
};

/// The two forms of a log.
enum class log_form { binary, jsonl };

/// A binary log: checks the magic, the version and the header at once (a
/// failure there is damage before any record).
std::unique_ptr<log_reader> read_binary(std::string_view bytes);

/// JSON lines: one LogRecord per line in Protobuf's JSON mapping. Blank
/// lines and lines starting with `#` are skipped; an unknown field is
/// damage.
std::unique_ptr<log_reader> read_jsonl(std::string_view text);

/// Which form `bytes` are in: binary when they start with the magic, else
/// JSON lines when they start (after blanks and # comments) with `{`.
std::optional<log_form> sniff_form(std::string_view bytes);

} // namespace actordev::message_log
