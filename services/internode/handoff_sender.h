// File: services/internode/handoff_sender.h
// The delivery loop of the hand-off outbox (storage/handoff_store.h): for each next hop (a tree
// neighbour: hand-offs only ever go to one), sends its oldest undelivered hand-offs in order, up
// to a batch, each with the papers it refers to, and marks those the peer acknowledged (the peer
// commits before it acknowledges) delivered in one commit. A failure waits with exponential
// backoff and jitter (0.5 s doubling up to 60 s, ×0.5–1.5) and is logged with the peer's answer.
// When the link is down, the hop's later hand-offs wait behind it, so each link keeps its order;
// when the peer refuses one hand-off, only that dossier's later hand-offs wait behind it.
#ifndef MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_
#define MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "services/common/clock.h"
#include "services/internode/peer_clients.h"
#include "storage/blob_store.h"
#include "storage/handoff_store.h"
#include "storage/store.h"

namespace motcua::internode {

class HandoffSender {
 public:
  HandoffSender(storage::Store& store, storage::BlobStore blobs, PeerClients& peers,
                std::vector<std::string> hops, const Clock& clock);
  ~HandoffSender();  // stops the loop

  void Start();
  void Stop();

  // The backoff before attempt `attempts + 1`, without jitter.
  static absl::Duration Backoff(int attempts);

 private:
  void Run();
  // One pass over the hops; returns true when something was delivered (go again at once).
  bool Pass();
  // Sends `hop`'s next batch; returns how many were delivered.
  int DeliverBatch(const std::string& hop);
  // One hand-off; OK with the peer's answer, or why not.
  absl::StatusOr<v1::DeliverHandoffResponse> Send(const storage::HandoffOutboxRow& row);

  storage::Store& store_;
  storage::BlobStore blobs_;
  PeerClients& peers_;
  const std::vector<std::string> hops_;
  const Clock& clock_;
  absl::Notification stop_;
  std::thread thread_;
  absl::Mutex mu_;
  // The call in flight, cancelled by Stop() so a slow peer does not hold up shutdown.
  grpc::ClientContext* in_flight_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace motcua::internode

#endif  // MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_
