#include "clients/cli/catalog_commands.h"

#include <grpcpp/client_context.h>

#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/cli/table_printer.h"
#include "motcua/v1/catalog_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "services/common/flag_parser.h"

namespace motcua::cli {
namespace {

constexpr auto kCallTimeout = std::chrono::seconds(15);

void SetDeadline(grpc::ClientContext* call) {
  call->set_deadline(std::chrono::system_clock::now() + kCallTimeout);
}

std::string LevelText(v1::AdministrativeLevel level) {
  switch (level) {
    case v1::ADMINISTRATIVE_LEVEL_COMMUNE:
      return "Cấp xã";
    case v1::ADMINISTRATIVE_LEVEL_DISTRICT:
      return "Cấp huyện";
    case v1::ADMINISTRATIVE_LEVEL_PROVINCE:
      return "Cấp tỉnh";
    case v1::ADMINISTRATIVE_LEVEL_MINISTRY:
      return "Cấp bộ";
    case v1::ADMINISTRATIVE_LEVEL_OTHER:
      return "Cơ quan khác";
    default:
      return "";
  }
}

std::string OnlineText(v1::OnlineServiceLevel level) {
  switch (level) {
    case v1::ONLINE_SERVICE_LEVEL_FULL:
      return "4 - toàn trình";
    case v1::ONLINE_SERVICE_LEVEL_PARTIAL:
      return "3 - một phần";
    default:
      return "không";
  }
}

std::string MoneyText(int64_t vnd) {
  if (vnd == 0) return "Miễn phí";
  std::string digits = absl::StrCat(vnd);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out.push_back(digits[i]);
    if ((n - i - 1) % 3 == 0 && i + 1 < n) out.push_back('.');
  }
  return out + " đ";
}

std::string FeesText(const v1::Procedure& p) {
  std::vector<std::string> parts;
  for (const auto& f : p.fees()) {
    parts.push_back(absl::StrCat(MoneyText(f.amount_vnd()), f.per().empty() ? "" : "/" + f.per()));
  }
  return parts.empty() ? "Không" : absl::StrJoin(parts, "; ");
}

std::string LevelsText(const v1::Procedure& p) {
  std::vector<std::string> parts;
  for (int l : p.implementing_levels()) {
    parts.push_back(LevelText(static_cast<v1::AdministrativeLevel>(l)));
  }
  return absl::StrJoin(parts, ", ");
}

bool ParseLevelFlag(const std::string& text, v1::AdministrativeLevel* out) {
  if (text == "commune")
    *out = v1::ADMINISTRATIVE_LEVEL_COMMUNE;
  else if (text == "district")
    *out = v1::ADMINISTRATIVE_LEVEL_DISTRICT;
  else if (text == "province")
    *out = v1::ADMINISTRATIVE_LEVEL_PROVINCE;
  else
    return false;
  return true;
}

int CatalogList(CliContext& ctx, const std::vector<std::string>& args) {
  std::string unit, level, online, query, field, page_token;
  int page_size = 0;
  bool all = false;
  FlagParser flags("motcua catalog list [flags]",
                   "Lists the procedures of the catalogue (thủ tục hành chính), 50 per page.");
  flags.AddString("unit", &unit, "Only procedures the unit carries out (GSO code).", "CODE");
  flags.AddString("level", &level, "Only procedures of this level: commune, district, province.",
                  "LEVEL");
  flags.AddString("online-level", &online, "Only level 3 (một phần) or 4 (toàn trình).", "3|4");
  flags.AddString("query", &query, "Words in the name or code, with or without diacritics.",
                  "TEXT");
  flags.AddString("field", &field, "Only this field (lĩnh vực) code.", "CODE");
  flags.AddInt("page-size", &page_size, "Results per page (default 50, at most 500).");
  flags.AddString("page-token", &page_token, "Continue from a previous page.", "TOKEN");
  flags.AddBool("all", &all, "Fetch every page.");
  flags.AddExample("motcua catalog list --online-level 4");
  flags.AddExample("motcua catalog list --query \"dang ky khai sinh\"");
  flags.AddExample("motcua --output json catalog list --unit 07900 --level commune");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (!rest.empty()) return ctx.UsageError("catalog list takes no arguments (see --help)");
  v1::ListProceduresRequest req;
  if (!level.empty()) {
    v1::AdministrativeLevel l;
    if (!ParseLevelFlag(level, &l)) {
      return ctx.UsageError("--level: must be commune, district or province");
    }
    req.set_implementing_level(l);
  }
  if (online == "3") {
    req.set_online_level(v1::ONLINE_SERVICE_LEVEL_PARTIAL);
  } else if (online == "4") {
    req.set_online_level(v1::ONLINE_SERVICE_LEVEL_FULL);
  } else if (!online.empty()) {
    return ctx.UsageError("--online-level: must be 3 or 4");
  }
  req.set_unit(unit);
  req.set_query(query);
  req.set_field_code(field);
  req.set_page_size(page_size);
  req.set_page_token(page_token);

  auto stub = v1::CatalogService::NewStub(ctx.Channel());
  v1::ListProceduresResponse all_pages;
  while (true) {
    grpc::ClientContext call;
    SetDeadline(&call);
    v1::ListProceduresResponse resp;
    grpc::Status status = stub->ListProcedures(&call, req, &resp);
    if (!status.ok()) return ctx.ReportRpcError(status);
    all_pages.mutable_procedures()->MergeFrom(resp.procedures());
    all_pages.set_total_size(resp.total_size());
    all_pages.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(all_pages);
    return kExitOk;
  }
  TablePrinter table({"Mã", "Tên thủ tục", "Cấp thực hiện", "Mức DVC", "Thời hạn", "Lệ phí"},
                     {0, 60, 24, 0, 28, 20});
  for (const auto& p : all_pages.procedures()) {
    table.AddRow({p.code(), p.display_name(), LevelsText(p), OnlineText(p.online_level()),
                  p.time_limit().display_text(), FeesText(p)});
  }
  table.Print(*ctx.out);
  *ctx.out << "\n" << all_pages.procedures_size() << " / " << all_pages.total_size() << " thủ tục";
  if (!all_pages.next_page_token().empty()) {
    *ctx.out << " — trang tiếp: --page-token " << all_pages.next_page_token() << " (hoặc --all)";
  }
  *ctx.out << "\n";
  return kExitOk;
}

int CatalogShow(CliContext& ctx, const std::vector<std::string>& args) {
  FlagParser flags("motcua catalog show CODE",
                   "Shows one procedure: papers, steps with their budgets, fees, time limit, "
                   "online level.");
  flags.AddExample("motcua catalog show 1.001193");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (rest.size() != 1) return ctx.UsageError("catalog show needs one procedure CODE (see --help)");
  auto stub = v1::CatalogService::NewStub(ctx.Channel());
  v1::GetProcedureRequest req;
  req.set_name(absl::StrCat("procedures/", rest[0]));
  v1::Procedure p;
  grpc::ClientContext call;
  SetDeadline(&call);
  grpc::Status status = stub->GetProcedure(&call, req, &p);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(p);
    return kExitOk;
  }
  std::ostream& o = *ctx.out;
  o << p.code() << "  " << p.display_name() << "\n";
  o << "  Lĩnh vực:        " << p.field().display_name() << " (" << p.field().code() << ")\n";
  o << "  Cấp thực hiện:   " << LevelsText(p) << "\n";
  o << "  Dịch vụ công:    mức " << OnlineText(p.online_level()) << "\n";
  o << "  Thời hạn:        " << p.time_limit().display_text() << "\n";
  if (p.time_limit().unit() == v1::TimeLimit::SAME_DAY) {
    o << "                   (nhận trước 15 giờ: trả trong ngày; sau 15 giờ: trả ngày làm việc "
         "tiếp theo)\n";
  }
  o << "  Lệ phí:          " << FeesText(p) << "\n";
  for (const auto& f : p.fees()) {
    if (!f.note().empty()) o << "                   " << f.note() << "\n";
  }
  o << "  Phiên bản:       " << p.version() << " (hiệu lực từ "
    << absl::StrFormat("%02d/%02d/%04d", p.valid_from().day(), p.valid_from().month(),
                       p.valid_from().year())
    << ")\n";
  o << "  Thành phần hồ sơ:\n";
  for (const auto& c : p.components()) {
    o << "    - " << c.display_name() << (c.required() ? "" : " (không bắt buộc)") << ", "
      << c.copies() << " bản\n";
  }
  o << "  Trình tự thực hiện:\n";
  static const char* kRoles[] = {"", "cán bộ tiếp nhận", "chuyên viên", "lãnh đạo", "văn thư"};
  for (const auto& s : p.steps()) {
    int role = static_cast<int>(s.role());
    o << "    " << s.ordinal() << ". " << s.display_name() << " — "
      << (role >= 1 && role <= 4 ? kRoles[role] : "")
      << (s.unit() == v1::ProcessStep::ONE_STOP ? " tại Bộ phận Một cửa"
                                                : " tại cơ quan giải quyết")
      << ", " << absl::StrFormat("%g", s.budget_hours()) << " giờ làm việc\n";
  }
  if (p.demo_fields_size() > 0) {
    std::vector<std::string> fields(p.demo_fields().begin(), p.demo_fields().end());
    o << "  Giá trị minh họa (demo, không phải số liệu nguồn): " << absl::StrJoin(fields, ", ")
      << "\n";
  }
  if (!p.source_uri().empty()) o << "  Nguồn: " << p.source_uri() << "\n";
  return kExitOk;
}

