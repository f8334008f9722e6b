// Crash safety of the dossier lifecycle: client threads receive dossiers (with request ids) and
// move them along (assign, approve, issue, return, each with the etag it read) against a real
// motcuad, which is killed with SIGKILL at random moments (seeded) and restarted on the same data
// folder on a new port. Afterwards: every acknowledged dossier and transition is there exactly
// once, every chain verifies, no dossier code is duplicated, each agency's daily sequence has no
// gap, no acknowledged code is missing, and every paper a dossier lists is on disk intact.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "motcua/v1/tracking_service.grpc.pb.h"
#include "storage/blob_store.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua {
namespace {

using testing::NodeProcess;

constexpr uint32_t kSeed = 20261126;
constexpr int kRounds = 5;
constexpr int kCreators = 3;
constexpr int kMovers = 2;
const char* const kUnits[kCreators] = {"07900", "07900", "04924"};

// Errors a call may get when the node dies under it or is not back yet: its outcome is unknown.
bool Transient(const grpc::Status& s) {
  switch (s.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
      return true;
    case grpc::StatusCode::UNKNOWN:
      return absl::StrContains(s.error_message(), "Stream removed");
    default:
      return false;
  }
}

std::chrono::system_clock::time_point Deadline(int seconds) {
  return std::chrono::system_clock::now() + std::chrono::seconds(seconds);
}

// What the clients were told: acknowledged dossiers (request id → code) and transitions.
struct Ledger {
  absl::Mutex mu;
  std::map<std::string, std::string> created ABSL_GUARDED_BY(mu);  // request id → code
  std::vector<std::string> codes ABSL_GUARDED_BY(mu);              // acknowledged, in order
  std::multiset<std::pair<std::string, std::string>> moves ABSL_GUARDED_BY(mu);  // (code, action)
  std::vector<std::string> errors ABSL_GUARDED_BY(mu);  // client-side contract violations
  int64_t failed_calls ABSL_GUARDED_BY(mu) = 0;
};

// The node's current address; changes on every restart.
class Endpoint {
 public:
  void Set(const std::string& address) {
    absl::MutexLock lock(&mu_);
    address_ = address;
    ++generation_;
  }
  // A channel to the current node, cached per generation.
  std::shared_ptr<grpc::Channel> Channel(int* generation, std::shared_ptr<grpc::Channel> cached) {
    absl::MutexLock lock(&mu_);
    if (cached != nullptr && *generation == generation_) return cached;
    *generation = generation_;
    return grpc::CreateChannel(address_, grpc::InsecureChannelCredentials());
  }

