// The dossier tables (storage/dossier_store.h): per-agency, per-day code sequences (unique under
// concurrency, gapless when a write is undone, durable across reopening), the insert / load /
// update round trip with the child rows, lookup by request id, and ListDossiers' filters and
// keyset pagination.
#include "storage/dossier_store.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/database.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using dossier::Dossier;
using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using workflow::Status;
using workflow::Step;

// 2026-03-09 09:00 +07:00.
const absl::Time kT0 = absl::FromUnixSeconds(1773021600);

absl::Time At(int hours) { return kT0 + absl::Hours(hours); }

Dossier MakeDossier(const std::string& code) {
  Dossier d;
  d.code = code;
  d.procedure_code = "1.004837";
  d.procedure_version = 1;
  d.procedure_name = "Thủ tục đăng ký giám hộ";
  d.channel = dossier::Channel::kInPerson;
  d.status = Status::kReceived;
  d.step = Step::kAwaitingAssignment;
  d.applicant = {"Nguyễn Văn An", "025090000001", "0912345678", "an@example.vn", "Việt Trì"};
  d.summary = "Đăng ký giám hộ";
  d.submitted_by = "clerk.07900";
  d.receiving_unit = "07900";
  d.competent_unit = "07900";
  d.support_unit = "07900";
  d.submitted_time = kT0;
  d.received_time = kT0;
  d.transfer_time = kT0;
  d.due_time = At(72);
  d.original_due_time = At(72);
  d.scoring_due_time = At(72);
  d.calendar_version = "cal-1";
  d.revision = 1;
  return d;
}

void ExpectSameDossier(const Dossier& got, const Dossier& want) {
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.procedure_code, want.procedure_code);
  EXPECT_EQ(got.procedure_version, want.procedure_version);
  EXPECT_EQ(got.procedure_name, want.procedure_name);
  EXPECT_EQ(got.channel, want.channel);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.step, want.step);
  EXPECT_EQ(got.resume_step, want.resume_step);
  EXPECT_EQ(got.applicant.name, want.applicant.name);
  EXPECT_EQ(got.applicant.id_number, want.applicant.id_number);
  EXPECT_EQ(got.applicant.phone, want.applicant.phone);
  EXPECT_EQ(got.applicant.email, want.applicant.email);
  EXPECT_EQ(got.applicant.address, want.applicant.address);
  EXPECT_EQ(got.summary, want.summary);
  EXPECT_EQ(got.submitted_by, want.submitted_by);
  EXPECT_EQ(got.receiving_unit, want.receiving_unit);
  EXPECT_EQ(got.competent_unit, want.competent_unit);
  EXPECT_EQ(got.support_unit, want.support_unit);
  EXPECT_EQ(got.submitted_time, want.submitted_time);
  EXPECT_EQ(got.received_time, want.received_time);
  EXPECT_EQ(got.transfer_time, want.transfer_time);
  EXPECT_EQ(got.due_time, want.due_time);
  EXPECT_EQ(got.original_due_time, want.original_due_time);
  EXPECT_EQ(got.scoring_due_time, want.scoring_due_time);
  EXPECT_EQ(got.calendar_version, want.calendar_version);
  EXPECT_EQ(got.extended, want.extended);
  EXPECT_EQ(got.extension_reason, want.extension_reason);
  EXPECT_EQ(got.assignee, want.assignee);
  ASSERT_EQ(got.supplements.size(), want.supplements.size());
  for (size_t i = 0; i < got.supplements.size(); ++i) {
    const auto& g = got.supplements[i];
    const auto& w = want.supplements[i];
    EXPECT_EQ(g.round, w.round);
    EXPECT_EQ(g.requested_time, w.requested_time);
    EXPECT_EQ(g.requested_by, w.requested_by);
    EXPECT_EQ(g.content, w.content);
    EXPECT_EQ(g.requested_late, w.requested_late);
    EXPECT_EQ(g.completed_time, w.completed_time);
    EXPECT_EQ(g.previous_due, w.previous_due);
    EXPECT_EQ(g.new_due, w.new_due);
  }
  ASSERT_EQ(got.attachments.size(), want.attachments.size());
  for (size_t i = 0; i < got.attachments.size(); ++i) {
    EXPECT_EQ(got.attachments[i].component_code, want.attachments[i].component_code);
    EXPECT_EQ(got.attachments[i].file_name, want.attachments[i].file_name);
    EXPECT_EQ(got.attachments[i].sha256, want.attachments[i].sha256);
    EXPECT_EQ(got.attachments[i].size_bytes, want.attachments[i].size_bytes);
  }
  ASSERT_EQ(got.fees.size(), want.fees.size());
  for (size_t i = 0; i < got.fees.size(); ++i) {
    EXPECT_EQ(got.fees[i].code, want.fees[i].code);
    EXPECT_EQ(got.fees[i].name, want.fees[i].name);
    EXPECT_EQ(got.fees[i].amount_vnd, want.fees[i].amount_vnd);
  }
  EXPECT_EQ(got.paid_time, want.paid_time);
  EXPECT_EQ(got.handling_end_time, want.handling_end_time);
  EXPECT_EQ(got.returned_time, want.returned_time);
  EXPECT_EQ(got.delivery, want.delivery);
  EXPECT_EQ(got.decision_note, want.decision_note);
  EXPECT_EQ(got.request_id, want.request_id);
  EXPECT_EQ(got.revision, want.revision);
  EXPECT_EQ(got.rating, want.rating);
}

class DossierStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = *std::move(store);
  }

  absl::Status Write(Writer::Work work) { return store_->writer().Write(std::move(work)); }

  absl::Status Insert(const Dossier& d) {
    return Write([&](Database& db) { return InsertDossier(db, d); });
  }

  absl::StatusOr<int64_t> Next(const std::string& agency, const std::string& day) {
    absl::StatusOr<int64_t> out = absl::InternalError("not run");
    absl::Status s = Write([&](Database& db) -> absl::Status {
      out = NextDossierSequence(db, agency, day);
      return out.status();
    });
    if (!s.ok()) return s;
    return out;
  }

  absl::StatusOr<Dossier> Load(const std::string& code) {
    auto db = store_->Read();
    return LoadDossier(*db, code);
  }

  absl::StatusOr<DossierPage> List(const DossierQuery& q) {
    auto db = store_->Read();
    return ListDossiers(*db, q);
  }

  static std::vector<std::string> Codes(const DossierPage& page) {
    std::vector<std::string> out;
    for (const auto& d : page.dossiers) out.push_back(d.code);
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

// ---- Sequences ----

TEST_F(DossierStoreTest, SequencesCountPerAgencyAndDay) {
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 1);
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 2);
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 3);
  EXPECT_EQ(*Next("H44.07900", "2026-03-10"), 1);
  EXPECT_EQ(*Next("H44.04924", "2026-03-09"), 1);
  EXPECT_EQ(*Next("000.00.00.H44", "2026-03-09"), 1);
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 4);
  EXPECT_EQ(*Next("H44.07900", "2026-03-10"), 2);
}

TEST_F(DossierStoreTest, SequencesSurviveReopening) {
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(*Next("H44.07900", "2026-03-09"), i);
  store_.reset();
  Open();
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 6);
}

TEST_F(DossierStoreTest, AnUndoneWriteLeavesNoGapInTheSequence) {
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 1);
  absl::Status failed = Write([](Database& db) -> absl::Status {
    auto seq = NextDossierSequence(db, "H44.07900", "2026-03-09");
    if (!seq.ok()) return seq.status();
    EXPECT_EQ(*seq, 2);
    return absl::InvalidArgumentError("the rest of the intake failed");
  });
  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("intake")));
  EXPECT_EQ(*Next("H44.07900", "2026-03-09"), 2);
}

