// motcua-bench: how close motcua gets to this machine's ceilings, measured in one run with one
// load client. Ceilings: a raw gRPC unary echo server (callback API) and a raw SQLite
// group-commit insert loop with motcua's durability settings. Then a real motcuad over loopback:
// intake, get_dossier, worklist, transition, due_date (in-process), handoff (two real motcuad
// nodes over mutual TLS: intake at a commune, each dossier handed to the province), portal_sync
// (a real motcua-sync draining the node's outbox into a real motcua-portal-sim), a province year,
// and with --million motcuad's resident memory with 1,000,000 dossiers stored. --only runs a few.
// The servers run pinned to CPU 1, the client (and motcua-sync) to CPU 0.
#include <arpa/inet.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/server_builder.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clients/loadgen/closed_loop.h"
#include "echo.grpc.pb.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "motcua/v1/tracking_service.grpc.pb.h"
#include "services/calendar/due_date.h"
#include "services/calendar/working_calendar.h"
#include "services/common/flag_parser.h"
#include "storage/database.h"
#include "storage/transaction.h"

namespace motcua::loadgen {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::string name;
  double ops_per_s = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double ceiling = 0;
  std::string note;
  double Ratio() const { return ceiling > 0 ? ops_per_s / ceiling : 0; }
};

void PinToCpu(int cpu) {
  if (std::thread::hardware_concurrency() < 2) return;
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof(set), &set);
}

std::string SelfPath() { return fs::read_symlink("/proc/self/exe").string(); }

// A child process pinned to CPU 1 that prints "listening on HOST:PORT".
struct Child {
  pid_t pid = -1;
  std::string address;
  std::string out_path;
  ~Child() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      int status;
      waitpid(pid, &status, 0);
    }
  }
};

// Starts `argv` pinned to CPU 1 and waits for its "listening on HOST:PORT" line (and, when
// `also_wait_for` is set, for a line starting with it: motcuad's "peer listening on ").
std::unique_ptr<Child> SpawnServer(const std::vector<std::string>& argv, const std::string& dir,
                                   const std::string& also_wait_for = "") {
  auto child = std::make_unique<Child>();
  child->out_path = dir + "/server.out";
  std::string err_path = dir + "/server.err";
  child->pid = fork();
  if (child->pid == 0) {
    PinToCpu(1);
    freopen(child->out_path.c_str(), "w", stdout);
    freopen(err_path.c_str(), "w", stderr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  for (int i = 0; i < 600; ++i) {
    std::ifstream in(child->out_path);
    std::string line;
    if (std::getline(in, line) && line.rfind("listening on ", 0) == 0) {
      const std::string address = line.substr(13);
      bool ready = also_wait_for.empty();
      while (!ready && std::getline(in, line)) ready = line.rfind(also_wait_for, 0) == 0;
      if (ready) {
        child->address = address;
        return child;
      }
    }
    int status;
    if (waitpid(child->pid, &status, WNOHANG) == child->pid) {
      child->pid = -1;
      std::cerr << "motcua-bench: server " << argv[0] << " exited; see " << err_path << "\n";
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::cerr << "motcua-bench: server " << argv[0] << " did not start\n";
  return nullptr;
}

// A field of /proc/PID/status in kB ("VmRSS:", "VmHWM:"); 0 when missing.
int64_t ProcStatusKb(pid_t pid, const std::string& field) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) {
      int64_t kb = 0;
      std::istringstream(line.substr(field.size())) >> kb;
      return kb;
    }
  }
  return 0;
}

int64_t PeakRssKb(pid_t pid) { return ProcStatusKb(pid, "VmHWM:"); }

double KbToMb(int64_t kb) { return static_cast<double>(kb) / 1024.0; }

// Runs a program to its end, pinned to `cpu`, its output in DIR/NAME.out and DIR/NAME.err.
struct ProcessResult {
  int exit_code = -1;  // -1: could not start or was killed by a signal
  absl::Duration elapsed;
  std::string out;       // the whole stdout
  std::string last_err;  // the last non-empty line of stderr
};

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& dir,
                         const std::string& name, int cpu) {
  ProcessResult result;
  const std::string out_path = dir + "/" + name + ".out";
  const std::string err_path = dir + "/" + name + ".err";
  const absl::Time begin = absl::Now();
  pid_t pid = fork();
  if (pid == 0) {
    PinToCpu(cpu);
    freopen(out_path.c_str(), "w", stdout);
    freopen(err_path.c_str(), "w", stderr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  }
  result.elapsed = absl::Now() - begin;
  std::ifstream out(out_path);
  std::stringstream buffer;
  buffer << out.rdbuf();
  result.out = buffer.str();
  std::ifstream err(err_path);
  std::string line;
  while (std::getline(err, line)) {
    if (!line.empty()) result.last_err = line;
  }
  return result;
}

// Read-only questions to a node's store (motcuad keeps serving; WAL readers do not block it).
absl::StatusOr<int64_t> QueryStore(const std::string& data_dir, const std::string& sql) {
  auto db = storage::Database::Open(data_dir + "/motcua.db", storage::Database::Mode::kReadOnly);
  if (!db.ok()) return db.status();
  return (*db)->QueryInt(sql);
}

int64_t DirBytes(const std::string& dir) {
  int64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += static_cast<int64_t>(e.file_size());
  }
  return total;
}

// ---- the echo server (ceiling) ----

