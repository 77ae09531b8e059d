// The binary reader parses each record into the message of the record
// before, keeping its allocations: whatever the records, every one must
// read exactly as a fresh parse of its bytes does, with nothing left over
// from the record before.
#include "message_log/log_recording_fixture.hpp"

#include "runtime/message_log/log_encoder.hpp"
#include "runtime/message_log/log_format.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/message_log/record_reuse.hpp"

#include <catch2/catch.hpp>
#include <google/protobuf/arena.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/message_differencer.h>

#include <functional>

using namespace actordev;

namespace {

/// The same message, unknown fields included, and the same bytes.
bool same(const msg::LogRecord& a, const msg::LogRecord& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b) &&
         a.SerializeAsString() == b.SerializeAsString();
}

/// The bytes of every record of a binary log, header first, up to the end
/// or the first length that does not fit.
std::vector<std::string_view> record_bodies(std::string_view log) {
  std::vector<std::string_view> out;
  auto at = message_log::preamble_bytes;
  while (at < log.size()) {
    std::uint64_t length = 0;
    int shift = 0;
    unsigned char b = 0x80;
    while ((b & 0x80) && at < log.size() && shift < 64) {
      b = static_cast<unsigned char>(log[at++]);
      length |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      shift += 7;
    }
    if ((b & 0x80) || length > log.size() - at)
      break;
    out.push_back(log.substr(at, length));
    at += length;
  }
  return out;
}

msg::LogRecord parsed_afresh(std::string_view body) {
  msg::LogRecord r;
  r.ParseFromArray(body.data(), static_cast<int>(body.size()));
  return r;
}

/// Reads `log` through the reader, every record into the message `into`
/// gives for it (the same one each time, or not), and checks that each
/// equals its bytes parsed afresh and that the whole log is read.
void check_reads_as_afresh(
    const std::string& log,
    const std::function<msg::LogRecord&(std::size_t)>& into) {
  auto bodies = record_bodies(log);
  auto reader = message_log::read_binary(log);
  std::size_t i = 1;
  while (reader->next(into(i))) {
    INFO("record " << i);
    REQUIRE(i < bodies.size());
    CHECK(same(into(i), parsed_afresh(bodies[i])));
    ++i;
  }
  CHECK(i == bodies.size());
  CHECK_FALSE(reader->damage());
}

void check_reads_as_afresh(const std::string& log) {
  msg::LogRecord out;
  check_reads_as_afresh(log,
                        [&](std::size_t) -> msg::LogRecord& { return out; });
}

void append_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

/// Field `number` of a message holding `bytes`, as the wire has it.
std::string field(int number, const std::string& bytes) {
  std::string out;
  append_varint(out, static_cast<std::uint64_t>(number) << 3 | 2);
  append_varint(out, bytes.size());
  return out + bytes;
}

/// A log of records as bytes: a header, then whatever is appended.
class raw_log {
public:
  raw_log() {
    msg::LogHeader h;
    h.set_actordev_version("0.1.0");
    h.set_command("ci");
    bytes_ = message_log::encode_start(h);
  }

  void event(const msg::Event& e) { message_log::append_event(bytes_, e); }
  void decision(const msg::DecisionPoint& d) {
    message_log::append_decision(bytes_, d);
  }
  void record(const msg::LogRecord& r) {
    message_log::append_record(bytes_, r);
  }
  /// A record of exactly `body`, as no writer of ours makes it.
  void body(const std::string& body) {
    append_varint(bytes_, body.size());
    bytes_ += body;
  }

  const std::string& bytes() const { return bytes_; }

private:
  std::string bytes_;
};

