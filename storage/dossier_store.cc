#include "storage/dossier_store.h"

#include <algorithm>
#include <functional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"

namespace motcua::storage {
namespace {

using dossier::Dossier;

int64_t Secs(absl::Time t) { return absl::ToUnixSeconds(t); }
absl::Time FromSecs(int64_t s) { return absl::FromUnixSeconds(s); }

void BindTime(Statement& st, int index, const std::optional<absl::Time>& t) {
  if (t) {
    st.Bind(index, Secs(*t));
  } else {
    st.BindNull(index);
  }
}

std::optional<absl::Time> ColumnTime(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return FromSecs(st.ColumnInt64(col));
}

constexpr char kDossierColumns[] =
    "code, procedure_code, procedure_version, procedure_name, channel, status, step, "
    "resume_step, applicant_name, applicant_id, applicant_phone, applicant_email, "
    "applicant_address, summary, submitted_by, receiving_unit, competent_unit, support_unit, "
    "submitted_time, received_time, transfer_time, due_time, original_due_time, "
    "calendar_version, extended, extension_reason, assignee, paid_time, handling_end_time, "
    "returned_time, delivery, decision_note, request_id, revision, rating, scoring_due_time, "
    "held_by, home_node";

constexpr char kUpsertDossier[] =
    "INSERT INTO dossiers(code, procedure_code, procedure_version, procedure_name, channel, "
    "status, step, resume_step, applicant_name, applicant_id, applicant_phone, applicant_email, "
    "applicant_address, summary, submitted_by, receiving_unit, competent_unit, support_unit, "
    "submitted_time, received_time, transfer_time, due_time, original_due_time, "
    "calendar_version, extended, extension_reason, assignee, paid_time, handling_end_time, "
    "returned_time, delivery, decision_note, request_id, revision, rating, scoring_due_time, "
    "due_key, held_by, home_node) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, "
    "?37, ?38, ?39)";

absl::Status BindAndRun(Database& db, absl::string_view sql, const Dossier& d) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(sql));
  st->Bind(1, d.code).Bind(2, d.procedure_code).Bind(3, d.procedure_version);
  st->Bind(4, d.procedure_name).Bind(5, static_cast<int>(d.channel));
  st->Bind(6, static_cast<int>(d.status)).Bind(7, static_cast<int>(d.step));
  st->Bind(8, static_cast<int>(d.resume_step)).Bind(9, d.applicant.name);
  st->Bind(10, d.applicant.id_number).Bind(11, d.applicant.phone).Bind(12, d.applicant.email);
  st->Bind(13, d.applicant.address).Bind(14, d.summary).Bind(15, d.submitted_by);
  st->Bind(16, d.receiving_unit).Bind(17, d.competent_unit).Bind(18, d.support_unit);
  st->Bind(19, Secs(d.submitted_time));
  BindTime(*st, 20, d.received_time);
  BindTime(*st, 21, d.transfer_time);
  BindTime(*st, 22, d.due_time);
  BindTime(*st, 23, d.original_due_time);
  st->Bind(24, d.calendar_version).Bind(25, d.extended ? 1 : 0).Bind(26, d.extension_reason);
  st->Bind(27, d.assignee);
  BindTime(*st, 28, d.paid_time);
  BindTime(*st, 29, d.handling_end_time);
  BindTime(*st, 30, d.returned_time);
  st->Bind(31, static_cast<int>(d.delivery)).Bind(32, d.decision_note);
  if (d.request_id.empty()) {
    st->BindNull(33);
  } else {
    st->Bind(33, d.request_id);
  }
  st->Bind(34, d.revision).Bind(35, d.rating);
  BindTime(*st, 36, d.scoring_due_time);
  st->Bind(37, DueKey(d)).Bind(38, d.held_by).Bind(39, d.home_node);
  return st->Run();
}

