#pragma once

#include "actors/atoms.hpp"

#include <caf/response_promise.hpp>

#include <vector>

namespace actordev {

/// The answers owed to `stop_atom`: each asker (the session, then its
/// shutdown, say) gets `stopped_atom` once the actor has stopped, not only
/// the last one.
class stop_answers {
public:
  /// Owes `p` an answer.
  void add(caf::response_promise p) { owed_.push_back(std::move(p)); }
  /// Whether someone asked and was not answered yet.
  bool pending() const { return !owed_.empty(); }
  /// Answers everyone.
  void deliver() {
    for (auto& p : owed_)
      if (p.pending())
        p.deliver(stopped_atom::value);
    owed_.clear();
  }

private:
  std::vector<caf::response_promise> owed_;
};

} // namespace actordev