msg::Pod* add_pod(msg::RuntimeChanged& r, const std::string& name,
                  int containers) {
  auto* p = r.add_pods();
  p->set_name(name);
  p->set_created_us(1'700'000'000'000'000);
  p->set_phase(msg::POD_RUNNING);
  for (int i = 0; i < containers; ++i) {
    auto* c = p->add_containers();
    c->set_name(name + "-c" + std::to_string(i));
    c->set_state(msg::CONTAINER_TERMINATED);
    c->set_restarts(3);
    c->set_reason("CrashLoopBackOff");
  }
  return p;
}

msg::Event runtime_changed(std::uint64_t seq, int pods, std::string error) {
  msg::Event e;
  e.set_seq(seq);
  e.set_time_us(static_cast<std::int64_t>(seq) * 1000);
  auto* r = e.mutable_runtime_changed();
  r->set_manifest("api");
  r->set_status(error.empty() ? msg::RUNTIME_OK : msg::RUNTIME_ERROR);
  r->set_ready(error.empty());
  r->set_error(std::move(error));
  for (int i = 0; i < pods; ++i)
    add_pod(*r, "api-" + std::to_string(i), 2 - i % 2);
  return e;
}

msg::Event build_started(std::uint64_t seq, const std::string& name) {
  msg::Event e;
  e.set_seq(seq);
  e.set_time_us(static_cast<std::int64_t>(seq) * 1000);
  e.mutable_build_started()->set_manifest(name);
  e.mutable_build_started()->set_kind(msg::BUILD_LIVE_UPDATE);
  return e;
}

msg::DecisionPoint decision(std::uint64_t seq, bool waiting_on) {
  msg::DecisionPoint d;
  d.set_seq(seq);
  d.set_time_us(static_cast<std::int64_t>(seq) * 1000);
  d.add_granted("db");
  auto* h = d.add_holds();
  h->set_manifest("web");
  h->set_reason(waiting_on ? msg::HOLD_WAITING_FOR_DEP
                           : msg::HOLD_WAITING_FOR_SLOT);
  if (waiting_on) {
    auto* t = h->add_waiting_on();
    t->set_type(msg::TARGET_LOCAL);
    t->set_name("api");
  }
  return d;
}

/// Records that trap a parse into the record before: fewer pods,
/// containers and holds than before, strings and flags back to their
/// defaults, kinds that switch, events and decisions in turn.
void add_shrinking_records(raw_log& log) {
  log.event(runtime_changed(1, 2, "crashed"));
  log.event(runtime_changed(2, 1, ""));
  log.event(runtime_changed(3, 0, ""));
  log.event(build_started(4, "web"));
  log.event(runtime_changed(5, 2, "crashed again"));
  log.decision(decision(6, true));
  log.decision(decision(7, false));
  log.event(build_started(8, "api"));
  msg::DecisionPoint unchanged;
  unchanged.set_holds_unchanged(true);
  log.decision(unchanged);
  log.event(runtime_changed(0, 1, "")); // seq and time 0: not on the wire
  msg::Event no_kind;
  no_kind.set_seq(11);
  log.event(no_kind);
  log.event(runtime_changed(12, 2, "and again"));
}

/// The unknown fields of `m`, to add some: proto3 messages have no
/// accessor for them.
google::protobuf::UnknownFieldSet& unknown(google::protobuf::Message& m) {
  return *m.GetReflection()->MutableUnknownFields(&m);
}

/// Records a writer of ours never makes, each followed by a usual one.
void add_unusual_records(raw_log& log) {
  // Unknown fields on every level: the record, the event, a pod.
  auto e = runtime_changed(1, 2, "crashed");
  unknown(e).AddVarint(90, 7);
  unknown(e).AddLengthDelimited(91, "later field");
  unknown(*e.mutable_runtime_changed()->mutable_pods(0))
      .AddLengthDelimited(92, "x");
  msg::LogRecord r;
  *r.mutable_event() = e;
  unknown(r).AddVarint(93, 1);
  log.record(r);
  log.event(runtime_changed(2, 1, ""));
  // Wire types the scan of the tags does not take: fixed and groups.
  auto fixed = runtime_changed(3, 1, "");
  unknown(fixed).AddFixed64(94, 1);
  unknown(fixed).AddFixed32(95, 2);
  log.event(fixed);
  auto group = build_started(4, "db");
  unknown(group).AddGroup(96)->AddVarint(1, 2);
  log.event(group);
  log.event(runtime_changed(5, 2, ""));
  // Two kinds in one event, the last one wins; two events in one record
  // merge; an event then a decision in one record is the decision.
  std::string two_kinds;
  build_started(6, "web").AppendToString(&two_kinds);
  runtime_changed(0, 1, "").AppendToString(&two_kinds);
  log.body(field(msg::LogRecord::kEventFieldNumber, two_kinds));
  msg::LogRecord first, second, third;
  *first.mutable_event() = runtime_changed(7, 2, "crashed");
  *second.mutable_event() = runtime_changed(0, 1, "");
  third.mutable_decision()->set_seq(8);
  log.body(first.SerializeAsString() + second.SerializeAsString());
  log.event(build_started(9, "api"));
  log.body(first.SerializeAsString() + third.SerializeAsString());
  log.decision(decision(10, true));
  // A dropped record, then an event again.
  msg::LogRecord dropped;
  dropped.mutable_dropped()->set_seq(11);
  dropped.mutable_dropped()->set_count(4);
  log.record(dropped);
  log.event(runtime_changed(15, 2, "crashed"));
}

/// Both of the above, in one log.
std::string trap_log() {
  raw_log log;
  add_shrinking_records(log);
  add_unusual_records(log);
  add_shrinking_records(log);
  return log.bytes();
}

} // namespace

