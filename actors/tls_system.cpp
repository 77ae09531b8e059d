#include "actors/tls_system.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/openssl/manager.hpp>
#include <caf/timespan.hpp>

namespace actordev {

void use_tls(caf::actor_system_config& cfg, const adapters::tls_files& files) {
  cfg.load<caf::openssl::manager>();
  cfg.openssl_certificate = files.cert;
  cfg.openssl_key = files.key;
  cfg.openssl_cafile = files.ca;
  cfg.set("middleman.heartbeat-interval", caf::timespan{link_heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{link_timeout});
}

} // namespace actordev

// CAF 0.17's openssl session calls SSL_get_error() after SSL_read, SSL_write,
// SSL_accept and SSL_connect without first emptying the thread's OpenSSL
// error queue, and with its logging compiled out (as in Debian's build) it
// never drains the queue after a failed handshake either. SSL_get_error
// reads that queue: one stale entry, left by a refused peer (a wrong CA, a
// plaintext probe), makes the next would-block read of a good connection
// on the same I/O thread look fatal, and CAF drops that connection. So a
// stranger knocking on a builder cut off its clients. These definitions
// stand in for libssl's for libcaf_openssl (the executable's symbols come
// first in the dynamic linker's lookup): each empties the queue, as
// OpenSSL's documentation of SSL_get_error requires, and calls libssl.
#include <dlfcn.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace {

template <class Fn>
Fn libssl(const char* name) {
  return reinterpret_cast<Fn>(::dlsym(RTLD_NEXT, name));
}

} // namespace

extern "C" int SSL_read(SSL* ssl, void* buf, int num) {
  static auto real = libssl<int (*)(SSL*, void*, int)>("SSL_read");
  ERR_clear_error();
  return real(ssl, buf, num);
}

extern "C" int SSL_write(SSL* ssl, const void* buf, int num) {
  static auto real = libssl<int (*)(SSL*, const void*, int)>("SSL_write");
  ERR_clear_error();
  return real(ssl, buf, num);
}

extern "C" int SSL_accept(SSL* ssl) {
  static auto real = libssl<int (*)(SSL*)>("SSL_accept");
  ERR_clear_error();
  return real(ssl);
}

extern "C" int SSL_connect(SSL* ssl) {
  static auto real = libssl<int (*)(SSL*)>("SSL_connect");
  ERR_clear_error();
  return real(ssl);
}
