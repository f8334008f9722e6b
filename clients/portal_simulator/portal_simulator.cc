#include "clients/portal_simulator/portal_simulator.h"

#include <httplib.h>
#include <signal.h>

#include <array>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/portal_simulator/record_validator.h"
#include "services/catalog/catalog_data.h"
#include "services/common/log.h"
#include "services/common/status_macros.h"
#include "services/portal/dvcqg_catalog.h"
#include "services/portal/dvcqg_online.h"
#include "services/portal/dvcqg_payload.h"
#include "services/portal/portal_answer.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/transaction.h"

namespace motcua::portal_sim {
namespace {

using nlohmann::json;
using portal::PortalError;

constexpr size_t kMaxItemsPerCall = 100;
constexpr size_t kHugeAnswerBytes = 4 << 20;

constexpr char kSchemaV1[] = R"sql(
CREATE TABLE portal_dossiers (
  code TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  record TEXT NOT NULL,
  writes INTEGER NOT NULL,
  updated_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE portal_history (
  key TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  seq INTEGER NOT NULL,
  status TEXT NOT NULL,
  entry TEXT NOT NULL,
  arrival INTEGER NOT NULL,
  received_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX portal_history_by_code ON portal_history(code, arrival);
)sql";

// Dossiers submitted on the portal for the province to pull (record kept verbatim), and the
// procedure catalogue the portal serves.
constexpr char kSchemaV2[] = R"sql(
CREATE TABLE portal_online (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL,
  record TEXT NOT NULL,
  acked_code TEXT,
  acks INTEGER NOT NULL DEFAULT 0,
  acked_time INTEGER
);
CREATE INDEX portal_online_by_code ON portal_online(code);
CREATE TABLE portal_procedures (
  code TEXT PRIMARY KEY,
  ordinal INTEGER NOT NULL,
  record TEXT NOT NULL
) WITHOUT ROWID;
)sql";

constexpr int kDefaultOnlinePage = 50;
constexpr int kMaxOnlinePage = 500;

const std::vector<storage::Migration>& SimulatorMigrations() {
  static const auto* m = new std::vector<storage::Migration>{
      {1, "simulated portal: dossier records and process history", kSchemaV1},
      {2, "simulated portal: online dossiers to pull, procedure catalogue", kSchemaV2}};
  return *m;
}

json Answer(PortalError code, absl::string_view message) {
  return json{{"error_code", static_cast<int>(code)}, {"message", std::string(message)}};
}

void SendJson(httplib::Response& res, const json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

std::string RandomToken(std::mt19937_64& random) {
  return absl::StrCat(absl::Hex(random(), absl::kZeroPad16), absl::Hex(random(), absl::kZeroPad16));
}

// The pieces of a huge answer: a success object's opening, then padding.
const std::string& HugeChunk(size_t offset) {
  static const std::string* head = new std::string(R"({"error_code":0,"message":")");
  static const std::string* pad = new std::string(64 * 1024, 'x');
  return offset == 0 ? *head : *pad;
}

// What one call will suffer, decided up front.
struct Plan {
  bool outage = false;
  bool timeout = false;
  int http_5xx = 0;
  bool error_code = false;
  bool drop_after_commit = false;
  bool duplicate = false;
  bool slow = false;
  bool expire_session = false;
  int malformed = -1;  // mode, or -1
  bool malformed_after_commit = false;
  int timeout_ms = 0;
  int slow_ms = 0;
  std::vector<std::string> reject;
};

}  // namespace

absl::StatusOr<Faults> Faults::FromJson(const json& j) {
  if (!j.is_object()) return absl::InvalidArgumentError("faults: must be a JSON object");
  Faults f;
  for (const auto& [key, value] : j.items()) {
    auto rate = [&](double* out) -> absl::Status {
      if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
        return absl::InvalidArgumentError(absl::StrCat("faults.", key, ": must be 0..1"));
      }
      *out = value.get<double>();
      return absl::OkStatus();
    };
    auto millis = [&](int* out) -> absl::Status {
      if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 600000) {
        return absl::InvalidArgumentError(absl::StrCat("faults.", key, ": must be 0..600000 ms"));
      }
      *out = static_cast<int>(value.get<int64_t>());
      return absl::OkStatus();
    };
    if (key == "outage") {
      if (!value.is_boolean())
        return absl::InvalidArgumentError("faults.outage: must be true/false");
      f.outage = value.get<bool>();
    } else if (key == "timeout_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.timeout_rate));
    } else if (key == "timeout_ms") {
      MOTCUA_RETURN_IF_ERROR(millis(&f.timeout_ms));
    } else if (key == "http_5xx_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.http_5xx_rate));
    } else if (key == "error_code_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.error_code_rate));
    } else if (key == "drop_after_commit_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.drop_after_commit_rate));
    } else if (key == "duplicate_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.duplicate_rate));
    } else if (key == "slow_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.slow_rate));
    } else if (key == "slow_ms") {
      MOTCUA_RETURN_IF_ERROR(millis(&f.slow_ms));
    } else if (key == "expire_session_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.expire_session_rate));
    } else if (key == "malformed_rate") {
      MOTCUA_RETURN_IF_ERROR(rate(&f.malformed_rate));
    } else if (key == "reject_dossiers") {
      if (!value.is_array()) {
        return absl::InvalidArgumentError("faults.reject_dossiers: must be an array of codes");
      }
      for (const auto& code : value) {
        if (!code.is_string()) {
          return absl::InvalidArgumentError("faults.reject_dossiers: must be an array of codes");
        }
        f.reject_dossiers.push_back(code.get<std::string>());
      }
    } else {
      return absl::InvalidArgumentError(absl::StrCat("faults.", key, ": unknown fault"));
    }
  }
  return f;
}

