#include "runtime/config/paths.hpp"

#include <filesystem>

namespace actordev::config {

namespace {

std::string without_trailing_separator(std::string p) {
  while (p.size() > 1 && p.back() == '/')
    p.pop_back();
  return p;
}

} // namespace

std::string resolve_path(std::string_view path, std::string_view base) {
  std::filesystem::path p{std::string{path}};
  if (p.is_relative())
    p = std::filesystem::path{std::string{base}} / p;
  return without_trailing_separator(p.lexically_normal().generic_string());
}

std::string config_folder(std::string_view config_path) {
  std::filesystem::path p{std::string{config_path}};
  auto folder = p.lexically_normal().parent_path();
  if (folder.empty())
    return ".";
  return without_trailing_separator(folder.generic_string());
}

} // namespace actordev::config