int UnitsList(CliContext& ctx, const std::vector<std::string>& args) {
  std::string division, parent, level, query, page_token;
  int page_size = 0;
  bool all = false;
  FlagParser flags("motcua units list [flags]",
                   "Lists administrative units (đơn vị hành chính) of a division, 50 per page.\n"
                   "Divisions of the demo: 2024 (3 tiers), 2025-h1, 2025 (2 tiers, the default "
                   "from 1 Jul 2025).");
  flags.AddString("division", &division, "Division id (default: the one in force today).", "ID");
  flags.AddString("parent", &parent, "Only the children of this unit code.", "CODE");
  flags.AddString("level", &level, "Only units of this level: commune, district, province.",
                  "LEVEL");
  flags.AddString("query", &query, "Words in the name, with or without diacritics.", "TEXT");
  flags.AddInt("page-size", &page_size, "Results per page (default 50, at most 500).");
  flags.AddString("page-token", &page_token, "Continue from a previous page.", "TOKEN");
  flags.AddBool("all", &all, "Fetch every page.");
  flags.AddExample("motcua units list --division 2024 --level district");
  flags.AddExample("motcua units list --query \"viet tri\"");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (!rest.empty()) return ctx.UsageError("units list takes no arguments (see --help)");
  v1::ListUnitsRequest req;
  if (!division.empty()) req.set_parent(absl::StrCat("divisions/", division));
  req.set_parent_unit(parent);
  if (!level.empty()) {
    v1::AdministrativeLevel l;
    if (!ParseLevelFlag(level, &l)) {
      return ctx.UsageError("--level: must be commune, district or province");
    }
    req.set_level(l);
  }
  req.set_query(query);
  req.set_page_size(page_size);
  req.set_page_token(page_token);
  auto stub = v1::CatalogService::NewStub(ctx.Channel());
  v1::ListUnitsResponse all_pages;
  while (true) {
    grpc::ClientContext call;
    SetDeadline(&call);
    v1::ListUnitsResponse resp;
    grpc::Status status = stub->ListUnits(&call, req, &resp);
    if (!status.ok()) return ctx.ReportRpcError(status);
    all_pages.mutable_units()->MergeFrom(resp.units());
    all_pages.set_total_size(resp.total_size());
    all_pages.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(all_pages);
    return kExitOk;
  }
  TablePrinter table({"Mã", "Tên đơn vị", "Loại", "Cấp", "Trực thuộc", "Hình thành từ"},
                     {0, 32, 0, 0, 0, 50});
  for (const auto& u : all_pages.units()) {
    std::vector<std::string> from;
    for (const auto& f : u.formed_from()) from.push_back(f.display_name());
    std::string parent_code = u.parent().substr(u.parent().rfind('/') + 1);
    table.AddRow({u.code(), u.display_name(), u.type(), LevelText(u.level()),
                  u.parent().empty() ? "" : parent_code, absl::StrJoin(from, ", ")});
  }
  table.Print(*ctx.out);
  *ctx.out << "\n" << all_pages.units_size() << " / " << all_pages.total_size() << " đơn vị";
  if (!all_pages.next_page_token().empty()) {
    *ctx.out << " — trang tiếp: --page-token " << all_pages.next_page_token() << " (hoặc --all)";
  }
  *ctx.out << "\n";
  return kExitOk;
}

