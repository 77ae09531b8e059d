#pragma once

#include "runtime/config/project_config.hpp"
#include "runtime/watch/change_batcher.hpp"
#include "runtime/watch/ignore_rules.hpp"
#include "runtime/watch/path_kind.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::watch {

/// What a change can belong to.
enum class target_kind {
  resource, ///< a resource, by name (msg::TARGET_LOCAL)
  config,   ///< the config, by its path (msg::TARGET_CONFIG)
  image,    ///< an image, by name (msg::TARGET_IMAGE)
};

/// A target that watches files.
struct watch_target {
  target_kind kind = target_kind::resource;
  std::string name;

  bool operator==(const watch_target&) const = default;
};

/// The changed paths of one target in a batch (msg::TargetFiles).
struct target_changes {
  watch_target target;
  std::vector<std::string> paths; ///< absolute, sorted

  bool operator==(const target_changes&) const = default;
};

/// Which targets a changed path belongs to, and which paths to watch.
///
/// A resource owns its `deps` (absolute paths to files or folders, which
/// need not exist): a change at or below a dep belongs to it unless an
/// ignore rule for it says otherwise, and a change to a folder that holds
/// a dep (a folder moved in, an overflow) belongs to it too. A path can
/// belong to several resources. Config files belong to the config target
/// and are never ignored. Files and folders are told apart only by the
/// `path_kind` of each change; the map itself never looks at the disk.
class watch_map {
public:
  explicit watch_map(ignore_rules rules)
      : rules_(std::move(rules)) {}

  /// Registers resource `name` owning `deps`. Its ignore globs go to the
  /// `ignore_rules` under the same name.
  void add_resource(std::string name, const std::vector<std::string>& deps);
  /// Registers image `name` owning `roots` (what its build watches). Its
  /// ignore globs go to the `ignore_rules` under `image_key(name)`.
  void add_image(std::string name, const std::vector<std::string>& roots);
  /// Registers `path` (actordev.yaml, .actordevignore) as a file of the
  /// config target `name` (by convention the config's path).
  void add_config_file(std::string name, std::string path);

  /// The targets `path` belongs to, in registration order.
  std::vector<watch_target> targets_for(std::string_view path,
                                        path_kind kind) const;
  /// Whether `path` belongs to any target: the watcher need not watch or
  /// report a folder for which this is false, nor anything below it.
  bool wanted(std::string_view path, path_kind kind) const;
  /// Each target's share of `batch`, in registration order; targets with
  /// no change are left out. A change to a folder holding deps is
  /// reported as those deps.
  std::vector<target_changes> route(const change_batch& batch) const;

  /// The paths to watch: every dep and config file, sorted, once each,
  /// without those below another. They may be files or may not exist yet;
  /// the watcher decides how to watch each.
  std::vector<std::string> roots() const;

  const ignore_rules& rules() const noexcept { return rules_; }

private:
  struct entry {
    watch_target target;
    std::vector<std::string> deps; ///< sorted, none below another
  };

  bool owns(const entry& e, std::string_view path, bool common_ignored) const;
  void add_share(const entry& e, std::string_view path,
                 std::vector<std::string>& out) const;

  ignore_rules rules_;
  std::vector<entry> entries_;
};

/// A map built from a config: every resource with its deps and ignores,
/// every image with the roots its own build watches and its ignores,
/// `settings.watch.ignore`, `.actordevignore` (its text, empty when there
/// is none) and the config target (named by `config.path`, owning the
/// config file and `<dir>/.actordevignore`). Precondition: `config.path`
/// is absolute, as the deps are.
struct built_watch_map {
  watch_map map;
  std::vector<ignore_error> errors; ///< invalid patterns, skipped
};
built_watch_map make_watch_map(const config::project_config& config,
                               std::string_view ignore_file_text);

} // namespace actordev::watch
