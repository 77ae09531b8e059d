#include "runtime/replay/state_text.hpp"

#include "runtime/replay/decision_text.hpp"
#include "runtime/replay/words.hpp"

#include <chrono>
#include <cstdio>

namespace actordev::replay {

namespace {

std::string join(const google::protobuf::RepeatedPtrField<std::string>& v,
                 std::size_t most = 3) {
  std::string out;
  std::size_t n = 0;
  for (const auto& s : v) {
    if (n == most) {
      out +=
          " (+" + std::to_string(v.size() - static_cast<int>(most)) + " more)";
      break;
    }
    out += (n++ ? ", " : "") + s;
  }
  return out;
}

std::string ref_text(const msg::TargetRef& r) {
  return to_string(from_proto(r));
}

std::string kind_text(const msg::ManifestSnapshot& m) {
  std::string out = enum_word(msg::ManifestType_Name(m.type()), "MANIFEST_");
  if (m.uncategorized())
    out += " (uncategorized)";
  out += ", " + enum_word(msg::TriggerMode_Name(m.trigger_mode()), "TRIGGER_");
  out += ", " + enum_word(msg::EnableState_Name(m.enable()), "ENABLE_");
  return out;
}

void add_builds(const msg::ManifestSnapshot& m, std::vector<std::string>& out) {
  if (m.has_current()) {
    const auto& c = m.current();
    std::string line = "  building since " + clock_text(c.started_us()) + " (" +
                       enum_word(msg::BuildKind_Name(c.kind()), "BUILD_");
    for (int i = 0; i < c.rebuilding_size(); ++i)
      line += (i ? ", " : "; rebuilding ") + ref_text(c.rebuilding(i));
    out.push_back(line + ")");
  }
  if (m.has_last_build()) {
    const auto& l = m.last_build();
    out.push_back(
        l.error().empty()
            ? "  last build succeeded at " + clock_text(l.finished_us())
            : "  last build failed at " + clock_text(l.finished_us()) + ": " +
                  one_line(l.error()));
  } else if (!m.has_current()) {
    out.push_back("  never built");
  }
}

void add_pending(const msg::ManifestSnapshot& m,
                 std::vector<std::string>& out) {
  for (const auto& p : m.pending()) {
    if (!p.paths().empty())
      out.push_back("  pending: " + ref_text(p.target()) + ": " +
                    join(p.paths()) + ", since " + clock_text(p.earliest_us()));
    if (p.dep_changed_us() != 0)
      out.push_back("  pending: " + ref_text(p.target()) +
                    " builds on an image rebuilt at " +
                    clock_text(p.dep_changed_us()));
  }
  if (m.pending_config_us() != 0)
    out.push_back("  pending: a config change, since " +
                  clock_text(m.pending_config_us()));
  if (!m.needs_build().empty())
    out.push_back("  needs a build: " + join(m.needs_build(), 10));
}

std::string runtime_text(const msg::RuntimeSnapshot& r, bool ever_ready) {
  std::string out = "  runtime: " +
                    enum_word(msg::RuntimeStatus_Name(r.status()), "RUNTIME_");
  if (r.ready())
    out += ", ready";
  if (r.succeeded())
    out += ", succeeded";
  if (!r.ready() && !r.succeeded() && ever_ready)
    out += ", ready before";
  if (!r.error().empty())
    out += ": " + one_line(r.error());
  return out;
}

void add_manifest(const msg::ManifestSnapshot& m,
                  std::vector<std::string>& out) {
  out.push_back(m.name() + ": " + kind_text(m));
  add_builds(m, out);
  add_pending(m, out);
  out.push_back(runtime_text(m.runtime(), m.ever_ready()));
  if (m.has_hold())
    out.push_back("  hold: " + hold_why(m.hold()));
}

void add_config(const msg::StateSnapshot& s, std::vector<std::string>& out) {
  out.push_back("config " +
                (s.config_path().empty() ? std::string{"(none loaded)"}
                                         : s.config_path()) +
                ", max_parallel_updates " +
                std::to_string(s.max_parallel_updates()));
  if (s.config_edit_us() != 0)
    out.push_back("  an edit waits to be loaded (seen at " +
                  clock_text(s.config_edit_us()) + ")");
  for (const auto& e : s.config_errors()) {
    std::string where = e.file();
    if (e.line() > 0)
      where += ":" + std::to_string(e.line()) +
               (e.column() > 0 ? ":" + std::to_string(e.column()) : "");
    out.push_back("  last load failed: " + where + ": " +
                  one_line(e.message()) +
                  (e.hint().empty() ? "" : " (" + one_line(e.hint()) + ")"));
  }
}

void add_world(const msg::StateSnapshot& s, std::vector<std::string>& out) {
  std::string clusters = "clusters:";
  for (const auto& c : s.clusters())
    clusters += " " + c.name() + " (" +
                (!c.error().empty() ? "error: " + one_line(c.error())
                 : c.arch().empty() ? std::string{"architecture not known"}
                                    : c.arch()) +
                ")";
  out.push_back(s.clusters().empty() ? "clusters: none" : clusters);
  for (const auto& l : s.live_updates())
    out.push_back(
        "live update " + l.name() + " (sources: " +
        (l.sources().empty() ? std::string{"none"} : join(l.sources(), 10)) +
        "): " +
        (l.failed().empty() ? std::string{"healthy"}
                            : "failed: " + one_line(l.failed())));
  out.push_back("trigger queue: " + (s.trigger_queue().empty()
                                         ? std::string{"empty"}
                                         : join(s.trigger_queue(), 100)));
}

} // namespace

std::string clock_text(time_us t) {
  using namespace std::chrono;
  sys_time<microseconds> at{microseconds{t}};
  auto day = floor<days>(at);
  hh_mm_ss hms{floor<milliseconds>(at - day)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d",
                static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()),
                static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string date_time_text(time_us t) {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(sys_time<microseconds>{microseconds{t}})};
  char buf[32];
  std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02u ", static_cast<int>(ymd.year()),
      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf + clock_text(t) + " UTC";
}

std::vector<std::string> state_lines(const msg::StateSnapshot& s) {
  std::vector<std::string> out;
  out.push_back("state after #" + std::to_string(s.seq()) + ", engine clock " +
                date_time_text(s.time_us()));
  add_config(s, out);
  for (const auto& m : s.manifests())
    add_manifest(m, out);
  add_world(s, out);
  return out;
}

} // namespace actordev::replay
