#include "runtime/message_log/log_encoder.hpp"

#include "runtime/message_log/log_format.hpp"

namespace actordev::message_log {

namespace {

void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::size_t varint_size(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

/// A LogRecord with only `field` set to `m`: its tag (wire type 2), the
/// length of `m`, then `m`; all of it prefixed by the record's length.
void append_as_field(std::string& out, int field,
                     const google::protobuf::MessageLite& m) {
  auto inner = m.ByteSizeLong();
  auto tag = static_cast<std::uint64_t>(field) << 3 | 2;
  append_varint(out, varint_size(tag) + varint_size(inner) + inner);
  append_varint(out, tag);
  append_varint(out, inner);
  m.AppendPartialToString(&out);
}

} // namespace

std::string encode_start(const msg::LogHeader& header) {
  std::string out(magic);
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<char>((format_version >> (8 * i)) & 0xff));
  msg::LogRecord r;
  *r.mutable_header() = header;
  append_record(out, r);
  return out;
}

void append_record(std::string& out, const msg::LogRecord& record) {
  append_varint(out, record.ByteSizeLong());
  record.AppendPartialToString(&out);
}

void append_event(std::string& out, const msg::Event& e) {
  append_as_field(out, msg::LogRecord::kEventFieldNumber, e);
}

void append_decision(std::string& out, const msg::DecisionPoint& d) {
  append_as_field(out, msg::LogRecord::kDecisionFieldNumber, d);
}

} // namespace actordev::message_log
