#include "services/motcuad/node_options.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/flag_parser.h"
#include "services/dossier/dossier_code.h"

#ifndef MOTCUA_DEFAULT_DEMO_DIR
#define MOTCUA_DEFAULT_DEMO_DIR "data/demo"
#endif

namespace motcua::motcuad {

absl::StatusOr<NodeOptions> ParseNodeOptions(const std::vector<std::string>& args) {
  NodeOptions o;
  o.demo_data = MOTCUA_DEFAULT_DEMO_DIR;
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
  flags.AddString("log-level", &log_level, "debug, info, warning or error (default info).",
                  "LEVEL");
  flags.AddInt("read-connections", &o.read_connections,
               "SQLite read connections (default 4).");
  flags.AddExample("motcuad --data-dir /var/lib/motcua --listen 0.0.0.0:7400");
  flags.AddExample("motcuad --data-dir ./demo-node --listen 127.0.0.1:0 --seed-demo");
  flags.AddExample("motcuad --data-dir ./node --import-catalog ./catalogue-2026");
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
  if (!level.ok()) return absl::InvalidArgumentError(absl::StrCat("--log-level: ", level.status().message()));
  o.log_level = *level;
  if (o.read_connections < 1 || o.read_connections > 64) {
    return absl::InvalidArgumentError("--read-connections: must be 1..64");
  }
  if (absl::Status f = dossier::ValidateCodeFormat(o.dossier_code_format); !f.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--dossier-code-format: ", f.message()));
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
