#include "services/portal_sync/dossier_puller.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/notification.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "storage/dossier_store.h"

namespace motcua::portal_sync {
namespace {

using dossier_service::CreateOutcome;

// The engine's answers that belong to the record (skip it), as opposed to the node's state
// (stop the pull and try again later).
bool IsRecordProblem(const absl::Status& s) {
  switch (s.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kOutOfRange:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string DossierPullSummary::Text() const {
  std::string out = absl::StrCat("pulled ", pulled, " dossier(s) from the portal");
  if (already > 0) absl::StrAppend(&out, " (", already, " already here)");
  if (skipped.empty()) {
    absl::StrAppend(&out, ", none skipped\n");
  } else {
    absl::StrAppend(&out, ", ", skipped.size(), " skipped:\n");
    for (const auto& [code, reason] : skipped)
      absl::StrAppend(&out, "  ", code, ": ", reason, "\n");
  }
  for (const auto& [from, to] : created) absl::StrAppend(&out, "  ", from, " -> ", to, "\n");
  if (!ack_error.empty()) {
    absl::StrAppend(&out, "acknowledgement failed (sent again next pull): ", ack_error, "\n");
  }
  return out;
}

DossierPuller::DossierPuller(dossier_service::DossierEngine& engine, storage::Store& store,
                             portal::PortalClient& portal, DossierPullOptions options)
    : engine_(engine), store_(store), portal_(portal), options_(std::move(options)) {}

absl::StatusOr<DossierPuller::Result> DossierPuller::PullOne(const portal::OnlineDossier& d,
                                                             std::string* motcua_code,
                                                             std::string* reason) {
  const std::string request_id = portal::OnlineRequestId(d.portal_code);
  {
    // Pulled before (also when the catalogue changed since, which Create would check first).
    auto db = store_.Read();
    MOTCUA_ASSIGN_OR_RETURN(auto existing, storage::FindDossierByRequestId(*db, request_id));
    if (existing) {
      *motcua_code = *existing;
      return Result::kAlready;
    }
  }
  dossier_service::CreateInput in;
  in.procedure_code = d.procedure_code;
  in.channel = dossier::Channel::kOnline;
  in.applicant = d.applicant;
  in.summary = d.summary;
  in.receiving_unit = d.receiving_unit;
  in.competent_unit = d.competent_unit;
  for (const auto& p : d.papers)
    in.attachments.push_back({p.component_code, p.file_name, p.content});
  in.request_id = request_id;
  in.submitted_time = d.submitted_time;  // NgayNopHoSo: the citizen's own submission time
  workflow::Actor actor;
  actor.username = options_.actor;
  actor.role = workflow::Role::kSync;

  absl::Notification done;
  absl::StatusOr<CreateOutcome> outcome = absl::UnknownError("not run");
  engine_.Create(actor, std::move(in), [&](absl::StatusOr<CreateOutcome> result) {
    outcome = std::move(result);
    done.Notify();
  });
  done.WaitForNotification();
  if (!outcome.ok()) {
    if (!IsRecordProblem(outcome.status())) return outcome.status();
    *reason = std::string(outcome.status().message());
    return Result::kSkipped;
  }
  if (outcome->kind == CreateOutcome::Kind::kGuidance) {
    std::vector<std::string> missing;
    for (const auto& [code, name] : outcome->missing)
      missing.push_back(absl::StrCat(code, " (", name, ")"));
    *reason = absl::StrCat("required papers missing: ", absl::StrJoin(missing, ", "));
    return Result::kSkipped;
  }
  if (!outcome->dossier) return absl::InternalError("Create gave no dossier");
  // When another puller made it between the look-up and here, Create answers that dossier (the
  // request_id is unique in the store): counted as new once more, never made twice.
  *motcua_code = outcome->dossier->code;
  return Result::kCreated;
}

absl::StatusOr<DossierPullSummary> DossierPuller::PullOnce() {
  DossierPullSummary summary;
  std::string cursor;
  int record_number = 0;
  for (int page_no = 0; page_no < options_.max_pages; ++page_no) {
    MOTCUA_ASSIGN_OR_RETURN(nlohmann::json answer,
                            portal_.Query(options_.list_service,
                                          portal::OnlineListRequest(cursor, options_.page_size)));
    MOTCUA_ASSIGN_OR_RETURN(portal::OnlinePage page, portal::ParseOnlinePage(answer));
    std::vector<portal::OnlineAck> acks;
    absl::Status stopped;
    for (const auto& record : page.records) {
      ++summary.listed;
      ++record_number;
      std::string label = portal::PortalCodeOf(record);
      if (label.empty()) label = absl::StrCat("record ", record_number);
      std::string reason;
      std::string motcua_code;
      auto parsed = portal::ParseOnlineDossier(record);
      Result result = Result::kSkipped;
      if (!parsed.ok()) {
        reason = std::string(parsed.status().message());
      } else {
        auto pulled = PullOne(*parsed, &motcua_code, &reason);
        if (!pulled.ok()) {
          stopped = pulled.status();
          break;
        }
        result = *pulled;
      }
      switch (result) {
        case Result::kCreated:
          ++summary.pulled;
          summary.created.emplace_back(label, motcua_code);
          LogInfo("pull", "dossier pulled from the portal",
                  {{"portal_code", label}, {"code", motcua_code}});
          acks.push_back({label, motcua_code});
          break;
        case Result::kAlready:
          ++summary.already;
          acks.push_back({label, motcua_code});
          break;
        case Result::kSkipped:
          summary.skipped.emplace_back(label, reason);
          Log(warned_.insert(label).second ? LogLevel::kWarning : LogLevel::kDebug, "pull",
              "portal dossier skipped", {{"portal_code", label}, {"reason", reason}});
          break;
      }
    }
    if (!acks.empty()) {
      auto acked = portal_.Query(options_.ack_service, portal::OnlineAckRequest(acks));
      if (!acked.ok()) {
        summary.ack_error = std::string(acked.status().message());
        LogWarning("pull", "acknowledgement failed", {{"error", summary.ack_error}});
      }
    }
    if (!stopped.ok()) {
      return absl::Status(stopped.code(), absl::StrCat("pull stopped after ", summary.pulled,
                                                       " new dossier(s): ", stopped.message()));
    }
    if (page.next_cursor.empty() || page.records.empty()) break;
    cursor = page.next_cursor;
  }
  return summary;
}

}  // namespace motcua::portal_sync
