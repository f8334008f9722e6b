// File: services/portal/retrying_portal_stub.h
// A PortalStub decorator that retries transient failures (kUnavailable, kDeadlineExceeded) with
// exponential backoff and jitter, a bounded number of times; every other result is returned at
// once; each retry is logged. Retrying a call is safe because every record carries its
// idempotency key. Thread-safe.
#ifndef MOTCUA_SERVICES_PORTAL_RETRYING_PORTAL_STUB_H_
#define MOTCUA_SERVICES_PORTAL_RETRYING_PORTAL_STUB_H_

#include <functional>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/portal/portal_stub.h"

namespace motcua::portal {

struct BackoffPolicy {
  absl::Duration initial = absl::Milliseconds(100);
  absl::Duration max = absl::Seconds(5);
  double multiplier = 2.0;
};

// The wait before retry number `attempt` (1 for the first retry): initial × multiplier^(attempt-1)
// capped at max, then "equal jitter": uniform in [d/2, d]. Always > 0.
absl::Duration Backoff(const BackoffPolicy& policy, int attempt, absl::BitGen& random);

// True for the failures worth retrying soon: kUnavailable and kDeadlineExceeded.
bool IsTransient(const absl::Status& status);

struct RetryPolicy {
  int max_attempts = 4;  // calls in all, the first one included
  BackoffPolicy backoff;
};

class RetryingPortalStub final : public PortalStub {
 public:
  using Sleeper = std::function<void(absl::Duration)>;
  // `sleep` defaults to absl::SleepFor (tests pass a recorder).
  RetryingPortalStub(std::unique_ptr<PortalStub> inner, RetryPolicy policy,
                     Sleeper sleep = nullptr);

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
  template <typename Call>
  auto Retry(Call call) -> decltype(call());
  absl::Duration NextWait(int attempt);

  std::unique_ptr<PortalStub> inner_;
  const RetryPolicy policy_;
  Sleeper sleep_;
  absl::Mutex mu_;
  absl::BitGen random_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_RETRYING_PORTAL_STUB_H_
