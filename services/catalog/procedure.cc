#include "services/catalog/procedure.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/text_fold.h"

namespace motcua::catalog {

std::optional<double> TimeLimit::WorkingHours() const {
  switch (unit) {
    case TimeUnit::kWorkingDays:
      return value * 8;
    case TimeUnit::kWorkingHours:
      return value;
    default:
      return std::nullopt;
  }
}

std::string TimeLimit::DisplayText() const {
  std::string number = absl::StrFormat("%g", value);
  switch (unit) {
    case TimeUnit::kWorkingDays:
      return absl::StrCat(number, " ngày làm việc");
    case TimeUnit::kWorkingHours:
      return absl::StrCat(number, " giờ làm việc");
    case TimeUnit::kCalendarDays:
      return absl::StrCat(number, " ngày");
    case TimeUnit::kSameDay:
      return "Trong ngày";
    case TimeUnit::kImmediate:
      return "Ngay khi nhận đủ hồ sơ";
  }
  return number;
}

std::optional<Level> ParseLevel(absl::string_view text) {
  std::string folded = FoldVietnamese(text);
  if (folded == "cap xa" || folded == "commune") return Level::kCommune;
  if (folded == "cap huyen" || folded == "district") return Level::kDistrict;
  if (folded == "cap tinh" || folded == "province") return Level::kProvince;
  if (folded == "cap bo" || folded == "ministry") return Level::kMinistry;
  if (folded == "co quan khac" || folded == "other") return Level::kOther;
  return std::nullopt;
}

absl::string_view LevelName(Level level) {
  switch (level) {
    case Level::kCommune:
      return "commune";
    case Level::kDistrict:
      return "district";
    case Level::kProvince:
      return "province";
    case Level::kMinistry:
      return "ministry";
    case Level::kOther:
      return "other";
  }
  return "unknown";
}

std::optional<TimeUnit> ParseTimeUnit(absl::string_view text) {
  if (text == "working_days") return TimeUnit::kWorkingDays;
  if (text == "working_hours") return TimeUnit::kWorkingHours;
  if (text == "days") return TimeUnit::kCalendarDays;
  if (text == "same_day") return TimeUnit::kSameDay;
  if (text == "immediate") return TimeUnit::kImmediate;
  return std::nullopt;
}

std::optional<StepRole> ParseStepRole(absl::string_view text) {
  if (text == "clerk") return StepRole::kClerk;
  if (text == "specialist") return StepRole::kSpecialist;
  if (text == "leader") return StepRole::kLeader;
  if (text == "clerical") return StepRole::kClerical;
  return std::nullopt;
}

StepUnit DefaultStepUnit(StepRole role) {
  return role == StepRole::kClerk ? StepUnit::kOneStop : StepUnit::kCompetent;
}

std::optional<StepUnit> ParseStepUnit(absl::string_view text) {
  if (text == "one_stop") return StepUnit::kOneStop;
  if (text == "competent") return StepUnit::kCompetent;
  return std::nullopt;
}

std::string CanonicalForm(const Procedure& p) {
  std::string out = absl::StrCat(p.code, "\x1f", p.name, "\x1f", p.english_name, "\x1f",
                                 p.field_code, "\x1f", p.field_name, "\x1f");
  for (Level l : p.levels) absl::StrAppend(&out, static_cast<int>(l), ",");
  absl::StrAppend(&out, "\x1f", static_cast<int>(p.online_level), "\x1f",
                  absl::StrFormat("%.6f", p.time_limit.value), "/",
                  static_cast<int>(p.time_limit.unit), "\x1f");
  for (const auto& f : p.fees) {
    absl::StrAppend(&out, f.code, "|", f.name, "|", f.amount_vnd, "|", f.per, "|", f.note, "|",
                    f.set_by_province, ";");
  }
  absl::StrAppend(&out, "\x1f");
  for (const auto& c : p.components) {
    absl::StrAppend(&out, c.code, "|", c.name, "|", c.required, "|", c.copies, ";");
  }
  absl::StrAppend(&out, "\x1f");
  for (const auto& s : p.steps) {
    absl::StrAppend(&out, s.name, "|", static_cast<int>(s.role), "|",
                    absl::StrFormat("%.6f", s.budget_hours));
    // Only a unit other than the role's default is part of the form, so versions imported
    // before steps had a unit keep their identity.
    if (s.unit != DefaultStepUnit(s.role)) absl::StrAppend(&out, "|u", static_cast<int>(s.unit));
    absl::StrAppend(&out, ";");
  }
  absl::StrAppend(&out, "\x1f", p.source_uri, "\x1f");
  for (const auto& d : p.demo_fields) absl::StrAppend(&out, d, ",");
  return out;
}

bool IsValidProcedureCode(absl::string_view code) {
  if (code.size() != 8 || code[1] != '.') return false;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i == 1) continue;
    if (!absl::ascii_isdigit(static_cast<unsigned char>(code[i]))) return false;
  }
  return true;
}

}  // namespace motcua::catalog
