#include "adapters/tls_certs.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace actordev::adapters {

namespace {

namespace fs = std::filesystem;

template <class T, void (*Free)(T*)>
struct freer {
  void operator()(T* p) const { Free(p); }
};
using key_ptr = std::unique_ptr<EVP_PKEY, freer<EVP_PKEY, EVP_PKEY_free>>;
using cert_ptr = std::unique_ptr<X509, freer<X509, X509_free>>;
using ext_ptr =
    std::unique_ptr<X509_EXTENSION, freer<X509_EXTENSION, X509_EXTENSION_free>>;

constexpr long ca_days = 3650;
constexpr long leaf_days = 825;

/// OpenSSL's words for the last error on this thread ("" when none).
std::string ssl_error() {
  std::string text;
  while (auto err = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(err, buf, sizeof buf);
    if (!text.empty())
      text += "; ";
    text += buf;
  }
  return text.empty() ? "unknown OpenSSL error" : text;
}

bool add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  ext_ptr ext{X509V3_EXT_conf_nid(nullptr, &ctx, nid, value)};
  return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

/// A certificate for `key` named `cn`, signed by `issuer_key` (as
/// `issuer`, or self-signed when `issuer` is null).
cert_ptr make_cert(EVP_PKEY* key, const std::string& cn, X509* issuer,
                   EVP_PKEY* issuer_key, bool is_ca, std::string& error) {
  cert_ptr cert{X509_new()};
  unsigned char serial[16];
  if (!cert || RAND_bytes(serial, sizeof serial) != 1) {
    error = ssl_error();
    return nullptr;
  }
  serial[0] &= 0x7f; // a positive serial
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  bool ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  ok = ok && X509_set_version(cert.get(), 2) == 1 &&
       X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) &&
       X509_gmtime_adj(X509_getm_notAfter(cert.get()),
                       (is_ca ? ca_days : leaf_days) * 86400L) &&
       X509_set_pubkey(cert.get(), key) == 1;
  auto* name = X509_get_subject_name(cert.get());
  ok = ok &&
       X509_NAME_add_entry_by_txt(
           name, "CN", MBSTRING_UTF8,
           reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0) == 1;
  X509* signer = issuer ? issuer : cert.get();
  ok = ok && X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  if (is_ca)
    ok = ok &&
         add_ext(cert.get(), signer, NID_basic_constraints,
                 "critical,CA:TRUE,pathlen:0") &&
         add_ext(cert.get(), signer, NID_key_usage,
                 "critical,keyCertSign,cRLSign");
  else
    // Both uses: a builder is a TLS server, a client a TLS client, and CAF
    // lets either side be either.
    ok =
        ok && add_ext(cert.get(), signer, NID_basic_constraints, "CA:FALSE") &&
        add_ext(cert.get(), signer, NID_key_usage,
                "critical,digitalSignature,keyAgreement") &&
        add_ext(cert.get(), signer, NID_ext_key_usage, "serverAuth,clientAuth");
  ok = ok && add_ext(cert.get(), signer, NID_subject_key_identifier, "hash") &&
       (is_ca || add_ext(cert.get(), signer, NID_authority_key_identifier,
                         "keyid:always")) &&
       X509_sign(cert.get(), issuer_key, EVP_sha256()) > 0;
  if (!ok) {
    error = ssl_error();
    return nullptr;
  }
  return cert;
}

/// Writes `path` with `mode`, failing if it exists. `write` gets the BIO.
template <class Write>
std::string write_pem(const fs::path& path, mode_t mode, Write write) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    return path.string() + ": " + std::generic_category().message(errno);
  FILE* f = ::fdopen(fd, "w");
  if (!f) {
    ::close(fd);
    return path.string() + ": cannot open for writing";
  }
  BIO* bio = BIO_new_fp(f, BIO_CLOSE);
  bool ok = bio && write(bio);
  if (bio)
    BIO_free(bio); // closes f
  else
    std::fclose(f);
  return ok ? std::string{} : path.string() + ": " + ssl_error();
}

std::string write_key(const fs::path& path, EVP_PKEY* key) {
  return write_pem(path, 0600, [key](BIO* b) {
    return PEM_write_bio_PrivateKey(b, key, nullptr, nullptr, 0, nullptr,
                                    nullptr) == 1;
  });
}

std::string write_cert(const fs::path& path, X509* cert) {
  return write_pem(path, 0644,
                   [cert](BIO* b) { return PEM_write_bio_X509(b, cert) == 1; });
}

/// Returns 0: never ask for a passphrase (an encrypted key is an error).
int no_passphrase(char*, int, int, void*) {
  return 0;
}

cert_ptr read_cert(const std::string& path, std::string& error) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) {
    error = path + ": " + std::generic_category().message(errno);
    return nullptr;
  }
  cert_ptr cert{PEM_read_X509(f, nullptr, no_passphrase, nullptr)};
  std::fclose(f);
  if (!cert)
    error = path + ": not a PEM certificate (" + ssl_error() + ")";
  return cert;
}

