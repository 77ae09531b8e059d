#pragma once

#include <string_view>

namespace actordev {

/// True when `path` is `root` or lies below it. Both are absolute,
/// normalized paths; the comparison is on whole path components, so
/// "/src/app" is not under "/src/ap".
bool path_under(std::string_view path, std::string_view root);

} // namespace actordev
