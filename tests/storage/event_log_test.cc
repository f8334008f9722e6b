// The append-only, hash-chained event log (storage/event_log.h): AppendEvent builds the chain,
// the triggers refuse UPDATE and DELETE, and VerifyChains finds a tampered field, a deleted event
// and a reordered link once someone has dropped the triggers and edited the file directly.
#include "storage/event_log.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/blob_store.h"
#include "storage/database.h"
#include "storage/dossier_store.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using dossier::Event;
using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;
using workflow::Role;
using workflow::Status;

const absl::Time kT0 = absl::FromUnixSeconds(1773021600);  // 2026-03-09 09:00 +07:00
const std::string kGenesis(64, '0');

constexpr char kDropTriggers[] =
    "DROP TRIGGER dossier_events_no_update; DROP TRIGGER dossier_events_no_delete;";

// A fresh store in a temporary folder, with helpers to fill and break its event log.
class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override { Reset(); }

  // Starts over with an empty store.
  void Reset() {
    store_.reset();
    dir_ = std::make_unique<testing::TempDir>();
    auto store = Store::Open(dir_->path());
    ASSERT_OK(store);
    store_ = *std::move(store);
  }

  absl::Status Write(Writer::Work work) { return store_->writer().Write(std::move(work)); }

  // A dossier with `events` events: receive, assign, request-supplement, supplement, ...
  void MakeDossierWithEvents(const std::string& code, int events) {
    dossier::Dossier d;
    d.code = code;
    d.procedure_code = "1.004837";
    d.procedure_version = 1;
    d.receiving_unit = d.competent_unit = d.support_unit = "07900";
    d.submitted_time = kT0;
    d.revision = events;
    const char* actions[] = {"receive", "assign", "request-supplement", "supplement", "approve",
                             "issue",   "return"};
    const Status statuses[] = {
        Status::kReceived,   Status::kProcessing, Status::kSupplementRequested,
        Status::kProcessing, Status::kProcessing, Status::kResolved,
        Status::kReturned};
    // As in the engine: the row's revision counts its events and its status is the last one's.
    if (events > 0) d.status = statuses[(events - 1) % 7];
    ASSERT_OK(Write([&](Database& db) { return InsertDossier(db, d); }));
    for (int i = 0; i < events; ++i) {
      Event e;
      e.dossier_code = code;
      e.time = kT0 + absl::Minutes(10 * i);
      e.actor = absl::StrCat("user", i);
      e.role = i % 2 == 0 ? Role::kClerk : Role::kLeader;
      e.unit = "07900";
      e.action = actions[i % 7];
      e.status_after = statuses[i % 7];
      e.reason = absl::StrCat("lý do ", i);
      ASSERT_OK(Write([&](Database& db) { return AppendEvent(db, e).status(); }));
    }
  }

  std::vector<Event> Events(const std::string& code) {
    auto db = store_->Read();
    auto events = LoadEvents(*db, code);
    EXPECT_OK(events);
    return events.ok() ? *events : std::vector<Event>{};
  }

  ChainReport Verify(const std::string& code = "") {
    auto db = store_->Read();
    auto report = VerifyChains(*db, code);
    EXPECT_OK(report);
    return report.ok() ? *report : ChainReport{};
  }

  // Runs `sql` as someone editing the file would: without the append-only triggers.
  void Tamper(const std::string& sql) {
    ASSERT_OK(Write([&](Database& db) -> absl::Status {
      absl::Status s = db.Exec(kDropTriggers);
      if (!s.ok()) return s;
      return db.Exec(sql);
    }));
  }

  std::unique_ptr<testing::TempDir> dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(EventLogTest, AppendBuildsTheChain) {
  MakeDossierWithEvents("D-1", 3);
  std::vector<Event> events = Events("D-1");
  ASSERT_EQ(events.size(), 3u);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(events[i].prev_hash, i == 0 ? kGenesis : events[i - 1].hash);
    EXPECT_EQ(events[i].hash, EventHash(events[i]));
    EXPECT_EQ(events[i].hash.size(), 64u);
    EXPECT_EQ(events[i].dossier_code, "D-1");
    EXPECT_EQ(events[i].time, kT0 + absl::Minutes(10 * static_cast<int>(i)));
    EXPECT_EQ(events[i].reason, absl::StrCat("lý do ", i));
  }
  EXPECT_EQ(events[1].role, Role::kLeader);
  EXPECT_EQ(events[1].action, "assign");
  EXPECT_EQ(events[1].status_after, Status::kProcessing);
}

