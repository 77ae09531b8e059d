#pragma once

#include "actordev/msg/message_log.pb.h"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/replayer.hpp"

#include <cstdint>
#include <optional>

namespace actordev::replay {

/// Told what a replay does as it goes; the defaults ignore it. What
/// `actordev replay` prints in each of its modes is one of these.
class replay_observer {
public:
  virtual ~replay_observer() = default;
  /// The engine applied `e` (numbered and timed, even when its record was
  /// not).
  virtual void applied(const msg::Event&, const replayer&) {}
  /// The engine decided (r.last_point()) as the recording did.
  virtual void decided(const replayer&) {}
};

/// Why a replay stopped.
enum class stop_reason {
  end,      ///< the log ended
  until,    ///< the last record asked for was replayed
  diverged, ///< a decision differs: replayer::first_divergence()
  dropped,  ///< the log lost records here: replay_end::gap
  damaged,  ///< the reader met damage: log_reader::damage()
};

/// How a replay ended.
struct replay_end {
  stop_reason reason = stop_reason::end;
  std::optional<msg::RecordsDropped> gap; ///< with stop_reason::dropped
};

/// The sequence number record `r` has, or gets from a replayer whose last
/// one was `last` (hand-written records may have none).
std::uint64_t record_seq(const msg::LogRecord& r, std::uint64_t last);

/// Feeds the records of `reader` (after its header) to `r`, telling `obs`,
/// until the log ends, a decision diverges, the log lost records, damage,
/// or — when `until` is not 0 — the record numbered `until` was replayed
/// (a record numbered past it is not read: neither it nor damage after it
/// matters then).
replay_end replay_log(message_log::log_reader& reader, replayer& r,
                      std::uint64_t until, replay_observer& obs);

} // namespace actordev::replay
