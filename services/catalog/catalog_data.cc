#include "services/catalog/catalog_data.h"

#include <cmath>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"
#include "services/common/tsv_reader.h"

namespace motcua::catalog {
namespace {

constexpr double kBudgetTolerance = 1e-6;

absl::StatusOr<std::vector<DocumentComponent>> ParseComponents(const TsvRow& row) {
  std::vector<DocumentComponent> out;
  absl::string_view cell = row.Get("components");
  if (cell.empty()) return out;
  for (absl::string_view item : absl::StrSplit(cell, ';')) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, '|');
    if (parts.size() != 4) {
      return row.Error("components",
                       absl::StrCat("\"", item, "\" is not code|name|required|copies"));
    }
    DocumentComponent c;
    c.code = std::string(absl::StripAsciiWhitespace(parts[0]));
    c.name = std::string(absl::StripAsciiWhitespace(parts[1]));
    if (c.code.empty() || c.name.empty()) {
      return row.Error("components", absl::StrCat("\"", item, "\" has an empty code or name"));
    }
    if (parts[2] != "0" && parts[2] != "1") {
      return row.Error("components", absl::StrCat("required must be 0 or 1 in \"", item, "\""));
    }
    c.required = parts[2] == "1";
    if (!absl::SimpleAtoi(parts[3], &c.copies) || c.copies < 1 || c.copies > 100) {
      return row.Error("components", absl::StrCat("copies must be 1..100 in \"", item, "\""));
    }
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<std::vector<ProcessStep>> ParseSteps(const TsvRow& row) {
  std::vector<ProcessStep> out;
  absl::string_view cell = row.Get("steps");
  if (cell.empty()) return out;
  for (absl::string_view item : absl::StrSplit(cell, ';')) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, '|');
    if (parts.size() != 3 && parts.size() != 4) {
      return row.Error("steps",
                       absl::StrCat("\"", item, "\" is not name|role|budget_hours[|unit]"));
    }
    ProcessStep s;
    s.ordinal = static_cast<int>(out.size()) + 1;
    s.name = std::string(absl::StripAsciiWhitespace(parts[0]));
    auto role = ParseStepRole(parts[1]);
    if (!role) {
      return row.Error("steps", absl::StrCat("unknown role \"", parts[1],
                                             "\" (clerk, specialist, leader, clerical)"));
    }
    s.role = *role;
    s.unit = DefaultStepUnit(s.role);
    if (parts.size() == 4) {
      auto unit = ParseStepUnit(absl::StripAsciiWhitespace(parts[3]));
      if (!unit) {
        return row.Error("steps",
                         absl::StrCat("unknown unit \"", parts[3], "\" (one_stop, competent)"));
      }
      s.unit = *unit;
    }
    if (!absl::SimpleAtod(parts[2], &s.budget_hours) || !std::isfinite(s.budget_hours) ||
        s.budget_hours < 0) {
      return row.Error("steps", absl::StrCat("budget \"", parts[2], "\" is not a number >= 0"));
    }
    out.push_back(std::move(s));
  }
  return out;
}

