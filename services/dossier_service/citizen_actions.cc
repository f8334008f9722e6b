// The citizen's own actions that the web portal offers beyond the workflow's: paying online
// (including at submission, before a clerk accepts the dossier) and rating a finished dossier.
// Each is one writer work item, like every other write of the engine.
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"
#include "services/dossier/dossier_code.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/dossier_change.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"

namespace motcua::dossier_service {
namespace {

using dossier::Dossier;
using workflow::Actor;
using workflow::Role;
using workflow::Status;

absl::Status CheckOwner(const Actor& actor, const Dossier& d) {
  if (actor.role != Role::kCitizen) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", workflow::RoleName(actor.role), " does not act for the applicant"));
  }
  if (actor.citizen_id.empty() || actor.citizen_id != d.applicant.id_number) {
    return absl::PermissionDeniedError(
        absl::StrCat("dossier ", d.code, " belongs to another applicant"));
  }
  return absl::OkStatus();
}

int64_t FeeTotal(const Dossier& d) {
  int64_t total = 0;
  for (const auto& f : d.fees) total += f.amount_vnd;
  return total;
}

bool IsFinished(Status s) {
  return s == Status::kRefused || s == Status::kWithdrawn || s == Status::kStopped ||
         s == Status::kResolved || s == Status::kReturned;
}

}  // namespace

void DossierEngine::PayOnline(const Actor& actor, OnlinePayment payment,
                              std::function<void(absl::StatusOr<Dossier>)> done) {
  auto code = dossier::NormalizeDossierCode(payment.code);
  if (!code.ok()) return done(code.status());
  if (payment.transaction_id.empty() || payment.transaction_id.size() > 64 ||
      !IsValidUtf8(payment.transaction_id)) {
    return done(absl::InvalidArgumentError("transaction_id: is required (at most 64 bytes)"));
  }
  if (payment.method.size() > 32 || !IsValidUtf8(payment.method)) {
    return done(absl::InvalidArgumentError("method: at most 32 bytes"));
  }
  Actor who = actor;
  WriteDossier(
      [this, who, payment, code = *code](storage::Database& db) -> absl::StatusOr<Dossier> {
        MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, code));
        MOTCUA_RETURN_IF_ERROR(CheckHeldHere(d));
        MOTCUA_RETURN_IF_ERROR(CheckOwner(who, d));
        const int64_t total = FeeTotal(d);
        if (total <= 0) {
          return absl::FailedPreconditionError(
              absl::StrCat("dossier.fees: dossier ", d.code, " has no fee to pay"));
        }
        if (payment.amount_vnd != total) {
          return absl::InvalidArgumentError(absl::StrCat(
              "amount_vnd: ", payment.amount_vnd, " does not match the fees due (", total, ")"));
        }
        const absl::Time now = clock_.Now();
        std::string reason = absl::StrCat("Thanh toán trực tuyến ", total, " đồng, mã giao dịch ",
                                          payment.transaction_id);
        if (!payment.method.empty()) absl::StrAppend(&reason, " (", payment.method, ")");
        if (d.status == Status::kSubmitted) {
          // Paid at submission: a level-4 dossier's fee is paid before a clerk accepts it; the
          // state stays 1 and reception computes the due date as usual.
          if (d.channel != dossier::Channel::kOnline) {
            return absl::FailedPreconditionError(
                "dossier.channel: only online dossiers are paid at submission");
          }
          if (d.paid_time) {
            return absl::FailedPreconditionError(
                absl::StrCat("dossier.pay_time: dossier ", d.code, " is already paid"));
          }
        } else {
          // State 6 and only 6: the workflow decides (its message names the state otherwise).
          MOTCUA_ASSIGN_OR_RETURN(workflow::Decision decision,
                                  workflow::Decide(d.Facts(), workflow::Action::kPay, who));
          d.status = decision.status;
          d.step = decision.step;
          d.resume_step = decision.resume_step;
        }
        d.paid_time = now;
        dossier::Event e;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.action = std::string(workflow::ActionName(workflow::Action::kPay));
        e.reason = reason;
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        return d;
      },
      std::move(done));
}

void DossierEngine::Rate(const Actor& actor, std::string code, int rating, std::string comment,
                         std::function<void(absl::StatusOr<Dossier>)> done) {
  auto normalized = dossier::NormalizeDossierCode(code);
  if (!normalized.ok()) return done(normalized.status());
  if (rating < 1 || rating > 5) {
    return done(absl::InvalidArgumentError("rating: must be 1 to 5"));
  }
  if (comment.size() > kMaxTextBytes || !IsValidUtf8(comment)) {
    return done(absl::InvalidArgumentError(
        absl::StrCat("comment: must be valid UTF-8, at most ", kMaxTextBytes, " bytes")));
  }
  Actor who = actor;
  WriteDossier(
      [this, who, rating, comment = std::move(comment),
       code = *normalized](storage::Database& db) -> absl::StatusOr<Dossier> {
        MOTCUA_ASSIGN_OR_RETURN(Dossier d, storage::LoadDossier(db, code));
        MOTCUA_RETURN_IF_ERROR(CheckHeldHere(d));
        MOTCUA_RETURN_IF_ERROR(CheckOwner(who, d));
        if (!IsFinished(d.status)) {
          return absl::FailedPreconditionError(
              absl::StrCat("dossier.status: dossier ", d.code, " is in status ",
                           static_cast<int>(d.status), " (", workflow::StatusDisplayName(d.status),
                           "); it is rated once finished (status 3, 7, 8, 9 or 10)"));
        }
        if (d.rating != 0) {
          return absl::FailedPreconditionError(
              absl::StrCat("rating: dossier ", d.code, " was already rated"));
        }
        const absl::Time now = clock_.Now();
        d.rating = rating;
        dossier::Event e;
        e.time = now;
        e.actor = who.username;
        e.role = who.role;
        e.action = "rate";
        e.reason = absl::StrCat("Đánh giá ", rating, "/5", comment.empty() ? "" : ": ", comment);
        MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
        return d;
      },
      std::move(done));
}

}  // namespace motcua::dossier_service
