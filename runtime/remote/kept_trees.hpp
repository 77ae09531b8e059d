#pragma once

// The work folders a builder keeps between builds, one per client,
// resource and image, so that a rebuild writes only the files that
// changed. Pure bookkeeping: which folder a build may use.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace actordev::remote {

class kept_trees {
public:
  /// The folder's name for `client`'s builds of `image` for `resource`: 16
  /// hex digits, the same on every run (FNV-1a of the three).
  static std::string name(std::string_view client, std::string_view resource,
                          std::string_view image);

  /// Gives folder `name` to build `seq`; false while another build has it
  /// (that build then works in a fresh folder of its own).
  bool take(const std::string& name, std::uint64_t seq);

  /// Build `seq` is over. While `still_working` (its files are still being
  /// written, or its process has not exited yet) its folder stays taken
  /// until stopped(seq).
  void release(std::uint64_t seq, bool still_working);

  /// The writing or the process of build `seq` has stopped.
  void stopped(std::uint64_t seq);

  /// Folders taken now.
  std::size_t taken() const { return names_.size(); }

private:
  std::map<std::uint64_t, std::string> by_build_;
  std::set<std::uint64_t> draining_;
  std::set<std::string> names_;
};

} // namespace actordev::remote
