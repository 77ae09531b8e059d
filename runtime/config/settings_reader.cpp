#include "runtime/config/settings_reader.hpp"

#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <limits>

namespace actordev::config::detail {

namespace {

constexpr std::string_view in_settings = "in settings";
constexpr std::string_view in_watch = "in settings.watch";

// A batch is flushed after `quiet` of calm but never later than
// `max_batch`, so a shorter `max_batch` would make `quiet` meaningless.
void check_batch_window(yaml_reader& r, const std::vector<entry>& map,
                        const watch_settings& w) {
  if (w.max_batch >= w.quiet)
    return;
  const entry* at = find(map, "max_batch_ms");
  std::string max_text = std::to_string(w.max_batch.count());
  if (!at) {
    at = find(map, "quiet_ms");
    max_text += ", the default";
  }
  r.error(*at,
          "'max_batch_ms' in settings.watch (" + max_text +
              ") must be at least quiet_ms (" +
              std::to_string(w.quiet.count()) + ")",
          "a batch waits quiet_ms for calm but never longer than "
          "max_batch_ms: raise max_batch_ms or lower quiet_ms");
}

void read_watch(yaml_reader& r, const entry& e, std::string_view base,
                watch_settings& out) {
  if (!expect_map(r, e, in_settings) || !e.value.IsMap())
    return;
  auto map = entries(r, e.value, in_watch);
  check_keys(r, map, {"quiet_ms", "max_batch_ms", "ignore"}, {}, in_watch);
  bool ok = true;
  if (const entry* q = find(map, "quiet_ms")) {
    auto v = read_duration(r, *q, in_watch, 0);
    ok = ok && v;
    out.quiet = v.value_or(out.quiet);
  }
  if (const entry* m = find(map, "max_batch_ms")) {
    auto v = read_duration(r, *m, in_watch, 0);
    ok = ok && v;
    out.max_batch = v.value_or(out.max_batch);
  }
  if (const entry* i = find(map, "ignore"))
    if (auto v = read_path_list(r, *i, in_watch, base, true))
      out.ignore = std::move(*v);
  if (ok)
    check_batch_window(r, map, out);
}

} // namespace

void read_settings(yaml_reader& r, const entry& e, std::string_view base,
                   project_settings& out) {
  if (!expect_map(r, e, "at the top level") || !e.value.IsMap())
    return;
  auto map = entries(r, e.value, in_settings);
  check_keys(r, map, {"max_parallel_updates", "watch"}, {}, in_settings);
  if (const entry* m = find(map, "max_parallel_updates")) {
    integer_rule rule{"an integer", 1, std::numeric_limits<std::int32_t>::max(),
                      "it is how many resources may build at once: 1 builds "
                      "one at a time, the default is 3"};
    if (auto v = read_integer(r, *m, in_settings, rule))
      out.max_parallel_updates = static_cast<int>(*v);
  }
  if (const entry* w = find(map, "watch"))
    read_watch(r, *w, base, out.watch);
}

} // namespace actordev::config::detail
