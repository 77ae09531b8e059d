#pragma once

// A scheduler actor on CAF's deterministic test coordinator, with recording
// stand-ins for the manifest actors and a subscriber.

#include "actors/scheduler.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>

#include <memory>
#include <string>
#include <vector>

namespace actordev::test {

/// What the stand-in actors received, in order.
struct recording {
  std::vector<std::string> grants;
  std::vector<msg::Decision> decisions;
};

class scheduler_fixture {
public:
  scheduler_fixture();
  ~scheduler_fixture();

  /// Spawns a recording manifest actor for `name` and registers it.
  void add_manifest(const std::string& name);
  /// Sends an event to the scheduler and runs until nothing is left to do.
  void send(msg::Event e);

  void load_locals(const std::vector<std::string>& names, bool parallel,
                   int max_parallel);
  void finish(const std::string& name, const std::string& error = {});

  const recording& seen() const { return *log_; }

private:
  void run();

  std::unique_ptr<caf::actor_system_config> cfg_;
  std::unique_ptr<caf::actor_system> sys_;
  caf::scheduler::test_coordinator* sched_ = nullptr;
  caf::actor scheduler_;
  std::shared_ptr<recording> log_ = std::make_shared<recording>();
  time_us clock_ = 1'700'000'000'000'000;
};

} // namespace actordev::test
