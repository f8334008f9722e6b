// File: services/dossier_service/dossier_proto.h
// Conversions between the dossier's domain types and motcua.v1 messages.
#ifndef MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_PROTO_H_
#define MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_PROTO_H_

#include <optional>
#include <string>

#include "google/protobuf/timestamp.pb.h"
#include "motcua/v1/dossier.pb.h"
#include "services/deadlines/timeliness.h"
#include "services/dossier/dossier.h"
#include "services/dossier_service/dossier_engine.h"

namespace motcua::dossier_service {

void ToProto(absl::Time t, google::protobuf::Timestamp* out);
absl::Time FromProto(const google::protobuf::Timestamp& t);

// `actor` (may be null) adds allowed_actions.
void ToProto(const dossier::Dossier& d, deadlines::Timeliness timeliness,
             const workflow::Actor* actor, v1::Dossier* out);
void ToProto(const dossier::Event& e, v1::DossierEvent* out);

// "dossiers/{code}" → code (upper-cased); kInvalidArgument naming `field` otherwise.
absl::StatusOr<std::string> DossierCodeFromName(absl::string_view name, absl::string_view field);

// Reads the fields of a CreateDossierRequest.dossier into the engine's input.
absl::StatusOr<CreateInput> CreateInputFromProto(const v1::Dossier& d);
std::vector<AttachmentUpload> UploadsFromProto(
    const google::protobuf::RepeatedPtrField<v1::Attachment>& attachments);

}  // namespace motcua::dossier_service

#endif  // MOTCUA_SERVICES_DOSSIER_SERVICE_DOSSIER_PROTO_H_
