#include "services/dossier_service/dossier_handler.h"

#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/dossier_service/dossier_proto.h"
#include "services/grpc_util/page_token.h"

namespace motcua::dossier_service {

absl::StatusOr<v1::ListWorklistResponse> ListWorklist(DossierEngine& engine,
                                                      const workflow::Actor& actor,
                                                      const v1::ListWorklistRequest& req) {
  const auto view = req.view() == v1::ListWorklistRequest::VIEW_UNSPECIFIED
                        ? v1::ListWorklistRequest::MINE
                        : req.view();
  if (!v1::ListWorklistRequest::View_IsValid(view)) {
    return absl::InvalidArgumentError("view: unknown value");
  }
  MOTCUA_ASSIGN_OR_RETURN(int size, EffectivePageSize(req.page_size(), 50, 500));
  const std::string filters = absl::StrCat("worklist|", view, "|", actor.username);
  MOTCUA_ASSIGN_OR_RETURN(std::string key, DecodePageToken(req.page_token(), filters));
  int64_t after_due = -1;
  std::string after_code;
  if (!key.empty()) {
    std::pair<std::string, std::string> parts = absl::StrSplit(key, absl::MaxSplits(':', 1));
    if (!absl::SimpleAtoi(parts.first, &after_due)) {
      return absl::InvalidArgumentError("page_token: malformed");
    }
    after_code = parts.second;
  }
  MOTCUA_ASSIGN_OR_RETURN(
      storage::DossierPage page,
      engine.Worklist(actor, static_cast<WorklistView>(view), after_due, after_code, size));
  v1::ListWorklistResponse out;
  for (const auto& d : page.dossiers) {
    ToProto(d, engine.Classify(d), &actor, out.add_dossiers());
  }
  out.set_total_size(page.total);
  if (page.more) {
    out.set_next_page_token(
        EncodePageToken(filters, absl::StrCat(page.last_key, ":", page.dossiers.back().code)));
  }
  return out;
}

absl::StatusOr<v1::Report> GetReport(DossierEngine& engine, const workflow::Actor& actor,
                                     const v1::GetReportRequest& req) {
  if (!req.has_start_time() || !req.has_end_time()) {
    return absl::InvalidArgumentError("start_time, end_time: both are required");
  }
  MOTCUA_ASSIGN_OR_RETURN(
      deadlines::PeriodReport r,
      engine.Report(actor, req.unit(), FromProto(req.start_time()), FromProto(req.end_time())));
  v1::Report out;
  out.set_unit(req.unit());
  *out.mutable_start_time() = req.start_time();
  *out.mutable_end_time() = req.end_time();
  out.set_received(r.received);
  for (int64_t n : r.by_state) out.add_by_state(n);
  out.set_finished(r.finished);
  out.set_early(r.early);
  out.set_on_time(r.on_time);
  out.set_late(r.late);
  out.set_overdue_open(r.overdue_open);
  out.set_on_time_rate(r.OnTimeRate());
  out.set_in_person(r.in_person);
  out.set_online(r.online);
  out.set_postal(r.postal);
  out.set_online_share(r.OnlineShare());
  out.set_national_on_time_rate(r.NationalOnTimeRate());
  out.set_digitised_share(r.DigitisedShare());
  out.set_online_payment_share(r.OnlinePaymentShare());
  out.set_supplement_requests(r.supplement_requests);
  out.set_extensions(r.extensions);
  return out;
}

}  // namespace motcua::dossier_service
