#include "adapters/container_fs.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace actordev::adapters {

namespace fs = std::filesystem;

namespace {

std::string in_quotes(const fs::path& p) {
  return "'" + p.string() + "'";
}

std::string failed(std::string_view what, const fs::path& p,
                   const std::error_code& ec) {
  return std::string{what} + " " + in_quotes(p) + ": " + ec.message();
}

/// "<pid>-<counter>": unique among the temporaries of running processes.
std::string unique_suffix() {
  static std::atomic<unsigned long> counter{0};
  return std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

/// `p` lexically normalized, without a trailing separator.
fs::path clean(const fs::path& p) {
  fs::path out = p.lexically_normal();
  if (!out.has_filename() && out.has_relative_path())
    out = out.parent_path();
  return out;
}

/// Whether `p` is `base` or lies under it (both clean and absolute).
bool is_within(const fs::path& p, const fs::path& base) {
  auto [b, q] = std::mismatch(base.begin(), base.end(), p.begin(), p.end());
  (void)q;
  return b == base.end();
}

/// A hidden sibling of `target` to write before renaming it in place; the
/// name is kept short of NAME_MAX however long the target's is.
fs::path temp_sibling(const fs::path& target) {
  std::string name = target.filename().string().substr(0, 120);
  return target.parent_path() / ("." + name + ".tmp-" + unique_suffix());
}

/// Renames the finished `temp` over `target`. A folder in the way is
/// removed first (rename cannot replace one with a file); a file or link is
/// replaced by the rename itself. On failure `temp` is removed.
std::string move_into_place(const fs::path& temp, const fs::path& target) {
  std::error_code ec, ignored;
  if (fs::symlink_status(target, ec).type() == fs::file_type::directory) {
    fs::remove_all(target, ec);
    if (ec) {
      fs::remove(temp, ignored);
      return failed("cannot replace the folder", target, ec);
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ignored);
    return failed("cannot write", target, ec);
  }
  return {};
}

/// Copies the regular file `from` to `to` through a temporary sibling,
/// keeping its permission bits.
std::string copy_file_atomically(const fs::path& from, const fs::path& to) {
  std::error_code ec, ignored;
  auto perms = fs::status(from, ec).permissions();
  if (ec)
    return failed("cannot copy", from, ec);
  auto temp = temp_sibling(to);
  fs::remove(temp, ignored); // a leftover of a crashed process
  fs::copy_file(from, temp, fs::copy_options::none, ec);
  if (!ec)
    fs::permissions(temp, perms, fs::perm_options::replace, ec);
  if (ec) {
    fs::remove(temp, ignored);
    return "cannot copy " + in_quotes(from) + " to " + in_quotes(to) + ": " +
           ec.message();
  }
  return move_into_place(temp, to);
}

/// Copies the link `from` (not what it points to) to `to` through a
/// temporary sibling.
std::string copy_link_atomically(const fs::path& from, const fs::path& to) {
  std::error_code ec, ignored;
  auto points_to = fs::read_symlink(from, ec);
  if (ec)
    return failed("cannot read the link", from, ec);
  auto temp = temp_sibling(to);
  fs::remove(temp, ignored);
  fs::create_symlink(points_to, temp, ec);
  if (ec)
    return failed("cannot create the link", temp, ec);
  return move_into_place(temp, to);
}

/// Makes `to` a folder, with its parents: kept when it is one, replaced
/// when it is a file or a link (never followed).
std::string make_folder(const fs::path& to) {
  std::error_code ec;
  auto type = fs::symlink_status(to, ec).type();
  if (type == fs::file_type::directory)
    return {};
  if (type != fs::file_type::not_found) {
    fs::remove(to, ec);
    if (ec)
      return failed("cannot replace", to, ec);
  }
  fs::create_directories(to, ec);
  if (ec)
    return failed("cannot create the folder", to, ec);
  return {};
}

/// A folder still to copy: its source and where it goes.
struct pending_folder {
  fs::path from;
  fs::path to;
};

/// Copies one entry of a folder to `to`; a folder is created and queued.
std::string copy_entry(const fs::path& from, const fs::path& to,
                       const copy_filter& include,
                       std::vector<pending_folder>& folders) {
  std::error_code ec;
  auto type = fs::symlink_status(from, ec).type();
  if (type == fs::file_type::not_found)
    return {}; // removed since the folder was read
  if (ec)
    return failed("cannot read", from, ec);
  bool is_dir = type == fs::file_type::directory;
  bool copied = is_dir || type == fs::file_type::regular ||
                type == fs::file_type::symlink;
  if (!copied || (include && !include(from.string(), is_dir)))
    return {};
  if (type == fs::file_type::regular)
    return copy_file_atomically(from, to);
  if (type == fs::file_type::symlink)
    return copy_link_atomically(from, to);
  if (auto err = make_folder(to); !err.empty())
    return err;
  folders.push_back({from, to});
  return {};
}

/// Copies the contents of the folder `from` into the existing folder `to`,
/// one folder at a time from an explicit stack.
std::string copy_folder(const fs::path& from, const fs::path& to,
                        const copy_filter& include) {
  std::vector<pending_folder> folders{{from, to}};
  while (!folders.empty()) {
    auto folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    for (fs::directory_iterator i{folder.from, ec}, end; !ec && i != end;
         i.increment(ec)) {
      auto name = i->path().filename();
      auto err = copy_entry(i->path(), folder.to / name, include, folders);
      if (!err.empty())
        return err;
    }
    if (ec)
      return failed("cannot read the folder", folder.from, ec);
  }
  return {};
}

/// The error when `to` lies inside the folder `from` (the copy would grow
/// while it is read), else empty.
std::string check_outside(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  auto real_from = clean(fs::weakly_canonical(from, ec));
  if (ec)
    return failed("cannot copy", from, ec);
  auto real_to = clean(fs::weakly_canonical(fs::absolute(to, ec), ec));
  if (ec)
    return failed("cannot copy to", to, ec);
  if (!is_within(real_to, real_from))
    return {};
  return "cannot copy the folder " + in_quotes(from) + " to " + in_quotes(to) +
         ": the destination is inside it; choose one outside the folder";
}

/// Renames the finished copy `fresh` to `target`. An old `target` is
/// moved aside first (and back if the rename fails) and removed last, so
/// it is never left half-removed. `fresh` is removed on failure.
std::string swap_in(const fs::path& fresh, const fs::path& target) {
  std::error_code ec, ignored;
  fs::path old = target;
  old += ".old-" + unique_suffix();
  bool had_old =
      fs::symlink_status(target, ignored).type() != fs::file_type::not_found;
  if (had_old)
    fs::rename(target, old, ec);
  bool moved_aside = had_old && !ec;
  if (!ec)
    fs::rename(fresh, target, ec);
  if (ec) {
    if (moved_aside)
      fs::rename(old, target, ignored);
    fs::remove_all(fresh, ignored);
    return failed("cannot replace", target, ec);
  }
  if (moved_aside && fs::remove_all(old, ec) == static_cast<std::uintmax_t>(-1))
    return failed("replaced " + in_quotes(target) +
                      " but cannot remove its old copy; remove it by hand:",
                  old, ec);
  return {};
}

/// The relative part of the container path `remote`, normalized, or the
/// error that says why it is not a path inside the container.
std::pair<fs::path, std::string> inside_path(const std::string& remote) {
  if (remote.empty())
    return {{},
            "container path is empty: write it from the container's "
            "root, e.g. /app/main.py"};
  if (remote.find('\0') != std::string::npos)
    return {{}, "container path contains a NUL byte: write it without one"};
  if (remote.front() != '/')
    return {{},
            "container path '" + remote +
                "' is not absolute: write it from the container's root, "
                "e.g. /app/" +
                remote};
  std::vector<std::string_view> parts;
  std::string_view rest{remote};
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto part = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (part.empty() || part == ".")
      continue;
    if (part != "..")
      parts.push_back(part);
    else if (parts.empty())
      return {{}, "container path '" + remote + "' leaves the container"};
    else
      parts.pop_back();
  }
  fs::path relative;
  for (auto part : parts)
    relative /= part;
  return {relative, {}};
}

/// A container path resolved for writing or removing: the host path, and
/// whether it is the root itself.
struct resolved_path {
  fs::path host;
  bool is_root = false;
  std::string error;
};

/// Maps `remote` under `root` and checks that `root` is a folder and that
/// the target's folder, links resolved, is still inside it.
resolved_path resolve(const std::string& root, const std::string& remote) {
  auto [relative, error] = inside_path(remote);
  if (!error.empty())
    return {{}, false, error};
  std::error_code ec;
  auto real_root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(real_root, ec))
    return {{},
            false,
            "the container root " + in_quotes(root) +
                " is not a folder: start the container before changing it"};
  if (relative.empty())
    return {fs::path(root), true, {}};
  fs::path host = fs::path(root) / relative;
  auto real_parent = fs::weakly_canonical(host.parent_path(), ec);
  if (ec)
    return {{}, false, failed("cannot resolve", host.parent_path(), ec)};
  if (!is_within(clean(real_parent), real_root))
    return {{},
            false,
            "container path '" + remote + "' leads outside the container: " +
                in_quotes(host.parent_path()) + " resolves to " +
                in_quotes(real_parent) + " through a link"};
  return {host, false, {}};
}

} // namespace

