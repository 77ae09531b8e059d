#pragma once

// Whether a built image folder is still what its inputs would build. A
// stamp file beside the image records the fingerprint of the image's
// build config; the image is fresh while the fingerprint is the same and
// nothing under the folders it was built from changed after the stamp was
// written (by modification time, as make decides). Used to reuse a base
// image that has no pending changes.

#include <string>
#include <vector>

namespace actordev::adapters {

/// Writes `fingerprint` to the stamp file `stamp` (replacing it), now.
/// Returns an error naming the file, or an empty string.
std::string write_stamp(const std::string& stamp,
                        const std::string& fingerprint);

/// True when `stamp` exists, holds `fingerprint`, and no file or folder
/// at or below `roots` (followed no further than the folders themselves:
/// links are not entered) was modified after it. Missing roots count as
/// unchanged; a walk is bounded to `max_entries` entries, beyond which
/// the image counts as stale.
bool stamp_fresh(const std::string& stamp, const std::string& fingerprint,
                 const std::vector<std::string>& roots,
                 std::size_t max_entries = 200000);

} // namespace actordev::adapters
