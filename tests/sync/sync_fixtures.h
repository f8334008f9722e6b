// File: tests/sync/sync_fixtures.h
// Dossiers written straight into a store for the sync tests: a consistent dossier row (dates a
// portal requires for its status) and its first N events of the usual path, each of which
// queues an outbox row as the engine's writes do.
#ifndef MOTCUA_TESTS_SYNC_SYNC_FIXTURES_H_
#define MOTCUA_TESTS_SYNC_SYNC_FIXTURES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/status_macros.h"
#include "services/dossier/dossier.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "storage/store.h"

namespace motcua::testing {

// receive 2, assign 4, request-supplement 5, supplement 4, approve 4, issue 9, return 10.
inline constexpr int kPathLength = 7;

inline absl::Status AddDossierEvents(storage::Store& store, const std::string& code, int from,
                                     int to, absl::Time t0) {
  static const char* kActions[] = {
      "receive", "assign", "request-supplement", "supplement", "approve", "issue", "return"};
  static const workflow::Status kStatuses[] = {workflow::Status::kReceived,
                                               workflow::Status::kProcessing,
                                               workflow::Status::kSupplementRequested,
                                               workflow::Status::kProcessing,
                                               workflow::Status::kProcessing,
                                               workflow::Status::kResolved,
                                               workflow::Status::kReturned};
  for (int i = from; i < to; ++i) {
    MOTCUA_RETURN_IF_ERROR(store.writer().Write([&](storage::Database& db) -> absl::Status {
      MOTCUA_ASSIGN_OR_RETURN(dossier::Dossier d, storage::LoadDossier(db, code));
      const absl::Time now = t0 + absl::Minutes(10 * i);
      d.status = kStatuses[i % kPathLength];
      if (i % kPathLength == 5) d.handling_end_time = now;
      if (i % kPathLength == 6) d.returned_time = now;
      d.revision += 1;
      MOTCUA_RETURN_IF_ERROR(storage::UpdateDossier(db, d));
      dossier::Event e;
      e.dossier_code = code;
      e.time = now;
      e.actor = i == 0 ? "clerk.07900" : "leader.07900";
      e.role = i == 0 ? workflow::Role::kClerk : workflow::Role::kLeader;
      e.unit = d.receiving_unit;
      e.action = kActions[i % kPathLength];
      e.status_after = d.status;
      return storage::AppendEvent(db, e).status();
    }));
  }
  return absl::OkStatus();
}

// Inserts dossier `code` received at `unit` at t0 with its first `events` events.
inline absl::Status MakeDossier(storage::Store& store, const std::string& code,
                                const std::string& unit, int events, absl::Time t0) {
  dossier::Dossier d;
  d.code = code;
  d.procedure_code = "1.004837";
  d.procedure_version = 1;
  d.procedure_name = "Thủ tục đăng ký giám hộ";
  d.status = workflow::Status::kReceived;
  d.applicant = {"Nguyễn Văn An", "025090000001", "", "", ""};
  d.summary = absl::StrCat("Hồ sơ ", code);
  d.receiving_unit = d.competent_unit = d.support_unit = unit;
  d.submitted_time = t0;
  d.received_time = t0;
  d.due_time = t0 + absl::Hours(72);
  d.original_due_time = d.due_time;
  d.scoring_due_time = d.due_time;
  d.revision = 0;
  MOTCUA_RETURN_IF_ERROR(
      store.writer().Write([&](storage::Database& db) { return storage::InsertDossier(db, d); }));
  return AddDossierEvents(store, code, 0, events, t0);
}

}  // namespace motcua::testing

#endif  // MOTCUA_TESTS_SYNC_SYNC_FIXTURES_H_
