#include "clients/cli/sync_commands.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "motcua/v1/sync_service.grpc.pb.h"
#include "services/common/flag_parser.h"

namespace motcua::cli {
namespace {

const absl::TimeZone kVietnam = absl::FixedTimeZone(7 * 3600);

std::string LocalTime(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%d/%m/%Y %H:%M:%S", absl::FromUnixSeconds(t.seconds()), kVietnam);
}

std::string Seconds(const google::protobuf::Duration& d) {
  return absl::StrCat(d.seconds(), " giây");
}

int Parse(CliContext& ctx, FlagParser& flags, const std::vector<std::string>& args) {
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (!rest.empty())
    return ctx.UsageError(absl::StrCat("unexpected \"", rest[0], "\" (see --help)"));
  return -1;
}

}  // namespace

int RunSyncReportCommand(CliContext& ctx, const std::vector<std::string>& args) {
  std::string from, to;
  int dead_letters = 20;
  FlagParser flags(
      "motcua report sync [--from DATE] [--to DATE] [--dead-letters N]",
      "The national-portal (DVCQG) sync as the node sees it (admin or sync role): the sync rate "
      "(dossiers whose every event the portal acknowledged, Decision 766 indicator 1.4), the lag "
      "from a status change to the portal's acknowledgement (p50, p99), what still waits per "
      "receiving unit, and the dead letters (records the portal refused, with the reason). "
      "Default: every event; --from/--to count the events of those days.");
  flags.AddString("from", &from, "First day of the events, YYYY-MM-DD.", "DATE");
  flags.AddString("to", &to, "Last day of the events, YYYY-MM-DD.", "DATE");
  flags.AddInt("dead-letters", &dead_letters, "Dead letters listed (default 20, at most 1000).");
  flags.AddExample("motcua report sync");
  flags.AddExample("motcua --output json report sync --from 2026-11-01 --to 2026-11-30");
  if (int rc = Parse(ctx, flags, args); rc >= 0) return rc;
  v1::GetSyncReportRequest req;
  if (!from.empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(from, &day)) return ctx.UsageError("--from: not a date YYYY-MM-DD");
    req.mutable_start_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(day, kVietnam)));
  }
  if (!to.empty()) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(to, &day)) return ctx.UsageError("--to: not a date YYYY-MM-DD");
    req.mutable_end_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(day + 1, kVietnam)));
  }
  if (dead_letters < 0 || dead_letters > 1000) return ctx.UsageError("--dead-letters: 0..1000");
  req.set_dead_letter_limit(dead_letters);
  auto stub = v1::SyncService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::SyncReport r;
  grpc::Status status = stub->GetSyncReport(&call, req, &r);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(r);
    return kExitOk;
  }
  std::ostream& o = *ctx.out;
  o << "ĐỒNG BỘ CỔNG DỊCH VỤ CÔNG QUỐC GIA (DVCQG) — lúc " << LocalTime(r.report_time()) << "\n\n";
  o << absl::StrFormat("  Tỷ lệ đồng bộ hồ sơ:     %.2f%%  (%d / %d hồ sơ)\n", r.sync_rate(),
                       r.synced_dossiers(), r.dossiers());
  o << absl::StrFormat("  Tỷ lệ đồng bộ sự kiện:   %.2f%%  (%d / %d)\n", r.event_sync_rate(),
                       r.synced_events(), r.events());
  o << "  Chờ gửi: " << r.pending_events() << " (trong đó " << r.blocked_events()
    << " chờ sau bản ghi bị từ chối), bị từ chối: " << r.dead_events() << "\n";
  o << "  Độ trễ đến khi Cổng xác nhận: p50 " << Seconds(r.lag_p50()) << ", p99 "
    << Seconds(r.lag_p99()) << ", lâu nhất " << Seconds(r.lag_max()) << "\n";
  if (r.has_oldest_unsynced_time()) {
    o << "  Sự kiện chờ lâu nhất từ: " << LocalTime(r.oldest_unsynced_time()) << "\n";
  }
  if (r.backlog_size() > 0) {
    o << "\n  Tồn theo đơn vị tiếp nhận:\n";
    for (const auto& b : r.backlog()) {
      o << "    " << b.unit() << "  chờ " << b.pending_events() << ", bị từ chối "
        << b.dead_events() << ", " << b.dossiers() << " hồ sơ, từ " << LocalTime(b.oldest_time())
        << "\n";
    }
  }
  if (r.dead_letters_size() > 0) {
    o << "\n  Bị Cổng từ chối (đưa lại: motcua sync retry [--dossier MÃ]):\n";
    for (const auto& d : r.dead_letters()) {
      o << "    " << d.dossier().substr(9) << " #" << d.event_seq() << "  (" << d.attempts()
        << " lần)  " << d.reason() << "\n";
    }
  }
  return kExitOk;
}

int RunSyncCommand(CliContext& ctx, const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "retry") {
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      *ctx.out << "Usage: motcua sync retry [--dossier CODE]\n\nThe national-portal sync: "
                  "retry puts dead letters back in the queue. See also motcua report sync.\n";
      return kExitOk;
    }
    return ctx.UsageError("sync: the subcommand is retry (see motcua sync --help)");
  }
  std::string dossier;
  FlagParser flags("motcua sync retry [--dossier CODE]",
                   "Puts the records the national portal refused (dead letters) back in the sync "
                   "queue, all of them or one dossier's (admin). The sync job sends them again in "
                   "order, then the events that waited behind them.");
  flags.AddString("dossier", &dossier, "Only this dossier's.", "CODE");
  flags.AddExample("motcua sync retry");
  flags.AddExample("motcua sync retry --dossier H44.07900-261126-0001");
  if (int rc = Parse(ctx, flags, std::vector<std::string>(args.begin() + 1, args.end())); rc >= 0) {
    return rc;
  }
  v1::RetryDeadLettersRequest req;
  if (!dossier.empty()) req.set_dossier(absl::StrCat("dossiers/", absl::AsciiStrToUpper(dossier)));
  auto stub = v1::SyncService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::RetryDeadLettersResponse resp;
  grpc::Status status = stub->RetryDeadLetters(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
  } else {
    *ctx.out << "Đã đưa lại " << resp.requeued() << " bản ghi vào hàng đợi đồng bộ.\n";
  }
  return kExitOk;
}

}  // namespace motcua::cli
