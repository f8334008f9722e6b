#include "services/catalog_service/catalog_service.h"

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/catalog/procedure.h"
#include "services/catalog_service/catalog_proto.h"
#include "services/common/status_macros.h"
#include "services/common/text_fold.h"
#include "services/grpc_util/page_token.h"
#include "services/grpc_util/status_conversion.h"
#include "storage/catalog_store.h"

namespace motcua::catalog_service {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;
constexpr size_t kMaxQueryBytes = 200;
constexpr size_t kMaxTerms = 8;

absl::StatusOr<std::vector<std::string>> SearchTerms(absl::string_view query) {
  if (query.size() > kMaxQueryBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("query: longer than ", kMaxQueryBytes, " bytes"));
  }
  if (!IsValidUtf8(query)) return absl::InvalidArgumentError("query: not valid UTF-8");
  std::vector<std::string> terms = absl::StrSplit(FoldVietnamese(query), ' ', absl::SkipEmpty());
  if (terms.size() > kMaxTerms) {
    return absl::InvalidArgumentError(absl::StrCat("query: more than ", kMaxTerms, " words"));
  }
  return terms;
}

absl::StatusOr<std::optional<catalog::Level>> LevelFilter(v1::AdministrativeLevel level,
                                                          absl::string_view field) {
  if (level == v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED) return std::nullopt;
  if (!v1::AdministrativeLevel_IsValid(level)) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": unknown level ", level));
  }
  return static_cast<catalog::Level>(level);
}

}  // namespace

absl::Status CatalogHandler::GetProcedure(const v1::GetProcedureRequest& req,
                                          v1::Procedure* resp) {
  absl::string_view code = req.name();
  if (!absl::ConsumePrefix(&code, "procedures/") || !catalog::IsValidProcedureCode(code)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "name: \"", req.name(), "\" is not procedures/{code} with a code like 1.001193"));
  }
  auto db = store_.Read();
  MOTCUA_ASSIGN_OR_RETURN(catalog::Procedure p, storage::GetProcedure(*db, code));
  ToProto(p, resp);
  return absl::OkStatus();
}

absl::Status CatalogHandler::ListProcedures(const v1::ListProceduresRequest& req,
                                            v1::ListProceduresResponse* resp) {
  storage::ProcedureQuery q;
  MOTCUA_ASSIGN_OR_RETURN(q.limit, EffectivePageSize(req.page_size(), kDefaultPageSize,
                                                     kMaxPageSize));
  MOTCUA_ASSIGN_OR_RETURN(q.level, LevelFilter(req.implementing_level(), "implementing_level"));
  if (req.online_level() != v1::ONLINE_SERVICE_LEVEL_UNSPECIFIED) {
    if (!v1::OnlineServiceLevel_IsValid(req.online_level())) {
      return absl::InvalidArgumentError(
          absl::StrCat("online_level: unknown level ", req.online_level()));
    }
    q.online_level = static_cast<catalog::OnlineLevel>(req.online_level());
  }
  if (req.field_code().size() > 64) return absl::InvalidArgumentError("field_code: too long");
  q.field_code = req.field_code();
  MOTCUA_ASSIGN_OR_RETURN(q.terms, SearchTerms(req.query()));
  auto db = store_.Read();
  if (!req.unit().empty()) {
    // A unit carries out the procedures of its own level.
    absl::string_view name = req.unit();
    std::string division;
    std::string code;
    std::vector<std::string> parts = absl::StrSplit(name, '/');
    if (parts.size() == 4 && parts[0] == "divisions" && parts[2] == "units") {
      division = parts[1];
      code = parts[3];
    } else if (parts.size() == 1) {
      MOTCUA_ASSIGN_OR_RETURN(
          catalog::Division d,
          storage::DivisionOn(*db, absl::ToCivilDay(clock_.Now(), VietnamTimeZone())));
      division = d.id;
      code = parts[0];
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "unit: \"", name, "\" is neither a GSO code nor divisions/{d}/units/{code}"));
    }
    auto unit = storage::GetUnit(*db, division, code);
    if (!unit.ok()) {
      return absl::Status(unit.status().code(), absl::StrCat("unit: ", unit.status().message()));
    }
    if (q.level && *q.level != unit->level) {
      return absl::InvalidArgumentError(
          "unit: the unit's level differs from implementing_level; give one of them");
    }
    q.level = unit->level;
  }
  const std::string filters =
      absl::StrCat(req.implementing_level(), "|", req.online_level(), "|", req.field_code(), "|",
                   req.unit(), "|", req.query());
  MOTCUA_ASSIGN_OR_RETURN(q.after_code, DecodePageToken(req.page_token(), filters));
  MOTCUA_ASSIGN_OR_RETURN(storage::ProcedurePage page, storage::ListProcedures(*db, q));
  for (const auto& p : page.procedures) ToProto(p, resp->add_procedures());
  resp->set_total_size(page.total);
  if (page.more) {
    resp->set_next_page_token(EncodePageToken(filters, page.procedures.back().code));
  }
  return absl::OkStatus();
}

