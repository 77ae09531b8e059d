#include "runtime/name_index.hpp"

#include <bit>
#include <functional>

namespace actordev {

void name_index::assign(const std::vector<std::string_view>& names) {
  names_.assign(names.begin(), names.end());
  slots_.assign(names.empty() ? 0 : std::bit_ceil(2 * names.size()), slot{});
  auto mask = slots_.size() - 1;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    auto hash = std::hash<std::string_view>{}(names_[i]);
    // At most half full, so the probe meets an empty slot.
    for (auto pos = hash & mask;; pos = (pos + 1) & mask) {
      auto& s = slots_[pos];
      if (s.position == empty) {
        s = {hash, static_cast<std::uint32_t>(i)};
        break;
      }
      if (s.hash == hash && names_[s.position] == names_[i])
        break; // a repeated name: the first one stays
    }
  }
}

std::optional<std::size_t> name_index::find(std::string_view name) const {
  if (slots_.empty())
    return std::nullopt;
  auto hash = std::hash<std::string_view>{}(name);
  auto mask = slots_.size() - 1;
  for (auto pos = hash & mask;; pos = (pos + 1) & mask) {
    const auto& s = slots_[pos];
    if (s.position == empty)
      return std::nullopt;
    if (s.hash == hash && names_[s.position] == name)
      return s.position;
  }
}

} // namespace actordev