absl::Status WriteChildren(Database& db, const Dossier& d) {
  for (const char* table :
       {"dossier_supplements", "dossier_attachments", "dossier_fees", "dossier_consultations"}) {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef del,
                            db.Prepare(absl::StrCat("DELETE FROM ", table, " WHERE code=?1")));
    MOTCUA_RETURN_IF_ERROR(del->Bind(1, d.code).Run());
  }
  for (const auto& s : d.supplements) {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("INSERT INTO dossier_supplements(code, round, requested_time, requested_by, "
                   "content, requested_late, completed_time, previous_due, new_due) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    st->Bind(1, d.code).Bind(2, s.round).Bind(3, Secs(s.requested_time)).Bind(4, s.requested_by);
    st->Bind(5, s.content).Bind(6, s.requested_late ? 1 : 0);
    BindTime(*st, 7, s.completed_time);
    st->Bind(8, Secs(s.previous_due));
    BindTime(*st, 9, s.new_due);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  for (const auto& c : d.consultations) {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("INSERT INTO dossier_consultations(code, number, unit, lead_unit, question, "
                   "requested_by, requested_time, due_time, answer, answered_by, answered_time, "
                   "agreed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    st->Bind(1, d.code).Bind(2, c.number).Bind(3, c.unit).Bind(4, c.lead_unit);
    st->Bind(5, c.question).Bind(6, c.requested_by).Bind(7, Secs(c.requested_time));
    st->Bind(8, Secs(c.due_time)).Bind(9, c.answer).Bind(10, c.answered_by);
    BindTime(*st, 11, c.answered_time);
    st->Bind(12, c.agreed ? 1 : 0);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  for (size_t i = 0; i < d.attachments.size(); ++i) {
    const auto& a = d.attachments[i];
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("INSERT INTO dossier_attachments(code, ordinal, component_code, file_name, "
                   "sha256, size_bytes) VALUES(?1, ?2, ?3, ?4, ?5, ?6)"));
    st->Bind(1, d.code).Bind(2, static_cast<int>(i)).Bind(3, a.component_code);
    st->Bind(4, a.file_name).Bind(5, a.sha256).Bind(6, a.size_bytes);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  for (size_t i = 0; i < d.fees.size(); ++i) {
    const auto& f = d.fees[i];
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare("INSERT INTO dossier_fees(code, ordinal, fee_code, name, amount_vnd) "
                   "VALUES(?1, ?2, ?3, ?4, ?5)"));
    st->Bind(1, d.code).Bind(2, static_cast<int>(i)).Bind(3, f.code).Bind(4, f.name);
    st->Bind(5, f.amount_vnd);
    MOTCUA_RETURN_IF_ERROR(st->Run());
  }
  return absl::OkStatus();
}

Dossier ReadDossierRow(const Statement& st) {
  Dossier d;
  d.code = st.ColumnString(0);
  d.procedure_code = st.ColumnString(1);
  d.procedure_version = static_cast<int>(st.ColumnInt64(2));
  d.procedure_name = st.ColumnString(3);
  d.channel = static_cast<dossier::Channel>(st.ColumnInt64(4));
  d.status = static_cast<workflow::Status>(st.ColumnInt64(5));
  d.step = static_cast<workflow::Step>(st.ColumnInt64(6));
  d.resume_step = static_cast<workflow::Step>(st.ColumnInt64(7));
  d.applicant.name = st.ColumnString(8);
  d.applicant.id_number = st.ColumnString(9);
  d.applicant.phone = st.ColumnString(10);
  d.applicant.email = st.ColumnString(11);
  d.applicant.address = st.ColumnString(12);
  d.summary = st.ColumnString(13);
  d.submitted_by = st.ColumnString(14);
  d.receiving_unit = st.ColumnString(15);
  d.competent_unit = st.ColumnString(16);
  d.support_unit = st.ColumnString(17);
  d.submitted_time = FromSecs(st.ColumnInt64(18));
  d.received_time = ColumnTime(st, 19);
  d.transfer_time = ColumnTime(st, 20);
  d.due_time = ColumnTime(st, 21);
  d.original_due_time = ColumnTime(st, 22);
  d.calendar_version = st.ColumnString(23);
  d.extended = st.ColumnInt64(24) != 0;
  d.extension_reason = st.ColumnString(25);
  d.assignee = st.ColumnString(26);
  d.paid_time = ColumnTime(st, 27);
  d.handling_end_time = ColumnTime(st, 28);
  d.returned_time = ColumnTime(st, 29);
  d.delivery = static_cast<dossier::Delivery>(st.ColumnInt64(30));
  d.decision_note = st.ColumnString(31);
  d.request_id = st.ColumnString(32);
  d.revision = st.ColumnInt64(33);
  d.rating = st.ColumnInt64(34);
  d.scoring_due_time = ColumnTime(st, 35);
  d.held_by = st.ColumnString(36);
  d.home_node = st.ColumnString(37);
  return d;
}

// Dossiers are read in chunks: one statement per table for up to kLoadChunk codes, so a page of
// 20 costs 5 statements, not 100. A single dossier uses an IN list of one.
constexpr size_t kLoadChunk = 32;

std::string InList(size_t n) {
  std::string out;
  for (size_t i = 1; i <= n; ++i) absl::StrAppend(&out, i > 1 ? "," : "", "?", i);
  return out;
}

// Runs "<select> WHERE code IN (...) ORDER BY code, <order>" for `codes` (padded with NULLs to
// the statement's width) and hands each row to `read` with the dossier it belongs to.
absl::Status ForEachChildRow(Database& db, const std::vector<Dossier*>& ds,
                             absl::string_view select, absl::string_view order,
                             const std::function<void(const Statement&, Dossier&)>& read) {
  const size_t width = ds.size() == 1 ? 1 : kLoadChunk;
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare(absl::StrCat(select, " WHERE code IN (", InList(width),
                                                  ") ORDER BY code, ", order)));
  for (size_t i = 0; i < width; ++i) {
    if (i < ds.size()) {
      st->Bind(static_cast<int>(i) + 1, ds[i]->code);
    } else {
      st->BindNull(static_cast<int>(i) + 1);
    }
  }
  Dossier* current = nullptr;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    const std::string code = st->ColumnString(0);
    if (current == nullptr || current->code != code) {
      current = nullptr;
      for (Dossier* d : ds) {
        if (d->code == code) current = d;
      }
      if (current == nullptr) return absl::InternalError("child row of an unasked dossier");
    }
    read(*st, *current);
  }
  return absl::OkStatus();
}