json Faults::ToJson() const {
  return json{{"outage", outage},
              {"timeout_rate", timeout_rate},
              {"timeout_ms", timeout_ms},
              {"http_5xx_rate", http_5xx_rate},
              {"error_code_rate", error_code_rate},
              {"drop_after_commit_rate", drop_after_commit_rate},
              {"duplicate_rate", duplicate_rate},
              {"slow_rate", slow_rate},
              {"slow_ms", slow_ms},
              {"expire_session_rate", expire_session_rate},
              {"malformed_rate", malformed_rate},
              {"reject_dossiers", reject_dossiers}};
}

class PortalSimulator::Impl {
 public:
  explicit Impl(SimulatorOptions options)
      : options_(std::move(options)), random_(options_.seed), faults_(options_.faults) {}

  absl::Status Open() {
    std::string path = options_.data_dir + "/portal.db";
    MOTCUA_ASSIGN_OR_RETURN(db_,
                            storage::Database::Open(path, storage::Database::Mode::kReadWrite));
    MOTCUA_RETURN_IF_ERROR(storage::Migrate(*db_, SimulatorMigrations()));
    MOTCUA_ASSIGN_OR_RETURN(
        next_arrival_, db_->QueryInt("SELECT COALESCE(MAX(arrival), 0) + 1 FROM portal_history"));
    if (!options_.catalog_dir.empty()) MOTCUA_RETURN_IF_ERROR(SeedCatalog(options_.catalog_dir));
    return absl::OkStatus();
  }