std::string copy_tree(const std::string& from, const std::string& to,
                      const copy_filter& include) {
  if (from.empty() || to.empty())
    return "cannot copy '" + from + "' to '" + to + "': a path is empty";
  std::error_code ec;
  fs::path source = clean(fs::absolute(from, ec));
  if (ec)
    return failed("cannot copy", from, ec);
  auto type = fs::status(source, ec).type();
  if (type == fs::file_type::not_found)
    return "cannot copy " + in_quotes(from) + ": it does not exist";
  if (ec)
    return failed("cannot copy", from, ec);
  if (type == fs::file_type::regular) {
    if (include && !include(source.string(), false))
      return {};
    fs::path target = clean(to);
    if (target.has_parent_path())
      fs::create_directories(target.parent_path(), ec);
    if (ec)
      return failed("cannot create the folder", target.parent_path(), ec);
    return copy_file_atomically(source, target);
  }
  if (type != fs::file_type::directory)
    return "cannot copy " + in_quotes(from) + ": it is not a file or a folder";
  // A destination inside the source is fine when the filter leaves it out
  // (an image built into .actordev/ under its own context).
  if (auto err = check_outside(source, to);
      !err.empty() && !(include && !include(clean(to).string(), true)))
    return err;
  fs::create_directories(to, ec);
  if (ec)
    return failed("cannot create the folder", to, ec);
  return copy_folder(source, clean(to), include);
}

