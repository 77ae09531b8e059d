#pragma once
// Internal to the config loader (runtime/config/*.cpp): the only headers
// that see yaml-cpp. Nothing here is part of the public config API.

#include "runtime/config/config_error.hpp"
#include "runtime/config/local_resource.hpp"
#include "runtime/config/suggest.hpp"

#include <yaml-cpp/yaml.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::config::detail {

/// One `key: value` pair of a YAML map, with the key's text.
struct entry {
  std::string name;
  YAML::Node key;
  YAML::Node value;
};

/// yaml-cpp's 0-based mark as a 1-based position; 0:0 for a null mark.
position to_position(const YAML::Mark& mark) noexcept;

/// Collects the errors of one load; every error names the config file.
class yaml_reader {
public:
  explicit yaml_reader(std::string file);

  /// Records an error at `at` (yaml-cpp's 0-based mark).
  void error(const YAML::Mark& at, std::string message, std::string hint = {});

  /// Records an error at an entry's value, or at its key when the value is
  /// null: yaml-cpp marks an empty value at the token after it.
  void error(const entry& at, std::string message, std::string hint = {});

  /// Records an error at a 1-based position (0:0 when unknown).
  void error(position at, std::string message, std::string hint = {});

  const std::string& file() const noexcept { return file_; }
  bool failed() const noexcept { return !errors_.empty(); }
  std::size_t error_count() const noexcept { return errors_.size(); }

  /// The errors so far, in the order they were recorded; empties the reader.
  std::vector<config_error> take_errors();

private:
  std::string file_;
  std::vector<config_error> errors_;
};

/// How a node reads in "found ..." messages: "a list", "a map",
/// "nothing (null)", "the integer 5", "the string 'abc'"...
std::string describe(const YAML::Node& node);

/// What a scalar means. Only plain (unquoted) scalars are numbers or
/// booleans: `"5"` is text.
enum class scalar_kind { integer, number, boolean, text };

/// The kind of a scalar node (YAML 1.2 core schema spellings).
scalar_kind classify(const YAML::Node& scalar);

/// The entries of `map` in document order. Records an error (and drops the
/// entry) for a key that is not a scalar and for a key given again, naming
/// where it was first given. `noun` names keys in messages ("key",
/// "resource name"); `owner` places them ("in resource 'api'").
std::vector<entry> entries(yaml_reader& r, const YAML::Node& map,
                           std::string_view owner,
                           std::string_view noun = "key");

/// A key reserved for a resource kind that a later release brings.
struct later_key {
  std::string_view key;
  std::string_view message; ///< what is not supported yet
  std::string_view hint;    ///< what to do meanwhile
};

/// Records an error for every entry whose key is a `later` key (not
/// supported yet) or not in `allowed` (unknown: lists the allowed keys and
/// suggests the closest one).
void check_keys(yaml_reader& r, const std::vector<entry>& map,
                const std::vector<std::string>& allowed,
                std::span<const later_key> later, std::string_view owner);

/// The entry named `name`, or nullptr.
const entry* find(const std::vector<entry>& map, std::string_view name);

} // namespace actordev::config::detail
