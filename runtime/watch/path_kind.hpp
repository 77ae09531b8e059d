#pragma once

namespace actordev::watch {

/// What a changed path is, as the OS reported it. Only ignore rules that
/// end in `/` (directories only) look at it.
enum class path_kind { file, directory };

} // namespace actordev::watch
