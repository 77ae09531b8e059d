#pragma once

#include "runtime/watch/glob.hpp"
#include "runtime/watch/path_kind.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::watch {

/// A problem with one ignore pattern: `where:line: message`.
struct ignore_error {
  std::string where; ///< ".actordevignore", "settings.watch.ignore", ...
  int line = 0;      ///< 1-based line in an ignore file; 0 in the config
  std::string message;

  bool operator==(const ignore_error&) const = default;
};

/// One rule of a gitignore-style file.
struct ignore_file_rule {
  int line = 0;         ///< 1-based
  std::string text;     ///< the line as written, trimmed
  glob pattern;         ///< matched against the path relative to the root
  bool negated = false; ///< `!`: re-includes what an earlier rule ignored
  bool directories_only = false; ///< a trailing `/`
};

/// A `.actordevignore`: gitignore's rules, matched against paths relative
/// to the folder that holds it (the project root).
///
/// `#` starts a comment line, blank lines are skipped, trailing spaces are
/// dropped (unless escaped as `\ `), `!` negates, `\#` and `\!` are
/// literal. A trailing `/` matches directories only. A pattern with a `/`
/// at its start or middle is anchored to the root; one without matches at
/// any depth. `**` works as in `glob`, except that a trailing `/**`
/// matches only what is inside the folder, as in git. The last matching
/// rule wins, and a path under an ignored folder stays ignored whatever
/// later rules say (git does not look inside ignored folders).
class ignore_file {
public:
  /// The rules of `text`, and an error for each line that is not a valid
  /// pattern; the other lines still apply. `where` names the file in
  /// errors.
  static ignore_file parse(std::string_view text,
                           std::vector<ignore_error>& errors,
                           std::string_view where = ".actordevignore");

  /// The rule that decides `relative` (a path relative to the root, no
  /// leading `/`): the last one matching it or, first, an ignoring rule
  /// matching one of its ancestor folders. nullptr when no rule matches.
  /// The path is ignored when the rule is not negated.
  const ignore_file_rule* decide(std::string_view relative,
                                 path_kind kind) const;

  const std::vector<ignore_file_rule>& rules() const noexcept { return rules_; }

private:
  const ignore_file_rule* last_match(std::string_view relative,
                                     path_kind kind) const;

  std::vector<ignore_file_rule> rules_;
};

} // namespace actordev::watch
