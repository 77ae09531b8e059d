#include "runtime/replay/decision_text.hpp"

#include "runtime/hold.hpp"

#include <google/protobuf/util/message_differencer.h>

#include <string_view>

namespace actordev::replay {

namespace {

using holds_field = google::protobuf::RepeatedPtrField<msg::Hold>;

std::string reason_text(msg::HoldReason reason) {
  auto id = hold_reason_id(reason);
  return id.empty() ? "reason-" + std::to_string(static_cast<int>(reason))
                    : std::string{id};
}

std::string prefix(std::uint64_t seq) {
  return "#" + std::to_string(seq) + " ";
}

const msg::Hold* find(const holds_field& holds, const std::string& name) {
  for (const auto& h : holds)
    if (h.manifest() == name)
      return &h;
  return nullptr;
}

bool same(const msg::Hold* a, const msg::Hold* b) {
  if (!a || !b)
    return a == b;
  return google::protobuf::util::MessageDifferencer::Equals(*a, *b);
}

std::string grants_text(const msg::Decision& d) {
  if (d.granted().empty())
    return "grant nothing";
  std::string out = "grant ";
  for (int i = 0; i < d.granted_size(); ++i) {
    out += (i ? ", " : "") + d.granted(i);
    if (i < d.granted_builders_size() && !d.granted_builders(i).empty())
      out += " on " + d.granted_builders(i);
  }
  return out;
}

/// The manifests whose holds differ, in the order they first appear in
/// `a` then `b`; counts the ones that are the same.
std::vector<std::string> differing(const msg::Decision& a,
                                   const msg::Decision& b, int& same_count) {
  std::vector<std::string> out;
  same_count = 0;
  for (const auto& h : a.holds()) {
    if (same(&h, find(b.holds(), h.manifest())))
      ++same_count;
    else
      out.push_back(h.manifest());
  }
  for (const auto& h : b.holds())
    if (!find(a.holds(), h.manifest()))
      out.push_back(h.manifest());
  return out;
}

/// One side of a divergence: "  recorded: grant api", then its holds of
/// `names`, aligned under the first line.
void add_side(std::vector<std::string>& out, std::string_view label,
              const msg::Decision& d, const std::vector<std::string>& names) {
  std::string head = "  " + std::string{label} + ": ";
  std::string indent(head.size(), ' ');
  out.push_back(head + grants_text(d));
  for (const auto& name : names) {
    const auto* h = find(d.holds(), name);
    out.push_back(indent +
                  (h ? "hold " + hold_text(*h) : "no hold on " + name));
  }
}

} // namespace

std::string hold_why(const msg::Hold& h) {
  std::string out = reason_text(h.reason());
  for (int i = 0; i < h.waiting_on_size(); ++i)
    out += (i ? ", " : " on ") + to_string(from_proto(h.waiting_on(i)));
  return out;
}

std::string hold_text(const msg::Hold& h) {
  return h.manifest() + " " + hold_why(h);
}

std::string grant_text(const msg::GrantReport& g) {
  std::string out = g.manifest();
  for (int i = 0; i < g.reasons_size(); ++i)
    out += (i ? ", " : " (") + g.reasons(i);
  if (!g.reasons().empty())
    out += ')';
  if (!g.builder().empty())
    out += " on builder " + g.builder();
  return out;
}

std::vector<std::string> decision_lines(const msg::DecisionReport& r) {
  std::vector<std::string> out;
  auto at = prefix(r.seq());
  for (const auto& g : r.granted())
    out.push_back(at + "grant " + grant_text(g));
  for (const auto& h : r.held())
    out.push_back(at + "hold " + hold_text(h));
  for (const auto& h : r.released())
    out.push_back(at + "release " + h.manifest() + " (was " + hold_why(h) +
                  ")");
  return out;
}

std::vector<std::string> divergence_lines(const divergence& d) {
  std::vector<std::string> out;
  out.push_back(prefix(d.seq) +
                "differs: the recording and this engine decided differently");
  int same_count = 0;
  auto names = differing(d.recorded, d.replayed, same_count);
  add_side(out, "recorded", d.recorded, names);
  add_side(out, "replayed", d.replayed, names);
  if (same_count > 0)
    out.push_back("  (" + std::to_string(same_count) +
                  (same_count == 1 ? " other hold is" : " other holds are") +
                  " the same in both)");
  return out;
}

msg::DivergenceReport to_report(const divergence& d) {
  msg::DivergenceReport out;
  out.set_seq(d.seq);
  *out.mutable_recorded() = d.recorded;
  *out.mutable_replayed() = d.replayed;
  return out;
}

} // namespace actordev::replay
