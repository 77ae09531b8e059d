#pragma once

// One sample of every message in messages/*.proto, each with several fields
// (repeated, nested, enum, int64...) set to non-default values.

#include <string>
#include <tuple>
#include <vector>

#include "messages/caf_types.hpp"

namespace actordev::test {

/// One sample per message type, in .proto order.
using message_samples =
    std::tuple<msg::SyncStep, msg::RunStep, msg::LiveUpdateSpec, msg::ImageSpec,
               msg::ManifestSpec, msg::TargetRef, msg::ConfigError,
               msg::ConfigLoaded, msg::ConfigLoadFailed, msg::TargetFiles,
               msg::FilesChanged, msg::BuildStarted, msg::TargetResult,
               msg::BuildFinished, msg::Container, msg::Pod,
               msg::RuntimeChanged, msg::ClusterStatus, msg::BuilderStatus,
               msg::LiveUpdateStatus,
               msg::TriggerRequested, msg::EnableChanged, msg::Event, msg::Hold,
               msg::Decision, msg::BuildGrant, msg::LogLine, msg::ProcessExited,
               msg::EnvVar, msg::RunCommand, msg::RemoteRun,
               msg::FileEntry,
               msg::BuilderHello, msg::BuilderInfo, msg::RemoteBuild,
               msg::MissingBlobs, msg::BlobChunk, msg::BlobAck,
               msg::StartBuild, msg::RemoteBuildDone, msg::FetchBlob,
               msg::CancelBuild>;

/// Returns the samples.
message_samples make_message_samples();

/// Calls `f(sample)` for every sample, each with its static type.
template <class F>
void for_each_sample(F&& f) {
  auto samples = make_message_samples();
  std::apply([&](auto&... xs) { (f(xs), ...); }, samples);
}

/// One `Event` per case of its `kind` oneof, in field order.
std::vector<msg::Event> make_event_samples();

/// The full names of every message declared in messages/*.proto, sorted.
std::vector<std::string> all_message_names();

/// The number of fields of `x` that differ from their default.
int set_field_count(const google::protobuf::Message& x);

/// True if `x` and `y` are equal field by field.
bool equal(const google::protobuf::Message& x,
           const google::protobuf::Message& y);

} // namespace actordev::test
