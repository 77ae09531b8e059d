#include "runtime/config/yaml_reader.hpp"

#include "runtime/config/suggest.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace actordev::config::detail {

namespace {

bool is_integer_text(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+'))
    s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
}

bool is_number_text(std::string_view s) {
  if (s == ".inf" || s == "-.inf" || s == "+.inf" || s == ".nan")
    return true;
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  double d = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  return ec == std::errc{} && end == s.data() + s.size() && !s.empty();
}

bool is_bool_text(std::string_view s) {
  return s == "true" || s == "True" || s == "TRUE" || s == "false" ||
         s == "False" || s == "FALSE";
}

} // namespace

position to_position(const YAML::Mark& mark) noexcept {
  if (mark.line < 0 || mark.column < 0)
    return {};
  return {mark.line + 1, mark.column + 1};
}

yaml_reader::yaml_reader(std::string file)
    : file_(std::move(file)) {}

void yaml_reader::error(const YAML::Mark& at, std::string message,
                        std::string hint) {
  error(to_position(at), std::move(message), std::move(hint));
}

void yaml_reader::error(const entry& at, std::string message,
                        std::string hint) {
  const auto& node = at.value.IsNull() ? at.key : at.value;
  error(node.Mark(), std::move(message), std::move(hint));
}

void yaml_reader::error(position at, std::string message, std::string hint) {
  errors_.push_back(
      {file_, at.line, at.column, std::move(message), std::move(hint)});
}

std::vector<config_error> yaml_reader::take_errors() {
  return std::exchange(errors_, {});
}

scalar_kind classify(const YAML::Node& scalar) {
  if (scalar.Tag() != "?")
    return scalar_kind::text;
  const auto& s = scalar.Scalar();
  if (is_integer_text(s))
    return scalar_kind::integer;
  if (is_bool_text(s))
    return scalar_kind::boolean;
  if (is_number_text(s))
    return scalar_kind::number;
  return scalar_kind::text;
}

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Map:
    return "a map";
  case YAML::NodeType::Scalar:
    break;
  default:
    return "nothing (null)";
  }
  switch (classify(node)) {
  case scalar_kind::integer:
    return "the integer " + shorten(node.Scalar());
  case scalar_kind::number:
    return "the number " + shorten(node.Scalar());
  case scalar_kind::boolean:
    return "the boolean " + shorten(node.Scalar());
  case scalar_kind::text:
    break;
  }
  return "the string '" + shorten(node.Scalar()) + "'";
}

std::vector<entry> entries(yaml_reader& r, const YAML::Node& map,
                           std::string_view owner, std::string_view noun) {
  std::vector<entry> out;
  std::unordered_map<std::string, YAML::Mark> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    // Copies: `it->first` lives in a proxy that dies with the statement.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (!key.IsScalar()) {
      r.error(key.Mark(),
              "expected a name as the key " + std::string{owner} + ", found " +
                  describe(key),
              "keys are plain names, like 'cmd:'");
      continue;
    }
    auto [at, fresh] = seen.emplace(key.Scalar(), key.Mark());
    if (!fresh) {
      auto first = to_position(at->second);
      r.error(key.Mark(),
              "duplicate " + std::string{noun} + " '" + shorten(key.Scalar()) +
                  "' " + std::string{owner} + "; first given at line " +
                  std::to_string(first.line) + ", column " +
                  std::to_string(first.column),
              "YAML map keys must be unique: rename or remove one of them");
      continue;
    }
    out.push_back({key.Scalar(), key, value});
  }
  return out;
}

namespace {

std::string unknown_key_hint(const std::string& key,
                             const std::vector<std::string>& allowed) {
  if (key == "<<")
    return "YAML merge keys ('<<') are not supported; repeat the keys instead";
  auto hint = did_you_mean(key, allowed);
  if (!hint.empty())
    return hint;
  return "remove it; docs/config.md lists every key";
}

} // namespace

void check_keys(yaml_reader& r, const std::vector<entry>& map,
                const std::vector<std::string>& allowed,
                std::span<const later_key> later, std::string_view owner) {
  for (const auto& e : map) {
    auto l = std::find_if(later.begin(), later.end(),
                          [&](const later_key& k) { return k.key == e.name; });
    if (l != later.end()) {
      r.error(e.key.Mark(), std::string{l->message}, std::string{l->hint});
      continue;
    }
    if (std::find(allowed.begin(), allowed.end(), e.name) != allowed.end())
      continue;
    r.error(e.key.Mark(),
            "unknown key '" + shorten(e.name) + "' " + std::string{owner} +
                "; expected one of: " + join(allowed),
            unknown_key_hint(e.name, allowed));
  }
}

const entry* find(const std::vector<entry>& map, std::string_view name) {
  for (const auto& e : map)
    if (e.name == name)
      return &e;
  return nullptr;
}

} // namespace actordev::config::detail