key_ptr read_key(const std::string& path, std::string& error) {
  FILE* f = std::fopen(path.c_str(), "r");
  if (!f) {
    error = path + ": " + std::generic_category().message(errno);
    return nullptr;
  }
  key_ptr key{PEM_read_PrivateKey(f, nullptr, no_passphrase, nullptr)};
  std::fclose(f);
  if (!key) {
    ERR_clear_error();
    error = path +
            ": not an unencrypted PEM private key (actordev cannot ask for a "
            "passphrase)";
  }
  return key;
}

key_ptr new_key(std::string& error) {
  key_ptr key{EVP_EC_gen("P-256")};
  if (!key)
    error = ssl_error();
  return key;
}

/// Makes a leaf key and certificate `cn` signed by the CA, written to
/// `cert_path` and `key_path`.
std::string issue(const fs::path& cert_path, const fs::path& key_path,
                  const std::string& cn, X509* ca, EVP_PKEY* ca_key) {
  std::string error;
  auto key = new_key(error);
  if (!key)
    return error;
  auto cert = make_cert(key.get(), cn, ca, ca_key, false, error);
  if (!cert)
    return error;
  if (auto err = write_key(key_path, key.get()); !err.empty())
    return err;
  return write_cert(cert_path, cert.get());
}

} // namespace

tls_files tls_files_for(const std::string& dir, tls_role role) {
  fs::path d{dir};
  const char* who = role == tls_role::builder ? "builder" : "client";
  return {(d / "ca.pem").string(), (d / (std::string{who} + ".pem")).string(),
          (d / (std::string{who} + "-key.pem")).string()};
}

std::string init_certs(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return dir + ": exists and is not empty; certs init makes a new folder";
  fs::create_directories(dir, ec);
  if (ec)
    return dir + ": " + ec.message();
  fs::permissions(dir, fs::perms::owner_all, ec);
  std::string error;
  auto ca_key = new_key(error);
  if (!ca_key)
    return error;
  auto ca = make_cert(ca_key.get(), "actordev builders CA", nullptr,
                      ca_key.get(), true, error);
  if (!ca)
    return error;
  fs::path d{dir};
  for (auto err : {write_key(d / "ca-key.pem", ca_key.get()),
                   write_cert(d / "ca.pem", ca.get())})
    if (!err.empty())
      return err;
  auto builder = tls_files_for(dir, tls_role::builder);
  if (auto err = issue(builder.cert, builder.key, "actordev builder", ca.get(),
                       ca_key.get());
      !err.empty())
    return err;
  auto client = tls_files_for(dir, tls_role::client);
  return issue(client.cert, client.key, "actordev client", ca.get(),
               ca_key.get());
}

std::string add_client(const std::string& dir, const std::string& name) {
  if (name.empty() || name.find_first_of("/\\") != std::string::npos ||
      name == "." || name == "..")
    return "'" + name + "' is not a client name: use letters, digits, . _ -";
  fs::path d{dir};
  std::string error;
  auto ca = read_cert((d / "ca.pem").string(), error);
  if (!ca)
    return error;
  auto ca_key = read_key((d / "ca-key.pem").string(), error);
  if (!ca_key)
    return error + " (add-client needs the folder made by certs init)";
  auto out = d / "clients" / name;
  std::error_code ec;
  if (fs::exists(out, ec))
    return out.string() + ": exists already";
  fs::create_directories(out, ec);
  if (ec)
    return out.string() + ": " + ec.message();
  fs::permissions(out, fs::perms::owner_all, ec);
  fs::copy_file(d / "ca.pem", out / "ca.pem", ec);
  if (ec)
    return (out / "ca.pem").string() + ": " + ec.message();
  auto files = tls_files_for(out.string(), tls_role::client);
  return issue(files.cert, files.key, "actordev client " + name, ca.get(),
               ca_key.get());
}

std::string check_tls(const tls_files& files) {
  std::string error;
  auto ca = read_cert(files.ca, error);
  if (!ca)
    return error;
  auto cert = read_cert(files.cert, error);
  if (!cert)
    return error;
  auto key = read_key(files.key, error);
  if (!key)
    return error;
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return files.key + ": this key does not belong to " + files.cert;
  }
  if (X509_verify(cert.get(), X509_get0_pubkey(ca.get())) != 1) {
    ERR_clear_error();
    return files.cert + ": not signed by the CA in " + files.ca +
           " (both sides need certificates from the same `certs init`)";
  }
  for (auto* c : {ca.get(), cert.get()}) {
    const auto& path = c == ca.get() ? files.ca : files.cert;
    if (X509_cmp_current_time(X509_get0_notBefore(c)) > 0)
      return path + ": not valid yet (is this machine's clock right?)";
    if (X509_cmp_current_time(X509_get0_notAfter(c)) < 0)
      return path + ": expired; make new certificates with actordev certs init";
  }
  return {};
}

} // namespace actordev::adapters
