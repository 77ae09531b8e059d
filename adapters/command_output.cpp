#include "adapters/command_output.hpp"

#include "adapters/process.hpp"

#include <variant>

namespace actordev::adapters {

namespace {

void append(std::string& to, const output_line& line, std::size_t max_bytes) {
  if (to.size() >= max_bytes)
    return;
  to += line.text;
  if (!line.cut)
    to += '\n';
}

} // namespace

command_output run_command(const process_spec& spec,
                           std::chrono::milliseconds timeout,
                           std::size_t max_bytes) {
  command_output result;
  auto started = process::start(spec);
  if (auto* err = std::get_if<spawn_error>(&started)) {
    result.error = err->message();
    return result;
  }
  auto& p = std::get<process>(started);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto take = [&](const poll_result& r) {
    for (const auto& line : r.lines)
      append(line.stream == output_stream::out ? result.out : result.err, line,
             max_bytes);
  };
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      break;
    auto r = p.poll(std::min(left, std::chrono::milliseconds{100}));
    take(r);
    if (r.exit) {
      result.exit_code = r.exit->code;
      if (r.exit->signal != 0)
        result.error = r.exit->describe();
      return result;
    }
  }
  p.stop(std::chrono::milliseconds{500});
  take(p.poll(std::chrono::milliseconds{0}));
  result.error = "timed out after " + std::to_string(timeout.count()) + " ms";
  return result;
}

} // namespace actordev::adapters
