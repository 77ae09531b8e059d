#include "actors/log_writer.hpp"

#include "messages/caf_types.hpp"

#include <spdlog/spdlog.h>

namespace actordev {

log_writer::log_writer(caf::actor_config& cfg, adapters::log_file file,
                       std::shared_ptr<log_backlog> backlog, caf::actor log)
    : caf::event_based_actor(cfg)
    , file_(std::move(file))
    , backlog_(std::move(backlog))
    , log_(std::move(log)) {}

caf::behavior log_writer::make_behavior() {
  return {
      [this](log_append_atom, const std::string& bytes) {
        if (!failed_) {
          if (auto err = file_.append(bytes))
            report(*err);
        }
        if (backlog_)
          backlog_->batches.fetch_sub(1, std::memory_order_relaxed);
      },
      [this](log_close_atom) {
        if (auto err = file_.close(); err && !failed_)
          report(*err);
        quit();
      },
  };
}

void log_writer::report(const adapters::log_file_error& err) {
  failed_ = true;
  file_.close();
  auto text = err.describe() + "; the rest of this session is not recorded";
  if (!log_) {
    spdlog::warn("{}", text);
    return;
  }
  msg::LogLine line;
  line.set_resource("actordev");
  line.set_stream(msg::LOG_SYSTEM);
  line.set_text(std::move(text));
  send(log_, std::move(line));
}

void log_writer::on_exit() {
  file_.close();
  log_ = nullptr;
}

} // namespace actordev
