// motcua-portal-sim: a national portal (DVCQG) on loopback, with faults on demand. Wiring only.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "clients/portal_simulator/portal_simulator.h"
#include "services/common/flag_parser.h"
#include "services/common/log.h"
#include "services/portal/portal_client.h"

namespace {

// Exit codes: 0 ok, 1 failure, 2 bad command line.
int Main(const std::vector<std::string>& args) {
  using namespace motcua;
  std::string listen = "127.0.0.1:0";
  std::string data_dir;
  std::string credentials_file;
  std::string faults_json;
  std::string auth_path = "/auth";
  std::string integration_path = "/integration";
  std::string log_level = "info";
  std::string catalog_dir;
  portal_sim::SimulatorOptions defaults;
  std::string online_list = defaults.online_list_service;
  std::string online_ack = defaults.online_ack_service;
  std::string catalog_list = defaults.catalog_list_service;
  std::string catalog_detail = defaults.catalog_detail_service;
  int session_ttl_s = 3600;
  int seed = 1;
  FlagParser flags(
      "motcua-portal-sim --data-dir DIR --credentials FILE [--listen HOST:PORT] [flags]",
      "A national public service portal (DVCQG) for tests and demos: it takes DongBoHoSoMC, "
      "CapNhatTienDoHoSoMC and TraCuuHoSo over HTTP/JSON, validates every field, keeps what it "
      "accepts in DIR/portal.db once per idempotency key, and injects faults on demand\n"
      "(POST /admin/faults). The other way, it serves the dossiers citizens \"submitted on the "
      "portal\" (queued with POST /admin/online-dossiers) to LayHoSoDVCQG / XacNhanHoSoDVCQG, "
      "and a procedure catalogue (--catalog) to LayDanhSachTTHC / LayThuTuc. It prints "
      "\"listening on HOST:PORT\" once it serves; SIGTERM or SIGINT stops it.\n\n"
      "Admin endpoints: GET|POST /admin/faults, POST /admin/expire-sessions, "
      "POST /admin/forget {\"MaHoSo\": CODE}, GET /admin/stats, GET /admin/export, "
      "GET|POST /admin/online-dossiers (one record or an array, kept verbatim), "
      "GET|POST /admin/procedures (LayThuTuc records), "
      "POST /admin/procedures/patch {\"MATTHC\": CODE, FIELD: VALUE, ...}.");
  flags.AddString("listen", &listen, "Address to serve on; port 0 picks one (default 127.0.0.1:0).",
                  "HOST:PORT");
  flags.AddString("data-dir", &data_dir, "Folder of the portal's store (created if missing).",
                  "DIR");
  flags.AddString(
      "credentials", &credentials_file,
      "JSON file {\"username\": ..., \"password\": ...}: the account the portal accepts.", "FILE");
  flags.AddString("faults", &faults_json,
                  "Faults from the start, as the JSON of POST /admin/faults.", "JSON");
  flags.AddString("auth-path", &auth_path, "Login endpoint (default /auth).", "PATH");
  flags.AddString("integration-path", &integration_path, "Data endpoint (default /integration).",
                  "PATH");
  flags.AddString("catalog", &catalog_dir,
                  "Serve the procedures of this motcua catalogue folder (its procedures.tsv, e.g. "
                  "data/demo); procedures the portal already holds are kept.",
                  "DIR");
  flags.AddString("online-list-service", &online_list,
                  "Service that lists the online dossiers to pull (default LayHoSoDVCQG).", "NAME");
  flags.AddString("online-ack-service", &online_ack,
                  "Service that acknowledges pulled dossiers (default XacNhanHoSoDVCQG).", "NAME");
  flags.AddString("catalog-list-service", &catalog_list,
                  "Service that lists the procedures (default LayDanhSachTTHC).", "NAME");
  flags.AddString("catalog-detail-service", &catalog_detail,
                  "Service that answers one procedure (default LayThuTuc).", "NAME");
  flags.AddInt("session-ttl", &session_ttl_s, "Seconds a session lives (default 3600).", "SECONDS");
  flags.AddInt("seed", &seed, "Seed of the fault dice (default 1).");
  flags.AddString("log-level", &log_level, "debug, info, warning or error (default info).",
                  "LEVEL");
  flags.AddExample(
      "motcua-portal-sim --data-dir ./portal --credentials portal.json --listen 127.0.0.1:8780");
  flags.AddExample(
      "motcua-portal-sim --data-dir ./portal --credentials portal.json --listen 127.0.0.1:8780 "
      "--catalog data/demo");
  flags.AddExample(
      "curl -X POST 127.0.0.1:8780/admin/faults -d '{\"http_5xx_rate\":0.3,\"timeout_rate\":0.1}'");
  flags.AddExample(
      "curl -X POST 127.0.0.1:8780/admin/procedures/patch "
      "-d '{\"MATTHC\":\"1.004837\",\"TENTTHC\":\"Thủ tục đăng ký giám hộ (sửa đổi)\"}'");
  std::vector<std::string> positionals;
  if (absl::Status s = flags.Parse(args, &positionals); !s.ok()) {
    std::cerr << "motcua-portal-sim: " << s.message() << "\n";
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Help();
    return 0;
  }
  if (!positionals.empty()) {
    std::cerr << "motcua-portal-sim: unexpected argument \"" << positionals[0] << "\"\n";
    return 2;
  }
  auto level = ParseLogLevel(log_level);
  if (!level.ok()) {
    std::cerr << "motcua-portal-sim: --log-level: " << level.status().message() << "\n";
    return 2;
  }
  SetLogLevel(*level);
  portal_sim::SimulatorOptions options;
  options.data_dir = data_dir;
  if (data_dir.empty() || credentials_file.empty()) {
    std::cerr << "motcua-portal-sim: --data-dir and --credentials are required (see --help)\n";
    return 2;
  }
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &options.port) || options.port < 0 ||
      options.port > 65535) {
    std::cerr << "motcua-portal-sim: --listen: \"" << listen << "\" is not HOST:PORT\n";
    return 2;
  }
  options.host = listen.substr(0, colon);
  auto credentials = portal::LoadCredentials(credentials_file);
  if (!credentials.ok()) {
    std::cerr << "motcua-portal-sim: --credentials: " << credentials.status().message() << "\n";
    return 2;
  }
  options.credentials = *credentials;
  if (!faults_json.empty()) {
    auto faults = portal_sim::Faults::FromJson(nlohmann::json::parse(faults_json, nullptr, false));
    if (!faults.ok()) {
      std::cerr << "motcua-portal-sim: --faults: " << faults.status().message() << "\n";
      return 2;
    }
    options.faults = *faults;
  }
  options.auth_path = auth_path;
  options.integration_path = integration_path;
  options.catalog_dir = catalog_dir;
  options.online_list_service = online_list;
  options.online_ack_service = online_ack;
  options.catalog_list_service = catalog_list;
  options.catalog_detail_service = catalog_detail;
  options.session_ttl = absl::Seconds(session_ttl_s);
  options.seed = static_cast<uint64_t>(seed);

  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto sim = portal_sim::PortalSimulator::Start(std::move(options));
  if (!sim.ok()) {
    std::cerr << "motcua-portal-sim: " << sim.status().message() << "\n";
    return 1;
  }
  std::string address = absl::StrCat(listen.substr(0, colon), ":", (*sim)->port());
  LogInfo("portal-sim", "serving", {{"address", address}, {"data_dir", data_dir}});
  std::printf("listening on %s\n", address.c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  LogInfo("portal-sim", "stopping");
  (*sim)->Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return Main(args);
}