TEST_F(DossierStoreTest, ConcurrentSequencesAreUniqueAndGapless) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  absl::Mutex mu;
  std::vector<int64_t> seen;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        auto n = Next("H44.07900", "2026-03-09");
        if (!n.ok()) {
          ++failures;
          continue;
        }
        absl::MutexLock lock(&mu);
        seen.push_back(*n);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  std::sort(seen.begin(), seen.end());
  std::vector<int64_t> expected(kThreads * kPerThread);
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int64_t>(i) + 1;
  EXPECT_EQ(seen, expected);
}

// ---- Insert / load / update ----

TEST_F(DossierStoreTest, InsertAndLoadRoundTripEveryField) {
  Dossier d = MakeDossier("H44.07900-260309-0001");
  d.channel = dossier::Channel::kPostal;
  d.status = Status::kPaymentRequested;
  d.step = Step::kWaitingCitizen;
  d.resume_step = Step::kSigned;
  d.competent_unit = "25";
  d.support_unit = "04924";
  d.transfer_time = At(22);
  d.extended = true;
  d.extension_reason = "Cần xác minh thêm";
  d.due_time = At(120);
  d.assignee = "specialist.25";
  d.supplements.push_back(
      {1, At(2), "specialist.25", "Bổ sung giấy chứng sinh", false, At(26), At(72), At(96)});
  d.supplements.push_back(
      {2, At(50), "specialist.25", "Bổ sung lần 2", true, std::nullopt, At(96), std::nullopt});
  d.attachments.push_back({"TK", "tờ khai.pdf", std::string(64, 'a'), 1234});
  d.attachments.push_back({"GTTT", "cccd.jpg", std::string(64, 'b'), 5678});
  d.fees.push_back({"LP", "Lệ phí", 20000});
  d.fees.push_back({"PHI", "Phí", 0});
  d.paid_time = At(30);
  d.handling_end_time = At(100);
  d.returned_time = At(101);
  d.delivery = dossier::Delivery::kPost;
  d.decision_note = "ghi chú";
  d.request_id = "req-1";
  d.revision = 7;
  d.rating = 5;
  ASSERT_OK(Insert(d));
  auto loaded = Load(d.code);
  ASSERT_OK(loaded);
  ExpectSameDossier(*loaded, d);
}

TEST_F(DossierStoreTest, UnsetOptionalTimesStayUnset) {
  Dossier d = MakeDossier("H44.07900-260309-0002");
  d.status = Status::kSubmitted;
  d.received_time.reset();
  d.transfer_time.reset();
  d.due_time.reset();
  d.original_due_time.reset();
  d.scoring_due_time.reset();
  ASSERT_OK(Insert(d));
  auto loaded = Load(d.code);
  ASSERT_OK(loaded);
  ExpectSameDossier(*loaded, d);
  EXPECT_FALSE(loaded->due_time.has_value());
  EXPECT_FALSE(loaded->paid_time.has_value());
}

TEST_F(DossierStoreTest, CodesAreMatchedCaseInsensitively) {
  ASSERT_OK(Insert(MakeDossier("H44.07900-260309-0003")));
  auto loaded = Load("h44.07900-260309-0003");
  ASSERT_OK(loaded);
  EXPECT_EQ(loaded->code, "H44.07900-260309-0003");
  EXPECT_THAT(Load("H44.07900-260309-9999"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("H44.07900-260309-9999")));
}