// The supplements, consultations, papers and fees of at most kLoadChunk dossiers.
absl::Status ReadChildren(Database& db, const std::vector<Dossier*>& ds) {
  MOTCUA_RETURN_IF_ERROR(
      ForEachChildRow(db, ds,
                      "SELECT code, round, requested_time, requested_by, content, requested_late, "
                      "completed_time, previous_due, new_due FROM dossier_supplements",
                      "round", [](const Statement& st, Dossier& d) {
                        dossier::SupplementRound s;
                        s.round = static_cast<int>(st.ColumnInt64(1));
                        s.requested_time = FromSecs(st.ColumnInt64(2));
                        s.requested_by = st.ColumnString(3);
                        s.content = st.ColumnString(4);
                        s.requested_late = st.ColumnInt64(5) != 0;
                        s.completed_time = ColumnTime(st, 6);
                        s.previous_due = FromSecs(st.ColumnInt64(7));
                        s.new_due = ColumnTime(st, 8);
                        d.supplements.push_back(std::move(s));
                      }));
  MOTCUA_RETURN_IF_ERROR(ForEachChildRow(
      db, ds,
      "SELECT code, number, unit, lead_unit, question, requested_by, requested_time, due_time, "
      "answer, answered_by, answered_time, agreed FROM dossier_consultations",
      "number", [](const Statement& st, Dossier& d) {
        dossier::Consultation c;
        c.number = static_cast<int>(st.ColumnInt64(1));
        c.unit = st.ColumnString(2);
        c.lead_unit = st.ColumnString(3);
        c.question = st.ColumnString(4);
        c.requested_by = st.ColumnString(5);
        c.requested_time = FromSecs(st.ColumnInt64(6));
        c.due_time = FromSecs(st.ColumnInt64(7));
        c.answer = st.ColumnString(8);
        c.answered_by = st.ColumnString(9);
        c.answered_time = ColumnTime(st, 10);
        c.agreed = st.ColumnInt64(11) != 0;
        d.consultations.push_back(std::move(c));
      }));
  MOTCUA_RETURN_IF_ERROR(ForEachChildRow(
      db, ds, "SELECT code, component_code, file_name, sha256, size_bytes FROM dossier_attachments",
      "ordinal", [](const Statement& st, Dossier& d) {
        d.attachments.push_back(
            {st.ColumnString(1), st.ColumnString(2), st.ColumnString(3), st.ColumnInt64(4)});
      }));
  return ForEachChildRow(
      db, ds, "SELECT code, fee_code, name, amount_vnd FROM dossier_fees", "ordinal",
      [](const Statement& st, Dossier& d) {
        d.fees.push_back({st.ColumnString(1), st.ColumnString(2), st.ColumnInt64(3)});
      });
}