int UnitsShow(CliContext& ctx, const std::vector<std::string>& args) {
  std::string division;
  FlagParser flags("motcua units show CODE [--division ID]",
                   "Shows one administrative unit with its parent, the units it was formed from "
                   "and the units that took it over.");
  flags.AddString("division", &division, "Division id (default: the one in force today).", "ID");
  flags.AddExample("motcua units show 07900");
  flags.AddExample("motcua units show 07888 --division 2025-h1");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (rest.size() != 1) return ctx.UsageError("units show needs one unit CODE (see --help)");
  v1::GetUnitRequest req;
  req.set_name(division.empty() ? absl::StrCat("units/", rest[0])
                                : absl::StrCat("divisions/", division, "/units/", rest[0]));
  auto stub = v1::CatalogService::NewStub(ctx.Channel());
  v1::AdministrativeUnit u;
  grpc::ClientContext call;
  SetDeadline(&call);
  grpc::Status status = stub->GetUnit(&call, req, &u);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(u);
    return kExitOk;
  }
  std::ostream& o = *ctx.out;
  o << u.code() << "  " << u.display_name() << " (" << u.type() << ", " << LevelText(u.level())
    << ")\n";
  o << "  Tên tài nguyên:  " << u.name() << "\n";
  if (!u.parent().empty()) o << "  Trực thuộc:      " << u.parent() << "\n";
  o << "  Đơn vị trực thuộc: " << u.child_count() << "\n";
  if (u.formed_from_size() > 0) {
    o << "  Hình thành từ:\n";
    for (const auto& f : u.formed_from()) {
      o << "    - " << f.code() << " " << f.display_name() << (f.partial() ? " (một phần)" : "")
        << "\n";
    }
  }
  if (u.successors_size() > 0) {
    o << "  Đơn vị kế thừa:\n";
    for (const auto& s : u.successors()) o << "    - " << s << "\n";
  }
  return kExitOk;
}

