#include "stand_in_fixture.hpp"

#include "session_fixture.hpp"

#include <cstdlib>
#include <filesystem>

namespace actordev::test {

stand_in::stand_in(const char* state_variable) {
  auto dir = std::filesystem::path{ACTORDEV_SOURCE_DIR} / "tests" / "stand_ins";
  const char* path = std::getenv("PATH");
  ::setenv("PATH", (dir.string() + ":" + (path ? path : "")).c_str(), 1);
  ::setenv(state_variable, state_.dir().c_str(), 1);
}

void stand_in::set(const std::string& name, bool on,
                   const std::string& text) const {
  if (on)
    state_.write(name, text);
  else
    std::filesystem::remove(state_.dir() + "/" + name);
}

std::string stand_in::calls() const {
  return read_text(state_.dir() + "/calls.jsonl");
}

std::string
stand_in::calls_without(const std::vector<std::string>& skipped) const {
  std::string out;
  for (const auto& line : read_lines(state_.dir() + "/calls.jsonl")) {
    bool skip = false;
    for (const auto& s : skipped)
      skip = skip || line.find(s) != std::string::npos;
    if (!skip)
      out += line + "\n";
  }
  return out;
}

std::string stand_in::file(const std::string& rel) const {
  return read_text(state_.dir() + "/" + rel);
}

} // namespace actordev::test
