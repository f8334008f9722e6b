// File: services/dossier/dossier_code.h
// The dossier code (mã số hồ sơ, Circular 01/2018 Art. 19): the receiving agency's code, the
// reception date and the sequence number of the day, e.g. "000.00.00.H44-261126-0001". The
// layout is a template because Circular 03/2025 may change it (DOMAIN.md §3.6):
//   {agency}  the agency code        {yy} {yyyy} {mm} {dd}  the local reception date
//   {seq}     the sequence, at least 4 digits ({seq:N} for at least N)
#ifndef MOTCUA_SERVICES_DOSSIER_DOSSIER_CODE_H_
#define MOTCUA_SERVICES_DOSSIER_DOSSIER_CODE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace motcua::dossier {

inline constexpr char kDefaultCodeFormat[] = "{agency}-{yy}{mm}{dd}-{seq}";

// kInvalidArgument for an unknown placeholder or a template without {agency} and {seq}.
absl::Status ValidateCodeFormat(absl::string_view format);
std::string FormatDossierCode(absl::string_view format, absl::string_view agency,
                              absl::CivilDay day, int64_t seq);

// True when `code` is 1..64 characters of A–Z, 0–9, '.', '-' and '_' (case-insensitive input is
// upper-cased by the caller).
bool IsWellFormedDossierCode(absl::string_view code);
// `code` upper-cased when well formed; kInvalidArgument naming `field` otherwise.
absl::StatusOr<std::string> NormalizeDossierCode(absl::string_view code,
                                                 absl::string_view field = "name");

// The agency code of a unit (QCVN document-exchange code). UNCONFIRMED for Phú Thọ (DOMAIN.md
// §3.7): the province is "000.00.00.H44", other units "H44.<GSO code>" unless configured.
std::string DefaultAgencyCode(absl::string_view province_code, absl::string_view unit_code);

}  // namespace motcua::dossier

#endif  // MOTCUA_SERVICES_DOSSIER_DOSSIER_CODE_H_
