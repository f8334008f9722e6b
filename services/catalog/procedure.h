// File: services/catalog/procedure.h
// Domain types of the procedure catalogue (no proto, no SQL). A Procedure is one version of a
// national procedure record with its time limit, fees, papers and process steps.
#ifndef MOTCUA_SERVICES_CATALOG_PROCEDURE_H_
#define MOTCUA_SERVICES_CATALOG_PROCEDURE_H_

#include <cstdint>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/time/civil_time.h"

namespace motcua::catalog {

// Values match motcua.v1.AdministrativeLevel.
enum class Level { kCommune = 1, kDistrict = 2, kProvince = 3, kMinistry = 4, kOther = 5 };
// Values match motcua.v1.OnlineServiceLevel.
enum class OnlineLevel { kNone = 1, kPartial = 3, kFull = 4 };
// Values match motcua.v1.TimeLimit.Unit.
enum class TimeUnit {
  kWorkingDays = 1,
  kWorkingHours = 2,
  kCalendarDays = 3,
  kSameDay = 4,
  kImmediate = 5
};
// Values match motcua.v1.ProcessStep.Role.
enum class StepRole { kClerk = 1, kSpecialist = 2, kLeader = 3, kClerical = 4 };
// Where a step is done: at the one-stop desk that received the dossier (Bộ phận Một cửa) or at
// the competent agency. Values match motcua.v1.ProcessStep.Unit.
enum class StepUnit { kOneStop = 1, kCompetent = 2 };
// A clerk's step is the one-stop desk's; the others the competent agency's.
StepUnit DefaultStepUnit(StepRole role);

struct TimeLimit {
  double value = 0;
  TimeUnit unit = TimeUnit::kWorkingDays;
  // The limit in working hours where it has one (working days x 8, working hours), else nullopt.
  std::optional<double> WorkingHours() const;
  // Vietnamese rendering, e.g. "5 ngày làm việc", "Trong ngày".
  std::string DisplayText() const;
};

struct FeeLine {
  std::string code;
  std::string name;
  int64_t amount_vnd = 0;
  std::string per;
  std::string note;
  bool set_by_province = false;
};

struct DocumentComponent {
  std::string code;
  std::string name;
  bool required = true;
  int copies = 1;
};

struct ProcessStep {
  int ordinal = 0;
  std::string name;
  StepRole role = StepRole::kSpecialist;
  StepUnit unit = StepUnit::kCompetent;
  double budget_hours = 0;
};

struct Procedure {
  std::string code;  // "1.001193"
  std::string name;
  std::string english_name;
  std::string field_code;
  std::string field_name;
  std::vector<Level> levels;
  OnlineLevel online_level = OnlineLevel::kNone;
  TimeLimit time_limit;
  std::vector<FeeLine> fees;
  std::vector<DocumentComponent> components;
  std::vector<ProcessStep> steps;
  int version = 1;
  absl::CivilDay valid_from = absl::CivilDay(2025, 7, 1);
  std::optional<absl::CivilDay> valid_to;
  std::string source_uri;
  std::vector<std::string> demo_fields;
};

// Parses "Cấp xã", "Cấp huyện", "Cấp tỉnh", "Cấp bộ", "Cơ quan khác" (or commune, district,
// province, ministry, other).
std::optional<Level> ParseLevel(absl::string_view text);
absl::string_view LevelName(Level level);  // "commune", ...
std::optional<TimeUnit> ParseTimeUnit(absl::string_view text);  // "working_days", ...
std::optional<StepRole> ParseStepRole(absl::string_view text);  // "clerk", ...
std::optional<StepUnit> ParseStepUnit(absl::string_view text);  // "one_stop", "competent"

// A stable text of every field that makes up a version (not `version` itself): two records with
// the same canonical form are the same version.
std::string CanonicalForm(const Procedure& p);

// True when `code` has the national form d.dddddd (e.g. "1.001193").
bool IsValidProcedureCode(absl::string_view code);

}  // namespace motcua::catalog

#endif  // MOTCUA_SERVICES_CATALOG_PROCEDURE_H_
