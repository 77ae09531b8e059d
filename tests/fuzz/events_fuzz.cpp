// Any sequence of events into the engine: records of a one-byte length and
// that many bytes of a serialized msg::Event (what a message log or a
// remote peer could send). Whatever they say, applying them and deciding
// must not crash, and the decision must keep its promises.
#include "runtime/build_plan.hpp"
#include "runtime/build_rules.hpp"
#include "runtime/next_target.hpp"
#include "runtime/reducer.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace {

/// The flags the reducer keeps say what they are kept for.
bool flags_agree(const actordev::engine_state& s) {
  if (s.flags.size() != s.manifests.size())
    return false;
  std::vector<std::size_t> wanting, building;
  for (std::size_t i = 0; i < s.flags.size(); ++i) {
    actordev::manifest_flags f{s.builds[i].building(), s.wants_build(i)};
    if (s.flags[i] != f)
      return false;
    if (f.wants_build)
      wanting.push_back(i);
    if (f.building)
      building.push_back(i);
  }
  return s.wanting_build == wanting && s.building_now == building;
}

void check(const actordev::engine_state& s) {
  if (!flags_agree(s))
    __builtin_trap();
  auto d = actordev::next_target_to_build(s);
  if (d.next && (s.builds[*d.next].building() || d.holds[*d.next]))
    __builtin_trap();
  actordev::engine_state scratch = s; // planned in place, then undone
  auto plan = actordev::plan_builds(scratch, actordev::free_build_slots(s));
  if (static_cast<int>(plan.start.size()) >
          std::max(0, actordev::free_build_slots(s)) ||
      !flags_agree(scratch) || scratch.flags != s.flags ||
      scratch.wanting_build != s.wanting_build)
    __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  actordev::engine_state s;
  std::size_t at = 0;
  for (int records = 0; at < size && records < 64; ++records) {
    std::size_t len = data[at++];
    if (len > size - at)
      len = size - at;
    actordev::msg::Event e;
    if (e.ParseFromArray(data + at, static_cast<int>(len))) {
      actordev::apply(s, e);
      check(s);
    }
    at += len;
  }
  return 0;
}
