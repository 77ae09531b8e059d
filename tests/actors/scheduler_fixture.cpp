#include "scheduler_fixture.hpp"

#include "messages/caf_types.hpp"

#include <caf/all.hpp>

namespace actordev::test {

namespace {

/// Records every grant it receives.
class manifest_recorder : public caf::event_based_actor {
public:
  manifest_recorder(caf::actor_config& cfg, std::shared_ptr<recording> log)
      : caf::event_based_actor(cfg)
      , log_(std::move(log)) {}
  caf::behavior make_behavior() override {
    return {[this](const msg::BuildGrant& g) {
      log_->grants.push_back(g.manifest());
    }};
  }

private:
  std::shared_ptr<recording> log_;
};

/// Records every decision published.
class decision_recorder : public caf::event_based_actor {
public:
  decision_recorder(caf::actor_config& cfg, std::shared_ptr<recording> log)
      : caf::event_based_actor(cfg)
      , log_(std::move(log)) {}
  caf::behavior make_behavior() override {
    return {[this](const msg::Decision& d) { log_->decisions.push_back(d); }};
  }

private:
  std::shared_ptr<recording> log_;
};

} // namespace

scheduler_fixture::scheduler_fixture()
    : cfg_(std::make_unique<caf::actor_system_config>()) {
  add_message_types(*cfg_);
  cfg_->set("scheduler.policy", caf::atom("testing"));
  sys_ = std::make_unique<caf::actor_system>(*cfg_);
  sched_ = &dynamic_cast<caf::scheduler::test_coordinator&>(sys_->scheduler());
  scheduler_options opts{[this] { return clock_ += 1000; }, {}};
  scheduler_ = sys_->spawn<scheduler_actor>(std::move(opts));
  auto subscriber = sys_->spawn<decision_recorder>(log_);
  caf::anon_send(scheduler_, subscribe_atom::value, subscriber);
  run();
}

scheduler_fixture::~scheduler_fixture() {
  caf::anon_send_exit(scheduler_, caf::exit_reason::user_shutdown);
  run();
}

void scheduler_fixture::run() {
  sched_->run();
}

void scheduler_fixture::add_manifest(const std::string& name) {
  auto a = sys_->spawn<manifest_recorder>(log_);
  caf::anon_send(scheduler_, register_atom::value, name, a);
  run();
}

void scheduler_fixture::send(msg::Event e) {
  caf::anon_send(scheduler_, std::move(e));
  run();
}

void scheduler_fixture::load_locals(const std::vector<std::string>& names,
                                    bool parallel, int max_parallel) {
  msg::Event e;
  auto* c = e.mutable_config_loaded();
  c->set_max_parallel_updates(max_parallel);
  for (const auto& name : names) {
    add_manifest(name);
    auto* m = c->add_manifests();
    m->set_name(name);
    m->set_type(msg::MANIFEST_LOCAL);
    m->set_allow_parallel(parallel);
  }
  send(std::move(e));
}

void scheduler_fixture::finish(const std::string& name,
                               const std::string& error) {
  msg::Event e;
  e.mutable_build_finished()->set_manifest(name);
  e.mutable_build_finished()->set_error(error);
  send(std::move(e));
}

} // namespace actordev::test
