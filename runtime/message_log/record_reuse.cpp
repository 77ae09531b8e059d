#include "runtime/message_log/record_reuse.hpp"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/message_lite.h>
#include <google/protobuf/stubs/logging.h>

#include <array>
#include <cstdint>
#include <vector>

namespace actordev::message_log {

namespace {

namespace pb = google::protobuf;

/// How to take an Event's payload of one kind out of it, put one back
/// (Protobuf's generated release_ and set_allocated_) and make a new one.
struct payload_kind {
  pb::Message* (*release)(msg::Event&);
  void (*attach)(msg::Event&, pb::Message*);
  const pb::Message* prototype;
};

/// The payload type of an Event's release_ member function.
template <class Release>
struct payload_of;
template <class Payload>
struct payload_of<Payload* (msg::Event::*)()> {
  using type = Payload;
};

template <auto release, auto attach>
payload_kind kind() {
  using payload = typename payload_of<decltype(release)>::type;
  return {[](msg::Event& e) -> pb::Message* { return (e.*release)(); },
          [](msg::Event& e, pb::Message* p) {
            (e.*attach)(static_cast<payload*>(p));
          },
          &payload::default_instance()};
}

/// The payloads of Event's oneof. One missing here (a kind added later)
/// is read afresh.
const std::array payload_kinds = {
    kind<&msg::Event::release_config_loaded,
         &msg::Event::set_allocated_config_loaded>(),
    kind<&msg::Event::release_config_load_failed,
         &msg::Event::set_allocated_config_load_failed>(),
    kind<&msg::Event::release_files_changed,
         &msg::Event::set_allocated_files_changed>(),
    kind<&msg::Event::release_build_started,
         &msg::Event::set_allocated_build_started>(),
    kind<&msg::Event::release_build_finished,
         &msg::Event::set_allocated_build_finished>(),
    kind<&msg::Event::release_runtime_changed,
         &msg::Event::set_allocated_runtime_changed>(),
    kind<&msg::Event::release_cluster_status,
         &msg::Event::set_allocated_cluster_status>(),
    kind<&msg::Event::release_live_update_status,
         &msg::Event::set_allocated_live_update_status>(),
    kind<&msg::Event::release_trigger_requested,
         &msg::Event::set_allocated_trigger_requested>(),
    kind<&msg::Event::release_enable_changed,
         &msg::Event::set_allocated_enable_changed>(),
};

/// What a field of a message's top level is to `find_first`: the index of
/// a oneof member to keep, or one of these.
constexpr int not_member = -1; ///< another field: skipped
constexpr int unusual = -2;    ///< a member that is not kept: give up

/// For Event's field numbers: the index in payload_kinds of each member of
/// the oneof, unusual for a member with no entry there (or one whose type
/// two members share), not_member for the rest.
std::vector<int> payload_kinds_by_number() {
  std::vector<int> out;
  const auto* oneof = msg::Event::descriptor()->FindOneofByName("kind");
  for (int i = 0; oneof && i < oneof->field_count(); ++i) {
    const auto* field = oneof->field(i);
    auto number = static_cast<std::size_t>(field->number());
    if (number >= out.size())
      out.resize(number + 1, not_member);
    out[number] = unusual;
    int shared = 0;
    for (int j = 0; j < oneof->field_count(); ++j)
      shared += oneof->field(j)->message_type() == field->message_type();
    for (std::size_t k = 0; k < payload_kinds.size(); ++k)
      if (shared == 1 &&
          payload_kinds[k].prototype->GetDescriptor() == field->message_type())
        out[number] = static_cast<int>(k);
  }
  return out;
}

/// The LogRecord members kept: an event or a decision.
constexpr int event_member = 0;
constexpr int decision_member = 1;

int record_member(std::uint64_t number) {
  switch (number) {
  case msg::LogRecord::kEventFieldNumber:
    return event_member;
  case msg::LogRecord::kDecisionFieldNumber:
    return decision_member;
  case msg::LogRecord::kHeaderFieldNumber:
  case msg::LogRecord::kDroppedFieldNumber:
    return unusual;
  default:
    return not_member;
  }
}

/// The varint at `p`, or nullptr when `end` cuts it off or it runs past 10
/// bytes.
const char* read_varint(const char* p, const char* end, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && p != end; shift += 7) {
    auto b = static_cast<unsigned char>(*p++);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80))
      return p;
  }
  return nullptr;
}

/// The first member of a oneof on the top level of a message's `bytes`
/// (what `member_of` makes of its field number, and its bytes in
/// `payload`), or not_member when none is there. Unusual when a wire type
/// is not varint or length-delimited, the bytes are cut off or
/// `member_of` says so.
template <class Member_of>
int find_first(std::string_view bytes, Member_of member_of,
               std::string_view& payload) {
  const char* p = bytes.data();
  const char* end = p + bytes.size();
  while (p != end) {
    std::uint64_t tag = 0;
    std::uint64_t value = 0;
    p = read_varint(p, end, tag);
    if (!p || tag > 0xffffffffu || (tag >> 3) == 0)
      return unusual;
    if ((tag & 7) == 0) {
      p = read_varint(p, end, value);
      if (!p)
        return unusual;
      continue;
    }
    if ((tag & 7) != 2)
      return unusual;
    p = read_varint(p, end, value);
    if (!p || value > static_cast<std::uint64_t>(end - p))
      return unusual;
    int member = member_of(tag >> 3);
    if (member != not_member) {
      payload = std::string_view(p, static_cast<std::size_t>(value));
      return member;
    }
    p += value;
  }
  return not_member;
}

