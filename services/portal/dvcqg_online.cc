#include "services/portal/dvcqg_online.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/portal/dvcqg_payload.h"

namespace motcua::portal {
namespace {

using nlohmann::json;

// Longer portal codes would not fit motcua's 128-byte request_id.
constexpr size_t kMaxPortalCode = 100;

absl::Status Bad(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

// A required non-empty string field.
absl::StatusOr<std::string> Required(const json& j, const char* field, absl::string_view where) {
  auto it = j.find(field);
  const std::string name = absl::StrCat(where, field);
  if (it == j.end() || it->is_null()) return Bad(name, "is missing");
  if (!it->is_string()) return Bad(name, "must be a string");
  std::string value = it->get<std::string>();
  if (value.empty()) return Bad(name, "is empty");
  return value;
}

// An optional string field: "" when absent or null.
absl::StatusOr<std::string> Optional(const json& j, const char* field) {
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Bad(field, "must be a string");
  return it->get<std::string>();
}

}  // namespace

json OnlineListRequest(absl::string_view cursor, int limit) {
  return json{{"ViTri", std::string(cursor)}, {"SoLuong", limit}};
}

absl::StatusOr<OnlinePage> ParseOnlinePage(const json& answer) {
  auto garbage = [](absl::string_view what) {
    return absl::UnavailableError(
        absl::StrCat("the portal's answer is malformed: ", kListOnlineService, ": ", what));
  };
  OnlinePage page;
  auto data = answer.find("data");
  if (data == answer.end()) return garbage("no data");
  if (!data->is_array()) return garbage("data is not an array");
  for (const auto& record : *data) page.records.push_back(record);
  auto next = answer.find("ViTriTiep");
  if (next != answer.end() && !next->is_null()) {
    if (!next->is_string()) return garbage("ViTriTiep is not a string");
    page.next_cursor = next->get<std::string>();
  }
  return page;
}

std::string PortalCodeOf(const json& record) {
  if (!record.is_object()) return "";
  auto it = record.find("MaHoSo");
  if (it == record.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

absl::StatusOr<OnlineDossier> ParseOnlineDossier(const json& record) {
  if (!record.is_object()) return Bad("record", "must be a JSON object");
  OnlineDossier d;
  MOTCUA_ASSIGN_OR_RETURN(d.portal_code, Required(record, "MaHoSo", ""));
  if (d.portal_code.size() > kMaxPortalCode) {
    return Bad("MaHoSo", absl::StrCat("longer than ", kMaxPortalCode, " characters"));
  }
  for (char c : d.portal_code) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return Bad("MaHoSo", "holds a control character");
    }
  }
  MOTCUA_ASSIGN_OR_RETURN(d.procedure_code, Required(record, "MaTTHC", ""));
  MOTCUA_ASSIGN_OR_RETURN(d.receiving_unit, Required(record, "MaDonViTiepNhan", ""));
  MOTCUA_ASSIGN_OR_RETURN(d.competent_unit, Optional(record, "MaDonViXuLy"));
  MOTCUA_ASSIGN_OR_RETURN(d.applicant.name, Required(record, "ChuHoSo", ""));
  MOTCUA_ASSIGN_OR_RETURN(d.applicant.id_number, Required(record, "SoGiayToChuHoSo", ""));
  MOTCUA_ASSIGN_OR_RETURN(d.applicant.phone, Optional(record, "SoDienThoai"));
  MOTCUA_ASSIGN_OR_RETURN(d.applicant.email, Optional(record, "Email"));
  MOTCUA_ASSIGN_OR_RETURN(d.applicant.address, Optional(record, "ThongTinKhac"));
  MOTCUA_ASSIGN_OR_RETURN(d.summary, Optional(record, "TrichYeuHoSo"));
  MOTCUA_ASSIGN_OR_RETURN(std::string submitted, Required(record, "NgayNopHoSo", ""));
  auto time = ParsePortalTime(submitted);
  if (!time.ok()) return Bad("NgayNopHoSo", time.status().message());
  d.submitted_time = *time;

  auto papers = record.find("TaiLieuNop");
  if (papers != record.end() && !papers->is_null()) {
    if (!papers->is_array()) return Bad("TaiLieuNop", "must be an array");
    for (size_t i = 0; i < papers->size(); ++i) {
      const json& p = (*papers)[i];
      const std::string where = absl::StrCat("TaiLieuNop[", i, "].");
      if (!p.is_object()) return Bad(absl::StrCat("TaiLieuNop[", i, "]"), "must be an object");
      if (auto deleted = p.find("IsDeleted");
          deleted != p.end() && deleted->is_string() && *deleted == "1") {
        continue;  // withdrawn by the citizen before submitting
      }
      OnlinePaper paper;
      MOTCUA_ASSIGN_OR_RETURN(paper.component_code, Required(p, "MaThanhPhanHoSo", where));
      MOTCUA_ASSIGN_OR_RETURN(paper.file_name, Required(p, "TenTepDinhKem", where));
      MOTCUA_ASSIGN_OR_RETURN(std::string encoded, Required(p, "NoiDungTep", where));
      if (!absl::Base64Unescape(encoded, &paper.content) || paper.content.empty()) {
        return Bad(absl::StrCat(where, "NoiDungTep"), "is not a non-empty base64 file");
      }
      d.papers.push_back(std::move(paper));
    }
  }
  return d;
}

std::string OnlineRequestId(absl::string_view portal_code) {
  return absl::StrCat(kOnlineRequestPrefix, portal_code);
}

json OnlineAckRequest(const std::vector<OnlineAck>& acks) {
  json data = json::array();
  for (const auto& a : acks) {
    data.push_back(json{{"MaHoSo", a.portal_code}, {"MaHoSoMotCua", a.motcua_code}});
  }
  return data;
}

}  // namespace motcua::portal
