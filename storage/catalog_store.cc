#include "storage/catalog_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"

namespace motcua::storage {
namespace {

using catalog::AdministrativeUnit;
using catalog::Division;
using catalog::Level;
using catalog::Procedure;

int LevelBits(const std::vector<Level>& levels) {
  int bits = 0;
  for (Level l : levels) bits |= 1 << static_cast<int>(l);
  return bits;
}

std::vector<Level> LevelsFromBits(int64_t bits) {
  std::vector<Level> out;
  for (int l = 1; l <= 5; ++l) {
    if (bits & (1 << l)) out.push_back(static_cast<Level>(l));
  }
  return out;
}

std::string DateText(absl::CivilDay d) { return absl::FormatCivilTime(d); }

absl::CivilDay ParseDay(absl::string_view text) {
  absl::CivilDay d;
  absl::ParseCivilTime(text, &d);
  return d;
}

// '%', '_' and '\' in user text must not act as LIKE wildcards.
std::string LikePattern(absl::string_view term) {
  std::string out = "%";
  for (char c : term) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

constexpr char kInsertDivision[] =
    "INSERT INTO divisions(id, display_name, valid_from, valid_to) VALUES(?1, ?2, ?3, ?4) "
    "ON CONFLICT(id) DO UPDATE SET display_name=?2, valid_from=?3, valid_to=?4";
constexpr char kDeleteUnits[] = "DELETE FROM units WHERE division=?1";
constexpr char kInsertUnit[] =
    "INSERT INTO units(division, code, name, search_name, type, level, parent_code) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kInsertPredecessor[] =
    "INSERT INTO unit_predecessors(division, code, ordinal, predecessor_code, predecessor_name, "
    "partial) VALUES(?1, ?2, ?3, ?4, ?5, ?6)";
constexpr char kCurrentProcedure[] =
    "SELECT version, canonical FROM procedures WHERE code=?1 AND is_current=1";
constexpr char kRetireProcedure[] =
    "UPDATE procedures SET is_current=0, valid_to=?2 WHERE code=?1 AND is_current=1";
constexpr char kInsertProcedure[] =
    "INSERT INTO procedures(code, version, is_current, name, english_name, search_text, "
    "field_code, field_name, levels, online_level, time_value, time_unit, valid_from, valid_to, "
    "source_uri, demo_fields, canonical) "
    "VALUES(?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
constexpr char kInsertComponent[] =
    "INSERT INTO procedure_components(code, version, ordinal, component_code, name, required, "
    "copies) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kInsertStep[] =
    "INSERT INTO procedure_steps(code, version, ordinal, name, role, budget_hours, unit) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr char kInsertFee[] =
    "INSERT INTO procedure_fees(code, version, ordinal, fee_code, name, amount_vnd, per, note, "
    "set_by_province) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr char kInsertImport[] =
    "INSERT INTO catalog_imports(import_time, source, procedures, units, new_versions) "
    "VALUES(?1, ?2, ?3, ?4, ?5)";

absl::Status WriteUnits(Database& db, const catalog::CatalogData& data) {
  for (const Division& d : data.divisions) {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef del, db.Prepare(kDeleteUnits));
    MOTCUA_RETURN_IF_ERROR(del->Bind(1, d.id).Run());
  }
  for (const AdministrativeUnit& u : data.units) {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef ins, db.Prepare(kInsertUnit));
    ins->Bind(1, u.division).Bind(2, u.code).Bind(3, u.name).Bind(4, FoldVietnamese(u.name));
    ins->Bind(5, u.type).Bind(6, static_cast<int>(u.level));
    if (u.parent_code.empty()) {
      ins->BindNull(7);
    } else {
      ins->Bind(7, u.parent_code);
    }
    MOTCUA_RETURN_IF_ERROR(ins->Run());
    for (size_t i = 0; i < u.formed_from.size(); ++i) {
      const auto& p = u.formed_from[i];
      MOTCUA_ASSIGN_OR_RETURN(StatementRef pred, db.Prepare(kInsertPredecessor));
      pred->Bind(1, u.division).Bind(2, u.code).Bind(3, static_cast<int>(i)).Bind(4, p.code);
      pred->Bind(5, p.name).Bind(6, p.partial ? 1 : 0);
      MOTCUA_RETURN_IF_ERROR(pred->Run());
    }
  }
  return absl::OkStatus();
}

absl::Status WriteProcedureVersion(Database& db, const Procedure& p, int version,
                                   const std::string& canonical) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef ins, db.Prepare(kInsertProcedure));
  ins->Bind(1, p.code).Bind(2, version).Bind(3, p.name).Bind(4, p.english_name);
  ins->Bind(5, FoldVietnamese(absl::StrCat(p.code, " ", p.name)));
  ins->Bind(6, p.field_code).Bind(7, p.field_name).Bind(8, LevelBits(p.levels));
  ins->Bind(9, static_cast<int>(p.online_level)).Bind(10, p.time_limit.value);
  ins->Bind(11, static_cast<int>(p.time_limit.unit)).Bind(12, DateText(p.valid_from));
  if (p.valid_to) {
    ins->Bind(13, DateText(*p.valid_to));
  } else {
    ins->BindNull(13);
  }
  ins->Bind(14, p.source_uri).Bind(15, absl::StrJoin(p.demo_fields, ",")).Bind(16, canonical);
  MOTCUA_RETURN_IF_ERROR(ins->Run());
  for (size_t i = 0; i < p.components.size(); ++i) {
    const auto& c = p.components[i];
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(kInsertComponent));
    st->Bind(1, p.code).Bind(2, version).Bind(3, static_cast<int>(i)).Bind(4, c.code);
    st->Bind(5, c.name).Bind(6, c.required ? 1 : 0).Bind(7, c.copies);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const auto& s = p.steps[i];
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(kInsertStep));
    st->Bind(1, p.code).Bind(2, version).Bind(3, static_cast<int>(i)).Bind(4, s.name);
    st->Bind(5, static_cast<int>(s.role)).Bind(6, s.budget_hours);
    st->Bind(7, static_cast<int>(s.unit));
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  for (size_t i = 0; i < p.fees.size(); ++i) {
    const auto& f = p.fees[i];
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(kInsertFee));
    st->Bind(1, p.code).Bind(2, version).Bind(3, static_cast<int>(i)).Bind(4, f.code);
    st->Bind(5, f.name).Bind(6, f.amount_vnd).Bind(7, f.per).Bind(8, f.note);
    st->Bind(9, f.set_by_province ? 1 : 0);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  return absl::OkStatus();
}