// `codes` (upper case), in that order; kNotFound naming the first that does not exist.
absl::StatusOr<std::vector<Dossier>> LoadChunk(Database& db,
                                               const std::vector<std::string>& codes) {
  const size_t width = codes.size() == 1 ? 1 : kLoadChunk;
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(absl::StrCat("SELECT ", kDossierColumns,
                                                                   " FROM dossiers WHERE code IN (",
                                                                   InList(width), ")")));
  for (size_t i = 0; i < width; ++i) {
    if (i < codes.size()) {
      st->Bind(static_cast<int>(i) + 1, codes[i]);
    } else {
      st->BindNull(static_cast<int>(i) + 1);
    }
  }
  std::vector<Dossier> found;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    found.push_back(ReadDossierRow(*st));
  }
  std::vector<Dossier> out;
  out.reserve(codes.size());
  for (const std::string& code : codes) {
    auto it =
        std::find_if(found.begin(), found.end(), [&](const Dossier& d) { return d.code == code; });
    if (it == found.end())
      return absl::NotFoundError(absl::StrCat("dossier ", code, " does not exist"));
    out.push_back(std::move(*it));
    it->code.clear();  // moved out; a repeated code finds no second row
  }
  std::vector<Dossier*> ptrs;
  for (Dossier& d : out) ptrs.push_back(&d);
  MOTCUA_RETURN_IF_ERROR(ReadChildren(db, ptrs));
  return out;
}

}  // namespace

int64_t DueKey(const dossier::Dossier& d) { return d.due_time ? Secs(*d.due_time) : 0; }

absl::StatusOr<int64_t> NextDossierSequence(Database& db, absl::string_view agency,
                                            absl::string_view day) {
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare("INSERT INTO dossier_sequences(agency, day, last) VALUES(?1, ?2, 1) "
                 "ON CONFLICT(agency, day) DO UPDATE SET last=last+1 RETURNING last"));
  st->Bind(1, agency).Bind(2, day);
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return absl::InternalError("sequence update returned no row");
  int64_t value = st->ColumnInt64(0);
  return value;
}

absl::Status InsertDossier(Database& db, const Dossier& d) {
  MOTCUA_RETURN_IF_ERROR(BindAndRun(db, kUpsertDossier, d));
  return WriteChildren(db, d);
}

absl::Status UpdateDossier(Database& db, const Dossier& d) {
  MOTCUA_RETURN_IF_ERROR(BindAndRun(
      db,
      absl::StrCat(kUpsertDossier, " ON CONFLICT(code) DO UPDATE SET ",
                   "status=excluded.status, step=excluded.step, "
                   "resume_step=excluded.resume_step, applicant_name=excluded.applicant_name, "
                   "applicant_phone=excluded.applicant_phone, "
                   "applicant_email=excluded.applicant_email, "
                   "applicant_address=excluded.applicant_address, summary=excluded.summary, "
                   "receiving_unit=excluded.receiving_unit, "
                   "competent_unit=excluded.competent_unit, support_unit=excluded.support_unit, "
                   "received_time=excluded.received_time, "
                   "transfer_time=excluded.transfer_time, due_time=excluded.due_time, "
                   "original_due_time=excluded.original_due_time, "
                   "calendar_version=excluded.calendar_version, extended=excluded.extended, "
                   "extension_reason=excluded.extension_reason, assignee=excluded.assignee, "
                   "paid_time=excluded.paid_time, "
                   "handling_end_time=excluded.handling_end_time, "
                   "returned_time=excluded.returned_time, delivery=excluded.delivery, "
                   "decision_note=excluded.decision_note, revision=excluded.revision, "
                   "rating=excluded.rating, scoring_due_time=excluded.scoring_due_time, "
                   "due_key=excluded.due_key, held_by=excluded.held_by, "
                   "home_node=excluded.home_node"),
      d));
  return WriteChildren(db, d);
}

