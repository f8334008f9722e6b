#include "tests/multinode/round_trip.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace motcua::multinode {
namespace {

constexpr int kTransfer = 1;
constexpr int kResult = 2;

std::vector<std::string> Actions(const std::vector<StoredEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.action);
  return out;
}

// The nodes a hand-off from `from` to `to` passes, both ends included.
std::vector<std::string> Path(const Route& route, bool to_competent) {
  std::vector<std::string> path = {route.home};
  path.insert(path.end(), route.relays.begin(), route.relays.end());
  path.push_back(route.competent);
  if (!to_competent) std::reverse(path.begin(), path.end());
  return path;
}

bool RowsDelivered(Cluster& cluster, const std::string& node, int kind,
                   const std::set<std::string>& codes) {
  auto rows = cluster.Outbox(node);
  if (!rows.ok()) return false;
  std::set<std::string> delivered;
  for (const auto& r : *rows) {
    if (r.kind == kind && r.delivered) delivered.insert(r.dossier_code);
  }
  return std::includes(delivered.begin(), delivered.end(), codes.begin(), codes.end());
}

// Checks the hand-off of each code of `kind` along `path`: one outbox row at every node but the
// last, one inbox row at every node but the first, all with the first node's key, all delivered.
void ExpectHandoffPath(Cluster& cluster, const std::vector<std::string>& path, int kind,
                       const std::vector<std::string>& codes) {
  std::map<std::string, std::vector<OutboxRow>> outboxes;
  std::map<std::string, std::vector<InboxRow>> inboxes;
  for (const auto& node : path) {
    auto out = cluster.Outbox(node);
    auto in = cluster.Inbox(node);
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_TRUE(in.ok()) << in.status();
    outboxes[node] = *out;
    inboxes[node] = *in;
  }
  for (const auto& code : codes) {
    std::string key;
    for (size_t i = 0; i < path.size(); ++i) {
      const std::string& node = path[i];
      std::vector<OutboxRow> out;
      for (const auto& r : outboxes[node]) {
        if (r.dossier_code == code && r.kind == kind) out.push_back(r);
      }
      std::vector<InboxRow> in;
      for (const auto& r : inboxes[node]) {
        if (r.dossier_code == code && r.kind == kind) in.push_back(r);
      }
      if (i + 1 < path.size()) {
        ASSERT_EQ(out.size(), 1u) << code << " kind " << kind << ": outbox rows at " << node;
        EXPECT_TRUE(out[0].delivered) << code << " at " << node << ": " << out[0].last_error;
        EXPECT_EQ(out[0].next_hop, path[i + 1]) << code << " at " << node;
        EXPECT_EQ(out[0].origin_node, path.front()) << code << " at " << node;
        EXPECT_EQ(out[0].destination_node, path.back()) << code << " at " << node;
        if (i == 0) {
          key = out[0].key;
          EXPECT_TRUE(absl::StartsWith(key, path.front() + "/")) << key;
        } else {
          EXPECT_EQ(out[0].key, key) << code << ": the key changed at " << node;
        }
      } else {
        EXPECT_TRUE(out.empty()) << code << " kind " << kind << ": " << out.size()
                                 << " outbox rows at its destination " << node;
      }
      if (i > 0) {
        ASSERT_EQ(in.size(), 1u) << code << " kind " << kind << ": inbox rows at " << node;
        EXPECT_EQ(in[0].key, key) << code << " at " << node;
        EXPECT_EQ(in[0].peer_node, path[i - 1]) << code << " at " << node;
      } else {
        EXPECT_TRUE(in.empty()) << code << " kind " << kind << ": inbox rows at its origin "
                                << node;
      }
    }
  }
}

