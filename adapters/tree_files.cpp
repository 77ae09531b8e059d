#include "adapters/tree_files.hpp"

#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <system_error>
#include <unordered_map>
#include <vector>

namespace actordev::adapters {

namespace {

namespace fs = std::filesystem;

std::string to_hex(const unsigned char* bytes, unsigned n) {
  static const char digits[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(n) * 2, '0');
  for (unsigned i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 15];
  }
  return out;
}

struct md_ctx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  md_ctx() { EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr); }
  ~md_ctx() { EVP_MD_CTX_free(ctx); }
  void update(const void* p, std::size_t n) { EVP_DigestUpdate(ctx, p, n); }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    EVP_DigestFinal_ex(ctx, md, &n);
    return to_hex(md, n);
  }
};

std::uint32_t mode_of(const fs::file_status& st) {
  return static_cast<std::uint32_t>(st.permissions() & fs::perms::mask) & 0777;
}

/// `out`'s entries by path, to overlay a later tree on an earlier one.
class overlay {
public:
  explicit overlay(file_tree& out)
      : out_(out) {
    reindex();
  }
  tree_entry& put(const std::string& path, entry_kind kind) {
    auto it = index_.find(path);
    if (it == index_.end()) {
      index_[path] = out_.size();
      return out_.emplace_back(tree_entry{path, kind, {}, 0, 0, {}});
    }
    if (out_[it->second].kind == entry_kind::directory &&
        kind != entry_kind::directory)
      drop_children(path);
    auto& kept = out_[index_.at(path)];
    kept = tree_entry{path, kind, {}, 0, 0, {}};
    return kept;
  }

private:
  /// Removes what lay under the folder `path`, which a file now replaces.
  void drop_children(const std::string& path) {
    auto prefix = path + "/";
    std::erase_if(out_, [&](const tree_entry& e) {
      return e.path.compare(0, prefix.size(), prefix) == 0;
    });
    reindex();
  }
  void reindex() {
    index_.clear();
    for (std::size_t i = 0; i < out_.size(); ++i)
      index_[out_[i].path] = i;
  }
  file_tree& out_;
  std::unordered_map<std::string, std::size_t> index_;
};

std::string add_entry(overlay& tree, const fs::path& path,
                      const std::string& rel, const fs::file_status& st,
                      const scan_options& opts) {
  std::error_code ec;
  if (fs::is_symlink(st)) {
    auto target = fs::read_symlink(path, ec);
    if (ec)
      return path.string() + ": " + ec.message();
    tree.put(rel, entry_kind::symlink).target = target.string();
  } else if (fs::is_directory(st)) {
    tree.put(rel, entry_kind::directory).mode = mode_of(st);
  } else if (fs::is_regular_file(st)) {
    std::string error;
    std::uint64_t size = 0;
    std::string digest;
    if (opts.cache) {
      digest = opts.cache->digest(path.string(), size, error);
    } else {
      digest = sha256_file(path.string(), error);
      size = error.empty() ? fs::file_size(path, ec) : 0;
      if (ec)
        error = path.string() + ": " + ec.message();
    }
    if (!error.empty())
      return error;
    auto& e = tree.put(rel, entry_kind::file);
    e.digest = digest;
    e.size = size;
    e.mode = mode_of(st);
    if (opts.sources)
      (*opts.sources)[rel] = path.string();
  }
  return {};
}

} // namespace

std::string sha256_file(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": " + std::generic_category().message(errno);
    return {};
  }
  md_ctx md;
  std::vector<char> buf(1 << 16);
  for (;;) {
    auto n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      error = path + ": " + std::generic_category().message(errno);
      ::close(fd);
      return {};
    }
    if (n == 0)
      break;
    md.update(buf.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return md.hex();
}

std::string read_piece(const std::string& path, std::uint64_t offset,
                       std::size_t max, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = path + ": " + std::generic_category().message(errno);
    return {};
  }
  std::string out(max, '\0');
  std::size_t got = 0;
  while (got < max) {
    auto n = ::pread(fd, out.data() + got, max - got,
                     static_cast<off_t>(offset + got));
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      error = path + ": " + std::generic_category().message(errno);
      break;
    }
    if (n == 0)
      break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

