#pragma once

// Trees on disk as remote builds see them: a folder read into a manifest
// of content digests, and a manifest written out as a folder from blobs.
// Every function blocks on file I/O (call it from a detached actor), never
// throws, and returns errors as text naming the path.

#include "adapters/container_fs.hpp"

#include <cstdint>
#include <functional>
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

/// Reads the folder `root` (or the single file `root`) into `out`, each
/// path relative to `root` prefixed with `prefix` (e.g. "web/" for a
/// folder placed at web/ of the tree; folders of the prefix are added).
/// `include` filters as copy_tree's does. An entry already in `out` with
/// the same path is replaced (a later tree overlays an earlier one, as
/// copy_tree does). Links are kept as links; one that is absolute or leads
/// out of `root` is an error naming it. Sockets, FIFOs and devices are
/// skipped. `sources`, when given, maps each file's path in the tree to
/// the file it was read from (a later tree's file replaces an earlier's).
/// Returns "" or the error.
using tree_sources = std::unordered_map<std::string, std::string>;
std::string scan_tree(const std::string& root, const std::string& prefix,
                      file_tree& out, const copy_filter& include = {},
                      tree_sources* sources = nullptr);

/// Writes the checked manifest `entries` (runtime's remote::check_tree:
/// no path climbs out, parents are listed folders) into the
/// folder `dest`, which must not exist yet (its parents are made):
/// folders, then files copied
/// from `blob_path(digest)` (each checked against its size), then links.
/// Never writes outside `dest`. Returns "" or the error.
std::string
write_tree(const file_tree& entries, const std::string& dest,
           const std::function<std::string(const std::string&)>& blob_path);

} // namespace actordev::adapters
