#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace actordev::test {

temp_dir::temp_dir() {
  std::string p = (fs::temp_directory_path() / "actordev-test-XXXXXX").string();
  path = ::mkdtemp(p.data()) ? p : "";
  REQUIRE_FALSE(path.empty());
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

std::string temp_dir::operator/(const std::string& name) const {
  return (fs::path(path) / name).string();
}

void temp_dir::write(const std::string& name, const std::string& text) const {
  fs::create_directories(fs::path(*this / name).parent_path());
  std::ofstream(*this / name, std::ios::binary) << text;
}

std::string temp_dir::read(const std::string& name) const {
  std::ifstream in(*this / name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

} // namespace actordev::test
