// messages/caf_types in one process: registration, the binary encoding CAF
// puts on the wire, rejection of bad bytes, and the text form.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deep_to_string.hpp>
#include <caf/make_message.hpp>
#include <caf/type_erased_value.hpp>

#include "message_samples_fixture.hpp"
#include "messages/caf_types.hpp"

using namespace actordev;
using actordev::test::equal;

namespace {

struct local_config : caf::actor_system_config {
  local_config() {
    actordev::add_message_types(*this);
    set("scheduler.max-threads", 1);
  }
};

struct system_fixture {
  local_config cfg;
  caf::actor_system sys{cfg};
};

// The CAF wire form of `x`: what the middleman sends for one message element.
template <class T>
std::vector<char> to_wire(const T& x) {
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  auto err = sink(x);
  REQUIRE_FALSE(err);
  return buf;
}

// The CAF wire form of a string element holding `bytes`.
std::vector<char> string_on_wire(std::string bytes) {
  return to_wire(bytes);
}

} // namespace

TEST_CASE("every message declared in the .proto files is registered as "
          "actordev.msg.<Name>") {
  system_fixture f;
  auto names = test::all_message_names();
  REQUIRE(names.size() >= 25);
  for (const auto& name : names) {
    INFO(name);
    CHECK(name.rfind("actordev.msg.", 0) == 0);
    CHECK(f.sys.types().make_value(name) != nullptr);
  }
}

TEST_CASE("the samples cover every message, each with several fields set") {
  std::vector<std::string> covered;
  test::for_each_sample([&](const auto& x) {
    INFO(x.GetDescriptor()->full_name() << ": " << x.ShortDebugString());
    CHECK(test::set_field_count(x) >=
          std::min(2, x.GetDescriptor()->field_count()));
    covered.push_back(x.GetDescriptor()->full_name());
  });
  std::sort(covered.begin(), covered.end());
  CHECK(covered == test::all_message_names());
}

TEST_CASE("the event samples cover every case of Event.kind") {
  const auto* kind = msg::Event::descriptor()->FindOneofByName("kind");
  REQUIRE(kind != nullptr);
  auto events = test::make_event_samples();
  REQUIRE(events.size() == static_cast<size_t>(kind->field_count()));
  for (int i = 0; i < kind->field_count(); ++i) {
    const auto& event = events[static_cast<size_t>(i)];
    INFO(event.ShortDebugString());
    CHECK(event.kind_case() == kind->field(i)->number());
  }
}

TEST_CASE("every message survives the wire encoding and is decoded through "
          "its registered name") {
  system_fixture f;
  test::for_each_sample([&](const auto& x) {
    using type = std::decay_t<decltype(x)>;
    const auto& name = type::descriptor()->full_name();
    INFO(name);
    auto buf = to_wire(x);
    auto value = f.sys.types().make_value(name);
    REQUIRE(value != nullptr);
    REQUIRE(*value->type().second == typeid(type));
    caf::binary_deserializer source{nullptr, buf};
    auto err = value->load(source);
    INFO(f.sys.render(err));
    REQUIRE_FALSE(err);
    CHECK(source.remaining() == 0);
    CHECK(equal(*static_cast<const type*>(value->get()), x));
  });
}

TEST_CASE("bytes that are not a valid Protobuf encoding fail with an error "
          "naming the type") {
  system_fixture f;
  const std::vector<std::string> garbage = {
      std::string("\x0f", 1),             // wire type 7 does not exist
      std::string("\x08", 1),             // varint field without value
      std::string("\x0c", 1),             // end group without start
      std::string(11, '\xff'),            // varint longer than 10 bytes
      std::string("\x6a\x10\x01\x02", 4), // length 16, 2 bytes follow
      std::string("\x6a\x01\x0f", 3),     // bad BuildStarted inside
  };
  for (const auto& bytes : garbage) {
    auto buf = string_on_wire(bytes);
    INFO("bytes: " << caf::deep_to_string(buf));
    msg::Event x;
    caf::binary_deserializer source{nullptr, buf};
    auto err = source(x);
    REQUIRE(err);
    CHECK(f.sys.render(err).find("actordev.msg.Event") != std::string::npos);
    auto value = f.sys.types().make_value("actordev.msg.Event");
    REQUIRE(value != nullptr);
    caf::binary_deserializer again{nullptr, buf};
    CHECK(value->load(again));
  }
}

TEST_CASE("a truncated CAF frame fails with an error, not a crash") {
  auto buf = to_wire(test::make_event_samples().front());
  REQUIRE(buf.size() > 4);
  for (auto size : {size_t{0}, size_t{1}, size_t{3}, buf.size() - 1}) {
    INFO("size " << size);
    msg::Event x;
    caf::binary_deserializer source{nullptr, buf.data(), size};
    CHECK(source(x));
  }
}

TEST_CASE("deep_to_string shows the type name and the Protobuf text form") {
  msg::BuildStarted started;
  started.set_manifest("api");
  started.set_kind(msg::BUILD_LIVE_UPDATE);
  CHECK(
      caf::deep_to_string(started) ==
      R"(actordev.msg.BuildStarted(manifest: "api" kind: BUILD_LIVE_UPDATE))");
  msg::Event event;
  event.set_seq(7);
  *event.mutable_build_started() = started;
  CHECK(
      caf::to_string(caf::make_message(event)) ==
      R"((actordev.msg.Event(seq: 7 build_started { manifest: "api" kind: BUILD_LIVE_UPDATE })))");
}
