// Every message crosses a process boundary: sent over loopback to
// messages_echo_node, which deserializes it, replies with it, and we compare
// what comes back. A type missing from add_message_types on either side makes
// its round trip fail.

#include <catch2/catch.hpp>

#include <charconv>
#include <chrono>
#include <optional>
#include <set>
#include <string>

#include <sys/wait.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>

#include "child_process_fixture.hpp"
#include "message_samples_fixture.hpp"
#include "messages/caf_types.hpp"

using namespace actordev;
using namespace std::chrono_literals;

namespace {

constexpr auto startup_timeout = 20s;
constexpr auto request_timeout = 10s;

struct local_config : caf::actor_system_config {
  local_config() {
    actordev::add_message_types(*this);
    load<caf::io::middleman>();
    set("scheduler.max-threads", 2);
  }
};

uint16_t read_port(test::child_process& node) {
  auto line = node.read_line(startup_timeout);
  REQUIRE(line.has_value());
  uint16_t port = 0;
  auto [end, ec] =
      std::from_chars(line->data(), line->data() + line->size(), port);
  INFO("echo node printed: " << *line);
  REQUIRE(ec == std::errc{});
  REQUIRE(end == line->data() + line->size());
  REQUIRE(port != 0);
  return port;
}

// A local actor system connected to a fresh echo node. Members are destroyed
// in reverse order: the system shuts down before the node is killed.
struct echo_fixture {
  test::child_process node{ACTORDEV_ECHO_NODE};
  local_config cfg;
  caf::actor_system sys{cfg};
  caf::scoped_actor self{sys};
  caf::actor echo;

  echo_fixture() {
    auto port = read_port(node);
    auto mm = sys.middleman().actor_handle();
    std::string failure;
    self->request(mm, request_timeout, caf::connect_atom::value,
                  std::string{"127.0.0.1"}, port)
        .receive(
            [&](const caf::node_id&, caf::strong_actor_ptr& ptr,
                const std::set<std::string>&) {
              echo = caf::actor_cast<caf::actor>(std::move(ptr));
            },
            [&](const caf::error& err) { failure = sys.render(err); });
    INFO("connect to 127.0.0.1:" << port << ": " << failure);
    REQUIRE(echo);
  }

  // Sends `x` to the echo node and returns the reply, if it is a `T`.
  template <class T>
  std::optional<T> round_trip(const T& x) {
    std::optional<T> reply;
    std::string failure;
    self->request(echo, request_timeout, x)
        .receive([&](const T& y) { reply = y; },
                 [&](const caf::error& err) { failure = sys.render(err); });
    INFO(x.GetDescriptor()->full_name() << ": " << failure);
    CHECK(failure.empty());
    return reply;
  }
};

} // namespace

TEST_CASE("every message kind crosses to another process and comes back "
          "equal") {
  echo_fixture f;
  int checked = 0;
  test::for_each_sample([&](const auto& x) {
    INFO(x.GetDescriptor()->full_name() << ": " << x.ShortDebugString());
    auto reply = f.round_trip(x);
    REQUIRE(reply.has_value());
    CHECK(test::equal(*reply, x));
    CHECK(reply->SerializeAsString() == x.SerializeAsString());
    ++checked;
  });
  CHECK(static_cast<size_t>(checked) == test::all_message_names().size());
}

TEST_CASE("every kind of Event crosses to another process and comes back "
          "equal") {
  echo_fixture f;
  for (const auto& event : test::make_event_samples()) {
    INFO(event.ShortDebugString());
    auto reply = f.round_trip(event);
    REQUIRE(reply.has_value());
    CHECK(test::equal(*reply, event));
  }
}

TEST_CASE("several messages in one request cross to another process") {
  echo_fixture f;
  auto events = test::make_event_samples();
  msg::Decision decision;
  decision.add_granted("api");
  std::string failure;
  bool matched = false;
  f.self->request(f.echo, request_timeout, events[0], decision, events[9])
      .receive(
          [&](const msg::Event& a, const msg::Decision& b,
              const msg::Event& c) {
            matched = test::equal(a, events[0]) && test::equal(b, decision) &&
                      test::equal(c, events[9]);
          },
          [&](const caf::error& err) { failure = f.sys.render(err); });
  INFO(failure);
  CHECK(matched);
}

TEST_CASE("the echo node exits when its stdin closes") {
  test::child_process node{ACTORDEV_ECHO_NODE};
  read_port(node);
  node.close_stdin();
  auto status = node.wait_exit(20s);
  REQUIRE(status.has_value());
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
}
