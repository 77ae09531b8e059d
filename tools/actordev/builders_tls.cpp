#include "tools/actordev/builders_tls.hpp"

#include <fmt/core.h>

namespace actordev::cli {

builders_tls check_builders_tls(const loaded_project& project,
                                std::string_view consequence) {
  builders_tls out;
  const auto& builders = project.project.builders;
  if (builders.empty())
    return out;
  out.files =
      adapters::tls_files_for(builders.front().tls, adapters::tls_role::client);
  if (auto err = adapters::check_tls(*out.files); !err.empty()) {
    fmt::print(stderr,
               "{}: error: the tls folder of builder {}: {}\n  hint: make it "
               "with actordev certs init DIR (or certs add-client)\n{}\n",
               project.path, builders.front().address(), err, consequence);
    out.ok = false;
  }
  return out;
}

} // namespace actordev::cli
