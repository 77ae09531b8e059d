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

// Two CAF 0.17 openssl bugs, worked around here (docs/remote-builders.md).
//
// 1. Its session calls SSL_get_error() after SSL_read, SSL_write,
// SSL_accept and SSL_connect without first emptying the thread's OpenSSL
// error queue, and with its logging compiled out (as in Debian's build) it
// never drains the queue after a failed handshake either. SSL_get_error
// reads that queue: one stale entry, left by a refused peer (a wrong CA, a
// plaintext probe), makes the next would-block read of a good connection
// on the same I/O thread look fatal, and CAF drops that connection. So a
// stranger knocking on a builder cut off its clients. Each definition below
// empties the queue first, as OpenSSL's documentation of SSL_get_error
// requires.
//
// 2. A handshake has no deadline. A peer that accepts the TCP connection
// and then says nothing (a frozen builder, a client that never finishes)
// keeps the connection in the I/O loop for ever: CAF polls it without
// pause, and the actor system can never shut down, since its I/O thread
// runs while a connection is open. SSL_connect and SSL_accept here fail a
// handshake still unfinished after link_timeout, as a broken one; CAF then
// closes it.
//
// These definitions stand in for libssl's for libcaf_openssl (the
// executable's symbols come first in the dynamic linker's lookup) and call
// libssl's.
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <atomic>
#include <functional>
#include <string>
#include <mutex>
#include <unordered_map>

namespace {

template <class Fn>
Fn libssl(const char* name) {
  return reinterpret_cast<Fn>(::dlsym(RTLD_NEXT, name));
}

/// Set by abandon_handshakes.
std::atomic<bool> abandoned{false};

/// Set by on_refused_peer.
std::function<void(const std::string&)>& refusal_report() {
  static auto* f = new std::function<void(const std::string&)>;
  return *f;
}

/// "10.0.0.7:52114", or "a peer" when the socket says nothing.
std::string peer_of(const SSL* ssl) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  char host[INET6_ADDRSTRLEN] = "";
  int fd = SSL_get_fd(ssl);
  if (fd < 0 || ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len))
    return "a peer";
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    ::inet_ntop(AF_INET, &in.sin_addr, host, sizeof host);
    return std::string{host} + ":" + std::to_string(ntohs(in.sin_port));
  }
  if (addr.ss_family == AF_INET6) {
    const auto& in = reinterpret_cast<const sockaddr_in6&>(addr);
    ::inet_ntop(AF_INET6, &in.sin6_addr, host, sizeof host);
    return "[" + std::string{host} + "]:" + std::to_string(ntohs(in.sin6_port));
  }
  return "a peer";
}

/// Why OpenSSL refused a handshake, from its error queue (left in place:
/// CAF reads it next), as a user can act on it.
std::string refusal_reason() {
  auto e = ERR_peek_last_error();
  if (e == 0)
    return "it closed the connection during the handshake";
  if (ERR_GET_LIB(e) == ERR_LIB_SSL)
    switch (ERR_GET_REASON(e)) {
    case SSL_R_CERTIFICATE_VERIFY_FAILED:
      return "its certificate is not from this builder's CA";
    case SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE:
      return "it sent no certificate";
    case SSL_R_WRONG_VERSION_NUMBER:
    case SSL_R_HTTP_REQUEST:
    case SSL_R_HTTPS_PROXY_REQUEST:
    case SSL_R_UNEXPECTED_MESSAGE:
    case SSL_R_PACKET_LENGTH_TOO_LONG:
    case SSL_R_RECORD_LENGTH_MISMATCH:
      return "it does not speak TLS";
    case SSL_R_READ_TIMEOUT_EXPIRED:
      return "it did not finish the TLS handshake within 5 s";
    default:
      break;
    }
  char text[256];
  ERR_error_string_n(e, text, sizeof text);
  return text;
}

/// Tells of a handshake refused on this side.
void report_refusal(const SSL* ssl) {
  const auto& report = refusal_report();
  if (report && SSL_is_server(ssl))
    report("refused a connection from " + peer_of(ssl) + ": " +
           refusal_reason());
}

/// When each unfinished handshake began.
struct handshakes {
  std::mutex m;
  std::unordered_map<const SSL*, std::chrono::steady_clock::time_point> began;
};

handshakes& pending() {
  // Never destroyed: a session may be freed while the process exits.
  static auto* h = new handshakes;
  return *h;
}

/// `result` of a handshake step on `ssl`, or a failure once the handshake
/// has waited on its peer longer than link_timeout.
int within_deadline(SSL* ssl, int result) {
  auto& h = pending();
  auto now = std::chrono::steady_clock::now();
  auto err = result == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl, result);
  bool refused = false;
  {
    std::lock_guard<std::mutex> lock{h.m};
    if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
      h.began.erase(ssl); // done, or failed on its own
      refused = result != 1;
    } else {
      auto [it, fresh] = h.began.emplace(ssl, now);
      if (!abandoned.load() &&
          (fresh || now - it->second < actordev::link_timeout))
        return result;
      h.began.erase(it);
      ERR_raise_data(ERR_LIB_SSL, SSL_R_READ_TIMEOUT_EXPIRED,
                     "the peer did not finish the TLS handshake in time");
      refused = !abandoned.load();
      result = -1;
    }
  }
  // Outside the lock: the report may block on a slow terminal.
  if (refused)
    report_refusal(ssl);
  return result;
}

} // namespace

void actordev::on_refused_peer(
    std::function<void(const std::string&)> report) {
  refusal_report() = std::move(report);
}

void actordev::abandon_handshakes() {
  abandoned = true;
}

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
  return within_deadline(ssl, real(ssl));
}

extern "C" int SSL_connect(SSL* ssl) {
  static auto real = libssl<int (*)(SSL*)>("SSL_connect");
  ERR_clear_error();
  return within_deadline(ssl, real(ssl));
}

extern "C" void SSL_free(SSL* ssl) {
  static auto real = libssl<void (*)(SSL*)>("SSL_free");
  {
    auto& h = pending();
    std::lock_guard<std::mutex> lock{h.m};
    h.began.erase(ssl);
  }
  real(ssl);
}
