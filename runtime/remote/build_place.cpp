#include "runtime/remote/build_place.hpp"

namespace actordev::remote {

namespace {

place place_of(msg::BuildOn on) {
  switch (on) {
  case msg::BUILD_ON_ANY:
    return place::any;
  case msg::BUILD_ON_REMOTE:
    return place::remote;
  default:
    return place::local;
  }
}

} // namespace

std::vector<builder_view> builder_views(const engine_state& s) {
  std::vector<builder_view> out;
  out.reserve(s.builders.size());
  for (const auto& b : s.builders)
    out.push_back({b.address, b.connected, b.slots, 0, false});
  for (auto i : s.building_now) {
    const auto& current = s.builds[i].current;
    if (!current || current->builder.empty())
      continue;
    for (auto& v : out)
      if (v.name == current->builder)
        ++v.busy;
  }
  return out;
}

choice place_build(const engine_state& s, std::size_t i) {
  auto p = place_of(s.manifests.traits(i).build_on);
  if (p == place::local)
    return {};
  auto views = builder_views(s);
  std::optional<std::size_t> last;
  if (const auto& before = s.builds[i].last; before && !before->builder.empty())
    for (std::size_t b = 0; b < views.size(); ++b)
      if (views[b].name == before->builder)
        last = b;
  return choose_builder(views, p, last);
}

} // namespace actordev::remote
