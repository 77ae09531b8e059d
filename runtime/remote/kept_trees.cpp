#include "runtime/remote/kept_trees.hpp"

namespace actordev::remote {

std::string kept_trees::name(std::string_view client, std::string_view resource,
                             std::string_view image) {
  std::uint64_t h = 14695981039346656037ull;
  for (auto part : {client, resource, image}) {
    for (unsigned char c : part) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0xff; // a separator no name holds
    h *= 1099511628211ull;
  }
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[static_cast<std::size_t>(i)] = "0123456789abcdef"[h & 0xf];
  return out;
}

bool kept_trees::take(const std::string& name, std::uint64_t seq) {
  if (!names_.insert(name).second)
    return false;
  by_build_[seq] = name;
  return true;
}

void kept_trees::release(std::uint64_t seq, bool still_working) {
  auto it = by_build_.find(seq);
  if (it == by_build_.end())
    return;
  if (still_working) {
    draining_.insert(seq);
    return;
  }
  names_.erase(it->second);
  by_build_.erase(it);
}

void kept_trees::stopped(std::uint64_t seq) {
  if (draining_.erase(seq) > 0)
    release(seq, false);
}

} // namespace actordev::remote
