#pragma once

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "runtime/log_prefix.hpp"
#include "runtime/status_line.hpp"

#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <cstdio>

namespace actordev {

/// (console_sync_atom) -> console_sync_atom: answered once every message
/// the console received before it is written and flushed.
using console_sync_atom = caf::atom_constant<caf::atom("consync")>;

/// Where the console writes, and how.
struct console_options {
  FILE* out = stdout;  ///< not owned; outlives the actor
  bool colour = false; ///< ANSI colours; see use_colour
};

/// The terminal of `actordev up`. Protocol:
/// - msg::LogLine: "name     | text", the name padded and coloured per
///   resource (runtime/log_prefix).
/// - msg::Event (subscribe with watch_events_atom) and msg::Decision
///   (subscribe_atom): the resources' statuses, printed when they change
///   (runtime/status_line): "api      ● waiting on db".
/// - console_sync_atom: see above.
/// Each message is flushed as it is written, so output streams line by
/// line. Writing to a terminal does not block for long; no other I/O.
class console_actor : public caf::event_based_actor {
public:
  console_actor(caf::actor_config& cfg, console_options opts);

  caf::behavior make_behavior() override;
  const char* name() const override { return "actordev.console"; }

private:
  void print(const std::vector<status_line>& lines);
  void write(const std::string& text);

  console_options opts_;
  status_tracker tracker_;
  log_prefix prefix_;
};

/// Whether to colour what goes to `out`: it is a terminal, and NO_COLOR is
/// unset or empty (https://no-color.org).
bool use_colour(FILE* out);

} // namespace actordev
