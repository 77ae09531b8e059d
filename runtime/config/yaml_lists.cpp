#include "runtime/config/yaml_lists.hpp"

#include "runtime/config/paths.hpp"
#include "runtime/config/yaml_values.hpp"

namespace actordev::config::detail {

namespace {

std::string item_name(const entry& e, std::string_view owner, std::size_t i) {
  return field_name(e, owner) + ", item " + std::to_string(i + 1);
}

std::string list_hint(const entry& e) {
  std::string example = e.value.IsScalar() ? shorten(e.value.Scalar()) : "a, b";
  return "write a list: " + shorten(e.name) + ": [" + example +
         "], or one '- item' per line";
}

// One list item as text; records why when it is not a usable string.
std::optional<std::string> item_text(yaml_reader& r, const entry& e,
                                     std::string_view owner, std::size_t i,
                                     const YAML::Node& item, bool allow_empty) {
  if (!item.IsScalar()) {
    r.error(item.Mark(),
            item_name(e, owner, i) + ": expected a string, found " +
                describe(item),
            "each item is one string; quote it if needed");
    return std::nullopt;
  }
  if (!allow_empty && item.Scalar().empty()) {
    r.error(item.Mark(), item_name(e, owner, i) + " is empty",
            "remove the empty item");
    return std::nullopt;
  }
  return item.Scalar();
}

// Paths are resolved lexically: a '~' would silently become a folder
// named '~', and a '!' negation would silently match nothing.
bool usable_path(yaml_reader& r, const YAML::Mark& at, const std::string& what,
                 const std::string& path, bool glob) {
  if (path.front() == '~') {
    r.error(at, what + ": '~' is not expanded in paths",
            "write the path relative to the config's folder, or absolute");
    return false;
  }
  if (glob && path.front() == '!') {
    r.error(at, what + ": negated patterns ('!') are not supported",
            "list only what to ignore, or narrow 'deps' instead");
    return false;
  }
  return true;
}

bool is_blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::optional<command> read_argv(yaml_reader& r, const entry& e,
                                 std::string_view owner) {
  command out;
  bool ok = true;
  std::size_t i = 0;
  for (const YAML::Node& item : e.value) {
    auto text = item_text(r, e, owner, i, item, i > 0);
    ok = ok && text.has_value();
    if (text)
      out.argv.push_back(std::move(*text));
    ++i;
  }
  if (ok && out.argv.empty()) {
    r.error(e, field_name(e, owner) + " is an empty list",
            "give the program and its arguments, e.g. [make, build]");
    return std::nullopt;
  }
  return ok ? std::optional{std::move(out)} : std::nullopt;
}

} // namespace

std::optional<std::vector<list_item>>
read_string_items(yaml_reader& r, const entry& e, std::string_view owner) {
  std::vector<list_item> out;
  if (e.value.IsNull())
    return out;
  if (!e.value.IsSequence()) {
    r.error(e,
            field_name(e, owner) + ": expected a list, found " +
                describe(e.value),
            list_hint(e));
    return std::nullopt;
  }
  bool ok = true;
  std::size_t i = 0;
  for (const YAML::Node& item : e.value) {
    auto text = item_text(r, e, owner, i++, item, false);
    ok = ok && text.has_value();
    if (text)
      out.push_back({std::move(*text), item.Mark()});
  }
  return ok ? std::optional{std::move(out)} : std::nullopt;
}

std::optional<std::vector<std::string>>
read_string_list(yaml_reader& r, const entry& e, std::string_view owner) {
  auto items = read_string_items(r, e, owner);
  if (!items)
    return std::nullopt;
  std::vector<std::string> out;
  for (auto& item : *items)
    out.push_back(std::move(item.text));
  return out;
}

std::optional<command> read_command(yaml_reader& r, const entry& e,
                                    std::string_view owner) {
  if (e.value.IsSequence())
    return read_argv(r, e, owner);
  if (!e.value.IsScalar()) {
    r.error(e,
            field_name(e, owner) +
                ": expected a command (a string, or a list of arguments), "
                "found " +
                describe(e.value),
            "write e.g. " + shorten(e.name) + ": make build");
    return std::nullopt;
  }
  if (is_blank(e.value.Scalar())) {
    r.error(e, field_name(e, owner) + " is empty",
            "give the command to run, or remove the key");
    return std::nullopt;
  }
  return command{e.value.Scalar(), {}};
}

std::optional<std::string> read_path(yaml_reader& r, const entry& e,
                                     std::string_view owner,
                                     std::string_view base) {
  auto text = read_string(r, e, owner);
  if (!text ||
      !usable_path(r, e.value.Mark(), field_name(e, owner), *text, false))
    return std::nullopt;
  return resolve_path(*text, base);
}

std::optional<std::vector<std::string>>
read_path_list(yaml_reader& r, const entry& e, std::string_view owner,
               std::string_view base, bool globs) {
  auto items = read_string_items(r, e, owner);
  if (!items)
    return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& item = (*items)[i];
    if (usable_path(r, item.mark, item_name(e, owner, i), item.text, globs))
      out.push_back(resolve_path(item.text, base));
    else
      ok = false;
  }
  return ok ? std::optional{std::move(out)} : std::nullopt;
}

} // namespace actordev::config::detail
