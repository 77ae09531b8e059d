#include "runtime/trigger_queue.hpp"

#include <algorithm>

namespace actordev {

void trigger_queue::push(std::size_t i) {
  if (contains(i))
    return;
  if (queued_.size() <= i)
    queued_.resize(i + 1, 0);
  queued_[i] = 1;
  order_.push_back(i);
}

void trigger_queue::remove(std::size_t i) {
  if (!contains(i))
    return;
  queued_[i] = 0;
  std::erase(order_, i);
}

void trigger_queue::reindex(
    const std::vector<std::optional<std::size_t>>& new_index,
    std::size_t size) {
  std::vector<std::size_t> order;
  for (auto old : order_)
    if (old < new_index.size() && new_index[old])
      order.push_back(*new_index[old]);
  order_.clear();
  queued_.assign(size, 0);
  for (auto i : order)
    push(i);
}

} // namespace actordev
