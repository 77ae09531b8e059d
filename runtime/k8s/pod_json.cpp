#include "runtime/k8s/pod_json.hpp"

#include "runtime/k8s/image_injection.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <charconv>

namespace actordev::k8s {

namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

const Value* at(const Struct& s, const char* key) {
  auto it = s.fields().find(key);
  return it == s.fields().end() ? nullptr : &it->second;
}

const Struct* object_at(const Struct& s, const char* key) {
  const auto* v = at(s, key);
  return v && v->kind_case() == Value::kStructValue ? &v->struct_value()
                                                    : nullptr;
}

std::string text(const Struct& s, const char* key) {
  const auto* v = at(s, key);
  return v && v->kind_case() == Value::kStringValue ? v->string_value() : "";
}

std::int64_t number(const Struct& s, const char* key) {
  const auto* v = at(s, key);
  return v && v->kind_case() == Value::kNumberValue
             ? static_cast<std::int64_t>(v->number_value())
             : 0;
}

bool flag(const Struct& s, const char* key) {
  const auto* v = at(s, key);
  return v && v->kind_case() == Value::kBoolValue && v->bool_value();
}

msg::PodPhase phase_of(const std::string& p) {
  if (p == "Running")
    return msg::POD_RUNNING;
  if (p == "Succeeded")
    return msg::POD_SUCCEEDED;
  if (p == "Failed")
    return msg::POD_FAILED;
  if (p == "Pending")
    return msg::POD_PENDING;
  return msg::POD_UNKNOWN;
}

msg::Container container_of(const Struct& cs,
                            const std::vector<std::string>& images) {
  msg::Container c;
  c.set_name(text(cs, "name"));
  c.set_id(text(cs, "containerID"));
  auto repo = image_repository(text(cs, "image"));
  // kubectl may print the image as the runtime resolved it
  // (docker.io/library/web:...): match the built images by suffix too.
  for (const auto& name : images)
    if (repo == name ||
        (repo.size() > name.size() &&
         repo.compare(repo.size() - name.size(), name.size(), name) == 0 &&
         repo[repo.size() - name.size() - 1] == '/')) {
      repo = name;
      break;
    }
  c.set_image(repo);
  c.set_ready(flag(cs, "ready"));
  c.set_restarts(static_cast<std::int32_t>(number(cs, "restartCount")));
  if (const auto* state = object_at(cs, "state")) {
    if (object_at(*state, "running")) {
      c.set_state(msg::CONTAINER_RUNNING);
    } else if (const auto* t = object_at(*state, "terminated")) {
      c.set_state(msg::CONTAINER_TERMINATED);
      c.set_exit_code(static_cast<std::int32_t>(number(*t, "exitCode")));
      c.set_reason(text(*t, "reason"));
    } else if (const auto* w = object_at(*state, "waiting")) {
      c.set_state(msg::CONTAINER_WAITING);
      c.set_reason(text(*w, "reason"));
    }
  }
  return c;
}

void add_statuses(const Struct& status, const char* key,
                  const std::vector<std::string>& images, msg::Pod& pod) {
  const auto* list = at(status, key);
  if (!list || list->kind_case() != Value::kListValue)
    return;
  for (const auto& v : list->list_value().values())
    if (v.kind_case() == Value::kStructValue)
      *pod.add_containers() = container_of(v.struct_value(), images);
}

int two(std::string_view s, std::size_t at) {
  if (at + 2 > s.size())
    return -1;
  int v = 0;
  auto r = std::from_chars(s.data() + at, s.data() + at + 2, v);
  return r.ec == std::errc{} && r.ptr == s.data() + at + 2 ? v : -1;
}

} // namespace