  // The procedures of DIR/procedures.tsv as LayThuTuc records; held ones are kept.
  absl::Status SeedCatalog(const std::string& dir) {
    const std::string path = dir + "/procedures.tsv";
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::InvalidArgumentError(absl::StrCat("--catalog: cannot read ", path));
    std::ostringstream text;
    text << in.rdbuf();
    MOTCUA_ASSIGN_OR_RETURN(auto procedures, catalog::ParseProcedures(text.str(), path));
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    int64_t ordinal = 0;
    for (const auto& p : procedures) {
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef st,
          db_->Prepare("INSERT OR IGNORE INTO portal_procedures(code, ordinal, record) "
                       "VALUES(?1, ?2, ?3)"));
      st->Bind(1, p.code).Bind(2, ++ordinal).Bind(3, portal::BuildProcedureRecord(p).dump());
      MOTCUA_RETURN_IF_ERROR(st->Run());
    }
    return tx.Commit();
  }

  absl::StatusOr<int> AddOnlineDossiers(const json& records) {
    json list = records.is_array() ? records : json::array({records});
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    for (const auto& r : list) {
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef st,
          db_->Prepare("INSERT INTO portal_online(code, record) VALUES(?1, ?2)"));
      st->Bind(1, portal::PortalCodeOf(r))
          .Bind(2, r.dump(-1, ' ', false, json::error_handler_t::replace));
      MOTCUA_RETURN_IF_ERROR(st->Run());
    }
    MOTCUA_RETURN_IF_ERROR(tx.Commit());
    CountLocked("online_queued", static_cast<int64_t>(list.size()));
    return static_cast<int>(list.size());
  }

  absl::StatusOr<json> OnlineDossiers() const {
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef st,
        db_->Prepare("SELECT seq, code, acked_code, acks FROM portal_online ORDER BY seq"));
    json out = json::array();
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(json{{"seq", st->ColumnInt64(0)},
                         {"MaHoSo", st->ColumnString(1)},
                         {"acked_code", st->IsNull(2) ? json(nullptr) : json(st->ColumnString(2))},
                         {"acks", st->ColumnInt64(3)}});
    }
    return json{{"dossiers", std::move(out)}};
  }

  absl::StatusOr<int> PutProcedures(const json& records) {
    json list = records.is_array() ? records : json::array({records});
    for (const auto& r : list) {
      if (!r.is_object() || !r.contains("MATTHC") || !r["MATTHC"].is_string()) {
        return absl::InvalidArgumentError("each record needs a string MATTHC");
      }
    }
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    for (const auto& r : list) MOTCUA_RETURN_IF_ERROR(PutProcedureLocked(r));
    MOTCUA_RETURN_IF_ERROR(tx.Commit());
    return static_cast<int>(list.size());
  }

  absl::Status PatchProcedure(const json& patch) {
    if (!patch.is_object() || !patch.contains("MATTHC") || !patch["MATTHC"].is_string()) {
      return absl::InvalidArgumentError("body: {\"MATTHC\": CODE, field: value, ...}");
    }
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(json record, ProcedureLocked(patch["MATTHC"].get<std::string>()));
    if (record.is_null()) {
      return absl::NotFoundError(
          absl::StrCat("procedure ", patch["MATTHC"].get<std::string>(), " is not held"));
    }
    for (const auto& [key, value] : patch.items()) record[key] = value;
    return PutProcedureLocked(record);
  }

  absl::StatusOr<json> Procedures() const {
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef st,
        db_->Prepare("SELECT record FROM portal_procedures ORDER BY ordinal, code"));
    json out = json::array();
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      out.push_back(json::parse(st->ColumnString(0), nullptr, false));
    }
    return out;
  }

  absl::Status Listen() {
    signal(SIGPIPE, SIG_IGN);  // cpp-httplib writes without MSG_NOSIGNAL
    const int threads = std::max(options_.threads, 4);
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_.set_payload_max_length(16 << 20);
    server_.set_keep_alive_max_count(1000);
    server_.set_tcp_nodelay(true);
    server_.set_read_timeout(std::chrono::seconds(10));
    server_.Post(options_.auth_path, [this](const httplib::Request& req, httplib::Response& res) {
      Call(req, res, /*auth=*/true);
    });
    server_.Post(options_.integration_path,
                 [this](const httplib::Request& req, httplib::Response& res) {
                   Call(req, res, /*auth=*/false);
                 });
    server_.Get("/admin/faults", [this](const httplib::Request&, httplib::Response& res) {
      SendJson(res, GetFaults().ToJson());
    });
    server_.Post("/admin/faults", [this](const httplib::Request& req, httplib::Response& res) {
      json body = json::parse(req.body, nullptr, false);
      auto faults = Faults::FromJson(body);
      if (!faults.ok()) return SendJson(res, {{"error", faults.status().message()}}, 400);
      SetFaults(*faults);
      LogInfo("portal-sim", "faults set", {{"faults", faults->ToJson().dump()}});
      SendJson(res, faults->ToJson());
    });
    server_.Post("/admin/expire-sessions", [this](const httplib::Request&, httplib::Response& res) {
      ExpireSessions();
      SendJson(res, {{"expired", true}});
    });
    server_.Post("/admin/forget", [this](const httplib::Request& req, httplib::Response& res) {
      json body = json::parse(req.body, nullptr, false);
      if (!body.is_object() || !body.contains("MaHoSo") || !body["MaHoSo"].is_string()) {
        return SendJson(res, {{"error", "body: {\"MaHoSo\": CODE}"}}, 400);
      }
      absl::Status s = Forget(body["MaHoSo"].get<std::string>());
      if (!s.ok()) return SendJson(res, {{"error", s.message()}}, 500);
      SendJson(res, {{"forgotten", body["MaHoSo"]}});
    });
    server_.Post("/admin/online-dossiers",
                 [this](const httplib::Request& req, httplib::Response& res) {
                   json body = json::parse(req.body, nullptr, false);
                   if (body.is_discarded())
                     return SendJson(res, {{"error", "body: not JSON"}}, 400);
                   auto n = AddOnlineDossiers(body);
                   if (!n.ok()) return SendJson(res, {{"error", n.status().message()}}, 500);
                   SendJson(res, {{"queued", *n}});
                 });
    server_.Get("/admin/online-dossiers", [this](const httplib::Request&, httplib::Response& res) {
      auto all = OnlineDossiers();
      if (!all.ok()) return SendJson(res, {{"error", all.status().message()}}, 500);
      SendJson(res, *all);
    });
    server_.Get("/admin/procedures", [this](const httplib::Request&, httplib::Response& res) {
      auto all = Procedures();
      if (!all.ok()) return SendJson(res, {{"error", all.status().message()}}, 500);
      SendJson(res, *all);
    });
    server_.Post("/admin/procedures", [this](const httplib::Request& req, httplib::Response& res) {
      auto n = PutProcedures(json::parse(req.body, nullptr, false));
      if (!n.ok()) return SendJson(res, {{"error", n.status().message()}}, 400);
      SendJson(res, {{"stored", *n}});
    });
    server_.Post(
        "/admin/procedures/patch", [this](const httplib::Request& req, httplib::Response& res) {
          absl::Status s = PatchProcedure(json::parse(req.body, nullptr, false));
          if (!s.ok()) {
            return SendJson(res, {{"error", s.message()}}, absl::IsNotFound(s) ? 404 : 400);
          }
          SendJson(res, {{"patched", true}});
        });
    server_.Get("/admin/stats", [this](const httplib::Request&, httplib::Response& res) {
      SendJson(res, Stats());
    });
    server_.Get("/admin/export", [this](const httplib::Request&, httplib::Response& res) {
      auto e = Export();
      if (!e.ok()) return SendJson(res, {{"error", e.status().message()}}, 500);
      SendJson(res, *e);
    });
    port_ = options_.port == 0
                ? server_.bind_to_any_port(options_.host)
                : (server_.bind_to_port(options_.host, options_.port) ? options_.port : -1);
    if (port_ <= 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", options_.host, ":", options_.port, " (port in use?)"));
    }
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() does nothing until the server runs: wait, so that Stop() always ends the thread.
    for (int i = 0; i < 5000 && !server_.is_running(); ++i) absl::SleepFor(absl::Milliseconds(1));
    return absl::OkStatus();
  }

  void Stop() {
    std::call_once(stopped_, [this] {
      server_.stop();
      if (thread_.joinable()) thread_.join();
    });
  }

  int port() const { return port_; }

  Faults GetFaults() const {
    absl::MutexLock lock(&mu_);
    return faults_;
  }
  void SetFaults(Faults f) {
    absl::MutexLock lock(&mu_);
    faults_ = std::move(f);
  }
  void ExpireSessions() {
    absl::MutexLock lock(&mu_);
    sessions_.clear();
  }

  absl::Status Forget(const std::string& code) {
    absl::MutexLock lock(&db_mu_);
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    for (const char* sql : {"DELETE FROM portal_dossiers WHERE code = ?1",
                            "DELETE FROM portal_history WHERE code = ?1"}) {
      MOTCUA_ASSIGN_OR_RETURN(storage::StatementRef st, db_->Prepare(sql));
      MOTCUA_RETURN_IF_ERROR(st->Bind(1, code).Run());
    }
    return tx.Commit();
  }

  json Stats() const {
    absl::MutexLock lock(&mu_);
    json counters = json::object();
    for (const auto& [name, value] : counters_) counters[name] = value;
    return json{{"counters", counters},
                {"max_in_flight", max_in_flight_},
                {"peak_per_second", peak_per_second_},
                {"sessions", sessions_.size()}};
  }

  absl::StatusOr<json> Export() const {
    absl::MutexLock lock(&db_mu_);
    json dossiers = json::array();
    std::map<std::string, size_t> index;
    {
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef st,
          db_->Prepare("SELECT code, status, version, writes FROM portal_dossiers ORDER BY code"));
      while (true) {
        MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
        if (!row) break;
        index[st->ColumnString(0)] = dossiers.size();
        dossiers.push_back(json{{"MaHoSo", st->ColumnString(0)},
                                {"TrangThaiHoSo", st->ColumnString(1)},
                                {"PhienBan", st->ColumnInt64(2)},
                                {"writes", st->ColumnInt64(3)},
                                {"history", json::array()}});
      }
    }
    json orphans = json::array();
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef st,
        db_->Prepare("SELECT code, key, seq, status, arrival FROM portal_history "
                     "ORDER BY code, arrival"));
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      json entry = {{"key", st->ColumnString(1)},
                    {"seq", st->ColumnInt64(2)},
                    {"TrangThai", st->ColumnString(3)},
                    {"arrival", st->ColumnInt64(4)}};
      auto it = index.find(st->ColumnString(0));
      if (it == index.end()) {
        orphans.push_back(std::move(entry));
      } else {
        dossiers[it->second]["history"].push_back(std::move(entry));
      }
    }
    return json{{"dossiers", std::move(dossiers)}, {"orphan_history", std::move(orphans)}};
  }

 private:
  absl::Status PutProcedureLocked(const json& r) ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef st,
        db_->Prepare("INSERT INTO portal_procedures(code, ordinal, record) VALUES(?1, "
                     "(SELECT COALESCE(MAX(ordinal), 0) + 1 FROM portal_procedures), ?2) "
                     "ON CONFLICT(code) DO UPDATE SET record = ?2"));
    st->Bind(1, r["MATTHC"].get<std::string>())
        .Bind(2, r.dump(-1, ' ', false, json::error_handler_t::replace));
    return st->Run();
  }

  // The stored record of `code`, or null.
  absl::StatusOr<json> ProcedureLocked(const std::string& code) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    MOTCUA_ASSIGN_OR_RETURN(storage::StatementRef st,
                            db_->Prepare("SELECT record FROM portal_procedures WHERE code = ?1"));
    st->Bind(1, code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return json(nullptr);
    return json::parse(st->ColumnString(0), nullptr, false);
  }

  json ListOnline(const json& data) {
    int64_t after = 0;
    int limit = kDefaultOnlinePage;
    if (!data.is_object()) {
      CountLocked("rejected");
      return Answer(PortalError::kRejected, "data: must be {ViTri, SoLuong}");
    }
    if (auto c = data.find("ViTri"); c != data.end() && !c->is_null()) {
      if (!c->is_string() ||
          (!c->get<std::string>().empty() && !absl::SimpleAtoi(c->get<std::string>(), &after))) {
        CountLocked("rejected");
        return Answer(PortalError::kRejected, "data.ViTri: must be a cursor this portal gave");
      }
    }
    if (auto n = data.find("SoLuong"); n != data.end() && !n->is_null()) {
      if (!n->is_number_integer() || n->get<int64_t>() < 1 || n->get<int64_t>() > kMaxOnlinePage) {
        CountLocked("rejected");
        return Answer(PortalError::kRejected,
                      absl::StrCat("data.SoLuong: must be 1..", kMaxOnlinePage));
      }
      limit = static_cast<int>(n->get<int64_t>());
    }
    absl::MutexLock lock(&db_mu_);
    auto st = db_->Prepare(
        "SELECT seq, record FROM portal_online WHERE acked_code IS NULL AND seq > ?1 "
        "ORDER BY seq LIMIT ?2");
    if (!st.ok()) return Answer(PortalError::kBusy, "internal error, try again");
    (*st)->Bind(1, after).Bind(2, static_cast<int64_t>(limit) + 1);
    json records = json::array();
    int64_t last = after;
    bool more = false;
    while (true) {
      auto row = (*st)->Step();
      if (!row.ok()) return Answer(PortalError::kBusy, "internal error, try again");
      if (!*row) break;
      if (static_cast<int>(records.size()) == limit) {
        more = true;
        break;
      }
      last = (*st)->ColumnInt64(0);
      records.push_back(json::parse((*st)->ColumnString(1), nullptr, false));
    }
    CountLocked("online_listed", static_cast<int64_t>(records.size()));
    json answer = Answer(PortalError::kOk, "OK");
    answer["data"] = std::move(records);
    answer["ViTriTiep"] = more ? absl::StrCat(last) : "";
    return answer;
  }

  json AckOnline(const json& data) {
    if (!data.is_array()) {
      CountLocked("rejected");
      return Answer(PortalError::kRejected, "data: must be an array of {MaHoSo, MaHoSoMotCua}");
    }
    for (size_t i = 0; i < data.size(); ++i) {
      const json& a = data[i];
      if (!a.is_object() || !a.contains("MaHoSo") || !a["MaHoSo"].is_string() ||
          !a.contains("MaHoSoMotCua") || !a["MaHoSoMotCua"].is_string() ||
          a["MaHoSoMotCua"].get<std::string>().empty()) {
        CountLocked("rejected");
        return Answer(PortalError::kRejected,
                      absl::StrCat("data[", i, "]: must be {MaHoSo, MaHoSoMotCua} strings"));
      }
    }
    absl::MutexLock lock(&db_mu_);
    auto done = [&]() -> absl::StatusOr<int64_t> {
      MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
      int64_t acked = 0;
      for (const auto& a : data) {
        const std::string code = a["MaHoSo"].get<std::string>();
        const std::string motcua = a["MaHoSoMotCua"].get<std::string>();
        MOTCUA_ASSIGN_OR_RETURN(
            storage::StatementRef held,
            db_->Prepare("SELECT acked_code FROM portal_online WHERE code = ?1"));
        held->Bind(1, code);
        bool found = false;
        while (true) {
          MOTCUA_ASSIGN_OR_RETURN(bool row, held->Step());
          if (!row) break;
          found = true;
          if (!held->IsNull(0) && held->ColumnString(0) != motcua) {
            // The same portal dossier acknowledged as two motcua dossiers: a duplicate.
            CountLocked("acks_conflicting");
            LogWarning("portal-sim", "online dossier acknowledged twice with different codes",
                       {{"MaHoSo", code}, {"first", held->ColumnString(0)}, {"now", motcua}});
          }
        }
        if (!found) {
          CountLocked("acks_unknown");
          continue;
        }
        MOTCUA_ASSIGN_OR_RETURN(
            storage::StatementRef st,
            db_->Prepare("UPDATE portal_online SET acked_code = COALESCE(acked_code, ?2), "
                         "acks = acks + 1, acked_time = ?3 WHERE code = ?1"));
        st->Bind(1, code).Bind(2, motcua).Bind(3, absl::ToUnixSeconds(absl::Now()));
        MOTCUA_RETURN_IF_ERROR(st->Run());
        ++acked;
      }
      MOTCUA_RETURN_IF_ERROR(tx.Commit());
      return acked;
    }();
    if (!done.ok()) return Answer(PortalError::kBusy, "internal error, try again");
    CountLocked("online_acked", *done);
    json answer = Answer(PortalError::kOk, "OK");
    answer["acknowledged"] = *done;
    return answer;
  }

  json ListProcedures() {
    CountLocked("catalog_lists");
    auto all = Procedures();
    if (!all.ok()) return Answer(PortalError::kBusy, "internal error, try again");
    json items = json::array();
    for (const auto& r : *all) items.push_back(portal::BuildProcedureListItem(r));
    json answer = Answer(PortalError::kOk, "OK");
    answer["data"] = std::move(items);
    return answer;
  }

  json GetProcedure(const json& data) {
    CountLocked("catalog_details");
    if (!data.is_object() || !data.contains("MATTHC") || !data["MATTHC"].is_string()) {
      CountLocked("rejected");
      return Answer(PortalError::kRejected, "data.MATTHC: must be a string");
    }
    const std::string code = data["MATTHC"].get<std::string>();
    absl::MutexLock lock(&db_mu_);
    auto record = ProcedureLocked(code);
    if (!record.ok()) return Answer(PortalError::kBusy, "internal error, try again");
    if (record->is_null()) {
      return Answer(PortalError::kUnknownDossier, absl::StrCat("MATTHC: ", code, " is unknown"));
    }
    json answer = Answer(PortalError::kOk, "OK");
    answer["data"] = *std::move(record);
    return answer;
  }

  void Count(const std::string& name, int64_t n = 1) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    counters_[name] += n;
  }
  void CountLocked(const std::string& name, int64_t n = 1) {
    absl::MutexLock lock(&mu_);
    Count(name, n);
  }
  bool Roll(double rate) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (rate <= 0) return false;
    return std::uniform_real_distribution<double>(0, 1)(random_) < rate;
  }

  Plan MakePlan(bool auth) {
    absl::MutexLock lock(&mu_);
    Plan p;
    const Faults& f = faults_;
    p.outage = f.outage;
    if (auth || p.outage) return p;
    p.slow = Roll(f.slow_rate);
    p.slow_ms = f.slow_ms;
    p.timeout = Roll(f.timeout_rate);
    p.timeout_ms = f.timeout_ms;
    if (Roll(f.http_5xx_rate)) p.http_5xx = std::array<int, 3>{500, 502, 503}[random_() % 3];
    p.expire_session = Roll(f.expire_session_rate);
    p.error_code = Roll(f.error_code_rate);
    if (Roll(f.malformed_rate)) {
      p.malformed = static_cast<int>(random_() % 8);
      p.malformed_after_commit = random_() % 2 == 0;
    }
    p.drop_after_commit = Roll(f.drop_after_commit_rate);
    p.duplicate = Roll(f.duplicate_rate);
    p.reject = f.reject_dossiers;
    return p;
  }

  // In-flight and per-second accounting around one call.
  void Enter() {
    absl::MutexLock lock(&mu_);
    ++in_flight_;
    max_in_flight_ = std::max(max_in_flight_, in_flight_);
    absl::Time now = absl::Now();
    arrivals_.push_back(now);
    while (!arrivals_.empty() && arrivals_.front() <= now - absl::Seconds(1)) arrivals_.pop_front();
    peak_per_second_ = std::max<int64_t>(peak_per_second_, static_cast<int64_t>(arrivals_.size()));
  }
  void Leave() {
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }

  void Call(const httplib::Request& req, httplib::Response& res, bool auth) {
    Enter();
    Handle(req, res, auth);
    Leave();
  }

  void Handle(const httplib::Request& req, httplib::Response& res, bool auth) {
    Plan plan = MakePlan(auth);
    CountLocked(auth ? "auth_calls" : "calls");
    if (plan.outage) {
      CountLocked("calls_during_outage");
      res.status = 503;
      res.set_content("portal under maintenance", "text/plain");
      return;
    }
    if (auth) return Login(req, res);
    if (plan.slow) {
      CountLocked("fault_slow");
      absl::SleepFor(absl::Milliseconds(plan.slow_ms));
    }
    if (plan.timeout) {
      CountLocked("fault_timeout");
      absl::SleepFor(absl::Milliseconds(plan.timeout_ms));
      res.status = 504;
      return;
    }
    if (plan.http_5xx != 0) {
      CountLocked("fault_http_5xx");
      res.status = plan.http_5xx;
      res.set_content("<html><body>Bad Gateway</body></html>", "text/html");
      return;
    }
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("service") || !body["service"].is_string() ||
        !body.contains("data") || !body.contains("isUpdating") || !body["isUpdating"].is_string() ||
        (body["isUpdating"] != "True" && body["isUpdating"] != "False")) {
      CountLocked("rejected");
      return SendJson(res,
                      Answer(PortalError::kRejected,
                             "request: must be {service, data, isUpdating \"True\"|\"False\"}"));
    }
    if (!SessionValid(req.get_header_value("session"))) {
      CountLocked("session_invalid");
      return SendJson(res, Answer(PortalError::kSessionInvalid, "session: expired or unknown"));
    }
    if (plan.expire_session) {
      CountLocked("fault_session_expired");
      Expire(req.get_header_value("session"));
      return SendJson(res, Answer(PortalError::kSessionInvalid, "session: expired"));
    }
    if (plan.error_code) {
      CountLocked("fault_error_code");
      return SendJson(res, Answer(PortalError::kBusy, "Hệ thống đang bận, vui lòng thử lại sau"));
    }
    if (plan.malformed >= 0 && !plan.malformed_after_commit) {
      CountLocked("fault_malformed_before_commit");
      return SendMalformed(res, plan.malformed);
    }
    const std::string service = body["service"].get<std::string>();
    const bool updating = body["isUpdating"] == "True";
    json answer = Process(service, body["data"], updating, plan.reject);
    if (plan.duplicate) {
      CountLocked("fault_duplicate_delivery");
      Process(service, body["data"], updating, plan.reject);
    }
    if (plan.drop_after_commit) {
      CountLocked("fault_drop_after_commit");
      // Headers promise a body the provider never writes: the connection drops mid-answer.
      res.set_content_provider(512, "application/json",
                               [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    if (plan.malformed >= 0) {
      CountLocked("fault_malformed_after_commit");
      return SendMalformed(res, plan.malformed);
    }
    SendJson(res, answer);
  }

  void SendMalformed(httplib::Response& res, int mode) {
    switch (mode) {
      case 0:
        res.set_content("<html><body>Service Temporarily Unavailable</body></html>",
                        "application/json");
        return;
      case 1:
        res.set_content(R"({"message":"OK"})", "application/json");
        return;
      case 2:
        res.set_content(R"({"error_code":"0","message":"OK"})", "application/json");
        return;
      case 3:
        res.set_content(R"([0,"OK"])", "application/json");
        return;
      case 4:
        res.set_content(R"({"error_code":0,"mess)", "application/json");
        return;
      case 5:
        res.set_content(R"({"error_code":0.5,"message":{"vi":"OK"}})", "application/json");
        return;
      case 6:
        // A success answer far larger than any client should read, streamed without a length.
        res.set_chunked_content_provider(
            "application/json", [](size_t offset, httplib::DataSink& sink) {
              if (offset >= kHugeAnswerBytes) {
                sink.done();
                return true;
              }
              return sink.write(HugeChunk(offset).data(), HugeChunk(offset).size());
            });
        return;
      default:
        // The same with a Content-Length.
        res.set_content_provider(kHugeAnswerBytes, "application/json",
                                 [](size_t offset, size_t length, httplib::DataSink& sink) {
                                   const std::string& chunk = HugeChunk(offset);
                                   return sink.write(chunk.data(), std::min(length, chunk.size()));
                                 });
        return;
    }
  }

  bool SessionValid(const std::string& session) {
    absl::MutexLock lock(&mu_);
    auto it = sessions_.find(session);
    if (it == sessions_.end()) return false;
    if (it->second < absl::Now()) {
      sessions_.erase(it);
      return false;
    }
    return true;
  }

  void Expire(const std::string& session) {
    absl::MutexLock lock(&mu_);
    sessions_.erase(session);
  }

  void Login(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("username") || !body.contains("password") ||
        !body["username"].is_string() || !body["password"].is_string() ||
        body["username"] != options_.credentials.username ||
        body["password"] != options_.credentials.password) {
      CountLocked("logins_refused");
      return SendJson(res, Answer(PortalError::kBadCredentials, "username or password is wrong"));
    }
    std::string token;
    {
      absl::MutexLock lock(&mu_);
      token = RandomToken(random_);
      sessions_[token] = absl::Now() + options_.session_ttl;
      Count("logins");
    }
    json answer = Answer(PortalError::kOk, "OK");
    answer["session"] = token;
    SendJson(res, answer);
  }

  // One delivery of one call: validates, then stores in one transaction (all or nothing).
  json Process(const std::string& service, const json& data, bool updating,
               const std::vector<std::string>& reject) {
    if (service == "TraCuuHoSo") return Lookup(data);
    if (service == options_.online_list_service) return ListOnline(data);
    if (service == options_.online_ack_service) return AckOnline(data);
    if (service == options_.catalog_list_service) return ListProcedures();
    if (service == options_.catalog_detail_service) return GetProcedure(data);
    if (service != "DongBoHoSoMC" && service != "CapNhatTienDoHoSoMC") {
      CountLocked("rejected");
      return Answer(PortalError::kRejected, absl::StrCat("service: \"", service, "\" is unknown"));
    }
    const bool records = service == "DongBoHoSoMC";
    if (!data.is_array() || data.empty() || data.size() > kMaxItemsPerCall) {
      CountLocked("rejected");
      return Answer(PortalError::kRejected,
                    absl::StrCat("data: must be an array of 1..", kMaxItemsPerCall, " items"));
    }
    for (size_t i = 0; i < data.size(); ++i) {
      std::string path = absl::StrCat("data[", i, "]");
      absl::Status s =
          records ? ValidateDossierRecord(data[i], path) : ValidateProgressEntry(data[i], path);
      if (s.ok()) {
        const std::string code = data[i]["MaHoSo"].get<std::string>();
        for (const auto& r : reject) {
          if (r == code) {
            s = absl::InvalidArgumentError(absl::StrCat(
                path, ".MaHoSo: ", code, " is refused by the portal (simulated rejection)"));
          }
        }
      }
      if (!s.ok()) {
        CountLocked("rejected");
        LogInfo("portal-sim", "rejected",
                {{"service", service}, {"why", std::string(s.message())}});
        return Answer(PortalError::kRejected, s.message());
      }
    }
    absl::MutexLock lock(&db_mu_);
    auto answer = records ? StoreRecords(data, updating) : StoreEntries(data);
    if (!answer.ok()) {
      LogError("portal-sim", "store failed", {{"error", std::string(answer.status().message())}});
      return Answer(PortalError::kBusy, "internal error, try again");
    }
    return *answer;
  }

  struct Held {
    int64_t version = 0;
  };

  absl::StatusOr<std::optional<Held>> FindDossier(const std::string& code)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    MOTCUA_ASSIGN_OR_RETURN(storage::StatementRef st,
                            db_->Prepare("SELECT version FROM portal_dossiers WHERE code = ?1"));
    st->Bind(1, code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return std::optional<Held>();
    return std::optional<Held>(Held{st->ColumnInt64(0)});
  }

  absl::StatusOr<json> StoreRecords(const json& data, bool updating)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    // Checks first, so the call is all or nothing.
    for (const auto& r : data) {
      const std::string code = r["MaHoSo"].get<std::string>();
      auto key = portal::ParseKey(r[portal::kIdempotencyKeyField].get<std::string>());
      MOTCUA_ASSIGN_OR_RETURN(std::optional<Held> held, FindDossier(code));
      if (!updating && held && key->number > held->version) {
        CountLocked("add_of_existing");
        return Answer(PortalError::kExists,
                      absl::StrCat("MaHoSo: ", code, " already exists; send isUpdating True"));
      }
      if (updating && !held) {
        CountLocked("update_of_missing");
        return Answer(PortalError::kUnknownDossier,
                      absl::StrCat("MaHoSo: ", code, " does not exist; send isUpdating False"));
      }
    }
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    int64_t stored = 0, duplicates = 0;
    for (const auto& r : data) {
      const std::string code = r["MaHoSo"].get<std::string>();
      const int64_t version =
          portal::ParseKey(r[portal::kIdempotencyKeyField].get<std::string>())->number;
      MOTCUA_ASSIGN_OR_RETURN(std::optional<Held> held, FindDossier(code));
      if (held && version <= held->version) {
        // The same record again (kept once), or an older one (never overwrites a newer one).
        CountLocked(version == held->version ? "records_duplicate" : "records_stale");
        ++duplicates;
        continue;
      }
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef st,
          db_->Prepare("INSERT INTO portal_dossiers(code, version, status, record, writes, "
                       "updated_time) VALUES(?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT(code) DO UPDATE "
                       "SET version = ?2, status = ?3, record = ?4, writes = writes + 1, "
                       "updated_time = ?5"));
      st->Bind(1, code).Bind(2, version).Bind(3, r["TrangThaiHoSo"].get<std::string>());
      st->Bind(4, r.dump()).Bind(5, absl::ToUnixSeconds(absl::Now()));
      MOTCUA_RETURN_IF_ERROR(st->Run());
      CountLocked(held ? "records_updated" : "records_added");
      ++stored;
    }
    MOTCUA_RETURN_IF_ERROR(tx.Commit());
    json answer = Answer(PortalError::kOk, "OK");
    answer["stored"] = stored;
    answer["duplicates"] = duplicates;
    return answer;
  }

  absl::StatusOr<json> StoreEntries(const json& data) ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    for (const auto& e : data) {
      const std::string code = e["MaHoSo"].get<std::string>();
      MOTCUA_ASSIGN_OR_RETURN(std::optional<Held> held, FindDossier(code));
      if (!held) {
        CountLocked("history_of_missing");
        return Answer(PortalError::kUnknownDossier,
                      absl::StrCat("MaHoSo: ", code, " does not exist; send DongBoHoSoMC first"));
      }
    }
    MOTCUA_ASSIGN_OR_RETURN(storage::Transaction tx, storage::Transaction::Begin(*db_));
    int64_t stored = 0, duplicates = 0;
    int64_t arrival = next_arrival_;
    for (const auto& e : data) {
      const std::string code = e["MaHoSo"].get<std::string>();
      const std::string key = e[portal::kIdempotencyKeyField].get<std::string>();
      const int64_t seq = portal::ParseKey(key)->number;
      MOTCUA_ASSIGN_OR_RETURN(storage::StatementRef exists,
                              db_->Prepare("SELECT 1 FROM portal_history WHERE key = ?1"));
      exists->Bind(1, key);
      MOTCUA_ASSIGN_OR_RETURN(bool held, exists->Step());
      exists->Reset();
      if (held) {
        CountLocked("entries_duplicate");
        ++duplicates;
        continue;
      }
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef last,
          db_->Prepare("SELECT COALESCE(MAX(seq), 0) FROM portal_history WHERE code = ?1"));
      last->Bind(1, code);
      MOTCUA_ASSIGN_OR_RETURN(bool row, last->Step());
      if (row && last->ColumnInt64(0) != seq - 1) {
        CountLocked("entries_out_of_order");
        LogWarning("portal-sim", "history entry out of order",
                   {{"key", key}, {"held_up_to", absl::StrCat(last->ColumnInt64(0))}});
      }
      last->Reset();
      MOTCUA_ASSIGN_OR_RETURN(
          storage::StatementRef st,
          db_->Prepare("INSERT INTO portal_history(key, code, seq, status, entry, arrival, "
                       "received_time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
      st->Bind(1, key).Bind(2, code).Bind(3, seq).Bind(4, e["TrangThai"].get<std::string>());
      st->Bind(5, e.dump()).Bind(6, arrival++).Bind(7, absl::ToUnixSeconds(absl::Now()));
      MOTCUA_RETURN_IF_ERROR(st->Run());
      CountLocked("entries_added");
      ++stored;
    }
    MOTCUA_RETURN_IF_ERROR(tx.Commit());
    next_arrival_ = arrival;
    json answer = Answer(PortalError::kOk, "OK");
    answer["stored"] = stored;
    answer["duplicates"] = duplicates;
    return answer;
  }

  json Lookup(const json& data) {
    if (!data.is_object() || !data.contains("MaHoSo") || !data["MaHoSo"].is_string()) {
      CountLocked("rejected");
      return Answer(PortalError::kRejected, "data.MaHoSo: must be a string");
    }
    CountLocked("lookups");
    const std::string code = data["MaHoSo"].get<std::string>();
    absl::MutexLock lock(&db_mu_);
    auto found = LookupLocked(code);
    if (!found.ok()) return Answer(PortalError::kBusy, "internal error, try again");
    json answer = Answer(PortalError::kOk, "OK");
    answer["data"] = *found;
    return answer;
  }

  absl::StatusOr<json> LookupLocked(const std::string& code) ABSL_EXCLUSIVE_LOCKS_REQUIRED(db_mu_) {
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef st,
        db_->Prepare("SELECT status, version FROM portal_dossiers WHERE code = ?1"));
    st->Bind(1, code);
    MOTCUA_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return json(nullptr);
    json out = {{"MaHoSo", code},
                {"TrangThaiHoSo", st->ColumnString(0)},
                {"PhienBan", st->ColumnInt64(1)},
                {"QuaTrinhXuLy", json::array()}};
    MOTCUA_ASSIGN_OR_RETURN(
        storage::StatementRef h,
        db_->Prepare("SELECT key, status, entry FROM portal_history WHERE code = ?1 "
                     "ORDER BY arrival"));
    h->Bind(1, code);
    while (true) {
      MOTCUA_ASSIGN_OR_RETURN(bool more, h->Step());
      if (!more) break;
      json entry = json::parse(h->ColumnString(2), nullptr, false);
      out["QuaTrinhXuLy"].push_back(
          json{{"IdempotencyKey", h->ColumnString(0)},
               {"TrangThai", h->ColumnString(1)},
               {"ThoiDiemXuLy", entry.is_object() && entry.contains("ThoiDiemXuLy")
                                    ? entry["ThoiDiemXuLy"]
                                    : json("")}});
    }
    return out;
  }

  const SimulatorOptions options_;
  mutable absl::Mutex db_mu_;
  std::unique_ptr<storage::Database> db_ ABSL_GUARDED_BY(db_mu_);
  int64_t next_arrival_ ABSL_GUARDED_BY(db_mu_) = 1;

  httplib::Server server_;
  std::thread thread_;
  std::once_flag stopped_;
  int port_ = -1;

  mutable absl::Mutex mu_;
  std::mt19937_64 random_ ABSL_GUARDED_BY(mu_);
  Faults faults_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, absl::Time> sessions_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t> counters_ ABSL_GUARDED_BY(mu_);
  int64_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t max_in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t peak_per_second_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<absl::Time> arrivals_ ABSL_GUARDED_BY(mu_);
};

