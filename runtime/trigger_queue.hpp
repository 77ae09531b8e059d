#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace actordev {

/// The manifests a user triggered, oldest first, with O(1) membership.
/// Entries are manifest indexes; a config reload re-indexes them.
class trigger_queue {
public:
  /// Manifest i is triggered and has not started building since.
  bool contains(std::size_t i) const {
    return i < queued_.size() && queued_[i];
  }
  /// Nothing is triggered.
  bool empty() const noexcept { return order_.empty(); }
  /// Oldest first.
  const std::vector<std::size_t>& order() const noexcept { return order_; }

  /// Appends manifest i unless it is queued already.
  void push(std::size_t i);
  /// Removes manifest i if it is queued.
  void remove(std::size_t i);
  /// After a config reload: `new_index[old]` is where old manifest `old`
  /// went, or nothing if it was removed; `size` is the new manifest count.
  void reindex(const std::vector<std::optional<std::size_t>>& new_index,
               std::size_t size);

private:
  std::vector<std::size_t> order_;
  std::vector<char> queued_; // by manifest index
};

} // namespace actordev
