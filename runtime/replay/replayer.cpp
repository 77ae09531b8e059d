#include "runtime/replay/replayer.hpp"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>

namespace actordev::replay {

namespace {

bool same(const google::protobuf::RepeatedPtrField<std::string>& a,
          const google::protobuf::RepeatedPtrField<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

bool has_unknown_fields(const google::protobuf::Message& m) {
  return !m.GetReflection()->GetUnknownFields(m).empty();
}

bool has_unknown_fields(const msg::Hold& h) {
  return has_unknown_fields(static_cast<const google::protobuf::Message&>(h)) ||
         std::any_of(h.waiting_on().begin(), h.waiting_on().end(),
                     [](const msg::TargetRef& t) {
                       return has_unknown_fields(
                           static_cast<const google::protobuf::Message&>(t));
                     });
}

/// Hold and TargetRef have exactly the fields `same` compares. Should one
/// gain a field, every hold goes to the differencer until `same` learns it.
bool fields_known() {
  static const bool known = msg::Hold::descriptor()->field_count() == 3 &&
                            msg::TargetRef::descriptor()->field_count() == 2;
  return known;
}

/// What MessageDifferencer::Equals says, field by field: it is the
/// replay's hottest comparison, and reflection made it a fifth of a full
/// replay. Holds with unknown fields (from a newer writer) still go to the
/// differencer, which compares those too.
bool same(const msg::Hold& x, const msg::Hold& y) {
  if (!fields_known() || has_unknown_fields(x) || has_unknown_fields(y))
    return google::protobuf::util::MessageDifferencer::Equals(x, y);
  auto same_ref = [](const msg::TargetRef& a, const msg::TargetRef& b) {
    return a.type() == b.type() && a.name() == b.name();
  };
  return x.manifest() == y.manifest() && x.reason() == y.reason() &&
         std::equal(x.waiting_on().begin(), x.waiting_on().end(),
                    y.waiting_on().begin(), y.waiting_on().end(), same_ref);
}

bool same(const google::protobuf::RepeatedPtrField<msg::Hold>& a,
          const google::protobuf::RepeatedPtrField<msg::Hold>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(),
      [](const msg::Hold& x, const msg::Hold& y) { return same(x, y); });
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
  bool grants_match = same(recorded.granted(), point_.granted()) &&
                      same(recorded.granted_builders(),
                           point_.granted_builders());
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
  *d.recorded.mutable_granted_builders() = recorded.granted_builders();
  *d.recorded.mutable_holds() = recorded_holds_;
  *d.replayed.mutable_granted() = point_.granted();
  *d.replayed.mutable_granted_builders() = point_.granted_builders();
  diverged_ = std::move(d);
  return outcome::diverged;
}

} // namespace actordev::replay
