#include "tests/multinode/cluster.h"

#include <arpa/inet.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <ostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "storage/blob_store.h"
#include "storage/database.h"

namespace motcua::multinode {
namespace {

absl::Status FromGrpc(const grpc::Status& s, const std::string& what) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      absl::StrCat(what, ": ", s.error_message()));
}

struct Layout {
  std::string id;
  std::string parent;
  std::string units;
};

std::vector<Layout> LayoutOf(Cluster::Era era) {
  if (era == Cluster::Era::k2024) {
    return {{kProvince, "", "25"},
            {kDistrict227, kProvince, "227"},
            {"district-230", kProvince, "230"},
            {kCommune07900, kDistrict227, "07900"},
            {kCommune07894, kDistrict227, "07894"}};
  }
  return {{kProvince, "", "25"},
          {kCommune07900, kProvince, "07900"},
          {kCommune07894, kProvince, "07894"}};
}

absl::StatusOr<std::unique_ptr<storage::Database>> OpenStore(const std::string& data_dir) {
  return storage::Database::Open(data_dir + "/motcua.db", storage::Database::Mode::kReadOnly);
}

}  // namespace

std::chrono::system_clock::time_point DeadlineIn(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

std::vector<int> PickFreePorts(int n) {
  // All sockets stay open until every port is chosen, so the ports are distinct.
  std::vector<int> fds;
  std::vector<int> ports;
  for (int i = 0; i < n; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      if (fd >= 0) close(fd);
      ports.push_back(0);
      continue;
    }
    fds.push_back(fd);
    ports.push_back(ntohs(addr.sin_port));
  }
  for (int fd : fds) close(fd);
  return ports;
}

bool WaitFor(const std::function<bool()>& done, absl::Duration timeout, absl::Duration every) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (done()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(every);
  }
}

testing::CommandResult DevCa(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"/bin/bash", testing::SourceDir() + "/deploy/pki/dev-ca.sh"};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv, 60);
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::ostream& operator<<(std::ostream& os, const StoreCounts& c) {
  return os << "{dossiers " << c.dossiers << ", events " << c.events << ", inbox " << c.inbox
            << ", outbox " << c.outbox << "}";
}

Cluster::Cluster(Era era) : era_(era) {
  const std::string demo = testing::SourceDir() + "/data/demo";
  units_files_ = era == Era::k2024
                     ? demo + "/units-2024.tsv"
                     : absl::StrCat(demo, "/units-2024.tsv,", demo, "/units-2025.tsv");
  const std::vector<Layout> layout = LayoutOf(era);
  const std::vector<int> ports = PickFreePorts(static_cast<int>(layout.size()));
  std::vector<std::string> args = {"cluster", pki_dir()};
  std::string topology =
      "# Written by tests/multinode for one test, on free ports.\n"
      "node\taddress\tparent\tunits\n";
  for (size_t i = 0; i < layout.size(); ++i) {
    if (ports[i] == 0) {
      init_status_ = absl::UnavailableError("could not pick a free port");
      return;
    }
    Member& m = members_[layout[i].id];
    m.parent = layout[i].parent;
    m.units = layout[i].units;
    m.peer_port = ports[i];
    order_.push_back(layout[i].id);
    args.push_back(layout[i].id);
    absl::StrAppend(&topology, layout[i].id, "\t127.0.0.1:", ports[i], "\t", layout[i].parent, "\t",
                    layout[i].units, "\n");
  }
  topology_file_ = dir_.File(era == Era::k2024 ? "phutho-2024.tsv" : "phutho-2025.tsv");
  std::ofstream(topology_file_) << topology;
  testing::CommandResult ca = DevCa(args);
  if (ca.exit_code != 0) {
    init_status_ = absl::InternalError(absl::StrCat("dev-ca.sh cluster: ", ca.err));
  }
}