std::string replace_tree(const std::string& from, const std::string& to) {
  if (to.empty())
    return "cannot copy the folder '" + from + "': no destination given";
  std::error_code ec, ignored;
  auto type = fs::status(from, ec).type();
  if (type == fs::file_type::not_found)
    return "cannot copy the folder " + in_quotes(from) + ": it does not exist";
  if (type != fs::file_type::directory)
    return "cannot copy the folder " + in_quotes(from) + ": " +
           (ec ? ec.message() : "it is not a folder");
  fs::path target = clean(to);
  fs::path fresh = target;
  fresh += ".new-" + unique_suffix();
  fs::remove_all(fresh, ignored); // a leftover of a crashed process
  if (auto err = copy_tree(from, fresh.string()); !err.empty()) {
    fs::remove_all(fresh, ignored);
    return err;
  }
  return swap_in(fresh, target);
}

container_path_result container_path(const std::string& root,
                                     const std::string& remote) {
  auto [relative, error] = inside_path(remote);
  if (!error.empty())
    return {{}, error};
  if (relative.empty())
    return {root, {}};
  return {(fs::path(root) / relative).string(), {}};
}

std::string sync_file(const std::string& local, const std::string& root,
                      const std::string& remote) {
  std::error_code ec;
  auto type = fs::symlink_status(local, ec).type();
  if (type == fs::file_type::not_found)
    return "cannot sync " + in_quotes(local) + " to container path '" + remote +
           "': " + in_quotes(local) + " does not exist";
  if (ec)
    return failed("cannot sync", local, ec);
  auto target = resolve(root, remote);
  if (!target.error.empty())
    return target.error;
  if (type == fs::file_type::directory) {
    if (!target.is_root)
      if (auto err = make_folder(target.host); !err.empty())
        return err;
    return copy_tree(local, target.host.string());
  }
  if (type != fs::file_type::regular && type != fs::file_type::symlink)
    return "cannot sync " + in_quotes(local) +
           ": it is not a file, folder or link";
  if (target.is_root)
    return "cannot sync " + in_quotes(local) + " to container path '" + remote +
           "': that is the container's root, which only a folder can be "
           "synced to";
  fs::create_directories(target.host.parent_path(), ec);
  if (ec)
    return failed("cannot create the folder", target.host.parent_path(), ec);
  if (type == fs::file_type::symlink)
    return copy_link_atomically(local, target.host);
  return copy_file_atomically(local, target.host);
}

std::string delete_path(const std::string& root, const std::string& remote) {
  auto target = resolve(root, remote);
  if (!target.error.empty())
    return target.error;
  if (target.is_root)
    return "cannot delete container path '" + remote +
           "': it is the container's root; delete the paths inside it instead";
  std::error_code ec;
  fs::remove_all(target.host, ec);
  // A file where a folder on the way was expected: the path is not there.
  if (ec && ec != std::errc::not_a_directory)
    return failed("cannot delete", target.host, ec);
  return {};
}

} // namespace actordev::adapters
