#include "runtime/config/yaml_values.hpp"

#include "runtime/config/suggest.hpp"

#include <charconv>
#include <cmath>
#include <limits>

namespace actordev::config::detail {

namespace {

void type_error(yaml_reader& r, const entry& e, std::string_view owner,
                std::string_view expected, std::string hint) {
  r.error(e,
          field_name(e, owner) + ": expected " + std::string{expected} +
              ", found " + describe(e.value),
          std::move(hint));
}

bool is_yaml11_bool(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s == "yes" || s == "no" || s == "on" || s == "off" || s == "y" ||
         s == "n";
}

std::string bool_hint(const YAML::Node& v) {
  if (v.IsScalar() && v.Tag() != "?" &&
      (v.Scalar() == "true" || v.Scalar() == "false"))
    return "remove the quotes: booleans are written true or false";
  if (v.IsScalar() && is_yaml11_bool(v.Scalar()))
    return "write true or false ('" + shorten(v.Scalar()) +
           "' is a string in YAML 1.2)";
  return "write true or false";
}

// "5s", "1.5 s", "2m" -> milliseconds, for the hint of a duration error.
std::optional<std::int64_t> with_unit_to_ms(std::string_view s) {
  double amount = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), amount);
  if (ec != std::errc{} || end == s.data() || amount < 0)
    return std::nullopt;
  std::string_view unit = s.substr(static_cast<std::size_t>(end - s.data()));
  while (!unit.empty() && unit.front() == ' ')
    unit.remove_prefix(1);
  double scale = unit == "ms"  ? 1
                 : unit == "s" ? 1e3
                 : unit == "m" ? 6e4
                 : unit == "h" ? 3.6e6
                               : 0;
  double ms = amount * scale;
  if (scale == 0 || ms > std::numeric_limits<std::int32_t>::max() ||
      ms != std::floor(ms))
    return std::nullopt;
  return static_cast<std::int64_t>(ms);
}

std::string duration_hint(const entry& e) {
  if (e.value.IsScalar())
    if (auto ms = with_unit_to_ms(e.value.Scalar()))
      return "durations are whole milliseconds, without a unit: write " +
             e.name + ": " + std::to_string(*ms);
  return "durations are whole milliseconds, e.g. " + e.name + ": 500";
}

std::optional<std::int64_t> parse_int64(std::string_view s) {
  if (!s.empty() && s[0] == '+')
    s.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size())
    return std::nullopt;
  return v;
}

} // namespace

std::string field_name(const entry& e, std::string_view owner) {
  return "'" + shorten(e.name) + "' " + std::string{owner};
}

std::optional<std::string> read_string(yaml_reader& r, const entry& e,
                                       std::string_view owner,
                                       bool allow_empty) {
  if (!e.value.IsScalar()) {
    type_error(r, e, owner, "a string",
               e.value.IsNull() ? "give a value, or remove the key"
                                : "write one string; quote it if needed");
    return std::nullopt;
  }
  if (!allow_empty && e.value.Scalar().empty()) {
    r.error(e, field_name(e, owner) + " is empty",
            "give a value, or remove the key");
    return std::nullopt;
  }
  return e.value.Scalar();
}

std::optional<bool> read_bool(yaml_reader& r, const entry& e,
                              std::string_view owner) {
  if (!e.value.IsScalar() || classify(e.value) != scalar_kind::boolean) {
    type_error(r, e, owner, "true or false", bool_hint(e.value));
    return std::nullopt;
  }
  const char first = e.value.Scalar().front();
  return first == 't' || first == 'T';
}

std::optional<std::int64_t> read_integer(yaml_reader& r, const entry& e,
                                         std::string_view owner,
                                         const integer_rule& rule) {
  if (!e.value.IsScalar() || classify(e.value) != scalar_kind::integer) {
    type_error(r, e, owner, rule.expected, rule.hint);
    return std::nullopt;
  }
  auto v = parse_int64(e.value.Scalar());
  if (v && *v < rule.min) {
    r.error(e,
            field_name(e, owner) + " must be at least " +
                std::to_string(rule.min) + ", found " + std::to_string(*v),
            rule.hint);
    return std::nullopt;
  }
  if (!v || *v > rule.max) {
    r.error(e,
            field_name(e, owner) + " must be at most " +
                std::to_string(rule.max) + ", found " +
                shorten(e.value.Scalar()),
            rule.hint);
    return std::nullopt;
  }
  return v;
}

std::optional<std::chrono::milliseconds> read_duration(yaml_reader& r,
                                                       const entry& e,
                                                       std::string_view owner,
                                                       std::int64_t min_ms) {
  integer_rule rule{"a duration in whole milliseconds", min_ms,
                    std::numeric_limits<std::int32_t>::max(), duration_hint(e)};
  if (auto v = read_integer(r, e, owner, rule))
    return std::chrono::milliseconds{*v};
  return std::nullopt;
}

std::optional<int> read_port(yaml_reader& r, const entry& e,
                             std::string_view owner) {
  integer_rule rule{"a port number", 1, 65535,
                    "ports are whole numbers from 1 to 65535"};
  if (auto v = read_integer(r, e, owner, rule))
    return static_cast<int>(*v);
  return std::nullopt;
}

std::optional<std::size_t>
read_choice(yaml_reader& r, const entry& e, std::string_view owner,
            const std::vector<std::string>& choices) {
  const std::string expected = "one of " + join(choices, ", ");
  if (!e.value.IsScalar()) {
    type_error(r, e, owner, expected, "write one of: " + join(choices));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (e.value.Scalar() == choices[i])
      return i;
  auto hint = did_you_mean(e.value.Scalar(), choices);
  type_error(r, e, owner, expected,
             hint.empty() ? "write one of: " + join(choices) : hint);
  return std::nullopt;
}

bool expect_map(yaml_reader& r, const entry& e, std::string_view owner) {
  if (e.value.IsMap() || e.value.IsNull())
    return true;
  type_error(r, e, owner, "a map",
             "put its keys on the lines below '" + shorten(e.name) +
                 ":', indented");
  return false;
}

} // namespace actordev::config::detail
