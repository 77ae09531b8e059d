// Any bytes as a message log, in either form (what `actordev replay` may be
// handed). Reading must stop without crashing or reading past the input,
// a reader that stopped must stay stopped, and replaying whatever records
// were read must not crash either. A binary record, read into the message
// of the record before, must equal a fresh parse of its bytes.
#include "runtime/message_log/log_format.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/message_log/record_reuse.hpp"
#include "runtime/replay/replayer.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using actordev::message_log::log_reader;
using actordev::msg::LogRecord;
using outcome = actordev::replay::replayer::outcome;

/// The bytes of each length-prefixed record in `bytes` from `at` on, as
/// far as the lengths fit.
std::vector<std::string_view> record_bodies(std::string_view bytes,
                                            std::size_t at) {
  std::vector<std::string_view> out;
  while (at < bytes.size()) {
    std::uint64_t length = 0;
    unsigned char b = 0x80;
    for (int shift = 0; (b & 0x80) && at < bytes.size() && shift < 64;
         shift += 7) {
      b = static_cast<unsigned char>(bytes[at++]);
      length |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    }
    if ((b & 0x80) || length > bytes.size() - at)
      break;
    out.push_back(bytes.substr(at, length));
    at += length;
  }
  return out;
}

/// Traps unless `r` is what a fresh parse of `body` leaves, and `parsed`
/// whether that parse succeeds.
void check_as_afresh(const LogRecord& r, std::string_view body,
                     bool parsed = true) {
  LogRecord fresh;
  if (fresh.ParseFromArray(body.data(), static_cast<int>(body.size())) !=
      parsed)
    __builtin_trap();
  // The bytes say it all (no maps: serializing is deterministic), and
  // cost a fraction of MessageDifferencer's reflection per record.
  if (r.SerializePartialAsString() != fresh.SerializePartialAsString())
    __builtin_trap();
}

/// Parses every body into one message, as the binary reader does, and
/// checks each against a fresh parse, damaged ones included.
void check_reuse(const std::vector<std::string_view>& bodies) {
  actordev::message_log::record_reuse reuse;
  LogRecord r;
  for (auto body : bodies) {
    bool parsed = reuse.parse(body, r);
    check_as_afresh(r, body, parsed);
  }
}

/// Reads every record (feeding them to a replayer until it stops) and
/// checks the reader's promises. Every record takes at least one of the
/// input's `size` bytes, so more records than that means the reader does
/// not advance: the loop is bounded. `bodies`, for a binary log: the bytes
/// of its records, header first, to check each record against.
void read_all(log_reader& reader, std::size_t size,
              const std::vector<std::string_view>* bodies = nullptr) {
  actordev::replay::replayer replayer;
  LogRecord record;
  bool replaying = true;
  std::size_t records = 0;
  while (reader.next(record)) {
    if (++records > size || record.has_header())
      __builtin_trap();
    if (bodies) {
      if (records >= bodies->size())
        __builtin_trap();
      check_as_afresh(record, (*bodies)[records]);
    }
    if (!replaying)
      continue;
    auto o = replayer.feed(record);
    if (o == outcome::diverged && !replayer.first_divergence())
      __builtin_trap();
    replaying = o != outcome::diverged && o != outcome::dropped;
  }
  if (reader.next(record))
    __builtin_trap(); // a stopped reader stays stopped
  if (reader.damage())
    (void)reader.damage()->describe();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  namespace log = actordev::message_log;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto form = log::sniff_form(bytes);
  if (form == log::log_form::binary && !bytes.starts_with(log::magic))
    __builtin_trap();
  auto binary = log::read_binary(bytes);
  if (!binary->damage() && !binary->header())
    __builtin_trap(); // a binary log without damage has its header
  // Records start after the preamble; bytes without one are fed to the
  // reuse check as records too.
  auto bodies = record_bodies(
      bytes, bytes.starts_with(log::magic) ? log::preamble_bytes : 0);
  read_all(*binary, size, &bodies);
  check_reuse(bodies);
  read_all(*log::read_jsonl(bytes), size);
  return 0;
}
