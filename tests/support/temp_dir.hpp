#pragma once

// A fresh folder under /tmp for one test, removed with everything in it
// when the test ends.

#include <string>

namespace actordev::test {

struct temp_dir {
  std::string path;
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /// The path of `name` in the folder.
  std::string operator/(const std::string& name) const;
  /// Writes `text` to `name`, creating its folders.
  void write(const std::string& name, const std::string& text) const;
  /// The contents of `name`, or "" when it cannot be read.
  std::string read(const std::string& name) const;
};

} // namespace actordev::test
