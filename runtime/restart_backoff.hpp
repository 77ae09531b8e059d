#pragma once

#include "runtime/config/local_resource.hpp"

#include <chrono>
#include <optional>

namespace actordev {

/// When a `serve_cmd` that exited starts again: never for `never`, nor for
/// `on-failure` after a clean exit; otherwise after `base` doubled once per
/// restart in a row, at most `cap`. A server that ran at least `cap` starts
/// a new row (its exit is not part of a crash loop).
class restart_backoff {
public:
  restart_backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
      : base_(base)
      , cap_(cap) {}

  /// The server exited (`failed`: not exit 0) after running for `ran`.
  /// Returns the wait before the next start, or nothing: no restart.
  std::optional<std::chrono::milliseconds>
  on_exit(config::restart_policy policy, bool failed,
          std::chrono::milliseconds ran);

  /// A new build: the row starts over.
  void reset() { restarts_ = 0; }

private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  int restarts_ = 0; ///< restarts in a row
};

} // namespace actordev
