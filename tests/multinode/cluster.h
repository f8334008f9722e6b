// File: tests/multinode/cluster.h
// A province's motcuad nodes as real processes on loopback, for the liên thông fault tests: a
// development CA and one certificate per node (deploy/pki/dev-ca.sh), a topology file laid out
// like deploy/topology/phutho-{2024,2025}.tsv on peer ports picked free at start, nodes started,
// killed, paused and restarted on their own data folders and peer ports, the gRPC calls of the
// demo walk-through (receive at the commune desk, decide at the province, return at the desk),
// and read-only looks into each node's SQLite file (dossiers, events, hand-off outbox and inbox).
#ifndef MOTCUA_TESTS_MULTINODE_CLUSTER_H_
#define MOTCUA_TESTS_MULTINODE_CLUSTER_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/internode_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "tests/testing/node_process.h"
#include "tests/testing/temp_dir.h"

namespace motcua::multinode {

inline constexpr char kProvince[] = "province";
inline constexpr char kDistrict227[] = "district-227";
inline constexpr char kCommune07900[] = "commune-07900";
inline constexpr char kCommune07894[] = "commune-07894";
inline constexpr char kPassword[] = "motcua-demo";
// A province-level procedure a commune desk receives (TK, GTTT required; no appraisal fee step).
inline constexpr char kProcedure[] = "2.000635";

// `n` distinct TCP ports on 127.0.0.1 that were free a moment ago (bound to port 0, then closed).
std::vector<int> PickFreePorts(int n);

// Polls `done` every `every` until it holds or `timeout` has passed; returns its last answer.
bool WaitFor(const std::function<bool()>& done, absl::Duration timeout,
             absl::Duration every = absl::Milliseconds(50));

// Runs deploy/pki/dev-ca.sh with `args`.
testing::CommandResult DevCa(const std::vector<std::string>& args);

// What a node's store holds about one dossier.
struct StoredDossier {
  std::string code;
  int status = 0;
  std::string held_by;
  std::string home_node;
  std::string receiving_unit;
  std::string competent_unit;
};

struct StoredEvent {
  int64_t seq = 0;
  std::string actor;
  std::string unit;
  std::string action;
  int status_after = 0;
  std::string prev_hash;
  std::string hash;
};

struct OutboxRow {
  int64_t id = 0;
  std::string key;
  int kind = 0;  // 1 TRANSFER, 2 RESULT
  std::string dossier_code;
  std::string origin_node;
  std::string destination_node;
  std::string next_hop;
  std::string payload;  // a serialized motcua.v1.Handoff
  int attempts = 0;
  std::string last_error;
  bool delivered = false;
};

struct InboxRow {
  std::string key;
  int kind = 0;
  std::string dossier_code;
  std::string origin_node;
  std::string destination_node;
  std::string peer_node;
};

// Counts that must not move when a node refuses something.
struct StoreCounts {
  int64_t dossiers = 0;
  int64_t events = 0;
  int64_t inbox = 0;
  int64_t outbox = 0;
  bool operator==(const StoreCounts& o) const {
    return dossiers == o.dossiers && events == o.events && inbox == o.inbox && outbox == o.outbox;
  }
};
std::ostream& operator<<(std::ostream& os, const StoreCounts& c);

class Cluster {
 public:
  enum class Era {
    k2024,  // province → district-227, district-230 → commune-07900, commune-07894
    k2025,  // province → commune-07900, commune-07894
  };

  // Makes the folder, the CA with a certificate for every node of the era, free peer ports and
  // the topology file. Check ok() before use.
  explicit Cluster(Era era);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  const absl::Status& init_status() const { return init_status_; }
  const testing::TempDir& dir() const { return dir_; }
  const std::string& topology_file() const { return topology_file_; }
  // Comma-separated unit files for --topology-units.
  const std::string& units_files() const { return units_files_; }
  std::string pki_dir() const { return dir_.File("pki"); }
  std::string CaFile() const { return pki_dir() + "/ca.pem"; }
  std::string CertFile(const std::string& id) const { return pki_dir() + "/" + id + ".pem"; }
  std::string KeyFile(const std::string& id) const { return pki_dir() + "/" + id + ".key"; }
  std::string DataDir(const std::string& id) const { return dir_.File("node-" + id); }
  // HOST:PORT of the node's peer (mutual TLS) port from the topology file.
  std::string PeerAddress(const std::string& id) const;
  std::vector<std::string> NodeIds() const;

  // The motcuad flags of node `id` (--seed-demo, --node-id, --topology, --peer-*).
  std::vector<std::string> NodeArgs(const std::string& id) const;

