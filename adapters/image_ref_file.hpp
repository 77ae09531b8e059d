#pragma once

// The file a custom image build writes its ref to (`outputs_image_ref_to`).

#include <string>

namespace actordev::adapters {

/// The first line of `path`, without trailing spaces or CR; "" with
/// `error` set when the file is missing or empty.
std::string read_image_ref(const std::string& path, std::string& error);

/// Removes `path` before a build, so that a build that writes no ref is
/// an error rather than reading back an earlier build's.
void forget_image_ref(const std::string& path);

} // namespace actordev::adapters