 private:
  absl::Mutex mu_;
  std::string address_ ABSL_GUARDED_BY(mu_);
  int generation_ ABSL_GUARDED_BY(mu_) = 0;
};

v1::CreateDossierRequest Reception(const std::string& unit, const std::string& request_id) {
  v1::CreateDossierRequest req;
  auto* d = req.mutable_dossier();
  d->set_procedure("procedures/1.004837");
  d->set_channel(v1::CHANNEL_IN_PERSON);
  d->set_receiving_unit(unit);
  d->mutable_applicant()->set_name("Nguyễn Văn An");
  d->mutable_applicant()->set_id_number("025090000001");
  for (const char* c : {"TK", "GTTT"}) {
    auto* a = d->add_attachments();
    a->set_component_code(c);
    a->set_file_name(absl::StrCat(c, ".pdf"));
    a->set_content(absl::StrCat("giấy tờ ", c, " của ", request_id));
  }
  req.set_request_id(request_id);
  return req;
}

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<testing::TempDir>();
    data_dir_ = dir_->File("node");
    auto node = NodeProcess::Start(data_dir_, {"--seed-demo"});
    ASSERT_OK(node);
    node_ = std::make_unique<NodeProcess>(*std::move(node));
    endpoint_.Set(node_->address());
    auto channel = grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials());
    auto auth = v1::AuthService::NewStub(channel);
    for (const char* user : {"admin", "clerk.07900", "leader.07900", "clerical.07900",
                             "clerk.04924", "leader.04924", "clerical.04924"}) {
      grpc::ClientContext ctx;
      v1::LoginRequest req;
      req.set_username(user);
      req.set_password("motcua-demo");
      v1::LoginResponse resp;
      grpc::Status s = auth->Login(&ctx, req, &resp);
      ASSERT_TRUE(s.ok()) << user << ": " << s.error_message();
      tokens_[user] = resp.token();
    }
  }

  void TearDown() override {
    if (node_ && HasFailure()) std::cerr << "motcuad stderr:\n" << node_->Stderr() << "\n";
  }

  // A context for `user`; tokens stay valid across restarts (the key is in the data folder).
  std::unique_ptr<grpc::ClientContext> Ctx(const std::string& user, int seconds = 5) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->set_deadline(Deadline(seconds));
    ctx->AddMetadata("authorization", "Bearer " + tokens_.at(user));
    return ctx;
  }

  void Restart() {
    node_->Kill();
    auto node = NodeProcess::Start(data_dir_);
    ASSERT_OK(node);
    node_ = std::make_unique<NodeProcess>(*std::move(node));
    endpoint_.Set(node_->address());
  }

  // Receives dossiers until `stop`, retrying an unacknowledged one with its request id.
  void Creator(int index) {
    const std::string unit = kUnits[index];
    const std::string clerk = absl::StrCat("clerk.", unit);
    int generation = -1;
    std::shared_ptr<grpc::Channel> channel;
    std::string pending;
    int next = 0;
    while (!stop_.load()) {
      if (pending.empty()) pending = absl::StrCat("creator", index, "-", next++);
      channel = endpoint_.Channel(&generation, channel);
      auto stub = v1::IntakeService::NewStub(channel);
      v1::CreateDossierResponse resp;
      grpc::Status s = stub->CreateDossier(Ctx(clerk).get(), Reception(unit, pending), &resp);
      if (!s.ok()) {
        {
          absl::MutexLock lock(&ledger_.mu);
          ++ledger_.failed_calls;
          if (!Transient(s)) {
            ledger_.errors.push_back(absl::StrCat("CreateDossier ", pending, ": ", s.error_code(),
                                                  " ", s.error_message()));
          }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        continue;
      }
      Acknowledge(pending, resp);
      pending.clear();
    }
    pending_[index] = pending;
    issued_[index] = next;
  }

  void Acknowledge(const std::string& request_id, const v1::CreateDossierResponse& resp) {
    absl::MutexLock lock(&ledger_.mu);
    const std::string& code = resp.dossier().code();
    if (resp.outcome() != v1::CreateDossierResponse::RECEIVED || code.empty()) {
      ledger_.errors.push_back(absl::StrCat(request_id, ": outcome ", resp.outcome()));
      return;
    }
    auto [it, inserted] = ledger_.created.emplace(request_id, code);
    if (!inserted && it->second != code) {
      ledger_.errors.push_back(
          absl::StrCat(request_id, " acknowledged as ", it->second, " and as ", code));
    }
    if (inserted) ledger_.codes.push_back(code);
  }

  // Moves acknowledged dossiers one step with the etag it read: assign, approve, issue, return.
  void Mover(int index) {
    std::mt19937 rng(kSeed + 100 + index);
    int generation = -1;
    std::shared_ptr<grpc::Channel> channel;
    std::set<std::string> done;  // returned: nothing more to do
    while (!stop_.load()) {
      std::string code;
      {
        absl::MutexLock lock(&ledger_.mu);
        if (ledger_.codes.size() > done.size()) {
          for (int tries = 0; tries < 8 && code.empty(); ++tries) {
            code =
                ledger_
                    .codes[std::uniform_int_distribution<size_t>(0, ledger_.codes.size() - 1)(rng)];
            if (done.count(code)) code.clear();
          }
        }
      }
      if (code.empty()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      channel = endpoint_.Channel(&generation, channel);
      auto intake = v1::IntakeService::NewStub(channel);
      auto routing = v1::RoutingService::NewStub(channel);
      v1::GetDossierRequest get;
      get.set_name("dossiers/" + code);
      v1::Dossier d;
      grpc::Status s = intake->GetDossier(Ctx("admin").get(), get, &d);
      if (!s.ok()) {
        Failed(s, "GetDossier " + code);
        continue;
      }
      const std::string unit = d.competent_unit();
      v1::Dossier out;
      std::string action;
      if (d.state() == v1::Dossier::RECEIVED) {
        action = "assign";
        v1::AssignDossierRequest req;
        req.set_name(d.name());
        req.set_assignee("specialist." + unit);
        req.set_etag(d.etag());
        s = routing->AssignDossier(Ctx("leader." + unit).get(), req, &out);
      } else if (d.state() == v1::Dossier::PROCESSING && d.step() == "appraising") {
        action = "approve";
        v1::DossierActionRequest req;
        req.set_name(d.name());
        req.set_etag(d.etag());
        s = routing->ApproveDossier(Ctx("leader." + unit).get(), req, &out);
      } else if (d.state() == v1::Dossier::PROCESSING && d.step() == "signed") {
        action = "issue";
        v1::DossierActionRequest req;
        req.set_name(d.name());
        req.set_etag(d.etag());
        s = routing->IssueResult(Ctx("clerical." + unit).get(), req, &out);
      } else if (d.state() == v1::Dossier::RESOLVED) {
        action = "return";
        v1::ReturnResultRequest req;
        req.set_name(d.name());
        req.set_delivery(v1::Dossier::DESK);
        req.set_etag(d.etag());
        s = routing->ReturnResult(Ctx("clerk." + unit).get(), req, &out);
      } else {
        done.insert(code);
        continue;
      }
      if (s.ok()) {
        absl::MutexLock lock(&ledger_.mu);
        ledger_.moves.emplace(code, action);
      } else if (s.error_code() != grpc::StatusCode::ABORTED) {  // ABORTED: the other mover won
        Failed(s, absl::StrCat(action, " ", code));
      }
    }
  }

  // Notes a failed call; the caller waits a little before the next (the node may be down).
  void Failed(const grpc::Status& s, const std::string& what) {
    {
      absl::MutexLock lock(&ledger_.mu);
      ++ledger_.failed_calls;
      if (!Transient(s)) {
        ledger_.errors.push_back(absl::StrCat(what, ": ", s.error_code(), " ", s.error_message()));
      }
    }
    if (Transient(s)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  // Every dossier in the store, through the admin's ALL worklist.
  std::vector<v1::Dossier> AllDossiers() {
    auto tracking = v1::TrackingService::NewStub(
        grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials()));
    std::vector<v1::Dossier> out;
    v1::ListWorklistRequest req;
    req.set_view(v1::ListWorklistRequest::ALL);
    req.set_page_size(500);
    for (int pages = 0; pages < 1000; ++pages) {
      v1::ListWorklistResponse resp;
      grpc::Status s = tracking->ListWorklist(Ctx("admin", 30).get(), req, &resp);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const auto& d : resp.dossiers()) out.push_back(d);
      if (resp.next_page_token().empty()) break;
      req.set_page_token(resp.next_page_token());
    }
    return out;
  }

  // Every acknowledged code so far is readable.
  void ExpectAcknowledgedCodesPresent(int round) {
    std::vector<std::string> codes;
    {
      absl::MutexLock lock(&ledger_.mu);
      codes = ledger_.codes;
    }
    auto intake = v1::IntakeService::NewStub(
        grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials()));
    for (const auto& code : codes) {
      v1::GetDossierRequest get;
      get.set_name("dossiers/" + code);
      v1::Dossier d;
      grpc::Status s = intake->GetDossier(Ctx("admin").get(), get, &d);
      EXPECT_TRUE(s.ok()) << "after restart " << round << ", acknowledged " << code
                          << " is missing: " << s.error_message();
    }
  }

  std::unique_ptr<testing::TempDir> dir_;
  std::string data_dir_;
  std::unique_ptr<NodeProcess> node_;
  Endpoint endpoint_;
  std::map<std::string, std::string> tokens_;
  std::atomic<bool> stop_{false};
  std::string pending_[kCreators];
  int issued_[kCreators] = {};
  Ledger ledger_;
};