TEST_CASE("every record of a recorded session reads as a fresh parse of it",
          "[message_log]") {
  test::log_recording log;
  log.load_three_locals();
  log.decide();
  log.finish("db");
  log.ready("db");
  log.decide();
  log.change("db");
  log.finish("db", "exit status 1");
  log.decide();
  log.finish("db");
  log.decide();
  check_reads_as_afresh(log.bytes());
}

TEST_CASE("a record with fewer fields than the one before keeps none of "
          "its fields",
          "[message_log]") {
  raw_log log;
  add_shrinking_records(log);
  check_reads_as_afresh(log.bytes());
}

TEST_CASE("unknown fields and records no writer makes read as a fresh "
          "parse reads them",
          "[message_log]") {
  raw_log log;
  add_unusual_records(log);
  check_reads_as_afresh(log.bytes());
}

TEST_CASE("records read as a fresh parse whichever message they are read "
          "into",
          "[message_log]") {
  auto log = trap_log();
  msg::LogRecord a, b;
  check_reads_as_afresh(
      log, [&](std::size_t i) -> msg::LogRecord& { return i % 2 ? a : b; });
  std::vector<msg::LogRecord> fresh(record_bodies(log).size());
  check_reads_as_afresh(
      log, [&](std::size_t i) -> msg::LogRecord& { return fresh[i]; });
  google::protobuf::Arena arena;
  auto* on_arena =
      google::protobuf::Arena::CreateMessage<msg::LogRecord>(&arena);
  check_reads_as_afresh(
      log, [&](std::size_t) -> msg::LogRecord& { return *on_arena; });
}

TEST_CASE("a damaged record fails as a fresh parse fails and leaves the "
          "same message",
          "[message_log]") {
  // Invalid UTF-8 in a string makes Protobuf log an error for each.
  google::protobuf::LogSilencer quiet;
  auto log = trap_log();
  auto bodies = record_bodies(log);
  message_log::record_reuse reuse;
  msg::LogRecord out;
  std::size_t failed = 0;
  for (auto body : bodies) {
    for (std::size_t at = 0; at < body.size(); ++at) {
      std::string damaged(body);
      for (unsigned char to : {0x00, 0x01, 0x7f, 0x80, 0xff, 0x0c, 0x13}) {
        damaged[at] = static_cast<char>(to);
        INFO("byte " << at << " of " << body.size() << " set to "
                     << static_cast<int>(to));
        msg::LogRecord fresh;
        bool fresh_ok = fresh.ParseFromArray(damaged.data(),
                                             static_cast<int>(damaged.size()));
        reuse.clear(out);
        CHECK(reuse.parse(damaged, out) == fresh_ok);
        CHECK(same(out, fresh));
        failed += fresh_ok ? 0 : 1;
      }
      // Without clearing first: parse takes the message as it is.
      auto cut = body.substr(0, at);
      msg::LogRecord fresh;
      bool fresh_ok =
          fresh.ParseFromArray(cut.data(), static_cast<int>(cut.size()));
      CHECK(reuse.parse(cut, out) == fresh_ok);
      CHECK(same(out, fresh));
    }
  }
  CHECK(failed > 100); // the damage is real
}

