#pragma once

#include "runtime/config/image_config.hpp"
#include "runtime/config/local_resource.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::config {

/// `settings.watch`: how the file watcher batches changes.
struct watch_settings {
  /// A batch is sent once no change arrived for this long.
  std::chrono::milliseconds quiet{20};
  /// ...or once it is this old, however busy the files are; >= `quiet`.
  std::chrono::milliseconds max_batch{10000};
  /// Glob patterns (absolute, `**` allowed) ignored for every resource.
  std::vector<std::string> ignore;

  bool operator==(const watch_settings&) const = default;
};

/// `settings:`.
struct project_settings {
  int max_parallel_updates = 3; ///< >= 1
  watch_settings watch;

  bool operator==(const project_settings&) const = default;
};

/// One entry of `builders:`: a remote builder (`actordev builder`).
struct builder_config {
  std::string host;
  int port = 0;
  std::string tls; ///< absolute: the folder `actordev certs init` made
  int slots = 0;   ///< at most this many builds at once; 0: as it says
  config::position position;

  /// "host:port", as users write it and see it.
  std::string address() const;
  bool operator==(const builder_config&) const = default;
};

/// A valid `actordev.yaml`, as `load_config` returns it.
struct project_config {
  std::string path; ///< the config file, as the caller gave it
  std::string dir;  ///< its folder: relative paths are resolved against it
  int version = 1;
  project_settings settings;
  std::vector<local_resource> resources; ///< in document order
  std::vector<image_config> images;      ///< in document order
  /// `k8s_yaml:` files (absolute): their objects that no resource claims
  /// make the `uncategorized` resource.
  std::vector<located_path> k8s_yaml;
  /// `builders:`, in document order; all share one `tls` folder.
  std::vector<builder_config> builders;

  /// The resource called `name`, or nullptr.
  const local_resource* find(std::string_view name) const noexcept;
  /// The image called `name`, or nullptr.
  const image_config* find_image(std::string_view name) const noexcept;
  /// Every Kubernetes YAML file it names (`k8s_yaml`, then each resource's
  /// `k8s: {yaml}`), once each: read them to resolve the objects, and
  /// reload the config when they change.
  std::vector<std::string> k8s_files() const;

  bool operator==(const project_config&) const = default;
};

} // namespace actordev::config
