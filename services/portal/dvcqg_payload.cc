#include "services/portal/dvcqg_payload.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/clock.h"
#include "services/workflow/role.h"
#include "services/workflow/transitions.h"

namespace motcua::portal {
namespace {

using nlohmann::json;

constexpr size_t kMaxSummaryChars = 995;  // Thanh Hóa's cut (DOMAIN.md §3.2)

std::string Code(int value) { return std::to_string(value); }

std::string OptTime(const std::optional<absl::Time>& t) {
  return t ? FormatPortalTime(*t) : std::string();
}

// The first `max_chars` code points of UTF-8 `text` (never splits a character).
std::string CutUtf8(const std::string& text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

// 9 (CMND) or 12 (CCCD) digits: a person. Anything else (tax codes of 10 or 13 digits, with or
// without the branch suffix): an organisation. LoaiDoiTuong follows Thanh Hóa's list (1 citizen,
// 2 enterprise); DOMAIN.md §3.2 notes the lists differ between APIs.
bool IsPersonalId(absl::string_view id) {
  if (id.size() != 9 && id.size() != 12) return false;
  for (char c : id) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

std::string DeliveryText(dossier::Delivery delivery) {
  switch (delivery) {
    case dossier::Delivery::kDesk:
      return "Trả kết quả tại Bộ phận Một cửa";
    case dossier::Delivery::kPost:
      return "Trả kết quả qua dịch vụ bưu chính công ích";
    case dossier::Delivery::kOnline:
      return "Trả kết quả trực tuyến";
    case dossier::Delivery::kUnspecified:
      break;
  }
  return "";
}

}  // namespace

const std::vector<std::string>& DossierRecordFields() {
  static const auto* fields = new std::vector<std::string>{"MaHoSo",
                                                           "MaTTHC",
                                                           "TenTTHC",
                                                           "MaLinhVuc",
                                                           "TenLinhVuc",
                                                           "KenhThucHien",
                                                           "ChuHoSo",
                                                           "SoGiayToChuHoSo",
                                                           "LoaiDoiTuong",
                                                           "MaDoiTuong",
                                                           "ThongTinKhac",
                                                           "Email",
                                                           "Fax",
                                                           "SoDienThoai",
                                                           "TrichYeuHoSo",
                                                           "NgayNopHoSo",
                                                           "NgayTiepNhan",
                                                           "NgayHenTra",
                                                           "TrangThaiHoSo",
                                                           "NgayTra",
                                                           "ThongTinTra",
                                                           "HinhThuc",
                                                           "NgayKetThucXuLy",
                                                           "NgayTuChoi",
                                                           "DonViXuLy",
                                                           "GhiChu",
                                                           "NoiNopHoSo",
                                                           "HoSoCoThanhPhanSoHoa",
                                                           "TaiKhoanDuocXacThucVoiVNeID",
                                                           "DuocThanhToanTrucTuyen",
                                                           "DinhDanhCHS",
                                                           "DSKetNoiCSDL",
                                                           "TaiLieuNop",
                                                           "DanhSachLePhi",
                                                           "DanhSachTepDinhKemKhac",
                                                           "DanhSachHoSoBoSung",
                                                           "DanhSachGiayToKetQua"};
  return *fields;
}

const std::vector<std::string>& ProgressEntryFields() {
  static const auto* fields = new std::vector<std::string>{
      "MaHoSo",      "NguoiXuLy", "ChucDanh",   "ThoiDiemXuLy",          "PhongBanXuLy",
      "NoiDungXuLy", "TrangThai", "NgayBatDau", "NgayKetThucTheoQuyDinh"};
  return *fields;
}

std::string FormatPortalTime(absl::Time t) {
  return absl::FormatTime("%Y%m%d%H%M%S", t, VietnamTimeZone());
}

absl::StatusOr<absl::Time> ParsePortalTime(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a date yyyyMMddHHmmss"));
  };
  if (text.size() != 14) return bad();
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return bad();
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (!absl::SimpleAtoi(text.substr(0, 4), &y) || !absl::SimpleAtoi(text.substr(4, 2), &mo) ||
      !absl::SimpleAtoi(text.substr(6, 2), &d) || !absl::SimpleAtoi(text.substr(8, 2), &h) ||
      !absl::SimpleAtoi(text.substr(10, 2), &mi) || !absl::SimpleAtoi(text.substr(12, 2), &s)) {
    return bad();
  }
  absl::CivilSecond cs(y, mo, d, h, mi, s);
  // CivilSecond normalises 31/02 into March: a real date reads back the same.
  if (cs.year() != y || cs.month() != mo || cs.day() != d || cs.hour() != h || cs.minute() != mi ||
      cs.second() != s) {
    return bad();
  }
  return absl::FromCivil(cs, VietnamTimeZone());
}

std::string ProgressKey(absl::string_view code, int64_t seq) {
  return absl::StrCat(code, "#", seq);
}

std::string RecordKey(absl::string_view code, int64_t version) {
  return absl::StrCat(code, "@", version);
}

absl::StatusOr<ParsedKey> ParseKey(absl::string_view key) {
  ParsedKey out;
  size_t pos = key.rfind('#');
  if (pos == absl::string_view::npos) {
    pos = key.rfind('@');
    out.is_record = true;
  }
  if (pos == absl::string_view::npos || pos == 0 ||
      !absl::SimpleAtoi(key.substr(pos + 1), &out.number) || out.number < 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", key, "\" is not an idempotency key (<MaHoSo>#<seq> or <MaHoSo>@<version>)"));
  }
  out.code = std::string(key.substr(0, pos));
  return out;
}

