// File: clients/portal_simulator/record_validator.h
// What the simulated national portal accepts: every field of a DongBoHoSoMC record (DOMAIN.md
// §3.2) and of a CapNhatTienDoHoSoMC entry (§3.3) checked for name, type, code list and date
// format (yyyyMMddHHmmss), plus the consistency a status implies (status 10 has NgayTra, ...).
// Unknown fields are refused, so a misspelt field name cannot pass. Errors are
// kInvalidArgument naming the field path ("TaiLieuNop[1].DuocSoHoa: ...").
#ifndef MOTCUA_CLIENTS_PORTAL_SIMULATOR_RECORD_VALIDATOR_H_
#define MOTCUA_CLIENTS_PORTAL_SIMULATOR_RECORD_VALIDATOR_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace motcua::portal_sim {

// `path` prefixes field names in errors ("data[0]").
absl::Status ValidateDossierRecord(const nlohmann::json& record, absl::string_view path = "");
absl::Status ValidateProgressEntry(const nlohmann::json& entry, absl::string_view path = "");

}  // namespace motcua::portal_sim

#endif  // MOTCUA_CLIENTS_PORTAL_SIMULATOR_RECORD_VALIDATOR_H_
