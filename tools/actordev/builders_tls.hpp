#pragma once

#include "adapters/tls_certs.hpp"
#include "tools/actordev/load_project.hpp"

#include <optional>
#include <string_view>

namespace actordev::cli {

/// The client certificate of a project's `builders:`, checked before CAF
/// sees it (CAF 0.17 crashes or hangs on a bad key).
struct builders_tls {
  bool ok = true; ///< false: a file is wrong, and the error was printed
  std::optional<adapters::tls_files> files; ///< none: no builders
};

/// Checks `project`'s builders' tls folder. On a wrong file prints
/// "PATH: error: the tls folder of builder ADDR: WHY", a hint, and
/// `consequence` ("nothing was started.") to stderr.
builders_tls check_builders_tls(const loaded_project& project,
                                std::string_view consequence);

} // namespace actordev::cli
