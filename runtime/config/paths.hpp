#pragma once

#include <string>
#include <string_view>

namespace actordev::config {

/// `path` made absolute against the folder `base`, lexically: no
/// filesystem access, symlinks are not followed. `.` and `..` components
/// are folded and a trailing `/` is dropped. Glob patterns pass through
/// (`**` is an ordinary component here). Precondition: `base` is absolute.
std::string resolve_path(std::string_view path, std::string_view base);

/// The folder of the config file at `config_path`, normalized; "/" for a
/// file at the root and "." when `config_path` has no folder part.
std::string config_folder(std::string_view config_path);

} // namespace actordev::config
