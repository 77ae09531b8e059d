#include "tools/actordev/whole_number.hpp"

#include <charconv>
#include <string>

namespace actordev::cli {

CLI::Validator whole_number(std::uint64_t min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        std::uint64_t n = 0;
        auto [end, ec] =
            std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec != std::errc{} || end != text.data() + text.size() || n < min)
          return "'" + text + "' is not a whole number from " +
                 std::to_string(min) + " (write it like " +
                 std::to_string(min + 41) + ")";
        return {};
      },
      "N >= " + std::to_string(min));
}

} // namespace actordev::cli
