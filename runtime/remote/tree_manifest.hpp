#pragma once

// A tree (a build context, an image folder) as it travels to and from a
// remote builder: a manifest of FileEntry, files named by content digest.
// Everything here is pure: the manifest may come from an untrusted peer,
// and is checked before a byte of it touches a disk.

#include "actordev/msg/remote_build.pb.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::remote {

using tree = google::protobuf::RepeatedPtrField<msg::FileEntry>;

/// The largest piece of a blob in one BlobChunk.
constexpr std::size_t chunk_bytes = std::size_t{1} << 20;

/// True for a SHA-256 digest as the protocol writes it: 64 lowercase hex
/// digits.
bool valid_digest(std::string_view digest);

/// True for a path the protocol accepts: relative, '/'-separated, with no
/// empty, "." or ".." part, no NUL, at most 4096 bytes.
bool valid_path(std::string_view path);

/// `path` relative to the folder `dir` ("src/app"), both absolute and
/// normalized; "" when it is not strictly inside it (`dir` itself, or
/// outside).
std::string path_inside(const std::string& path, const std::string& dir);

/// Checks a manifest before it is used: every path valid and unique; every
/// entry's parent folders are folders of the tree (never links or files);
/// files have a valid digest and a mode within 0777; a link's target is
/// relative and, resolved from the link's folder, stays inside the tree.
/// Returns "" or the first problem, naming the entry.
std::string check_tree(const tree& entries);

/// The digests of the regular files of `entries` that `have` says are not
/// held, each once, in manifest order.
std::vector<std::string>
missing_digests(const tree& entries,
                const std::function<bool(const std::string&)>& have);

/// The bytes of the distinct blobs named by `digests` in `entries`.
std::uint64_t blob_bytes(const tree& entries,
                         const std::vector<std::string>& digests);

} // namespace actordev::remote
