#include "clients/cli/extra_commands.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cli/calendar_command.h"
#include "clients/cli/sync_commands.h"
#include "motcua/v1/calendar_service.grpc.pb.h"
#include "services/common/flag_parser.h"

namespace motcua::cli {
namespace {

// `motcua calendar show|set-schedule|recompute`: the node's calendar, over gRPC.
int CalendarOnNode(CliContext& ctx, const std::vector<std::string>& args) {
  const std::string sub = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  bool apply = false;
  bool validate_only = false;
  FlagParser flags(
      sub == "show"           ? "motcua calendar show"
      : sub == "set-schedule" ? "motcua calendar set-schedule FILE [--validate-only]"
                              : "motcua calendar recompute [--apply]",
      sub == "show" ? "The node's calendar in force: version, source and announced schedule."
      : sub == "set-schedule"
          ? "Puts an announced holiday schedule (data/calendar/ format) in force on the node "
            "(admin). Due dates already promised keep their calendar version; see recompute."
          : "Lists the open dossiers whose due date differs under the calendar in force "
            "(admin); --apply sets the new due dates, each with an audited event.");
  if (sub == "set-schedule") {
    flags.AddBool("validate-only", &validate_only, "Check the file; change nothing.");
    flags.AddExample("motcua calendar set-schedule data/calendar/announced-2026.tsv");
  }
  if (sub == "recompute") {
    flags.AddBool("apply", &apply, "Apply the new due dates.");
    flags.AddExample("motcua calendar recompute");
    flags.AddExample("motcua calendar recompute --apply");
  }
  std::vector<std::string> positionals;
  if (auto s = flags.Parse(rest, &positionals); !s.ok()) {
    return ctx.UsageError(std::string(s.message()));
  }
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (positionals.size() != (sub == "set-schedule" ? 1u : 0u)) {
    return ctx.UsageError(absl::StrCat("calendar ", sub, ": wrong arguments (see --help)"));
  }
  auto stub = v1::CalendarService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  if (sub == "show" || sub == "set-schedule") {
    v1::Calendar resp;
    grpc::Status status;
    if (sub == "show") {
      status = stub->GetCalendar(&call, v1::GetCalendarRequest(), &resp);
    } else {
      std::ifstream in(positionals[0], std::ios::binary);
      if (!in) return ctx.UsageError(absl::StrCat("cannot read ", positionals[0]));
      std::ostringstream buf;
      buf << in.rdbuf();
      v1::UpdateScheduleRequest req;
      req.set_schedule_text(buf.str());
      req.set_validate_only(validate_only);
      status = stub->UpdateSchedule(&call, req, &resp);
    }
    if (!status.ok()) return ctx.ReportRpcError(status);
    if (ctx.output == OutputFormat::kJson) {
      ctx.PrintJson(resp);
    } else {
      *ctx.out << "Phiên bản lịch: " << resp.version() << "\nNguồn: " << resp.source() << "\n"
               << (validate_only ? "(chỉ kiểm tra, chưa áp dụng)\n" : "") << "\n"
               << resp.schedule_text();
    }
    return kExitOk;
  }
  v1::RecomputeDueDatesRequest req;
  req.set_apply(apply);
  v1::RecomputeDueDatesResponse resp;
  grpc::Status status = stub->RecomputeDueDates(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
    return kExitOk;
  }
  const absl::TimeZone vn = absl::FixedTimeZone(7 * 3600);
  for (const auto& c : resp.changes()) {
    *ctx.out << c.dossier().substr(9) << ": "
             << absl::FormatTime("%d/%m/%Y %H:%M",
                                 absl::FromUnixSeconds(c.old_due_time().seconds()), vn)
             << " → "
             << absl::FormatTime("%d/%m/%Y %H:%M",
                                 absl::FromUnixSeconds(c.new_due_time().seconds()), vn)
             << " (lịch cũ " << c.old_calendar_version() << ")\n";
  }
  *ctx.out << resp.changes_size() << " hồ sơ có hạn thay đổi theo lịch " << resp.calendar_version()
           << "; " << (resp.applied() ? "đã áp dụng." : "chưa áp dụng (thêm --apply để áp dụng).")
           << "\n";
  return kExitOk;
}

}  // namespace

int RunExtraCommand(CliContext& ctx, const std::string& command,
                    const std::vector<std::string>& args) {
  if (command == "sync") return RunSyncCommand(ctx, args);
  if (command != "calendar") return -1;
  if (!args.empty() && (args[0] == "show" || args[0] == "set-schedule" || args[0] == "recompute")) {
    return CalendarOnNode(ctx, args);
  }
  return RunCalendarCommand(args, *ctx.out, *ctx.err);
}

}  // namespace motcua::cli
