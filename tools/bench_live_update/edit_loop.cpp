#include "tools/bench_live_update/edit_loop.hpp"

#include "tools/bench_live_update/http_get.hpp"
#include "tools/bench_live_update/stop_signal.hpp"

#include <fmt/format.h>

#include <charconv>
#include <thread>

namespace actordev::bench {

namespace {

using edit_result = result<edit_sample, std::string>;

/// One GET may take this long: the server answers in about a millisecond,
/// and a connection to a server that is going away is reset at once.
constexpr auto get_timeout = std::chrono::milliseconds(250);
constexpr auto serving_poll = std::chrono::milliseconds(50);

double ms_between(bench_clock::time_point from, bench_clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

bool serves(const bench_project& p, const std::string& token) {
  auto answer = http_get(p.port, "/", get_timeout);
  return answer && answer->status == 200 &&
         answer->body.find(token) != std::string::npos;
}

/// The duration at the end of "live update: 2 files synced, 0 steps run,
/// restarted (60.5 ms)".
std::optional<double> reported_ms(const std::string& line) {
  constexpr std::string_view unit = " ms)";
  auto open = line.rfind('(');
  if (open == std::string::npos || !line.ends_with(unit))
    return std::nullopt;
  double ms = 0;
  const char* end = line.data() + line.size() - unit.size();
  auto [at, ec] = std::from_chars(line.data() + open + 1, end, ms);
  if (ec != std::errc{} || at != end)
    return std::nullopt;
  return ms;
}

} // namespace

std::string wait_until_serving(up_process& up, const bench_project& p,
                               std::chrono::milliseconds within) {
  auto deadline = bench_clock::now() + within;
  while (bench_clock::now() < deadline) {
    if (stop_requested())
      return "interrupted";
    if (!up.running())
      return "actordev " + up.exited() + " before its server answered";
    auto answer = http_get(p.port, "/", get_timeout);
    if (answer && answer->status == 200)
      return {};
    std::this_thread::sleep_for(serving_poll);
  }
  return fmt::format("the server did not answer GET / on port {} within {} s",
                     p.port, within.count() / 1000);
}

edit_result measure_edit(up_process& up, const bench_project& p, std::size_t n,
                         const edit_settings& s) {
  edit_sample out;
  out.number = n;
  auto want = token(n);
  auto text = handler_text(n);
  auto saved = bench_clock::now();
  if (auto err = save_handler(p, text, s.in_place); !err.empty())
    return edit_result::failure(err);
  auto deadline = saved + s.timeout;
  for (;;) {
    if (stop_requested())
      return edit_result::failure("interrupted");
    if (!up.running())
      return edit_result::failure(
          fmt::format("actordev {} during edit {}", up.exited(), n));
    ++out.gets;
    if (serves(p, want)) {
      out.served_ms = ms_between(saved, bench_clock::now());
      break;
    }
    if (bench_clock::now() >= deadline)
      break;
    std::this_thread::sleep_for(s.poll);
  }
  std::this_thread::sleep_for(s.pause);
  out.kept = serves(p, want);
  for (const auto& line : up.lines_since(saved)) {
    auto ms = ms_between(saved, line.at);
    auto has = [&](std::string_view x) {
      return line.text.find(x) != std::string::npos;
    };
    if (has(live_update_line) && out.live_updates++ == 0) {
      out.line_ms = ms;
      out.reported_ms = reported_ms(line.text);
    }
    if (has(serving_line) && !out.serving_ms)
      out.serving_ms = ms;
    out.fell_back = out.fell_back || has("; rebuilding");
    out.builds += has(build_line);
    out.console.push_back(fmt::format("+{:.1f} ms: {}", ms, line.text));
  }
  return out;
}

} // namespace actordev::bench
