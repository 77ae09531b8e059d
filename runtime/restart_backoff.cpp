#include "runtime/restart_backoff.hpp"

#include <algorithm>

namespace actordev {

std::optional<std::chrono::milliseconds>
restart_backoff::on_exit(config::restart_policy policy, bool failed,
                         std::chrono::milliseconds ran) {
  using config::restart_policy;
  if (ran >= cap_)
    restarts_ = 0;
  if (policy == restart_policy::never ||
      (policy == restart_policy::on_failure && !failed))
    return std::nullopt;
  auto delay = base_;
  for (int i = 0; i < restarts_ && delay < cap_; ++i)
    delay *= 2;
  ++restarts_;
  return std::min(delay, cap_);
}

} // namespace actordev