TEST_F(CrashTest, SigkillLosesNoAcknowledgedDossierOrTransition) {
  const auto started = std::chrono::steady_clock::now();
  std::mt19937 rng(kSeed);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCreators; ++i) threads.emplace_back([this, i] { Creator(i); });
  for (int i = 0; i < kMovers; ++i) threads.emplace_back([this, i] { Mover(i); });

  for (int round = 1; round <= kRounds; ++round) {
    const int run_ms = std::uniform_int_distribution<int>(400, 1600)(rng);
    std::this_thread::sleep_for(std::chrono::milliseconds(run_ms));
    Restart();  // SIGKILL, then start on the same folder
    if (HasFatalFailure()) {
      stop_ = true;
      for (auto& t : threads) t.join();
      return;
    }
    ExpectAcknowledgedCodesPresent(round);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop_ = true;
  for (auto& t : threads) t.join();

  // Retry every unacknowledged reception with its request id until it is acknowledged: a retry of
  // one that committed before the kill returns the same dossier.
  auto intake = v1::IntakeService::NewStub(
      grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials()));
  for (int i = 0; i < kCreators; ++i) {
    if (pending_[i].empty()) continue;
    v1::CreateDossierResponse resp;
    grpc::Status s = intake->CreateDossier(Ctx(absl::StrCat("clerk.", kUnits[i]), 30).get(),
                                           Reception(kUnits[i], pending_[i]), &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    Acknowledge(pending_[i], resp);
  }

  absl::MutexLock lock(&ledger_.mu);
  EXPECT_THAT(ledger_.errors, ::testing::IsEmpty());
  // Every request id a creator used was finally acknowledged, with one code.
  size_t issued = 0;
  for (int i = 0; i < kCreators; ++i) {
    for (int n = 0; n < issued_[i]; ++n) {
      EXPECT_TRUE(ledger_.created.count(absl::StrCat("creator", i, "-", n)))
          << "creator" << i << "-" << n << " never acknowledged";
    }
    issued += issued_[i];
  }
  EXPECT_EQ(issued, ledger_.created.size());
  std::set<std::string> acked_codes(ledger_.codes.begin(), ledger_.codes.end());
  EXPECT_EQ(acked_codes.size(), ledger_.codes.size()) << "two request ids got the same code";

  // The store holds exactly the acknowledged dossiers, each once.
  std::vector<v1::Dossier> stored = AllDossiers();
  std::map<std::string, int> seen;
  for (const auto& d : stored) ++seen[d.code()];
  for (const auto& [code, n] : seen) EXPECT_EQ(n, 1) << code << " listed " << n << " times";
  std::set<std::string> stored_codes;
  for (const auto& [code, n] : seen) stored_codes.insert(code);
  EXPECT_EQ(stored_codes, acked_codes);

  // Each agency's daily sequence is 1..n with no gap and no repeat.
  std::map<std::string, std::vector<int64_t>> by_day;
  for (const auto& code : stored_codes) {
    int64_t seq = 0;
    ASSERT_TRUE(absl::SimpleAtoi(code.substr(code.rfind('-') + 1), &seq)) << code;
    by_day[code.substr(0, code.rfind('-'))].push_back(seq);
  }
  for (auto& [prefix, seqs] : by_day) {
    std::sort(seqs.begin(), seqs.end());
    for (size_t i = 0; i < seqs.size(); ++i) {
      EXPECT_EQ(seqs[i], static_cast<int64_t>(i) + 1) << prefix;
    }
  }

  // Every acknowledged transition is in its dossier's history exactly once, no action appears
  // twice in any history, and the dossier's state is the last event's.
  int64_t events_total = 0;
  for (const auto& d : stored) {
    v1::ListDossierEventsRequest req;
    req.set_parent(d.name());
    v1::ListDossierEventsResponse history;
    grpc::Status s = intake->ListDossierEvents(Ctx("admin", 30).get(), req, &history);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_TRUE(history.chain_valid()) << d.code();
    events_total += history.events_size();
    std::map<std::string, int> actions;
    for (const auto& e : history.events()) ++actions[e.action()];
    for (const auto& [action, n] : actions) {
      EXPECT_EQ(n, 1) << d.code() << ": " << action << " recorded " << n << " times";
    }
    EXPECT_EQ(actions["receive"], 1) << d.code();
    ASSERT_GT(history.events_size(), 0);
    EXPECT_EQ(history.events(history.events_size() - 1).state_after(), d.state()) << d.code();
    EXPECT_EQ(d.etag(), absl::StrCat(history.events_size())) << d.code();
    for (const char* action : {"assign", "approve", "issue", "return"}) {
      size_t acked = ledger_.moves.count({d.code(), action});
      EXPECT_LE(acked, 1u) << d.code() << " " << action << " acknowledged twice";
      if (acked == 1) {
        EXPECT_EQ(actions[action], 1) << d.code() << ": acknowledged " << action << " is missing";
      }
    }
  }
  // Every paper a stored dossier lists is on disk and matches its hash (written and synced before
  // the row that points at it).
  const storage::BlobStore blobs(data_dir_ + "/blobs");
  int64_t papers = 0;
  for (const auto& d : stored) {
    EXPECT_EQ(d.attachments_size(), 2) << d.code();
    for (const auto& a : d.attachments()) {
      absl::StatusOr<std::string> bytes = blobs.Get(a.sha256());
      ASSERT_OK(bytes);
      EXPECT_EQ(static_cast<int64_t>(bytes->size()), a.size_bytes()) << d.code();
      ++papers;
    }
  }
  EXPECT_EQ(papers, 2 * static_cast<int64_t>(stored.size()));
  for (const auto& [code, action] : ledger_.moves) {
    EXPECT_TRUE(acked_codes.count(code)) << code;
  }

  // The admin's check over the whole store agrees.
  v1::VerifyEventChainsResponse verify;
  grpc::Status s = intake->VerifyEventChains(Ctx("admin", 30).get(), {}, &verify);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(verify.valid()) << verify.broken_dossier() << " #" << verify.broken_seq() << ": "
                              << verify.problem();
  EXPECT_EQ(verify.dossiers(), static_cast<int64_t>(stored.size()));
  EXPECT_EQ(verify.events(), events_total);

  // The run did something worth checking.
  EXPECT_GE(ledger_.codes.size(), 20u);
  EXPECT_GE(ledger_.moves.size(), 10u);
  std::cout << "crash test: " << kRounds << " SIGKILLs, " << ledger_.codes.size()
            << " acknowledged dossiers, " << ledger_.moves.size() << " acknowledged transitions, "
            << events_total << " events, " << ledger_.failed_calls << " calls failed during kills, "
            << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started)
                   .count()
            << " s\n";
}

}  // namespace
}  // namespace motcua
