// Any bytes as actordev.yaml: the loader returns a config or errors, and a
// config it accepts must convert and select cleanly.
#include "runtime/config/config_messages.hpp"
#include "runtime/config/load_config.hpp"
#include "runtime/config/resource_graph.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  using namespace actordev::config;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cfg = load_config(text, "/fuzz/actordev.yaml");
  if (!cfg) {
    if (cfg.error().empty())
      __builtin_trap(); // a rejected config must say why
    return 0;
  }
  auto loaded = to_config_loaded(cfg.value());
  if (loaded.manifests_size() != static_cast<int>(cfg->resources.size()))
    __builtin_trap();
  if (!select_resources(cfg.value(), {}))
    __builtin_trap(); // selecting everything of a valid config never fails
  return 0;
}
