#include "runtime/watch/ignore_file.hpp"

#include <optional>
#include <utility>

namespace actordev::watch {

namespace {

/// `line` without a trailing '\r' and without unescaped trailing spaces.
std::string_view trimmed(std::string_view line) {
  if (line.ends_with('\r'))
    line.remove_suffix(1);
  while (line.ends_with(' ')) {
    std::size_t slashes = 0;
    while (slashes + 1 < line.size() && line[line.size() - 2 - slashes] == '\\')
      ++slashes;
    if (slashes % 2 == 1)
      break; // `\ `: an escaped space stays
    line.remove_suffix(1);
  }
  return line;
}

/// The glob a git pattern stands for, relative to the root.
std::string to_glob(std::string_view pattern) {
  bool anchored = pattern.find('/') != std::string_view::npos;
  while (pattern.starts_with('/'))
    pattern.remove_prefix(1);
  std::string out = anchored ? "" : "**/";
  out += pattern;
  // git: "abc/**" matches what is inside abc, not abc itself.
  if (out == "**" || out.ends_with("/**"))
    out += "/*";
  return out;
}

std::string error_text(std::string_view text, const glob_error& e) {
  return "invalid pattern '" + std::string{text} + "': " + e.message;
}

/// The rule on one line, or nothing for comments and blank lines.
std::optional<ignore_file_rule> parse_line(std::string_view raw, int line,
                                           ignore_error& error) {
  std::string_view text = trimmed(raw);
  if (text.empty() || text.starts_with('#'))
    return std::nullopt;
  ignore_file_rule rule{.line = line,
                        .text = std::string{text},
                        .pattern = {},
                        .negated = false,
                        .directories_only = false};
  std::string_view p = text;
  if (p.starts_with('!')) {
    rule.negated = true;
    p.remove_prefix(1);
  }
  while (p.ends_with('/')) {
    rule.directories_only = true;
    p.remove_suffix(1);
  }
  if (p.find_first_not_of('/') == std::string_view::npos) {
    error.message = "the pattern '" + rule.text +
                    "' names no file; remove the line or add a name";
    return std::nullopt;
  }
  auto compiled = glob::compile(to_glob(p));
  if (!compiled) {
    error.message = error_text(text, compiled.error());
    return std::nullopt;
  }
  rule.pattern = std::move(compiled.value());
  return rule;
}

} // namespace

ignore_file ignore_file::parse(std::string_view text,
                               std::vector<ignore_error>& errors,
                               std::string_view where) {
  ignore_file out;
  int line = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos)
      end = text.size();
    ++line;
    ignore_error error{
        .where = std::string{where}, .line = line, .message = {}};
    if (auto rule = parse_line(text.substr(start, end - start), line, error))
      out.rules_.push_back(std::move(*rule));
    else if (!error.message.empty())
      errors.push_back(std::move(error));
    start = end + 1;
  }
  return out;
}

const ignore_file_rule* ignore_file::decide(std::string_view relative,
                                            path_kind kind) const {
  for (std::size_t slash = relative.find('/'); slash != std::string_view::npos;
       slash = relative.find('/', slash + 1)) {
    if (slash == 0)
      continue;
    const auto* rule =
        last_match(relative.substr(0, slash), path_kind::directory);
    if (rule != nullptr && !rule->negated)
      return rule;
  }
  return last_match(relative, kind);
}

const ignore_file_rule* ignore_file::last_match(std::string_view relative,
                                                path_kind kind) const {
  for (auto it = rules_.rbegin(); it != rules_.rend(); ++it) {
    if (it->directories_only && kind != path_kind::directory)
      continue;
    if (it->pattern.matches(relative))
      return &*it;
  }
  return nullptr;
}

} // namespace actordev::watch
