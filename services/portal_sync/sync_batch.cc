#include "services/portal_sync/sync_batch.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/clock.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/portal/dvcqg_payload.h"
#include "storage/catalog_store.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "storage/user_store.h"

namespace motcua::portal_sync {
namespace {

// Ends the read transaction however the load ends.
class ReadTransaction {
 public:
  explicit ReadTransaction(storage::Database& db) : db_(db) {}
  ~ReadTransaction() {
    if (open_) db_.Exec("COMMIT").IgnoreError();
  }
  absl::Status Begin() {
    MOTCUA_RETURN_IF_ERROR(db_.Exec("BEGIN"));
    open_ = true;
    return absl::OkStatus();
  }

 private:
  storage::Database& db_;
  bool open_ = false;
};

absl::StatusOr<portal::PayloadContext> Context(storage::Database& db, const dossier::Dossier& d,
                                               const std::vector<dossier::Event>& events,
                                               absl::Time now) {
  portal::PayloadContext c;
  auto procedure = storage::GetProcedure(db, d.procedure_code, d.procedure_version);
  if (procedure.ok()) {
    c.field_code = procedure->field_code;
    c.field_name = procedure->field_name;
  } else if (!absl::IsNotFound(procedure.status())) {
    return procedure.status();
  }
  std::set<std::string> units = {d.receiving_unit, d.competent_unit, d.support_unit};
  std::set<std::string> users;
  for (const auto& e : events) {
    units.insert(e.unit);
    users.insert(e.actor);
  }
  for (const auto& s : d.supplements) users.insert(s.requested_by);
  auto division = storage::DivisionOn(db, absl::ToCivilDay(now, VietnamTimeZone()));
  for (const auto& unit : units) {
    if (unit.empty() || !division.ok()) continue;
    auto u = storage::GetUnit(db, division->id, unit);
    if (u.ok()) c.unit_names[unit] = u->name;
  }
  for (const auto& user : users) {
    if (user.empty()) continue;
    auto u = storage::GetUser(db, user);
    if (u.ok()) c.user_names[user] = u->display_name;
  }
  return c;
}

}  // namespace

absl::StatusOr<SyncBatch> LoadSyncBatch(storage::Database& db, absl::string_view code, int max_rows,
                                        absl::Time now) {
  ReadTransaction tx(db);
  MOTCUA_RETURN_IF_ERROR(tx.Begin());
  SyncBatch batch;
  MOTCUA_ASSIGN_OR_RETURN(batch.rows, storage::PendingRows(db, code, max_rows));
  if (batch.rows.empty()) return batch;
  MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, storage::LoadDossier(db, code));
  MOTCUA_ASSIGN_OR_RETURN(std::vector<dossier::Event> events, storage::LoadEvents(db, d.code));
  MOTCUA_ASSIGN_OR_RETURN(batch.known_to_portal, storage::AnySynced(db, code));
  MOTCUA_ASSIGN_OR_RETURN(portal::PayloadContext context, Context(db, d, events, now));
  std::map<int64_t, const dossier::Event*> by_seq;
  for (const auto& e : events) by_seq[e.seq] = &e;
  for (const auto& row : batch.rows) {
    auto it = by_seq.find(row.event_seq);
    if (it == by_seq.end()) {
      return absl::NotFoundError(
          absl::StrCat("outbox row ", row.id, ": dossier ", code, " has no event ", row.event_seq));
    }
    batch.entries.push_back(
        {d.code, row.event_seq, portal::BuildProgressEntry(*it->second, context)});
  }
  batch.record.code = d.code;
  batch.record.version = events.empty() ? 0 : events.back().seq;
  batch.record.json = portal::BuildDossierRecord(d, events, context);
  return batch;
}

}  // namespace motcua::portal_sync
