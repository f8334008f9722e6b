#include "services/portal/throttled_portal_stub.h"

#include <algorithm>

#include "absl/time/clock.h"

namespace motcua::portal {

ThrottledPortalStub::ThrottledPortalStub(std::unique_ptr<PortalStub> inner, int max_in_flight,
                                         double max_per_second)
    : inner_(std::move(inner)),
      max_in_flight_(std::max(max_in_flight, 1)),
      spacing_(absl::Seconds(1.0 / std::max(max_per_second, 0.001))) {}

void ThrottledPortalStub::Acquire() {
  absl::Time start;
  {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(this, &ThrottledPortalStub::HasFreeSlot));
    ++in_flight_;
    // Reserve the next start time; the wait happens outside the lock.
    start = std::max(absl::Now(), next_start_);
    next_start_ = start + spacing_;
  }
  absl::Duration wait = start - absl::Now();
  if (wait > absl::ZeroDuration()) absl::SleepFor(wait);
}

void ThrottledPortalStub::Release() {
  absl::MutexLock lock(&mu_);
  --in_flight_;
}

template <typename Call>
auto ThrottledPortalStub::Throttle(Call call) -> decltype(call()) {
  Acquire();
  auto result = call();
  Release();
  return result;
}

absl::StatusOr<std::string> ThrottledPortalStub::Login(const Credentials& credentials) {
  return Throttle([&] { return inner_->Login(credentials); });
}

absl::Status ThrottledPortalStub::SyncDossier(const std::string& session,
                                              const DossierRecord& record, bool is_updating) {
  return Throttle([&] { return inner_->SyncDossier(session, record, is_updating); });
}

absl::Status ThrottledPortalStub::UpdateProgress(const std::string& session,
                                                 const std::vector<ProgressEntry>& entries) {
  return Throttle([&] { return inner_->UpdateProgress(session, entries); });
}

absl::StatusOr<std::optional<PortalDossier>> ThrottledPortalStub::LookupDossier(
    const std::string& session, absl::string_view code) {
  return Throttle([&] { return inner_->LookupDossier(session, code); });
}

absl::StatusOr<nlohmann::json> ThrottledPortalStub::Query(const std::string& session,
                                                          absl::string_view service,
                                                          const nlohmann::json& data) {
  return Throttle([&] { return inner_->Query(session, service, data); });
}

}  // namespace motcua::portal
