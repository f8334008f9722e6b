// File: services/catalog_service/catalog_proto.h
// Conversions from the catalogue's domain types to motcua.v1 messages.
#ifndef MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_PROTO_H_
#define MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_PROTO_H_

#include "motcua/v1/catalog_service.pb.h"
#include "services/catalog/administrative_unit.h"
#include "services/catalog/procedure.h"

namespace motcua::catalog_service {

void ToProto(const catalog::Procedure& in, v1::Procedure* out);
void ToProto(const catalog::Division& in, v1::Division* out);
void ToProto(const catalog::AdministrativeUnit& in, v1::AdministrativeUnit* out);
void ToProto(absl::CivilDay day, v1::Date* out);

}  // namespace motcua::catalog_service

#endif  // MOTCUA_SERVICES_CATALOG_SERVICE_CATALOG_PROTO_H_