TEST_F(DossierStoreTest, ADuplicateCodeOrRequestIdIsRefused) {
  Dossier a = MakeDossier("H44.07900-260309-0001");
  a.request_id = "same";
  ASSERT_OK(Insert(a));
  Dossier b = MakeDossier("H44.07900-260309-0001");
  EXPECT_THAT(Insert(b), StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  Dossier c = MakeDossier("H44.07900-260309-0002");
  c.request_id = "same";
  EXPECT_THAT(Insert(c), StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  // Nothing of the refused inserts remains.
  EXPECT_THAT(Load("H44.07900-260309-0002"), StatusIs(absl::StatusCode::kNotFound, ::testing::_));
  // Dossiers without a request id do not collide.
  ASSERT_OK(Insert(MakeDossier("H44.07900-260309-0003")));
  ASSERT_OK(Insert(MakeDossier("H44.07900-260309-0004")));
}

TEST_F(DossierStoreTest, FindsTheDossierOfARequestId) {
  Dossier d = MakeDossier("H44.07900-260309-0001");
  d.request_id = "client-42";
  ASSERT_OK(Insert(d));
  ASSERT_OK(Insert(MakeDossier("H44.07900-260309-0002")));
  auto db = store_->Read();
  auto found = FindDossierByRequestId(*db, "client-42");
  ASSERT_OK(found);
  EXPECT_EQ(*found, std::optional<std::string>("H44.07900-260309-0001"));
  auto missing = FindDossierByRequestId(*db, "client-43");
  ASSERT_OK(missing);
  EXPECT_EQ(*missing, std::nullopt);
  // An empty request id is stored as none and never found.
  auto empty = FindDossierByRequestId(*db, "");
  ASSERT_OK(empty);
  EXPECT_EQ(*empty, std::nullopt);
}

TEST_F(DossierStoreTest, UpdateRewritesTheRowAndReplacesChildRows) {
  Dossier d = MakeDossier("H44.07900-260309-0001");
  d.attachments.push_back({"TK", "a.pdf", std::string(64, 'a'), 1});
  d.fees.push_back({"LP", "Lệ phí", 20000});
  ASSERT_OK(Insert(d));

  d.status = Status::kSupplementRequested;
  d.step = Step::kWaitingCitizen;
  d.assignee = "specialist.07900";
  d.supplements.push_back(
      {1, At(2), "specialist.07900", "Thiếu giấy", false, std::nullopt, At(72), std::nullopt});
  d.attachments.push_back({"GTCM", "b.pdf", std::string(64, 'b'), 2});
  d.fees = {{"LP", "Lệ phí mới", 30000}};
  d.revision = 2;
  ASSERT_OK(Write([&](Database& db) { return UpdateDossier(db, d); }));
  auto once = Load(d.code);
  ASSERT_OK(once);
  ExpectSameDossier(*once, d);

  d.status = Status::kProcessing;
  d.step = Step::kAppraising;
  d.supplements[0].completed_time = At(30);
  d.supplements[0].new_due = At(100);
  d.due_time = At(100);
  d.revision = 3;
  ASSERT_OK(Write([&](Database& db) { return UpdateDossier(db, d); }));
  auto twice = Load(d.code);
  ASSERT_OK(twice);
  ExpectSameDossier(*twice, d);
  EXPECT_EQ(twice->original_due_time, At(72));

  auto db = store_->Read();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossiers"), 1);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossier_supplements"), 1);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossier_attachments"), 2);
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossier_fees"), 1);
}

// ---- ListDossiers ----

