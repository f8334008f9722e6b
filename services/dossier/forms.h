// File: services/dossier/forms.h
// The Vietnamese text of the one-stop forms of Circular 01/2018/TT-VPCP (DOMAIN.md §1.5) that
// the system prints: Mẫu 01 receipt and appointment, Mẫu 02 supplement guidance, Mẫu 03 refusal,
// Mẫu 04 apology and new appointment. Plain text, A5-friendly (72 columns).
#ifndef MOTCUA_SERVICES_DOSSIER_FORMS_H_
#define MOTCUA_SERVICES_DOSSIER_FORMS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "services/dossier/dossier.h"

namespace motcua::dossier {

// "dd/mm/yyyy lúc HH giờ MM" in Asia/Ho_Chi_Minh.
std::string VietnameseTime(absl::Time t);

std::string ReceiptForm(const Dossier& d, const std::string& unit_name);
// `missing`: (component code, name) pairs.
std::string SupplementGuidanceForm(const std::string& procedure_name,
                                   const std::string& applicant_name,
                                   const std::vector<std::pair<std::string, std::string>>& missing,
                                   const std::string& unit_name, absl::Time now);
std::string RefusalForm(const Dossier& d, const std::string& reason, const std::string& unit_name);
std::string ApologyForm(const Dossier& d, absl::Time old_due, const std::string& unit_name);

}  // namespace motcua::dossier

#endif  // MOTCUA_SERVICES_DOSSIER_FORMS_H_