Cluster::~Cluster() {
  // Resume paused nodes so that the SIGKILL of NodeProcess's destructor is not held up.
  for (auto& [id, m] : members_) {
    if (m.process && m.process->pid() > 0) kill(m.process->pid(), SIGCONT);
  }
}

Cluster::Member& Cluster::member(const std::string& id) { return members_.at(id); }
const Cluster::Member& Cluster::member(const std::string& id) const { return members_.at(id); }

std::string Cluster::PeerAddress(const std::string& id) const {
  return absl::StrCat("127.0.0.1:", member(id).peer_port);
}

std::vector<std::string> Cluster::NodeIds() const { return order_; }

std::vector<std::string> Cluster::NodeArgs(const std::string& id) const {
  return {"--seed-demo",
          "--demo-data",
          testing::SourceDir() + "/data/demo",
          "--node-id",
          id,
          "--topology",
          topology_file_,
          "--topology-units",
          units_files_,
          "--peer-ca",
          CaFile(),
          "--peer-cert",
          CertFile(id),
          "--peer-key",
          KeyFile(id)};
}

absl::Status Cluster::Start(const std::string& id, std::optional<std::vector<std::string>> args) {
  Member& m = member(id);
  if (m.process) {
    if (m.process->pid() > 0) return absl::FailedPreconditionError(id + " is running");
    m.past_stderr += m.process->Stderr();
    m.process.reset();
  }
  auto node = testing::NodeProcess::Start(DataDir(id), args ? *args : NodeArgs(id));
  if (!node.ok()) {
    return absl::Status(node.status().code(),
                        absl::StrCat("starting ", id, ": ", node.status().message()));
  }
  m.process = std::make_unique<testing::NodeProcess>(*std::move(node));
  return absl::OkStatus();
}

void Cluster::Kill(const std::string& id) {
  Member& m = member(id);
  if (m.process && m.process->pid() > 0) {
    kill(m.process->pid(), SIGCONT);
    m.process->Kill();
  }
}

int Cluster::Stop(const std::string& id) {
  Member& m = member(id);
  if (!m.process || m.process->pid() <= 0) return -1;
  kill(m.process->pid(), SIGCONT);
  return m.process->Stop();
}

void Cluster::Pause(const std::string& id) {
  Member& m = member(id);
  if (m.process && m.process->pid() > 0) kill(m.process->pid(), SIGSTOP);
}

void Cluster::Resume(const std::string& id) {
  Member& m = member(id);
  if (m.process && m.process->pid() > 0) kill(m.process->pid(), SIGCONT);
}

bool Cluster::Running(const std::string& id) const {
  const Member& m = member(id);
  return m.process && m.process->pid() > 0;
}

std::string Cluster::Address(const std::string& id) const {
  const Member& m = member(id);
  return m.process ? m.process->address() : "";
}

std::string Cluster::Stderr(const std::string& id) const {
  const Member& m = member(id);
  return m.past_stderr + (m.process ? m.process->Stderr() : "");
}

std::string Cluster::AllStderr() const {
  std::string out;
  for (const auto& id : order_) {
    std::string err = Stderr(id);
    if (err.empty()) continue;
    absl::StrAppend(&out, "---- stderr of ", id, " ----\n", err, "\n");
  }
  return out;
}

std::shared_ptr<grpc::Channel> Cluster::Channel(const std::string& id) {
  const std::string address = Address(id);
  auto& cached = channels_[id];
  if (cached.second == nullptr || cached.first != address) {
    cached = {address, grpc::CreateChannel(address, grpc::InsecureChannelCredentials())};
  }
  return cached.second;
}

absl::StatusOr<std::string> Cluster::Token(const std::string& id, const std::string& user) {
  auto it = tokens_.find({id, user});
  if (it != tokens_.end()) return it->second;
  auto auth = v1::AuthService::NewStub(Channel(id));
  grpc::ClientContext ctx;
  ctx.set_deadline(DeadlineIn(30));
  v1::LoginRequest req;
  req.set_username(user);
  req.set_password(kPassword);
  v1::LoginResponse resp;
  grpc::Status s = auth->Login(&ctx, req, &resp);
  if (!s.ok()) return FromGrpc(s, absl::StrCat("login ", user, " at ", id));
  tokens_[{id, user}] = resp.token();
  return resp.token();
}