std::optional<std::string> json_stream::next() {
  for (; scanned_ < buffer_.size(); ++scanned_) {
    char ch = buffer_[scanned_];
    if (in_string_) {
      if (escaped_)
        escaped_ = false;
      else if (ch == '\\')
        escaped_ = true;
      else if (ch == '"')
        in_string_ = false;
      continue;
    }
    if (ch == '"' && started_) {
      in_string_ = true;
    } else if (ch == '{') {
      if (!started_) {
        started_ = true;
        start_ = scanned_;
      }
      ++depth_;
    } else if (ch == '}' && started_ && --depth_ == 0) {
      std::string out = buffer_.substr(start_, scanned_ + 1 - start_);
      buffer_.erase(0, scanned_ + 1);
      scanned_ = 0;
      started_ = false;
      return out;
    }
  }
  if (!started_) {
    buffer_.clear(); // nothing but text between objects
    scanned_ = 0;
  } else if (buffer_.size() - start_ > max_) {
    overflowed_ = true;
    buffer_.clear();
    scanned_ = 0;
    depth_ = 0;
    started_ = in_string_ = escaped_ = false;
  }
  return std::nullopt;
}

std::int64_t parse_time_us(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS[.frac]Z
  if (t.size() < 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
      t[13] != ':' || t[16] != ':')
    return 0;
  int year = 0;
  if (std::from_chars(t.data(), t.data() + 4, year).ec != std::errc{})
    return 0;
  int mon = two(t, 5), day = two(t, 8), h = two(t, 11), m = two(t, 14),
      s = two(t, 17);
  if (mon < 1 || mon > 12 || day < 1 || day > 31 || h < 0 || m < 0 || s < 0)
    return 0;
  // Days from the civil date (Howard Hinnant's algorithm).
  int y = year - (mon <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  std::int64_t days = static_cast<std::int64_t>(era) * 146097 + doe - 719468;
  std::int64_t us = ((days * 24 + h) * 60 + m) * 60 + s;
  us *= 1'000'000;
  std::size_t at = 19;
  if (at < t.size() && t[at] == '.') {
    std::int64_t frac = 0, scale = 1'000'000;
    for (++at; at < t.size() && t[at] >= '0' && t[at] <= '9'; ++at)
      if (scale > 1) {
        scale /= 10;
        frac += (t[at] - '0') * scale;
      }
    us += frac;
  }
  return us;
}

pod_read read_pod_event(std::string_view json,
                        const std::vector<std::string>& images) {
  pod_read out;
  Value v;
  if (!google::protobuf::util::JsonStringToMessage(std::string{json}, &v)
           .ok() ||
      v.kind_case() != Value::kStructValue) {
    out.error = "kubectl printed something that is not a JSON object";
    return out;
  }
  const Struct* obj = &v.struct_value();
  bool deleted = false;
  if (const auto* o = object_at(*obj, "object"); o && at(*obj, "type")) {
    deleted = text(*obj, "type") == "DELETED";
    obj = o;
  }
  if (text(*obj, "kind") != "Pod") {
    out.error = "kubectl printed a " +
                (text(*obj, "kind").empty() ? std::string{"JSON object"}
                                            : text(*obj, "kind")) +
                ", not a Pod";
    return out;
  }
  pod_event e;
  e.deleted = deleted;
  if (const auto* meta = object_at(*obj, "metadata")) {
    e.pod.set_name(text(*meta, "name"));
    e.pod.set_created_us(parse_time_us(text(*meta, "creationTimestamp")));
    e.pod.set_deleting(at(*meta, "deletionTimestamp") != nullptr &&
                       at(*meta, "deletionTimestamp")->kind_case() !=
                           Value::kNullValue);
    if (const auto* labels = object_at(*meta, "labels"))
      for (const auto& [key, value] : labels->fields())
        if (value.kind_case() == Value::kStringValue)
          e.labels[key] = value.string_value();
  }
  if (const auto* status = object_at(*obj, "status")) {
    e.pod.set_phase(phase_of(text(*status, "phase")));
    add_statuses(*status, "containerStatuses", images, e.pod);
  }
  out.event = std::move(e);
  return out;
}

} // namespace actordev::k8s
