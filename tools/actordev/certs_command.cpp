#include "tools/actordev/certs_command.hpp"

#include "adapters/tls_certs.hpp"

#include <fmt/core.h>

namespace actordev::cli {

CLI::App* add_certs_command(CLI::App& app, certs_options& o) {
  auto* certs = app.add_subcommand(
      "certs", "Make the private CA and certificates of remote builders");
  certs->require_subcommand(1);
  auto* init = certs->add_subcommand(
      "init", "Make DIR with a new CA, a builder certificate and a client "
              "certificate");
  init->add_option("dir", o.dir, "The folder to make")->required();
  auto* add = certs->add_subcommand(
      "add-client", "Make DIR/clients/NAME, a client folder for a teammate, "
                    "signed by DIR's CA");
  add->add_option("dir", o.dir, "The folder certs init made")->required();
  add->add_option("name", o.name, "The teammate's name")->required();
  return certs;
}

int run_certs(CLI::App& certs, const certs_options& o) {
  if (certs.got_subcommand("init")) {
    if (auto err = adapters::init_certs(o.dir); !err.empty()) {
      fmt::print(stderr, "actordev certs init: error: {}\n", err);
      return 1;
    }
    fmt::print("made {0}: ca.pem and ca-key.pem (the CA: keep ca-key.pem "
               "private), builder.pem and builder-key.pem (for actordev "
               "builder --tls {0}), client.pem and client-key.pem (for tls: "
               "{0} in actordev.yaml)\n",
               o.dir);
    return 0;
  }
  if (auto err = adapters::add_client(o.dir, o.name); !err.empty()) {
    fmt::print(stderr, "actordev certs add-client: error: {}\n", err);
    return 1;
  }
  fmt::print("made {}/clients/{}: hand this folder to {}; it is their tls: "
             "folder\n",
             o.dir, o.name, o.name);
  return 0;
}

} // namespace actordev::cli
