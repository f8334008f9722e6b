// File: services/portal_sync/portal_poller.h
// Runs the portal-to-province tasks (pull online dossiers, refresh the catalogue) periodically on
// one thread: each task first at Start(), then every `every` after it ends. A failing task is
// logged and runs again at its next turn. Stop() waits for the task running, if any.
#ifndef MOTCUA_SERVICES_PORTAL_SYNC_PORTAL_POLLER_H_
#define MOTCUA_SERVICES_PORTAL_SYNC_PORTAL_POLLER_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace motcua::portal_sync {

struct PollTask {
  std::string name;  // for the log: "pull", "catalog"
  absl::Duration every;
  std::function<absl::Status()> run;
};

class PortalPoller {
 public:
  explicit PortalPoller(std::vector<PollTask> tasks);
  ~PortalPoller();
  PortalPoller(const PortalPoller&) = delete;

  void Start();
  void Stop();

 private:
  void Loop();
  bool Stopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; }

  std::vector<PollTask> tasks_;
  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace motcua::portal_sync

#endif  // MOTCUA_SERVICES_PORTAL_SYNC_PORTAL_POLLER_H_
