#pragma once
// Helpers for the config tests: load a config written inline, get its
// model or its errors.

#include "runtime/config/config_error.hpp"
#include "runtime/config/load_config.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace actordev::config::test {

/// Where every test config claims to live.
inline const std::string config_path = "/home/dev/shop/actordev.yaml";

/// The prefix of every error: `config_path` and a colon.
inline const std::string at = config_path + ":";

/// `text` without its first newline, so that in a raw string literal that
/// opens with `R"(` and a line break, line 1 is the line below it.
inline std::string_view yaml(std::string_view text) {
  if (!text.empty() && text.front() == '\n')
    text.remove_prefix(1);
  return text;
}

/// Loads `text` (see `yaml`) as `config_path`.
inline result<project_config, std::vector<config_error>>
load(std::string_view text) {
  return load_config(yaml(text), config_path);
}

/// The model of a config that must load.
inline project_config loaded(std::string_view text) {
  auto r = load(text);
  INFO((r.ok() ? std::string{} : format(r.error())));
  REQUIRE(r.ok());
  return r.value();
}

/// The errors of a config that must not load.
inline std::vector<config_error> errors_of(std::string_view text) {
  auto r = load(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

/// The one error of a config that must fail with exactly one.
inline config_error only_error(std::string_view text) {
  auto errors = errors_of(text);
  INFO(format(errors));
  REQUIRE(errors.size() == 1);
  return errors.front();
}

/// `only_error`, formatted as the user sees it.
inline std::string error_text(std::string_view text) {
  return format(only_error(text));
}

/// Every error of a failing config, formatted and concatenated.
inline std::string errors_text(std::string_view text) {
  return format(errors_of(text));
}

} // namespace actordev::config::test