class EchoImpl final : public bench::EchoService::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* ctx, const bench::EchoMessage* req,
                                 bench::EchoMessage* resp) override {
    resp->set_payload(req->payload());
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

int ServeEcho() {
  EchoImpl service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  std::printf("listening on 127.0.0.1:%d\n", port);
  std::fflush(stdout);
  server->Wait();
  return 0;
}

// ---- calls ----

template <typename Req, typename Resp>
struct Call {
  grpc::ClientContext ctx;
  Req req;
  Resp resp;
};

std::string Login(const std::shared_ptr<grpc::Channel>& channel, const std::string& user) {
  auto stub = v1::AuthService::NewStub(channel);
  grpc::ClientContext ctx;
  v1::LoginRequest req;
  req.set_username(user);
  req.set_password("motcua-demo");
  v1::LoginResponse resp;
  grpc::Status s = stub->Login(&ctx, req, &resp);
  if (!s.ok()) {
    std::cerr << "motcua-bench: login " << user << ": " << s.error_message() << "\n";
    return "";
  }
  return resp.token();
}

// A dossier received at Phường Việt Trì (07900). `competent_unit` empty: the desk's own unit
// decides it (procedure 1.004837); "25" with procedure 2.000635: the province does (liên thông).
v1::CreateDossierRequest IntakeRequest(int64_t i, bool online,
                                       const std::string& procedure = "1.004837",
                                       const std::string& competent_unit = "") {
  v1::CreateDossierRequest req;
  auto* d = req.mutable_dossier();
  d->set_procedure("procedures/" + procedure);
  d->set_channel(online ? v1::CHANNEL_ONLINE : v1::CHANNEL_IN_PERSON);
  d->set_receiving_unit("07900");
  if (!competent_unit.empty()) d->set_competent_unit(competent_unit);
  d->mutable_applicant()->set_name("Nguyễn Văn An");
  d->mutable_applicant()->set_id_number("025090000001");
  d->set_summary(absl::StrCat("Hồ sơ thử tải số ", i));
  for (const char* c : {"TK", "GTTT"}) {
    auto* a = d->add_attachments();
    a->set_component_code(c);
    a->set_file_name(absl::StrCat(c, ".pdf"));
    a->set_content(absl::StrCat("bench ", c));
  }
  return req;
}

// ---- ceilings ----

Row EchoCeiling(const std::string& address, const LoadOptions& opts) {
  auto channel = grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto stub = bench::EchoService::NewStub(channel);
  std::string payload(200, 'x');
  auto r = RunClosedLoop("echo", opts, [&](int64_t, std::function<void(std::string)> done) {
    auto* call = new Call<bench::EchoMessage, bench::EchoMessage>();
    call->req.set_payload(payload);
    stub->async()->Echo(&call->ctx, &call->req, &call->resp, [call, done](grpc::Status s) {
      // The call is freed before the loop hears of it: the loop may return at once.
      std::string error = s.ok() ? "" : s.error_message();
      delete call;
      done(std::move(error));
    });
  });
  return {"raw_grpc_echo", r.ops_per_s, r.p50_ms, r.p99_ms, 0, "ceiling"};
}

Row SqliteCeiling(const std::string& dir, int batch, absl::Duration duration) {
  auto db = storage::Database::Open(dir + "/raw.db", storage::Database::Mode::kReadWrite);
  if (!db.ok()) return {"raw_sqlite", 0, 0, 0, 0, std::string(db.status().message())};
  (*db)->Exec("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)").IgnoreError();
  std::vector<absl::Duration> latencies;
  int64_t rows = 0;
  absl::Time begin = absl::Now();
  while (absl::Now() - begin < duration) {
    absl::Time t0 = absl::Now();
    auto tx = storage::Transaction::Begin(**db);
    for (int i = 0; i < batch; ++i) {
      auto st = (*db)->Prepare("INSERT INTO t(v) VALUES(?1)");
      (*st)->Bind(1, std::string(300, 'x')).Run().IgnoreError();
    }
    tx->Commit().IgnoreError();
    latencies.push_back(absl::Now() - t0);
    rows += batch;
  }
  double secs = absl::ToDoubleSeconds(absl::Now() - begin);
  return {absl::StrCat("raw_sqlite_commit_x", batch),
          rows / secs,
          PercentileMs(latencies, 50),
          PercentileMs(latencies, 99),
          0,
          "ceiling (rows/s, WAL + synchronous=FULL)"};
}

Row DueDateBench(absl::Duration duration) {
  auto cal = calendar::WorkingCalendar::Create();
  if (!cal.ok()) return {"due_date", 0, 0, 0, 1e6, "calendar failed"};
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> secs(1577836800, 1893456000);  // 2020–2030
  std::uniform_int_distribution<int> days(1, 60);
  int64_t n = 0;
  int64_t sink = 0;
  absl::Time begin = absl::Now();
  while (absl::Now() - begin < duration) {
    for (int i = 0; i < 10000; ++i) {
      auto due = calendar::ComputeDueTime(*cal, absl::FromUnixSeconds(secs(rng)),
                                          calendar::TimeLimit::WorkingDays(days(rng)));
      if (due.ok()) sink += absl::ToUnixSeconds(*due);
    }
    n += 10000;
  }
  double s = absl::ToDoubleSeconds(absl::Now() - begin);
  Row r{"due_date", n / s, 0, 0, 1e6, "in-process, one core; ceiling = the 1 M/s target"};
  r.p50_ms = r.p99_ms = 1000.0 / r.ops_per_s;
  if (sink == 42) std::cerr << "";
  return r;
}

// ---- motcuad ----

struct Node {
  std::shared_ptr<grpc::Channel> channel;
  std::string clerk, leader, citizen, specialist, clerical;
  std::unique_ptr<v1::IntakeService::Stub> intake;
  std::unique_ptr<v1::RoutingService::Stub> routing;
  std::unique_ptr<v1::TrackingService::Stub> tracking;
};

void Authorize(grpc::ClientContext* ctx, const std::string& token) {
  ctx->AddMetadata("authorization", "Bearer " + token);
}

Row IntakeBench(Node& node, const LoadOptions& opts, std::vector<std::string>* codes) {
  std::mutex mu;
  auto r = RunClosedLoop("intake", opts, [&](int64_t i, std::function<void(std::string)> done) {
    auto* call = new Call<v1::CreateDossierRequest, v1::CreateDossierResponse>();
    Authorize(&call->ctx, node.clerk);
    call->req = IntakeRequest(i, false);
    node.intake->async()->CreateDossier(&call->ctx, &call->req, &call->resp,
                                        [call, done, codes, &mu](grpc::Status s) {
                                          if (s.ok()) {
                                            std::lock_guard<std::mutex> lock(mu);
                                            codes->push_back(call->resp.dossier().code());
                                          }
                                          // The call is freed before the loop hears of it: the loop
                                          // may return at once.
                                          std::string error = s.ok() ? "" : s.error_message();
                                          delete call;
                                          done(std::move(error));
                                        });
  });
  return {"intake", r.ops_per_s,
          r.p50_ms, r.p99_ms,
          0,        r.failed ? "errors: " + r.first_error : "durable, acknowledged after commit"};
}

Row GetBench(Node& node, const LoadOptions& opts, const std::vector<std::string>& codes) {
  auto r =
      RunClosedLoop("get_dossier", opts, [&](int64_t i, std::function<void(std::string)> done) {
        auto* call = new Call<v1::GetDossierRequest, v1::Dossier>();
        Authorize(&call->ctx, node.clerk);
        call->req.set_name("dossiers/" + codes[static_cast<size_t>(i) % codes.size()]);
        node.intake->async()->GetDossier(&call->ctx, &call->req, &call->resp,
                                         [call, done](grpc::Status s) {
                                           // The call is freed before the loop hears of it: the
                                           // loop may return at once.
                                           std::string error = s.ok() ? "" : s.error_message();
                                           delete call;
                                           done(std::move(error));
                                         });
      });
  return {"get_dossier", r.ops_per_s, r.p50_ms,
          r.p99_ms,      0,           r.failed ? "errors: " + r.first_error : ""};
}

Row WorklistBench(Node& node, const LoadOptions& opts) {
  auto r = RunClosedLoop("worklist", opts, [&](int64_t, std::function<void(std::string)> done) {
    auto* call = new Call<v1::ListWorklistRequest, v1::ListWorklistResponse>();
    Authorize(&call->ctx, node.leader);
    call->req.set_view(v1::ListWorklistRequest::MINE);
    call->req.set_page_size(20);
    node.tracking->async()->ListWorklist(&call->ctx, &call->req, &call->resp,
                                         [call, done](grpc::Status s) {
                                           // The call is freed before the loop hears of it: the
                                           // loop may return at once.
                                           std::string error = s.ok() ? "" : s.error_message();
                                           delete call;
                                           done(std::move(error));
                                         });
  });
  return {"worklist", r.ops_per_s, r.p50_ms,
          r.p99_ms,   0,           r.failed ? "errors: " + r.first_error : "20 dossiers per page"};
}

Row TransitionBench(Node& node, const LoadOptions& opts, const std::vector<std::string>& codes) {
  auto r = RunClosedLoop("transition", opts, [&](int64_t i, std::function<void(std::string)> done) {
    auto* call = new Call<v1::AssignDossierRequest, v1::Dossier>();
    Authorize(&call->ctx, node.leader);
    call->req.set_name("dossiers/" + codes[static_cast<size_t>(i) % codes.size()]);
    call->req.set_assignee("specialist.07900");
    node.routing->async()->AssignDossier(&call->ctx, &call->req, &call->resp,
                                         [call, done](grpc::Status s) {
                                           // The call is freed before the loop hears of it: the
                                           // loop may return at once.
                                           std::string error = s.ok() ? "" : s.error_message();
                                           delete call;
                                           done(std::move(error));
                                         });
  });
  return {"transition",
          r.ops_per_s,
          r.p50_ms,
          r.p99_ms,
          0,
          r.failed ? "errors: " + r.first_error : "assign: state change + event + outbox"};
}

// ---- the national-portal sync ----

struct SyncSettings {
  int concurrency = 16;  // motcua-sync --concurrency (its default is 4)
  int rate = 10000;      // motcua-sync --rate, calls started per second (its default is 20)
  int batch_size = 10;   // motcua-sync --batch-size (its default)
  int max_time_s = 600;  // motcua-sync --max-time
};

// The outbox as the sync job will find it: pending events, the dossiers they belong to, and the
// portal calls that take (one DongBoHoSoMC per dossier, one CapNhatTienDoHoSoMC per batch).
struct OutboxCounts {
  int64_t pending = 0;
  int64_t dead = 0;
  int64_t dossiers = 0;
  int64_t calls = 0;
};

absl::StatusOr<OutboxCounts> CountOutbox(const std::string& data_dir, int batch_size) {
  OutboxCounts c;
  const std::string per_dossier =
      "(SELECT count(*) AS n FROM sync_outbox WHERE state = 0 GROUP BY dossier_code)";
  for (auto [target, sql] : std::vector<std::pair<int64_t*, std::string>>{
           {&c.pending, "SELECT count(*) FROM sync_outbox WHERE state = 0"},
           {&c.dead, "SELECT count(*) FROM sync_outbox WHERE state = 2"},
           {&c.dossiers, "SELECT count(*) FROM " + per_dossier},
           {&c.calls, absl::StrCat("SELECT coalesce(sum(1 + (n + ", batch_size - 1, ") / ",
                                   batch_size, "), 0) FROM ", per_dossier)}}) {
    auto v = QueryStore(data_dir, sql);
    if (!v.ok()) return v.status();
    *target = *v;
  }
  return c;
}

// Drains the node's outbox into a real motcua-portal-sim with a real `motcua-sync --once`, a
// process of its own beside the running motcuad (as the README runs it in production), and
// reports events synced per second. The simulator is pinned to CPU 1 like the other servers; the
// sync job to CPU 0, where the load client sits idle meanwhile. motcua-sync reports no per-call
// latency: p50/p99 stay 0 and the note gives the mean implied by Little's law.
Row PortalSyncBench(const std::string& bin_dir, const std::string& dir,
                    const std::string& node_data, const SyncSettings& settings) {
  Row row{"portal_sync", 0, 0, 0, 0, ""};
  auto fail = [&row](const std::string& why) {
    row.note = "errors: " + why;
    return row;
  };
  fs::create_directories(dir + "/sim");
  const std::string credentials = dir + "/portal.json";
  {
    std::ofstream out(credentials);
    out << R"({"username": "motcua.bench", "password": "bench"})"
        << "\n";
    if (!out) return fail("cannot write " + credentials);
  }
  auto before = CountOutbox(node_data, settings.batch_size);
  if (!before.ok()) return fail(absl::StrCat("reading the outbox: ", before.status().message()));
  if (before->pending == 0) return fail("the node's outbox is empty: nothing to sync");
  auto sim =
      SpawnServer({bin_dir + "/motcua-portal-sim", "--data-dir", dir + "/sim/data", "--credentials",
                   credentials, "--listen", "127.0.0.1:0", "--log-level", "warning"},
                  dir + "/sim");
  if (!sim) return fail("motcua-portal-sim did not start (see " + dir + "/sim/server.err)");
  auto run =
      RunProcess({bin_dir + "/motcua-sync", "--data-dir", node_data, "--portal-url",
                  "http://" + sim->address, "--portal-credentials", credentials, "--once",
                  "--concurrency", absl::StrCat(settings.concurrency), "--rate",
                  absl::StrCat(settings.rate), "--batch-size", absl::StrCat(settings.batch_size),
                  "--max-time", absl::StrCat(settings.max_time_s), "--log-level", "warning"},
                 dir, "sync", 0);
  sim.reset();
  int64_t synced = -1, records = -1, dead_letters = -1;
  {
    std::istringstream lines(run.out);
    std::string line;
    while (std::getline(lines, line)) {
      long long a = 0, b = 0, c = 0;
      if (std::sscanf(line.c_str(),
                      "synced %lld event(s) of %lld dossier record(s); dead letters %lld", &a, &b,
                      &c) == 3) {
        synced = a;
        records = b;
        dead_letters = c;
      }
    }
  }
  if (run.exit_code != 0) {
    return fail(absl::StrCat("motcua-sync --once exited ", run.exit_code, ": ",
                             run.last_err.empty() ? run.out : run.last_err));
  }
  if (synced < 0) return fail("motcua-sync printed no \"synced ...\" line: " + run.out);
  auto after = CountOutbox(node_data, settings.batch_size);
  if (!after.ok()) return fail(absl::StrCat("reading the outbox: ", after.status().message()));
  if (synced != before->pending || after->pending != 0 || dead_letters != 0 ||
      after->dead != before->dead) {
    return fail(absl::StrFormat("%d of %d events synced, %d still pending, %d dead letters", synced,
                                before->pending, after->pending, dead_letters));
  }
  const double secs = absl::ToDoubleSeconds(run.elapsed);
  const double calls_per_s = static_cast<double>(before->calls) / secs;
  row.ops_per_s = static_cast<double>(synced) / secs;
  row.note = absl::StrFormat(
      "events/s: %d events of %d dossiers (%d record + history calls, %.0f calls/s) in %.1f s; "
      "motcua-sync --once beside motcuad, concurrency %d, rate limit raised to %d/s (default "
      "20), batch %d; no per-call latency (mean ~%.1f ms by Little's law)",
      synced, records, before->calls, calls_per_s, secs, settings.concurrency, settings.rate,
      settings.batch_size, 1000.0 * settings.concurrency / calls_per_s);
  return row;
}

// ---- liên thông: hand-offs between two nodes ----

// `n` distinct loopback ports that were free a moment ago (each bound to port 0, then released
// together so that no two are the same).
absl::StatusOr<std::vector<int>> FreeLoopbackPorts(int n) {
  std::vector<int> fds, ports;
  absl::Status status;
  for (int i = 0; i < n && status.ok(); ++i) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
      status = absl::InternalError(absl::StrCat("socket: ", std::strerror(errno)));
      break;
    }
    fds.push_back(fd);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
      status = absl::InternalError(absl::StrCat("binding 127.0.0.1:0: ", std::strerror(errno)));
      break;
    }
    ports.push_back(ntohs(addr.sin_port));
  }
  for (const int fd : fds) close(fd);
  if (!status.ok()) return status;
  return ports;
}