class ListDossiersTest : public DossierStoreTest {
 protected:
  void SetUp() override {
    DossierStoreTest::SetUp();
    // code, receiving, competent, status, step, due (hours after kT0, -1 = none), assignee, owner,
    // received (hours after kT0, -1 = none).
    struct Row {
      const char* code;
      const char* receiving;
      const char* competent;
      Status status;
      Step step;
      int due;
      const char* assignee;
      const char* owner;
      int received;
    };
    const Row rows[] = {
        {"A-01", "07900", "07900", Status::kReceived, Step::kAwaitingAssignment, 30, "", "1", 0},
        {"A-02", "07900", "07900", Status::kProcessing, Step::kAppraising, 10, "sp.07900", "1", 0},
        {"A-03", "07900", "25", Status::kProcessing, Step::kAppraising, 20, "sp.25", "2", 1},
        {"A-04", "04924", "04924", Status::kProcessing, Step::kSigned, 20, "sp.04924", "2", 2},
        {"A-05", "04924", "25", Status::kSupplementRequested, Step::kWaitingCitizen, 50, "sp.25",
         "3", 3},
        {"A-06", "07900", "07900", Status::kSubmitted, Step::kAwaitingReception, -1, "", "1", -1},
        {"A-07", "07900", "07900", Status::kReturned, Step::kClosed, 20, "sp.07900", "3", 25},
        {"A-08", "25", "25", Status::kPaymentRequested, Step::kWaitingCitizen, 40, "sp.25", "1",
         48},
    };
    for (const Row& r : rows) {
      Dossier d = MakeDossier(r.code);
      d.receiving_unit = r.receiving;
      d.competent_unit = r.competent;
      d.support_unit = r.receiving;
      d.status = r.status;
      d.step = r.step;
      d.assignee = r.assignee;
      d.applicant.id_number = r.owner;
      if (r.due < 0) {
        d.due_time.reset();
      } else {
        d.due_time = At(r.due);
      }
      if (r.received < 0) {
        d.received_time.reset();
      } else {
        d.received_time = At(r.received);
      }
      ASSERT_OK(Insert(d));
    }
  }

  std::vector<std::string> ListCodes(DossierQuery q) {
    q.limit = 100;
    auto page = List(q);
    EXPECT_OK(page);
    if (!page.ok()) return {};
    EXPECT_EQ(page->total, static_cast<int>(page->dossiers.size()));
    EXPECT_FALSE(page->more);
    return Codes(*page);
  }
};

TEST_F(ListDossiersTest, OrdersByDueTimeThenCodeWithUndatedFirst) {
  EXPECT_THAT(ListCodes({}),
              ElementsAre("A-06", "A-02", "A-03", "A-04", "A-07", "A-01", "A-08", "A-05"));
}

TEST_F(ListDossiersTest, EachFilterSelectsItsDossiers) {
  DossierQuery q;
  q.units = {"07900"};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-06", "A-02", "A-03", "A-07", "A-01"));
  q.units = {"25"};  // competent or receiving
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03", "A-08", "A-05"));
  q.units = {"04924", "25"};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03", "A-04", "A-08", "A-05"));

  q = {};
  q.statuses = {Status::kProcessing};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-02", "A-03", "A-04"));
  q.steps = {Step::kSigned};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-04"));
  q = {};
  q.statuses = {Status::kSupplementRequested, Status::kPaymentRequested};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-08", "A-05"));

  q = {};
  q.assignee = "sp.25";
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03", "A-08", "A-05"));
  q.statuses = {Status::kProcessing};
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03"));

  q = {};
  q.owner_id = "1";
  EXPECT_THAT(ListCodes(q), ElementsAre("A-06", "A-02", "A-01", "A-08"));

  q = {};
  q.due_before = At(20);
  EXPECT_THAT(ListCodes(q), ElementsAre("A-02"));  // undated dossiers are never due
  q.due_before = At(21);
  q.due_after = At(20);
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03", "A-04", "A-07"));

  q = {};
  q.received_from = At(1);
  q.received_to = At(25);
  EXPECT_THAT(ListCodes(q), ElementsAre("A-03", "A-04", "A-05"));

  // Filters combine.
  q = {};
  q.units = {"07900"};
  q.statuses = {Status::kProcessing, Status::kReturned};
  q.assignee = "sp.07900";
  EXPECT_THAT(ListCodes(q), ElementsAre("A-02", "A-07"));

  q = {};
  q.units = {"99999"};
  EXPECT_THAT(ListCodes(q), ::testing::IsEmpty());
}

