#include "services/portal_sync/portal_poller.h"

#include "absl/time/clock.h"
#include "services/common/log.h"

namespace motcua::portal_sync {

PortalPoller::PortalPoller(std::vector<PollTask> tasks) : tasks_(std::move(tasks)) {}

PortalPoller::~PortalPoller() { Stop(); }

void PortalPoller::Start() {
  if (tasks_.empty() || thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void PortalPoller::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void PortalPoller::Loop() {
  std::vector<absl::Time> next(tasks_.size(), absl::Now());
  while (true) {
    absl::Time wake = absl::InfiniteFuture();
    for (size_t i = 0; i < tasks_.size(); ++i) {
      {
        absl::MutexLock lock(&mu_);
        if (stopping_) return;
      }
      if (absl::Now() >= next[i]) {
        absl::Status s = tasks_[i].run();
        if (!s.ok()) {
          LogWarning("sync", "portal task failed; it runs again at its next turn",
                     {{"task", tasks_[i].name}, {"error", std::string(s.message())}});
        }
        next[i] = absl::Now() + tasks_[i].every;
      }
      wake = std::min(wake, next[i]);
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithDeadline(absl::Condition(this, &PortalPoller::Stopping), wake);
    if (stopping_) return;
  }
}

}  // namespace motcua::portal_sync