// False once the child has exited (it is then reaped and forgotten).
bool Alive(Child& child) {
  if (child.pid <= 0) return false;
  int status;
  if (waitpid(child.pid, &status, WNOHANG) == child.pid) {
    child.pid = -1;
    return false;
  }
  return true;
}

// The first column of the first row of `sql` as text, read-only; "" when there is no row.
std::string QueryStoreText(const std::string& data_dir, const std::string& sql) {
  auto db = storage::Database::Open(data_dir + "/motcua.db", storage::Database::Mode::kReadOnly);
  if (!db.ok()) return std::string(db.status().message());
  auto st = (*db)->Prepare(sql);
  if (!st.ok()) return std::string(st.status().message());
  auto row = (*st)->Step();
  if (!row.ok()) return std::string(row.status().message());
  return *row ? (*st)->ColumnString(0) : "";
}

constexpr absl::Duration kInboxPoll = absl::Milliseconds(5);

// Liên thông between two real motcuad nodes of a two-tier topology — province (serves unit 25)
// and commune-07900 (serves Phường Việt Trì) — talking mutual TLS with a dev CA made by
// deploy/pki/dev-ca.sh, each with its own store, both pinned to CPU 1. The load client (CPU 0)
// receives dossiers at the commune's desk (clerk.07900) for the province's competent unit 25
// (procedure 2.000635), closed loop for `opts.duration`; the commune's delivery loop hands each
// one to the province. A thread of the client polls the province's store read-only every 5 ms
// for the rows of its hand-off inbox (committed before the province acknowledges).
//   ops/s: hand-offs committed at the province / time from the first intake call to the poll
//          that saw the last of them.
//   p50/p99: the k-th intake acknowledged at the commune against the first poll that saw k rows
//          in the province's inbox (a link delivers in order), so it includes the wait behind
//          the backlog the intake builds, and up to one poll interval.
// The row gives up `2 × duration + 30 s` after the first intake and then says `errors: ...`.
Row HandoffBench(const std::string& bin_dir, const std::string& source_dir, const std::string& dir,
                 const LoadOptions& opts) {
  Row row{"handoff", 0, 0, 0, 0, ""};
  auto fail = [&row](const std::string& why) {
    row.note = "errors: " + why;
    return row;
  };
  const std::string dev_ca = source_dir + "/deploy/pki/dev-ca.sh";
  const std::string units =
      source_dir + "/data/demo/units-2024.tsv," + source_dir + "/data/demo/units-2025.tsv";
  if (!fs::exists(dev_ca)) return fail(dev_ca + " not found (--source-dir)");
  fs::create_directories(dir);
  const std::string pki = dir + "/pki";
  auto ca = RunProcess({"/bin/bash", dev_ca, "cluster", pki, "province", "commune-07900", "--name",
                        "motcua bench CA"},
                       dir, "dev-ca", 0);
  if (ca.exit_code != 0) {
    return fail(absl::StrCat("dev-ca.sh exited ", ca.exit_code, ": ", ca.last_err));
  }
  auto ports = FreeLoopbackPorts(2);
  if (!ports.ok()) return fail(std::string(ports.status().message()));
  const std::string topology = dir + "/topology.tsv";
  {
    std::ofstream out(topology);
    out << "# motcua-bench handoff: two tiers, peer ports picked free on loopback\n"
        << "node\taddress\tparent\tunits\n"
        << "province\t127.0.0.1:" << (*ports)[0] << "\t\t25\n"
        << "commune-07900\t127.0.0.1:" << (*ports)[1] << "\tprovince\t07900\n";
    if (!out) return fail("cannot write " + topology);
  }
  auto start = [&](const std::string& node) {
    const std::string home = dir + "/" + node;
    fs::create_directories(home);
    std::vector<std::string> argv = {bin_dir + "/motcuad", "--data-dir",  home + "/data",
                                     "--listen",           "127.0.0.1:0", "--seed-demo",
                                     "--log-level",        "warning"};
    argv.insert(argv.end(), {"--node-id", node, "--topology", topology, "--topology-units", units});
    argv.insert(argv.end(), {"--peer-ca", pki + "/ca.pem", "--peer-cert", pki + "/" + node + ".pem",
                             "--peer-key", pki + "/" + node + ".key"});
    return SpawnServer(argv, home, "peer listening on ");
  };
  auto province = start("province");
  if (!province) return fail("the province's motcuad did not start (see " + dir + "/province)");
  auto commune = start("commune-07900");
  if (!commune) return fail("the commune's motcuad did not start (see " + dir + "/commune-07900)");
  const std::string province_data = dir + "/province/data";
  const std::string commune_data = dir + "/commune-07900/data";

  grpc::ChannelArguments channel_args;
  channel_args.SetMaxSendMessageSize(64 << 20);
  auto channel =
      grpc::CreateCustomChannel(commune->address, grpc::InsecureChannelCredentials(), channel_args);
  const std::string clerk = Login(channel, "clerk.07900");
  if (clerk.empty()) return fail("cannot log in as clerk.07900 at the commune");
  auto intake = v1::IntakeService::NewStub(channel);

  auto inbox =
      storage::Database::Open(province_data + "/motcua.db", storage::Database::Mode::kReadOnly);
  if (!inbox.ok()) return fail(std::string(inbox.status().message()));
  const std::string count_sql = "SELECT count(*) FROM handoff_inbox";
  auto base = (*inbox)->QueryInt(count_sql);
  if (!base.ok()) return fail(std::string(base.status().message()));

  // The poller alone writes `arrivals` until it is joined; `seen` is read by this thread.
  std::atomic<int64_t> seen{0};
  std::atomic<bool> stop{false};
  std::vector<std::pair<absl::Time, int64_t>> arrivals;  // when the inbox first held N rows
  std::string poll_error;
  std::thread poller([&] {
    while (!stop.load()) {
      auto n = (*inbox)->QueryInt(count_sql);
      const absl::Time t = absl::Now();  // after the read: never before the commit it saw
      if (!n.ok()) {
        poll_error = std::string(n.status().message());
        return;
      }
      if (*n - *base > seen.load()) {
        arrivals.emplace_back(t, *n - *base);
        seen.store(*n - *base);
      }
      absl::SleepFor(kInboxPoll);
    }
  });

  std::mutex mu;
  std::vector<absl::Time> acked;  // when each intake call came back ok
  const absl::Time begin = absl::Now();
  auto r = RunClosedLoop("handoff", opts, [&](int64_t i, std::function<void(std::string)> done) {
    auto* call = new Call<v1::CreateDossierRequest, v1::CreateDossierResponse>();
    Authorize(&call->ctx, clerk);
    call->req = IntakeRequest(i, false, "2.000635", "25");
    intake->async()->CreateDossier(&call->ctx, &call->req, &call->resp,
                                   [call, done, &mu, &acked](grpc::Status s) {
                                     if (s.ok()) {
                                       std::lock_guard<std::mutex> lock(mu);
                                       acked.push_back(absl::Now());
                                     }
                                     // The call is freed before the loop hears of it: the loop
                                     // may return at once.
                                     std::string error = s.ok() ? "" : s.error_message();
                                     delete call;
                                     done(std::move(error));
                                   });
  });
  const absl::Time intake_end = absl::Now();
  const int64_t at_intake_end = seen.load();
  const int64_t sent = r.ok;  // every dossier received at the commune is handed on
  const absl::Time give_up = begin + 2 * opts.duration + absl::Seconds(30);
  bool province_up = true, commune_up = true;
  while (seen.load() < sent && absl::Now() < give_up && poll_error.empty()) {
    if (!(province_up = Alive(*province)) || !(commune_up = Alive(*commune))) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  stop.store(true);
  poller.join();
  const int64_t received = seen.load();
  std::sort(acked.begin(), acked.end());

  std::string errors;
  auto add_error = [&errors](const std::string& e) {
    absl::StrAppend(&errors, errors.empty() ? "" : "; ", e);
  };
  if (r.failed) add_error(absl::StrCat(r.failed, " intake calls failed: ", r.first_error));
  if (sent == 0) add_error("no dossier was received at the commune");
  if (!poll_error.empty()) add_error("reading the province's inbox: " + poll_error);
  if (!province_up) add_error("the province's motcuad exited (see " + dir + "/province)");
  if (!commune_up) add_error("the commune's motcuad exited (see " + dir + "/commune-07900)");
  if (received < sent) {
    auto pending = QueryStore(commune_data,
                              "SELECT count(*) FROM handoff_outbox WHERE delivered_time IS NULL");
    const std::string last_error = QueryStoreText(
        commune_data,
        "SELECT last_error FROM handoff_outbox WHERE delivered_time IS NULL AND last_error != '' "
        "ORDER BY id LIMIT 1");
    add_error(absl::StrFormat(
        "%d of %d hand-offs committed at the province within %.0f s; %d still in the commune's "
        "outbox%s",
        received, sent, absl::ToDoubleSeconds(give_up - begin), pending.ok() ? *pending : -1,
        last_error.empty() ? "" : "; last delivery error: " + last_error));
  }
  if (!errors.empty()) return fail(errors);

  // The poll that saw the last hand-off; the k-th acknowledged intake against the first poll
  // that saw k of them.
  size_t j = 0;
  std::vector<absl::Duration> latencies;
  latencies.reserve(static_cast<size_t>(sent));
  int64_t early = 0;
  for (int64_t k = 1; k <= sent && k <= static_cast<int64_t>(acked.size()); ++k) {
    while (arrivals[j].second < k) ++j;
    absl::Duration d = arrivals[j].first - acked[static_cast<size_t>(k - 1)];
    if (d < absl::ZeroDuration()) {
      ++early;  // seen in the inbox before its intake's answer reached the client
      d = absl::ZeroDuration();
    }
    latencies.push_back(d);
  }
  while (arrivals[j].second < sent) ++j;
  const absl::Time last = arrivals[j].first;
  const double secs = absl::ToDoubleSeconds(last - begin);
  const double intake_secs = absl::ToDoubleSeconds(r.elapsed);
  const double drain_secs = absl::ToDoubleSeconds(last - intake_end);
  const int64_t backlog = sent - at_intake_end;
  row.ops_per_s = static_cast<double>(sent) / secs;
  row.p50_ms = PercentileMs(latencies, 50);
  row.p99_ms = PercentileMs(latencies, 99);
  row.note = absl::StrFormat(
      "%d hand-offs commune-07900 -> province (mutual TLS, 2 nodes on CPU 1) in %.1f s: intake "
      "%.0f calls/s for %.1f s (p50 %.1f ms) while %.0f/s arrived, backlog %d at its end drained "
      "at %.0f/s in %.1f s; latency = intake acknowledged -> committed in the province's inbox "
      "(k-th vs k-th, polled every %d ms), queueing included",
      sent, secs, r.ops_per_s, intake_secs, r.p50_ms,
      static_cast<double>(at_intake_end) / absl::ToDoubleSeconds(intake_end - begin), backlog,
      drain_secs > 0 ? static_cast<double>(backlog) / drain_secs : 0.0, drain_secs,
      static_cast<int>(absl::ToInt64Milliseconds(kInboxPoll)));
  if (received > sent) {
    absl::StrAppend(&row.note, "; ", received - sent,
                    " more in the inbox than intake calls acknowledged");
  }
  if (early > 0) absl::StrAppend(&row.note, "; ", early, " seen before their intake's answer");
  return row;
}

// One dossier's whole life as a chain of asynchronous calls.
class Lifecycle : public std::enable_shared_from_this<Lifecycle> {
 public:
  Lifecycle(Node& node, int64_t index, std::function<void(std::string)> done,
            std::atomic<int64_t>* events)
      : node_(node), index_(index), done_(std::move(done)), events_(events) {
    std::mt19937_64 rng(static_cast<uint64_t>(index) * 7919 + 13);
    online_ = rng() % 100 < 88;
    supplement_ = rng() % 100 < 10;
    payment_ = rng() % 100 < 20;
    refuse_ = rng() % 1000 < 15;
  }
  void Start() {
    auto self = shared_from_this();
    auto* call = new Call<v1::CreateDossierRequest, v1::CreateDossierResponse>();
    Authorize(&call->ctx, online_ ? node_.citizen : node_.clerk);
    call->req = IntakeRequest(index_, online_);
    node_.intake->async()->CreateDossier(&call->ctx, &call->req, &call->resp,
                                         [self, call](grpc::Status s) {
                                           if (s.ok()) self->code_ = call->resp.dossier().code();
                                           delete call;
                                           if (!s.ok()) return self->done_(s.error_message());
                                           ++*self->events_;
                                           self->Next(self->online_ ? 0 : 1);
                                         });
  }

 private:
  // Steps: 0 accept, 1 assign, 2 request-supplement, 3 supplement, 4 request-payment, 5 pay,
  // 6 approve, 7 issue, 8 return, 9 done.
  void Next(int step) {
    if (step == 2 && !supplement_) step = 4;
    if (step == 4 && !payment_) step = 6;
    if (step == 9) return done_("");
    auto self = shared_from_this();
    auto* call = new Call<v1::DossierActionRequest, v1::Dossier>();
    const std::string name = "dossiers/" + code_;
    auto finish = [self, call, step](grpc::Status s) {
      delete call;
      if (!s.ok()) return self->done_(absl::StrCat("step ", step, ": ", s.error_message()));
      ++*self->events_;
      self->Next(step + 1);
    };
    auto& routing = *node_.routing->async();
    switch (step) {
      case 0:
        Authorize(&call->ctx, node_.clerk);
        call->req.set_name(name);
        return routing.AcceptDossier(&call->ctx, &call->req, &call->resp, finish);
      case 1: {
        auto* assign = new Call<v1::AssignDossierRequest, v1::Dossier>();
        delete call;
        Authorize(&assign->ctx, node_.leader);
        assign->req.set_name(name);
        assign->req.set_assignee("specialist.07900");
        return routing.AssignDossier(&assign->ctx, &assign->req, &assign->resp,
                                     [self, assign, step](grpc::Status s) {
                                       delete assign;
                                       if (!s.ok()) return self->done_(s.error_message());
                                       ++*self->events_;
                                       self->Next(step + 1);
                                     });
      }
      case 2: {
        auto* req = new Call<v1::RequestSupplementRequest, v1::Dossier>();
        delete call;
        Authorize(&req->ctx, node_.specialist);
        req->req.set_name(name);
        req->req.set_content("Bổ sung giấy tờ");
        return routing.RequestSupplement(&req->ctx, &req->req, &req->resp,
                                         [self, req, step](grpc::Status s) {
                                           delete req;
                                           if (!s.ok()) return self->done_(s.error_message());
                                           ++*self->events_;
                                           self->Next(step + 1);
                                         });
      }
      case 3: {
        auto* req = new Call<v1::SubmitSupplementRequest, v1::Dossier>();
        delete call;
        Authorize(&req->ctx, node_.clerk);
        req->req.set_name(name);
        return routing.SubmitSupplement(&req->ctx, &req->req, &req->resp,
                                        [self, req, step](grpc::Status s) {
                                          delete req;
                                          if (!s.ok()) return self->done_(s.error_message());
                                          ++*self->events_;
                                          self->Next(step + 1);
                                        });
      }
      case 4: {
        auto* req = new Call<v1::RequestPaymentRequest, v1::Dossier>();
        delete call;
        Authorize(&req->ctx, node_.clerk);
        req->req.set_name(name);
        auto* fee = req->req.add_fees();
        fee->set_code("LP");
        fee->set_display_name("Lệ phí");
        fee->set_amount_vnd(20000);
        return routing.RequestPayment(&req->ctx, &req->req, &req->resp,
                                      [self, req, step](grpc::Status s) {
                                        delete req;
                                        if (!s.ok()) return self->done_(s.error_message());
                                        ++*self->events_;
                                        self->Next(step + 1);
                                      });
      }
      case 5:
        Authorize(&call->ctx, node_.clerk);
        call->req.set_name(name);
        return routing.RecordPayment(&call->ctx, &call->req, &call->resp, finish);
      case 6:
        Authorize(&call->ctx, node_.leader);
        call->req.set_name(name);
        if (refuse_) {
          call->req.set_reason("Không đủ điều kiện");
          return routing.RefuseAfterAppraisal(&call->ctx, &call->req, &call->resp,
                                              [self, call](grpc::Status s) {
                                                delete call;
                                                if (!s.ok()) return self->done_(s.error_message());
                                                ++*self->events_;
                                                self->done_("");
                                              });
        }
        return routing.ApproveDossier(&call->ctx, &call->req, &call->resp, finish);
      case 7:
        Authorize(&call->ctx, node_.clerical);
        call->req.set_name(name);
        return routing.IssueResult(&call->ctx, &call->req, &call->resp, finish);
      case 8: {
        auto* req = new Call<v1::ReturnResultRequest, v1::Dossier>();
        delete call;
        Authorize(&req->ctx, node_.clerk);
        req->req.set_name(name);
        req->req.set_delivery(online_ ? v1::Dossier::ONLINE : v1::Dossier::DESK);
        return routing.ReturnResult(&req->ctx, &req->req, &req->resp,
                                    [self, req, step](grpc::Status s) {
                                      delete req;
                                      if (!s.ok()) return self->done_(s.error_message());
                                      ++*self->events_;
                                      self->Next(step + 1);
                                    });
      }
    }
  }

  Node& node_;
  int64_t index_;
  std::function<void(std::string)> done_;
  std::atomic<int64_t>* events_;
  std::string code_;
  bool online_ = true;
  bool supplement_ = false;
  bool payment_ = false;
  bool refuse_ = false;
};

Row ProvinceYear(Node& node, int64_t dossiers, int concurrency, pid_t node_pid,
                 const std::string& data_dir, int64_t full_year) {
  std::atomic<int64_t> events{0};
  LoadOptions opts;
  opts.concurrency = concurrency;
  opts.max_ops = dossiers;
  opts.duration = absl::Hours(24);
  std::atomic<int64_t> progress{0};
  auto r =
      RunClosedLoop("province_year", opts, [&](int64_t i, std::function<void(std::string)> done) {
        int64_t n = ++progress;
        if (n % std::max<int64_t>(1, dossiers / 10) == 0) {
          std::cerr << "  province year: " << n << " / " << dossiers << " dossiers started\n";
        }
        std::make_shared<Lifecycle>(node, i, std::move(done), &events)->Start();
      });
  double secs = absl::ToDoubleSeconds(r.elapsed);
  double events_per_s = static_cast<double>(events.load()) / secs;
  std::string note = absl::StrFormat(
      "%d dossiers (%.0f%% of a year) in %.1f s, %d events (%.0f events/s); projected full year "
      "%.1f min; store %.1f MB; motcuad peak RSS %.0f MB",
      r.ok, 100.0 * static_cast<double>(dossiers) / static_cast<double>(full_year), secs,
      events.load(), events_per_s,
      secs * static_cast<double>(full_year) / static_cast<double>(dossiers) / 60.0,
      static_cast<double>(DirBytes(data_dir)) / 1e6,
      static_cast<double>(PeakRssKb(node_pid)) / 1024.0);
  if (r.failed) absl::StrAppend(&note, "; ", r.failed, " failed: ", r.first_error);
  // ops = dossiers per second through their whole life; ceiling = the rate that finishes a
  // full year (637,760 dossiers) in 10 minutes.
  return {"province_year",
          r.ops_per_s,
          r.p50_ms,
          r.p99_ms,
          static_cast<double>(full_year) / 600.0,
          note};
}

// Fills the node's store to `target` dossiers through the real gRPC intake (`concurrency` calls
// in flight, in-person dossiers by the clerk, as the intake row), then serves get_dossier and a
// worklist page for `read_time` each and reports motcuad's resident memory: VmRSS after the fill
// and after the reads, and VmHWM (the peak). ops/s, p50 and p99 are the fill's intake calls.
Row MillionBench(Node& node, pid_t node_pid, const std::string& data_dir, int64_t target,
                 int concurrency, absl::Duration read_time, std::vector<std::string> codes) {
  const std::string name = "rss_1m_dossiers";
  Row row{name, 0, 0, 0, 0, ""};
  const std::string count_sql = "SELECT count(*) FROM dossiers";
  auto existing = QueryStore(data_dir, count_sql);
  if (!existing.ok()) {
    row.note = absl::StrCat("errors: counting dossiers: ", existing.status().message());
    return row;
  }
  const int64_t need = std::max<int64_t>(0, target - *existing);
  std::cerr << "  " << *existing << " dossiers in the store; " << need << " more, " << concurrency
            << " in flight\n";
  std::mutex mu;
  LoadOptions opts;
  opts.concurrency = concurrency;
  opts.max_ops = need;
  opts.duration = absl::Hours(24);
  const absl::Time begin = absl::Now();
  const int64_t step = std::max<int64_t>(1, target / 10);
  LoadResult fill;
  if (need > 0) {
    fill = RunClosedLoop(name, opts, [&](int64_t i, std::function<void(std::string)> done) {
      const int64_t in_store = *existing + i;
      if (i > 0 && in_store % step == 0) {
        const double secs = absl::ToDoubleSeconds(absl::Now() - begin);
        std::cerr << absl::StrFormat(
            "  1m fill: %d / %d dossiers (%.0f%%), %.0f s, %.0f/s\n", in_store, target,
            100.0 * static_cast<double>(in_store) / static_cast<double>(target), secs,
            static_cast<double>(i) / secs);
      }
      auto* call = new Call<v1::CreateDossierRequest, v1::CreateDossierResponse>();
      Authorize(&call->ctx, node.clerk);
      call->req = IntakeRequest(in_store, false);
      const bool keep = i % 1000 == 0;
      node.intake->async()->CreateDossier(&call->ctx, &call->req, &call->resp,
                                          [call, done, keep, &codes, &mu](grpc::Status s) {
                                            if (s.ok() && keep) {
                                              std::lock_guard<std::mutex> lock(mu);
                                              codes.push_back(call->resp.dossier().code());
                                            }
                                            // The call is freed before the loop hears of it: the
                                            // loop may return at once.
                                            std::string error = s.ok() ? "" : s.error_message();
                                            delete call;
                                            done(std::move(error));
                                          });
    });
  }
  auto stored = QueryStore(data_dir, count_sql);
  const int64_t rss_filled = ProcStatusKb(node_pid, "VmRSS:");
  std::cerr << absl::StrFormat("  1m fill: done, %d dossiers stored; motcuad RSS %.0f MB\n",
                               stored.ok() ? *stored : -1, KbToMb(rss_filled));
  LoadOptions read_opts;
  read_opts.duration = read_time;
  Row get = codes.empty() ? Row{"get_dossier", 0, 0, 0, 0, "errors: no dossier code"}
                          : GetBench(node, read_opts, codes);
  Row worklist = WorklistBench(node, read_opts);
  const int64_t rss_read = ProcStatusKb(node_pid, "VmRSS:");
  const int64_t hwm = ProcStatusKb(node_pid, "VmHWM:");
  row.p50_ms = fill.p50_ms;
  row.p99_ms = fill.p99_ms;
  std::string errors;
  if (fill.failed)
    absl::StrAppend(&errors, fill.failed, " intake calls failed: ", fill.first_error);
  if (!stored.ok()) {
    absl::StrAppend(&errors, errors.empty() ? "" : "; ",
                    "counting dossiers: ", stored.status().message());
  } else if (*stored < target) {
    absl::StrAppend(&errors, errors.empty() ? "" : "; ", "only ", *stored, " dossiers stored");
  }
  for (const Row* r : {&get, &worklist}) {
    if (r->note.rfind("errors:", 0) == 0) {
      absl::StrAppend(&errors, errors.empty() ? "" : "; ", r->name, " ", r->note);
    }
  }
  const double limit_mb = 500;
  const std::string memory = absl::StrFormat(
      "motcuad RSS %.0f MB after the fill, %.0f MB after reads, peak %.0f MB (target <= %.0f MB: "
      "%s); reads at 1M: get_dossier %.0f/s p99 %.1f ms, worklist %.0f/s p99 %.1f ms; store %.2f "
      "GB",
      KbToMb(rss_filled), KbToMb(rss_read), KbToMb(hwm), limit_mb,
      KbToMb(std::max(rss_read, hwm)) <= limit_mb ? "met" : "NOT met", get.ops_per_s, get.p99_ms,
      worklist.ops_per_s, worklist.p99_ms, static_cast<double>(DirBytes(data_dir)) / 1e9);
  if (!errors.empty()) {
    row.note = absl::StrCat("errors: ", errors, "; ", memory);
    return row;
  }
  row.ops_per_s = fill.ops_per_s;
  row.note =
      absl::StrFormat("fill of %d dossiers to %d (intake, %d in flight) in %.0f s; %s", fill.ok,
                      *stored, concurrency, absl::ToDoubleSeconds(fill.elapsed), memory);
  return row;
}

void PrintTable(const std::vector<Row>& rows) {
  std::printf("\n%-26s %12s %9s %9s %12s %7s  %s\n", "operation", "ops/s", "p50 ms", "p99 ms",
              "ceiling", "ratio", "note");
  for (const auto& r : rows) {
    std::printf("%-26s %12.0f %9.2f %9.2f %12.0f %7.2f  %s\n", r.name.c_str(), r.ops_per_s,
                r.p50_ms, r.p99_ms, r.ceiling, r.Ratio(), r.note.c_str());
  }
}

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

bool WriteJson(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream out(path);
  out << "[\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    out << absl::StrFormat(
        "  {\"name\": \"%s\", \"ops_per_s\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, "
        "\"ceiling_ops_per_s\": %.1f, \"ratio\": %.3f, \"note\": \"%s\"}%s\n",
        JsonEscape(r.name), r.ops_per_s, r.p50_ms, r.p99_ms, r.ceiling, r.Ratio(),
        JsonEscape(r.note), i + 1 < rows.size() ? "," : "");
  }
  out << "]\n";
  return static_cast<bool>(out);
}