TEST_F(ListDossiersTest, KeysetPaginationVisitsEveryDossierOnce) {
  for (int limit : {1, 2, 3, 7, 8, 50}) {
    DossierQuery q;
    q.limit = limit;
    std::vector<std::string> all;
    int pages = 0;
    while (true) {
      auto page = List(q);
      ASSERT_OK(page);
      ++pages;
      EXPECT_EQ(page->total, 8) << limit;
      EXPECT_LE(static_cast<int>(page->dossiers.size()), limit);
      for (const auto& d : page->dossiers) all.push_back(d.code);
      if (!page->more) break;
      ASSERT_EQ(static_cast<int>(page->dossiers.size()), limit);
      q.after_due = DueKey(page->dossiers.back());
      q.after_code = page->dossiers.back().code;
      ASSERT_LT(pages, 20);
    }
    EXPECT_THAT(all, ElementsAre("A-06", "A-02", "A-03", "A-04", "A-07", "A-01", "A-08", "A-05"))
        << "limit " << limit;
    EXPECT_EQ(pages, (8 + limit - 1) / limit) << limit;
  }
}

TEST_F(ListDossiersTest, PaginationKeepsTheFilters) {
  DossierQuery q;
  q.units = {"07900", "25"};
  q.limit = 2;
  std::vector<std::string> all;
  while (true) {
    auto page = List(q);
    ASSERT_OK(page);
    EXPECT_EQ(page->total, 7);
    for (const auto& d : page->dossiers) all.push_back(d.code);
    if (!page->more) break;
    q.after_due = DueKey(page->dossiers.back());
    q.after_code = page->dossiers.back().code;
  }
  EXPECT_THAT(all, ElementsAre("A-06", "A-02", "A-03", "A-07", "A-01", "A-08", "A-05"));
}

TEST_F(ListDossiersTest, PagesLoadChildRows) {
  Dossier d = MakeDossier("B-01");
  d.due_time = At(-5);
  d.attachments.push_back({"TK", "a.pdf", std::string(64, 'a'), 1});
  d.fees.push_back({"LP", "Lệ phí", 20000});
  ASSERT_OK(Insert(d));
  DossierQuery q;
  q.limit = 1;
  q.after_due = 0;
  q.after_code = "A-06";
  auto page = List(q);
  ASSERT_OK(page);
  ASSERT_EQ(page->dossiers.size(), 1u);
  // B-01 is due earliest of all dated dossiers.
  EXPECT_EQ(page->dossiers[0].code, "B-01");
  EXPECT_EQ(page->dossiers[0].attachments.size(), 1u);
  EXPECT_EQ(page->dossiers[0].fees.size(), 1u);
}

