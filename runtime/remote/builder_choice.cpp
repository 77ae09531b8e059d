#include "runtime/remote/builder_choice.hpp"

namespace actordev::remote {

namespace {

bool usable(const builder_view& b) {
  return b.connected && !b.tried && b.busy < b.slots;
}

} // namespace

choice choose_builder(const std::vector<builder_view>& builders, place p,
                      std::optional<std::size_t> last) {
  choice out;
  if (p == place::local)
    return out;
  std::optional<std::size_t> best;
  if (last && *last < builders.size() && usable(builders[*last]))
    best = last;
  for (std::size_t i = 0; !best.has_value() && i < builders.size(); ++i)
    if (usable(builders[i]))
      best = i;
  if (best && !(last && *best == *last))
    for (std::size_t i = *best + 1; i < builders.size(); ++i)
      if (usable(builders[i]) &&
          builders[i].slots - builders[i].busy >
              builders[*best].slots - builders[*best].busy)
        best = i;
  if (best) {
    out.at = choice::where::builder;
    out.builder = *best;
    return out;
  }
  if (p == place::any)
    return out;
  out.at = choice::where::wait;
  bool any_connected = false;
  for (const auto& b : builders)
    any_connected = any_connected || (b.connected && !b.tried);
  out.why = any_connected ? "waiting for a free builder slot"
                          : "waiting for a builder to connect";
  return out;
}

} // namespace actordev::remote
