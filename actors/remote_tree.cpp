#include "actors/remote_tree.hpp"

namespace actordev {

namespace {

msg::FileKind to_wire(adapters::entry_kind k) {
  switch (k) {
  case adapters::entry_kind::directory:
    return msg::FILE_DIRECTORY;
  case adapters::entry_kind::symlink:
    return msg::FILE_SYMLINK;
  case adapters::entry_kind::file:
    break;
  }
  return msg::FILE_REGULAR;
}

adapters::entry_kind from_wire(msg::FileKind k) {
  switch (k) {
  case msg::FILE_DIRECTORY:
    return adapters::entry_kind::directory;
  case msg::FILE_SYMLINK:
    return adapters::entry_kind::symlink;
  default:
    return adapters::entry_kind::file;
  }
}

} // namespace

void to_wire(const adapters::file_tree& tree, wire_tree& out) {
  out.Reserve(out.size() + static_cast<int>(tree.size()));
  for (const auto& e : tree) {
    auto* w = out.Add();
    w->set_path(e.path);
    w->set_kind(to_wire(e.kind));
    w->set_digest(e.digest);
    w->set_size(e.size);
    w->set_mode(e.mode);
    w->set_target(e.target);
  }
}

adapters::file_tree from_wire(const wire_tree& entries) {
  adapters::file_tree out;
  out.reserve(static_cast<std::size_t>(entries.size()));
  for (const auto& w : entries)
    out.push_back({w.path(), from_wire(w.kind()), w.digest(), w.size(),
                   w.mode(), w.target()});
  return out;
}

} // namespace actordev
