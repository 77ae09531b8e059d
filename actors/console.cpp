#include "actors/console.hpp"

#include "messages/caf_types.hpp"

#include <cstdlib>
#include <unistd.h>

namespace actordev {

console_actor::console_actor(caf::actor_config& cfg, console_options opts)
    : caf::event_based_actor(cfg)
    , opts_(opts)
    , prefix_(opts.colour) {}

caf::behavior console_actor::make_behavior() {
  return {
      [this](const msg::LogLine& l) { write(prefix_.format(l)); },
      [this](const msg::Event& e) {
        auto lines = tracker_.on_event(e);
        if (e.has_config_loaded())
          prefix_.set_resources(tracker_.resources());
        print(lines);
      },
      [this](const msg::Decision& d) { print(tracker_.on_decision(d)); },
      [](console_sync_atom) { return console_sync_atom::value; },
  };
}

void console_actor::print(const std::vector<status_line>& lines) {
  std::string text;
  for (const auto& l : lines)
    text += prefix_.format(l);
  write(text);
}

void console_actor::write(const std::string& text) {
  if (text.empty())
    return;
  std::fwrite(text.data(), 1, text.size(), opts_.out);
  std::fflush(opts_.out);
}

bool use_colour(FILE* out) {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fileno(out)) == 1 && (no_color == nullptr || *no_color == 0);
}

} // namespace actordev
