// Pods reported again are copied over the kept ones field by field: the
// result must be what CopyFrom gives, for every field the messages have
// (found through reflection, so a field added to the .proto and not to
// pod_assign fails here), whatever the kept pod held before.
#include "runtime/pod_assign.hpp"

#include <catch2/catch.hpp>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/message_differencer.h>

#include <string>

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

/// `from` copied over `to` equals `from`, as CopyFrom makes it.
template <class Message>
void check_assigns(const Message& from, Message to) {
  Message copied;
  copied.CopyFrom(from);
  assign(from, to);
  CHECK(pb::util::MessageDifferencer::Equals(to, copied));
  CHECK(to.SerializeAsString() == copied.SerializeAsString());
}

/// Over a default message, one filled differently, and one with more
/// containers than `from`.
template <class Message>
void check_assigns_over_any(const Message& from) {
  check_assigns(from, Message{});
  check_assigns(from, filled<Message>(5));
  check_assigns(from, filled<Message>(7));
}

} // namespace

TEST_CASE("a pod copied over a kept one is what CopyFrom makes, field by "
          "field",
          "[runtime]") {
  const auto* d = msg::Pod::descriptor();
  for (int k = 0; k < d->field_count(); ++k) {
    INFO("only " << d->field(k)->full_name() << " set");
    msg::Pod from;
    set_field(from, d->field(k), 3);
    check_assigns_over_any(from);
  }
  INFO("every field set");
  check_assigns_over_any(filled<msg::Pod>(1));
  check_assigns_over_any(msg::Pod{});
}

TEST_CASE("a container copied over a kept one is what CopyFrom makes, field "
          "by field",
          "[runtime]") {
  const auto* d = msg::Container::descriptor();
  for (int k = 0; k < d->field_count(); ++k) {
    INFO("only " << d->field(k)->full_name() << " set");
    msg::Container from;
    set_field(from, d->field(k), 3);
    check_assigns_over_any(from);
  }
  INFO("every field set");
  check_assigns_over_any(filled<msg::Container>(1));
  check_assigns_over_any(msg::Container{});
}

TEST_CASE("unknown fields are copied over a kept pod as CopyFrom copies "
          "them",
          "[runtime]") {
  auto with_unknown = filled<msg::Pod>(2);
  with_unknown.GetReflection()
      ->MutableUnknownFields(&with_unknown)
      ->AddVarint(90, 1);
  auto container_with_unknown = filled<msg::Pod>(4);
  auto* c = container_with_unknown.mutable_containers(0);
  c->GetReflection()->MutableUnknownFields(c)->AddLengthDelimited(91, "x");

  check_assigns_over_any(with_unknown);
  check_assigns_over_any(container_with_unknown);
  // The kept pod had them; the reported one has none.
  check_assigns(filled<msg::Pod>(1), with_unknown);
  check_assigns(filled<msg::Pod>(1), container_with_unknown);
}
