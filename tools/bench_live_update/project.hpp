#pragma once

#include "runtime/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace actordev::bench {

/// The benchmark's copy of the live-update example, in a fresh temporary
/// folder, whose actordev.yaml serves on `port` instead of the example's.
struct bench_project {
  std::string root;    ///< the temporary folder: project/ and the logs
  std::string dir;     ///< root/project, the copy of the example
  std::string config;  ///< dir/actordev.yaml
  std::string handler; ///< dir/app/handler.py, the file edited
  int port = 0;
};

/// The port the example's actordev.yaml names (in `env` and in the probe);
/// the copy names the free port instead.
inline constexpr std::string_view example_port = "8765";

/// Copies the folder `example` (but an .actordev in it) to the new folder
/// `root`/project and replaces each `example_port` in its actordev.yaml
/// with `port`. `root` must exist, named as /proc names a working folder
/// (canonical). The error says what was missing or could not be written.
result<bench_project, std::string>
make_project(const std::string& example, int port, const std::string& root);

/// handler.py's text for edit number `n`: greeting() returns a text
/// holding `token(n)`. Edits n and n + 1 differ in size, so Python never
/// takes the new file for the old one by its size and mtime in seconds
/// (how it checks its cached bytecode).
std::string handler_text(std::size_t n);

/// The unique text that edit number `n` makes the server answer.
std::string token(std::size_t n);

/// Saves `text` as the project's handler.py: written to a temporary file
/// beside it and renamed over it, as most editors save, or with
/// `in_place`, opened with O_TRUNC and written. Empty on success, else
/// what failed.
std::string save_handler(const bench_project& p, const std::string& text,
                         bool in_place);

} // namespace actordev::bench
