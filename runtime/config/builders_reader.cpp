#include "runtime/config/builders_reader.hpp"

#include "runtime/config/yaml_lists.hpp"
#include "runtime/config/yaml_values.hpp"

#include <limits>

namespace actordev::config::detail {

namespace {

constexpr std::string_view in_builders = "in builders";

/// HOST:PORT (an IPv6 host in brackets) into `out`; false when it is not.
bool split_address(const std::string& text, builder_config& out) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return false;
  auto host = text.substr(0, colon);
  if (host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int port = 0;
  for (char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535)
      return false;
    port = port * 10 + (c - '0');
  }
  if (host.empty() || port < 1 || port > 65535)
    return false;
  out.host = host;
  out.port = port;
  return true;
}

void read_builder(yaml_reader& r, const YAML::Node& item, std::string_view base,
                  builder_config& b) {
  b.position = to_position(item.Mark());
  if (!item.IsMap()) {
    r.error(item.Mark(), "a builder is a map, found " + describe(item),
            "write {address: buildbox:7451, tls: certs}");
    return;
  }
  auto map = entries(r, item, in_builders);
  check_keys(r, map, {"address", "tls", "slots"}, {}, in_builders);
  for (std::string_view key : {"address", "tls"})
    if (!find(map, key))
      r.error(item.Mark(), "a builder without '" + std::string{key} + "'",
              "write {address: buildbox:7451, tls: certs}: the address "
              "actordev builder listens on, and the folder of actordev "
              "certs init");
  if (const entry* a = find(map, "address"))
    if (auto text = read_string(r, *a, in_builders);
        text && !split_address(*text, b))
      r.error(*a, "'" + shorten(*text) + "' is not a builder address",
              "write HOST:PORT, as actordev builder --listen prints it, "
              "e.g. 127.0.0.1:7451");
  if (const entry* t = find(map, "tls"))
    if (auto dir = read_path(r, *t, in_builders, base))
      b.tls = *dir;
  if (const entry* s = find(map, "slots")) {
    integer_rule rule{"an integer", 1, 1024,
                      "how many builds it may run for you at once; leave it "
                      "out to use every slot the builder offers"};
    if (auto v = read_integer(r, *s, in_builders, rule))
      b.slots = static_cast<int>(*v);
  }
}

} // namespace

void read_builders(yaml_reader& r, const entry& e, project_config& cfg) {
  if (!e.value.IsSequence()) {
    if (!e.value.IsNull())
      r.error(e, "'builders' is a list, found " + describe(e.value),
              "write builders: [{address: buildbox:7451, tls: certs}]");
    return;
  }
  for (const auto& item : e.value) {
    builder_config b;
    read_builder(r, item, cfg.dir, b);
    if (b.host.empty() || b.tls.empty())
      continue;
    for (const auto& other : cfg.builders) {
      if (other.address() == b.address())
        r.error(item.Mark(), "builder " + b.address() + " is listed twice",
                "list each builder once");
      else if (other.tls != b.tls)
        r.error(item.Mark(),
                "builder " + b.address() + " has another tls folder than " +
                    other.address(),
                "actordev presents one client certificate to every builder: "
                "give them certificates from one `actordev certs init`");
    }
    cfg.builders.push_back(std::move(b));
  }
}

} // namespace actordev::config::detail
