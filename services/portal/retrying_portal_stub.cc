#include "services/portal/retrying_portal_stub.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/common/log.h"

namespace motcua::portal {
namespace {

const absl::Status& StatusOf(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

}  // namespace

absl::Duration Backoff(const BackoffPolicy& policy, int attempt, absl::BitGen& random) {
  double factor = std::pow(std::max(policy.multiplier, 1.0), std::max(attempt - 1, 0));
  // Cap in floating point first: a long outage must not overflow the duration.
  double max_s = absl::ToDoubleSeconds(policy.max);
  double base_s = std::min(absl::ToDoubleSeconds(policy.initial) * factor, max_s);
  base_s = std::max(base_s, 0.001);
  double wait_s = absl::Uniform(random, base_s / 2, base_s);
  return absl::Seconds(std::max(wait_s, 0.0005));
}

bool IsTransient(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status);
}

RetryingPortalStub::RetryingPortalStub(std::unique_ptr<PortalStub> inner, RetryPolicy policy,
                                       Sleeper sleep)
    : inner_(std::move(inner)), policy_(policy), sleep_(std::move(sleep)) {
  if (!sleep_) sleep_ = [](absl::Duration d) { absl::SleepFor(d); };
}

absl::Duration RetryingPortalStub::NextWait(int attempt) {
  absl::MutexLock lock(&mu_);
  return Backoff(policy_.backoff, attempt, random_);
}

template <typename Call>
auto RetryingPortalStub::Retry(Call call) -> decltype(call()) {
  const int attempts = std::max(policy_.max_attempts, 1);
  for (int attempt = 1;; ++attempt) {
    auto result = call();
    if (!IsTransient(StatusOf(result)) || attempt >= attempts) return result;
    absl::Duration wait = NextWait(attempt);
    LogInfo("portal", "call failed; retrying",
            {{"attempt", absl::StrCat(attempt)},
             {"wait", absl::FormatDuration(wait)},
             {"error", std::string(StatusOf(result).message())}});
    sleep_(wait);
  }
}

absl::StatusOr<std::string> RetryingPortalStub::Login(const Credentials& credentials) {
  return Retry([&] { return inner_->Login(credentials); });
}

absl::Status RetryingPortalStub::SyncDossier(const std::string& session,
                                             const DossierRecord& record, bool is_updating) {
  return Retry([&] { return inner_->SyncDossier(session, record, is_updating); });
}

absl::Status RetryingPortalStub::UpdateProgress(const std::string& session,
                                                const std::vector<ProgressEntry>& entries) {
  return Retry([&] { return inner_->UpdateProgress(session, entries); });
}

absl::StatusOr<std::optional<PortalDossier>> RetryingPortalStub::LookupDossier(
    const std::string& session, absl::string_view code) {
  return Retry([&] { return inner_->LookupDossier(session, code); });
}

absl::StatusOr<nlohmann::json> RetryingPortalStub::Query(const std::string& session,
                                                         absl::string_view service,
                                                         const nlohmann::json& data) {
  return Retry([&] { return inner_->Query(session, service, data); });
}

}  // namespace motcua::portal
