// The national-portal sync with real processes on loopback: a motcuad (--seed-demo) moved
// through every status over gRPC, a motcua-portal-sim injecting faults, and a motcua-sync
// between them (killed with SIGKILL and restarted), or the same job inside motcuad. Once the
// faults stop, the portal holds every dossier and every history entry exactly once, in order per
// dossier, and the sync rate is 100% (SyncService, `motcua report sync`); a long outage drains
// within the configured concurrency and rate; a rejected dossier is a dead letter the CLI shows
// and re-queues. Each test starts its own processes in a fresh folder.
#include <grpcpp/create_channel.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "motcua/v1/sync_service.grpc.pb.h"
#include "nlohmann/json.hpp"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua {
namespace {

using nlohmann::json;
using testing::BinDir;
using ::testing::HasSubstr;
using testing::NodeProcess;
using testing::RunCommand;

constexpr char kPassword[] = "motcua-demo";
constexpr char kGuardianship[] = "1.004837";  // 3 WD at the commune; TK, GTTT required

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A process started with Spawn, SIGKILLed when the object goes.
class Child {
 public:
  Child() = default;
  Child(pid_t pid, std::string out, std::string err)
      : pid_(pid), out_(std::move(out)), err_(std::move(err)) {}
  Child(Child&& o) noexcept : pid_(o.pid_), out_(std::move(o.out_)), err_(std::move(o.err_)) {
    o.pid_ = -1;
  }
  Child& operator=(Child&& o) noexcept {
    Kill();
    pid_ = o.pid_;
    out_ = std::move(o.out_);
    err_ = std::move(o.err_);
    o.pid_ = -1;
    return *this;
  }
  ~Child() { Kill(); }
  void Kill() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int Stop() {
    if (pid_ <= 0) return -1;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return status;
  }
  bool Running() {
    if (pid_ <= 0) return false;
    return waitpid(pid_, nullptr, WNOHANG) == 0;
  }
  std::string Out() const { return Slurp(out_); }
  std::string Err() const { return Slurp(err_); }
  // Waits for a stdout line starting with `prefix`; returns the rest of it ("" on time-out).
  std::string WaitForLine(const std::string& prefix, absl::Duration max = absl::Seconds(30)) {
    const absl::Time deadline = absl::Now() + max;
    while (absl::Now() < deadline) {
      std::string out = Out();
      if (auto pos = out.find(prefix); pos != std::string::npos) {
        auto end = out.find('\n', pos);
        if (end != std::string::npos) {
          return std::string(absl::StripAsciiWhitespace(
              out.substr(pos + prefix.size(), end - pos - prefix.size())));
        }
      }
      if (!Running()) return "";
      absl::SleepFor(absl::Milliseconds(20));
    }
    return "";
  }

