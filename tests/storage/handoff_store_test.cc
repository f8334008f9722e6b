// The hand-off outbox and inbox (storage/handoff_store.h) and the import of another node's events
// (storage/event_log.h ImportEvents): each next hop's hand-offs go strictly in order, a failure
// holds its hop back but not the others, the inbox applies a key once, lateness is attributed to
// the sending unit, and an imported history must continue the local chain or nothing is written.
#include "storage/handoff_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/status_macros.h"
#include "storage/dossier_store.h"
#include "storage/event_log.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::storage {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1795748400);  // 2026-11-27 09:00 +07:00

HandoffHeader Header(const std::string& key, const std::string& code) {
  HandoffHeader h;
  h.key = key;
  h.kind = HandoffKind::kTransfer;
  h.dossier_code = code;
  h.origin_node = "commune-07900";
  h.destination_node = "province";
  h.from_unit = "07900";
  h.to_unit = "25";
  h.send_time = kT0;
  h.deadline = kT0 + absl::Hours(8);
  return h;
}

class HandoffStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = Store::Open(dir_.path());
    ASSERT_OK(store);
    store_ = *std::move(store);
  }

  absl::Status Write(Writer::Work work) { return store_->writer().Write(std::move(work)); }

  absl::Status Queue(const std::string& key, const std::string& hop) {
    return Write(
        [&](Database& db) { return QueueHandoff(db, Header(key, "C-1"), hop, "payload"); });
  }

  std::vector<std::string> HeadKeys() {
    auto db = store_->Read();
    auto heads = HandoffHeads(*db);
    EXPECT_OK(heads);
    std::vector<std::string> keys;
    for (const auto& h : *heads) keys.push_back(absl::StrCat(h.next_hop, ":", h.header.key));
    return keys;
  }

  // A dossier row and `n` events of it, appended as this node would.
  std::vector<dossier::Event> MakeChain(Store& store, const std::string& code, int n) {
    dossier::Dossier d;
    d.code = code;
    d.procedure_code = "2.000635";
    d.procedure_version = 1;
    d.receiving_unit = d.competent_unit = d.support_unit = "07900";
    d.submitted_time = kT0;
    d.status = workflow::Status::kReceived;
    d.revision = n;
    EXPECT_OK(store.writer().Write([&](Database& db) { return InsertDossier(db, d); }));
    for (int i = 0; i < n; ++i) {
      dossier::Event e;
      e.dossier_code = code;
      e.time = kT0 + absl::Minutes(i);
      e.actor = "clerk.07900";
      e.action = i == 0 ? "receive" : "handoff-send";
      e.status_after = workflow::Status::kReceived;
      EXPECT_OK(store.writer().Write([&](Database& db) { return AppendEvent(db, e).status(); }));
    }
    auto db = store.Read();
    auto events = LoadEvents(*db, code);
    EXPECT_OK(events);
    return *events;
  }

  testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(HandoffStoreTest, EachHopSendsItsOldestFirstAndAFailureHoldsOnlyItsHop) {
  ASSERT_OK(Queue("commune-07900/1", "province"));
  ASSERT_OK(Queue("commune-07900/2", "district-227"));
  ASSERT_OK(Queue("commune-07900/3", "province"));
  EXPECT_THAT(HeadKeys(), ElementsAre("province:commune-07900/1", "district-227:commune-07900/2"));
  ASSERT_OK(Write([&](Database& db) {
    return RecordHandoffFailure(db, 1, "UNAVAILABLE: connection refused", kT0 + absl::Seconds(2));
  }));
  {
    auto db = store_->Read();
    auto heads = HandoffHeads(*db);
    ASSERT_OK(heads);
    EXPECT_EQ(heads->front().attempts, 1);
    EXPECT_EQ(heads->front().next_attempt_time, kT0 + absl::Seconds(2));
    EXPECT_THAT(heads->front().last_error, HasSubstr("connection refused"));
  }
  ASSERT_OK(Write([&](Database& db) { return MarkHandoffDelivered(db, 1, kT0, kT0); }));
  EXPECT_THAT(HeadKeys(), ElementsAre("district-227:commune-07900/2", "province:commune-07900/3"));
  {
    // The delivery loop reads one hop's queue in order, however long the backlog.
    auto db = store_->Read();
    auto queue = HandoffQueue(*db, "province", 10, kT0);
    ASSERT_OK(queue);
    ASSERT_EQ(queue->size(), 1u);
    EXPECT_EQ(queue->front().header.key, "commune-07900/3");
    EXPECT_EQ(queue->front().payload, "payload");
  }
  // A key is queued once.
  EXPECT_THAT(Queue("commune-07900/3", "province"),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("commune-07900/3")));
  auto db = store_->Read();
  auto backlog = CountUndeliveredHandoffs(*db);
  ASSERT_OK(backlog);
  EXPECT_EQ(backlog->undelivered, 2);
}

