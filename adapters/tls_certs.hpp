#pragma once

// The TLS folder of a project's remote builders: a private CA, the
// builder's certificate and a client certificate, made with OpenSSL's
// library, and the start-up check of such a folder (CAF 0.17 crashes or
// hangs on a bad key, so nothing reaches CAF unchecked).

#include <string>

namespace actordev::adapters {

/// Which certificate of a TLS folder a process presents.
enum class tls_role { builder, client };

/// The three files a TLS peer needs, as paths.
struct tls_files {
  std::string ca;   ///< the CA's certificate: peers must be signed by it
  std::string cert; ///< this peer's certificate
  std::string key;  ///< this peer's private key (PEM, not encrypted)
};

/// The files of `dir` that `role` uses: `ca.pem`, and `builder.pem` /
/// `builder-key.pem` or `client.pem` / `client-key.pem`.
tls_files tls_files_for(const std::string& dir, tls_role role);

/// Makes `dir` (which must not exist or be empty) with a new private CA
/// (`ca.pem`, `ca-key.pem`), a builder certificate and a client
/// certificate. Keys are P-256, written 0600. Returns "" or what failed.
std::string init_certs(const std::string& dir);

/// Makes `dir/clients/NAME/` with `ca.pem` and a new `client.pem` /
/// `client-key.pem` signed by the CA of `dir`: a folder to hand to a
/// teammate, which works as their `tls:` folder. Returns "" or what failed.
std::string add_client(const std::string& dir, const std::string& name);

/// Checks `files` before they are given to CAF: each is readable PEM, the
/// key is not encrypted and belongs to the certificate, the certificate is
/// signed by the CA and within its dates. Returns "" or an error naming
/// the file that is wrong and what to do.
std::string check_tls(const tls_files& files);

} // namespace actordev::adapters
