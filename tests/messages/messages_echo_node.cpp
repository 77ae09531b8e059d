// messages_echo_node: the far end of the cross-process message tests.
//
// Publishes an actor that answers every message with the message itself on
// 127.0.0.1 on an ephemeral port, prints that port on stdout, and exits when
// its stdin closes or after 60 seconds, whichever comes first. Registers the
// message types with actordev::add_message_types, as every node does.

#include <cerrno>
#include <chrono>
#include <iostream>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/io/middleman.hpp>
#include <caf/send.hpp>

#include <poll.h>
#include <unistd.h>

#include "messages/caf_types.hpp"

namespace {

constexpr auto max_lifetime = std::chrono::seconds(60);

// Replies to any message with the same message; ping is a liveness probe.
// A class, not a function: spawning a function without arguments binds a
// reference to a null pointer in CAF 0.17.6 (init_fun_factory), which aborts
// the UBSan build.
class echo_actor : public caf::event_based_actor {
public:
  using caf::event_based_actor::event_based_actor;

  caf::behavior make_behavior() override {
    set_default_handler(caf::reflect);
    return {[](caf::ping_atom) { return caf::pong_atom::value; }};
  }
};

// Returns when stdin reaches end of file (or fails) or `max_lifetime` passed.
void wait_for_stdin_eof() {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + max_lifetime;
  for (auto now = clock::now(); now < deadline; now = clock::now()) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    pollfd pfd{STDIN_FILENO, POLLIN, 0};
    auto rc = ::poll(&pfd, 1, static_cast<int>(left.count()) + 1);
    if (rc < 0 && errno != EINTR)
      return;
    if (rc > 0) {
      char buf[256];
      auto n = ::read(STDIN_FILENO, buf, sizeof(buf));
      if (n == 0 || (n < 0 && errno != EINTR))
        return;
    }
  }
}

} // namespace

int main() {
  caf::actor_system_config cfg;
  actordev::add_message_types(cfg);
  cfg.load<caf::io::middleman>();
  cfg.set("scheduler.max-threads", 2);
  caf::actor_system sys{cfg};
  auto hdl = sys.spawn<echo_actor>();
  auto port = sys.middleman().publish(hdl, 0, "127.0.0.1");
  if (!port) {
    std::cerr << "messages_echo_node: publish failed: "
              << sys.render(port.error()) << std::endl;
    caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
    return 1;
  }
  std::cout << *port << std::endl;
  wait_for_stdin_eof();
  caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
  return 0;
}
