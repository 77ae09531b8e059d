#pragma once

// A content-addressed store of blobs in a folder: each blob a file named by
// its SHA-256, with a size cap and least-recently-used eviction. A remote
// builder keeps the files of its clients' builds here, so that a rebuild
// sends only what changed. Not thread-safe: one actor owns it. Blocks on
// file I/O; never throws.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace actordev::adapters {

class blob_store {
public:
  /// A store in the folder `dir` holding at most `cap_bytes` of blobs that
  /// no build uses (pinned blobs may exceed it until unpinned).
  blob_store(std::string dir, std::uint64_t cap_bytes);

  /// Creates the folder, or takes over the blobs an earlier run left
  /// (oldest first in the LRU order); half-received blobs are dropped.
  /// Returns "" or the error.
  std::string open();

  bool has(const std::string& digest) const;
  /// The path of a held blob, marked as just used; "" when not held.
  std::string use(const std::string& digest);

  /// Appends `data` to the blob `digest` being received; `offset` must be
  /// where it ends so far. With `last`, the blob is checked (its SHA-256
  /// must be `digest`) and becomes held. On an error the partial blob is
  /// dropped. Returns "" or the error.
  std::string put_chunk(const std::string& digest, std::uint64_t offset,
                        std::string_view data, bool last);
  /// Forgets a blob being received (a cancelled upload).
  void drop_partial(const std::string& digest);

  /// Copies the file at `path`, whose SHA-256 the caller computed as
  /// `digest`, into the store (nothing when held already).
  std::string add_file(const std::string& path, const std::string& digest);

  /// Up to `max` bytes of a held blob from `offset` (fewer at its end).
  std::string read_chunk(const std::string& digest, std::uint64_t offset,
                         std::size_t max, std::string& error);

  /// A pinned blob is never evicted: pin what a build under way uses.
  void pin(const std::string& digest);
  void unpin(const std::string& digest);

  /// Removes least recently used unpinned blobs until the store holds at
  /// most its cap. Returns how many it removed.
  std::size_t evict();

  std::uint64_t bytes() const { return bytes_; }
  std::size_t count() const { return blobs_.size(); }

private:
  struct blob {
    std::uint64_t size = 0;
    std::uint64_t used = 0; ///< tick of the last use
    int pins = 0;
  };
  std::string blob_path(const std::string& digest) const;
  std::string partial_path(const std::string& digest) const;
  void insert(const std::string& digest, std::uint64_t size);

  std::string dir_;
  std::uint64_t cap_;
  std::uint64_t bytes_ = 0;
  std::uint64_t tick_ = 0;
  std::unordered_map<std::string, blob> blobs_;
  std::map<std::uint64_t, std::string> lru_;               ///< tick -> digest
  std::unordered_map<std::string, std::uint64_t> partial_; ///< bytes so far
};

} // namespace actordev::adapters