TEST_CASE("an event that fails to parse deep inside is damage at its record "
          "after the records before it",
          "[message_log]") {
  google::protobuf::LogSilencer quiet; // the invalid UTF-8 is logged
  raw_log log;
  log.event(runtime_changed(1, 2, "crashed"));
  log.event(runtime_changed(2, 1, ""));
  auto whole = log.bytes().size();
  auto bad = runtime_changed(3, 2, "");
  bad.mutable_runtime_changed()->mutable_pods(1)->set_name("\xff\xfe");
  log.event(bad);
  log.event(runtime_changed(4, 1, ""));

  auto reader = message_log::read_binary(log.bytes());
  msg::LogRecord out;
  std::size_t read = 0;
  while (reader->next(out))
    ++read;
  CHECK(read == 2);
  REQUIRE(reader->damage());
  CHECK(reader->damage()->describe() ==
        "byte " + std::to_string(whole) +
            ": a record that is not a valid LogRecord");
  CHECK_FALSE(reader->next(out));
}

TEST_CASE("a record's own tag and length read as Protobuf reads them",
          "[message_log]") {
  // A short record that is only its event is parsed without its tag and
  // length: those Protobuf would not take must send it the long way.
  google::protobuf::LogSilencer quiet;
  message_log::record_reuse reuse;
  msg::LogRecord out;
  for (std::string body : {
           std::string("\x12\x80\x80\x80\x80\x80\x00", 7), // length in 6
           std::string("\x92\x80\x80\x80\x80\x00\x00", 7), // tag in 6
           std::string("\x12\x80\x80\x80\x80\x00", 6),     // length in 5
           std::string("\x92\x00\x00", 3),                 // tag in 2
           std::string("\x12\x80\x00", 3),                 // length in 2
           std::string("\x1a\x81\x00\x08\x05", 5),         // a decision
       }) {
    INFO("body of " << body.size() << " bytes");
    msg::LogRecord fresh;
    bool fresh_ok =
        fresh.ParseFromArray(body.data(), static_cast<int>(body.size()));
    CHECK(reuse.parse(body, out) == fresh_ok);
    CHECK(same(out, fresh));
  }
}

TEST_CASE("events nested to Protobuf's depth limit read as a fresh parse "
          "reads them",
          "[message_log]") {
  // A short record that is only its event is parsed as an Event, a level
  // higher than inside the record: its nesting limit must come out the same.
  // Groups nest in unknown fields at two bytes a level. The two shallowest
  // of these records are short enough to be parsed that way; with a looser
  // bound on "short", the one nested one level too deep would be too.
  auto limit =
      google::protobuf::io::CodedInputStream::GetDefaultRecursionLimit();
  message_log::record_reuse reuse;
  msg::LogRecord out;
  std::size_t parsed = 0;
  for (int depth = limit - 6; depth <= limit + 1; ++depth) {
    msg::Event e;
    e.set_seq(7);
    e.mutable_build_started()->set_manifest("a");
    // A field number Event has not, on the wire after the known fields.
    auto* group = unknown(e).AddGroup(3);
    for (int level = 1; level < depth; ++level)
      group = group->AddGroup(1);
    msg::LogRecord r;
    *r.mutable_event() = e;
    auto body = r.SerializeAsString();
    INFO("groups nested " << depth << " deep, " << body.size() << " bytes");
    msg::LogRecord fresh;
    bool fresh_ok =
        fresh.ParseFromArray(body.data(), static_cast<int>(body.size()));
    CHECK(reuse.parse(body, out) == fresh_ok);
    CHECK(same(out, fresh));
    parsed += fresh_ok ? 1 : 0;
  }
  CHECK(parsed > 0);
  CHECK(parsed < 8); // the limit was reached
}