#ifndef MOTCUA_SOURCE_DIR
#define MOTCUA_SOURCE_DIR "."
#endif

// Every row, in the order of the table.
const std::vector<std::string>& RowNames() {
  static const auto* names = new std::vector<std::string>{"raw_grpc_echo",
                                                          "raw_sqlite_commit_x1",
                                                          "raw_sqlite_commit_x100",
                                                          "intake",
                                                          "get_dossier",
                                                          "worklist",
                                                          "transition",
                                                          "due_date",
                                                          "handoff",
                                                          "portal_sync",
                                                          "province_year",
                                                          "rss_1m_dossiers"};
  return *names;
}

int Main(const std::vector<std::string>& args) {
  bool quick = false, serve_echo = false, million = false;
  std::string json, bin_dir, source_dir = MOTCUA_SOURCE_DIR;
  std::vector<std::string> only_flags;
  int seconds = 0, concurrency = 64;
  int province = -1;
  SyncSettings sync;
  FlagParser flags("motcua-bench [--quick] [--json FILE] [--only ROW] [flags]",
                   "Measures, in one run, the machine's ceilings (a raw gRPC echo server and a "
                   "raw SQLite group-commit loop) and a real motcuad over loopback with the same "
                   "load client, and prints each operation's rate, latency and ratio to its "
                   "ceiling. Servers are pinned to CPU 1 and the client to CPU 0.");
  flags.AddBool("quick", &quick, "Short runs and a 1/200 province year (under two minutes).");
  flags.AddString("json", &json, "Also write the table as JSON.", "FILE");
  flags.AddInt("seconds", &seconds, "Seconds per measured operation (default 5, quick 2).");
  flags.AddInt("concurrency", &concurrency, "Calls in flight (default 64).");
  flags.AddStringList(
      "only", &only_flags,
      "Run only these rows (repeat or comma-separate; a prefix selects every row whose name "
      "starts with it, e.g. raw_sqlite), plus raw_grpc_echo, the ceiling of the gRPC rows, and, "
      "unprinted, the rows they build on (intake for get_dossier and transition; intake and "
      "transition for portal_sync). Rows: raw_grpc_echo, raw_sqlite_commit_x1, "
      "raw_sqlite_commit_x100, intake, get_dossier, worklist, transition, due_date, handoff, "
      "portal_sync, province_year, rss_1m_dossiers (with --million).",
      "ROW");
  flags.AddInt("province-year", &province,
               "Dossiers in the province-year run (default 637760, quick 3189; 0 skips it).");
  flags.AddBool("million", &million,
                "Also fill the node's store to 1,000,000 dossiers through the real gRPC intake "
                "(256 calls in flight; about 4-5 min on 2 cores, progress every 10% on stderr) and "
                "report motcuad's resident memory (VmRSS, VmHWM) while it serves get_dossier and "
                "a worklist page: row rss_1m_dossiers. Off by default, --quick included.");
  flags.AddInt("sync-concurrency", &sync.concurrency,
               "portal_sync: motcua-sync --concurrency (default 16; motcua-sync's own is 4).");
  flags.AddInt("sync-rate", &sync.rate,
               "portal_sync: motcua-sync --rate, calls per second (default 10000, its maximum, so "
               "that the row measures the system and not the limiter; motcua-sync's own is 20).");
  flags.AddString("bin-dir", &bin_dir, "Where motcuad is (default: beside motcua-bench).", "DIR");
  flags.AddString("source-dir", &source_dir,
                  "The motcua checkout: handoff uses its deploy/pki/dev-ca.sh and "
                  "data/demo/units-*.tsv (default: the one this binary was built from, " +
                      std::string(MOTCUA_SOURCE_DIR) + ").",
                  "DIR");
  flags.AddBool("serve-echo", &serve_echo, "Internal: run the echo server.");
  flags.AddExample("motcua-bench --quick --json out.json");
  flags.AddExample("motcua-bench --quick --only handoff");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) {
    std::cerr << "motcua-bench: " << s.message() << "\n";
    return 2;
  }
  if (flags.help_requested()) {
    std::cout << flags.Help();
    return 0;
  }
  if (serve_echo) return ServeEcho();
  std::vector<std::string> only;
  for (const std::string& f : only_flags) {
    std::stringstream parts(f);
    std::string part;
    while (std::getline(parts, part, ',')) {
      if (part.empty()) continue;
      bool known = false;
      for (const std::string& name : RowNames()) known = known || name.rfind(part, 0) == 0;
      if (!known) {
        std::cerr << "motcua-bench: --only " << part << ": no such row (motcua-bench --help)\n";
        return 2;
      }
      only.push_back(part);
    }
  }
  auto want = [&only](const std::string& name) {
    if (only.empty()) return true;
    for (const std::string& o : only) {
      if (name.rfind(o, 0) == 0) return true;
    }
    return false;
  };
  if (seconds <= 0) seconds = quick ? 2 : 5;
  constexpr int64_t kYear = 637760;
  if (province < 0) province = quick ? static_cast<int>(kYear / 200) : static_cast<int>(kYear);
  const bool want_intake = want("intake"), want_get = want("get_dossier"),
             want_worklist = want("worklist"), want_transition = want("transition"),
             want_portal = want("portal_sync"), want_year = want("province_year") && province > 0,
             want_million = million && want("rss_1m_dossiers"), want_handoff = want("handoff");
  const bool need_codes = want_intake || want_get || want_transition || want_portal || want_million;
  const bool need_node = need_codes || want_worklist || want_year;
  const bool need_echo = want("raw_grpc_echo") || need_node || want_handoff;
  if (bin_dir.empty()) bin_dir = fs::path(SelfPath()).parent_path().string();
  PinToCpu(0);
  std::string tmp = (fs::temp_directory_path() / absl::StrCat("motcua-bench-", getpid())).string();
  fs::create_directories(tmp);
  LoadOptions opts;
  opts.concurrency = concurrency;
  opts.duration = absl::Seconds(seconds);
  std::vector<Row> rows;

  Row echo_row{"raw_grpc_echo", 0, 0, 0, 0, "ceiling"};
  if (need_echo) {
    std::cerr << "ceiling: raw gRPC echo (callback API), " << concurrency << " calls in flight\n";
    fs::create_directories(tmp + "/echo");
    auto echo = SpawnServer({SelfPath(), "--serve-echo"}, tmp + "/echo");
    if (!echo) return 1;
    echo_row = EchoCeiling(echo->address, opts);
    echo.reset();
    rows.push_back(echo_row);
  }
  if (want("raw_sqlite_commit_x1") || want("raw_sqlite_commit_x100")) {
    std::cerr << "ceiling: raw SQLite inserts, WAL + synchronous=FULL\n";
  }
  if (want("raw_sqlite_commit_x1")) rows.push_back(SqliteCeiling(tmp, 1, absl::Seconds(seconds)));
  if (want("raw_sqlite_commit_x100")) {
    rows.push_back(SqliteCeiling(tmp, 100, absl::Seconds(seconds)));
  }

  std::unique_ptr<Child> node_proc;
  Node node;
  std::vector<std::string> codes;
  if (need_node) {
    std::cerr << "motcuad: starting on a fresh store with the demo data\n";
    fs::create_directories(tmp + "/node");
    node_proc = SpawnServer({bin_dir + "/motcuad", "--data-dir", tmp + "/node/data", "--listen",
                             "127.0.0.1:0", "--seed-demo", "--log-level", "warning"},
                            tmp + "/node");
    if (!node_proc) return 1;
    grpc::ChannelArguments channel_args;
    channel_args.SetMaxSendMessageSize(64 << 20);
    node.channel = grpc::CreateCustomChannel(node_proc->address, grpc::InsecureChannelCredentials(),
                                             channel_args);
    node.clerk = Login(node.channel, "clerk.07900");
    node.leader = Login(node.channel, "leader.07900");
    node.citizen = Login(node.channel, "citizen.an");
    node.specialist = Login(node.channel, "specialist.07900");
    node.clerical = Login(node.channel, "clerical.07900");
    if (node.clerk.empty() || node.leader.empty()) return 1;
    node.intake = v1::IntakeService::NewStub(node.channel);
    node.routing = v1::RoutingService::NewStub(node.channel);
    node.tracking = v1::TrackingService::NewStub(node.channel);
  }

  if (need_codes) {
    std::cerr << "motcua: intake\n";
    Row intake = IntakeBench(node, opts, &codes);
    intake.ceiling = echo_row.ops_per_s;
    if (want_intake) rows.push_back(intake);
    if (codes.empty()) {
      std::cerr << "motcua-bench: no dossier was received: " << intake.note << "\n";
      return 1;
    }
  }
  if (want_get || want_worklist || want_transition || want_portal) {
    std::cerr << "motcua: get_dossier, worklist, transition\n";
  }
  if (want_get) {
    Row get = GetBench(node, opts, codes);
    get.ceiling = echo_row.ops_per_s;
    rows.push_back(get);
  }
  if (want_worklist) {
    Row worklist = WorklistBench(node, opts);
    worklist.ceiling = echo_row.ops_per_s;
    rows.push_back(worklist);
  }
  if (want_transition || want_portal) {
    Row transition = TransitionBench(node, opts, codes);
    transition.ceiling = echo_row.ops_per_s;
    if (want_transition) rows.push_back(transition);
  }
  if (want("due_date")) {
    std::cerr << "in-process: due_date\n";
    rows.push_back(DueDateBench(absl::Seconds(std::min(seconds, 3))));
  }
  if (want_handoff) {
    std::cerr << "handoff: province + commune-07900 over mutual TLS, intake at the commune for "
                 "unit 25, "
              << concurrency << " calls in flight\n";
    Row handoff = HandoffBench(bin_dir, source_dir, tmp + "/handoff", opts);
    handoff.ceiling = echo_row.ops_per_s;
    rows.push_back(handoff);
  }
  if (want_portal) {
    std::cerr << "portal_sync: motcua-sync --once into motcua-portal-sim, concurrency "
              << sync.concurrency << ", rate limit " << sync.rate << "/s\n";
    Row portal_sync = PortalSyncBench(bin_dir, tmp + "/portal", tmp + "/node/data", sync);
    portal_sync.ceiling = echo_row.ops_per_s;
    rows.push_back(portal_sync);
  }
  if (want_year) {
    std::cerr << "province year: " << province << " dossiers, 88% online, full lifecycles\n";
    rows.push_back(
        ProvinceYear(node, province, concurrency, node_proc->pid, tmp + "/node/data", kYear));
  }
  if (want_million) {
    std::cerr << "rss_1m_dossiers: filling the store to 1,000,000 dossiers through intake\n";
    Row m = MillionBench(node, node_proc->pid, tmp + "/node/data", 1000000,
                         std::max(concurrency, 256), absl::Seconds(std::min(seconds, 3)), codes);
    m.ceiling = echo_row.ops_per_s;
    rows.push_back(m);
  }
  node_proc.reset();
  PrintTable(rows);
  std::printf(
      "\nmachine: %u CPUs; servers pinned to CPU 1, client to CPU 0; %d calls in flight; "
      "%d s per operation\n",
      std::thread::hardware_concurrency(), concurrency, seconds);
  if (!json.empty() && !WriteJson(json, rows)) {
    std::cerr << "motcua-bench: cannot write " << json << "\n";
    return 1;
  }
  // A row with errors points into the run's folder (logs, stores): keep it then.
  for (const Row& r : rows) {
    if (r.note.rfind("errors:", 0) == 0) {
      std::cerr << "motcua-bench: " << r.name << " has errors; kept " << tmp << "\n";
      return 0;
    }
  }
  std::error_code ec;
  fs::remove_all(tmp, ec);
  return 0;
}

}  // namespace
}  // namespace motcua::loadgen

int main(int argc, char** argv) {
  return motcua::loadgen::Main(std::vector<std::string>(argv + 1, argv + argc));
}
