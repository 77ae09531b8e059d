// Any bytes as a message log, in either form (what `actordev replay` may be
// handed). Reading must stop without crashing or reading past the input,
// a reader that stopped must stay stopped, and replaying whatever records
// were read must not crash either.
#include "runtime/message_log/log_format.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/replayer.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using actordev::message_log::log_reader;
using outcome = actordev::replay::replayer::outcome;

/// Reads every record (feeding them to a replayer until it stops) and
/// checks the reader's promises. Every record takes at least one of the
/// input's `size` bytes, so more records than that means the reader does
/// not advance: the loop is bounded.
void read_all(log_reader& reader, std::size_t size) {
  actordev::replay::replayer replayer;
  actordev::msg::LogRecord record;
  bool replaying = true;
  std::size_t records = 0;
  while (reader.next(record)) {
    if (++records > size || record.has_header())
      __builtin_trap();
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
  read_all(*binary, size);
  read_all(*log::read_jsonl(bytes), size);
  return 0;
}
