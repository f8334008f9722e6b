#include "clients/portal_simulator/record_validator.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/portal/dvcqg_payload.h"

namespace motcua::portal_sim {
namespace {

using nlohmann::json;

enum class Kind {
  kText,          // a string, may be empty
  kRequiredText,  // a non-empty string
  kDate,          // "" or yyyyMMddHHmmss
  kRequiredDate,  // yyyyMMddHHmmss
  kCode,          // one of `codes`
  kCount,         // an integer >= 0
  kArray,         // an array of objects described by `items`
};

struct Field {
  const char* name;
  Kind kind;
  std::vector<std::string> codes = {};
  const std::vector<Field>* items = nullptr;
  bool required = true;  // must be present
};

std::string Path(absl::string_view path, absl::string_view name) {
  return path.empty() ? std::string(name) : absl::StrCat(path, ".", name);
}

absl::Status Bad(absl::string_view path, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", why));
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

absl::Status CheckObject(const json& value, const std::vector<Field>& fields,
                         absl::string_view path, const std::set<std::string>& extra = {});

absl::Status CheckField(const json& value, const Field& f, const std::string& path) {
  switch (f.kind) {
    case Kind::kText:
    case Kind::kRequiredText:
    case Kind::kDate:
    case Kind::kRequiredDate:
    case Kind::kCode: {
      if (!value.is_string()) return Bad(path, "must be a string");
      const std::string s = value.get<std::string>();
      if (f.kind == Kind::kRequiredText && s.empty()) return Bad(path, "must not be empty");
      if (f.kind == Kind::kDate || f.kind == Kind::kRequiredDate) {
        if (s.empty() && f.kind == Kind::kDate) return absl::OkStatus();
        auto t = portal::ParsePortalTime(s);
        if (!t.ok()) return Bad(path, t.status().message());
      }
      if (f.kind == Kind::kCode) {
        bool known = false;
        for (const auto& c : f.codes) known = known || c == s;
        if (!known) {
          return Bad(path,
                     absl::StrCat("\"", s, "\" is not one of ", absl::StrJoin(f.codes, ", ")));
        }
      }
      return absl::OkStatus();
    }
    case Kind::kCount:
      if (!value.is_number_integer() || value.get<int64_t>() < 0) {
        return Bad(path, "must be a whole number >= 0");
      }
      return absl::OkStatus();
    case Kind::kArray: {
      if (!value.is_array()) return Bad(path, "must be an array");
      for (size_t i = 0; i < value.size(); ++i) {
        MOTCUA_RETURN_IF_ERROR(CheckObject(value[i], *f.items, absl::StrCat(path, "[", i, "]")));
      }
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::Status CheckObject(const json& value, const std::vector<Field>& fields,
                         absl::string_view path, const std::set<std::string>& extra) {
  if (!value.is_object()) return Bad(path.empty() ? "record" : path, "must be an object");
  for (const auto& [name, v] : value.items()) {
    bool known = extra.count(name) > 0;
    for (const auto& f : fields) known = known || name == f.name;
    if (!known) return Bad(Path(path, name), "is not a field of this record");
  }
  for (const auto& f : fields) {
    auto it = value.find(f.name);
    if (it == value.end()) {
      if (f.required) return Bad(Path(path, f.name), "is missing");
      continue;
    }
    MOTCUA_RETURN_IF_ERROR(CheckField(*it, f, Path(path, f.name)));
  }
  return absl::OkStatus();
}

const std::vector<std::string> kFlag = {"0", "1"};
const std::vector<std::string> kStatus = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

const std::vector<Field>& Identifiers() {
  static const auto* f = new std::vector<Field>{{"LoaiDinhDanh", Kind::kRequiredText},
                                                {"SoDinhDanh", Kind::kRequiredText}};
  return *f;
}
const std::vector<Field>& Databases() {
  static const auto* f = new std::vector<Field>{{"MaCSDL", Kind::kRequiredText}};
  return *f;
}
const std::vector<Field>& Papers() {
  static const auto* f = new std::vector<Field>{{"TepDinhKemId", Kind::kRequiredText},
                                                {"TenTepDinhKem", Kind::kRequiredText},
                                                {"IsDeleted", Kind::kCode, kFlag},
                                                {"MaThanhPhanHoSo", Kind::kRequiredText},
                                                {"DuongDanTaiTepTin", Kind::kRequiredText},
                                                {"DuocSoHoa", Kind::kCode, kFlag},
                                                {"DuocTaiSuDung", Kind::kCode, kFlag},
                                                {"DuocLayTuKhoDMQG", Kind::kCode, kFlag},
                                                {"MaKetQuaThayThe", Kind::kText}};
  return *f;
}
const std::vector<Field>& Fees() {
  static const auto* f = new std::vector<Field>{{"TenPhiLePhi", Kind::kRequiredText},
                                                {"MaPhiLePhi", Kind::kText},
                                                {"HinhThucThu", Kind::kCode, {"1", "2", "4"}},
                                                {"Gia", Kind::kCount},
                                                {"LoaiPhiLePhi", Kind::kCode, {"1"}}};
  return *f;
}
const std::vector<Field>& OtherPapers() {
  static const auto* f = new std::vector<Field>{
      {"TenGiayTo", Kind::kRequiredText}, {"SoLuong", Kind::kCount}, {"LoaiGiayTo", Kind::kText}};
  return *f;
}
const std::vector<Field>& SupplementPapers() {
  static const auto* f = new std::vector<Field>{{"TenGiayTo", Kind::kRequiredText},
                                                {"MaThanhPhanHoSo", Kind::kText},
                                                {"SoLuong", Kind::kCount, {}, nullptr, false}};
  return *f;
}
const std::vector<Field>& Supplements() {
  static const auto* f =
      new std::vector<Field>{{"HoSoBoSungId", Kind::kRequiredText},
                             {"NguoiYeuCauBoSung", Kind::kRequiredText},
                             {"NoiDungBoSung", Kind::kRequiredText},
                             {"NgayBoSung", Kind::kRequiredDate},
                             {"NguoiTiepNhanBoSung", Kind::kText},
                             {"ThongTinTiepNhan", Kind::kText},
                             {"NgayTiepNhanBoSung", Kind::kDate},
                             {"TrangThaiBoSung", Kind::kCode, kFlag},
                             {"DanhSachGiayToBoSung", Kind::kArray, {}, &SupplementPapers()},
                             {"DanhSachLePhiBoSung", Kind::kArray, {}, &Fees()},
                             {"NgayHenTraTruoc", Kind::kRequiredDate},
                             {"NgayHenTraMoi", Kind::kDate}};
  return *f;
}
const std::vector<Field>& Results() {
  static const auto* f = new std::vector<Field>{{"TenGiayTo", Kind::kRequiredText},
                                                {"MaThanhPhanHoSo", Kind::kText},
                                                {"GiayToId", Kind::kRequiredText},
                                                {"DuongDanTepTinKetQua", Kind::kRequiredText},
                                                {"MaGiayToKetQua", Kind::kText}};
  return *f;
}

const std::vector<Field>& RecordFields() {
  static const auto* f =
      new std::vector<Field>{{"MaHoSo", Kind::kRequiredText},
                             {"MaTTHC", Kind::kRequiredText},
                             {"TenTTHC", Kind::kRequiredText},
                             {"MaLinhVuc", Kind::kText},
                             {"TenLinhVuc", Kind::kText},
                             {"KenhThucHien", Kind::kCode, {"1", "2", "3"}},
                             {"ChuHoSo", Kind::kRequiredText},
                             {"SoGiayToChuHoSo", Kind::kText},
                             {"LoaiDoiTuong", Kind::kCode, {"1", "2", "3", "4"}},
                             {"MaDoiTuong", Kind::kText},
                             {"ThongTinKhac", Kind::kText, {}, nullptr, false},
                             {"Email", Kind::kText, {}, nullptr, false},
                             {"Fax", Kind::kText, {}, nullptr, false},
                             {"SoDienThoai", Kind::kText, {}, nullptr, false},
                             {"TrichYeuHoSo", Kind::kRequiredText},
                             {"NgayNopHoSo", Kind::kRequiredDate},
                             {"NgayTiepNhan", Kind::kDate},
                             {"NgayHenTra", Kind::kDate},
                             {"TrangThaiHoSo", Kind::kCode, kStatus},
                             {"NgayTra", Kind::kDate},
                             {"ThongTinTra", Kind::kText, {}, nullptr, false},
                             {"HinhThuc", Kind::kCode, kFlag},
                             {"NgayKetThucXuLy", Kind::kDate},
                             {"NgayTuChoi", Kind::kDate},
                             {"DonViXuLy", Kind::kRequiredText},
                             {"GhiChu", Kind::kText, {}, nullptr, false},
                             {"NoiNopHoSo", Kind::kText, {}, nullptr, false},
                             {"HoSoCoThanhPhanSoHoa", Kind::kCode, kFlag},
                             {"TaiKhoanDuocXacThucVoiVNeID", Kind::kCode, kFlag},
                             {"DuocThanhToanTrucTuyen", Kind::kCode, {"0", "1", "2"}},
                             {"DinhDanhCHS", Kind::kArray, {}, &Identifiers()},
                             {"DSKetNoiCSDL", Kind::kArray, {}, &Databases()},
                             {"TaiLieuNop", Kind::kArray, {}, &Papers()},
                             {"DanhSachLePhi", Kind::kArray, {}, &Fees()},
                             {"DanhSachTepDinhKemKhac", Kind::kArray, {}, &OtherPapers(), false},
                             {"DanhSachHoSoBoSung", Kind::kArray, {}, &Supplements()},
                             {"DanhSachGiayToKetQua", Kind::kArray, {}, &Results()},
                             {portal::kIdempotencyKeyField, Kind::kRequiredText}};
  return *f;
}

const std::vector<Field>& EntryFields() {
  static const auto* f =
      new std::vector<Field>{{"MaHoSo", Kind::kRequiredText},
                             {"NguoiXuLy", Kind::kRequiredText},
                             {"ChucDanh", Kind::kText, {}, nullptr, false},
                             {"ThoiDiemXuLy", Kind::kRequiredDate},
                             {"PhongBanXuLy", Kind::kText, {}, nullptr, false},
                             {"NoiDungXuLy", Kind::kRequiredText},
                             {"TrangThai", Kind::kCode, kStatus},
                             {"NgayBatDau", Kind::kDate, {}, nullptr, false},
                             {"NgayKetThucTheoQuyDinh", Kind::kDate, {}, nullptr, false},
                             {portal::kIdempotencyKeyField, Kind::kRequiredText}};
  return *f;
}

bool WellFormedCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c) && c != '.' && c != '-' && c != '_') {
      return false;
    }
  }
  return true;
}

// MaTTHC: the national code "1.004837", optionally localised ("1.004837.000.00.00.H44").
bool WellFormedProcedureCode(const std::string& code) {
  if (code.size() < 8 || !absl::ascii_isdigit(code[0]) || code[1] != '.') return false;
  for (size_t i = 2; i < 8; ++i) {
    if (!absl::ascii_isdigit(code[i])) return false;
  }
  if (code.size() == 8) return true;
  if (code[8] != '.') return false;
  for (size_t i = 9; i < code.size(); ++i) {
    if (!absl::ascii_isalnum(code[i]) && code[i] != '.') return false;
  }
  return true;
}

absl::Status CheckKey(const json& value, bool record, absl::string_view path) {
  const std::string code = value.at("MaHoSo").get<std::string>();
  const std::string key = value.at(portal::kIdempotencyKeyField).get<std::string>();
  auto parsed = portal::ParseKey(key);
  if (!parsed.ok() || parsed->is_record != record || parsed->code != code) {
    return Bad(Path(path, portal::kIdempotencyKeyField),
               absl::StrCat("\"", key, "\" is not ", code, record ? "@<version>" : "#<seq>"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateDossierRecord(const json& r, absl::string_view path) {
  MOTCUA_RETURN_IF_ERROR(CheckObject(r, RecordFields(), path));
  const std::string code = r.at("MaHoSo").get<std::string>();
  if (!WellFormedCode(code)) {
    return Bad(Path(path, "MaHoSo"), "must be 1..64 of A-Z, 0-9, '.', '-', '_'");
  }
  MOTCUA_RETURN_IF_ERROR(CheckKey(r, /*record=*/true, path));
  if (!WellFormedProcedureCode(r.at("MaTTHC").get<std::string>())) {
    return Bad(Path(path, "MaTTHC"), "is not a national procedure code like 1.001193");
  }
  if (Utf8Length(r.at("TrichYeuHoSo").get<std::string>()) > 1000) {
    return Bad(Path(path, "TrichYeuHoSo"), "is longer than 1000 characters");
  }
  auto text = [&](const char* name) { return r.at(name).get<std::string>(); };
  const std::string status = text("TrangThaiHoSo");
  if (text("KenhThucHien") != "2" && !text("MaDoiTuong").empty()) {
    return Bad(Path(path, "MaDoiTuong"), "is only for online dossiers (KenhThucHien 2)");
  }
  auto requires_date = [&](const char* name, std::set<std::string> statuses) -> absl::Status {
    if (statuses.count(status) && text(name).empty()) {
      return Bad(Path(path, name), absl::StrCat("is required when TrangThaiHoSo is ", status));
    }
    return absl::OkStatus();
  };
  MOTCUA_RETURN_IF_ERROR(requires_date("NgayTiepNhan", {"2", "3", "4", "5", "6", "9", "10"}));
  MOTCUA_RETURN_IF_ERROR(requires_date("NgayHenTra", {"2", "4", "5", "6", "9", "10"}));
  MOTCUA_RETURN_IF_ERROR(requires_date("NgayKetThucXuLy", {"3", "8", "9", "10"}));
  MOTCUA_RETURN_IF_ERROR(requires_date("NgayTra", {"10"}));
  MOTCUA_RETURN_IF_ERROR(requires_date("NgayTuChoi", {"3"}));
  // yyyyMMddHHmmss compares as text.
  if (!text("NgayTiepNhan").empty() && text("NgayTiepNhan") < text("NgayNopHoSo")) {
    return Bad(Path(path, "NgayTiepNhan"), "is before NgayNopHoSo");
  }
  if (!text("NgayHenTra").empty() && !text("NgayTiepNhan").empty() &&
      text("NgayHenTra") < text("NgayTiepNhan")) {
    return Bad(Path(path, "NgayHenTra"), "is before NgayTiepNhan");
  }
  return absl::OkStatus();
}

absl::Status ValidateProgressEntry(const json& e, absl::string_view path) {
  MOTCUA_RETURN_IF_ERROR(CheckObject(e, EntryFields(), path));
  if (!WellFormedCode(e.at("MaHoSo").get<std::string>())) {
    return Bad(Path(path, "MaHoSo"), "must be 1..64 of A-Z, 0-9, '.', '-', '_'");
  }
  return CheckKey(e, /*record=*/false, path);
}

}  // namespace motcua::portal_sim
