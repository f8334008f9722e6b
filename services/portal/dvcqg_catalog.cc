#include "services/portal/dvcqg_catalog.h"

#include <cmath>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"

namespace motcua::portal {
namespace {

using catalog::Level;
using catalog::TimeUnit;
using nlohmann::json;

absl::Status Bad(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

absl::StatusOr<std::string> Text(const json& j, const char* field, absl::string_view where,
                                 bool required = true) {
  const std::string name = absl::StrCat(where, field);
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) return Bad(name, "is missing");
    return std::string();
  }
  if (!it->is_string()) return Bad(name, "must be a string");
  if (required && it->get<std::string>().empty()) return Bad(name, "is empty");
  return it->get<std::string>();
}

// An array field; an empty array when absent and not required.
absl::StatusOr<json> Array(const json& j, const char* field, absl::string_view where,
                           bool required) {
  const std::string name = absl::StrCat(where, field);
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) {
    if (required) return Bad(name, "is missing");
    return json::array();
  }
  if (!it->is_array()) return Bad(name, "must be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    if (!(*it)[i].is_object()) return Bad(absl::StrCat(name, "[", i, "]"), "must be an object");
  }
  return *it;
}

// A number given as a JSON number or as a numeric string (portals send both).
absl::StatusOr<double> Number(const json& j, const char* field, absl::string_view where) {
  const std::string name = absl::StrCat(where, field);
  auto it = j.find(field);
  if (it == j.end() || it->is_null()) return Bad(name, "is missing");
  double value = 0;
  if (it->is_number()) {
    value = it->get<double>();
  } else if (!it->is_string() || !absl::SimpleAtod(it->get<std::string>(), &value)) {
    return Bad(name, "must be a number");
  }
  if (!std::isfinite(value) || value < 0) return Bad(name, "must be a number >= 0");
  return value;
}

std::string LevelText(Level level) {
  switch (level) {
    case Level::kCommune:
      return "Cấp xã";
    case Level::kDistrict:
      return "Cấp huyện";
    case Level::kProvince:
      return "Cấp tỉnh";
    case Level::kMinistry:
      return "Cấp bộ";
    case Level::kOther:
      return "Cơ quan khác";
  }
  return "";
}

absl::Status ParseTime(const json& record, PortalProcedure* p) {
  MOTCUA_ASSIGN_OR_RETURN(json channels, Array(record, "CACHTHUCTHUCHIEN", "", true));
  if (channels.empty()) return Bad("CACHTHUCTHUCHIEN", "is empty");
  size_t chosen = 0;
  for (size_t i = 0; i < channels.size(); ++i) {
    auto kenh = channels[i].find("KENH");
    if (kenh != channels[i].end() && kenh->is_string() &&
        FoldVietnamese(kenh->get<std::string>()) == "truc tiep") {
      chosen = i;
      break;
    }
  }
  const std::string where = absl::StrCat("CACHTHUCTHUCHIEN[", chosen, "].");
  MOTCUA_ASSIGN_OR_RETURN(json times, Array(channels[chosen], "THOIGIAN", where, true));
  if (times.empty()) return Bad(absl::StrCat(where, "THOIGIAN"), "is empty");
  const json& t = times[0];
  const std::string at = absl::StrCat(where, "THOIGIAN[0].");
  MOTCUA_ASSIGN_OR_RETURN(std::string unit_text, Text(t, "DONVITINH", at));
  auto unit = ParseTimeUnitText(unit_text);
  if (!unit) {
    return Bad(absl::StrCat(at, "DONVITINH"),
               absl::StrCat("\"", unit_text, "\" is not a known unit of time"));
  }
  p->time_limit.unit = *unit;
  MOTCUA_ASSIGN_OR_RETURN(p->time_limit.value, Number(t, "THOIGIANGIAIQUYET", at));
  const bool counted = *unit == TimeUnit::kWorkingDays || *unit == TimeUnit::kWorkingHours ||
                       *unit == TimeUnit::kCalendarDays;
  if (counted && (p->time_limit.value <= 0 || p->time_limit.value > 3650)) {
    return Bad(absl::StrCat(at, "THOIGIANGIAIQUYET"), "must be in (0, 3650] for this unit");
  }
  if (!counted) p->time_limit.value = 0;
  MOTCUA_ASSIGN_OR_RETURN(json fees, Array(t, "PHILEPHI", at, false));
  std::set<std::string> codes;
  for (size_t i = 0; i < fees.size(); ++i) {
    const std::string fat = absl::StrCat(at, "PHILEPHI[", i, "].");
    catalog::FeeLine f;
    MOTCUA_ASSIGN_OR_RETURN(f.code, Text(fees[i], "MAPHILEPHI", fat));
    MOTCUA_ASSIGN_OR_RETURN(f.name, Text(fees[i], "MOTA", fat, false));
    MOTCUA_ASSIGN_OR_RETURN(double amount, Number(fees[i], "SOTIEN", fat));
    if (amount > 1e12 || amount != std::floor(amount)) {
      return Bad(absl::StrCat(fat, "SOTIEN"), "must be a whole amount in đồng");
    }
    f.amount_vnd = static_cast<int64_t>(amount);
    if (!codes.insert(f.code).second) {
      return Bad(absl::StrCat(fat, "MAPHILEPHI"), absl::StrCat("\"", f.code, "\" is repeated"));
    }
    p->fees.push_back(std::move(f));
  }
  return absl::OkStatus();
}

}  // namespace

