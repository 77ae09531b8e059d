#include "message_samples_fixture.hpp"

#include <algorithm>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

namespace actordev::test {

namespace {

msg::SyncStep sync_step() {
  msg::SyncStep x;
  x.set_local("/src/app");
  x.set_remote("/app");
  return x;
}

msg::RunStep run_step() {
  msg::RunStep x;
  x.set_cmd("make -j2");
  x.add_trigger("/src/app/Makefile");
  x.add_trigger("/src/app/deps.txt");
  return x;
}

msg::LiveUpdateSpec live_update_spec() {
  msg::LiveUpdateSpec x;
  x.add_fall_back_on("/src/app/package.json");
  *x.add_syncs() = sync_step();
  *x.add_runs() = run_step();
  x.set_restart_container(true);
  return x;
}

msg::ImageSpec image_spec() {
  msg::ImageSpec x;
  x.set_name("registry.local/app");
  x.add_image_deps("registry.local/base");
  *x.mutable_live_update() = live_update_spec();
  return x;
}

msg::ManifestSpec manifest_spec() {
  msg::ManifestSpec x;
  x.set_name("api");
  x.set_type(msg::MANIFEST_K8S);
  x.set_trigger_mode(msg::TRIGGER_MANUAL_NO_INIT);
  x.add_resource_deps("db");
  x.add_resource_deps("cache");
  x.set_allow_parallel(true);
  x.add_images("registry.local/base");
  x.add_images("registry.local/app");
  x.set_cluster("default");
  x.set_pod_readiness(msg::POD_READINESS_IGNORE);
  x.add_labels("backend");
  x.set_config_hash("sha256:5f1d");
  x.set_build_on(msg::BUILD_ON_ANY);
  return x;
}

msg::TargetRef target_ref() {
  msg::TargetRef x;
  x.set_type(msg::TARGET_IMAGE);
  x.set_name("registry.local/app");
  return x;
}

msg::ConfigError config_error() {
  msg::ConfigError x;
  x.set_file("/src/actordev.yaml");
  x.set_line(12);
  x.set_column(-3); // negative int32: varint sign extension
  x.set_message("unknown key \"srve_cmd\"; expected one of: cmd, serve_cmd");
  x.set_hint("did you mean serve_cmd?");
  return x;
}

msg::ConfigLoaded config_loaded() {
  msg::ConfigLoaded x;
  x.set_config_path("/src/actordev.yaml");
  x.set_max_parallel_updates(3);
  *x.add_manifests() = manifest_spec();
  x.add_manifests()->set_name("db");
  *x.add_images() = image_spec();
  x.add_disabled("db");
  return x;
}

msg::ConfigLoadFailed config_load_failed() {
  msg::ConfigLoadFailed x;
  x.set_config_path("/src/actordev.yaml");
  *x.add_errors() = config_error();
  x.add_errors()->set_message("second error");
  return x;
}

msg::TargetFiles target_files() {
  msg::TargetFiles x;
  *x.mutable_target() = target_ref();
  x.add_paths("/src/app/main.go");
  x.add_paths("/src/app/\xC3\xA9t\xC3\xA9.txt"); // UTF-8
  return x;
}

msg::FilesChanged files_changed() {
  msg::FilesChanged x;
  *x.add_changes() = target_files();
  auto* other = x.add_changes();
  other->mutable_target()->set_type(msg::TARGET_CONFIG);
  other->add_paths("/src/actordev.yaml");
  return x;
}

msg::BuildStarted build_started() {
  msg::BuildStarted x;
  x.set_manifest("api");
  x.set_kind(msg::BUILD_LIVE_UPDATE);
  x.set_builder("10.0.0.5:7451");
  return x;
}

msg::TargetResult target_result() {
  msg::TargetResult x;
  *x.mutable_target() = target_ref();
  x.set_kind(msg::RESULT_IMAGE);
  x.set_image_ref("registry.local/app:actordev-7");
  return x;
}

msg::BuildFinished build_finished() {
  msg::BuildFinished x;
  x.set_manifest("api");
  *x.add_results() = target_result();
  x.set_error("exit status 2");
  x.set_exit_code(2);
  return x;
}

msg::Container container() {
  msg::Container x;
  x.set_name("app");
  x.set_id("containerd://4f2a");
  x.set_image("registry.local/app");
  x.set_state(msg::CONTAINER_TERMINATED);
  x.set_ready(true);
  x.set_restarts(4);
  x.set_exit_code(137);
  x.set_reason("CrashLoopBackOff");
  x.set_has_healthcheck(true);
  x.set_healthy(true);
  return x;
}

msg::Pod pod() {
  msg::Pod x;
  x.set_name("api-5d9c");
  x.set_created_us(1'700'000'000'123'456); // needs more than 32 bits
  x.set_phase(msg::POD_FAILED);
  *x.add_containers() = container();
  x.add_containers()->set_name("sidecar");
  x.set_deleting(true);
  return x;
}

msg::RuntimeChanged runtime_changed() {
  msg::RuntimeChanged x;
  x.set_manifest("api");
  x.set_status(msg::RUNTIME_ERROR);
  x.set_ready(true);
  x.set_succeeded(true);
  x.set_error("pod api-5d9c: CrashLoopBackOff");
  *x.add_pods() = pod();
  *x.add_containers() = container();
  return x;
}

msg::ClusterStatus cluster_status() {
  msg::ClusterStatus x;
  x.set_name("default");
  x.set_arch("arm64");
  x.set_error("connection refused");
  return x;
}

msg::BuilderStatus builder_status() {
  msg::BuilderStatus x;
  x.set_address("10.0.0.5:7451");
  x.set_connected(true);
  x.set_slots(4);
  return x;
}

msg::LiveUpdateStatus live_update_status() {
  msg::LiveUpdateStatus x;
  x.set_name("registry.local/app");
  x.add_sources("registry.local/app");
  x.add_sources("registry.local/base");
  x.set_failed("run step exited 1");
  x.set_files_synced(17);
  x.set_steps_run(2);
  x.set_duration_us(-5'000'000'000); // negative int64
  return x;
}

msg::TriggerRequested trigger_requested() {
  msg::TriggerRequested x;
  x.set_manifest("api");
  x.set_source(msg::TRIGGER_SOURCE_WEB);
  return x;
}

msg::EnableChanged enable_changed() {
  msg::EnableChanged x;
  x.set_manifest("db");
  x.set_state(msg::ENABLE_PENDING);
  return x;
}

msg::Event event() {
  msg::Event x;
  x.set_seq(18'446'744'073'709'551'000u); // near uint64 max
  x.set_time_us(1'700'000'000'654'321);
  *x.mutable_runtime_changed() = runtime_changed();
  return x;
}

msg::Hold hold() {
  msg::Hold x;
  x.set_manifest("api");
  x.set_reason(msg::HOLD_WAITING_FOR_DEP);
  *x.add_waiting_on() = target_ref();
  x.add_waiting_on()->set_name("db");
  return x;
}

msg::Decision decision() {
  msg::Decision x;
  x.add_granted("db");
  x.add_granted("cache");
  x.add_granted_builders("");
  x.add_granted_builders("10.0.0.5:7451");
  *x.add_holds() = hold();
  x.add_holds()->set_reason(msg::HOLD_WAITING_FOR_SLOT);
  return x;
}

msg::BuildGrant build_grant() {
  msg::BuildGrant x;
  x.set_manifest("api");
  x.set_decision_seq(9'000'000'000);
  x.set_builder("10.0.0.5:7451");
  return x;
}

msg::LogLine log_line() {
  msg::LogLine x;
  x.set_resource("api");
  x.set_stream(msg::LOG_STDERR);
  x.set_text("listening on :8080 \xe2\x9c\x93");
  x.set_time_us(1'700'000'000'123'456);
  x.set_cut(true);
  return x;
}

msg::ProcessExited process_exited() {
  msg::ProcessExited x;
  x.set_resource("api");
  x.set_code(-1);
  x.set_signal(15);
  x.set_error("cannot start");
  x.set_run_id(7);
  return x;
}

msg::EnvVar env_var() {
  msg::EnvVar x;
  x.set_name("PORT");
  x.set_value("8080");
  return x;
}

msg::RemoteRun remote_run() {
  msg::RemoteRun x;
  x.set_place(msg::BUILD_ON_REMOTE);
  x.set_builder("10.0.0.5:7451");
  x.set_root("/srv/app");
  x.add_deps("/srv/app/src");
  x.add_deps("/srv/app/Makefile");
  return x;
}

msg::RunCommand run_command() {
  msg::RunCommand x;
  x.set_resource("api");
  x.set_command("make -j2 'all'");
  x.set_dir("/srv/app");
  *x.add_env() = env_var();
  x.set_grace_ms(5000);
  x.set_run_id(7);
  *x.mutable_remote() = remote_run();
  return x;
}

msg::FileEntry file_entry() {
  msg::FileEntry x;
  x.set_path("app/main.py");
  x.set_kind(msg::FILE_SYMLINK);
  x.set_digest(std::string(64, 'a'));
  x.set_size(1234);
  x.set_mode(0755);
  x.set_target("../lib/main.py");
  return x;
}

msg::BuilderHello builder_hello() {
  msg::BuilderHello x;
  x.set_client("dev@laptop");
  return x;
}

msg::BuilderInfo builder_info() {
  msg::BuilderInfo x;
  x.set_name("127.0.0.1:7451");
  x.set_slots(2);
  x.set_busy(1);
  x.set_version("0.1.0");
  x.set_builds_done(37);
  x.set_clients(2);
  return x;
}

msg::RemoteBuild remote_build() {
  msg::RemoteBuild x;
  x.set_build_id(3);
  x.set_resource("web");
  x.set_image("web");
  *x.add_work() = file_entry();
  *x.add_output_seed() = file_entry();
  x.set_command("make image OUT=$ACTORDEV_IMAGE_DIR");
  *x.add_env() = env_var();
  x.set_work_subdir("tool");
  x.set_return_output(true);
  x.set_ref_file("ref.txt");
  x.set_grace_ms(5000);
  return x;
}

msg::MissingBlobs missing_blobs() {
  msg::MissingBlobs x;
  x.set_build_id(3);
  x.add_digests(std::string(64, 'b'));
  x.set_error("no slot");
  return x;
}

msg::BlobChunk blob_chunk() {
  msg::BlobChunk x;
  x.set_build_id(3);
  x.set_digest(std::string(64, 'c'));
  x.set_offset(1 << 20);
  x.set_data(std::string("\0\x01\xff", 3));
  x.set_last(true);
  return x;
}

msg::BlobAck blob_ack() {
  msg::BlobAck x;
  x.set_build_id(3);
  x.set_error("digest mismatch");
  return x;
}

msg::StartBuild start_build() {
  msg::StartBuild x;
  x.set_build_id(3);
  return x;
}

msg::RemoteBuildDone remote_build_done() {
  msg::RemoteBuildDone x;
  x.set_build_id(3);
  x.set_error("exit 2");
  x.set_exit_code(2);
  *x.add_output() = file_entry();
  x.set_ref("web:actordev-1");
  return x;
}

msg::FetchBlob fetch_blob() {
  msg::FetchBlob x;
  x.set_build_id(3);
  x.set_digest(std::string(64, 'd'));
  x.set_offset(4096);
  return x;
}

msg::CancelBuild cancel_build() {
  msg::CancelBuild x;
  x.set_build_id(3);
  return x;
}

} // namespace

message_samples make_message_samples() {
  return {sync_step(),
          run_step(),
          live_update_spec(),
          image_spec(),
          manifest_spec(),
          target_ref(),
          config_error(),
          config_loaded(),
          config_load_failed(),
          target_files(),
          files_changed(),
          build_started(),
          target_result(),
          build_finished(),
          container(),
          pod(),
          runtime_changed(),
          cluster_status(),
          builder_status(),
          live_update_status(),
          trigger_requested(),
          enable_changed(),
          event(),
          hold(),
          decision(),
          build_grant(),
          log_line(),
          process_exited(),
          env_var(),
          run_command(),
          remote_run(),
          file_entry(),
          builder_hello(),
          builder_info(),
          remote_build(),
          missing_blobs(),
          blob_chunk(),
          blob_ack(),
          start_build(),
          remote_build_done(),
          fetch_blob(),
          cancel_build()};
}

std::vector<msg::Event> make_event_samples() {
  std::vector<msg::Event> result(11);
  *result[0].mutable_config_loaded() = config_loaded();
  *result[1].mutable_config_load_failed() = config_load_failed();
  *result[2].mutable_files_changed() = files_changed();
  *result[3].mutable_build_started() = build_started();
  *result[4].mutable_build_finished() = build_finished();
  *result[5].mutable_runtime_changed() = runtime_changed();
  *result[6].mutable_cluster_status() = cluster_status();
  *result[7].mutable_live_update_status() = live_update_status();
  *result[8].mutable_trigger_requested() = trigger_requested();
  *result[9].mutable_enable_changed() = enable_changed();
  *result[10].mutable_builder_status() = builder_status();
  for (size_t i = 0; i < result.size(); ++i) {
    result[i].set_seq(i + 1);
    result[i].set_time_us(1'700'000'000'000'000 + static_cast<int64_t>(i));
  }
  return result;
}

std::vector<std::string> all_message_names() {
  std::vector<std::string> result;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* file :
       {"manifest.proto", "events.proto", "decision.proto", "logs.proto",
        "remote_build.proto"}) {
    const auto* fd = pool->FindFileByName(file);
    if (fd == nullptr) {
      result.push_back(std::string{"<not linked: "} + file + ">");
      continue;
    }
    for (int i = 0; i < fd->message_type_count(); ++i) {
      const auto* md = fd->message_type(i);
      result.push_back(md->full_name());
      for (int j = 0; j < md->nested_type_count(); ++j)
        result.push_back(md->nested_type(j)->full_name());
    }
  }
  std::sort(result.begin(), result.end());
  return result;
}

int set_field_count(const google::protobuf::Message& x) {
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  x.GetReflection()->ListFields(x, &fields);
  return static_cast<int>(fields.size());
}

bool equal(const google::protobuf::Message& x,
           const google::protobuf::Message& y) {
  return google::protobuf::util::MessageDifferencer::Equals(x, y);
}

} // namespace actordev::test
