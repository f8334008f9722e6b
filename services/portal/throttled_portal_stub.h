// File: services/portal/throttled_portal_stub.h
// A PortalStub decorator that bounds the load put on the portal: at most `max_in_flight` calls at
// once and at most `max_per_second` calls started per second (evenly spaced), whatever the
// callers do, so a backlog after an outage drains without flooding the portal. Callers wait
// their turn. Thread-safe.
#ifndef MOTCUA_SERVICES_PORTAL_THROTTLED_PORTAL_STUB_H_
#define MOTCUA_SERVICES_PORTAL_THROTTLED_PORTAL_STUB_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/portal/portal_stub.h"

namespace motcua::portal {

class ThrottledPortalStub final : public PortalStub {
 public:
  // max_in_flight ≥ 1; max_per_second > 0.
  ThrottledPortalStub(std::unique_ptr<PortalStub> inner, int max_in_flight, double max_per_second);

  absl::StatusOr<std::string> Login(const Credentials& credentials) override;
  absl::Status SyncDossier(const std::string& session, const DossierRecord& record,
                           bool is_updating) override;
  absl::Status UpdateProgress(const std::string& session,
                              const std::vector<ProgressEntry>& entries) override;
  absl::StatusOr<std::optional<PortalDossier>> LookupDossier(const std::string& session,
                                                             absl::string_view code) override;
  absl::StatusOr<nlohmann::json> Query(const std::string& session, absl::string_view service,
                                       const nlohmann::json& data) override;

 private:
  // Waits for a free slot and for the next start time; Release() frees the slot.
  void Acquire();
  void Release();
  bool HasFreeSlot() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return in_flight_ < max_in_flight_;
  }
  template <typename Call>
  auto Throttle(Call call) -> decltype(call());

  std::unique_ptr<PortalStub> inner_;
  const int max_in_flight_;
  const absl::Duration spacing_;
  absl::Mutex mu_;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time next_start_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_THROTTLED_PORTAL_STUB_H_
