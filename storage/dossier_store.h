// File: storage/dossier_store.h
// The dossier tables. Writes run inside a Writer work item (so a dossier change and its event
// commit together); reads take any connection. Codes come from a per-agency, per-day sequence
// row updated in the same transaction, so they are unique under concurrency and across crashes.
#ifndef MOTCUA_STORAGE_DOSSIER_STORE_H_
#define MOTCUA_STORAGE_DOSSIER_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/dossier/dossier.h"
#include "storage/database.h"

namespace motcua::storage {

// The next sequence number of `agency` on `day` ("2026-11-26"), starting at 1.
absl::StatusOr<int64_t> NextDossierSequence(Database& db, absl::string_view agency,
                                            absl::string_view day);

// kAlreadyExists when the code (or the request id) is taken.
absl::Status InsertDossier(Database& db, const dossier::Dossier& d);
// Rewrites the dossier's row and child rows; the caller bumps `revision`.
absl::Status UpdateDossier(Database& db, const dossier::Dossier& d);
// kNotFound naming the code. Codes are matched case-insensitively (stored upper-case).
absl::StatusOr<dossier::Dossier> LoadDossier(Database& db, absl::string_view code);
// Several dossiers in the order of `codes`, a few statements per 32; kNotFound naming the first
// code that does not exist.
absl::StatusOr<std::vector<dossier::Dossier>> LoadDossiers(Database& db,
                                                           const std::vector<std::string>& codes);
// The code of the dossier created with `request_id`, if any.
absl::StatusOr<std::optional<std::string>> FindDossierByRequestId(Database& db,
                                                                  absl::string_view request_id);

// Which dossiers a list or worklist shows. Empty fields do not filter.
struct DossierQuery {
  // Dossiers whose receiving, competent or support unit is one of these.
  std::vector<std::string> units;
  std::vector<workflow::Status> statuses;
  std::vector<workflow::Step> steps;
  std::string assignee;
  std::string owner_id;
  std::optional<absl::Time> due_before;  // due_time < this
  std::optional<absl::Time> due_after;   // due_time >= this
  std::optional<absl::Time> received_from;
  std::optional<absl::Time> received_to;
  // Keyset pagination over (due_time or 0, code).
  int64_t after_due = -1;
  std::string after_code;
  int limit = 50;
};

struct DossierPage {
  std::vector<dossier::Dossier> dossiers;
  int total = 0;
  bool more = false;
  // The keyset of the last dossier (its ordering time in seconds, and its code): the next page
  // starts after it.
  int64_t last_key = -1;
};

// A page in (due time, code) order: one ordered index range per unit column × (status, step)
// queue, merged, so a page costs about `limit` rows whatever the backlog. `total` counts at most
// kMaxCountedDossiers.
absl::StatusOr<DossierPage> ListDossiers(Database& db, const DossierQuery& query);
// A worklist's total is for people ("200+" is as useful as 4,183) and costs a read per counted
// row on every page: 200 keeps a page at about the cost of its 20 dossiers.
inline constexpr int kMaxCountedDossiers = 200;

// Dossiers with open consultations, in (earliest open consultation deadline, code) order.
struct ConsultationQuery {
  // Open consultations asked of one of these units (the consulted unit's queue)...
  std::vector<std::string> consulted_units;
  // ...or of dossiers received at one of these units (the one-stop head's view); no filter
  // when both are empty.
  std::vector<std::string> receiving_units;
  // Only consultations whose deadline is before this (late ones).
  std::optional<absl::Time> due_before;
  int64_t after_due = -1;
  std::string after_code;
  int limit = 50;
};
// `total` counts at most kMaxCountedDossiers; last_key is the last dossier's earliest deadline.
absl::StatusOr<DossierPage> ListConsultationDossiers(Database& db, const ConsultationQuery& query);

// Every dossier received in [from, to) at one of `units` (all units when empty), for reports.
absl::StatusOr<std::vector<dossier::Dossier>> DossiersForReport(
    Database& db, const std::vector<std::string>& units, absl::Time from, absl::Time to);

// Key for page tokens: the dossier's due time in seconds, or 0 when it has none.
int64_t DueKey(const dossier::Dossier& d);

}  // namespace motcua::storage

#endif  // MOTCUA_STORAGE_DOSSIER_STORE_H_
