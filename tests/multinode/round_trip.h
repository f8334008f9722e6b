// File: tests/multinode/round_trip.h
// The states a liên thông round trip must converge to, as GoogleTest expectations over the
// nodes' stores: a dossier received at the `home` node's desk, handled at the `competent` node,
// and (after the result came back) returned at the home desk; `relays` are the nodes in between.
#ifndef MOTCUA_TESTS_MULTINODE_ROUND_TRIP_H_
#define MOTCUA_TESTS_MULTINODE_ROUND_TRIP_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/multinode/cluster.h"

namespace motcua::multinode {

struct Route {
  std::string home;
  std::string competent;
  std::vector<std::string> relays;
};

// The history of a dossier at the home node after a full round trip, action by action.
const std::vector<std::string>& RoundTripActions();

// Every code is held by route.competent (its store has it, held by no one else) and the home
// node's hand-off rows for them are delivered. For polling.
bool AllTransferred(Cluster& cluster, const Route& route, const std::vector<std::string>& codes);
// Every code is back at route.home in state 9 and the competent node's result rows are delivered.
bool AllResultsBack(Cluster& cluster, const Route& route, const std::vector<std::string>& codes);
// Every outbox row of every running node is delivered.
bool AllOutboxesDelivered(Cluster& cluster, const std::vector<std::string>& nodes);

// After AllTransferred: each code is at route.competent exactly once (state 2, home node set),
// the home node's copy names the holder, each hand-off key sits once in each inbox along the
// route, the competent node's history is the home node's plus "handoff-receive", once.
void ExpectTransferred(Cluster& cluster, const Route& route, const std::vector<std::string>& codes);

// After the round trips: state 10 at home and held by no one else, state 9 at the competent node
// held by home, relays hold no dossier, the home history is RoundTripActions() with no action
// twice that should be once, the competent node's history a prefix of it hash for hash, every
// outbox row delivered, every inbox key once, every chain valid (VerifyEventChains and the
// history's chain_valid) on the running nodes.
void ExpectRoundTripsSettled(Cluster& cluster, const Route& route,
                             const std::vector<std::string>& codes);

// Runs Decide at route.competent for every code, waits (up to `timeout`) for the results to come
// back, and returns each at the home desk. Fails the test (non-fatally) when something does not
// happen; returns whether everything did.
bool DecideAndReturnAll(Cluster& cluster, const Route& route, const std::vector<std::string>& codes,
                        absl::Duration timeout);

}  // namespace motcua::multinode

#endif  // MOTCUA_TESTS_MULTINODE_ROUND_TRIP_H_
