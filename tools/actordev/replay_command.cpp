#include "tools/actordev/replay_command.hpp"

#include "adapters/read_file.hpp"
#include "runtime/message_log/jsonl_writer.hpp"
#include "runtime/message_log/log_reader.hpp"
#include "runtime/replay/decision_report.hpp"
#include "runtime/replay/decision_text.hpp"
#include "runtime/replay/explain.hpp"
#include "runtime/replay/explain_text.hpp"
#include "runtime/replay/replay_run.hpp"
#include "runtime/replay/state_snapshot.hpp"
#include "runtime/replay/state_text.hpp"
#include "tools/actordev/version.hpp"
#include "tools/actordev/whole_number.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <memory>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace actordev::cli {

namespace {

using message_log::log_reader;
using replay::stop_reason;

/// Writes one line for a person on stderr, after what stdout holds so far:
/// where both go to one place, the line comes where it happened.
template <class... Args>
void say(fmt::format_string<Args...> text, Args&&... args) {
  std::fflush(stdout);
  fmt::print(stderr, text, std::forward<Args>(args)...);
}

/// Where replay's findings go: lines of text on stdout (notes and errors
/// on stderr), or, with -o json, one JSON object per line on stdout and
/// notes and errors in the summary.
class printer {
public:
  explicit printer(bool json)
      : json_(json) {}

  bool json() const { return json_; }

  void lines(const std::vector<std::string>& text) const {
    for (const auto& l : text)
      fmt::print("{}\n", l);
  }
  void record(const google::protobuf::Message& m) const {
    fmt::print("{}\n", message_log::to_json_line(m));
  }
  /// Something a person should know that is not the result.
  void note(msg::ReplaySummary& s, const std::string& text) const {
    if (!json_) {
      say("actordev replay: note: {}\n", text);
      return;
    }
    s.set_note(s.note().empty() ? text : s.note() + "; " + text);
  }

private:
  bool json_;
};

/// The default mode: every decision that grants a build or changes a hold.
class decision_printer final : public replay::replay_observer {
public:
  explicit decision_printer(const printer& out)
      : out_(out) {}

  void decided(const replay::replayer& r) override {
    const auto& point = r.last_point();
    if (!replay::may_report(point)) // most decisions: no string is made
      return;
    auto report = replay::report_decision(r.replayed(), point);
    if (replay::empty(report))
      return;
    if (!out_.json()) {
      out_.lines(replay::decision_lines(report));
      return;
    }
    msg::ReplayLine line;
    *line.mutable_decision() = std::move(report);
    out_.record(line);
  }

private:
  const printer& out_;
};

/// --explain: what concerned one resource.
class explain_printer final : public replay::replay_observer {
public:
  explain_printer(const printer& out, std::string manifest)
      : out_(out)
      , explainer_(std::move(manifest)) {}

  void applied(const msg::Event& e, const replay::replayer& r) override {
    if (auto entry = explainer_.on_event(e, r.replayed().state()))
      print(std::move(*entry));
  }
  void decided(const replay::replayer& r) override {
    if (auto entry = explainer_.on_decision(r.last_point(), r.replayed()))
      print(std::move(*entry));
  }
  bool seen() const { return explainer_.seen(); }

private:
  void print(msg::ExplainEntry entry) const {
    if (!out_.json()) {
      fmt::print("{}\n", replay::explain_line(entry));
      return;
    }
    msg::ReplayLine line;
    *line.mutable_explain() = std::move(entry);
    out_.record(line);
  }