// Reads a procedure row (columns of kProcedureColumns) and its child rows.
constexpr char kProcedureColumns[] =
    "code, version, name, english_name, field_code, field_name, levels, online_level, "
    "time_value, time_unit, valid_from, valid_to, source_uri, demo_fields";

absl::StatusOr<Procedure> ReadProcedure(Database& db, const Statement& row) {
  Procedure p;
  p.code = row.ColumnString(0);
  p.version = static_cast<int>(row.ColumnInt64(1));
  p.name = row.ColumnString(2);
  p.english_name = row.ColumnString(3);
  p.field_code = row.ColumnString(4);
  p.field_name = row.ColumnString(5);
  p.levels = LevelsFromBits(row.ColumnInt64(6));
  p.online_level = static_cast<catalog::OnlineLevel>(row.ColumnInt64(7));
  p.time_limit.value = row.ColumnDouble(8);
  p.time_limit.unit = static_cast<catalog::TimeUnit>(row.ColumnInt64(9));
  p.valid_from = ParseDay(row.ColumnText(10));
  if (!row.IsNull(11)) p.valid_to = ParseDay(row.ColumnText(11));
  p.source_uri = row.ColumnString(12);
  for (absl::string_view f : absl::StrSplit(row.ColumnText(13), ',', absl::SkipEmpty())) {
    p.demo_fields.emplace_back(f);
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT component_code, name, required, copies FROM procedure_components "
                   "WHERE code=?1 AND version=?2 ORDER BY ordinal"));
    st->Bind(1, p.code).Bind(2, p.version);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      p.components.push_back({st->ColumnString(0), st->ColumnString(1), st->ColumnInt64(2) != 0,
                              static_cast<int>(st->ColumnInt64(3))});
    }
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                            db.Prepare("SELECT ordinal, name, role, budget_hours, unit FROM "
                                       "procedure_steps WHERE code=?1 AND version=?2 "
                                       "ORDER BY ordinal"));
    st->Bind(1, p.code).Bind(2, p.version);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      catalog::ProcessStep s;
      s.ordinal = static_cast<int>(st->ColumnInt64(0)) + 1;
      s.name = st->ColumnString(1);
      s.role = static_cast<catalog::StepRole>(st->ColumnInt64(2));
      s.budget_hours = st->ColumnDouble(3);
      // 0: a step stored before steps had a unit (schema v7) takes its role's default.
      const int64_t unit = st->ColumnInt64(4);
      s.unit = unit == 0 ? catalog::DefaultStepUnit(s.role) : static_cast<catalog::StepUnit>(unit);
      p.steps.push_back(std::move(s));
    }
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                            db.Prepare("SELECT fee_code, name, amount_vnd, per, note, "
                                       "set_by_province FROM procedure_fees WHERE code=?1 AND "
                                       "version=?2 ORDER BY ordinal"));
    st->Bind(1, p.code).Bind(2, p.version);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      p.fees.push_back({st->ColumnString(0), st->ColumnString(1), st->ColumnInt64(2),
                        st->ColumnString(3), st->ColumnString(4), st->ColumnInt64(5) != 0});
    }
  }
  return p;
}

