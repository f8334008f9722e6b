// File: services/internode/handoff_sender.h
// The delivery loop of the hand-off outbox (storage/handoff_store.h): for each next hop, sends
// its oldest undelivered hand-off with the papers it refers to, and marks it delivered only
// when the peer has acknowledged it (the peer commits before it acknowledges). A failure waits
// with exponential backoff and jitter (0.5 s doubling up to 60 s, ×0.5–1.5) and is logged with
// the peer's answer; the hop's later hand-offs wait behind it, so each link keeps its order.
#ifndef MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_
#define MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_

#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "services/common/clock.h"
#include "services/internode/peer_clients.h"
#include "storage/blob_store.h"
#include "storage/store.h"

namespace motcua::internode {

class HandoffSender {
 public:
  HandoffSender(storage::Store& store, storage::BlobStore blobs, PeerClients& peers,
                const Clock& clock);
  ~HandoffSender();  // stops the loop

  void Start();
  void Stop();

  // The backoff before attempt `attempts + 1`, without jitter.
  static absl::Duration Backoff(int attempts);

 private:
  void Run();
  // One pass over the heads; returns true when something was delivered (go again at once).
  bool Pass();

  storage::Store& store_;
  storage::BlobStore blobs_;
  PeerClients& peers_;
  const Clock& clock_;
  absl::Notification stop_;
  std::thread thread_;
  absl::Mutex mu_;
  // The call in flight, cancelled by Stop() so a slow peer does not hold up shutdown.
  grpc::ClientContext* in_flight_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace motcua::internode

#endif  // MOTCUA_SERVICES_INTERNODE_HANDOFF_SENDER_H_