absl::Status CatalogHandler::ListDivisions(const v1::ListDivisionsRequest& req,
                                           v1::ListDivisionsResponse* resp) {
  auto db = store_.Read();
  MOTCUA_ASSIGN_OR_RETURN(auto divisions, storage::ListDivisions(*db));
  for (const auto& d : divisions) ToProto(d, resp->add_divisions());
  return absl::OkStatus();
}

absl::Status CatalogHandler::GetUnit(const v1::GetUnitRequest& req, v1::AdministrativeUnit* resp) {
  std::vector<std::string> parts = absl::StrSplit(req.name(), '/');
  auto db = store_.Read();
  std::string division;
  std::string code;
  if (parts.size() == 4 && parts[0] == "divisions" && parts[2] == "units") {
    division = parts[1];
    code = parts[3];
  } else if (parts.size() == 2 && parts[0] == "units") {
    MOTCUA_ASSIGN_OR_RETURN(
        catalog::Division d,
        storage::DivisionOn(*db, absl::ToCivilDay(clock_.Now(), VietnamTimeZone())));
    division = d.id;
    code = parts[1];
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "name: \"", req.name(), "\" is not divisions/{division}/units/{code} or units/{code}"));
  }
  if (code.empty() || code.size() > 10 || code.find_first_not_of("0123456789") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("name: \"", code, "\" is not a GSO code"));
  }
  MOTCUA_ASSIGN_OR_RETURN(catalog::AdministrativeUnit u, storage::GetUnit(*db, division, code));
  ToProto(u, resp);
  return absl::OkStatus();
}

absl::Status CatalogHandler::ListUnits(const v1::ListUnitsRequest& req,
                                       v1::ListUnitsResponse* resp) {
  storage::UnitQuery q;
  MOTCUA_ASSIGN_OR_RETURN(q.limit, EffectivePageSize(req.page_size(), kDefaultPageSize,
                                                     kMaxPageSize));
  MOTCUA_ASSIGN_OR_RETURN(q.level, LevelFilter(req.level(), "level"));
  MOTCUA_ASSIGN_OR_RETURN(q.terms, SearchTerms(req.query()));
  q.parent_code = req.parent_unit();
  auto db = store_.Read();
  if (req.parent().empty()) {
    MOTCUA_ASSIGN_OR_RETURN(
        catalog::Division d,
        storage::DivisionOn(*db, absl::ToCivilDay(clock_.Now(), VietnamTimeZone())));
    q.division = d.id;
  } else {
    absl::string_view parent = req.parent();
    if (!absl::ConsumePrefix(&parent, "divisions/") || parent.empty() ||
        absl::StrContains(parent, "/")) {
      return absl::InvalidArgumentError(
          absl::StrCat("parent: \"", req.parent(), "\" is not divisions/{division}"));
    }
    q.division = std::string(parent);
    MOTCUA_ASSIGN_OR_RETURN(auto divisions, storage::ListDivisions(*db));
    bool known = false;
    for (const auto& d : divisions) known = known || d.id == q.division;
    if (!known) {
      return absl::NotFoundError(absl::StrCat("parent: division ", q.division, " does not exist"));
    }
  }
  const std::string filters = absl::StrCat(q.division, "|", req.parent_unit(), "|", req.level(),
                                           "|", req.query());
  MOTCUA_ASSIGN_OR_RETURN(q.after_code, DecodePageToken(req.page_token(), filters));
  MOTCUA_ASSIGN_OR_RETURN(storage::UnitPage page, storage::ListUnits(*db, q));
  for (const auto& u : page.units) ToProto(u, resp->add_units());
  resp->set_total_size(page.total);
  if (page.more) resp->set_next_page_token(EncodePageToken(filters, page.units.back().code));
  return absl::OkStatus();
}

// Reads are short local SQLite queries (microseconds), so they run on the callback thread.
#define MOTCUA_UNARY(Method, Req, Resp)                                             \
  grpc::ServerUnaryReactor* CatalogServiceImpl::Method(                             \
      grpc::CallbackServerContext* ctx, const Req* req, Resp* resp) {               \
    auto* reactor = ctx->DefaultReactor();                                          \
    reactor->Finish(ToGrpcStatus(handler_.Method(*req, resp)));                     \
    return reactor;                                                                 \
  }

MOTCUA_UNARY(GetProcedure, v1::GetProcedureRequest, v1::Procedure)
MOTCUA_UNARY(ListProcedures, v1::ListProceduresRequest, v1::ListProceduresResponse)
MOTCUA_UNARY(ListDivisions, v1::ListDivisionsRequest, v1::ListDivisionsResponse)
MOTCUA_UNARY(GetUnit, v1::GetUnitRequest, v1::AdministrativeUnit)
MOTCUA_UNARY(ListUnits, v1::ListUnitsRequest, v1::ListUnitsResponse)

#undef MOTCUA_UNARY

}  // namespace motcua::catalog_service