// `prefix` is the start of `whole`, event for event and hash for hash.
void ExpectPrefix(const std::vector<StoredEvent>& prefix, const std::vector<StoredEvent>& whole,
                  const std::string& what) {
  ASSERT_LE(prefix.size(), whole.size()) << what;
  for (size_t i = 0; i < prefix.size(); ++i) {
    EXPECT_EQ(prefix[i].seq, whole[i].seq) << what << " #" << i;
    EXPECT_EQ(prefix[i].action, whole[i].action) << what << " #" << i;
    EXPECT_EQ(prefix[i].hash, whole[i].hash) << what << " #" << i;
    EXPECT_EQ(prefix[i].prev_hash, whole[i].prev_hash) << what << " #" << i;
  }
}

}  // namespace

const std::vector<std::string>& RoundTripActions() {
  static const auto* actions = new std::vector<std::string>{
      "receive", "handoff-send", "handoff-receive", "assign", "approve",
      "issue",   "handoff-send", "handoff-result",  "return"};
  return *actions;
}

bool AllTransferred(Cluster& cluster, const Route& route, const std::vector<std::string>& codes) {
  auto held = cluster.Dossiers(route.competent);
  if (!held.ok()) return false;
  for (const auto& code : codes) {
    auto it = held->find(code);
    if (it == held->end() || !it->second.held_by.empty()) return false;
  }
  const std::set<std::string> wanted(codes.begin(), codes.end());
  for (const auto& node : Path(route, /*to_competent=*/true)) {
    if (node == route.competent) continue;
    if (!RowsDelivered(cluster, node, kTransfer, wanted)) return false;
  }
  return true;
}

bool AllResultsBack(Cluster& cluster, const Route& route, const std::vector<std::string>& codes) {
  auto held = cluster.Dossiers(route.home);
  if (!held.ok()) return false;
  for (const auto& code : codes) {
    auto it = held->find(code);
    if (it == held->end() || !it->second.held_by.empty() || it->second.status != 9) return false;
  }
  const std::set<std::string> wanted(codes.begin(), codes.end());
  for (const auto& node : Path(route, /*to_competent=*/false)) {
    if (node == route.home) continue;
    if (!RowsDelivered(cluster, node, kResult, wanted)) return false;
  }
  return true;
}

bool AllOutboxesDelivered(Cluster& cluster, const std::vector<std::string>& nodes) {
  for (const auto& node : nodes) {
    auto rows = cluster.Outbox(node);
    if (!rows.ok()) return false;
    for (const auto& r : *rows) {
      if (!r.delivered) return false;
    }
  }
  return true;
}

void ExpectTransferred(Cluster& cluster, const Route& route,
                       const std::vector<std::string>& codes) {
  auto at_home = cluster.Dossiers(route.home);
  auto at_competent = cluster.Dossiers(route.competent);
  ASSERT_TRUE(at_home.ok()) << at_home.status();
  ASSERT_TRUE(at_competent.ok()) << at_competent.status();
  for (const auto& code : codes) {
    SCOPED_TRACE(code);
    ASSERT_TRUE(at_competent->count(code)) << "not at " << route.competent;
    ASSERT_TRUE(at_home->count(code)) << "not at " << route.home;
    const StoredDossier& c = at_competent->at(code);
    const StoredDossier& h = at_home->at(code);
    EXPECT_EQ(c.status, 2);
    EXPECT_EQ(c.held_by, "");
    EXPECT_EQ(c.home_node, route.home);
    EXPECT_EQ(h.status, 2);
    EXPECT_EQ(h.held_by, route.competent);
    for (const auto& relay : route.relays) {
      auto there = cluster.Dossiers(relay);
      ASSERT_TRUE(there.ok()) << there.status();
      EXPECT_FALSE(there->count(code)) << "relay " << relay << " stored the dossier";
    }
    auto home_events = cluster.Events(route.home, code);
    auto competent_events = cluster.Events(route.competent, code);
    ASSERT_TRUE(home_events.ok()) << home_events.status();
    ASSERT_TRUE(competent_events.ok()) << competent_events.status();
    EXPECT_THAT(Actions(*home_events), ::testing::ElementsAre("receive", "handoff-send"));
    EXPECT_THAT(Actions(*competent_events),
                ::testing::ElementsAre("receive", "handoff-send", "handoff-receive"));
    ExpectPrefix(*home_events, *competent_events, "home history within the competent's");
  }
  ExpectHandoffPath(cluster, Path(route, true), kTransfer, codes);
}

