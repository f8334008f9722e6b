// motcua-sync: sends a node's outbox to the national portal (DVCQG), and brings the portal's side
// in: online dossiers submitted there, the procedure catalogue. Wiring only: flags, the portal
// client stack (services/portal), the store, and the sync job, the pull, the catalogue refresh or
// reconciliation (services/portal_sync).
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <iostream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/flag_parser.h"
#include "services/common/log.h"
#include "services/portal/portal_client.h"
#include "services/portal_sync/catalog_refresh.h"
#include "services/portal_sync/dossier_puller.h"
#include "services/portal_sync/portal_poller.h"
#include "services/portal_sync/reconciler.h"
#include "services/portal_sync/standalone_engine.h"
#include "services/portal_sync/sync_job.h"
#include "storage/store.h"
#include "storage/sync_outbox.h"

namespace {

using namespace motcua;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // did not drain, differences found, cannot start
constexpr int kExitUsage = 2;

int Usage(const std::string& message) {
  std::cerr << "motcua-sync: " << message << "\n";
  return kExitUsage;
}

int Main(const std::vector<std::string>& args) {
  std::string data_dir, url, credentials_file, auth_path = "/auth",
                                               integration_path = "/integration";
  std::string ca_file, rate_text = "20", log_level = "info", dossier;
  int concurrency = 4, batch_size = 10, timeout_ms = 10000, max_time_s = 600;
  int retry_attempts = 4, max_backoff_ms = 60000, max_pause_ms = 30000, max_answer_kib = 1024;
  bool once = false, reconcile = false, repair = false, retry_dead = false;
  bool pull = false, refresh = false;
  int pull_interval_s = 60, catalog_interval_s = 86400, pull_page_size = 50;
  std::string pull_service = portal::kListOnlineService, ack_service = portal::kAckOnlineService;
  std::string catalog_list_service = portal::kListProceduresService;
  std::string catalog_detail_service = portal::kGetProcedureService;
  dossier_service::NodeConfig node_config;
  FlagParser flags(
      "motcua-sync --data-dir DIR --portal-url URL --portal-credentials FILE [flags]",
      "Sends every dossier event of a motcua node's outbox (DIR/motcua.db) to the national "
      "public service portal (DVCQG): DongBoHoSoMC for the dossier, CapNhatTienDoHoSoMC for its "
      "history, in order per dossier, each record with its idempotency key; a record is marked "
      "synced only after the portal's success. With --pull-dossiers it also brings in the "
      "dossiers citizens submitted on the portal (status 1, waiting for a clerk), each once "
      "(request_id dvcqg:<MaHoSo>); with --refresh-catalog it makes a new catalogue version of "
      "each procedure the portal changed (LayDanhSachTTHC, LayThuTuc), all or nothing. Runs until "
      "SIGTERM/SIGINT, or with --once refreshes, pulls and drains the outbox once, then exits. "
      "One sync job per DIR (a lock file enforces it).");
  flags.AddString("data-dir", &data_dir, "The node's data folder (holds motcua.db).", "DIR");
  flags.AddString("portal-url", &url,
                  "Base URL of the portal or of the province's LGSP, http(s)://host[:port][/path].",
                  "URL");
  flags.AddString("portal-credentials", &credentials_file,
                  "JSON file {\"username\": ..., \"password\": ...}.", "FILE");
  flags.AddString("portal-auth-path", &auth_path, "Login endpoint (default /auth).", "PATH");
  flags.AddString("portal-integration-path", &integration_path,
                  "Data endpoint (default /integration).", "PATH");
  flags.AddString("portal-ca-file", &ca_file, "CA bundle to verify an https portal.", "FILE");
  flags.AddInt("portal-timeout-ms", &timeout_ms, "Socket read/write time-out (default 10000).",
               "MS");
  flags.AddInt("max-answer-kib", &max_answer_kib,
               "Largest portal answer read, in KiB (default 1024).", "KIB");
  flags.AddInt("concurrency", &concurrency,
               "Dossiers (and portal calls) in flight at once (default 4).");
  flags.AddString("rate", &rate_text, "Most portal calls started per second (default 20).", "R");
  flags.AddInt("batch-size", &batch_size,
               "History entries per CapNhatTienDoHoSoMC call (default 10).");
  flags.AddInt("retry-attempts", &retry_attempts,
               "Calls per request when the portal fails transiently (default 4).");
  flags.AddInt("max-backoff-ms", &max_backoff_ms,
               "Longest wait of a record between attempts (default 60000).", "MS");
  flags.AddInt("max-pause-ms", &max_pause_ms,
               "Longest pause of the job while the portal fails (default 30000).", "MS");
  flags.AddBool("pull-dossiers", &pull,
                "Also pull the online dossiers submitted on the portal (every --pull-interval; "
                "with --once, once). Bad records are reported and skipped.");
  flags.AddInt("pull-interval", &pull_interval_s,
               "With --pull-dossiers, seconds between pulls (default 60).", "SECONDS");
  flags.AddInt("pull-page-size", &pull_page_size,
               "With --pull-dossiers, dossiers asked for per call (default 50).");
  flags.AddBool("refresh-catalog", &refresh,
                "Also refresh the procedure catalogue from the portal (every --catalog-interval; "
                "with --once, once, before the pull).");
  flags.AddInt("catalog-interval", &catalog_interval_s,
               "With --refresh-catalog, seconds between refreshes (default 86400).", "SECONDS");
  flags.AddString("portal-pull-service", &pull_service,
                  "Service listing the online dossiers (default LayHoSoDVCQG).", "NAME");
  flags.AddString("portal-ack-service", &ack_service,
                  "Service acknowledging pulled dossiers (default XacNhanHoSoDVCQG).", "NAME");
  flags.AddString("portal-catalog-list-service", &catalog_list_service,
                  "Service listing the procedures (default LayDanhSachTTHC).", "NAME");
  flags.AddString("portal-catalog-detail-service", &catalog_detail_service,
                  "Service answering one procedure (default LayThuTuc).", "NAME");
  flags.AddString("province-code", &node_config.province_code,
                  "With --pull-dossiers: as motcuad's --province-code (default 25).", "CODE");
  flags.AddString("dossier-code-format", &node_config.code_format,
                  "With --pull-dossiers: as motcuad's --dossier-code-format.", "FORMAT");
  flags.AddBool("once", &once,
                "Refresh and pull once when asked, drain the outbox, then exit (0 all done, 1 "
                "not).");
  flags.AddInt("max-time", &max_time_s, "With --once: give up after this (default 600).",
               "SECONDS");
  flags.AddBool("reconcile", &reconcile,
                "Compare every synced dossier with the portal (TraCuuHoSo) and report; exit 1 "
                "when something differs.");
  flags.AddBool("repair", &repair, "With --reconcile: queue the dossiers that differ again.");
  flags.AddBool("retry-dead-letters", &retry_dead,
                "Put the dead letters (records the portal refused) back in the queue and exit.");
  flags.AddString("dossier", &dossier, "With --retry-dead-letters: only this dossier's.", "CODE");
  flags.AddString("log-level", &log_level, "debug, info, warning or error (default info).",
                  "LEVEL");
  flags.AddExample(
      "motcua-sync --data-dir /var/lib/motcua --portal-url https://lgsp.phutho.gov.vn/dvcqg "
      "--portal-credentials /etc/motcua/dvcqg.json");
  flags.AddExample(
      "motcua-sync --data-dir ./demo-node --portal-url http://127.0.0.1:8780 "
      "--portal-credentials portal.json --once");
  flags.AddExample(
      "motcua-sync --data-dir ./demo-node --portal-url http://127.0.0.1:8780 "
      "--portal-credentials portal.json --reconcile --repair");
  flags.AddExample("motcua-sync --data-dir ./demo-node --retry-dead-letters");
  flags.AddExample(
      "motcua-sync --data-dir ./demo-node --portal-url http://127.0.0.1:8780 "
      "--portal-credentials portal.json --refresh-catalog --pull-dossiers --once");
  flags.AddExample(
      "motcua-sync --data-dir ./demo-node --portal-url http://127.0.0.1:8780 "
      "--portal-credentials portal.json --pull-dossiers --pull-interval 30");
  std::vector<std::string> positionals;
  if (absl::Status s = flags.Parse(args, &positionals); !s.ok())
    return Usage(std::string(s.message()));
  if (flags.help_requested()) {
    std::cout << flags.Help();
    return kExitOk;
  }
  if (!positionals.empty())
    return Usage(absl::StrCat("unexpected argument \"", positionals[0], "\""));
  auto level = ParseLogLevel(log_level);
  if (!level.ok()) return Usage(absl::StrCat("--log-level: ", level.status().message()));
  SetLogLevel(*level);
  if (data_dir.empty()) return Usage("--data-dir is required (see --help)");
  struct stat st;
  if (stat((data_dir + "/motcua.db").c_str(), &st) != 0) {
    return Usage(absl::StrCat("--data-dir: no node store at ", data_dir, "/motcua.db"));
  }
  double rate = 0;
  if (!absl::SimpleAtod(rate_text, &rate) || rate <= 0 || rate > 10000) {
    return Usage("--rate: must be a number of calls per second, 0 < R <= 10000");
  }
  if (concurrency < 1 || concurrency > 64) return Usage("--concurrency: must be 1..64");
  if (batch_size < 1 || batch_size > 100) return Usage("--batch-size: must be 1..100");
  if (timeout_ms < 100) return Usage("--portal-timeout-ms: must be at least 100");
  if (retry_attempts < 1 || retry_attempts > 20) return Usage("--retry-attempts: must be 1..20");
  if (max_backoff_ms < 1000) return Usage("--max-backoff-ms: must be at least 1000");
  if (max_pause_ms < 100) return Usage("--max-pause-ms: must be at least 100");
  if (max_answer_kib < 1) return Usage("--max-answer-kib: must be at least 1");
  if (repair && !reconcile) return Usage("--repair goes with --reconcile");
  if (!dossier.empty() && !retry_dead) return Usage("--dossier goes with --retry-dead-letters");
  if (pull_interval_s < 1) return Usage("--pull-interval: must be at least 1 second");
  if (pull_page_size < 1 || pull_page_size > 500) return Usage("--pull-page-size: must be 1..500");
  if (catalog_interval_s < 1) return Usage("--catalog-interval: must be at least 1 second");
  if ((pull || refresh) && (reconcile || retry_dead)) {
    return Usage(
        "--pull-dossiers and --refresh-catalog do not go with --reconcile or "
        "--retry-dead-letters");
  }

  storage::Store::Options store_options;
  store_options.read_connections = concurrency + 2;
  auto store = storage::Store::Open(data_dir, store_options);
  if (!store.ok()) {
    std::cerr << "motcua-sync: " << store.status().message() << "\n";
    return kExitFailure;
  }

  if (retry_dead) {
    int requeued = 0;
    const std::string code = absl::AsciiStrToUpper(dossier);
    absl::Status s = (*store)->writer().Write([&](storage::Database& db) -> absl::Status {
      auto n = storage::RetryDeadLetters(db, code);
      if (!n.ok()) return n.status();
      requeued = *n;
      return absl::OkStatus();
    });
    if (!s.ok()) {
      std::cerr << "motcua-sync: " << s.message() << "\n";
      return kExitFailure;
    }
    std::cout << requeued << " dead letter(s) queued again\n";
    return kExitOk;
  }

  if (url.empty() || credentials_file.empty()) {
    return Usage("--portal-url and --portal-credentials are required (see --help)");
  }
  auto credentials = portal::LoadCredentials(credentials_file);
  if (!credentials.ok()) return Usage(std::string(credentials.status().message()));
  portal::PortalConfig config;
  config.http.base_url = url;
  config.http.auth_path = auth_path;
  config.http.integration_path = integration_path;
  config.http.ca_file = ca_file;
  config.http.timeout = absl::Milliseconds(timeout_ms);
  config.http.connect_timeout = absl::Milliseconds(std::min(timeout_ms, 5000));
  config.http.max_answer_bytes = static_cast<size_t>(max_answer_kib) * 1024;
  config.credentials = *credentials;
  config.max_in_flight = concurrency;
  config.max_per_second = rate;
  config.retry.max_attempts = retry_attempts;
  config.retry.backoff = {absl::Milliseconds(100), absl::Seconds(2), 2.0};
  auto client = portal::ConnectPortal(config);
  if (!client.ok()) return Usage(std::string(client.status().message()));

  if (reconcile) {
    auto report = portal_sync::Reconcile(**store, **client, {repair});
    if (!report.ok()) {
      std::cerr << "motcua-sync: reconciliation stopped: " << report.status().message() << "\n";
      return kExitFailure;
    }
    std::cout << "dossiers " << report->dossiers << ", compared " << report->compared
              << ", matching " << report->matching << ", in flight " << report->in_flight
              << ", differing " << report->differences.size() << "\n";
    for (const auto& d : report->differences) std::cout << "  " << d.code << ": " << d.what << "\n";
    if (repair) std::cout << "queued again: " << report->requeued_rows << " event(s)\n";
    return report->differences.empty() ? kExitOk : kExitFailure;
  }

  auto lock = portal_sync::SyncLock::Acquire(data_dir);
  if (!lock.ok()) {
    std::cerr << "motcua-sync: " << lock.status().message() << "\n";
    return kExitFailure;
  }
  portal_sync::SyncJobOptions options;
  options.concurrency = concurrency;
  options.batch_size = batch_size;
  options.row_backoff.max = absl::Milliseconds(max_backoff_ms);
  options.pause_backoff.max = absl::Milliseconds(max_pause_ms);
  options.pause_backoff.initial =
      std::min(options.pause_backoff.initial, options.pause_backoff.max);
  portal_sync::SyncJob job(**store, **client, SystemClock::Get(), options);

  std::unique_ptr<dossier_service::DossierEngine> engine;
  std::unique_ptr<portal_sync::DossierPuller> puller;
  if (pull) {
    auto opened = portal_sync::OpenStandaloneEngine(**store, data_dir, node_config);
    if (!opened.ok()) {
      std::cerr << "motcua-sync: " << opened.status().message() << "\n";
      return kExitFailure;
    }
    engine = *std::move(opened);
    portal_sync::DossierPullOptions pull_options;
    pull_options.list_service = pull_service;
    pull_options.ack_service = ack_service;
    pull_options.page_size = pull_page_size;
    puller = std::make_unique<portal_sync::DossierPuller>(*engine, **store, **client, pull_options);
  }
  portal_sync::CatalogRefreshOptions refresh_options;
  refresh_options.list_service = catalog_list_service;
  refresh_options.detail_service = catalog_detail_service;
  refresh_options.source = absl::StrCat("DVCQG ", url);

  if (once) {
    bool ok = true;
    if (refresh) {
      auto summary =
          portal_sync::RefreshCatalog(**store, **client, SystemClock::Get(), refresh_options);
      if (summary.ok()) {
        std::cout << portal_sync::CatalogSummaryText(*summary);
      } else {
        std::cerr << "motcua-sync: catalogue refresh failed: " << summary.status().message()
                  << "\n";
        ok = false;
      }
    }
    if (puller) {
      auto summary = puller->PullOnce();
      if (summary.ok()) {
        std::cout << summary->Text();
      } else {
        std::cerr << "motcua-sync: " << summary.status().message() << "\n";
        ok = false;
      }
    }
    absl::Status s = job.Drain(absl::Seconds(max_time_s));
    auto stats = job.stats();
    std::cout << "synced " << stats.rows_synced << " event(s) of " << stats.records_sent
              << " dossier record(s); dead letters " << stats.dead_letters << "\n";
    if (!s.ok()) {
      std::cerr << "motcua-sync: " << s.message() << "\n";
      return kExitFailure;
    }
    return ok ? kExitOk : kExitFailure;
  }

  std::vector<portal_sync::PollTask> tasks;
  if (refresh) {
    tasks.push_back({"catalog", absl::Seconds(catalog_interval_s), [&]() -> absl::Status {
                       auto s = portal_sync::RefreshCatalog(**store, **client, SystemClock::Get(),
                                                            refresh_options);
                       if (!s.ok()) return s.status();
                       std::cout << portal_sync::CatalogSummaryText(*s) << std::flush;
                       return absl::OkStatus();
                     }});
  }
  if (puller) {
    tasks.push_back({"pull", absl::Seconds(pull_interval_s), [&]() -> absl::Status {
                       auto s = puller->PullOnce();
                       if (!s.ok()) return s.status();
                       if (s->listed > 0) std::cout << s->Text() << std::flush;
                       return absl::OkStatus();
                     }});
  }
  portal_sync::PortalPoller poller(std::move(tasks));

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  job.Start();
  LogInfo("sync", "syncing", {{"data_dir", data_dir}, {"portal", url}});
  std::printf("syncing %s to %s\n", data_dir.c_str(), url.c_str());
  std::fflush(stdout);
  poller.Start();
  int sig = 0;
  sigwait(&stop_signals, &sig);
  LogInfo("sync", "stopping");
  poller.Stop();
  job.Stop();
  auto stats = job.stats();
  LogInfo("sync", "stopped",
          {{"synced", absl::StrCat(stats.rows_synced)},
           {"dead_letters", absl::StrCat(stats.dead_letters)}});
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return Main(args);
}
