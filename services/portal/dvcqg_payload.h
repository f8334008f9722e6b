// File: services/portal/dvcqg_payload.h
// The national portal's (DVCQG) payloads built from motcua's domain types: the dossier record
// sent with DongBoHoSoMC (DOMAIN.md §3.2) and the process-history entries sent with
// CapNhatTienDoHoSoMC (§3.3). Field names are exactly DVCQG's; every field is always present
// (absent dates are ""); dates are yyyyMMddHHmmss in Asia/Ho_Chi_Minh; TrangThaiHoSo is "1".."10"
// and never collapsed. Each record carries motcua's IdempotencyKey (not a DVCQG field; see
// IdempotencyKey below). Pure: no I/O.
#ifndef MOTCUA_SERVICES_PORTAL_DVCQG_PAYLOAD_H_
#define MOTCUA_SERVICES_PORTAL_DVCQG_PAYLOAD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "services/dossier/dossier.h"

namespace motcua::portal {

// The extension field that carries the idempotency key in every record and entry.
inline constexpr char kIdempotencyKeyField[] = "IdempotencyKey";

// DOMAIN.md §3.2, in the order DVCQG lists them (IdempotencyKey excluded).
const std::vector<std::string>& DossierRecordFields();
// DOMAIN.md §3.3.
const std::vector<std::string>& ProgressEntryFields();

// yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7), e.g. 2026-11-26T08:05:09Z → "20261126150509".
std::string FormatPortalTime(absl::Time t);
// The inverse; kInvalidArgument unless `text` is 14 digits of a real local date and time.
absl::StatusOr<absl::Time> ParsePortalTime(absl::string_view text);

// "<MaHoSo>#<seq>": the key of history entry `seq` of a dossier. Dossier codes never hold '#'.
std::string ProgressKey(absl::string_view code, int64_t seq);
// "<MaHoSo>@<version>": the key of the dossier record that reflects events 1..version.
std::string RecordKey(absl::string_view code, int64_t version);
// Splits either kind of key; kInvalidArgument when it is neither.
struct ParsedKey {
  std::string code;
  int64_t number = 0;
  bool is_record = false;
};
absl::StatusOr<ParsedKey> ParseKey(absl::string_view key);

// What the dossier row does not hold: names of units and people, the procedure's field.
struct PayloadContext {
  std::string field_code;  // MaLinhVuc, from the procedure version the dossier was received under
  std::string field_name;  // TenLinhVuc
  std::map<std::string, std::string> unit_names;  // GSO code -> name
  std::map<std::string, std::string> user_names;  // username -> display name
  // Where DuongDanTaiTepTin points: "<base><sha256>" (default a motcua blob URI).
  std::string file_url_base = "motcua://blobs/";

  std::string UnitName(const std::string& code) const;
  std::string UserName(const std::string& username) const;
};

// The DongBoHoSoMC item for `d` as of `events` (its whole history, in order; the last one's seq
// is the record's version). TrichYeuHoSo is cut at 995 characters.
nlohmann::json BuildDossierRecord(const dossier::Dossier& d,
                                  const std::vector<dossier::Event>& events,
                                  const PayloadContext& context);
// The QuaTrinhXuLy entry for `e`.
nlohmann::json BuildProgressEntry(const dossier::Event& e, const PayloadContext& context);

// NoiDungXuLy: the action in Vietnamese ("Tiếp nhận hồ sơ"), with the reason when there is one.
std::string ActionText(const dossier::Event& e);

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_DVCQG_PAYLOAD_H_