std::string TimeUnitText(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kWorkingDays:
      return "Ngày làm việc";
    case TimeUnit::kWorkingHours:
      return "Giờ làm việc";
    case TimeUnit::kCalendarDays:
      return "Ngày";
    case TimeUnit::kSameDay:
      return "Trong ngày";
    case TimeUnit::kImmediate:
      return "Ngay khi nhận đủ hồ sơ";
  }
  return "";
}

std::optional<TimeUnit> ParseTimeUnitText(absl::string_view text) {
  const std::string folded = FoldVietnamese(text);
  for (TimeUnit u : {TimeUnit::kWorkingDays, TimeUnit::kWorkingHours, TimeUnit::kCalendarDays,
                     TimeUnit::kSameDay, TimeUnit::kImmediate}) {
    if (folded == FoldVietnamese(TimeUnitText(u))) return u;
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<std::string>> ParseProcedureList(const json& answer) {
  auto data = answer.find("data");
  if (data == answer.end() || !data->is_array()) {
    return Bad(kListProceduresService, "data must be an array");
  }
  std::vector<std::string> codes;
  std::set<std::string> seen;
  for (size_t i = 0; i < data->size(); ++i) {
    const json& item = (*data)[i];
    const std::string where = absl::StrCat(kListProceduresService, " data[", i, "].");
    if (!item.is_object()) return Bad(absl::StrCat(where, ""), "must be an object");
    MOTCUA_ASSIGN_OR_RETURN(std::string code, Text(item, "MATTHC", where));
    if (!catalog::IsValidProcedureCode(code)) {
      return Bad(absl::StrCat(where, "MATTHC"),
                 absl::StrCat("\"", code, "\" is not a procedure code d.dddddd"));
    }
    if (!seen.insert(code).second) {
      return Bad(absl::StrCat(where, "MATTHC"), absl::StrCat("\"", code, "\" is listed twice"));
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

absl::StatusOr<PortalProcedure> ParseProcedureRecord(const json& answer, absl::string_view code) {
  auto data = answer.find("data");
  if (data == answer.end() || !data->is_object()) return Bad("data", "must be an object");
  const json& r = *data;
  PortalProcedure p;
  MOTCUA_ASSIGN_OR_RETURN(p.code, Text(r, "MATTHC", ""));
  if (p.code != code) {
    return Bad("MATTHC", absl::StrCat("the record is for ", p.code, ", asked for ", code));
  }
  MOTCUA_ASSIGN_OR_RETURN(p.name, Text(r, "TENTTHC", ""));
  MOTCUA_ASSIGN_OR_RETURN(json fields, Array(r, "LINHVUCTHUCHIEN", "", true));
  if (fields.empty()) return Bad("LINHVUCTHUCHIEN", "is empty");
  MOTCUA_ASSIGN_OR_RETURN(p.field_code, Text(fields[0], "MALINHVUC", "LINHVUCTHUCHIEN[0]."));
  MOTCUA_ASSIGN_OR_RETURN(p.field_name, Text(fields[0], "TENLINHVUC", "LINHVUCTHUCHIEN[0]."));
  MOTCUA_RETURN_IF_ERROR(ParseTime(r, &p));

  MOTCUA_ASSIGN_OR_RETURN(json components, Array(r, "THANHPHANHOSO", "", false));
  std::set<std::string> component_codes;
  for (size_t i = 0; i < components.size(); ++i) {
    const json& c = components[i];
    const std::string where = absl::StrCat("THANHPHANHOSO[", i, "].");
    catalog::DocumentComponent dc;
    MOTCUA_ASSIGN_OR_RETURN(dc.code, Text(c, "MAGIAYTO", where));
    MOTCUA_ASSIGN_OR_RETURN(dc.name, Text(c, "GIAYTO", where));
    MOTCUA_ASSIGN_OR_RETURN(std::string required, Text(c, "BATBUOC", where, false));
    if (required != "" && required != "0" && required != "1") {
      return Bad(absl::StrCat(where, "BATBUOC"), "must be \"0\" or \"1\"");
    }
    dc.required = required != "0";
    if (c.contains("SOLUONG") && !c["SOLUONG"].is_null()) {
      MOTCUA_ASSIGN_OR_RETURN(double copies, Number(c, "SOLUONG", where));
      if (copies < 1 || copies > 100 || copies != std::floor(copies)) {
        return Bad(absl::StrCat(where, "SOLUONG"), "must be a whole number 1..100");
      }
      dc.copies = static_cast<int>(copies);
    }
    if (!component_codes.insert(dc.code).second) {
      return Bad(absl::StrCat(where, "MAGIAYTO"), absl::StrCat("\"", dc.code, "\" is repeated"));
    }
    p.components.push_back(std::move(dc));
  }

  auto levels = r.find("CAPTHUCHIEN");
  if (levels != r.end() && !levels->is_null()) {
    if (!levels->is_array()) return Bad("CAPTHUCHIEN", "must be an array");
    for (size_t i = 0; i < levels->size(); ++i) {
      const json& l = (*levels)[i];
      auto level = l.is_string() ? catalog::ParseLevel(l.get<std::string>()) : std::nullopt;
      if (!level) {
        return Bad(absl::StrCat("CAPTHUCHIEN[", i, "]"),
                   "must be \"Cấp xã\", \"Cấp huyện\", \"Cấp tỉnh\", \"Cấp bộ\" or "
                   "\"Cơ quan khác\"");
      }
      p.levels.push_back(*level);
    }
  }
  return p;
}

json BuildProcedureRecord(const catalog::Procedure& p) {
  json fees = json::array();
  for (const auto& f : p.fees) {
    fees.push_back(json{
        {"MAPHILEPHI", f.code}, {"SOTIEN", f.amount_vnd}, {"DONVI", "Đồng"}, {"MOTA", f.name}});
  }
  json times = json::array();
  times.push_back(json{{"THOIGIANGIAIQUYET", p.time_limit.value},
                       {"DONVITINH", TimeUnitText(p.time_limit.unit)},
                       {"MOTA", p.time_limit.DisplayText()},
                       {"PHILEPHI", std::move(fees)}});
  json channels = json::array();
  channels.push_back(json{{"KENH", "Trực tiếp"}, {"THOIGIAN", times}});
  if (p.online_level != catalog::OnlineLevel::kNone) {
    channels.push_back(json{{"KENH", "Trực tuyến"}, {"THOIGIAN", times}});
  }
  json components = json::array();
  for (const auto& c : p.components) {
    components.push_back(json{{"MAGIAYTO", c.code},
                              {"GIAYTO", c.name},
                              {"BATBUOC", c.required ? "1" : "0"},
                              {"SOLUONG", c.copies},
                              {"TENMAUDON", ""},
                              {"URL", ""}});
  }
  json steps = json::array();
  for (const auto& s : p.steps) steps.push_back(json{{"TENTRINHTU", s.name}});
  json levels = json::array();
  for (Level l : p.levels) levels.push_back(LevelText(l));
  return json{
      {"MATTHC", p.code},
      {"TENTTHC", p.name},
      {"MACOQUANCONGBO", ""},
      {"LINHVUCTHUCHIEN",
       json::array({json{{"MALINHVUC", p.field_code}, {"TENLINHVUC", p.field_name}}})},
      {"TRINHTUTHUCHIEN", json::array({json{{"TRUONGHOP", ""}, {"TRINHTU", std::move(steps)}}})},
      {"CACHTHUCTHUCHIEN", std::move(channels)},
      {"THANHPHANHOSO", std::move(components)},
      {"YEUCAU", ""},
      {"DOITUONGTHUCHIEN", json::array()},
      {"KETQUATHUCHIEN", json::array()},
      {"CANCUPHAPLY", json::array()},
      {"COQUANTHUCHIEN", json::array()},
      {"CAPTHUCHIEN", std::move(levels)},
      {"TRANGTHAI", "1"}};
}

json BuildProcedureListItem(const json& record) {
  json item = json::object();
  for (const char* field : {"MATTHC", "TENTTHC"}) {
    if (record.is_object() && record.contains(field)) item[field] = record[field];
  }
  return item;
}

}  // namespace motcua::portal
