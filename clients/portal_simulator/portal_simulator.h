// File: clients/portal_simulator/portal_simulator.h
// A national portal (DVCQG) for tests and demos, over HTTP on loopback: it implements motcua's
// reading of the contract (DOMAIN.md §3.1; services/portal/portal_answer.h), validates every
// record (record_validator.h), stores what it accepts in its own SQLite file (DIR/portal.db),
// keeps each idempotency key once, answers TraCuuHoSo, and injects faults on demand:
// time-outs, HTTP 5xx, error_code ≠ 0, answers dropped after the commit, duplicate deliveries,
// slow answers, expired sessions, malformed answers (half of them after the commit), outages and
// rejected dossiers. It also measures the load it receives (peak calls in flight and per second).
// The other direction: it holds dossiers "submitted on the portal" (seeded by a test or a demo,
// kept verbatim, malformed ones too) and serves them to the province's pull (LayHoSoDVCQG, then
// XacNhanHoSoDVCQG; services/portal/dvcqg_online.h), and it serves a procedure catalogue
// (LayDanhSachTTHC, LayThuTuc; services/portal/dvcqg_catalog.h), seeded from a motcua catalogue
// folder (data/demo/) and changed on demand.
//
//   POST <auth path>         {username, password} → {error_code, session}
//   POST <integration path>  {service, data, isUpdating}, header "session" → {error_code, ...}
//   GET  /admin/faults  POST /admin/faults (JSON, replaces the set)  POST /admin/expire-sessions
//   POST /admin/forget {"MaHoSo": ...}  GET /admin/stats  GET /admin/export
//   POST /admin/online-dossiers (a record or an array)  GET /admin/online-dossiers
//   GET /admin/procedures  POST /admin/procedures (LayThuTuc records, replaced whole)
//   POST /admin/procedures/patch {"MATTHC": ..., field: value...} (top-level fields replaced)
// Thread-safe.
#ifndef MOTCUA_CLIENTS_PORTAL_SIMULATOR_PORTAL_SIMULATOR_H_
#define MOTCUA_CLIENTS_PORTAL_SIMULATOR_PORTAL_SIMULATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"
#include "services/portal/portal_stub.h"

namespace motcua::portal_sim {

// Rates are probabilities per integration call, 0..1.
struct Faults {
  bool outage = false;      // every call (login included) answers HTTP 503
  double timeout_rate = 0;  // wait timeout_ms, then HTTP 504, nothing stored
  int timeout_ms = 3000;
  double http_5xx_rate = 0;           // HTTP 500/502/503, nothing stored
  double error_code_rate = 0;         // error_code 1 (busy), nothing stored
  double drop_after_commit_rate = 0;  // stored, then the connection drops mid-answer
  double duplicate_rate = 0;          // the call is delivered (processed) twice
  double slow_rate = 0;               // wait slow_ms before handling
  int slow_ms = 300;
  double expire_session_rate = 0;            // the caller's session expires (error_code 2)
  double malformed_rate = 0;                 // a garbage answer; half of them after storing
  std::vector<std::string> reject_dossiers;  // their records are refused (error_code 3)

  // kInvalidArgument naming an unknown field or a bad value.
  static absl::StatusOr<Faults> FromJson(const nlohmann::json& j);
  nlohmann::json ToJson() const;
};

struct SimulatorOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port (see port())
  std::string data_dir;
  portal::Credentials credentials;
  std::string auth_path = "/auth";
  std::string integration_path = "/integration";
  // Service names of the portal-to-province direction.
  std::string online_list_service = "LayHoSoDVCQG";
  std::string online_ack_service = "XacNhanHoSoDVCQG";
  std::string catalog_list_service = "LayDanhSachTTHC";
  std::string catalog_detail_service = "LayThuTuc";
  // A motcua catalogue folder (procedures.tsv) whose procedures the portal serves; a procedure
  // already held (changed through the admin endpoints) is kept as it is.
  std::string catalog_dir;
  absl::Duration session_ttl = absl::Hours(1);
  uint64_t seed = 1;
  Faults faults;
  int threads = 32;
};

class PortalSimulator {
 public:
  // Opens (or creates) DIR/portal.db and starts serving. kUnavailable when it cannot listen.
  static absl::StatusOr<std::unique_ptr<PortalSimulator>> Start(SimulatorOptions options);
  ~PortalSimulator();

  int port() const;
  void Stop();

  void SetFaults(Faults faults);
  Faults faults() const;
  void ExpireSessions();
  // Deletes what the portal holds for `code` (a portal losing data, for reconciliation tests).
  absl::Status Forget(const std::string& code);
  // Counters: calls, logins, peak calls in flight and per second, faults injected, records and
  // entries stored, duplicates dropped, stale records, out-of-order entries, rejections.
  nlohmann::json Stats() const;
  // Everything held: {"dossiers": [{MaHoSo, TrangThaiHoSo, PhienBan, writes,
  // history: [{key, seq, TrangThai, arrival}] in arrival order}]} by MaHoSo.
  absl::StatusOr<nlohmann::json> Export() const;
  // Queues dossiers "submitted on the portal" (stored verbatim); returns how many.
  absl::StatusOr<int> AddOnlineDossiers(const nlohmann::json& records);
  // {"dossiers": [{seq, MaHoSo, acked_code (null until acknowledged), acks}]} in seq order.
  absl::StatusOr<nlohmann::json> OnlineDossiers() const;
  // Stores LayThuTuc records (each needs a string MATTHC), replacing those of the same code.
  absl::StatusOr<int> PutProcedures(const nlohmann::json& records);
  // Replaces the top-level fields of one record (`patch` holds MATTHC); kNotFound when absent.
  absl::Status PatchProcedure(const nlohmann::json& patch);
  // Every record, in catalogue order.
  absl::StatusOr<nlohmann::json> Procedures() const;

  class Impl;

 private:
  explicit PortalSimulator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace motcua::portal_sim

#endif  // MOTCUA_CLIENTS_PORTAL_SIMULATOR_PORTAL_SIMULATOR_H_
