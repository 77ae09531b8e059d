#pragma once

#include <functional>
#include <string>

// The filesystem half of the local container runtime. An image's build
// output is a folder; a container is a private copy of it (its root); a
// live update copies changed files into the copy and deletes deleted ones.
// Every function blocks on file I/O (call it from a detached actor), never
// throws, and returns an error as text naming the path: empty on success.

namespace actordev::adapters {

/// Whether copy_tree copies an entry, given its absolute source path and
/// whether it is a folder. A folder left out is not entered. Must not
/// throw.
using copy_filter = std::function<bool(const std::string& path, bool is_dir)>;

/// Copies the folder `from` into `to`, creating `to` and its parents, as an
/// overlay: a file already in `to` is overwritten (a folder, file or link
/// of another kind in its way is replaced), everything else there is kept.
/// Regular files keep their permission bits; links are copied as links and
/// never followed (a loop or a link out of the tree is harmless); sockets,
/// FIFOs and devices are skipped. `include`, when given, filters entries.
/// `from` itself is followed when it is a link; it may also be a regular
/// file, copied to the file path `to` (when `include` admits it). `to` must
/// not lie inside `from`, unless `include` leaves `to` out. Walks with an
/// explicit stack: no depth limit. On an error, what was copied so far stays.
std::string copy_tree(const std::string& from, const std::string& to,
                      const copy_filter& include = {});

/// Makes `to` an exact copy of the folder `from`: copies it into the
/// sibling `to` + ".new-<pid>-<counter>", moves the old `to` aside, renames
/// the copy in place and removes the old tree. On a failure before the
/// rename the copy is removed and `to` stays as it was. Once the copy is in
/// place, failing to remove the old tree is still reported (naming it).
std::string replace_tree(const std::string& from, const std::string& to);

/// A container path mapped to the host, or why it cannot be.
struct container_path_result {
  std::string path;  ///< host path; empty on an error
  std::string error; ///< empty on success
};

/// The host path of the container path `remote` ("/app/main.py") in a
/// container whose root folder is `root`. `remote` must be absolute; it is
/// normalized lexically ("//", "." and trailing slashes dropped, ".."
/// applied) and must not climb above "/". "/" maps to `root` itself. Pure:
/// touches no file, so links are not resolved here.
container_path_result container_path(const std::string& root,
                                     const std::string& remote);

/// Copies the file, folder or link `local` to the container path `remote`
/// under `root`, creating missing parent folders. A regular file is written
/// to a hidden temporary file beside the target and renamed over it, so a
/// process in the container never reads it half-written; its permission
/// bits are kept. A folder is copied as copy_tree does (an overlay). A
/// target of another kind (a folder where a file goes, or the reverse) is
/// replaced. Fails when `local` is missing, when `root` is not a folder,
/// and when the target's folder resolves outside `root` through a link.
std::string sync_file(const std::string& local, const std::string& root,
                      const std::string& remote);

/// Removes the container path `remote` under `root`: a file, a link (never
/// what it points to) or a whole folder. A path that does not exist is not
/// an error. The root itself ("/") cannot be deleted, nor anything whose
/// folder resolves outside `root` through a link.
std::string delete_path(const std::string& root, const std::string& remote);

} // namespace actordev::adapters