// Appends " AND <col> LIKE ?n ESCAPE '\'" per term and returns the patterns to bind.
void AppendTermFilters(absl::string_view column, const std::vector<std::string>& terms,
                       int first_param, std::string* sql) {
  for (size_t i = 0; i < terms.size(); ++i) {
    absl::StrAppend(sql, " AND ", column, " LIKE ?", first_param + static_cast<int>(i),
                    " ESCAPE '\\'");
  }
}

absl::StatusOr<Division> ReadDivision(Database& db, const Statement& row) {
  Division d;
  d.id = row.ColumnString(0);
  d.display_name = row.ColumnString(1);
  d.valid_from = ParseDay(row.ColumnText(2));
  if (!row.IsNull(3)) d.valid_to = ParseDay(row.ColumnText(3));
  d.unit_count = static_cast<int>(row.ColumnInt64(4));
  return d;
}

constexpr char kDivisionColumns[] =
    "d.id, d.display_name, d.valid_from, d.valid_to, "
    "(SELECT COUNT(*) FROM units u WHERE u.division=d.id)";

absl::Status FillUnitLinks(Database& db, AdministrativeUnit& u) {
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT predecessor_code, predecessor_name, partial FROM unit_predecessors "
                   "WHERE division=?1 AND code=?2 ORDER BY ordinal"));
    st->Bind(1, u.division).Bind(2, u.code);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      u.formed_from.push_back({st->ColumnString(0), st->ColumnString(1), st->ColumnInt64(2) != 0});
    }
  }
  {
    // Successors live in the division that follows this unit's own.
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT p.division, p.code FROM unit_predecessors p "
                   "WHERE p.predecessor_code=?2 AND p.division=("
                   "  SELECT n.id FROM divisions n, divisions me WHERE me.id=?1 "
                   "  AND n.valid_from > me.valid_from ORDER BY n.valid_from LIMIT 1) "
                   "ORDER BY p.code"));
    st->Bind(1, u.division).Bind(2, u.code);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, st->Step());
      if (!more) break;
      u.successors.push_back(absl::StrCat(st->ColumnText(0), "/", st->ColumnText(1)));
    }
  }
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT COUNT(*) FROM units WHERE division=?1 AND parent_code=?2"));
    st->Bind(1, u.division).Bind(2, u.code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) u.child_count = static_cast<int>(st->ColumnInt64(0));
  }
  return absl::OkStatus();
}

AdministrativeUnit ReadUnitRow(const Statement& row) {
  AdministrativeUnit u;
  u.division = row.ColumnString(0);
  u.code = row.ColumnString(1);
  u.name = row.ColumnString(2);
  u.type = row.ColumnString(3);
  u.level = static_cast<Level>(row.ColumnInt64(4));
  u.parent_code = row.ColumnString(5);
  return u;
}

}  // namespace

