// File: services/portal/portal_answer.h
// The portal's answers as motcua reads them (DOMAIN.md §3.1: success is error_code 0), strictly:
// an answer is a JSON object with an integer error_code, else it is garbage and the call is
// retried. The error codes other than 0 are motcua's reading of the contract, implemented the
// same way by motcua-portal-sim; a real portal's codes map onto them in one place (here).
#ifndef MOTCUA_SERVICES_PORTAL_PORTAL_ANSWER_H_
#define MOTCUA_SERVICES_PORTAL_PORTAL_ANSWER_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "services/portal/portal_stub.h"

namespace motcua::portal {

enum class PortalError {
  kOk = 0,
  kBusy = 1,            // try again later
  kSessionInvalid = 2,  // expired or unknown session: log in again
  kRejected = 3,        // the data is invalid; the message names the field
  kExists = 4,          // DongBoHoSoMC add of a dossier the portal already holds
  kUnknownDossier = 5,  // update or history of a dossier the portal does not hold
  kBadCredentials = 6,
};

// The largest answer motcua reads by default (a bigger body is refused unread).
inline constexpr size_t kDefaultMaxAnswerBytes = 1 << 20;

// Parses `body` as an answer: kUnavailable (naming what is wrong) unless it is a JSON object
// whose "error_code" is an integer and whose "message", if present, is a string.
absl::StatusOr<nlohmann::json> ParseAnswer(absl::string_view body);
// The status an answer stands for (OK for error_code 0), per the table in portal_stub.h.
absl::Status AnswerStatus(const nlohmann::json& answer);
// The TraCuuHoSo result in `answer` ("data": null or an object with MaHoSo, TrangThaiHoSo,
// PhienBan and QuaTrinhXuLy[].IdempotencyKey); kUnavailable when it has the wrong shape.
absl::StatusOr<std::optional<PortalDossier>> ParseLookup(const nlohmann::json& answer,
                                                         absl::string_view code);

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_PORTAL_ANSWER_H_
