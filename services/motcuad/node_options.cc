#include "services/motcuad/node_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/flag_parser.h"
#include "services/dossier/dossier_code.h"

#ifndef MOTCUA_DEFAULT_DEMO_DIR
#define MOTCUA_DEFAULT_DEMO_DIR "data/demo"
#endif
#ifndef MOTCUA_DEFAULT_WEB_DIR
#define MOTCUA_DEFAULT_WEB_DIR "clients/web"
#endif

namespace motcua::motcuad {

absl::StatusOr<NodeOptions> ParseNodeOptions(const std::vector<std::string>& args) {
  NodeOptions o;
  o.demo_data = MOTCUA_DEFAULT_DEMO_DIR;
  o.web_root = MOTCUA_DEFAULT_WEB_DIR;
  int http_rate_limit = 20;
  std::string log_level = "info";
  FlagParser flags("motcuad --data-dir DIR [--listen HOST:PORT] [--seed-demo] [flags]",
                   "motcuad is one motcua node: the gRPC services of the one-stop-shop over one "
                   "SQLite file in DIR.\nIt prints \"listening on HOST:PORT\" on stdout once it "
                   "serves and stops cleanly on SIGTERM or SIGINT.");
  flags.AddString("data-dir", &o.data_dir, "Folder of the node's store (created if missing).",
                  "DIR");
  flags.AddString("listen", &o.listen,
                  "Address to serve gRPC on; port 0 lets the OS pick (default 127.0.0.1:7400).",
                  "HOST:PORT");
  flags.AddBool("seed-demo", &o.seed_demo,
                "Load the demo data (Phú Thọ units, 33 procedures); safe to repeat.");
  flags.AddString("demo-data", &o.demo_data,
                  absl::StrCat("Folder of the demo data (default ", MOTCUA_DEFAULT_DEMO_DIR, ")."),
                  "DIR");
  flags.AddString("import-catalog", &o.import_catalog,
                  "Import a catalogue folder (divisions.tsv, units, procedures.tsv) all or "
                  "nothing, then exit.",
                  "DIR");
  flags.AddString("province", &o.province_code,
                  "GSO code of the node's province (default 25, Phú Thọ).", "CODE");
  flags.AddString("dossier-code-format", &o.dossier_code_format,
                  "Template of dossier codes: {agency} {yy} {yyyy} {mm} {dd} {seq} {seq:N} "
                  "(default {agency}-{yy}{mm}{dd}-{seq}).",
                  "TEMPLATE");
  flags.AddString("schedule", &o.schedule_file,
                  "Announced holiday schedule file replacing the built-in ones.", "FILE");
  flags.AddString("unit-working-time", &o.unit_working_time_file,
                  "Working time per unit (unit_code<TAB>default|saturday_morning|spec) "
                  "replacing the built-in table; due dates follow the receiving unit's hours.",
                  "FILE");
  flags.AddString("http-listen", &o.http_listen,
                  "Also serve the HTTP/JSON gateway, the citizen portal (/portal/) and the "
                  "dashboard (/dashboard/) there; port 0 lets the OS pick (default off).",
                  "HOST:PORT");
  flags.AddString("http-cert", &o.http_cert, "PEM certificate: serve HTTPS (with --http-key).",
                  "FILE");
  flags.AddString("http-key", &o.http_key, "PEM private key of --http-cert.", "FILE");
  flags.AddString("web-root", &o.web_root,
                  absl::StrCat("Folder of the web pages (default ", MOTCUA_DEFAULT_WEB_DIR, ")."),
                  "DIR");
  flags.AddInt("http-rate-limit", &http_rate_limit,
               "HTTP requests per second per client address, burst 10x; 0 = off (default 20).");
  flags.AddString("portal-url", &o.portal_url,
                  "Run the national-portal sync job inside the node, towards this portal "
                  "(http(s)://host[:port][/path]; default off: run motcua-sync instead).",
                  "URL");
  flags.AddString("portal-credentials", &o.portal_credentials,
                  "With --portal-url: JSON file {\"username\": ..., \"password\": ...}.", "FILE");
  flags.AddInt("portal-concurrency", &o.portal_concurrency,
               "With --portal-url: dossiers synced at once (default 4).");
  flags.AddInt("portal-rate", &o.portal_rate,
               "With --portal-url: most portal calls per second (default 20).");
  flags.AddInt("portal-pull-interval", &o.portal_pull_interval,
               "With --portal-url: seconds between pulls of the dossiers submitted on the portal "
               "(default 60; 0 = never).",
               "SECONDS");
  flags.AddInt("portal-catalog-interval", &o.portal_catalog_interval,
               "With --portal-url: seconds between catalogue refreshes from the portal (default "
               "86400; 0 = never).",
               "SECONDS");
  std::string topology_units;
  flags.AddString("node-id", &o.node_id,
                  "This node's id in --topology (its certificate's CN must match).", "ID");
  flags.AddString("topology", &o.topology_file,
                  "Liên thông across nodes: the province's nodes, their addresses, parents and "
                  "units (deploy/topology/*.tsv). Needs --node-id and --peer-ca/-cert/-key.",
                  "FILE");
  flags.AddString("topology-units", &topology_units,
                  "Comma-separated unit files the topology resolves units against, oldest first "
                  "(default: the demo data's units-2024.tsv,units-2025.tsv).",
                  "FILES");
  flags.AddString("peer-listen", &o.peer_listen,
                  "Where to serve other nodes (mutual TLS; default: this node's topology "
                  "address).",
                  "HOST:PORT");
  flags.AddString("peer-ca", &o.peer_ca, "PEM certificate of the province CA.", "FILE");
  flags.AddString("peer-cert", &o.peer_cert,
                  "PEM certificate of this node, signed by the province CA (deploy/pki/dev-ca.sh).",
                  "FILE");
  flags.AddString("peer-key", &o.peer_key, "PEM private key of --peer-cert.", "FILE");
  flags.AddString("log-level", &log_level, "debug, info, warning or error (default info).",
                  "LEVEL");
  flags.AddInt("read-connections", &o.read_connections, "SQLite read connections (default 4).");
  flags.AddExample("motcuad --data-dir /var/lib/motcua --listen 0.0.0.0:7400");
  flags.AddExample("motcuad --data-dir ./demo-node --listen 127.0.0.1:0 --seed-demo");
  flags.AddExample("motcuad --data-dir ./node --import-catalog ./catalogue-2026");
  flags.AddExample(
      "motcuad --data-dir ./commune --node-id commune-07900 --topology "
      "deploy/topology/phutho-2025.tsv --peer-ca pki/ca.pem --peer-cert pki/commune-07900.pem "
      "--peer-key pki/commune-07900.key");
  std::vector<std::string> positionals;
  absl::Status s = flags.Parse(args, &positionals);
  if (!s.ok()) return s;
  if (flags.help_requested()) {
    o.help = true;
    o.help_text = flags.Help();
    return o;
  }
  if (!positionals.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("unexpected argument \"", positionals[0], "\" (see --help)"));
  }
  if (o.data_dir.empty()) {
    return absl::InvalidArgumentError("--data-dir is required (see --help)");
  }
  auto level = ParseLogLevel(log_level);
  if (!level.ok())
    return absl::InvalidArgumentError(absl::StrCat("--log-level: ", level.status().message()));
  o.log_level = *level;
  if (o.read_connections < 1 || o.read_connections > 64) {
    return absl::InvalidArgumentError("--read-connections: must be 1..64");
  }
  if (http_rate_limit < 0 || http_rate_limit > 100000) {
    return absl::InvalidArgumentError("--http-rate-limit: must be 0..100000");
  }
  o.http_rate_limit = http_rate_limit;
  if (o.http_cert.empty() != o.http_key.empty()) {
    return absl::InvalidArgumentError("--http-cert and --http-key go together");
  }
  if (o.portal_url.empty() != o.portal_credentials.empty()) {
    return absl::InvalidArgumentError("--portal-url and --portal-credentials go together");
  }
  if (o.portal_concurrency < 1 || o.portal_concurrency > 64) {
    return absl::InvalidArgumentError("--portal-concurrency: must be 1..64");
  }
  if (o.portal_rate < 1 || o.portal_rate > 10000) {
    return absl::InvalidArgumentError("--portal-rate: must be 1..10000");
  }
  if (o.portal_pull_interval < 0 || o.portal_catalog_interval < 0) {
    return absl::InvalidArgumentError(
        "--portal-pull-interval, --portal-catalog-interval: must be >= 0 seconds");
  }
  if (absl::Status f = dossier::ValidateCodeFormat(o.dossier_code_format); !f.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--dossier-code-format: ", f.message()));
  }
  if (!o.topology_file.empty()) {
    if (o.node_id.empty()) return absl::InvalidArgumentError("--topology needs --node-id");
    if (o.peer_ca.empty() || o.peer_cert.empty() || o.peer_key.empty()) {
      return absl::InvalidArgumentError(
          "--topology needs --peer-ca, --peer-cert and --peer-key (nodes talk over mutual TLS)");
    }
    if (topology_units.empty()) {
      o.topology_units = {absl::StrCat(o.demo_data, "/units-2024.tsv"),
                          absl::StrCat(o.demo_data, "/units-2025.tsv")};
    } else {
      o.topology_units = absl::StrSplit(topology_units, ',', absl::SkipEmpty());
    }
  } else if (!o.node_id.empty() || !o.peer_listen.empty() || !topology_units.empty()) {
    return absl::InvalidArgumentError(
        "--node-id, --peer-listen and --topology-units need --topology");
  }
  auto colon = o.listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(o.listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: \"", o.listen, "\" is not HOST:PORT with a port 0..65535"));
  }
  return o;
}

}  // namespace motcua::motcuad
