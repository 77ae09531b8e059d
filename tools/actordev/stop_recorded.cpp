#include "tools/actordev/stop_recorded.hpp"

#include "adapters/process_group.hpp"

namespace actordev::cli {

std::optional<adapters::record_error> stop_recorded(
    const std::string& dir, std::chrono::milliseconds grace,
    const std::function<void(const adapters::recorded_group&)>& stopped) {
  adapters::run_record record{dir};
  auto groups = record.read();
  if (auto* err = std::get_if<adapters::record_error>(&groups))
    return *err;
  for (const auto& g :
       std::get<std::vector<adapters::recorded_group>>(groups)) {
    if (adapters::still_running(g)) {
      adapters::kill_process_group(g.pgid, grace);
      if (stopped)
        stopped(g);
    }
    record.remove(g.pgid);
  }
  return std::nullopt;
}

} // namespace actordev::cli