/// True when `body` is one length-delimited field and nothing else, with
/// `payload` (found by find_first) its contents, short enough to parse on
/// its own as the field of the record: a fresh parse of the record enters
/// the field one level down, so its nesting limit is one level lower
/// inside, but each level takes two bytes at least (a tag and a length, or
/// the tags that start and end a group), and a payload shorter than twice
/// the limit cannot nest that deep.
bool alone_and_short(std::string_view body, std::string_view payload) {
  const char* end = body.data() + body.size();
  std::uint64_t tag = 0;
  std::uint64_t length = 0;
  const char* after_tag = read_varint(body.data(), end, tag);
  const char* p = after_tag ? read_varint(after_tag, end, length) : nullptr;
  auto limit = static_cast<std::size_t>(
      pb::io::CodedInputStream::GetDefaultRecursionLimit());
  // Protobuf never reads these two varints here, so only encodings it
  // takes as they are may pass: a one-byte tag (fields 2 and 3 have one)
  // and a length in two bytes at most (it reads lengths of up to five).
  return p == payload.data() && p + payload.size() == end &&
         after_tag == body.data() + 1 && p - after_tag <= 2 &&
         payload.size() < 2 * (limit - 1);
}

/// A kept message, or a new one.
template <class T>
T* take(std::unique_ptr<T>& spare) {
  return spare ? spare.release() : new T;
}

/// Merges `bytes` into `out`: ParseFromArray is Clear() then this, the
/// same parser, limits and checks.
bool merge(std::string_view bytes, pb::MessageLite& out) {
  return out.ParseFrom<pb::MessageLite::kMerge>(
      pb::StringPiece(bytes.data(), bytes.size()));
}

bool parse_afresh(std::string_view body, msg::LogRecord& out) {
  return out.ParseFromArray(body.data(), static_cast<int>(body.size()));
}

} // namespace

struct record_reuse::spares {
  std::unique_ptr<msg::Event> event;
  std::unique_ptr<msg::DecisionPoint> decision;
  std::array<std::unique_ptr<pb::Message>, payload_kinds.size()> payloads;
  std::vector<int> payload_by_number = payload_kinds_by_number();
};

record_reuse::record_reuse()
    : spares_(std::make_unique<spares>()) {}

record_reuse::~record_reuse() = default;

void record_reuse::clear(msg::LogRecord& out) {
  // On an arena, releasing a submessage copies it: nothing to keep.
  if (out.GetArena() == nullptr) {
    if (out.has_event())
      spares_->event.reset(out.release_event());
    else if (out.has_decision())
      spares_->decision.reset(out.release_decision());
  }
  out.Clear();
}

bool record_reuse::parse(std::string_view body, msg::LogRecord& out) {
  auto target = out.GetArena() == nullptr ? prepare(body, out) : std::nullopt;
  if (!target) {
    clear(out);
    return parse_afresh(body, out);
  }
  if (merge(target->bytes, *target->message))
    return true;
  // The merge failed where a fresh parse fails (the same parser on the same
  // bytes, or on the one field they are, with no less room to nest) and
  // Protobuf has logged why, if it does: parse again for the very message
  // a fresh parse leaves, without logging it twice.
  pb::LogSilencer quiet;
  clear(out);
  return parse_afresh(body, out);
}

std::optional<record_reuse::merge_target>
record_reuse::prepare(std::string_view body, msg::LogRecord& out) {
  std::string_view payload;
  int member = find_first(body, record_member, payload);
  pb::MessageLite* submessage = nullptr;
  if (member == event_member) {
    auto* e = out.has_event() ? out.release_event() : take(spares_->event);
    clear(out);
    bool usual = prepare(payload, *e);
    out.set_allocated_event(e);
    if (!usual)
      return std::nullopt;
    submessage = e;
  } else if (member == decision_member) {
    auto* d =
        out.has_decision() ? out.release_decision() : take(spares_->decision);
    clear(out);
    d->Clear();
    out.set_allocated_decision(d);
    submessage = d;
  } else {
    return std::nullopt;
  }
  if (alone_and_short(body, payload))
    return merge_target{submessage, payload};
  return merge_target{&out, body};
}

bool record_reuse::prepare(std::string_view bytes, msg::Event& e) {
  const auto& by_number = spares_->payload_by_number;
  auto kind_of = [&](std::uint64_t number) {
    return number < by_number.size() ? by_number[number] : not_member;
  };
  std::string_view payload;
  int wanted = find_first(bytes, kind_of, payload);
  if (wanted == unusual)
    return false;
  // Take out the payload `e` holds (its Clear() would delete it): to reuse
  // when it is of the kind wanted, else as a spare.
  pb::Message* p = nullptr;
  if (int held = kind_of(static_cast<std::uint64_t>(e.kind_case()));
      held >= 0) {
    p = payload_kinds[static_cast<std::size_t>(held)].release(e);
    if (held != wanted) {
      spares_->payloads[static_cast<std::size_t>(held)].reset(p);
      p = nullptr;
    }
  }
  e.Clear();
  if (wanted == not_member)
    return true;
  const auto& wanted_kind = payload_kinds[static_cast<std::size_t>(wanted)];
  auto& spare = spares_->payloads[static_cast<std::size_t>(wanted)];
  if (!p)
    p = spare ? spare.release() : wanted_kind.prototype->New();
  p->Clear();
  wanted_kind.attach(e, p);
  return true;
}

} // namespace actordev::message_log
