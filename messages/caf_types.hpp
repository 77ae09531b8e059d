#pragma once

// Makes every Protobuf message of messages/*.proto a CAF 0.17 message type
// that can cross a process boundary. Include this header (not only the .pb.h)
// in every translation unit that sends or receives these messages: CAF finds
// the `inspect` overload below by ADL.

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

#include <caf/error.hpp>
#include <caf/fwd.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <google/protobuf/message.h>

#include "actordev/msg/decision.pb.h"
#include "actordev/msg/events.pb.h"
#include "actordev/msg/logs.pb.h"
#include "actordev/msg/manifest.pb.h"
#include "actordev/msg/remote_build.pb.h"

namespace actordev {

/// Registers every message of messages/*.proto with `cfg` under the name
/// "actordev.msg.<Name>" (its Protobuf full name). Call it before the
/// `caf::actor_system` is built, on every node: a type missing on either side
/// makes requests carrying it fail with `unexpected_message`.
void add_message_types(caf::actor_system_config& cfg);

namespace msg {

/// Writes the Protobuf wire encoding of `x` to `out`. Returns false only if
/// `x` cannot be encoded (larger than 2 GiB).
bool encode(const google::protobuf::MessageLite& x, std::string& out);

/// Parses the Protobuf wire encoding `bytes` into `x`. Returns false if
/// `bytes` is not a valid encoding of `x`'s type; `x` is then unspecified.
/// `bytes` may come from an untrusted peer.
bool decode(std::string_view bytes, google::protobuf::MessageLite& x);

/// The error `inspect` returns when `x` cannot be encoded.
caf::error encode_error(const google::protobuf::Message& x);

/// The error `inspect` returns when bytes do not decode to `x`'s type.
caf::error decode_error(const google::protobuf::Message& x);

namespace detail {

/// Text printed verbatim by CAF's stringification inspector (unquoted).
struct debug_text {
  std::string str;
};

/// Returns `x.str`; picked up by `caf::deep_to_string`.
std::string to_string(const debug_text& x);

} // namespace detail

/// CAF inspection for every generated message type of this package: the
/// serializer writes the Protobuf encoding as one string, the deserializer
/// reads that string and parses it (a parse failure is a `caf::error`), and
/// `caf::deep_to_string` shows `<FullName>(<ShortDebugString>)`.
template <class Inspector, class T>
requires std::derived_from<T, google::protobuf::Message>
typename Inspector::result_type inspect(Inspector& f, T& x) {
  if constexpr (std::is_void_v<typename Inspector::result_type>) {
    const auto& name = x.GetDescriptor()->full_name();
    f(caf::meta::type_name(name.c_str()),
      detail::debug_text{x.ShortDebugString()});
  } else if constexpr (Inspector::reads_state) {
    std::string bytes;
    if (!encode(x, bytes))
      return encode_error(x);
    return f(bytes);
  } else {
    std::string bytes;
    return f(bytes, caf::meta::load_callback([&]() -> caf::error {
               if (!decode(bytes, x))
                 return decode_error(x);
               return caf::error{};
             }));
  }
}

} // namespace msg
} // namespace actordev
