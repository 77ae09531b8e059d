#include "adapters/blob_store.hpp"

#include "adapters/tree_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

namespace actordev::adapters {

namespace {

namespace fs = std::filesystem;

/// A digest is used as a file name: only 64 lowercase hex digits pass.
bool safe_name(std::string_view digest) {
  return digest.size() == 64 &&
         std::all_of(digest.begin(), digest.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string os_error(const std::string& path) {
  return path + ": " + std::generic_category().message(errno);
}

} // namespace

blob_store::blob_store(std::string dir, std::uint64_t cap_bytes)
    : dir_(std::move(dir))
    , cap_(cap_bytes) {}

std::string blob_store::blob_path(const std::string& digest) const {
  return dir_ + "/" + digest.substr(0, 2) + "/" + digest;
}

std::string blob_store::partial_path(const std::string& digest) const {
  return dir_ + "/incoming/" + digest;
}

std::string blob_store::open() {
  if (dir_.empty())
    return "no folder given for the blob store";
  std::error_code ec;
  fs::remove_all(dir_ + "/incoming", ec);
  fs::create_directories(dir_ + "/incoming", ec);
  if (ec)
    return dir_ + ": " + ec.message();
  struct found {
    fs::file_time_type time;
    std::string digest;
    std::uint64_t size;
  };
  std::vector<found> all;
  for (fs::recursive_directory_iterator it(dir_, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().parent_path().filename() == "incoming" ||
        !it->is_regular_file())
      continue;
    auto name = it->path().filename().string();
    if (!safe_name(name))
      continue;
    all.push_back({it->last_write_time(), name, it->file_size()});
  }
  if (ec)
    return dir_ + ": " + ec.message();
  std::sort(all.begin(), all.end(),
            [](const found& a, const found& b) { return a.time < b.time; });
  for (const auto& f : all)
    insert(f.digest, f.size);
  return {};
}

void blob_store::insert(const std::string& digest, std::uint64_t size) {
  auto [it, fresh] = blobs_.try_emplace(digest);
  if (fresh) {
    it->second.size = size;
    bytes_ += size;
  } else {
    lru_.erase(it->second.used);
  }
  it->second.used = ++tick_;
  lru_[tick_] = digest;
}

bool blob_store::has(const std::string& digest) const {
  return blobs_.count(digest) > 0;
}

std::string blob_store::use(const std::string& digest) {
  auto it = blobs_.find(digest);
  if (it == blobs_.end())
    return {};
  insert(digest, it->second.size);
  return blob_path(digest);
}

std::string blob_store::put_chunk(const std::string& digest,
                                  std::uint64_t offset, std::string_view data,
                                  bool last) {
  if (!safe_name(digest))
    return "'" + digest.substr(0, 80) + "' is not a SHA-256 digest";
  if (has(digest))
    return {}; // sent twice (two builds wanted it): keep the one we have
  // A first piece starts the blob afresh: what an earlier, broken-off
  // transfer left (here or in another process on this folder) goes.
  if (offset == 0)
    drop_partial(digest);
  auto& so_far = partial_[digest];
  if (offset != so_far) {
    auto expected = so_far;
    drop_partial(digest);
    return "blob " + digest + ": a chunk at offset " + std::to_string(offset) +
           ", expected " + std::to_string(expected) +
           " (a chunk was lost or sent twice)";
  }
  auto path = partial_path(digest);
  int fd = ::open(path.c_str(),
                  O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW |
                      (offset == 0 ? O_TRUNC : 0),
                  0600);
  if (fd < 0) {
    auto err = os_error(path);
    drop_partial(digest);
    return err;
  }
  std::size_t done = 0;
  while (done < data.size()) {
    auto n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      auto err = os_error(path);
      ::close(fd);
      drop_partial(digest);
      return err;
    }
    done += static_cast<std::size_t>(n);
  }
  ::close(fd);
  so_far += data.size();
  if (!last)
    return {};
  std::string error;
  auto actual = sha256_file(path, error);
  auto size = so_far;
  if (!error.empty() || actual != digest) {
    drop_partial(digest);
    return error.empty() ? "blob " + digest +
                               ": the bytes received have the "
                               "digest " +
                               actual + " (damaged or truncated)"
                         : error;
  }
  partial_.erase(digest);
  auto to = blob_path(digest);
  std::error_code ec;
  fs::create_directories(fs::path(to).parent_path(), ec);
  fs::rename(path, to, ec);
  if (ec)
    return to + ": " + ec.message();
  insert(digest, size);
  return {};
}

void blob_store::drop_partial(const std::string& digest) {
  partial_.erase(digest);
  if (!safe_name(digest))
    return;
  std::error_code ec;
  fs::remove(partial_path(digest), ec);
}

std::string blob_store::add_file(const std::string& path,
                                 const std::string& digest) {
  if (!safe_name(digest))
    return "'" + digest.substr(0, 80) + "' is not a SHA-256 digest";
  if (has(digest)) {
    use(digest);
    return {};
  }
  std::error_code ec;
  auto tmp = partial_path(digest) + ".add";
  fs::copy_file(path, tmp, fs::copy_options::overwrite_existing, ec);
  auto size = ec ? 0 : fs::file_size(tmp, ec);
  auto to = blob_path(digest);
  if (!ec)
    fs::create_directories(fs::path(to).parent_path(), ec);
  if (!ec)
    fs::rename(tmp, to, ec);
  if (ec) {
    std::error_code ignore;
    fs::remove(tmp, ignore);
    return path + ": " + ec.message();
  }
  insert(digest, size);
  return {};
}

std::string blob_store::read_chunk(const std::string& digest,
                                   std::uint64_t offset, std::size_t max,
                                   std::string& error) {
  auto path = use(digest);
  if (path.empty()) {
    error = "blob " + digest.substr(0, 80) + " is not in the store";
    return {};
  }
  return read_piece(path, offset, max, error);
}

void blob_store::pin(const std::string& digest) {
  if (auto it = blobs_.find(digest); it != blobs_.end())
    ++it->second.pins;
}

void blob_store::unpin(const std::string& digest) {
  if (auto it = blobs_.find(digest); it != blobs_.end() && it->second.pins > 0)
    --it->second.pins;
}

std::size_t blob_store::evict() {
  std::size_t removed = 0;
  for (auto it = lru_.begin(); bytes_ > cap_ && it != lru_.end();) {
    auto b = blobs_.find(it->second);
    if (b->second.pins > 0) {
      ++it;
      continue;
    }
    std::error_code ec;
    fs::remove(blob_path(it->second), ec);
    bytes_ -= b->second.size;
    blobs_.erase(b);
    it = lru_.erase(it);
    ++removed;
  }
  return removed;
}

} // namespace actordev::adapters