std::unique_ptr<grpc::ClientContext> Cluster::Ctx(const std::string& id, const std::string& user,
                                                  int seconds) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(DeadlineIn(seconds));
  auto token = Token(id, user);
  if (token.ok()) ctx->AddMetadata("authorization", "Bearer " + *token);
  return ctx;
}

absl::StatusOr<std::string> Cluster::Receive(const std::string& id, const std::string& request_id,
                                             const std::string& unit,
                                             const std::string& competent_unit) {
  v1::CreateDossierRequest req;
  auto* d = req.mutable_dossier();
  d->set_procedure(absl::StrCat("procedures/", kProcedure));
  d->set_channel(v1::CHANNEL_IN_PERSON);
  d->set_receiving_unit(unit);
  d->set_competent_unit(competent_unit);
  d->mutable_applicant()->set_name("Nguyễn Văn An");
  d->mutable_applicant()->set_id_number("025090000001");
  d->set_summary(absl::StrCat("Hồ sơ liên thông kiểm thử ", request_id));
  for (const char* c : {"TK", "GTTT"}) {
    auto* a = d->add_attachments();
    a->set_component_code(c);
    a->set_file_name(absl::StrCat(c, ".pdf"));
    a->set_content(absl::StrCat("%PDF-1.4 giấy tờ ", c, " của ", request_id));
  }
  req.set_request_id(request_id);
  auto intake = v1::IntakeService::NewStub(Channel(id));
  v1::CreateDossierResponse resp;
  grpc::Status s = intake->CreateDossier(Ctx(id, "clerk." + unit).get(), req, &resp);
  if (!s.ok()) return FromGrpc(s, absl::StrCat("receive ", request_id, " at ", id));
  if (resp.outcome() != v1::CreateDossierResponse::RECEIVED || resp.dossier().code().empty()) {
    return absl::InternalError(
        absl::StrCat("receive ", request_id, ": outcome ", resp.outcome(), "\n", resp.form_text()));
  }
  return resp.dossier().code();
}

absl::Status Cluster::Decide(const std::string& id, const std::string& code,
                             const std::string& unit) {
  auto routing = v1::RoutingService::NewStub(Channel(id));
  const std::string name = "dossiers/" + code;
  v1::Dossier out;
  {
    v1::AssignDossierRequest req;
    req.set_name(name);
    req.set_assignee("specialist." + unit);
    grpc::Status s = routing->AssignDossier(Ctx(id, "leader." + unit).get(), req, &out);
    if (!s.ok()) return FromGrpc(s, "assign " + code);
  }
  {
    v1::DossierActionRequest req;
    req.set_name(name);
    grpc::Status s = routing->ApproveDossier(Ctx(id, "leader." + unit).get(), req, &out);
    if (!s.ok()) return FromGrpc(s, "approve " + code);
  }
  {
    v1::DossierActionRequest req;
    req.set_name(name);
    grpc::Status s = routing->IssueResult(Ctx(id, "clerical." + unit).get(), req, &out);
    if (!s.ok()) return FromGrpc(s, "issue " + code);
  }
  if (out.state() != v1::Dossier::RESOLVED) {
    return absl::InternalError(absl::StrCat("issue ", code, ": state ", out.state()));
  }
  return absl::OkStatus();
}