absl::StatusOr<std::unique_ptr<PortalSimulator>> PortalSimulator::Start(SimulatorOptions options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("--data-dir is required");
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("data dir ", options.data_dir, ": cannot create it: ", ec.message()));
  }
  auto impl = std::make_unique<Impl>(std::move(options));
  MOTCUA_RETURN_IF_ERROR(impl->Open());
  MOTCUA_RETURN_IF_ERROR(impl->Listen());
  return std::unique_ptr<PortalSimulator>(new PortalSimulator(std::move(impl)));
}

PortalSimulator::PortalSimulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PortalSimulator::~PortalSimulator() { Stop(); }
int PortalSimulator::port() const { return impl_->port(); }
void PortalSimulator::Stop() { impl_->Stop(); }
void PortalSimulator::SetFaults(Faults faults) { impl_->SetFaults(std::move(faults)); }
Faults PortalSimulator::faults() const { return impl_->GetFaults(); }
void PortalSimulator::ExpireSessions() { impl_->ExpireSessions(); }
absl::Status PortalSimulator::Forget(const std::string& code) { return impl_->Forget(code); }
json PortalSimulator::Stats() const { return impl_->Stats(); }
absl::StatusOr<json> PortalSimulator::Export() const { return impl_->Export(); }
absl::StatusOr<int> PortalSimulator::AddOnlineDossiers(const json& records) {
  return impl_->AddOnlineDossiers(records);
}
absl::StatusOr<json> PortalSimulator::OnlineDossiers() const { return impl_->OnlineDossiers(); }
absl::StatusOr<int> PortalSimulator::PutProcedures(const json& records) {
  return impl_->PutProcedures(records);
}
absl::Status PortalSimulator::PatchProcedure(const json& patch) {
  return impl_->PatchProcedure(patch);
}
absl::StatusOr<json> PortalSimulator::Procedures() const { return impl_->Procedures(); }

}  // namespace motcua::portal_sim
