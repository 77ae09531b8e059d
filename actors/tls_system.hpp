#pragma once

// An actor system that talks to remote builders: CAF's openssl module with
// mutual TLS, and heartbeats on its links.

#include "adapters/tls_certs.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace actordev {

/// How often a builder link sends a heartbeat, and how long a silent peer
/// lives on. Both sides use the same values (CAF 0.17 drops healthy idle
/// links when only one side sends heartbeats).
constexpr std::chrono::milliseconds link_heartbeat{1000};
constexpr std::chrono::milliseconds link_timeout{5000};

/// Loads CAF's openssl module into `cfg` with `files` as this node's
/// certificate, key and CA (setting any of them turns on mutual TLS: never
/// anonymous TLS), and turns on heartbeats. `files` must have passed
/// adapters::check_tls: CAF crashes or hangs on a bad key. Call after
/// init_system_config, before the actor system is built.
void use_tls(caf::actor_system_config& cfg, const adapters::tls_files& files);

/// Calls `report` (on an I/O thread) with one line for each connection a
/// TLS handshake refused on this side: who, and why ("refused a connection
/// from 10.0.0.7:52114: its certificate is not from this builder's CA").
/// Set it once, before the actor system starts.
void on_refused_peer(std::function<void(const std::string&)> report);

/// From now on every TLS handshake still under way fails at its next step,
/// so that an actor system about to shut down does not wait up to
/// link_timeout for one with a peer that says nothing (tls_system.cpp).
void abandon_handshakes();

} // namespace actordev
