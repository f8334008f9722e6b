#include "services/dossier/dossier.h"

namespace motcua::dossier {

absl::Duration Dossier::SupplementPause() const {
  absl::Duration total;
  for (const auto& s : supplements) {
    if (s.completed_time) total += *s.completed_time - s.requested_time;
  }
  return total;
}

workflow::DossierFacts Dossier::Facts() const {
  workflow::DossierFacts f;
  f.status = status;
  f.step = step;
  f.resume_step = resume_step;
  f.receiving_unit = receiving_unit;
  f.competent_unit = competent_unit;
  f.assignee = assignee;
  f.owner_id = applicant.id_number;
  f.extended = extended;
  return f;
}

}  // namespace motcua::dossier