absl::StatusOr<Procedure> ParseProcedureRow(const TsvRow& row) {
  Procedure p;
  p.code = std::string(row.Get("code"));
  if (!IsValidProcedureCode(p.code)) {
    return row.Error("code", absl::StrCat("\"", p.code, "\" is not a national code like 1.001193"));
  }
  p.name = std::string(row.Get("name_vi"));
  if (p.name.empty()) return row.Error("name_vi", "the Vietnamese name is empty");
  p.english_name = std::string(row.Get("name_en"));
  for (absl::string_view level : absl::StrSplit(row.Get("levels"), ',', absl::SkipWhitespace())) {
    auto parsed = ParseLevel(absl::StripAsciiWhitespace(level));
    if (!parsed) return row.Error("levels", absl::StrCat("unknown level \"", level, "\""));
    p.levels.push_back(*parsed);
  }
  if (p.levels.empty()) return row.Error("levels", "no implementing level");
  p.field_code = std::string(row.Get("field_code"));
  p.field_name = std::string(row.Get("field_name"));

  auto unit = ParseTimeUnit(row.Get("time_unit"));
  if (!unit) {
    return row.Error("time_unit",
                     absl::StrCat("\"", row.Get("time_unit"),
                                  "\" is not working_days, working_hours, days, same_day or "
                                  "immediate"));
  }
  p.time_limit.unit = *unit;
  absl::string_view value = row.Get("time_value");
  if (value.empty() && (*unit == TimeUnit::kSameDay || *unit == TimeUnit::kImmediate)) {
    value = "0";
  }
  if (!absl::SimpleAtod(value, &p.time_limit.value) || !std::isfinite(p.time_limit.value) ||
      p.time_limit.value < 0 || p.time_limit.value > 3650) {
    return row.Error("time_value", absl::StrCat("\"", value, "\" is not a number in 0..3650"));
  }
  if ((*unit == TimeUnit::kWorkingDays || *unit == TimeUnit::kWorkingHours ||
       *unit == TimeUnit::kCalendarDays) &&
      p.time_limit.value <= 0) {
    return row.Error("time_value", "must be positive for this unit");
  }

  FeeLine fee;
  fee.code = "LP";
  fee.name = "Lệ phí";
  absl::string_view fee_text = row.Get("fee_vnd");
  if (!fee_text.empty()) {
    if (!absl::SimpleAtoi(fee_text, &fee.amount_vnd) || fee.amount_vnd < 0 ||
        fee.amount_vnd > 1'000'000'000'000) {
      return row.Error("fee_vnd", absl::StrCat("\"", fee_text, "\" is not an amount in đồng"));
    }
    fee.set_by_province = row.Get("fee_set_by_province") == "1";
    if (fee.set_by_province) fee.note = "Mức thu do Hội đồng nhân dân tỉnh quy định";
    p.fees.push_back(std::move(fee));
  }

  absl::string_view online = row.Get("online_level");
  if (online == "4") {
    p.online_level = OnlineLevel::kFull;
  } else if (online == "3") {
    p.online_level = OnlineLevel::kPartial;
  } else if (online.empty() || online == "0") {
    p.online_level = OnlineLevel::kNone;
  } else {
    return row.Error("online_level", absl::StrCat("\"", online, "\" is not 3, 4 or empty"));
  }
  MOTCUA_ASSIGN_OR_RETURN(p.components, ParseComponents(row));
  MOTCUA_ASSIGN_OR_RETURN(p.steps, ParseSteps(row));
  if (!p.steps.empty()) {
    double total = 0;
    for (const auto& s : p.steps) total += s.budget_hours;
    double limit = p.time_limit.WorkingHours().value_or(
        p.time_limit.unit == TimeUnit::kCalendarDays ? p.time_limit.value * 8 : 8);
    if (std::fabs(total - limit) > kBudgetTolerance) {
      return row.Error("steps", absl::StrCat("step budgets add up to ", total,
                                             " working hours but the time limit is ", limit));
    }
  }
  for (absl::string_view f : absl::StrSplit(row.Get("demo_fields"), ',', absl::SkipWhitespace())) {
    p.demo_fields.emplace_back(absl::StripAsciiWhitespace(f));
  }
  p.source_uri = std::string(row.Get("source"));
  if (!row.Get("valid_from").empty()) {
    MOTCUA_ASSIGN_OR_RETURN(p.valid_from, ParseIsoDate(row.Get("valid_from")));
  }
  return p;
}

}  // namespace

absl::StatusOr<absl::CivilDay> ParseIsoDate(absl::string_view text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) ||
      absl::FormatCivilTime(day) != text) {
    return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a date YYYY-MM-DD"));
  }
  return day;
}

absl::StatusOr<std::vector<Procedure>> ParseProcedures(absl::string_view text, std::string where) {
  MOTCUA_ASSIGN_OR_RETURN(
      TsvTable table,
      TsvTable::Parse(text, where, {"code", "name_vi", "levels", "time_value", "time_unit"}));
  std::vector<Procedure> out;
  std::set<std::string> seen;
  for (const TsvRow& row : table.rows()) {
    MOTCUA_ASSIGN_OR_RETURN(Procedure p, ParseProcedureRow(row));
    if (!seen.insert(p.code).second) {
      return row.Error("code", absl::StrCat("procedure ", p.code, " appears twice"));
    }
    out.push_back(std::move(p));
  }
  return out;
}