TEST_F(EventLogTest, AppendReturnsTheStoredEvent) {
  MakeDossierWithEvents("D-1", 1);
  Event e;
  e.dossier_code = "D-1";
  e.time = kT0 + absl::Hours(1);
  e.actor = "leader.07900";
  e.role = Role::kLeader;
  e.action = "assign";
  e.status_after = Status::kProcessing;
  e.seq = 99;              // ignored: the log numbers events
  e.prev_hash = "forged";  // ignored
  e.hash = "forged";       // ignored
  absl::StatusOr<Event> stored = absl::InternalError("not run");
  ASSERT_OK(Write([&](Database& db) {
    stored = AppendEvent(db, e);
    return stored.status();
  }));
  ASSERT_OK(stored);
  EXPECT_EQ(stored->seq, 2);
  EXPECT_EQ(stored->prev_hash, Events("D-1")[0].hash);
  EXPECT_EQ(stored->hash, EventHash(*stored));
  EXPECT_EQ(Events("D-1")[1].hash, stored->hash);
}

TEST_F(EventLogTest, ChainsAreSeparatePerDossier) {
  MakeDossierWithEvents("D-1", 2);
  MakeDossierWithEvents("D-2", 3);
  EXPECT_EQ(Events("D-2")[0].seq, 1);
  EXPECT_EQ(Events("D-2")[0].prev_hash, kGenesis);
  ChainReport all = Verify();
  EXPECT_EQ(all.dossiers, 2);
  EXPECT_EQ(all.events, 5);
  EXPECT_FALSE(all.broken_code.has_value()) << all.problem;
  ChainReport one = Verify("D-2");
  EXPECT_EQ(one.dossiers, 1);
  EXPECT_EQ(one.events, 3);
  EXPECT_FALSE(one.broken_code.has_value());
}

TEST_F(EventLogTest, AnEventForAnUnknownDossierIsRefused) {
  Event e;
  e.dossier_code = "NO-SUCH";
  e.time = kT0;
  e.action = "receive";
  EXPECT_THAT(Write([&](Database& db) { return AppendEvent(db, e).status(); }),
              ::testing::Not(IsOk()));
  EXPECT_TRUE(Events("NO-SUCH").empty());
}

TEST_F(EventLogTest, HashCoversEveryField) {
  Event base;
  base.dossier_code = "D-1";
  base.seq = 2;
  base.time = kT0;
  base.actor = "clerk.07900";
  base.role = Role::kClerk;
  base.unit = "07900";
  base.action = "accept";
  base.status_after = Status::kReceived;
  base.reason = "ok";
  base.prev_hash = kGenesis;
  const std::string h = EventHash(base);
  std::vector<Event> variants(10, base);
  variants[0].dossier_code = "D-2";
  variants[1].seq = 3;
  variants[2].time = kT0 + absl::Seconds(1);
  variants[3].actor = "clerk.04924";
  variants[4].role = Role::kLeader;
  variants[5].unit = "04924";
  variants[6].action = "refuse";
  variants[7].status_after = Status::kRefused;
  variants[8].reason = "ok.";
  variants[9].prev_hash = std::string(64, '1');
  for (size_t i = 0; i < variants.size(); ++i) EXPECT_NE(EventHash(variants[i]), h) << i;
  // Moving text between adjacent fields changes the hash too.
  Event shifted = base;
  shifted.actor = "clerk.0790";
  shifted.role = Role::kClerk;
  shifted.unit = "007900";
  EXPECT_NE(EventHash(shifted), h);
}

// ---- The triggers ----

TEST_F(EventLogTest, TriggersRefuseUpdateAndDelete) {
  MakeDossierWithEvents("D-1", 2);
  const std::vector<Event> before = Events("D-1");
  absl::Status update = Write(
      [](Database& db) { return db.Exec("UPDATE dossier_events SET reason='sửa' WHERE seq=1"); });
  EXPECT_THAT(update, ::testing::Not(IsOk()));
  EXPECT_THAT(update.message(), HasSubstr("append-only"));
  absl::Status del =
      Write([](Database& db) { return db.Exec("DELETE FROM dossier_events WHERE seq=2"); });
  EXPECT_THAT(del, ::testing::Not(IsOk()));
  EXPECT_THAT(del.message(), HasSubstr("append-only"));
  absl::Status clear = Write([](Database& db) { return db.Exec("DELETE FROM dossier_events"); });
  EXPECT_THAT(clear, ::testing::Not(IsOk()));
  const std::vector<Event> after = Events("D-1");
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].reason, before[i].reason);
    EXPECT_EQ(after[i].hash, before[i].hash);
  }
  EXPECT_FALSE(Verify().broken_code.has_value());
}

// ---- VerifyChains on tampered files ----

struct TamperCase {
  std::string label;
  std::string sql;  // on dossier D-2 (events 1..4)
  int64_t broken_seq;
  std::string problem;
};

