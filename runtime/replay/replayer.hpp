#pragma once

#include "actordev/msg/message_log.pb.h"
#include "runtime/engine.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace actordev::replay {

/// The first decision a replay made differently from the recording, both
/// in full (holds expanded even where the log left them out).
struct divergence {
  std::uint64_t seq = 0;
  msg::Decision recorded;
  msg::Decision replayed;
};

/// Re-runs the engine on a recorded message log, one record at a time, with
/// no side effects: events are applied; at each decision record the engine
/// decides afresh (at the recorded time, starting the builds it grants) and
/// the result is checked against the recording. The same `engine` class as
/// the scheduler actor's, so a log replays exactly when the engine has not
/// changed. Records without a sequence number or time (hand-written ones)
/// get the next number and the engine's current time.
class replayer {
public:
  /// What feeding one record did.
  enum class outcome {
    applied,  ///< an event was applied
    matched,  ///< a decision was made and matches the recording
    diverged, ///< a decision differs: see divergence(); feed no more
    dropped,  ///< the log lost records here: nothing after can be checked
  };

  /// Feeds one record (not a header). After `diverged` or `dropped`, the
  /// caller stops.
  outcome feed(const msg::LogRecord& r);

  const engine& replayed() const { return engine_; }
  /// The sequence number of the last record fed (assigned when it had none).
  std::uint64_t seq() const { return seq_; }
  /// The decision replayed at the last decision record (its holds left
  /// out when unchanged; the engine has them in full).
  const msg::DecisionPoint& last_point() const { return point_; }
  const std::optional<divergence>& first_divergence() const {
    return diverged_;
  }

  std::uint64_t events() const { return events_; }
  std::uint64_t decisions() const { return decisions_; }

private:
  outcome decide(const msg::DecisionPoint& recorded);
  std::uint64_t stamp(std::uint64_t seq);

  engine engine_;
  std::uint64_t seq_ = 0;
  std::uint64_t events_ = 0;
  std::uint64_t decisions_ = 0;
  msg::DecisionPoint point_;
  /// The holds of the last recorded decision that listed them.
  google::protobuf::RepeatedPtrField<msg::Hold> recorded_holds_;
  std::optional<divergence> diverged_;
};

} // namespace actordev::replay
