#include "runtime/watch/ignore_rules.hpp"

#include "runtime/path_match.hpp"

#include <array>
#include <optional>
#include <utility>

namespace actordev::watch {

namespace {

struct builtin_rule {
  std::string_view name; ///< as reported
  std::string_view glob; ///< as matched: absolute, at any depth
};

constexpr std::array<builtin_rule, 7> builtin_rules{{
    {".git", "/**/.git"},
    {".actordev", "/**/.actordev"}, // actordev's own record of processes
    {"*.swp", "/**/*.swp"},
    {"*.swx", "/**/*.swx"},
    {"*~", "/**/*~"},
    {"4913", "/**/4913"},
    {".#*", "/**/.#*"},
}};

/// `pattern` as an absolute glob: relative ones are below `root`.
std::string anchored(std::string_view pattern, std::string_view root) {
  if (pattern.starts_with('/'))
    return std::string{pattern};
  return std::string{root} + "/" + std::string{pattern};
}

/// `path` relative to `root`, when it lies strictly below it.
std::optional<std::string_view> below(std::string_view path,
                                      std::string_view root) {
  if (!path_under(path, root))
    return std::nullopt;
  std::size_t skip = root.size();
  while (skip < path.size() && path[skip] == '/')
    ++skip;
  if (skip >= path.size())
    return std::nullopt;
  return path.substr(skip);
}

/// The first of `globs` that covers `path`.
const glob* first_covering(const std::vector<glob>& globs,
                           std::string_view path) {
  for (const auto& g : globs)
    if (g.covers(path))
      return &g;
  return nullptr;
}

ignore_verdict ignored_by(ignore_source source, std::string pattern) {
  return {.ignored = true,
          .source = source,
          .pattern = std::move(pattern),
          .line = 0};
}

} // namespace

std::string_view to_string(ignore_source s) noexcept {
  switch (s) {
  case ignore_source::none:
    return "none";
  case ignore_source::builtin:
    return "builtin";
  case ignore_source::settings:
    return "settings";
  case ignore_source::resource:
    return "resource";
  case ignore_source::ignore_file:
    return "ignore_file";
  }
  return "none";
}

ignore_rules::ignore_rules(std::string root)
    : root_(std::move(root)) {
  while (root_.size() > 1 && root_.ends_with('/'))
    root_.pop_back();
  for (const auto& rule : builtin_rules)
    builtin_.push_back(std::move(glob::compile(rule.glob).value()));
}

std::vector<ignore_error>
ignore_rules::add_settings(const std::vector<std::string>& patterns) {
  return add_globs(settings_, patterns, "settings.watch.ignore");
}

std::vector<ignore_error>
ignore_rules::add_resource(std::string_view resource,
                           const std::vector<std::string>& patterns) {
  auto it = resources_.try_emplace(std::string{resource}).first;
  return add_globs(it->second, patterns,
                   "resources." + std::string{resource} + ".ignore");
}

std::vector<ignore_error>
ignore_rules::add_image(std::string_view image,
                        const std::vector<std::string>& patterns) {
  auto it = resources_.try_emplace(image_key(image)).first;
  return add_globs(it->second, patterns,
                   "images." + std::string{image} + ".ignore");
}

std::string ignore_rules::image_key(std::string_view image) {
  return "image:" + std::string{image};
}

std::vector<ignore_error> ignore_rules::set_ignore_file(std::string_view text) {
  std::vector<ignore_error> errors;
  file_ = ignore_file::parse(text, errors);
  return errors;
}

std::vector<ignore_error>
ignore_rules::add_globs(std::vector<glob>& out,
                        const std::vector<std::string>& patterns,
                        std::string_view where) {
  std::vector<ignore_error> errors;
  for (const auto& p : patterns) {
    auto compiled = glob::compile(anchored(p, root_));
    if (compiled)
      out.push_back(std::move(compiled.value()));
    else
      errors.push_back({.where = std::string{where},
                        .line = 0,
                        .message = "invalid pattern '" + p +
                                   "': " + compiled.error().message});
  }
  return errors;
}

ignore_verdict ignore_rules::check(std::string_view path,
                                   path_kind kind) const {
  for (std::size_t i = 0; i < builtin_.size(); ++i)
    if (builtin_[i].covers(path))
      return ignored_by(ignore_source::builtin,
                        std::string{builtin_rules[i].name});
  if (const glob* g = first_covering(settings_, path))
    return ignored_by(ignore_source::settings, g->pattern());
  auto relative = below(path, root_);
  if (!relative)
    return {};
  const ignore_file_rule* rule = file_.decide(*relative, kind);
  if (rule == nullptr)
    return {};
  return {.ignored = !rule->negated,
          .source = ignore_source::ignore_file,
          .pattern = rule->text,
          .line = rule->line};
}

ignore_verdict ignore_rules::check(std::string_view path, path_kind kind,
                                   std::string_view resource) const {
  auto common = check(path, kind);
  if (common.ignored)
    return common;
  auto own = check_resource(path, resource);
  return own.ignored ? own : common;
}

ignore_verdict ignore_rules::check_resource(std::string_view path,
                                            std::string_view resource) const {
  auto it = resources_.find(resource);
  if (it == resources_.end())
    return {};
  if (const glob* g = first_covering(it->second, path))
    return ignored_by(ignore_source::resource, g->pattern());
  return {};
}

} // namespace actordev::watch
