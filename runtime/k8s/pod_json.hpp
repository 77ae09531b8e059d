#pragma once

// What `kubectl get pods -w -o json --output-watch-events` prints, read
// into the engine's pods: one JSON object after another (pretty-printed,
// so split by their braces), each a watch event {type, object} or, without
// --output-watch-events, a bare Pod. Pure: the caller runs kubectl.

#include "actordev/msg/events.pb.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::k8s {

/// Takes bytes from a stream of JSON objects: `add` appends, `next` gives
/// each complete top-level object once it has arrived (text between
/// objects is skipped). Braces inside strings are not counted. An object
/// larger than `max_bytes` is an error: it is dropped and reported once.
class json_stream {
public:
  explicit json_stream(std::size_t max_bytes = 8 * 1024 * 1024)
      : max_(max_bytes) {}
  void add(std::string_view bytes) { buffer_ += bytes; }
  /// The next complete object, if one arrived.
  std::optional<std::string> next();
  /// Set when an object was too large (and dropped).
  bool overflowed() const noexcept { return overflowed_; }

private:
  std::string buffer_;
  std::size_t scanned_ = 0; ///< bytes of the object under way already read
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  std::size_t start_ = 0;
  bool started_ = false;
  std::size_t max_;
  bool overflowed_ = false;
};

/// One watch event: the pod as it is now, or that it is gone.
struct pod_event {
  msg::Pod pod;
  std::map<std::string, std::string> labels; ///< metadata.labels
  bool deleted = false;                      ///< type DELETED: forget the pod
};

/// Reads one object of the stream. `images` are the built images' names:
/// a container running one of them (by repository) names it in
/// `Container.image`. An error text when the JSON is not a Pod.
struct pod_read {
  std::optional<pod_event> event;
  std::string error;
};
pod_read read_pod_event(std::string_view json,
                        const std::vector<std::string>& images);

/// An RFC 3339 time as Kubernetes writes it ("2026-11-21T10:00:00Z") in
/// microseconds since the Unix epoch; 0 when it does not read.
std::int64_t parse_time_us(std::string_view rfc3339);

} // namespace actordev::k8s