absl::StatusOr<Dossier> LoadDossier(Database& db, absl::string_view code) {
  MOTCUA_ASSIGN_OR_RETURN(std::vector<Dossier> one, LoadChunk(db, {absl::AsciiStrToUpper(code)}));
  return std::move(one.front());
}

absl::StatusOr<std::vector<Dossier>> LoadDossiers(Database& db,
                                                  const std::vector<std::string>& codes) {
  std::vector<Dossier> out;
  out.reserve(codes.size());
  for (size_t start = 0; start < codes.size(); start += kLoadChunk) {
    std::vector<std::string> chunk;
    for (size_t i = start; i < std::min(codes.size(), start + kLoadChunk); ++i) {
      chunk.push_back(absl::AsciiStrToUpper(codes[i]));
    }
    MOTCUA_ASSIGN_OR_RETURN(std::vector<Dossier> loaded, LoadChunk(db, chunk));
    for (Dossier& d : loaded) out.push_back(std::move(d));
  }
  return out;
}

absl::StatusOr<std::optional<std::string>> FindDossierByRequestId(Database& db,
                                                                  absl::string_view request_id) {
  MOTCUA_ASSIGN_OR_RETURN(StatementRef st,
                          db.Prepare("SELECT code FROM dossiers WHERE request_id=?1"));
  st->Bind(1, request_id);
  MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st->ColumnString(0));
}