std::string digest_cache::digest(const std::string& path, std::uint64_t& size,
                                 std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    error = path + ": " + std::generic_category().message(errno);
    return {};
  }
  auto ns = [](const timespec& t) {
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
  };
  entry now;
  now.dev = st.st_dev;
  now.ino = st.st_ino;
  now.size = static_cast<std::uint64_t>(st.st_size);
  now.mtime_ns = ns(st.st_mtim);
  now.ctime_ns = ns(st.st_ctim);
  {
    std::lock_guard lock{mutex_};
    auto it = entries_.find(path);
    if (it != entries_.end() && it->second.settled &&
        it->second.dev == now.dev && it->second.ino == now.ino &&
        it->second.size == now.size && it->second.mtime_ns == now.mtime_ns &&
        it->second.ctime_ns == now.ctime_ns) {
      size = now.size;
      return it->second.digest;
    }
  }
  timespec read_at{};
  ::clock_gettime(CLOCK_REALTIME, &read_at);
  now.digest = sha256_file(path, error);
  if (!error.empty())
    return {};
  now.settled = ns(read_at) - std::max(now.mtime_ns, now.ctime_ns) >
                1'000'000'000;
  size = now.size;
  std::lock_guard lock{mutex_};
  return (entries_[path] = std::move(now)).digest;
}

std::size_t digest_cache::size() const {
  std::lock_guard lock{mutex_};
  return entries_.size();
}

std::string sha256_bytes(std::string_view bytes) {
  md_ctx md;
  md.update(bytes.data(), bytes.size());
  return md.hex();
}

std::string scan_tree(const std::string& root, const std::string& prefix,
                      file_tree& out, const scan_options& opts) {
  const auto& include = opts.include;
  std::error_code ec;
  overlay tree{out};
  // The folders the prefix names ("a/b/" adds a and a/b).
  for (auto slash = prefix.find('/'); slash != std::string::npos;
       slash = prefix.find('/', slash + 1))
    tree.put(prefix.substr(0, slash), entry_kind::directory).mode = 0755;
  auto top = fs::status(root, ec);
  if (ec)
    return root + ": " + ec.message();
  if (!fs::is_directory(top)) {
    if (include && !include(root, false))
      return {};
    auto name = prefix.empty() ? fs::path(root).filename().string()
                               : prefix.substr(0, prefix.size() - 1);
    return add_entry(tree, root, name, top, opts);
  }
  std::vector<std::pair<fs::path, std::string>> stack{{fs::path(root), ""}};
  while (!stack.empty()) {
    auto [dir, rel] = std::move(stack.back());
    stack.pop_back();
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      const auto& path = it->path();
      auto st = it->symlink_status(ec);
      if (ec)
        return path.string() + ": " + ec.message();
      bool is_dir = fs::is_directory(st);
      if (include && !include(path.string(), is_dir))
        continue;
      auto name = rel + path.filename().string();
      if (auto err = add_entry(tree, path, prefix + name, st, opts);
          !err.empty())
        return err;
      if (is_dir)
        stack.emplace_back(path, name + "/");
    }
    if (ec)
      return dir.string() + ": " + ec.message();
  }
  return {};
}

