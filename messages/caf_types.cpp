#include "messages/caf_types.hpp"

#include <climits>

#include <caf/actor_system_config.hpp>
#include <caf/sec.hpp>

namespace actordev {

namespace {

template <class... Ts>
void add_all(caf::actor_system_config& cfg) {
  (cfg.add_message_type<Ts>(Ts::descriptor()->full_name()), ...);
}

} // namespace

void add_message_types(caf::actor_system_config& cfg) {
  // Keep in the order of the .proto files; tests/messages checks that this
  // list covers every message they declare.
  add_all<msg::SyncStep, msg::RunStep, msg::LiveUpdateSpec, msg::ImageSpec,
          msg::ManifestSpec>(cfg);
  add_all<msg::TargetRef, msg::ConfigError, msg::ConfigLoaded,
          msg::ConfigLoadFailed, msg::TargetFiles, msg::FilesChanged,
          msg::BuildStarted, msg::TargetResult, msg::BuildFinished,
          msg::Container, msg::Pod, msg::RuntimeChanged, msg::ClusterStatus,
          msg::BuilderStatus, msg::LiveUpdateStatus, msg::TriggerRequested, msg::EnableChanged,
          msg::Event>(cfg);
  add_all<msg::Hold, msg::Decision, msg::BuildGrant>(cfg);
  add_all<msg::LogLine, msg::ProcessExited, msg::EnvVar, msg::RunCommand,
          msg::RemoteRun>(cfg);
  add_all<msg::FileEntry, msg::BuilderHello, msg::BuilderInfo,
          msg::RemoteBuild, msg::MissingBlobs, msg::BlobChunk, msg::BlobAck,
          msg::StartBuild, msg::RemoteBuildDone, msg::FetchBlob,
          msg::CancelBuild>(cfg);
}

namespace msg {

bool encode(const google::protobuf::MessageLite& x, std::string& out) {
  return x.SerializeToString(&out);
}

bool decode(std::string_view bytes, google::protobuf::MessageLite& x) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return false;
  return x.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

caf::error encode_error(const google::protobuf::Message& x) {
  return caf::make_error(caf::sec::invalid_argument,
                         x.GetDescriptor()->full_name() +
                             ": cannot encode (larger than 2 GiB?)");
}

caf::error decode_error(const google::protobuf::Message& x) {
  return caf::make_error(caf::sec::invalid_argument,
                         x.GetDescriptor()->full_name() +
                             ": bytes are not a valid Protobuf encoding");
}

namespace detail {

std::string to_string(const debug_text& x) {
  return x.str;
}

} // namespace detail

} // namespace msg
} // namespace actordev
