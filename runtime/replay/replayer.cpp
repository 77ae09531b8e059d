#include "runtime/replay/replayer.hpp"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>

namespace actordev::replay {

namespace {

bool same(const google::protobuf::RepeatedPtrField<std::string>& a,
          const google::protobuf::RepeatedPtrField<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool same(const google::protobuf::RepeatedPtrField<msg::Hold>& a,
          const google::protobuf::RepeatedPtrField<msg::Hold>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const msg::Hold& x, const msg::Hold& y) {
                      return google::protobuf::util::MessageDifferencer::Equals(
                          x, y);
                    });
}

} // namespace

std::uint64_t replayer::stamp(std::uint64_t seq) {
  seq_ = seq != 0 ? seq : seq_ + 1;
  return seq_;
}

replayer::outcome replayer::feed(const msg::LogRecord& r) {
  switch (r.kind_case()) {
  case msg::LogRecord::kEvent: {
    const auto& e = r.event();
    ++events_;
    if (e.seq() != 0 && e.time_us() != 0) {
      stamp(e.seq());
      engine_.apply(e);
      return outcome::applied;
    }
    msg::Event stamped = e;
    stamped.set_seq(stamp(e.seq()));
    if (stamped.time_us() == 0)
      stamped.set_time_us(engine_.state().now);
    engine_.apply(stamped);
    return outcome::applied;
  }
  case msg::LogRecord::kDecision:
    return decide(r.decision());
  case msg::LogRecord::kDropped:
    stamp(r.dropped().seq());
    return outcome::dropped;
  case msg::LogRecord::kHeader:
  case msg::LogRecord::KIND_NOT_SET:
    break;
  }
  return outcome::applied; // the reader never hands these out
}

replayer::outcome replayer::decide(const msg::DecisionPoint& recorded) {
  ++decisions_;
  auto seq = stamp(recorded.seq());
  auto time =
      recorded.time_us() != 0 ? recorded.time_us() : engine_.state().now;
  point_ = engine_.decide(seq, time);
  const auto& holds = engine_.last_decision().holds();
  bool grants_match = same(recorded.granted(), point_.granted());
  // Both unchanged: the holds are still the ones that matched last time.
  bool holds_match = recorded.holds_unchanged() && point_.holds_unchanged();
  if (!holds_match) {
    if (!recorded.holds_unchanged())
      recorded_holds_ = recorded.holds();
    holds_match = same(recorded_holds_, holds);
  }
  if (grants_match && holds_match)
    return outcome::matched;
  divergence d{seq, {}, engine_.last_decision()};
  *d.recorded.mutable_granted() = recorded.granted();
  *d.recorded.mutable_holds() = recorded_holds_;
  *d.replayed.mutable_granted() = point_.granted();
  diverged_ = std::move(d);
  return outcome::diverged;
}

} // namespace actordev::replay