absl::StatusOr<std::vector<DivisionFile>> ParseDivisions(absl::string_view text,
                                                         std::string where) {
  MOTCUA_ASSIGN_OR_RETURN(
      TsvTable table,
      TsvTable::Parse(text, where, {"id", "file", "valid_from", "valid_to", "display_name"}));
  std::vector<DivisionFile> out;
  std::set<std::string> seen;
  for (const TsvRow& row : table.rows()) {
    DivisionFile d;
    d.division.id = std::string(row.Get("id"));
    if (d.division.id.empty() || d.division.id.find('/') != std::string::npos) {
      return row.Error("id", "must be a non-empty name without '/'");
    }
    if (!seen.insert(d.division.id).second) return row.Error("id", "appears twice");
    d.file = std::string(row.Get("file"));
    if (d.file.empty() || d.file.find('/') != std::string::npos) {
      return row.Error("file", "must be a file name in the same folder");
    }
    auto from = ParseIsoDate(row.Get("valid_from"));
    if (!from.ok()) return row.Error("valid_from", from.status().message());
    d.division.valid_from = *from;
    if (!row.Get("valid_to").empty()) {
      auto to = ParseIsoDate(row.Get("valid_to"));
      if (!to.ok()) return row.Error("valid_to", to.status().message());
      if (*to < *from) return row.Error("valid_to", "is before valid_from");
      d.division.valid_to = *to;
    }
    d.division.display_name = std::string(row.Get("display_name"));
    out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<std::vector<AdministrativeUnit>> ParseUnits(absl::string_view text,
                                                           std::string where,
                                                           const std::string& division) {
  MOTCUA_ASSIGN_OR_RETURN(TsvTable table,
                          TsvTable::Parse(text, where, {"code", "name", "type", "parent_code"}));
  bool two_tier = true;
  for (const TsvRow& row : table.rows()) {
    std::string folded = FoldVietnamese(row.Get("type"));
    if (folded == "huyen") two_tier = false;
  }
  std::vector<AdministrativeUnit> out;
  std::set<std::string> codes;
  for (const TsvRow& row : table.rows()) {
    AdministrativeUnit u;
    u.division = division;
    u.code = std::string(row.Get("code"));
    if (u.code.empty() || u.code.size() > 10 ||
        u.code.find_first_not_of("0123456789") != std::string::npos) {
      return row.Error("code", absl::StrCat("\"", u.code, "\" is not a GSO code of digits"));
    }
    if (!codes.insert(u.code).second) {
      return row.Error("code", absl::StrCat("unit ", u.code, " appears twice"));
    }
    u.name = std::string(row.Get("name"));
    if (u.name.empty()) return row.Error("name", "is empty");
    u.type = std::string(row.Get("type"));
    auto level = LevelOfUnitType(u.type, two_tier);
    if (!level) return row.Error("type", absl::StrCat("unknown unit type \"", u.type, "\""));
    u.level = *level;
    u.parent_code = std::string(row.Get("parent_code"));
    for (absl::string_view item :
         absl::StrSplit(row.Get("formed_from"), "; ", absl::SkipWhitespace())) {
      std::pair<absl::string_view, absl::string_view> kv =
          absl::StrSplit(item, absl::MaxSplits(':', 1));
      Predecessor pred;
      pred.code = std::string(kv.first);
      absl::string_view name = kv.second;
      if (pred.code.empty() || name.empty()) {
        return row.Error("formed_from", absl::StrCat("\"", item, "\" is not code:name"));
      }
      if (absl::ConsumeSuffix(&name, " (partial)")) pred.partial = true;
      pred.name = std::string(name);
      u.formed_from.push_back(std::move(pred));
    }
    out.push_back(std::move(u));
  }
  for (const auto& u : out) {
    if (!u.parent_code.empty() && codes.count(u.parent_code) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": unit ", u.code, " has parent ",
                                                     u.parent_code, ", which is not in the file"));
    }
    if (u.parent_code.empty() && u.level != Level::kProvince) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": unit ", u.code, " has no parent but is not a province"));
    }
  }
  return out;
}

}  // namespace motcua::catalog
