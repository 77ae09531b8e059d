#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace actordev::bench {

/// What one edit of handler.py took, in ms from the save, and what the
/// console said from the save to the next edit.
struct edit_sample {
  std::size_t number = 0;            ///< the edit's number (its token)
  std::optional<double> served_ms;   ///< first GET / with the token
  std::optional<double> line_ms;     ///< the console's "live update:" line
  std::optional<double> reported_ms; ///< the duration that line reports
  std::optional<double> serving_ms;  ///< the server's "serving on" line
  std::size_t gets = 0;              ///< GETs until served (or the timeout)
  std::size_t live_updates = 0;      ///< "live update:" lines
  std::size_t builds = 0;            ///< "building image" lines
  bool fell_back = false;            ///< a line said "; rebuilding"
  bool kept = false;                 ///< the token still served at the end
  std::vector<std::string> console;  ///< "+47.1 ms: text" per line
};

/// How a run went, beside its samples.
struct run_conditions {
  std::size_t pause_ms = 0;
  std::size_t poll_ms = 0;
  bool in_place = false;
  double load_before = 0;
  double load_after = 0;
  std::optional<double> warm_up_ms; ///< the warm-up edit, not counted
  std::string stopped;              ///< how actordev ended
  std::string python;               ///< the python3 that PATH gives
};

/// p50, p90, p99 (nearest rank), min and max of some values.
struct distribution {
  std::size_t count = 0;
  double p50 = 0, p90 = 0, p99 = 0, min = 0, max = 0;
};

distribution distribution_of(std::vector<double> values);

/// Edits with something wrong: missed, not exactly one live update, fell
/// back to a rebuild or rebuilt the image anyway, or the token lost by the
/// end of the pause.
std::size_t anomalies(const std::vector<edit_sample>& samples);

/// Prints the conditions, the four rows (served, console lines, actordev's
/// figure) and the anomalies, with each odd edit's console, on stdout, as text
/// or as the markdown of docs/performance.md.
void print_live_update_report(const std::vector<edit_sample>& samples,
                              const run_conditions& c, bool markdown);

} // namespace actordev::bench
