#pragma once

// A small recorded session without actors: an engine driven by events as
// the scheduler drives it, every event and decision written with the real
// encoder. What the message log tests read back and replay.

#include "actordev/msg/message_log.pb.h"
#include "runtime/engine.hpp"

#include <string>
#include <vector>

namespace actordev::test {

class log_recording {
public:
  log_recording();

  /// Applies `e` (numbered and timed here) and records it.
  void event(msg::Event e);
  /// Decides and records the decision; returns it.
  msg::DecisionPoint decide();

  /// Three local resources: db, api (depends on db), web (depends on api).
  void load_three_locals();
  void finish(const std::string& name, const std::string& error = {});
  void ready(const std::string& name);
  void change(const std::string& name);

  /// The binary log so far: preamble, header, records.
  const std::string& bytes() const { return bytes_; }
  /// The same records as JSON lines, header first.
  std::string jsonl() const;
  /// Every record written, header first.
  const std::vector<msg::LogRecord>& records() const { return records_; }

private:
  engine engine_;
  std::string bytes_;
  std::vector<msg::LogRecord> records_;
  std::uint64_t seq_ = 0;
  time_us clock_ = 1'700'000'000'000'000;
};

/// Every record a reader gets from `bytes` (binary or JSON lines), header
/// first, up to the end or the damage.
std::vector<msg::LogRecord> read_all(std::string_view bytes, bool jsonl);

} // namespace actordev::test