TEST_F(EventLogTest, VerifyFindsTheFirstBrokenLink) {
  const std::vector<TamperCase> cases = {
      {"reason", "UPDATE dossier_events SET reason='đã sửa' WHERE code='D-2' AND seq=2", 2,
       "content"},
      {"actor", "UPDATE dossier_events SET actor='someone.else' WHERE code='D-2' AND seq=3", 3,
       "content"},
      {"time", "UPDATE dossier_events SET time=time-86400 WHERE code='D-2' AND seq=2", 2,
       "content"},
      {"status", "UPDATE dossier_events SET status_after=10 WHERE code='D-2' AND seq=4", 4,
       "content"},
      {"role", "UPDATE dossier_events SET role=6 WHERE code='D-2' AND seq=1", 1, "content"},
      {"unit", "UPDATE dossier_events SET unit='25' WHERE code='D-2' AND seq=1", 1, "content"},
      {"action", "UPDATE dossier_events SET action='refuse' WHERE code='D-2' AND seq=2", 2,
       "content"},
      {"deleted middle event", "DELETE FROM dossier_events WHERE code='D-2' AND seq=2", 3,
       "event 2 is missing"},
      {"deleted first event", "DELETE FROM dossier_events WHERE code='D-2' AND seq=1", 2,
       "event 1 is missing"},
      // Swap events 2 and 3: the event now at seq 2 points at the hash of event 2, not event 1.
      {"reordered link",
       "UPDATE dossier_events SET seq=100 WHERE code='D-2' AND seq=2;"
       "UPDATE dossier_events SET seq=2 WHERE code='D-2' AND seq=3;"
       "UPDATE dossier_events SET seq=3 WHERE code='D-2' AND seq=100;",
       2, "prev_hash"},
      // A link re-pointed at another event of the chain.
      {"relinked prev_hash",
       "UPDATE dossier_events SET prev_hash=(SELECT hash FROM dossier_events WHERE code='D-2' "
       "AND seq=1) WHERE code='D-2' AND seq=3",
       3, "prev_hash"},
      // A hash recomputed by hand for a changed event breaks the next link.
      {"rewritten hash",
       "UPDATE dossier_events SET hash='" + std::string(64, 'f') + "' WHERE code='D-2' AND seq=2",
       2, "content"},
      // An event moved to the end of another dossier's chain.
      {"moved event", "UPDATE dossier_events SET code='D-3', seq=5 WHERE code='D-2' AND seq=2", 3,
       "event 2 is missing"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.label);
    Reset();
    MakeDossierWithEvents("D-1", 3);
    MakeDossierWithEvents("D-2", 4);
    MakeDossierWithEvents("D-3", 4);
    ASSERT_FALSE(Verify().broken_code.has_value());
    Tamper(c.sql);
    ChainReport report = Verify();
    ASSERT_TRUE(report.broken_code.has_value());
    EXPECT_EQ(*report.broken_code, "D-2");
    EXPECT_EQ(report.broken_seq, c.broken_seq);
    EXPECT_THAT(report.problem, HasSubstr(c.problem));
    // The untouched chains still verify on their own.
    EXPECT_FALSE(Verify("D-1").broken_code.has_value());
    if (c.label != "moved event") {
      EXPECT_FALSE(Verify("D-3").broken_code.has_value());
    }
    ChainReport only = Verify("D-2");
    ASSERT_TRUE(only.broken_code.has_value());
    EXPECT_EQ(only.broken_seq, c.broken_seq);
  }
}

TEST_F(EventLogTest, VerifyNamesTheFirstBrokenDossierAndCountsEverything) {
  MakeDossierWithEvents("D-1", 2);
  MakeDossierWithEvents("D-2", 2);
  MakeDossierWithEvents("D-3", 2);
  Tamper("UPDATE dossier_events SET reason='x' WHERE code IN ('D-2', 'D-3') AND seq=2");
  ChainReport report = Verify();
  ASSERT_TRUE(report.broken_code.has_value());
  EXPECT_EQ(*report.broken_code, "D-2");
  EXPECT_EQ(report.dossiers, 3);
  EXPECT_EQ(report.events, 6);
}

TEST_F(EventLogTest, ADossierWithoutHistoryIsBroken) {
  MakeDossierWithEvents("D-1", 2);
  MakeDossierWithEvents("D-2", 2);
  Tamper("DELETE FROM dossier_events WHERE code='D-2'");
  ChainReport report = Verify();
  ASSERT_TRUE(report.broken_code.has_value());
  EXPECT_EQ(*report.broken_code, "D-2");
  EXPECT_THAT(report.problem, HasSubstr("no history"));
}

TEST_F(EventLogTest, AnEmptyStoreVerifies) {
  ChainReport report = Verify();
  EXPECT_EQ(report.dossiers, 0);
  EXPECT_EQ(report.events, 0);
  EXPECT_FALSE(report.broken_code.has_value());
}

// Regression (found by this suite, fixed in 488fbf8): deleting the newest event of a chain used
// to go unnoticed, since nothing anchored the end of the chain; VerifyChains now compares the
// last event with the dossier row (revision = number of events, same status).
TEST_F(EventLogTest, DeletingTheNewestEventIsDetected) {
  MakeDossierWithEvents("D-1", 4);  // revision 4
  Tamper("DELETE FROM dossier_events WHERE code='D-1' AND seq=4");
  ChainReport report = Verify();
  ASSERT_TRUE(report.broken_code.has_value()) << "a truncated chain verified";
  EXPECT_EQ(*report.broken_code, "D-1");
  EXPECT_EQ(report.broken_seq, 4);
}

}  // namespace
}  // namespace motcua::storage
