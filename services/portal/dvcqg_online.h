// File: services/portal/dvcqg_online.h
// Online dossiers submitted on the national portal (DVCQG → province, DOMAIN.md §3.1), as motcua
// reads them. DOMAIN.md names no service for this direction, so the names are motcua's and
// configurable: kListOnlineService answers one page of the dossiers the province has not yet
// acknowledged, kAckOnlineService acknowledges them. A record uses the field names of the
// DongBoHoSoMC payload (§3.2) where one exists, plus MaDonViTiepNhan (the receiving unit, as the
// ministry API of §3.5 names it) and, per TaiLieuNop item, NoiDungTep (the file, base64; a motcua
// extension: a real portal gives DuongDanTaiTepTin to download). Pure: no I/O.
//
//   list  data {"ViTri": cursor, "SoLuong": n} → {"error_code": 0, "data": [record...],
//                                                  "ViTriTiep": cursor or ""}
//   ack   data [{"MaHoSo": portal code, "MaHoSoMotCua": motcua's code}] → {"error_code": 0}
#ifndef MOTCUA_SERVICES_PORTAL_DVCQG_ONLINE_H_
#define MOTCUA_SERVICES_PORTAL_DVCQG_ONLINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "services/dossier/dossier.h"

namespace motcua::portal {

inline constexpr char kListOnlineService[] = "LayHoSoDVCQG";
inline constexpr char kAckOnlineService[] = "XacNhanHoSoDVCQG";
// The request_id prefix of a dossier pulled from the portal: "dvcqg:<MaHoSo>".
inline constexpr char kOnlineRequestPrefix[] = "dvcqg:";

struct OnlinePaper {
  std::string component_code;  // MaThanhPhanHoSo
  std::string file_name;       // TenTepDinhKem
  std::string content;         // NoiDungTep, decoded
};

// One dossier as the citizen submitted it on the portal.
struct OnlineDossier {
  std::string portal_code;     // MaHoSo on the portal
  std::string procedure_code;  // MaTTHC
  std::string receiving_unit;  // MaDonViTiepNhan (GSO code)
  std::string competent_unit;  // MaDonViXuLy, optional ("" = the receiving unit)
  dossier::Applicant applicant;
  std::string summary;        // TrichYeuHoSo
  absl::Time submitted_time;  // NgayNopHoSo
  std::vector<OnlinePaper> papers;
};

struct OnlinePage {
  // The records as the portal sent them: each is parsed on its own, so one bad record is
  // skipped without losing the others.
  std::vector<nlohmann::json> records;
  std::string next_cursor;  // "" when this was the last page
};

// The list request for the page after `cursor` ("" = the first page).
nlohmann::json OnlineListRequest(absl::string_view cursor, int limit);
// The page in a list answer; kUnavailable (the answer is malformed, retry) unless "data" is an
// array and "ViTriTiep" a string or absent.
absl::StatusOr<OnlinePage> ParseOnlinePage(const nlohmann::json& answer);

// One record; kInvalidArgument naming the field (e.g. "SoGiayToChuHoSo: must be a string") when
// a required field is missing, has the wrong type, or a date or file does not decode.
absl::StatusOr<OnlineDossier> ParseOnlineDossier(const nlohmann::json& record);
// The portal code of a record when it has one ("" otherwise), for reporting a bad record.
std::string PortalCodeOf(const nlohmann::json& record);

// "dvcqg:<MaHoSo>": the request_id that makes the pull of one portal dossier idempotent.
std::string OnlineRequestId(absl::string_view portal_code);

struct OnlineAck {
  std::string portal_code;
  std::string motcua_code;
};
nlohmann::json OnlineAckRequest(const std::vector<OnlineAck>& acks);

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_DVCQG_ONLINE_H_
