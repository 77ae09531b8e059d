#pragma once

#include "runtime/watch/glob.hpp"
#include "runtime/watch/ignore_file.hpp"
#include "runtime/watch/path_kind.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::watch {

/// Which kind of rule decided whether a path is ignored.
enum class ignore_source {
  none,        ///< no rule matched: the path is watched
  builtin,     ///< `.git/` and editor temporaries, always ignored
  settings,    ///< `settings.watch.ignore`
  resource,    ///< the resource's own `ignore`
  ignore_file, ///< `.actordevignore` (a negated rule re-includes)
};

/// The answer to "is this path ignored?", with the rule that decided.
struct ignore_verdict {
  bool ignored = false;
  ignore_source source = ignore_source::none;
  std::string pattern; ///< the deciding rule as written; empty for none
  int line = 0;        ///< its line in `.actordevignore`; 0 otherwise

  bool operator==(const ignore_verdict&) const = default;
};

/// "builtin", "settings", ...: how `s` is named in logs.
std::string_view to_string(ignore_source s) noexcept;

/// Every ignore rule of a project, checked in this order; the first
/// source that ignores a path decides:
///  1. built-in: any path with a `.git` or `.actordev` component, and editor
///  temporaries
///     (`*.swp`, `*.swx`, `*~`, `4913`, `.#*`) at any depth, anywhere;
///  2. `settings.watch.ignore`, for every resource;
///  3. a resource's `ignore`, for that resource only;
///  4. `.actordevignore` at the root, for paths below the root.
/// Globs of 2 and 3 cover the folders they match: `**/node_modules`
/// ignores everything below each node_modules. Relative globs are taken
/// relative to the root. Every path given is absolute and normalized.
class ignore_rules {
public:
  /// Only the built-in rules. `root` is the project root (the folder of
  /// actordev.yaml), absolute.
  explicit ignore_rules(std::string root);

  /// Adds `settings.watch.ignore` globs; returns one error per invalid
  /// pattern (the valid ones still apply).
  std::vector<ignore_error>
  add_settings(const std::vector<std::string>& patterns);
  /// Adds the `ignore` globs of resource `resource`; errors as above.
  std::vector<ignore_error>
  add_resource(std::string_view resource,
               const std::vector<std::string>& patterns);
  /// Adds the `ignore` globs of image `image`, kept under
  /// `image_key(image)`; errors as above.
  std::vector<ignore_error> add_image(std::string_view image,
                                      const std::vector<std::string>& patterns);
  /// The name an image's globs are kept under: "image:" + its name, which
  /// no resource name can be.
  static std::string image_key(std::string_view image);
  /// Replaces the `.actordevignore` rules with those in `text`; errors
  /// per line, the other lines still apply.
  std::vector<ignore_error> set_ignore_file(std::string_view text);

  /// Whether `path` is ignored for every resource (sources 1, 2 and 4).
  ignore_verdict check(std::string_view path, path_kind kind) const;
  /// Whether `path` is ignored for resource `resource` (sources 1 to 4).
  ignore_verdict check(std::string_view path, path_kind kind,
                       std::string_view resource) const;
  /// Only source 3: the resource's own globs.
  ignore_verdict check_resource(std::string_view path,
                                std::string_view resource) const;

  const std::string& root() const noexcept { return root_; }

private:
  std::vector<ignore_error> add_globs(std::vector<glob>& out,
                                      const std::vector<std::string>& patterns,
                                      std::string_view where);

  std::string root_;
  std::vector<glob> builtin_;
  std::vector<glob> settings_;
  std::map<std::string, std::vector<glob>, std::less<>> resources_;
  ignore_file file_;
};

} // namespace actordev::watch
