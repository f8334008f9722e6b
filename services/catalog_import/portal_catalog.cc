#include "services/catalog_import/portal_catalog.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "storage/catalog_store.h"

namespace motcua::catalog_import {
namespace {

using catalog::Procedure;
using catalog::TimeUnit;

// The hours the process steps share (the rule of catalog_data.cc: working hours, calendar days
// as 8 hours each, a same-day or immediate limit as one working day).
double BudgetHours(const catalog::TimeLimit& limit) {
  return limit.WorkingHours().value_or(limit.unit == TimeUnit::kCalendarDays ? limit.value * 8 : 8);
}

}  // namespace

absl::StatusOr<Procedure> MergePortalProcedure(const std::optional<Procedure>& current,
                                               const portal::PortalProcedure& portal,
                                               const std::string& source, absl::CivilDay today) {
  if (!current && portal.levels.empty()) {
    return absl::FailedPreconditionError(
        "new procedure without CAPTHUCHIEN: motcua cannot tell at which level it is carried "
        "out; import it with motcuad --import-catalog");
  }
  Procedure p = current ? *current : Procedure();
  p.code = portal.code;
  p.name = portal.name;
  p.field_code = portal.field_code;
  p.field_name = portal.field_name;
  if (!portal.levels.empty()) {
    // The store keeps levels as a set (read back in enum order): compare them the same way.
    std::set<catalog::Level> levels(portal.levels.begin(), portal.levels.end());
    p.levels.assign(levels.begin(), levels.end());
  }

  const double old_hours = BudgetHours(p.time_limit);
  p.time_limit = portal.time_limit;
  const double new_hours = BudgetHours(p.time_limit);
  if (current && old_hours > 0 && new_hours != old_hours) {
    // Keep each step's share of the limit, so the budgets still add up to it.
    for (auto& step : p.steps) step.budget_hours = step.budget_hours * new_hours / old_hours;
  }

  std::vector<catalog::FeeLine> fees;
  for (const auto& f : portal.fees) {
    catalog::FeeLine line = f;
    if (current) {
      for (const auto& old : current->fees) {
        if (old.code != f.code) continue;
        line.per = old.per;
        line.note = old.note;
        line.set_by_province = old.set_by_province;
        if (line.name.empty()) line.name = old.name;
      }
    }
    if (line.name.empty()) line.name = "Lệ phí";
    fees.push_back(std::move(line));
  }
  p.fees = std::move(fees);
  p.components = portal.components;
  if (!current) {
    p.online_level = catalog::OnlineLevel::kNone;
    p.source_uri = source;
  }
  p.valid_from = today;
  p.valid_to = std::nullopt;
  if (current && catalog::CanonicalForm(p) != catalog::CanonicalForm(*current)) {
    p.source_uri = source;  // what this version says now comes from the portal
  }
  return p;
}

absl::StatusOr<PortalCatalogSummary> ApplyPortalCatalog(
    storage::Store& store, const std::vector<portal::PortalProcedure>& procedures,
    const std::string& source, const Clock& clock) {
  PortalCatalogSummary summary;
  summary.listed = static_cast<int>(procedures.size());
  const absl::Time now = clock.Now();
  const absl::CivilDay today = absl::ToCivilDay(now, VietnamTimeZone());
  catalog::CatalogData data;
  {
    auto db = store.Read();
    for (const auto& portal : procedures) {
      std::optional<Procedure> current;
      auto found = storage::GetProcedure(*db, portal.code);
      if (found.ok()) {
        current = *std::move(found);
      } else if (!absl::IsNotFound(found.status())) {
        return found.status();
      }
      auto merged = MergePortalProcedure(current, portal, source, today);
      if (!merged.ok()) {
        summary.skipped.emplace_back(portal.code, std::string(merged.status().message()));
        continue;
      }
      if (current && catalog::CanonicalForm(*merged) == catalog::CanonicalForm(*current)) {
        ++summary.unchanged;
        continue;
      }
      const int version = current ? current->version + 1 : 1;
      (current ? summary.changed : summary.added)
          .push_back(absl::StrCat(portal.code, " v", version));
      data.procedures.push_back(*std::move(merged));
    }
  }
  if (data.procedures.empty()) return summary;
  MOTCUA_RETURN_IF_ERROR(store.writer().Write([&](storage::Database& db) -> absl::Status {
    return storage::WriteCatalog(db, data, source, now).status();
  }));
  return summary;
}

}  // namespace motcua::catalog_import
