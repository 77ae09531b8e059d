#pragma once

// Where a build runs when remote builders are configured: a pure choice
// over what the builder links last reported.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace actordev::remote {

/// `build_on`: where a build may run.
enum class place { any, local, remote };

/// A builder as its link last saw it.
struct builder_view {
  std::string name; ///< host:port
  bool connected = false;
  int slots = 0;      ///< what it offers (capped by the config's `slots`)
  int busy = 0;       ///< builds of ours on it now
  bool tried = false; ///< this build was lost on it already
};

/// The choice: run here, on builder `builder`, or wait for one.
struct choice {
  enum class where { local, builder, wait } at = where::local;
  std::size_t builder = 0; ///< with `builder`
  std::string why;         ///< with `wait`: what it waits for, for users
};

/// Chooses for a build that may run at `p`, given the builders in config
/// order and `last`, the builder that built the same image last (its
/// store most likely holds the context), if any:
/// 1. `local` runs here.
/// 2. Of the connected builders with a free slot that this build was not
///    lost on, `last` first, then the one with the most free slots, then
///    config order.
/// 3. None: `any` runs here; `remote` waits ("waiting for a free builder
///    slot" when one is connected, else "waiting for a builder to
///    connect").
choice choose_builder(const std::vector<builder_view>& builders, place p,
                      std::optional<std::size_t> last = std::nullopt);

} // namespace actordev::remote