absl::StatusOr<ImportSummary> WriteCatalog(Database& db, const catalog::CatalogData& data,
                                           absl::string_view source, absl::Time now) {
  ImportSummary summary;
  for (const Division& d : data.divisions) {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(kInsertDivision));
    st->Bind(1, d.id).Bind(2, d.display_name).Bind(3, DateText(d.valid_from));
    if (d.valid_to) {
      st->Bind(4, DateText(*d.valid_to));
    } else {
      st->BindNull(4);
    }
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  summary.divisions = static_cast<int>(data.divisions.size());
  MOTCUA_RETURN_IF_ERROR(WriteUnits(db, data));
  summary.units = static_cast<int>(data.units.size());

  absl::CivilDay today = absl::ToCivilDay(now, absl::FixedTimeZone(7 * 3600));
  for (const Procedure& p : data.procedures) {
    std::string canonical = catalog::CanonicalForm(p);
    int version = 1;
    {
      MOTCUA_ASSIGN_OR_RETURN(StatementRef cur, db.Prepare(kCurrentProcedure));
      cur->Bind(1, p.code);
      MOTCUA_ASSIGN_OR_RETURN(bool found, cur->Step());
      if (found) {
        if (cur->ColumnText(1) == canonical) continue;  // unchanged: keep the version
        version = static_cast<int>(cur->ColumnInt64(0)) + 1;
      }
    }
    if (version > 1) {
      MOTCUA_ASSIGN_OR_RETURN(StatementRef retire, db.Prepare(kRetireProcedure));
      MOTCUA_RETURN_IF_ERROR(retire->Bind(1, p.code).Bind(2, DateText(today - 1)).Run());
    }
    MOTCUA_RETURN_IF_ERROR(WriteProcedureVersion(db, p, version, canonical));
    ++summary.new_versions;
  }
  summary.procedures = static_cast<int>(data.procedures.size());
  MOTCUA_ASSIGN_OR_RETURN(StatementRef log, db.Prepare(kInsertImport));
  log->Bind(1, absl::FormatTime(absl::RFC3339_sec, now, absl::UTCTimeZone())).Bind(2, source);
  log->Bind(3, summary.procedures).Bind(4, summary.units).Bind(5, summary.new_versions);
  MOTCUA_RETURN_IF_ERROR(log->Run());
  return summary;
}

absl::StatusOr<ProcedurePage> ListProcedures(Database& db, const ProcedureQuery& query) {
  std::string where = " WHERE is_current=1";
  int param = 1;
  if (query.level) absl::StrAppend(&where, " AND (levels & ?", param++, ") != 0");
  if (query.online_level) absl::StrAppend(&where, " AND online_level=?", param++);
  if (!query.field_code.empty()) absl::StrAppend(&where, " AND field_code=?", param++);
  AppendTermFilters("search_text", query.terms, param, &where);
  param += static_cast<int>(query.terms.size());
  const int after_param = param;

  auto bind_filters = [&](Statement& st) {
    int p = 1;
    if (query.level) st.Bind(p++, 1 << static_cast<int>(*query.level));
    if (query.online_level) st.Bind(p++, static_cast<int>(*query.online_level));
    if (!query.field_code.empty()) st.Bind(p++, query.field_code);
    for (const auto& t : query.terms) st.Bind(p++, LikePattern(t));
  };

  ProcedurePage page;
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef count,
                            db.Prepare(absl::StrCat("SELECT COUNT(*) FROM procedures", where)));
    bind_filters(*count);
    MOTCUA_ASSIGN_OR_RETURN(bool row, count->Step());
    if (row) page.total = static_cast<int>(count->ColumnInt64(0));
  }
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat("SELECT ", kProcedureColumns, " FROM procedures",
                                                  where, " AND code > ?", after_param,
                                                  " ORDER BY code LIMIT ?", after_param + 1)));
  bind_filters(*st);
  st->Bind(after_param, query.after_code).Bind(after_param + 1, query.limit + 1);
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (static_cast<int>(page.procedures.size()) == query.limit) {
      page.more = true;
      break;
    }
    MOTCUA_ASSIGN_OR_RETURN(Procedure p, ReadProcedure(db, *st));
    page.procedures.push_back(std::move(p));
  }
  return page;
}

absl::StatusOr<Procedure> GetProcedure(Database& db, absl::string_view code,
                                       std::optional<int> version) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT ", kProcedureColumns,
                              " FROM procedures WHERE code=?1 AND "
                              "(CASE WHEN ?2 IS NULL THEN is_current=1 ELSE version=?2 END)")));
  st->Bind(1, code);
  if (version) {
    st->Bind(2, *version);
  } else {
    st->BindNull(2);
  }
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat("procedure ", code,
                                            version ? absl::StrCat(" version ", *version) : "",
                                            " is not in the catalogue"));
  }
  return ReadProcedure(db, *st);
}

