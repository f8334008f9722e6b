// DossierEngine::Reorganise: administrative units merged (the 1 Jul 2025 arrangement) take their
// predecessors' open dossiers. The catalogue's formed_from says who became whom; the dossier's
// code, history and due dates stay as they are, so old codes keep resolving and nothing the
// citizen was promised moves.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/status_macros.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/catalog_store.h"
#include "storage/dossier_change.h"

namespace motcua::dossier_service {
namespace {

using dossier::Dossier;
using workflow::Status;

struct Successions {
  std::map<std::string, storage::UnitSuccession> merged;  // whole predecessors
  std::set<std::string> split;                            // predecessors split between units
};

// Moves `unit` to its successor, noting the move; true when it moved.
bool MoveUnit(const Successions& s, absl::string_view field, std::string& unit,
              std::vector<std::string>& moves, std::vector<std::string>& reasons) {
  auto it = s.merged.find(unit);
  if (it == s.merged.end()) return false;
  moves.push_back(absl::StrCat(field, " ", unit, " → ", it->second.successor_code));
  reasons.push_back(absl::StrCat(unit, " ", it->second.predecessor_name, " → ",
                                 it->second.successor_code, " ", it->second.successor_name));
  unit = it->second.successor_code;
  return true;
}

}  // namespace

void DossierEngine::Reorganise(const workflow::Actor& actor, std::string division, bool apply,
                               std::function<void(absl::StatusOr<std::vector<Rehomed>>)> done) {
  if (actor.role != workflow::Role::kAdmin) {
    return done(absl::PermissionDeniedError("only an admin reorganises units"));
  }
  if (division.empty() || division.size() > 40) {
    return done(absl::InvalidArgumentError("division: is required (e.g. 2025)"));
  }
  auto out = std::make_shared<std::vector<Rehomed>>();
  auto work = [this, actor, division, apply, out](storage::Database& db) -> absl::Status {
    out->clear();
    MOTCUA_ASSIGN_OR_RETURN(std::vector<storage::UnitSuccession> links,
                            storage::ListUnitSuccessions(db, division));
    Successions s;
    std::map<std::string, int> successors_of;
    for (const auto& l : links) ++successors_of[l.predecessor_code];
    for (const auto& l : links) {
      if (l.partial || successors_of[l.predecessor_code] > 1) {
        s.split.insert(l.predecessor_code);
      } else {
        s.merged[l.predecessor_code] = l;
      }
    }
    std::vector<std::string> units;
    for (const auto& [code, _] : s.merged) units.push_back(code);
    for (const auto& code : s.split) units.push_back(code);
    const absl::Time now = clock_.Now();
    std::set<std::string> seen;
    // A province merges hundreds of units: ask for a few at a time (each unit is one index range
    // per unit column and queue in the worklist query, which SQLite caps at 500).
    constexpr size_t kUnitsPerQuery = 4;
    for (size_t first = 0; first < units.size(); first += kUnitsPerQuery) {
      storage::DossierQuery q;
      q.units.assign(units.begin() + first,
                     units.begin() + std::min(units.size(), first + kUnitsPerQuery));
      q.statuses = {Status::kSubmitted,           Status::kReceived,         Status::kProcessing,
                    Status::kSupplementRequested, Status::kPaymentRequested, Status::kResolved};
      q.limit = 500;
      while (true) {
        MOTCUA_ASSIGN_OR_RETURN(storage::DossierPage page, storage::ListDossiers(db, q));
        for (Dossier& d : page.dossiers) {
          if (!seen.insert(d.code).second) continue;
          Rehomed r;
          r.code = d.code;
          if (!d.held_by.empty()) {
            r.skipped =
                absl::StrCat("đang được xử lý tại nút ", d.held_by, "; sắp xếp lại tại nút đó");
            out->push_back(std::move(r));
            continue;
          }
          for (const std::string* u : {&d.receiving_unit, &d.competent_unit, &d.support_unit}) {
            if (s.split.count(*u)) {
              r.skipped = absl::StrCat(
                  "đơn vị ", *u, " được chia cho nhiều đơn vị; chọn đơn vị tiếp nhận thủ công");
            }
          }
          if (!r.skipped.empty()) {
            out->push_back(std::move(r));
            continue;
          }
          std::vector<std::string> reasons;
          MoveUnit(s, "receiving_unit", d.receiving_unit, r.moves, reasons);
          MoveUnit(s, "competent_unit", d.competent_unit, r.moves, reasons);
          MoveUnit(s, "support_unit", d.support_unit, r.moves, reasons);
          for (auto& c : d.consultations) {
            MoveUnit(s, absl::StrCat("consultations[", c.number, "].unit"), c.unit, r.moves,
                     reasons);
            MoveUnit(s, absl::StrCat("consultations[", c.number, "].lead_unit"), c.lead_unit,
                     r.moves, reasons);
          }
          if (r.moves.empty()) continue;
          if (apply) {
            dossier::Event e;
            e.time = now;
            e.actor = actor.username;
            e.role = actor.role;
            e.unit = d.receiving_unit;
            e.action = "rehome";
            e.reason = absl::StrCat("Sắp xếp đơn vị hành chính (", division,
                                    "): ", absl::StrJoin(reasons, "; "),
                                    ". Mã hồ sơ và ngày hẹn trả giữ nguyên");
            MOTCUA_RETURN_IF_ERROR(storage::RecordChange(db, d, std::move(e)));
          }
          out->push_back(std::move(r));
        }
        if (!page.more) break;
        q.after_due = storage::DueKey(page.dossiers.back());
        q.after_code = page.dossiers.back().code;
      }
    }
    return absl::OkStatus();
  };
  ReadOrWrite(apply, std::move(work), std::move(out), std::move(done));
}

}  // namespace motcua::dossier_service