absl::Status Cluster::ReturnResult(const std::string& id, const std::string& code,
                                   const std::string& unit) {
  auto routing = v1::RoutingService::NewStub(Channel(id));
  v1::ReturnResultRequest req;
  req.set_name("dossiers/" + code);
  req.set_delivery(v1::Dossier::DESK);
  v1::Dossier out;
  grpc::Status s = routing->ReturnResult(Ctx(id, "clerk." + unit).get(), req, &out);
  if (!s.ok()) return FromGrpc(s, "return " + code);
  if (out.state() != v1::Dossier::RETURNED) {
    return absl::InternalError(absl::StrCat("return ", code, ": state ", out.state()));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Dossier> Cluster::GetDossier(const std::string& id, const std::string& user,
                                                const std::string& code) {
  auto intake = v1::IntakeService::NewStub(Channel(id));
  v1::GetDossierRequest req;
  req.set_name("dossiers/" + code);
  v1::Dossier d;
  grpc::Status s = intake->GetDossier(Ctx(id, user).get(), req, &d);
  if (!s.ok()) return FromGrpc(s, absl::StrCat("get ", code, " at ", id));
  return d;
}

absl::StatusOr<v1::ListDossierEventsResponse> Cluster::History(const std::string& id,
                                                               const std::string& code) {
  auto intake = v1::IntakeService::NewStub(Channel(id));
  v1::ListDossierEventsRequest req;
  req.set_parent("dossiers/" + code);
  v1::ListDossierEventsResponse resp;
  grpc::Status s = intake->ListDossierEvents(Ctx(id, "admin").get(), req, &resp);
  if (!s.ok()) return FromGrpc(s, absl::StrCat("history of ", code, " at ", id));
  return resp;
}

absl::StatusOr<v1::VerifyEventChainsResponse> Cluster::VerifyChains(const std::string& id) {
  auto intake = v1::IntakeService::NewStub(Channel(id));
  v1::VerifyEventChainsResponse resp;
  grpc::Status s =
      intake->VerifyEventChains(Ctx(id, "admin", 30).get(), v1::VerifyEventChainsRequest(), &resp);
  if (!s.ok()) return FromGrpc(s, "verify at " + id);
  return resp;
}

absl::StatusOr<std::map<std::string, StoredDossier>> Cluster::Dossiers(const std::string& id) {
  auto db = OpenStore(DataDir(id));
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT code, status, held_by, home_node, receiving_unit, competent_unit FROM dossiers");
  if (!st.ok()) return st.status();
  std::map<std::string, StoredDossier> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    StoredDossier d;
    d.code = (*st)->ColumnString(0);
    d.status = static_cast<int>((*st)->ColumnInt64(1));
    d.held_by = (*st)->ColumnString(2);
    d.home_node = (*st)->ColumnString(3);
    d.receiving_unit = (*st)->ColumnString(4);
    d.competent_unit = (*st)->ColumnString(5);
    out[d.code] = d;
  }
  return out;
}

absl::StatusOr<std::vector<StoredEvent>> Cluster::Events(const std::string& id,
                                                         const std::string& code) {
  auto db = OpenStore(DataDir(id));
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT seq, actor, unit, action, status_after, prev_hash, hash FROM dossier_events "
      "WHERE code = ?1 ORDER BY seq");
  if (!st.ok()) return st.status();
  (*st)->Bind(1, code);
  std::vector<StoredEvent> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    StoredEvent e;
    e.seq = (*st)->ColumnInt64(0);
    e.actor = (*st)->ColumnString(1);
    e.unit = (*st)->ColumnString(2);
    e.action = (*st)->ColumnString(3);
    e.status_after = static_cast<int>((*st)->ColumnInt64(4));
    e.prev_hash = (*st)->ColumnString(5);
    e.hash = (*st)->ColumnString(6);
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::vector<OutboxRow>> Cluster::Outbox(const std::string& id) {
  auto db = OpenStore(DataDir(id));
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT id, key, kind, dossier_code, origin_node, destination_node, next_hop, payload, "
      "attempts, last_error, delivered_time IS NOT NULL FROM handoff_outbox ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<OutboxRow> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    OutboxRow r;
    r.id = (*st)->ColumnInt64(0);
    r.key = (*st)->ColumnString(1);
    r.kind = static_cast<int>((*st)->ColumnInt64(2));
    r.dossier_code = (*st)->ColumnString(3);
    r.origin_node = (*st)->ColumnString(4);
    r.destination_node = (*st)->ColumnString(5);
    r.next_hop = (*st)->ColumnString(6);
    r.payload = (*st)->ColumnString(7);
    r.attempts = static_cast<int>((*st)->ColumnInt64(8));
    r.last_error = (*st)->ColumnString(9);
    r.delivered = (*st)->ColumnInt64(10) != 0;
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<std::vector<InboxRow>> Cluster::Inbox(const std::string& id) {
  auto db = OpenStore(DataDir(id));
  if (!db.ok()) return db.status();
  auto st = (*db)->Prepare(
      "SELECT key, kind, dossier_code, origin_node, destination_node, peer_node FROM "
      "handoff_inbox ORDER BY receive_time, key");
  if (!st.ok()) return st.status();
  std::vector<InboxRow> out;
  while (true) {
    auto row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    InboxRow r;
    r.key = (*st)->ColumnString(0);
    r.kind = static_cast<int>((*st)->ColumnInt64(1));
    r.dossier_code = (*st)->ColumnString(2);
    r.origin_node = (*st)->ColumnString(3);
    r.destination_node = (*st)->ColumnString(4);
    r.peer_node = (*st)->ColumnString(5);
    out.push_back(std::move(r));
  }
  return out;
}

absl::StatusOr<StoreCounts> Cluster::Counts(const std::string& id) {
  auto db = OpenStore(DataDir(id));
  if (!db.ok()) return db.status();
  StoreCounts c;
  for (auto [sql, field] : std::vector<std::pair<const char*, int64_t*>>{
           {"SELECT COUNT(*) FROM dossiers", &c.dossiers},
           {"SELECT COUNT(*) FROM dossier_events", &c.events},
           {"SELECT COUNT(*) FROM handoff_inbox", &c.inbox},
           {"SELECT COUNT(*) FROM handoff_outbox", &c.outbox}}) {
    auto n = (*db)->QueryInt(sql);
    if (!n.ok()) return n.status();
    *field = *n;
  }
  return c;
}

absl::StatusOr<std::string> Cluster::Blob(const std::string& id, const std::string& sha256) const {
  return storage::BlobStore(DataDir(id) + "/blobs").Get(sha256);
}

std::unique_ptr<v1::InterNodeService::Stub> PeerStub(const std::string& address,
                                                     const std::string& server_node,
                                                     const std::string& ca_pem,
                                                     const std::string& cert_pem,
                                                     const std::string& key_pem) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ca_pem;
  options.pem_cert_chain = cert_pem;
  options.pem_private_key = key_pem;
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride(server_node);
  // A fresh connection per stub: a refused handshake must not be hidden by a shared subchannel.
  static std::atomic<int> channel_number{0};
  args.SetInt("motcua.test.unique_channel", ++channel_number);
  return v1::InterNodeService::NewStub(
      grpc::CreateCustomChannel(address, grpc::SslCredentials(options), args));
}

absl::StatusOr<v1::DeliverHandoffRequest> RequestFor(Cluster& cluster, const std::string& id,
                                                     const OutboxRow& row) {
  v1::DeliverHandoffRequest req;
  if (!req.mutable_handoff()->ParseFromString(row.payload)) {
    return absl::DataLossError("outbox payload of " + row.key + " does not parse");
  }
  for (const auto& paper : req.handoff().dossier().attachments()) {
    auto content = cluster.Blob(id, paper.sha256());
    if (!content.ok()) return content.status();
    auto* f = req.add_files();
    f->set_sha256(paper.sha256());
    f->set_content(*std::move(content));
  }
  return req;
}

}  // namespace motcua::multinode