// `motcua units reorganise`: the admin operation that re-homes merged units' open dossiers.
int UnitsReorganise(CliContext& ctx, const std::vector<std::string>& args) {
  std::string division;
  bool apply = false;
  FlagParser flags("motcua units reorganise --division ID [--apply]",
                   "Re-homes the open dossiers of units merged into others in a division (its "
                   "formed_from, e.g. the 1 Jul 2025 arrangement) to the successor units, with an "
                   "audited event on each (admin). Codes, history and due dates stay. Without "
                   "--apply it lists what would move and changes nothing.");
  flags.AddString("division", &division, "The division whose formed_from applies.", "ID");
  flags.AddBool("apply", &apply, "Re-home them (one transaction).");
  flags.AddExample("motcua units reorganise --division 2025");
  flags.AddExample("motcua units reorganise --division 2025 --apply");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (!rest.empty()) return ctx.UsageError("units reorganise takes no arguments (see --help)");
  if (division.empty()) return ctx.UsageError("units reorganise needs --division (see --help)");
  v1::ReorganiseUnitsRequest req;
  req.set_division(division);
  req.set_apply(apply);
  auto stub = v1::RoutingService::NewStub(ctx.Channel());
  v1::ReorganiseUnitsResponse resp;
  grpc::ClientContext call;
  ctx.Prepare(&call);
  grpc::Status status = stub->ReorganiseUnits(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
    return kExitOk;
  }
  int moved = 0;
  for (const auto& d : resp.dossiers()) {
    const std::string code = d.dossier().substr(sizeof("dossiers/") - 1);
    if (!d.skipped_reason().empty()) {
      *ctx.out << code << ": bỏ qua — " << d.skipped_reason() << "\n";
      continue;
    }
    ++moved;
    *ctx.out << code << ": " << absl::StrJoin(d.moves(), ", ") << "\n";
  }
  *ctx.out << moved << " hồ sơ " << (resp.applied() ? "đã chuyển" : "sẽ chuyển")
           << " sang đơn vị sau sắp xếp; " << resp.dossiers_size() - moved << " bỏ qua"
           << (resp.applied() ? "." : " (thêm --apply để thực hiện).") << "\n";
  return kExitOk;
}

int Dispatch(CliContext& ctx, const std::vector<std::string>& args, const std::string& group,
             const std::string& help,
             const std::vector<
                 std::pair<std::string, int (*)(CliContext&, const std::vector<std::string>&)>>&
                 subcommands) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    *ctx.out << help;
    return args.empty() ? kExitUsage : kExitOk;
  }
  for (const auto& [name, fn] : subcommands) {
    if (args[0] == name) return fn(ctx, std::vector<std::string>(args.begin() + 1, args.end()));
  }
  return ctx.UsageError(absl::StrCat("unknown command \"", group, " ", args[0], "\" (see motcua ",
                                     group, " --help)"));
}

}  // namespace

int RunCatalogCommand(CliContext& ctx, const std::vector<std::string>& args) {
  return Dispatch(ctx, args, "catalog",
                  "Usage: motcua catalog list|show ...\n\n"
                  "  list   List procedures (filters: --unit, --level, --online-level, --query)\n"
                  "  show   Show one procedure by its national code\n\n"
                  "Examples:\n  motcua catalog list --online-level 4\n"
                  "  motcua catalog show 1.001193\n",
                  {{"list", CatalogList}, {"show", CatalogShow}});
}

int RunUnitsCommand(CliContext& ctx, const std::vector<std::string>& args) {
  return Dispatch(ctx, args, "units",
                  "Usage: motcua units list|show|reorganise ...\n\n"
                  "  list        List administrative units of a division\n"
                  "  show        Show one unit, its predecessors and successors\n"
                  "  reorganise  Move merged units' open dossiers to their successors (admin)\n\n"
                  "Examples:\n  motcua units list --division 2024 --level district\n"
                  "  motcua units show 07900\n"
                  "  motcua units reorganise --division 2025\n",
                  {{"list", UnitsList}, {"show", UnitsShow}, {"reorganise", UnitsReorganise}});
}

}  // namespace motcua::cli
