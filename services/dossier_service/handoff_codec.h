// File: services/dossier_service/handoff_codec.h
// A hand-off between nodes as bytes and back: the routing header, the complete dossier (every
// field the store keeps) and its hash-chained history, as a motcua.v1.Handoff.
#ifndef MOTCUA_SERVICES_DOSSIER_SERVICE_HANDOFF_CODEC_H_
#define MOTCUA_SERVICES_DOSSIER_SERVICE_HANDOFF_CODEC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "motcua/v1/internode_service.pb.h"
#include "services/dossier/dossier.h"
#include "storage/handoff_store.h"

namespace motcua::dossier_service {

struct HandoffMessage {
  storage::HandoffHeader header;
  dossier::Dossier dossier;
  std::vector<dossier::Event> events;
};

void ToProto(const HandoffMessage& m, v1::Handoff* out);
// Checks what a receiver relies on: a key, a known kind, node ids, units, the dossier's code
// matching the header, events numbered 1..n of that dossier. Errors name the field.
absl::StatusOr<HandoffMessage> FromProto(const v1::Handoff& h);
// A dossier alone (a cross-node lookup's answer), events not included.
void ToProto(const dossier::Dossier& d, v1::HandoffDossier* out);
dossier::Dossier FromProto(const v1::HandoffDossier& p);

}  // namespace motcua::dossier_service

#endif  // MOTCUA_SERVICES_DOSSIER_SERVICE_HANDOFF_CODEC_H_