absl::StatusOr<std::vector<Division>> ListDivisions(Database& db) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat("SELECT ", kDivisionColumns,
                                                  " FROM divisions d ORDER BY valid_from")));
  std::vector<Division> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    MOTCUA_ASSIGN_OR_RETURN(Division d, ReadDivision(db, *st));
    out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<Division> DivisionOn(Database& db, absl::CivilDay day) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat("SELECT ", kDivisionColumns,
                                                  " FROM divisions d WHERE d.valid_from <= ?1 "
                                                  "ORDER BY d.valid_from DESC LIMIT 1")));
  st->Bind(1, DateText(day));
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) {
    return absl::NotFoundError(absl::StrCat("no administrative division is in force on ",
                                            DateText(day), "; import the units first"));
  }
  return ReadDivision(db, *st);
}

absl::StatusOr<AdministrativeUnit> GetUnit(Database& db, absl::string_view division,
                                           absl::string_view code) {
  AdministrativeUnit u;
  {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("SELECT division, code, name, type, level, COALESCE(parent_code, '') "
                   "FROM units WHERE division=?1 AND code=?2"));
    st->Bind(1, division).Bind(2, code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return absl::NotFoundError(absl::StrCat("unit ", code, " is not in division ", division));
    }
    u = ReadUnitRow(*st);
  }
  MOTCUA_RETURN_IF_ERROR(FillUnitLinks(db, u));
  return u;
}

absl::StatusOr<UnitPage> ListUnits(Database& db, const UnitQuery& query) {
  std::string where = " WHERE division=?1";
  int param = 2;
  if (!query.parent_code.empty()) absl::StrAppend(&where, " AND parent_code=?", param++);
  if (query.level) absl::StrAppend(&where, " AND level=?", param++);
  AppendTermFilters("search_name", query.terms, param, &where);
  param += static_cast<int>(query.terms.size());
  const int after_param = param;
  auto bind_filters = [&](Statement& st) {
    int p = 1;
    st.Bind(p++, query.division);
    if (!query.parent_code.empty()) st.Bind(p++, query.parent_code);
    if (query.level) st.Bind(p++, static_cast<int>(*query.level));
    for (const auto& t : query.terms) st.Bind(p++, LikePattern(t));
  };
  UnitPage page;
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef count,
                            db.Prepare(absl::StrCat("SELECT COUNT(*) FROM units", where)));
    bind_filters(*count);
    MOTCUA_ASSIGN_OR_RETURN(bool row, count->Step());
    if (row) page.total = static_cast<int>(count->ColumnInt64(0));
  }
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat(
          "SELECT division, code, name, type, level, COALESCE(parent_code, '') FROM units", where,
          " AND code > ?", after_param, " ORDER BY code LIMIT ?", after_param + 1)));
  bind_filters(*st);
  st->Bind(after_param, query.after_code).Bind(after_param + 1, query.limit + 1);
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    if (static_cast<int>(page.units.size()) == query.limit) {
      page.more = true;
      break;
    }
    page.units.push_back(ReadUnitRow(*st));
  }
  for (auto& u : page.units) MOTCUA_RETURN_IF_ERROR(FillUnitLinks(db, u));
  return page;
}

absl::StatusOr<std::vector<UnitSuccession>> ListUnitSuccessions(Database& db,
                                                                absl::string_view division) {
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare("SELECT 1 FROM divisions WHERE id=?1"));
    st->Bind(1, division);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return absl::NotFoundError(absl::StrCat("division ", division, " does not exist"));
    }
  }
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("SELECT p.predecessor_code, p.predecessor_name, p.code, u.name, p.partial "
                 "FROM unit_predecessors p JOIN units u ON u.division=p.division AND "
                 "u.code=p.code WHERE p.division=?1 AND p.predecessor_code<>p.code "
                 "ORDER BY p.predecessor_code, p.code"));
  st->Bind(1, division);
  std::vector<UnitSuccession> out;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->ColumnString(0), st->ColumnString(1), st->ColumnString(2),
                   st->ColumnString(3), st->ColumnInt64(4) != 0});
  }
  return out;
}

}  // namespace motcua::storage
