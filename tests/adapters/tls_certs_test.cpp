// The TLS folder of remote builders: what `certs init` and `certs
// add-client` make, and the start-up check that names the wrong file.
#include "adapters/tls_certs.hpp"

#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using namespace actordev::adapters;
using actordev::test::temp_dir;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

} // namespace

TEST_CASE("certs init makes a CA, a builder and a client that check out",
          "[tls]") {
  temp_dir t;
  auto dir = t / "tls";
  REQUIRE(init_certs(dir) == "");
  for (auto role : {tls_role::builder, tls_role::client}) {
    auto files = tls_files_for(dir, role);
    CHECK(check_tls(files) == "");
    CHECK(mode_of(files.key) == 0600);
  }
  CHECK(mode_of(t / "tls/ca-key.pem") == 0600);
  CHECK(mode_of(dir) == 0700);
}

TEST_CASE("certs init refuses a folder that holds files", "[tls]") {
  temp_dir t;
  t.write("tls/notes.txt", "mine");
  CHECK_THAT(init_certs(t / "tls"), Contains("exists and is not empty"));
  CHECK(t.read("tls/notes.txt") == "mine");
}

TEST_CASE("add-client makes a folder a teammate uses as their tls folder",
          "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "tls") == "");
  REQUIRE(add_client(t / "tls", "alice") == "");
  auto alice = tls_files_for(t / "tls/clients/alice", tls_role::client);
  CHECK(check_tls(alice) == "");
  CHECK_FALSE(fs::exists(t / "tls/clients/alice/ca-key.pem"));
  CHECK(t.read("tls/clients/alice/ca.pem") == t.read("tls/ca.pem"));
  CHECK_THAT(add_client(t / "tls", "alice"), Contains("exists already"));
  CHECK_THAT(add_client(t / "tls", "../x"), Contains("not a client name"));
}

TEST_CASE("add-client without the CA's key says it needs certs init's folder",
          "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "tls") == "");
  REQUIRE(add_client(t / "tls", "bob") == "");
  CHECK_THAT(add_client(t / "tls/clients/bob", "carol"),
             Contains("ca-key.pem") && Contains("certs init"));
}

TEST_CASE("the check names a missing or unreadable file", "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "tls") == "");
  auto files = tls_files_for(t / "tls", tls_role::client);
  fs::remove(files.key);
  CHECK_THAT(check_tls(files),
             StartsWith(files.key) && Contains("No such file or directory"));
  t.write("tls/client-key.pem", "not a key");
  CHECK_THAT(check_tls(files),
             StartsWith(files.key) && Contains("not an unencrypted PEM"));
  t.write("tls/ca.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
  CHECK_THAT(check_tls(files),
             StartsWith(files.ca) && Contains("not a PEM certificate"));
}

TEST_CASE("the check finds a key of another certificate", "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "tls") == "");
  auto files = tls_files_for(t / "tls", tls_role::client);
  files.key = tls_files_for(t / "tls", tls_role::builder).key;
  CHECK(check_tls(files) ==
        files.key + ": this key does not belong to " + files.cert);
}

TEST_CASE("the check finds a certificate from another CA", "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "ours") == "");
  REQUIRE(init_certs(t / "theirs") == "");
  auto files = tls_files_for(t / "theirs", tls_role::client);
  files.ca = t / "ours/ca.pem";
  CHECK_THAT(check_tls(files),
             StartsWith(files.cert) &&
                 Contains("not signed by the CA in " + files.ca));
}

TEST_CASE("the check refuses an encrypted key: CAF would hang asking for it",
          "[tls]") {
  temp_dir t;
  REQUIRE(init_certs(t / "tls") == "");
  auto files = tls_files_for(t / "tls", tls_role::builder);
  auto cmd = "openssl pkey -in " + files.key +
             " -aes256 -passout pass:x -out " + t / "enc.pem" + " 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  files.key = t / "enc.pem";
  CHECK_THAT(check_tls(files),
             StartsWith(files.key) && Contains("cannot ask for a passphrase"));
}
