// Reported pods are kept as pod_state, copied over the pods kept before:
// every field of msg::Pod and msg::Container must be kept (found through
// reflection, so a field added to the .proto and not to pod_state fails
// here), and nothing of what was kept before may be left over.
#include "runtime/pod_state.hpp"

#include <catch2/catch.hpp>
#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace actordev;
namespace pb = google::protobuf;

namespace {

/// Sets field `f` of `m` to a value other than its default that depends on
/// `salt`; a repeated field gets 1 + salt % 3 elements.
void set_field(pb::Message& m, const pb::FieldDescriptor* f, int salt) {
  const auto* r = m.GetReflection();
  auto text = f->name() + "-" + std::to_string(salt);
  int count = f->is_repeated() ? 1 + salt % 3 : 1;
  for (int i = 0; i < count; ++i) {
    switch (f->cpp_type()) {
    case pb::FieldDescriptor::CPPTYPE_INT32:
      f->is_repeated() ? r->AddInt32(&m, f, salt + 1)
                       : r->SetInt32(&m, f, salt + 1);
      break;
    case pb::FieldDescriptor::CPPTYPE_INT64:
      f->is_repeated() ? r->AddInt64(&m, f, salt + 1'000'000'000'000)
                       : r->SetInt64(&m, f, salt + 1'000'000'000'000);
      break;
    case pb::FieldDescriptor::CPPTYPE_BOOL:
      f->is_repeated() ? r->AddBool(&m, f, true) : r->SetBool(&m, f, true);
      break;
    case pb::FieldDescriptor::CPPTYPE_STRING:
      f->is_repeated() ? r->AddString(&m, f, text) : r->SetString(&m, f, text);
      break;
    case pb::FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type();
      auto v = e->value(1 + salt % (e->value_count() - 1))->number();
      f->is_repeated() ? r->AddEnumValue(&m, f, v) : r->SetEnumValue(&m, f, v);
      break;
    }
    case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
      auto* sub =
          f->is_repeated() ? r->AddMessage(&m, f) : r->MutableMessage(&m, f);
      const auto* d = sub->GetDescriptor();
      for (int k = 0; k < d->field_count(); ++k)
        set_field(*sub, d->field(k), salt + i + k);
      break;
    }
    default:
      FAIL("pod_assign_test does not set fields of type "
           << f->cpp_type_name() << " (" << f->full_name() << ")");
    }
  }
}

/// Every field of `m` set, with values depending on `salt`.
template <class Message>
Message filled(int salt) {
  Message m;
  const auto* d = m.GetDescriptor();
  for (int k = 0; k < d->field_count(); ++k)
    set_field(m, d->field(k), salt + k);
  return m;
}

/// What the engine keeps of `m`.
template <class State, class Message>
State kept(const Message& m) {
  State out;
  assign(m, out);
  return out;
}

/// Copied over a default state and over states kept from other messages,
/// `from` comes out the same.
template <class State, class Message>
void check_nothing_left_over(const Message& from) {
  auto fresh = kept<State>(from);
  for (int salt : {5, 7, 8}) {
    INFO("copied over a state kept from a message filled with " << salt);
    auto reused = kept<State>(filled<Message>(salt));
    assign(from, reused);
    CHECK(reused == fresh);
  }
}

/// Each field of `Message` but those in `not_kept`, set alone, changes
/// what is kept; and nothing is left over whichever fields are set.
template <class State, class Message>
void check_every_field_kept(const std::vector<std::string>& not_kept) {
  const auto* d = Message::descriptor();
  for (int k = 0; k < d->field_count(); ++k) {
    const auto* f = d->field(k);
    if (std::find(not_kept.begin(), not_kept.end(), f->name()) !=
        not_kept.end())
      continue;
    INFO("only " << f->full_name() << " set");
    Message from;
    set_field(from, f, 3);
    CHECK_FALSE(kept<State>(from) == State{});
    check_nothing_left_over<State>(from);
  }
  INFO("every field set, or none");
  check_nothing_left_over<State>(filled<Message>(1));
  check_nothing_left_over<State>(Message{});
  CHECK(kept<State>(Message{}) == State{});
}

} // namespace

TEST_CASE("every field of a reported container is kept", "[runtime]") {
  check_every_field_kept<container_state, msg::Container>({});
}

TEST_CASE("every field of a reported pod is kept but whether it is being "
          "deleted",
          "[runtime]") {
  // Pods being deleted no longer count and are not kept at all.
  check_every_field_kept<pod_state, msg::Pod>({"deleting"});
}

TEST_CASE("a kept pod holds the reported values", "[runtime]") {
  msg::Pod p;
  p.set_name("api-7d4f");
  p.set_created_us(1'700'000'000'000'000);
  p.set_phase(msg::POD_RUNNING);
  auto* c = p.add_containers();
  c->set_name("api");
  c->set_id("containerd://a1");
  c->set_image("api-image");
  c->set_state(msg::CONTAINER_TERMINATED);
  c->set_ready(true);
  c->set_restarts(3);
  c->set_exit_code(137);
  c->set_reason("OOMKilled");
  c->set_has_healthcheck(true);
  c->set_healthy(true);
  p.add_containers()->set_name("sidecar");

  auto k = kept<pod_state>(p);
  CHECK(k.name == "api-7d4f");
  CHECK(k.created_us == 1'700'000'000'000'000);
  CHECK(k.phase == msg::POD_RUNNING);
  REQUIRE(k.containers.size() == 2);
  const auto& main = k.containers[0];
  CHECK(main.name == "api");
  CHECK(main.id == "containerd://a1");
  CHECK(main.image == "api-image");
  CHECK(main.state == msg::CONTAINER_TERMINATED);
  CHECK(main.ready);
  CHECK(main.restarts == 3);
  CHECK(main.exit_code == 137);
  CHECK(main.reason == "OOMKilled");
  CHECK(main.has_healthcheck);
  CHECK(main.healthy);
  container_state sidecar;
  sidecar.name = "sidecar";
  CHECK(k.containers[1] == sidecar);
}
