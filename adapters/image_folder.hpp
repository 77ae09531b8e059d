#pragma once

// The folder an image build of the local container runtime writes: a
// staging folder beside the image's folder, filled with its bases and
// then its own files, and swapped in place once the build succeeded, so
// a failed build leaves the last good image as it was.

#include "adapters/container_fs.hpp"

#include <string>
#include <vector>

namespace actordev::adapters {

/// Where the build of the image at `dir` is staged.
std::string staging_folder(const std::string& dir);

/// Empties `staging` and copies each base image folder into it, in order
/// (a later base overlays an earlier one). Returns an error or "".
std::string prepare_image_folder(const std::string& staging,
                                 const std::vector<std::string>& bases);

/// Replaces the image folder `dir` with `staging`. Returns an error or "".
std::string commit_image_folder(const std::string& staging,
                                const std::string& dir);

/// Removes `staging` after a failed build; errors are ignored.
void discard_image_folder(const std::string& staging) noexcept;

} // namespace actordev::adapters
