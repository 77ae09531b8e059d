#include "adapters/run_record.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace actordev::adapters {

namespace fs = std::filesystem;

namespace {

std::optional<recorded_group> parse_line(const std::string& line) {
  std::istringstream in(line);
  recorded_group g;
  if (!(in >> g.pgid >> g.start_ticks >> g.resource) || g.pgid <= 0)
    return std::nullopt;
  return g;
}

} // namespace

run_record::run_record(std::string project_dir)
    : dir_((fs::path(project_dir) / ".actordev").string())
    , path_((fs::path(dir_) / "processes").string()) {}

std::optional<record_error> run_record::add(const recorded_group& g) {
  auto current = read();
  if (auto* err = std::get_if<record_error>(&current))
    return *err;
  auto gs = std::get<std::vector<recorded_group>>(std::move(current));
  std::erase_if(gs, [&](const auto& x) { return x.pgid == g.pgid; });
  gs.push_back(g);
  return write(gs);
}

std::optional<record_error> run_record::remove(pid_t pgid) {
  auto current = read();
  if (auto* err = std::get_if<record_error>(&current))
    return *err;
  auto gs = std::get<std::vector<recorded_group>>(std::move(current));
  std::erase_if(gs, [&](const auto& x) { return x.pgid == pgid; });
  return write(gs);
}

std::variant<std::vector<recorded_group>, record_error>
run_record::read() const {
  std::vector<recorded_group> out;
  // fopen, not ifstream: POSIX makes it set errno, which tells "no record
  // yet" (ENOENT) apart from a real error.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(
      std::fopen(path_.c_str(), "r"), &std::fclose);
  if (!f) {
    if (errno == ENOENT)
      return out;
    return record_error{path_, std::strerror(errno)};
  }
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f.get())) > 0;)
    text.append(buf, n);
  if (std::ferror(f.get()))
    return record_error{path_, std::strerror(errno)};
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    if (auto g = parse_line(line))
      out.push_back(std::move(*g));
  return out;
}

std::optional<record_error>
run_record::write(const std::vector<recorded_group>& gs) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec)
    return record_error{dir_, ec.message()};
  auto tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& g : gs)
      out << g.pgid << ' ' << g.start_ticks << ' ' << g.resource << '\n';
    if (!out.flush())
      return record_error{tmp, std::strerror(errno)};
  }
  if (std::rename(tmp.c_str(), path_.c_str()) != 0)
    return record_error{path_, std::strerror(errno)};
  return std::nullopt;
}

std::optional<unsigned long long> process_start_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!in || !std::getline(in, stat))
    return std::nullopt;
  // The command name (field 2) is in parentheses and may hold spaces:
  // count fields from the last ')'.
  auto close = stat.rfind(')');
  if (close == std::string::npos)
    return std::nullopt;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int i = 3; i <= 22; ++i) // fields 3..22
    if (!(fields >> field))
      return std::nullopt;
  try {
    return std::stoull(field);
  } catch (...) {
    return std::nullopt;
  }
}

bool still_running(const recorded_group& g) {
  auto ticks = process_start_ticks(g.pgid);
  return ticks && *ticks == g.start_ticks;
}

} // namespace actordev::adapters