// Every combination of filters, paginated with small pages, gives exactly the dossiers a
// brute-force filter over all rows gives, in (due, code) order, each once.
TEST_F(ListDossiersTest, PaginatedQueriesMatchABruteForceFilter) {
  // More rows sharing due times across units, queues and owners.
  const Status statuses[] = {Status::kReceived,         Status::kProcessing,
                             Status::kProcessing,       Status::kSupplementRequested,
                             Status::kPaymentRequested, Status::kResolved,
                             Status::kWithdrawn,        Status::kStopped};
  const Step steps[] = {
      Step::kAwaitingAssignment, Step::kAppraising, Step::kSigned, Step::kWaitingCitizen,
      Step::kWaitingCitizen,     Step::kClosed,     Step::kClosed, Step::kClosed};
  const char* units[] = {"07900", "04924", "25"};
  for (int i = 0; i < 24; ++i) {
    Dossier d = MakeDossier(absl::StrCat("C-", i < 10 ? "0" : "", i));
    d.receiving_unit = units[i % 3];
    d.competent_unit = units[(i / 3) % 3];
    d.support_unit = units[(i / 9) % 3];
    d.status = statuses[i % 8];
    d.step = steps[i % 8];
    d.assignee = i % 2 == 0 ? "sp.25" : "sp.07900";
    d.applicant.id_number = i % 4 == 0 ? "1" : "2";
    d.due_time = At(10 * (i % 5));
    ASSERT_OK(Insert(d));
  }
  DossierQuery everything;
  everything.limit = 1000;
  auto all = List(everything);
  ASSERT_OK(all);
  ASSERT_EQ(all->dossiers.size(), 32u);

  const std::vector<std::vector<std::string>> unit_sets = {
      {}, {"07900"}, {"25"}, {"04924", "25"}, {"07900", "04924", "25"}};
  const std::vector<std::vector<Status>> status_sets = {
      {},
      {Status::kProcessing},
      {Status::kReceived, Status::kProcessing},
      {Status::kSupplementRequested, Status::kPaymentRequested},
      {Status::kProcessing, Status::kSupplementRequested, Status::kPaymentRequested,
       Status::kReturned},
      {Status::kSubmitted, Status::kReceived, Status::kRefused, Status::kProcessing,
       Status::kSupplementRequested, Status::kPaymentRequested, Status::kWithdrawn,
       Status::kStopped, Status::kResolved, Status::kReturned}};
  const std::vector<std::vector<Step>> step_sets = {
      {}, {Step::kAppraising}, {Step::kSigned, Step::kWaitingCitizen}};
  int queries = 0;
  for (const auto& us : unit_sets) {
    for (const auto& ss : status_sets) {
      for (const auto& st : step_sets) {
        for (const char* assignee : {"", "sp.25"}) {
          for (const char* owner : {"", "1"}) {
            DossierQuery q;
            q.units = us;
            q.statuses = ss;
            q.steps = st;
            q.assignee = assignee;
            q.owner_id = owner;
            std::vector<std::string> expected;
            for (const auto& d : all->dossiers) {
              auto in = [](const auto& v, const auto& x) {
                return v.empty() || std::find(v.begin(), v.end(), x) != v.end();
              };
              bool unit_ok = us.empty() || in(us, d.receiving_unit) ||
                             in(us, d.competent_unit) || in(us, d.support_unit);
              if (unit_ok && in(ss, d.status) && in(st, d.step) &&
                  (q.assignee.empty() || d.assignee == q.assignee) &&
                  (q.owner_id.empty() || d.applicant.id_number == q.owner_id)) {
                expected.push_back(d.code);  // `all` is in (due, code) order
              }
            }
            for (int limit : {1, 2, 3}) {
              ++queries;
              DossierQuery page_q = q;
              page_q.limit = limit;
              std::vector<std::string> got;
              for (int pages = 0; pages < 100; ++pages) {
                auto page = List(page_q);
                ASSERT_OK(page);
                EXPECT_EQ(page->total, static_cast<int>(expected.size()));
                for (const auto& d : page->dossiers) got.push_back(d.code);
                if (!page->more) break;
                page_q.after_due = DueKey(page->dossiers.back());
                page_q.after_code = page->dossiers.back().code;
              }
              ASSERT_EQ(got, expected) << "query " << queries << " limit " << limit;
            }
          }
        }
      }
    }
  }
}

TEST_F(ListDossiersTest, DossiersForReportTakesThoseReceivedInThePeriod) {
  auto db = store_->Read();
  auto all = DossiersForReport(*db, {}, At(0), At(49));
  ASSERT_OK(all);
  std::vector<std::string> codes;
  for (const auto& d : *all) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  // A-06 was never received.
  EXPECT_THAT(codes, ElementsAre("A-01", "A-02", "A-03", "A-04", "A-05", "A-07", "A-08"));
  auto ward = DossiersForReport(*db, {"07900"}, At(0), At(25));
  ASSERT_OK(ward);
  codes.clear();
  for (const auto& d : *ward) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_THAT(codes, ElementsAre("A-01", "A-02", "A-03"));
}

}  // namespace
}  // namespace motcua::storage
