#pragma once

#include "runtime/result.hpp"
#include "tools/bench_live_update/project.hpp"
#include "tools/bench_live_update/report.hpp"
#include "tools/bench_live_update/up_process.hpp"

#include <chrono>
#include <cstddef>
#include <string>

namespace actordev::bench {

/// How edits are made and waited for.
struct edit_settings {
  std::chrono::milliseconds pause;   ///< after the token is served
  std::chrono::milliseconds timeout; ///< the token not served by then: missed
  std::chrono::milliseconds poll;    ///< between two GETs
  bool in_place = false;             ///< see save_handler
};

/// The console line the live updater writes after each live update.
inline constexpr std::string_view live_update_line = "live update:";

/// The console line of a container resource's image build.
inline constexpr std::string_view build_line = "building image ";

/// The line the example's server prints once it listens (app/server.py).
inline constexpr std::string_view serving_line = "serving on http://";

/// Waits until the project's server answers GET / with status 200, at
/// most `within`. Empty when it does, else why not.
std::string wait_until_serving(up_process& up, const bench_project& p,
                               std::chrono::milliseconds within);

/// Edit number `n`: saves handler_text(n), GETs / until the body holds
/// token(n) (or the timeout), waits the pause, then reads the console and
/// checks the token is still served. The error says why the edit could
/// not be made at all (the save failed, actordev exited, a stop signal).
result<edit_sample, std::string> measure_edit(up_process& up,
                                              const bench_project& p,
                                              std::size_t n,
                                              const edit_settings& s);

} // namespace actordev::bench