void ExpectRoundTripsSettled(Cluster& cluster, const Route& route,
                             const std::vector<std::string>& codes) {
  auto at_home = cluster.Dossiers(route.home);
  auto at_competent = cluster.Dossiers(route.competent);
  ASSERT_TRUE(at_home.ok()) << at_home.status();
  ASSERT_TRUE(at_competent.ok()) << at_competent.status();
  const size_t decided = RoundTripActions().size() - 2;  // up to the result's handoff-send
  for (const auto& code : codes) {
    SCOPED_TRACE(code);
    ASSERT_TRUE(at_home->count(code)) << "not at " << route.home;
    ASSERT_TRUE(at_competent->count(code)) << "not at " << route.competent;
    const StoredDossier& h = at_home->at(code);
    const StoredDossier& c = at_competent->at(code);
    EXPECT_EQ(h.status, 10);
    EXPECT_EQ(h.held_by, "");
    EXPECT_EQ(c.status, 9);
    EXPECT_EQ(c.held_by, route.home);
    EXPECT_EQ(c.home_node, route.home);
    for (const auto& relay : route.relays) {
      auto there = cluster.Dossiers(relay);
      ASSERT_TRUE(there.ok()) << there.status();
      EXPECT_FALSE(there->count(code)) << "relay " << relay << " stored the dossier";
    }
    auto home_events = cluster.Events(route.home, code);
    auto competent_events = cluster.Events(route.competent, code);
    ASSERT_TRUE(home_events.ok()) << home_events.status();
    ASSERT_TRUE(competent_events.ok()) << competent_events.status();
    EXPECT_EQ(Actions(*home_events), RoundTripActions());
    EXPECT_EQ(
        Actions(*competent_events),
        std::vector<std::string>(RoundTripActions().begin(), RoundTripActions().begin() + decided));
    ExpectPrefix(*competent_events, *home_events, "competent history within the home's");
    for (size_t i = 0; i < home_events->size(); ++i) {
      EXPECT_EQ((*home_events)[i].seq, static_cast<int64_t>(i) + 1);
    }
    if (!home_events->empty()) {
      EXPECT_EQ(home_events->back().status_after, 10);
    }
    if (cluster.Running(route.home)) {
      auto history = cluster.History(route.home, code);
      ASSERT_TRUE(history.ok()) << history.status();
      EXPECT_TRUE(history->chain_valid());
      EXPECT_EQ(history->events_size(), static_cast<int>(RoundTripActions().size()));
    }
  }
  ExpectHandoffPath(cluster, Path(route, true), kTransfer, codes);
  ExpectHandoffPath(cluster, Path(route, false), kResult, codes);
  std::vector<std::string> nodes = Path(route, true);
  EXPECT_TRUE(AllOutboxesDelivered(cluster, nodes));
  for (const auto& node : nodes) {
    if (!cluster.Running(node)) continue;
    auto verified = cluster.VerifyChains(node);
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_TRUE(verified->valid()) << node << ": " << verified->broken_dossier() << " #"
                                   << verified->broken_seq() << " " << verified->problem();
  }
}

bool DecideAndReturnAll(Cluster& cluster, const Route& route, const std::vector<std::string>& codes,
                        absl::Duration timeout) {
  bool ok = true;
  for (const auto& code : codes) {
    absl::Status s = cluster.Decide(route.competent, code);
    EXPECT_TRUE(s.ok()) << s;
    ok = ok && s.ok();
  }
  if (!ok) return false;
  if (!WaitFor([&] { return AllResultsBack(cluster, route, codes); }, timeout)) {
    ADD_FAILURE() << "the results did not come back to " << route.home << " within " << timeout;
    return false;
  }
  for (const auto& code : codes) {
    absl::Status s = cluster.ReturnResult(route.home, code);
    EXPECT_TRUE(s.ok()) << s;
    ok = ok && s.ok();
  }
  return ok;
}

}  // namespace motcua::multinode