std::string PayloadContext::UnitName(const std::string& code) const {
  auto it = unit_names.find(code);
  return it == unit_names.end() ? code : it->second;
}

std::string PayloadContext::UserName(const std::string& username) const {
  auto it = user_names.find(username);
  return it == user_names.end() || it->second.empty() ? username : it->second;
}

std::string ActionText(const dossier::Event& e) {
  std::string text = dossier::EventActionDisplayName(e.action);
  if (!e.reason.empty()) absl::StrAppend(&text, ": ", e.reason);
  return text;
}

json BuildDossierRecord(const dossier::Dossier& d, const std::vector<dossier::Event>& events,
                        const PayloadContext& context) {
  const bool online = d.channel == dossier::Channel::kOnline;
  const bool person = IsPersonalId(d.applicant.id_number);
  std::optional<absl::Time> refused;
  std::vector<const dossier::Event*> supplement_events;
  // A fee the applicant paid themself ("pay" by the citizen) went through the provincial
  // payment gateway of motcua's citizen portal: DuocThanhToanTrucTuyen "2" (766 indicator 3.6).
  // A clerk recording a payment at the desk is not online.
  bool paid_online = false;
  for (const auto& e : events) {
    if (!refused && (e.action == "refuse" || e.action == "refuse-after-appraisal")) {
      refused = e.time;
    }
    if (e.action == "supplement") supplement_events.push_back(&e);
    if (e.action == "pay" && e.role == workflow::Role::kCitizen) paid_online = true;
  }
  std::string note = d.decision_note;
  if (d.extended) {
    absl::StrAppend(&note, note.empty() ? "" : "; ", "Gia hạn: ", d.extension_reason);
  }

  json papers = json::array();
  for (size_t i = 0; i < d.attachments.size(); ++i) {
    const auto& a = d.attachments[i];
    // Every paper in motcua is a stored file (scanned at the desk or uploaded), so it is
    // digitised; motcua does not yet take papers from the citizen's store or reuse results.
    papers.push_back(json{{"TepDinhKemId", absl::StrCat(d.code, "-", i + 1)},
                          {"TenTepDinhKem", a.file_name},
                          {"IsDeleted", "0"},
                          {"MaThanhPhanHoSo", a.component_code},
                          {"DuongDanTaiTepTin", context.file_url_base + a.sha256},
                          {"DuocSoHoa", "1"},
                          {"DuocTaiSuDung", "0"},
                          {"DuocLayTuKhoDMQG", "0"},
                          {"MaKetQuaThayThe", ""}});
  }
  json fees = json::array();
  for (const auto& f : d.fees) {
    fees.push_back(json{{"TenPhiLePhi", f.name},
                        {"MaPhiLePhi", f.code},
                        {"HinhThucThu", "1"},  // collected at reception
                        {"Gia", f.amount_vnd},
                        {"LoaiPhiLePhi", "1"}});
  }
  json rounds = json::array();
  for (size_t i = 0; i < d.supplements.size(); ++i) {
    const auto& s = d.supplements[i];
    const dossier::Event* received = i < supplement_events.size() ? supplement_events[i] : nullptr;
    rounds.push_back(
        json{{"HoSoBoSungId", absl::StrCat(d.code, "-BS", s.round)},
             {"NguoiYeuCauBoSung", context.UserName(s.requested_by)},
             {"NoiDungBoSung", s.content},
             {"NgayBoSung", FormatPortalTime(s.requested_time)},
             {"NguoiTiepNhanBoSung", received ? context.UserName(received->actor) : ""},
             {"ThongTinTiepNhan", received ? received->reason : ""},
             {"NgayTiepNhanBoSung", OptTime(s.completed_time)},
             {"TrangThaiBoSung", s.completed_time ? "1" : "0"},
             {"DanhSachGiayToBoSung", json::array()},
             {"DanhSachLePhiBoSung", json::array()},
             {"NgayHenTraTruoc", FormatPortalTime(s.previous_due)},
             {"NgayHenTraMoi", OptTime(s.new_due)}});
  }

  int64_t version = events.empty() ? 0 : events.back().seq;
  json r = json::object();
  r["MaHoSo"] = d.code;
  r["MaTTHC"] = d.procedure_code;
  r["TenTTHC"] = d.procedure_name;
  r["MaLinhVuc"] = context.field_code;
  r["TenLinhVuc"] = context.field_name;
  r["KenhThucHien"] = Code(static_cast<int>(d.channel));
  r["ChuHoSo"] = d.applicant.name;
  r["SoGiayToChuHoSo"] = d.applicant.id_number;
  r["LoaiDoiTuong"] = person ? "1" : "2";
  // The applicant's DVCQG account exists only online; VNeID accounts are keyed by the CCCD.
  r["MaDoiTuong"] = online ? d.applicant.id_number : "";
  r["ThongTinKhac"] = d.applicant.address;
  r["Email"] = d.applicant.email;
  r["Fax"] = "";
  r["SoDienThoai"] = d.applicant.phone;
  r["TrichYeuHoSo"] = CutUtf8(d.summary.empty() ? d.procedure_name : d.summary, kMaxSummaryChars);
  r["NgayNopHoSo"] = FormatPortalTime(d.submitted_time);
  r["NgayTiepNhan"] = OptTime(d.received_time);
  r["NgayHenTra"] = OptTime(d.due_time);
  r["TrangThaiHoSo"] = Code(static_cast<int>(d.status));
  r["NgayTra"] = OptTime(d.returned_time);
  r["ThongTinTra"] = d.returned_time ? DeliveryText(d.delivery) : "";
  r["HinhThuc"] = d.delivery == dossier::Delivery::kPost ? "1" : "0";
  r["NgayKetThucXuLy"] = OptTime(d.handling_end_time);
  r["NgayTuChoi"] = OptTime(refused);
  r["DonViXuLy"] = context.UnitName(d.competent_unit);
  r["GhiChu"] = note;
  r["NoiNopHoSo"] = context.UnitName(d.receiving_unit);
  // Every paper motcua holds is a stored file (DuocSoHoa "1" above): the dossier has digitised
  // components exactly when it has papers.
  r["HoSoCoThanhPhanSoHoa"] = d.attachments.empty() ? "0" : "1";
  // motcua records no VNeID sign-in yet.
  r["TaiKhoanDuocXacThucVoiVNeID"] = "0";
  r["DuocThanhToanTrucTuyen"] = paid_online ? "2" : "0";
  json id = {{"LoaiDinhDanh", person ? "1" : "2"}, {"SoDinhDanh", d.applicant.id_number}};
  r["DinhDanhCHS"] = json::array();
  r["DinhDanhCHS"].push_back(std::move(id));
  r["DSKetNoiCSDL"] = json::array();
  r["TaiLieuNop"] = std::move(papers);
  r["DanhSachLePhi"] = std::move(fees);
  r["DanhSachTepDinhKemKhac"] = json::array();
  r["DanhSachHoSoBoSung"] = std::move(rounds);
  // motcua does not store result files yet (issuing a result carries none): no e-result to link.
  r["DanhSachGiayToKetQua"] = json::array();
  r[kIdempotencyKeyField] = RecordKey(d.code, version);
  return r;
}

json BuildProgressEntry(const dossier::Event& e, const PayloadContext& context) {
  json r = json::object();
  r["MaHoSo"] = e.dossier_code;
  r["NguoiXuLy"] = context.UserName(e.actor);
  r["ChucDanh"] = std::string(workflow::RoleDisplayName(e.role));
  r["ThoiDiemXuLy"] = FormatPortalTime(e.time);
  r["PhongBanXuLy"] = e.unit.empty() ? "" : context.UnitName(e.unit);
  r["NoiDungXuLy"] = ActionText(e);
  r["TrangThai"] = Code(static_cast<int>(e.status_after));
  r["NgayBatDau"] = FormatPortalTime(e.time);
  r["NgayKetThucTheoQuyDinh"] = "";
  r[kIdempotencyKeyField] = ProgressKey(e.dossier_code, e.seq);
  return r;
}

}  // namespace motcua::portal