namespace {

using Binder = std::function<void(Statement&, int&)>;

// The WHERE clause of everything `q` asks for (without pagination), for counting.
std::string FullFilter(const DossierQuery& q, std::vector<Binder>* binders) {
  std::string where = " WHERE 1=1";
  if (!q.units.empty()) {
    std::vector<std::string> marks(q.units.size(), "?");
    std::string list = absl::StrJoin(marks, ",");
    absl::StrAppend(&where, " AND (receiving_unit IN (", list, ") OR competent_unit IN (", list,
                    ") OR support_unit IN (", list, "))");
    binders->push_back([&q](Statement& st, int& p) {
      for (int pass = 0; pass < 3; ++pass) {
        for (const auto& u : q.units) st.Bind(p++, u);
      }
    });
  }
  if (!q.statuses.empty()) {
    std::vector<std::string> nums;
    for (auto s : q.statuses) nums.push_back(absl::StrCat(static_cast<int>(s)));
    absl::StrAppend(&where, " AND status IN (", absl::StrJoin(nums, ","), ")");
  }
  if (!q.steps.empty()) {
    std::vector<std::string> nums;
    for (auto s : q.steps) nums.push_back(absl::StrCat(static_cast<int>(s)));
    absl::StrAppend(&where, " AND step IN (", absl::StrJoin(nums, ","), ")");
  }
  if (!q.assignee.empty()) {
    absl::StrAppend(&where, " AND assignee=?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, q.assignee); });
  }
  if (!q.owner_id.empty()) {
    absl::StrAppend(&where, " AND applicant_id=?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, q.owner_id); });
  }
  if (q.due_before) {
    absl::StrAppend(&where, " AND due_time < ?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, Secs(*q.due_before)); });
  }
  if (q.due_after) {
    absl::StrAppend(&where, " AND due_time >= ?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, Secs(*q.due_after)); });
  }
  if (q.received_from) {
    absl::StrAppend(&where, " AND received_time >= ?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, Secs(*q.received_from)); });
  }
  if (q.received_to) {
    absl::StrAppend(&where, " AND received_time < ?");
    binders->push_back([&q](Statement& st, int& p) { st.Bind(p++, Secs(*q.received_to)); });
  }
  return where;
}

// One ordered index range: an equality prefix (a unit column, an assignee or an owner, and a
// status and step) read in (due_key, code) order.
struct Stream {
  std::string prefix;  // " AND col=? AND status=s AND step=t"
  std::function<void(Statement&, int&)> bind;
};

std::vector<Stream> PlanStreams(const DossierQuery& q) {
  // Which (status, step) queues the query covers; empty = any.
  std::vector<std::pair<int, int>> queues;
  for (auto status : q.statuses) {
    for (auto step : workflow::StepsOfStatus(status)) {
      if (q.steps.empty() || std::find(q.steps.begin(), q.steps.end(), step) != q.steps.end()) {
        queues.emplace_back(static_cast<int>(status), static_cast<int>(step));
      }
    }
  }
  std::vector<std::pair<std::string, std::string>> keys;  // (column, value)
  if (!q.units.empty()) {
    for (const auto& u : q.units) {
      keys.emplace_back("receiving_unit", u);
      keys.emplace_back("competent_unit", u);
      keys.emplace_back("support_unit", u);
    }
  } else if (!q.assignee.empty()) {
    keys.emplace_back("assignee", q.assignee);
  } else if (!q.owner_id.empty()) {
    keys.emplace_back("applicant_id", q.owner_id);
  } else {
    keys.emplace_back("", "");
  }
  std::vector<Stream> out;
  for (const auto& [column, value] : keys) {
    std::string key_sql = column.empty() ? "" : absl::StrCat(" AND ", column, "=?");
    auto bind_key = [value = value, has = !column.empty()](Statement& st, int& p) {
      if (has) st.Bind(p++, value);
    };
    // Owner and global ranges have no status in their index: the queues filter the ordered scan.
    bool queue_index = column != "applicant_id" && column != "support_unit" && !column.empty();
    if (queues.empty() || !queue_index) {
      out.push_back({key_sql, bind_key});
      continue;
    }
    for (const auto& [status, step] : queues) {
      out.push_back({absl::StrCat(key_sql, " AND status=", status, " AND step=", step), bind_key});
    }
  }
  return out;
}

}  // namespace

namespace {

// The page of the first `limit` of `keys` ((ordering seconds, code), in order), and whether more
// follow.
absl::Status FillPage(Database& db, std::vector<std::pair<int64_t, std::string>> keys, int limit,
                      DossierPage* page) {
  page->more = static_cast<int>(keys.size()) > limit;
  if (page->more) keys.resize(static_cast<size_t>(limit));
  std::vector<std::string> codes;
  for (const auto& key : keys) codes.push_back(key.second);
  MOTCUA_ASSIGN_OR_RETURN(page->dossiers, LoadDossiers(db, codes));
  if (!keys.empty()) page->last_key = keys.back().first;
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<DossierPage> ListDossiers(Database& db, const DossierQuery& q) {
  DossierPage page;
  std::vector<Binder> binders;
  const std::string where = FullFilter(q, &binders);
  const std::vector<Stream> streams = PlanStreams(q);
  {
    // Counting is capped (a worklist shows "200+") and reads the same ordered index ranges as
    // the page, each at most to the cap, united: never the OR of three unit columns over the
    // whole table.
    std::vector<std::string> parts;
    for (const Stream& s : streams) {
      parts.push_back(absl::StrCat("SELECT code FROM (SELECT code FROM dossiers", where, s.prefix,
                                   " LIMIT ", kMaxCountedDossiers, ")"));
    }
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef count,
        db.Prepare(absl::StrCat("SELECT COUNT(*) FROM (", absl::StrJoin(parts, " UNION "),
                                " LIMIT ", kMaxCountedDossiers, ")")));
    int p = 1;
    for (const Stream& s : streams) {
      for (auto& b : binders) b(*count, p);
      s.bind(*count, p);
    }
    MOTCUA_ASSIGN_OR_RETURN(bool row, count->Step());
    if (row) page.total = static_cast<int>(count->ColumnInt64(0));
  }
  // Each stream yields its first limit+1 keys after the cursor in order; the merged first
  // limit+1 keys are the page (plus whether more follow).
  std::vector<std::pair<int64_t, std::string>> keys;
  for (const Stream& s : streams) {
    MOTCUA_ASSIGN_OR_RETURN(
        StatementRef st,
        db.Prepare(absl::StrCat("SELECT due_key, code FROM dossiers", where, s.prefix,
                                " AND (due_key, code) > (?, ?) ORDER BY due_key, code LIMIT ?")));
    int p = 1;
    for (auto& b : binders) b(*st, p);
    s.bind(*st, p);
    st->Bind(p, q.after_due).Bind(p + 1, q.after_code).Bind(p + 2, q.limit + 1);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      keys.emplace_back(st->ColumnInt64(0), st->ColumnString(1));
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  MOTCUA_RETURN_IF_ERROR(FillPage(db, std::move(keys), q.limit, &page));
  return page;
}

absl::StatusOr<DossierPage> ListConsultationDossiers(Database& db, const ConsultationQuery& q) {
  // Open consultations are few (a partial index over open rows): group them per dossier by the
  // earliest deadline, then page over (deadline, code).
  std::string where = " WHERE c.answered_time IS NULL";
  std::vector<std::string> binds;
  auto in_list = [&](const std::vector<std::string>& values) {
    std::vector<std::string> marks;
    for (const auto& v : values) {
      binds.push_back(v);
      marks.push_back("?");
    }
    return absl::StrCat("(", absl::StrJoin(marks, ","), ")");
  };
  std::string from = " FROM dossier_consultations c";
  if (!q.consulted_units.empty()) {
    absl::StrAppend(&where, " AND c.unit IN ", in_list(q.consulted_units));
  } else if (!q.receiving_units.empty()) {
    from = " FROM dossier_consultations c JOIN dossiers d ON d.code = c.code";
    absl::StrAppend(&where, " AND d.receiving_unit IN ", in_list(q.receiving_units));
  }
  if (q.due_before) absl::StrAppend(&where, " AND c.due_time < ?");  // bound after `binds`
  const std::string grouped = absl::StrCat("SELECT c.code AS code, MIN(c.due_time) AS due", from,
                                           where, " GROUP BY c.code");
  DossierPage page;
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef count,
                            db.Prepare(absl::StrCat("SELECT COUNT(*) FROM (", grouped, " LIMIT ",
                                                    kMaxCountedDossiers, ")")));
    int p = 1;
    for (const auto& b : binds) count->Bind(p++, b);
    if (q.due_before) count->Bind(p++, Secs(*q.due_before));
    MOTCUA_ASSIGN_OR_RETURN(bool row, count->Step());
    if (row) page.total = static_cast<int>(count->ColumnInt64(0));
  }
  MOTCUA_ASSIGN_OR_RETURN(
      StatementRef st,
      db.Prepare(absl::StrCat("SELECT due, code FROM (", grouped,
                              ") WHERE (due, code) > (?, ?) ORDER BY due, code LIMIT ?")));
  int p = 1;
  for (const auto& b : binds) st->Bind(p++, b);
  if (q.due_before) st->Bind(p++, Secs(*q.due_before));
  st->Bind(p, q.after_due).Bind(p + 1, q.after_code).Bind(p + 2, q.limit + 1);
  std::vector<std::pair<int64_t, std::string>> keys;
  while (true) {
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    keys.emplace_back(st->ColumnInt64(0), st->ColumnString(1));
  }
  MOTCUA_RETURN_IF_ERROR(FillPage(db, std::move(keys), q.limit, &page));
  return page;
}

absl::StatusOr<std::vector<Dossier>> DossiersForReport(Database& db,
                                                       const std::vector<std::string>& units,
                                                       absl::Time from, absl::Time to) {
  // The period's range of the received_time index; the unit test is a filter on it.
  std::string sql = "SELECT code FROM dossiers WHERE received_time >= ?1 AND received_time < ?2";
  if (!units.empty()) {
    std::vector<std::string> marks;
    for (size_t i = 0; i < units.size(); ++i) marks.push_back(absl::StrCat("?", i + 3));
    std::string list = absl::StrJoin(marks, ",");
    absl::StrAppend(&sql, " AND (receiving_unit IN (", list, ") OR competent_unit IN (", list,
                    "))");
  }
  absl::StrAppend(&sql, " ORDER BY received_time, code");
  std::vector<std::string> codes;
  {
    MOTCUA_ASSIGN_OR_RETURN(StatementRef st, db.Prepare(sql));
    st->Bind(1, Secs(from)).Bind(2, Secs(to));
    for (size_t i = 0; i < units.size(); ++i) st->Bind(static_cast<int>(i) + 3, units[i]);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      codes.push_back(st->ColumnString(0));
    }
  }
  return LoadDossiers(db, codes);
}

}  // namespace motcua::storage
