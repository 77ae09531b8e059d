#pragma once

// Trees on disk as remote builds see them: a folder read into a manifest
// of content digests, and a manifest written out as a folder from blobs.
// Every function blocks on file I/O (call it from a detached actor), never
// throws, and returns errors as text naming the path.

#include "adapters/container_fs.hpp"

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace actordev::adapters {

enum class entry_kind { file, directory, symlink };

/// One entry of a tree (msg::FileEntry's fields; actors/remote_tree
/// converts).
struct tree_entry {
  std::string path; ///< relative to the tree's root, '/'-separated
  entry_kind kind = entry_kind::file;
  std::string digest; ///< files: SHA-256, lowercase hex
  std::uint64_t size = 0;
  std::uint32_t mode = 0; ///< permission bits
  std::string target;     ///< links: as read, never resolved
};
using file_tree = std::vector<tree_entry>;

/// The SHA-256 of the file at `path` as 64 lowercase hex digits; on an
/// error "" and `error` says why.
std::string sha256_file(const std::string& path, std::string& error);

/// The SHA-256 of `bytes`, as sha256_file writes it.
std::string sha256_bytes(std::string_view bytes);

/// Up to `max` bytes of the file at `path` from `offset`: fewer only at
/// its end. On an error "" and `error` says why.
std::string read_piece(const std::string& path, std::uint64_t offset,
                       std::size_t max, std::string& error);

/// The SHA-256 of files already read, by path: trusted while the file's
/// device, inode, size, mtime and ctime are what they were, unless it had
/// changed within a second of being read (a write in the same clock tick
/// could go unseen: it is read again). Thread-safe: one per builder link,
/// shared by its scans, so a rebuild reads only the files that changed.
class digest_cache {
public:
  /// The digest and size of the regular file `path`; "" and `error` on a
  /// failure.
  std::string digest(const std::string& path, std::uint64_t& size,
                     std::string& error);
  std::size_t size() const;

private:
  struct entry {
    std::uint64_t dev = 0, ino = 0, size = 0;
    std::int64_t mtime_ns = 0, ctime_ns = 0;
    bool settled = false;
    std::string digest;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
};

/// Where each file of a scanned tree was read from, by its path in the
/// tree (a later tree's file replaces an earlier's).
using tree_sources = std::unordered_map<std::string, std::string>;

/// What scan_tree may do besides reading.
struct scan_options {
  copy_filter include;             ///< as copy_tree's; empty: everything
  tree_sources* sources = nullptr; ///< filled when given
  digest_cache* cache = nullptr;   ///< used when given
};

/// Reads the folder `root` (or the single file `root`) into `out`, each
/// path relative to `root` prefixed with `prefix` (e.g. "web/" for a
/// folder placed at web/ of the tree; folders of the prefix are added).
/// An entry already in `out` with the same path is replaced (a later tree
/// overlays an earlier one, as copy_tree does). Links are kept as links,
/// their targets as read. Sockets, FIFOs and devices are skipped. Returns
/// "" or the error.
std::string scan_tree(const std::string& root, const std::string& prefix,
                      file_tree& out, const scan_options& opts = {});

/// Writes the checked manifest `entries` (runtime's remote::check_tree:
/// no path climbs out, parents are listed folders) into the
/// folder `dest`, which must not exist yet (its parents are made):
/// folders, then files copied
/// from `blob_path(digest)` (each checked against its size), then links.
/// Never writes outside `dest`. Returns "" or the error.
std::string
write_tree(const file_tree& entries, const std::string& dest,
           const std::function<std::string(const std::string&)>& blob_path);

/// Makes the folder `dest` hold exactly the checked manifest `entries`,
/// writing only what differs from what it holds (read with `cache`, so
/// unchanged files are not read again): what it should not hold is
/// removed, files whose content or mode differ are written anew. A folder
/// that does not exist yet, or that cannot be brought up to date, is
/// written afresh as write_tree writes it. Never writes outside `dest` and
/// never follows a link in it. Returns "" or the error.
std::string
sync_tree(const file_tree& entries, const std::string& dest,
          const std::function<std::string(const std::string&)>& blob_path,
          digest_cache& cache);

} // namespace actordev::adapters
