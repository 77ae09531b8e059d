#include "runtime/replay/explain_text.hpp"

#include "runtime/replay/decision_text.hpp"
#include "runtime/replay/words.hpp"
#include "runtime/target_ref.hpp"

namespace actordev::replay {

namespace {

std::string config_text(msg::ResourceConfigChange c) {
  switch (c) {
  case msg::RESOURCE_ADDED:
    return "added to the config";
  case msg::RESOURCE_CHANGED:
    return "its config changed";
  case msg::RESOURCE_REMOVED:
    return "removed from the config";
  default:
    return "config";
  }
}

std::string files_text(const msg::FilesChanged& f) {
  std::string out = "files changed:";
  for (const auto& change : f.changes()) {
    out += " " + to_string(from_proto(change.target())) + ":";
    int shown = 0;
    for (const auto& path : change.paths()) {
      if (shown == 3) {
        out += " (+" + std::to_string(change.paths_size() - shown) + " more)";
        break;
      }
      out += (shown++ ? ", " : " ") + path;
    }
  }
  return out;
}

std::string finished_text(const msg::BuildFinished& f) {
  if (f.error().empty())
    return "build succeeded";
  std::string out = "build failed";
  if (f.exit_code() != 0)
    out += " (exit " + std::to_string(f.exit_code()) + ")";
  return out + ": " + one_line(f.error());
}

std::string runtime_text(const msg::RuntimeSnapshot& r) {
  std::string out =
      "runtime " + enum_word(msg::RuntimeStatus_Name(r.status()), "RUNTIME_");
  if (r.ready())
    out += ", ready";
  if (r.succeeded())
    out += ", succeeded";
  if (!r.error().empty())
    out += ": " + one_line(r.error());
  return out;
}

std::string cluster_text(const msg::ClusterStatus& c) {
  std::string out = "cluster " + c.name() + ": ";
  if (!c.error().empty())
    return out + "error: " + one_line(c.error());
  return out + (c.arch().empty() ? "architecture not known yet" : c.arch());
}

std::string live_update_text(const msg::LiveUpdateStatus& l) {
  std::string out = "live update " + l.name() + ": ";
  if (!l.failed().empty())
    return out + "failed: " + one_line(l.failed());
  if (l.files_synced() == 0 && l.steps_run() == 0)
    return out + "healthy";
  return out + "synced " + std::to_string(l.files_synced()) + " files, ran " +
         std::to_string(l.steps_run()) + " steps";
}

std::string event_text(const msg::ExplainEntry& entry) {
  const auto& e = entry.event();
  switch (e.kind_case()) {
  case msg::Event::kFilesChanged:
    return files_text(e.files_changed());
  case msg::Event::kBuildStarted:
    return "build started (" +
           enum_word(msg::BuildKind_Name(e.build_started().kind()), "BUILD_") +
           ")" +
           (e.build_started().builder().empty()
                ? ""
                : " on builder " + e.build_started().builder());
  case msg::Event::kBuildFinished:
    return finished_text(e.build_finished());
  case msg::Event::kRuntimeChanged:
    return runtime_text(entry.runtime());
  case msg::Event::kTriggerRequested:
    return "triggered (" +
           enum_word(msg::TriggerSource_Name(e.trigger_requested().source()),
                     "TRIGGER_SOURCE_") +
           ")";
  case msg::Event::kEnableChanged:
    return enum_word(msg::EnableState_Name(e.enable_changed().state()),
                     "ENABLE_");
  case msg::Event::kClusterStatus:
    return cluster_text(e.cluster_status());
  case msg::Event::kLiveUpdateStatus:
    return live_update_text(e.live_update_status());
  default:
    return "event";
  }
}

} // namespace

std::string explain_line(const msg::ExplainEntry& e) {
  std::string at = "#" + std::to_string(e.seq()) + " ";
  switch (e.kind_case()) {
  case msg::ExplainEntry::kGranted:
    return at + "grant " + grant_text(e.granted());
  case msg::ExplainEntry::kHeld:
    return at + "hold " + hold_text(e.held());
  case msg::ExplainEntry::kReleased:
    return at + "release " + e.manifest() + " (was " + hold_why(e.released()) +
           ")";
  case msg::ExplainEntry::kConfig:
    return at + e.manifest() + ": " + config_text(e.config());
  case msg::ExplainEntry::kEvent:
    return at + e.manifest() + ": " + event_text(e);
  case msg::ExplainEntry::KIND_NOT_SET:
    break;
  }
  return at + e.manifest();
}

} // namespace actordev::replay
