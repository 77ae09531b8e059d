#include "runtime/replay/replay_run.hpp"

namespace actordev::replay {

namespace {

void tell_applied(const msg::Event& e, const replayer& r,
                  replay_observer& obs) {
  if (e.seq() != 0 && e.time_us() != 0) {
    obs.applied(e, r);
    return;
  }
  msg::Event stamped = e;
  stamped.set_seq(r.seq());
  stamped.set_time_us(r.replayed().state().now);
  obs.applied(stamped, r);
}

} // namespace

std::uint64_t record_seq(const msg::LogRecord& r, std::uint64_t last) {
  std::uint64_t seq = 0;
  if (r.has_event())
    seq = r.event().seq();
  else if (r.has_decision())
    seq = r.decision().seq();
  else if (r.has_dropped())
    seq = r.dropped().seq();
  return seq != 0 ? seq : last + 1;
}

replay_end replay_log(message_log::log_reader& reader, replayer& r,
                      std::uint64_t until, replay_observer& obs) {
  msg::LogRecord record;
  while (!(until != 0 && r.seq() >= until)) {
    if (!reader.next(record))
      return {reader.damage() ? stop_reason::damaged : stop_reason::end, {}};
    if (until != 0 && record_seq(record, r.seq()) > until)
      return {stop_reason::until, {}};
    switch (r.feed(record)) {
    case replayer::outcome::applied:
      if (record.has_event())
        tell_applied(record.event(), r, obs);
      break;
    case replayer::outcome::matched:
      obs.decided(r);
      break;
    case replayer::outcome::diverged:
      return {stop_reason::diverged, {}};
    case replayer::outcome::dropped:
      return {stop_reason::dropped, record.dropped()};
    }
  }
  return {stop_reason::until, {}};
}

} // namespace actordev::replay