  const printer& out_;
  replay::explainer explainer_;
};

std::string plural(std::uint64_t n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

/// "replayed 120 events and 37 decisions up to #200: all match".
std::string summary_text(const msg::ReplaySummary& s, stop_reason why) {
  std::string out = "replayed " + plural(s.events(), "event") + " and " +
                    plural(s.decisions(), "decision");
  if (why == stop_reason::until)
    out += fmt::format(" up to #{}", s.last_seq());
  bool none = s.decisions() == 0;
  switch (s.verdict()) {
  case msg::REPLAY_DIVERGED:
    return out + fmt::format(": first divergence at #{}", s.divergence().seq());
  case msg::REPLAY_DAMAGED:
    return out + (none ? ": no decision before the damage"
                       : ": all match before the damage");
  case msg::REPLAY_INCOMPLETE:
    return out + (none ? ": no decision before the gap"
                       : ": all match before the gap");
  default:
    return out + (none ? ": no decision to check" : ": all match");
  }
}

int exit_code(msg::ReplayVerdict v) {
  switch (v) {
  case msg::REPLAY_MATCH:
    return replay_ok;
  case msg::REPLAY_DIVERGED:
    return replay_diverged;
  default:
    return replay_unchecked;
  }
}

/// Fills the summary's verdict and what it needs from how the replay ended.
void conclude(msg::ReplaySummary& s, const replay::replayer& r,
              const replay::replay_end& end, const log_reader& reader) {
  s.set_events(r.events());
  s.set_decisions(r.decisions());
  s.set_last_seq(r.seq());
  switch (end.reason) {
  case stop_reason::end:
  case stop_reason::until:
    s.set_verdict(msg::REPLAY_MATCH);
    break;
  case stop_reason::diverged:
    s.set_verdict(msg::REPLAY_DIVERGED);
    *s.mutable_divergence() = replay::to_report(*r.first_divergence());
    break;
  case stop_reason::dropped:
    s.set_verdict(msg::REPLAY_INCOMPLETE);
    *s.mutable_dropped() = *end.gap;
    s.set_error(fmt::format("the log lost {} at #{} (the writer fell behind): "
                            "nothing after can be checked",
                            plural(end.gap->count(), "record"),
                            end.gap->seq()));
    break;
  case stop_reason::damaged:
    s.set_verdict(msg::REPLAY_DAMAGED);
    s.set_error(reader.damage()->describe());
    break;
  }
}

/// The summary last: the divergence, the summary line and any error as
/// text, or the summary object.
int finish(const printer& out, const replay_options& o,
           const msg::ReplaySummary& s, const replay::replayer& r,
           stop_reason why) {
  if (out.json()) {
    msg::ReplayLine line;
    *line.mutable_summary() = s;
    out.record(line);
    return exit_code(s.verdict());
  }
  if (r.first_divergence())
    out.lines(replay::divergence_lines(*r.first_divergence()));
  fmt::print("{}\n", summary_text(s, why));
  if (!s.error().empty())
    say("actordev replay: error: {}: {}\n", o.path, s.error());
  return exit_code(s.verdict());
}

void print_state(const printer& out, msg::ReplaySummary& s,
                 const replay::replayer& r, const replay::replay_end& end,
                 std::uint64_t at) {
  if (end.reason == stop_reason::end && r.seq() < at)
    out.note(s, fmt::format("the log ends at #{}, before #{}: this is the "
                            "state at its end",
                            r.seq(), at));
  else if (end.reason != stop_reason::until && end.reason != stop_reason::end)
    out.note(s, fmt::format("the replay stopped at #{}, before #{}: this is "
                            "the state there",
                            r.seq(), at));
  auto snap = replay::snapshot(r.replayed(), r.seq());
  if (!out.json()) {
    out.lines(replay::state_lines(snap));
    return;
  }
  msg::ReplayLine line;
  *line.mutable_state() = std::move(snap);
  out.record(line);
}

void note_version(const printer& out, msg::ReplaySummary& s,
                  const log_reader& reader) {
  if (!reader.header())
    return;
  const auto& theirs = reader.header()->actordev_version();
  if (theirs.empty() || theirs == version)
    return;
  out.note(s, fmt::format("this log was written by actordev {}, this is "
                          "actordev {}: where the engine changed since, "
                          "decisions may differ",
                          theirs, version));
}

int replay_records(log_reader& reader, const replay_options& o,
                   const printer& out) {
  msg::ReplaySummary summary;
  note_version(out, summary, reader);
  std::uint64_t until = o.state_at != 0 ? o.state_at : o.until;
  summary.set_until(until);
  replay::replay_observer quiet;
  decision_printer decisions{out};
  std::unique_ptr<explain_printer> explain;
  replay::replay_observer* obs = &decisions;
  if (o.state_at != 0) {
    obs = &quiet;
  } else if (!o.explain.empty()) {
    explain = std::make_unique<explain_printer>(out, o.explain);
    obs = explain.get();
  }
  replay::replayer r;
  auto end = replay::replay_log(reader, r, until, *obs);
  conclude(summary, r, end, reader);
  if (o.state_at != 0)
    print_state(out, summary, r, end, o.state_at);
  if (explain && !explain->seen())
    out.note(summary, fmt::format("no resource named {} was in this log's "
                                  "config",
                                  o.explain));
  return finish(out, o, summary, r, end.reason);
}

/// --to-jsonl: every record as a JSON line, the header first.
int convert(log_reader& reader, const replay_options& o) {
  if (reader.header()) {
    msg::LogRecord header;
    *header.mutable_header() = *reader.header();
    fmt::print("{}\n", message_log::to_json_line(header));
  }
  msg::LogRecord record;
  while (reader.next(record))
    fmt::print("{}\n", message_log::to_json_line(record));
  if (!reader.damage())
    return replay_ok;
  say("actordev replay: error: {}: {}\n", o.path, reader.damage()->describe());
  return replay_unchecked;
}

/// A log that cannot be replayed at all: the file is unreadable or empty.
int unusable(const printer& out, const replay_options& o,
             msg::ReplayVerdict verdict, const std::string& error,
             const std::string& hint) {
  if (out.json()) {
    msg::ReplaySummary s;
    s.set_verdict(verdict);
    s.set_error(error);
    msg::ReplayLine line;
    *line.mutable_summary() = s;
    out.record(line);
  } else {
    say("actordev replay: error: {}: {}\n  hint: {}\n", o.path, error, hint);
  }
  return replay_unchecked;
}

} // namespace

CLI::App* add_replay_command(CLI::App& app, replay_options& o) {
  auto* cmd = app.add_subcommand(
      "replay", "Re-run the scheduler on a recorded message log, print its "
                "decisions and check each against the recording");
  cmd->add_option("log", o.path, "The message log (binary or JSON lines)")
      ->type_name("FILE")
      ->required();
  cmd->add_flag("--jsonl", o.jsonl,
                "Read the log as JSON lines (default: told by its first "
                "bytes)");
  auto* to_jsonl = cmd->add_flag(
      "--to-jsonl", o.to_jsonl,
      "Print the log as JSON lines, header first; replay nothing");
  auto* until =
      cmd->add_option("--until", o.until, "Stop after the record numbered SEQ")
          ->type_name("SEQ")
          ->check(whole_number(1));
  auto* state_at =
      cmd->add_option("--state-at", o.state_at,
                      "Print the engine state after the record numbered SEQ")
          ->type_name("SEQ")
          ->check(whole_number(1))
          ->excludes(until);
  auto* explain =
      cmd->add_option("--explain", o.explain,
                      "Show the events, grants and hold changes that "
                      "concerned RESOURCE")
          ->type_name("RESOURCE")
          ->excludes(state_at);
  auto* output = cmd->add_option_function<std::string>(
                        "-o,--output",
                        [&o](const std::string& f) { o.json = f == "json"; },
                        "text (default) or json: one JSON object per line")
                     ->type_name("FORMAT")
                     ->check(CLI::IsMember({"text", "json"}));
  to_jsonl->excludes(until)->excludes(state_at)->excludes(explain)->excludes(
      output);
  return cmd;
}

int run_replay(const replay_options& o) {
  printer out{o.json};
  auto read = adapters::read_file(o.path);
  if (const auto* err = std::get_if<adapters::read_error>(&read))
    return unusable(out, o, msg::REPLAY_UNREADABLE, err->reason,
                    "the logs of `up` and `ci` are in .actordev/logs next to "
                    "the config");
  std::string_view bytes = std::get<std::string>(read);
  if (bytes.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return unusable(out, o, msg::REPLAY_DAMAGED,
                    "the log is empty: nothing to replay",
                    "a session killed before it wrote anything leaves an "
                    "empty log");
  // Anything that is not JSON lines is read as binary: its magic check
  // names what is wrong at byte 0.
  bool jsonl =
      o.jsonl || message_log::sniff_form(bytes) == message_log::log_form::jsonl;
  auto reader =
      jsonl ? message_log::read_jsonl(bytes) : message_log::read_binary(bytes);
  if (o.to_jsonl)
    return convert(*reader, o);
  return replay_records(*reader, o, out);
}

} // namespace actordev::cli