  // Starts (or restarts, on the same data folder and peer port) node `id`. `args` replaces
  // NodeArgs(id) when given.
  absl::Status Start(const std::string& id,
                     std::optional<std::vector<std::string>> args = std::nullopt);
  // SIGKILL and wait. No-op when not running.
  void Kill(const std::string& id);
  // SIGTERM and wait; the exit status as from waitpid.
  int Stop(const std::string& id);
  // SIGSTOP / SIGCONT: a node that takes calls and answers none.
  void Pause(const std::string& id);
  void Resume(const std::string& id);
  bool Running(const std::string& id) const;
  // The client API address of the running node.
  std::string Address(const std::string& id) const;
  // Everything the node wrote on stderr across all its runs in this cluster.
  std::string Stderr(const std::string& id) const;
  // Stderr of every node, for a failing test's output.
  std::string AllStderr() const;

  // --- The node's API, as the demo users (password motcua-demo). Tokens are cached per node
  // and user; they survive restarts (the signing key is in the data folder).
  std::shared_ptr<grpc::Channel> Channel(const std::string& id);
  absl::StatusOr<std::string> Token(const std::string& id, const std::string& user);
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& id, const std::string& user,
                                           int seconds = 10);

  // Receives a complete dossier of kProcedure at the desk of `unit` on node `id` (as
  // clerk.UNIT), handled by `competent_unit`; returns its code.
  absl::StatusOr<std::string> Receive(const std::string& id, const std::string& request_id,
                                      const std::string& unit = "07900",
                                      const std::string& competent_unit = "25");
  // At node `id`, the competent unit `unit` assigns (to specialist.UNIT), approves and issues
  // the result (state 9).
  absl::Status Decide(const std::string& id, const std::string& code,
                      const std::string& unit = "25");
  // At node `id`, clerk.UNIT returns the result at the desk (state 10).
  absl::Status ReturnResult(const std::string& id, const std::string& code,
                            const std::string& unit = "07900");
  absl::StatusOr<v1::Dossier> GetDossier(const std::string& id, const std::string& user,
                                         const std::string& code);
  absl::StatusOr<v1::ListDossierEventsResponse> History(const std::string& id,
                                                        const std::string& code);
  absl::StatusOr<v1::VerifyEventChainsResponse> VerifyChains(const std::string& id);

  // --- Read-only looks into the node's SQLite file (the node may be running or paused).
  absl::StatusOr<std::map<std::string, StoredDossier>> Dossiers(const std::string& id);
  absl::StatusOr<std::vector<StoredEvent>> Events(const std::string& id, const std::string& code);
  absl::StatusOr<std::vector<OutboxRow>> Outbox(const std::string& id);
  absl::StatusOr<std::vector<InboxRow>> Inbox(const std::string& id);
  absl::StatusOr<StoreCounts> Counts(const std::string& id);
  // The content of a paper in the node's blob folder.
  absl::StatusOr<std::string> Blob(const std::string& id, const std::string& sha256) const;

 private:
  struct Member {
    std::string parent;
    std::string units;
    int peer_port = 0;
    std::unique_ptr<testing::NodeProcess> process;
    std::string past_stderr;  // of the runs before the current one
  };
  Member& member(const std::string& id);
  const Member& member(const std::string& id) const;

  absl::Status init_status_;
  testing::TempDir dir_;
  Era era_;
  std::string topology_file_;
  std::string units_files_;
  std::vector<std::string> order_;  // node ids in topology file order
  std::map<std::string, Member> members_;
  std::map<std::pair<std::string, std::string>, std::string> tokens_;
  std::map<std::string, std::pair<std::string, std::shared_ptr<grpc::Channel>>> channels_;
};

// A DeliverHandoff client onto a node's peer port with the given TLS material (PEM texts; an
// empty cert and key present no client certificate); verifies the server against `ca_pem` and
// expects it to name `server_node`.
std::unique_ptr<v1::InterNodeService::Stub> PeerStub(const std::string& address,
                                                     const std::string& server_node,
                                                     const std::string& ca_pem,
                                                     const std::string& cert_pem,
                                                     const std::string& key_pem);

// The file's content ("" when unreadable).
std::string ReadFileOrEmpty(const std::string& path);

// The DeliverHandoffRequest a sender would make for `row`: the hand-off and its papers' contents
// from node `id`'s blob folder.
absl::StatusOr<v1::DeliverHandoffRequest> RequestFor(Cluster& cluster, const std::string& id,
                                                     const OutboxRow& row);

std::chrono::system_clock::time_point DeadlineIn(int seconds);

}  // namespace motcua::multinode

#endif  // MOTCUA_TESTS_MULTINODE_CLUSTER_H_
