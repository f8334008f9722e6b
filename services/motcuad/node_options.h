// File: services/motcuad/node_options.h
// motcuad's command line: where the node keeps its data, where it listens, what it loads.
#ifndef MOTCUA_SERVICES_MOTCUAD_NODE_OPTIONS_H_
#define MOTCUA_SERVICES_MOTCUAD_NODE_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/log.h"

namespace motcua::motcuad {

struct NodeOptions {
  std::string data_dir;
  std::string listen = "127.0.0.1:7400";
  bool seed_demo = false;
  std::string demo_data;
  // Import this catalogue folder and exit (no server).
  std::string import_catalog;
  LogLevel log_level = LogLevel::kInfo;
  int read_connections = 4;
  // GSO code of the province this node belongs to.
  std::string province_code = "25";
  std::string dossier_code_format = "{agency}-{yy}{mm}{dd}-{seq}";
  // An announced-schedule file that replaces the built-in ones (data/calendar/ format).
  std::string schedule_file;
  // Working time per unit (services/calendar/unit_working_time.h) replacing the built-in table
  // data/calendar/unit-working-time.tsv.
  std::string unit_working_time_file;
  // The HTTP/JSON gateway and web pages (services/http_gateway); off while http_listen is empty.
  std::string http_listen;
  std::string http_cert;
  std::string http_key;
  std::string web_root;
  // Requests per second per client address (burst 10x); 0 = no limit.
  double http_rate_limit = 20;
  // The national-portal sync job inside the node (services/portal_sync); off while portal_url
  // is empty.
  std::string portal_url;
  std::string portal_credentials;
  int portal_concurrency = 4;
  int portal_rate = 20;  // portal calls per second
  // Seconds between pulls of the dossiers submitted on the portal, and between catalogue
  // refreshes from it; 0 turns either off.
  int portal_pull_interval = 60;
  int portal_catalog_interval = 86400;
  // Liên thông across nodes (services/internode); off while topology_file is empty. The node
  // serves InterNodeService over mutual TLS at its topology address (or peer_listen).
  std::string node_id;
  std::string topology_file;
  // Unit files the topology resolves units against, oldest first (default: the demo's 2024 and
  // 2025 files).
  std::vector<std::string> topology_units;
  std::string peer_listen;
  std::string peer_ca;
  std::string peer_cert;
  std::string peer_key;
  bool help = false;
  std::string help_text;
};

// Parses argv[1..]. Errors name the flag; help sets `help` and `help_text`.
absl::StatusOr<NodeOptions> ParseNodeOptions(const std::vector<std::string>& args);

}  // namespace motcua::motcuad

#endif  // MOTCUA_SERVICES_MOTCUAD_NODE_OPTIONS_H_
