// File: services/portal/dvcqg_catalog.h
// The national procedure catalogue as the portal serves it (DOMAIN.md §4.1): LayDanhSachTTHC
// lists the procedures ({MATTHC, TENTTHC}), LayThuTuc {MATTHC} answers one record. Parsing is
// strict (a malformed answer is an error naming the field, so a refresh can refuse it whole);
// BuildProcedureRecord is the inverse, for the portal simulator. Pure: no I/O.
//
// Fields read from a LayThuTuc record: MATTHC, TENTTHC, LINHVUCTHUCHIEN[0] {MALINHVUC,
// TENLINHVUC}, CACHTHUCTHUCHIEN[] {KENH, THOIGIAN[] {THOIGIANGIAIQUYET, DONVITINH, PHILEPHI[]
// {MAPHILEPHI, SOTIEN, DONVI, MOTA}}} (the "Trực tiếp" channel, else the first), THANHPHANHOSO[]
// {MAGIAYTO, GIAYTO, BATBUOC "1"/"0", SOLUONG} and, when present, CAPTHUCHIEN[] ("Cấp xã", ...).
// DONVITINH is "Ngày làm việc", "Giờ làm việc", "Ngày", "Trong ngày" or "Ngay khi nhận đủ hồ sơ".
#ifndef MOTCUA_SERVICES_PORTAL_DVCQG_CATALOG_H_
#define MOTCUA_SERVICES_PORTAL_DVCQG_CATALOG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "services/catalog/procedure.h"

namespace motcua::portal {

inline constexpr char kListProceduresService[] = "LayDanhSachTTHC";
inline constexpr char kGetProcedureService[] = "LayThuTuc";

// What the portal says about one procedure. Fee lines carry code, name (MOTA) and amount only.
struct PortalProcedure {
  std::string code;
  std::string name;
  std::string field_code;
  std::string field_name;
  std::vector<catalog::Level> levels;  // empty when the record has no CAPTHUCHIEN
  catalog::TimeLimit time_limit;
  std::vector<catalog::FeeLine> fees;
  std::vector<catalog::DocumentComponent> components;
};

// The MATTHC codes in a LayDanhSachTTHC answer, in order; kInvalidArgument naming the item when
// "data" is not an array of objects with a valid, unique MATTHC.
absl::StatusOr<std::vector<std::string>> ParseProcedureList(const nlohmann::json& answer);
// The record in a LayThuTuc answer ("data"); kInvalidArgument naming the field, or when the
// record is for another code than `code`.
absl::StatusOr<PortalProcedure> ParseProcedureRecord(const nlohmann::json& answer,
                                                     absl::string_view code);

// The LayThuTuc record of `p` (the simulator serves these) and its LayDanhSachTTHC item.
nlohmann::json BuildProcedureRecord(const catalog::Procedure& p);
nlohmann::json BuildProcedureListItem(const nlohmann::json& record);

// DONVITINH text of a unit, and back (diacritics and case ignored); nullopt when unknown.
std::string TimeUnitText(catalog::TimeUnit unit);
std::optional<catalog::TimeUnit> ParseTimeUnitText(absl::string_view text);

}  // namespace motcua::portal

#endif  // MOTCUA_SERVICES_PORTAL_DVCQG_CATALOG_H_