 private:
  pid_t pid_ = -1;
  std::string out_, err_;
};

v1::Attachment Paper(const std::string& component) {
  v1::Attachment a;
  a.set_component_code(component);
  a.set_file_name(component + ".pdf");
  a.set_content("%PDF-1.4 " + component);
  return a;
}

enum class Path { kFull, kOnlinePaid, kOnlineRefused, kStopped, kWithdrawn, kReceivedOnly };

class SyncProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    credentials_ = dir_.File("portal.json");
    std::ofstream(credentials_) << R"({"username": "motcua.phutho", "password": "bí mật 2026"})";
  }

  void TearDown() override {
    if (!HasFailure()) return;
    if (node_) std::cerr << "motcuad stderr (tail):\n" << Tail(node_->Stderr()) << "\n";
    std::cerr << "motcua-portal-sim stderr (tail):\n" << Tail(sim_.Err()) << "\n";
    std::cerr << "motcua-sync stderr (tail):\n" << Tail(sync_.Err()) << "\n";
    if (!sim_address_.empty())
      std::cerr << "portal stats: " << Admin("GET", "/admin/stats").dump() << "\n";
  }

  static std::string Tail(const std::string& s) {
    return s.size() > 6000 ? s.substr(s.size() - 6000) : s;
  }

  void StartNode(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), "--seed-demo");
    auto node = NodeProcess::Start(dir_.File("node"), extra);
    ASSERT_OK(node);
    node_ = std::make_unique<NodeProcess>(*std::move(node));
    channel_ = grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials());
  }

  // Starts the simulator (on `port`, or any when 0).
  void StartPortal(int port = 0) {
    std::vector<std::string> argv = {BinDir() + "/motcua-portal-sim",
                                     "--data-dir",
                                     dir_.File("portal"),
                                     "--credentials",
                                     credentials_,
                                     "--listen",
                                     absl::StrCat("127.0.0.1:", port),
                                     "--seed",
                                     "7"};
    sim_ = Child(testing::Spawn(argv, dir_.File("sim.out"), dir_.File("sim.err")),
                 dir_.File("sim.out"), dir_.File("sim.err"));
    sim_address_ = sim_.WaitForLine("listening on ");
    ASSERT_FALSE(sim_address_.empty()) << sim_.Err();
  }

  std::vector<std::string> SyncArgs() {
    return {BinDir() + "/motcua-sync",
            "--data-dir",
            dir_.File("node"),
            "--portal-url",
            absl::StrCat("http://", sim_address_),
            "--portal-credentials",
            credentials_,
            "--portal-timeout-ms",
            "800",
            "--max-backoff-ms",
            "2000",
            "--max-pause-ms",
            "1000"};
  }

  void StartSync(std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = SyncArgs();
    argv.insert(argv.end(), extra.begin(), extra.end());
    const std::string out = dir_.File(absl::StrCat("sync", ++syncs_, ".out"));
    sync_ = Child(testing::Spawn(argv, out, dir_.File("sync.err")), out, dir_.File("sync.err"));
    ASSERT_FALSE(sync_.WaitForLine("syncing ").empty()) << sync_.Err();
  }

  json Admin(const std::string& method, const std::string& path, const json& body = nullptr) {
    auto colon = sim_address_.rfind(':');
    httplib::Client client(sim_address_.substr(0, colon),
                           std::stoi(sim_address_.substr(colon + 1)));
    client.set_read_timeout(std::chrono::seconds(30));
    auto res = method == "GET" ? client.Get(path.c_str())
                               : client.Post(path.c_str(), body.is_null() ? "{}" : body.dump(),
                                             "application/json");
    if (!res || res->status != 200) {
      ADD_FAILURE() << method << " " << path << " failed";
      return json::object();
    }
    return json::parse(res->body);
  }

  void SetFaults(const json& faults) { Admin("POST", "/admin/faults", faults); }
  int64_t Counter(const std::string& name) {
    return Admin("GET", "/admin/stats")["counters"].value(name, int64_t{0});
  }

  std::string Token(const std::string& user) {
    absl::MutexLock lock(&mu_);
    if (auto it = tokens_.find(user); it != tokens_.end()) return it->second;
    grpc::ClientContext ctx;
    v1::LoginRequest req;
    req.set_username(user);
    req.set_password(kPassword);
    v1::LoginResponse resp;
    grpc::Status s = v1::AuthService::NewStub(channel_)->Login(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << user << ": " << s.error_message();
    tokens_[user] = resp.token();
    return resp.token();
  }

  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& user) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    ctx->AddMetadata("authorization", "Bearer " + Token(user));
    return ctx;
  }

  // Creates a dossier and moves it along `path`; returns its code.
  std::string Drive(Path path) {
    auto intake = v1::IntakeService::NewStub(channel_);
    auto routing = v1::RoutingService::NewStub(channel_);
    const bool online = path == Path::kOnlinePaid || path == Path::kOnlineRefused;
    v1::CreateDossierRequest create;
    auto* d = create.mutable_dossier();
    d->set_procedure(absl::StrCat("procedures/", kGuardianship));
    d->set_channel(online ? v1::CHANNEL_ONLINE : v1::CHANNEL_IN_PERSON);
    d->set_receiving_unit("07900");
    d->mutable_applicant()->set_name("Nguyễn Văn An");
    d->mutable_applicant()->set_id_number("025090000001");
    d->set_summary("Hồ sơ kiểm thử đồng bộ");
    *d->add_attachments() = Paper("TK");
    *d->add_attachments() = Paper("GTTT");
    v1::CreateDossierResponse created;
    grpc::Status s =
        intake->CreateDossier(Ctx(online ? "citizen.an" : "clerk.07900").get(), create, &created);
    EXPECT_TRUE(s.ok()) << s.error_message();
    const std::string code = created.dossier().code();
    const std::string name = "dossiers/" + code;
    v1::Dossier out;
    auto simple = [&](const std::string& user, auto method) {
      v1::DossierActionRequest req;
      req.set_name(name);
      req.set_reason("Kiểm thử đồng bộ");
      grpc::Status st = ((*routing).*method)(Ctx(user).get(), req, &out);
      EXPECT_TRUE(st.ok()) << code << ": " << st.error_message();
    };
    auto assign = [&] {
      v1::AssignDossierRequest req;
      req.set_name(name);
      req.set_assignee("specialist.07900");
      grpc::Status st = routing->AssignDossier(Ctx("leader.07900").get(), req, &out);
      EXPECT_TRUE(st.ok()) << code << ": " << st.error_message();
    };
    using R = v1::RoutingService::Stub;
    switch (path) {
      case Path::kFull: {
        assign();
        v1::RequestSupplementRequest ask;
        ask.set_name(name);
        ask.set_content("Bổ sung giấy tờ chứng minh");
        EXPECT_TRUE(routing->RequestSupplement(Ctx("specialist.07900").get(), ask, &out).ok());
        v1::SubmitSupplementRequest give;
        give.set_name(name);
        *give.add_attachments() = Paper("GTCM");
        EXPECT_TRUE(routing->SubmitSupplement(Ctx("clerk.07900").get(), give, &out).ok());
        simple("leader.07900", &R::ApproveDossier);
        simple("clerical.07900", &R::IssueResult);
        v1::ReturnResultRequest ret;
        ret.set_name(name);
        ret.set_delivery(v1::Dossier::DESK);
        EXPECT_TRUE(routing->ReturnResult(Ctx("clerk.07900").get(), ret, &out).ok());
        break;
      }
      case Path::kOnlinePaid: {
        simple("clerk.07900", &R::AcceptDossier);
        assign();
        v1::RequestPaymentRequest pay;
        pay.set_name(name);
        EXPECT_TRUE(routing->RequestPayment(Ctx("specialist.07900").get(), pay, &out).ok());
        simple("clerk.07900", &R::RecordPayment);
        simple("leader.07900", &R::ApproveDossier);
        simple("clerical.07900", &R::IssueResult);
        break;
      }
      case Path::kOnlineRefused:
        simple("clerk.07900", &R::RefuseDossier);
        break;
      case Path::kStopped:
        assign();
        simple("leader.07900", &R::StopDossier);
        break;
      case Path::kWithdrawn:
        assign();
        simple("clerk.07900", &R::WithdrawDossier);
        break;
      case Path::kReceivedOnly:
        break;
    }
    return code;
  }

  // Drives `count` dossiers over all paths from `threads` threads; returns their codes.
  std::vector<std::string> DriveMany(int count, int threads = 3) {
    std::vector<std::string> codes;
    absl::Mutex codes_mu;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = t; i < count; i += threads) {
          std::string code = Drive(static_cast<Path>(i % 6));
          absl::MutexLock lock(&codes_mu);
          codes.push_back(code);
        }
      });
    }
    for (auto& w : workers) w.join();
    return codes;
  }

  v1::SyncReport Report() {
    v1::GetSyncReportRequest req;
    v1::SyncReport report;
    grpc::Status s =
        v1::SyncService::NewStub(channel_)->GetSyncReport(Ctx("admin").get(), req, &report);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return report;
  }

  // Waits until the node's outbox is fully acknowledged; false on time-out.
  bool WaitSynced(absl::Duration max) {
    const absl::Time deadline = absl::Now() + max;
    while (absl::Now() < deadline) {
      v1::SyncReport r = Report();
      if (r.pending_events() == 0 && r.dead_events() == 0 && r.events() > 0) return true;
      absl::SleepFor(absl::Milliseconds(200));
    }
    return false;
  }

  // The portal holds exactly the node's dossiers `codes`: status, and history 1..n once each
  // in arrival order with each event's status.
  void ExpectPortalHoldsExactly(const std::vector<std::string>& codes) {
    json exported = Admin("GET", "/admin/export");
    std::map<std::string, json> held;
    for (const auto& d : exported["dossiers"]) held[d["MaHoSo"].get<std::string>()] = d;
    EXPECT_TRUE(exported["orphan_history"].empty());
    EXPECT_EQ(held.size(), codes.size());
    auto intake = v1::IntakeService::NewStub(channel_);
    for (const auto& code : codes) {
      v1::ListDossierEventsRequest req;
      req.set_parent("dossiers/" + code);
      v1::ListDossierEventsResponse events;
      ASSERT_TRUE(intake->ListDossierEvents(Ctx("admin").get(), req, &events).ok());
      auto it = held.find(code);
      ASSERT_NE(it, held.end()) << code << " missing at the portal";
      const json& d = it->second;
      ASSERT_GT(events.events_size(), 0);
      EXPECT_EQ(d["TrangThaiHoSo"],
                std::to_string(static_cast<int>(events.events().rbegin()->state_after())))
          << code;
      EXPECT_EQ(d["PhienBan"], events.events_size()) << code;
      ASSERT_EQ(d["history"].size(), static_cast<size_t>(events.events_size())) << code;
      int64_t last_arrival = 0;
      for (int i = 0; i < events.events_size(); ++i) {
        const json& h = d["history"][i];
        EXPECT_EQ(h["key"], absl::StrCat(code, "#", events.events(i).seq())) << code;
        EXPECT_EQ(h["TrangThai"], std::to_string(static_cast<int>(events.events(i).state_after())));
        EXPECT_GT(h["arrival"].get<int64_t>(), last_arrival) << code;
        last_arrival = h["arrival"].get<int64_t>();
      }
    }
    EXPECT_EQ(Counter("entries_out_of_order"), 0);
  }

  testing::CommandResult Cli(const std::string& user, std::vector<std::string> args) {
    std::vector<std::string> argv = {"/usr/bin/env", "MOTCUA_TOKEN=" + Token(user),
                                     BinDir() + "/motcua", "--server", node_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  testing::TempDir dir_;
  std::string credentials_;
  std::unique_ptr<NodeProcess> node_;
  std::shared_ptr<grpc::Channel> channel_;
  Child sim_;
  std::string sim_address_;
  Child sync_;
  int syncs_ = 0;
  absl::Mutex mu_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(SyncProcessTest, EveryFaultThenQuietPortalHoldsEverythingOnceInOrder) {
  ASSERT_NO_FATAL_FAILURE(StartNode());
  ASSERT_NO_FATAL_FAILURE(StartPortal());
  SetFaults({{"timeout_rate", 0.05},
             {"timeout_ms", 1200},
             {"http_5xx_rate", 0.15},
             {"error_code_rate", 0.1},
             {"drop_after_commit_rate", 0.1},
             {"duplicate_rate", 0.2},
             {"slow_rate", 0.1},
             {"slow_ms", 100},
             {"expire_session_rate", 0.05},
             {"malformed_rate", 0.1}});
  ASSERT_NO_FATAL_FAILURE(StartSync({"--concurrency", "4", "--rate", "100"}));
  std::vector<std::string> codes = DriveMany(12);
  // Killed mid-run and restarted: nothing is lost.
  sync_.Kill();
  std::vector<std::string> more = DriveMany(6);
  codes.insert(codes.end(), more.begin(), more.end());
  ASSERT_NO_FATAL_FAILURE(StartSync({"--concurrency", "4", "--rate", "100"}));
  absl::SleepFor(absl::Seconds(2));
  SetFaults(json::object());
  ASSERT_TRUE(WaitSynced(absl::Seconds(90))) << Report().DebugString();
  v1::SyncReport report = Report();
  EXPECT_EQ(report.sync_rate(), 100);
  EXPECT_EQ(report.dossiers(), static_cast<int64_t>(codes.size()));
  ExpectPortalHoldsExactly(codes);
  // Faults of every kind happened on the way.
  json counters = Admin("GET", "/admin/stats")["counters"];
  for (const char* fault : {"fault_http_5xx", "fault_error_code", "fault_drop_after_commit",
                            "fault_duplicate_delivery", "fault_malformed_before_commit"}) {
    EXPECT_GT(counters.value(fault, 0), 0) << fault;
  }
  // The report, as people read it, and reconciliation agree.
  auto cli = Cli("admin", {"report", "sync"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_THAT(cli.out, HasSubstr("100.00%"));
  std::vector<std::string> reconcile = SyncArgs();
  reconcile.push_back("--reconcile");
  auto rec = RunCommand(reconcile, 60);
  EXPECT_EQ(rec.exit_code, 0) << rec.out << rec.err;
  EXPECT_THAT(rec.out, HasSubstr(absl::StrCat("matching ", codes.size())));
}

TEST_F(SyncProcessTest, KilledSyncJobResendsNothingAcknowledgedAndLosesNothing) {
  ASSERT_NO_FATAL_FAILURE(StartNode());
  ASSERT_NO_FATAL_FAILURE(StartPortal());
  std::vector<std::string> codes = DriveMany(12);
  // Every call is slow, so something is always in flight when the job dies.
  SetFaults({{"slow_rate", 1.0}, {"slow_ms", 150}});
  ASSERT_NO_FATAL_FAILURE(StartSync({"--concurrency", "3", "--batch-size", "2"}));
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (Counter("entries_added") < 20 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  sync_.Kill();
  // Calls the dead job had sent may still be committed by the portal; let them settle.
  absl::SleepFor(absl::Seconds(1));
  const int64_t held = Counter("entries_added");
  const int64_t marked = Report().synced_events();
  // The node never counts as synced what the portal does not hold.
  EXPECT_LE(marked, held);
  const int64_t duplicates_before = Counter("entries_duplicate");
  SetFaults(json::object());
  ASSERT_NO_FATAL_FAILURE(StartSync({"--concurrency", "3", "--batch-size", "2"}));
  ASSERT_TRUE(WaitSynced(absl::Seconds(60)));
  // Only what was acknowledged but not yet marked when the job died is sent again.
  EXPECT_LE(Counter("entries_duplicate") - duplicates_before, held - marked);
  ExpectPortalHoldsExactly(codes);
  EXPECT_EQ(Report().sync_rate(), 100);
}

TEST_F(SyncProcessTest, LongOutageDrainsWithoutFlooding) {
  ASSERT_NO_FATAL_FAILURE(StartNode());
  ASSERT_NO_FATAL_FAILURE(StartPortal());
  ASSERT_NO_FATAL_FAILURE(
      StartSync({"--concurrency", "3", "--rate", "15", "--retry-attempts", "2"}));
  SetFaults({{"outage", true}});
  std::vector<std::string> codes = DriveMany(18);
  absl::SleepFor(absl::Seconds(6));
  // While the portal is down the job probes with one call at a time and pauses in between.
  const int64_t during = Counter("calls_during_outage");
  EXPECT_GT(during, 0);
  EXPECT_LE(during, 40) << "the job flooded a portal that was down";
  EXPECT_GT(Report().pending_events(), 50);
  // A restart of the portal on its port, then it answers again.
  const std::string port = sim_address_.substr(sim_address_.rfind(':') + 1);
  EXPECT_EQ(sim_.Stop(), 0);
  ASSERT_NO_FATAL_FAILURE(StartPortal(std::stoi(port)));
  const absl::Time start = absl::Now();
  ASSERT_TRUE(WaitSynced(absl::Seconds(90)));
  json stats = Admin("GET", "/admin/stats");
  EXPECT_LE(stats["max_in_flight"].get<int64_t>(), 3);
  // At most 15 calls started per second: measured at the portal over a sliding window, where
  // scheduling jitter can bunch two or three; a flood would be hundreds.
  EXPECT_LE(stats["peak_per_second"].get<int64_t>(), 18);
  EXPECT_GT(absl::Now() - start, absl::Seconds(1));
  ExpectPortalHoldsExactly(codes);
}

TEST_F(SyncProcessTest, RejectedDossierIsShownAndRetriedThroughTheCli) {
  ASSERT_NO_FATAL_FAILURE(StartNode());
  ASSERT_NO_FATAL_FAILURE(StartPortal());
  std::vector<std::string> codes = DriveMany(4, 1);
  const std::string refused = codes[1];
  SetFaults({{"reject_dossiers", {refused}}});
  ASSERT_NO_FATAL_FAILURE(StartSync());
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  v1::SyncReport r;
  do {
    absl::SleepFor(absl::Milliseconds(200));
    r = Report();
  } while ((r.dead_events() == 0 || r.pending_events() != r.blocked_events()) &&
           absl::Now() < deadline);
  EXPECT_EQ(r.dead_events(), 1);
  EXPECT_EQ(r.synced_dossiers(), 3);
  auto shown = Cli("admin", {"report", "sync"});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr(refused));
  EXPECT_THAT(shown.out, HasSubstr("refused by the portal"));
  auto backlog = Cli("admin", {"--output", "json", "report", "sync"});
  EXPECT_THAT(backlog.out, HasSubstr("\"unit\": \"07900\""));
  // Only an admin re-queues.
  EXPECT_EQ(Cli("clerk.07900", {"sync", "retry"}).exit_code, 1);
  SetFaults(json::object());
  auto retried = Cli("admin", {"sync", "retry", "--dossier", refused});
  EXPECT_EQ(retried.exit_code, 0) << retried.err;
  EXPECT_THAT(retried.out, HasSubstr("1 bản ghi"));
  ASSERT_TRUE(WaitSynced(absl::Seconds(60)));
  EXPECT_EQ(Report().sync_rate(), 100);
  ExpectPortalHoldsExactly(codes);
}

TEST_F(SyncProcessTest, SyncRunsInsideMotcuadAndOneJobPerStore) {
  ASSERT_NO_FATAL_FAILURE(StartPortal());
  ASSERT_NO_FATAL_FAILURE(StartNode({"--portal-url", absl::StrCat("http://", sim_address_),
                                     "--portal-credentials", credentials_}));
  SetFaults({{"http_5xx_rate", 0.2}, {"duplicate_rate", 0.2}});
  std::vector<std::string> codes = DriveMany(6, 2);
  // A second job on the same store refuses to start.
  std::vector<std::string> argv = SyncArgs();
  argv.push_back("--once");
  auto second = RunCommand(argv, 60);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_THAT(second.err, HasSubstr("another sync job"));
  SetFaults(json::object());
  ASSERT_TRUE(WaitSynced(absl::Seconds(60)));
  ExpectPortalHoldsExactly(codes);
}

}  // namespace
}  // namespace motcua