namespace {

/// Writes `entries` into the existing folder `root`, leaving out those
/// `kept` names (already there as they should be): folders, then files,
/// then links, then folder modes.
std::string write_entries(const file_tree& entries, const fs::path& root,
                          const std::function<std::string(const std::string&)>&
                              blob_path,
                          const std::unordered_map<std::string, bool>& kept) {
  std::error_code ec;
  auto is_kept = [&](const tree_entry& e) { return kept.count(e.path) > 0; };
  for (const auto& e : entries)
    if (e.kind == entry_kind::directory &&
        (fs::create_directories(root / e.path, ec), ec))
      return (root / e.path).string() + ": " + ec.message();
  for (const auto& e : entries) {
    if (e.kind != entry_kind::file || is_kept(e))
      continue;
    auto from = blob_path(e.digest);
    auto to = root / e.path;
    if (from.empty())
      return e.path + ": its content (" + e.digest + ") is not here";
    auto size = fs::file_size(from, ec);
    if (ec || size != e.size)
      return e.path + ": its content " + e.digest + " has " +
             std::to_string(ec ? 0 : size) + " bytes, the manifest says " +
             std::to_string(e.size);
    fs::copy_file(from, to, ec);
    if (ec)
      return to.string() + ": " + ec.message();
    fs::permissions(to, static_cast<fs::perms>(e.mode & 0777), ec);
  }
  for (const auto& e : entries)
    if (e.kind == entry_kind::symlink && !is_kept(e) &&
        (fs::create_symlink(e.target, root / e.path, ec), ec))
      return (root / e.path).string() + ": " + ec.message();
  // Folder modes last, innermost first: a read-only folder must be filled
  // before it becomes read-only.
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (it->kind == entry_kind::directory && it->mode != 0)
      fs::permissions(root / it->path, static_cast<fs::perms>(it->mode & 0777),
                      ec);
  return {};
}

/// Removes the folder `dest` and all it holds, read-only folders too.
std::string remove_folder(const std::string& dest) {
  std::error_code ec;
  // A link (or file) where the folder should be: it goes, not what it
  // points to.
  if (!fs::is_directory(fs::symlink_status(dest, ec))) {
    fs::remove(dest, ec);
    return ec ? dest + ": " + ec.message() : std::string{};
  }
  for (fs::recursive_directory_iterator it(dest, ec), end; !ec && it != end;
       it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add,
                      ec);
  fs::permissions(dest, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(dest, ec);
  return ec ? dest + ": " + ec.message() : std::string{};
}

/// `have` (as scanned) is what `want` asks for at its path.
bool same_entry(const tree_entry& have, const tree_entry& want) {
  if (have.kind != want.kind)
    return false;
  switch (want.kind) {
  case entry_kind::file:
    return have.digest == want.digest && (have.mode & 0777) == (want.mode & 0777);
  case entry_kind::symlink:
    return have.target == want.target;
  default:
    return true;
  }
}

} // namespace

std::string
write_tree(const file_tree& entries, const std::string& dest,
           const std::function<std::string(const std::string&)>& blob_path) {
  std::error_code ec;
  fs::create_directories(fs::path(dest).parent_path(), ec);
  if (!fs::create_directory(dest, ec) || ec)
    return dest + ": " + (ec ? ec.message() : "exists already");
  return write_entries(entries, dest, blob_path, {});
}

std::string
sync_tree(const file_tree& entries, const std::string& dest,
          const std::function<std::string(const std::string&)>& blob_path,
          digest_cache& cache) {
  auto fresh = [&] {
    if (auto err = remove_folder(dest); !err.empty())
      return err;
    return write_tree(entries, dest, blob_path);
  };
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(dest, ec)))
    return fresh();
  file_tree have;
  if (!scan_tree(dest, "", have, {{}, nullptr, &cache}).empty())
    return fresh();
  std::unordered_map<std::string, const tree_entry*> wanted;
  for (const auto& e : entries)
    wanted.emplace(e.path, &e);
  std::unordered_map<std::string, bool> kept;
  const fs::path root{dest};
  // What it should not hold, or holds otherwise, goes first; a folder with
  // all it holds. Nothing is followed: scan_tree reports links as links.
  for (const auto& h : have) {
    auto it = wanted.find(h.path);
    if (it != wanted.end() && same_entry(h, *it->second)) {
      kept.emplace(h.path, true);
      continue;
    }
    if (fs::symlink_status(root / h.path, ec).type() ==
        fs::file_type::not_found)
      continue; // inside a folder removed before
    if (h.kind == entry_kind::directory
            ? !remove_folder((root / h.path).string()).empty()
            : (fs::remove(root / h.path, ec), ec.value() != 0))
      return fresh();
  }
  if (auto err = write_entries(entries, root, blob_path, kept); !err.empty())
    return fresh();
  return {};
}

} // namespace actordev::adapters