TEST_F(HandoffStoreTest, InboxTakesAKeyOnceAndKeepsItsFirstReceiveTime) {
  bool fresh = false;
  ASSERT_OK(Write([&](Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(
        fresh, RecordInboxHandoff(db, Header("k/1", "C-1"), "commune-07900", kT0 + absl::Hours(9)));
    return absl::OkStatus();
  }));
  EXPECT_TRUE(fresh);
  ASSERT_OK(Write([&](Database& db) -> absl::Status {
    MOTCUA_ASSIGN_OR_RETURN(fresh, RecordInboxHandoff(db, Header("k/1", "C-1"), "commune-07900",
                                                      kT0 + absl::Hours(10)));
    return absl::OkStatus();
  }));
  EXPECT_FALSE(fresh);
  auto db = store_->Read();
  auto first = FindInboxEntry(*db, "k/1");
  ASSERT_OK(first);
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->receive_time, kT0 + absl::Hours(9));
  EXPECT_EQ((*first)->dossier_code, "C-1");
  // Received an hour after its 8-hour deadline: late, and the sending unit's.
  auto list = ListHandoffs(*db, "C-1", 10);
  ASSERT_OK(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_FALSE((*list)[0].outgoing);
  EXPECT_TRUE((*list)[0].Late(kT0));
  EXPECT_EQ((*list)[0].header.from_unit, "07900");
}

TEST_F(HandoffStoreTest, ImportedEventsContinueTheLocalChainOrWriteNothing) {
  // The sender's chain (on another store) has 3 events; this node holds the first 2.
  testing::TempDir other_dir;
  auto other = Store::Open(other_dir.path());
  ASSERT_OK(other);
  std::vector<dossier::Event> theirs = MakeChain(**other, "C-1", 3);
  MakeChain(*store_, "C-1", 0);
  std::vector<dossier::Event> first_two(theirs.begin(), theirs.begin() + 2);
  ASSERT_OK(Write([&](Database& db) { return ImportEvents(db, first_two); }));
  ASSERT_OK(Write([&](Database& db) { return ImportEvents(db, theirs); }));
  {
    auto db = store_->Read();
    auto mine = LoadEvents(*db, "C-1");
    ASSERT_OK(mine);
    ASSERT_EQ(mine->size(), 3u);
    EXPECT_EQ(mine->back().hash, theirs.back().hash);
    // Imported events are the other node's to sync to the national portal.
    EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM sync_outbox"), 0);
  }
  // An edited event no longer links: refused, nothing added.
  std::vector<dossier::Event> edited = theirs;
  edited[1].reason = "sửa";
  dossier::Event extra = theirs.back();
  extra.seq = 4;
  extra.prev_hash = theirs.back().hash;
  extra.hash = EventHash(extra);
  edited.push_back(extra);
  EXPECT_THAT(Write([&](Database& db) { return ImportEvents(db, edited); }),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("does not link")));
  // A shorter history than the one held here is refused too.
  EXPECT_THAT(Write([&](Database& db) { return ImportEvents(db, first_two); }),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("only 2 arrived")));
  auto db = store_->Read();
  EXPECT_EQ(*db->QueryInt("SELECT COUNT(*) FROM dossier_events"), 3);
}

}  // namespace
}  // namespace motcua::storage
