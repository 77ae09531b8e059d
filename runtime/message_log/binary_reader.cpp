// The binary form: magic, version, then length-delimited LogRecords.
#include "runtime/message_log/log_format.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/message_log/record_reuse.hpp"

#include <optional>
#include <string>

namespace actordev::message_log {

namespace {

/// The name of the record kind a person would look for.
const char* kind_name(const msg::LogRecord& r) {
  switch (r.kind_case()) {
  case msg::LogRecord::kHeader:
    return "header";
  case msg::LogRecord::kEvent:
    return "event";
  case msg::LogRecord::kDecision:
    return "decision";
  case msg::LogRecord::kDropped:
    return "dropped";
  case msg::LogRecord::KIND_NOT_SET:
    break;
  }
  return "empty";
}

class binary_reader final : public log_reader {
public:
  explicit binary_reader(std::string_view bytes)
      : bytes_(bytes) {
    if (read_preamble()) {
      msg::LogRecord first;
      if (read_record(first) && !first.has_header())
        fail(first_offset_, std::string("the first record is ") +
                                kind_name(first) +
                                ", not the header: this log was not written by "
                                "actordev or lost its start");
      else if (first.has_header())
        header_ = std::move(*first.mutable_header());
    }
  }

  bool next(msg::LogRecord& out) override {
    if (damage_ || at_ == bytes_.size())
      return false;
    auto start = at_;
    if (!read_record(out))
      return false;
    if (out.has_header()) {
      fail(start, "a second header: two logs were joined, or the log is "
                  "damaged");
      return false;
    }
    return true;
  }

private:
  bool read_preamble() {
    if (bytes_.size() < magic.size() ||
        bytes_.substr(0, magic.size()) != magic) {
      fail(0, "not an actordev message log (wrong magic bytes)");
      return false;
    }
    if (bytes_.size() < preamble_bytes) {
      fail(magic.size(), "the log ends inside its format version");
      return false;
    }
    std::uint32_t version = 0;
    for (int i = 0; i < 4; ++i)
      version |= static_cast<std::uint32_t>(
                     static_cast<unsigned char>(bytes_[magic.size() + i]))
                 << (8 * i);
    if (version != format_version) {
      fail(magic.size(), "format version " + std::to_string(version) +
                             " (this actordev reads version " +
                             std::to_string(format_version) +
                             "); replay it with the actordev that wrote it");
      return false;
    }
    at_ = first_offset_ = preamble_bytes;
    if (at_ == bytes_.size()) {
      fail(at_, "the log ends before its header");
      return false;
    }
    return true;
  }

  /// One varint at `at_`, advancing past it. False (with damage) when it
  /// is cut off or longer than 10 bytes.
  bool read_length(std::uint64_t& v) {
    auto start = at_;
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at_ == bytes_.size()) {
        fail(start, "the log ends inside a record's length (the writer "
                    "stopped mid-record)");
        return false;
      }
      auto b = static_cast<unsigned char>(bytes_[at_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80))
        return true;
    }
    fail(start, "a record length that is not a varint");
    return false;
  }

  /// The bytes of the record whose length starts at `at_`, leaving `at_`
  /// past the length; nothing, with damage, when the length is cut off,
  /// too large or longer than what is left.
  std::optional<std::string_view> read_body() {
    auto start = at_;
    std::uint64_t length = 0;
    if (!read_length(length))
      return std::nullopt;
    auto left = bytes_.size() - at_;
    if (length > max_record_bytes) {
      fail(start, "a record length of " + std::to_string(length) +
                      " bytes, more than the " +
                      std::to_string(max_record_bytes) + " a record may have");
      return std::nullopt;
    }
    if (length > left) {
      fail(start, "a record of " + std::to_string(length) + " bytes but only " +
                      std::to_string(left) +
                      " are left (the log is cut short)");
      return std::nullopt;
    }
    return bytes_.substr(at_, length);
  }

  bool read_record(msg::LogRecord& out) {
    auto start = at_;
    auto body = read_body();
    if (!body) {
      records_.clear(out);
      return false;
    }
    if (!records_.parse(*body, out)) {
      fail(start, "a record that is not a valid LogRecord");
      return false;
    }
    if (out.kind_case() == msg::LogRecord::KIND_NOT_SET) {
      fail(start, "an empty record (no header, event, decision or dropped)");
      return false;
    }
    at_ += body->size();
    return true;
  }

  void fail(std::uint64_t offset, std::string message) {
    damage_ = log_damage{offset, 0, std::move(message)};
  }

  std::string_view bytes_;
  record_reuse records_; ///< parses into the last record's allocations
  std::size_t at_ = 0;
  std::size_t first_offset_ = 0;
};

} // namespace

std::unique_ptr<log_reader> read_binary(std::string_view bytes) {
  return std::make_unique<binary_reader>(bytes);
}

} // namespace actordev::message_log
