#include "services/sync_service/sync_service.h"

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/grpc_util/status_conversion.h"
#include "storage/sync_outbox.h"

namespace motcua::sync_service {
namespace {

using workflow::Role;

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  out->set_seconds(absl::ToUnixSeconds(t));
}

void SetDuration(absl::Duration d, google::protobuf::Duration* out) {
  out->set_seconds(absl::ToInt64Seconds(d));
}

}  // namespace

grpc::ServerUnaryReactor* SyncServiceImpl::GetSyncReport(grpc::CallbackServerContext* ctx,
                                                         const v1::GetSyncReportRequest* req,
                                                         v1::SyncReport* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  if (actor->role != Role::kAdmin && actor->role != Role::kSync) {
    return FinishNow(
        ctx, absl::PermissionDeniedError("the sync report is for the admin and sync roles"));
  }
  if (req->dead_letter_limit() < 0 || req->dead_letter_limit() > 1000) {
    return FinishNow(ctx, absl::InvalidArgumentError("dead_letter_limit: must be 0..1000"));
  }
  std::optional<absl::Time> from, to;
  if (req->has_start_time()) from = absl::FromUnixSeconds(req->start_time().seconds());
  if (req->has_end_time()) to = absl::FromUnixSeconds(req->end_time().seconds());
  if (from && to && *to <= *from) {
    return FinishNow(ctx, absl::InvalidArgumentError("end_time: must be after start_time"));
  }
  absl::StatusOr<storage::OutboxStats> stats;
  absl::StatusOr<std::vector<storage::OutboxRow>> dead;
  {
    auto db = store_.Read();
    stats = storage::ComputeOutboxStats(*db, from, to);
    dead = storage::ListDeadLetters(*db,
                                    req->dead_letter_limit() == 0 ? 50 : req->dead_letter_limit());
  }
  if (!stats.ok()) return FinishNow(ctx, stats.status());
  if (!dead.ok()) return FinishNow(ctx, dead.status());
  resp->set_sync_rate(stats->sync_rate);
  resp->set_event_sync_rate(stats->event_sync_rate);
  resp->set_dossiers(stats->dossiers);
  resp->set_synced_dossiers(stats->synced_dossiers);
  resp->set_events(stats->rows);
  resp->set_synced_events(stats->synced_rows);
  resp->set_pending_events(stats->pending_rows);
  resp->set_dead_events(stats->dead_rows);
  resp->set_blocked_events(stats->blocked_rows);
  SetDuration(stats->lag_p50, resp->mutable_lag_p50());
  SetDuration(stats->lag_p99, resp->mutable_lag_p99());
  SetDuration(stats->lag_max, resp->mutable_lag_max());
  if (stats->oldest_unsynced)
    SetTime(*stats->oldest_unsynced, resp->mutable_oldest_unsynced_time());
  for (const auto& b : stats->backlog) {
    auto* out = resp->add_backlog();
    out->set_unit(b.unit);
    out->set_pending_events(b.pending_rows);
    out->set_dead_events(b.dead_rows);
    out->set_dossiers(b.dossiers);
    SetTime(b.oldest, out->mutable_oldest_time());
  }
  for (const auto& row : *dead) {
    auto* out = resp->add_dead_letters();
    out->set_dossier(absl::StrCat("dossiers/", row.dossier_code));
    out->set_event_seq(row.event_seq);
    SetTime(row.created_time, out->mutable_create_time());
    out->set_attempts(row.attempts);
    out->set_reason(row.last_error);
  }
  SetTime(clock_.Now(), resp->mutable_report_time());
  return FinishNow(ctx, absl::OkStatus());
}

grpc::ServerUnaryReactor* SyncServiceImpl::RetryDeadLetters(grpc::CallbackServerContext* ctx,
                                                            const v1::RetryDeadLettersRequest* req,
                                                            v1::RetryDeadLettersResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  if (actor->role != Role::kAdmin) {
    return FinishNow(ctx, absl::PermissionDeniedError("only an admin re-queues dead letters"));
  }
  std::string code;
  if (!req->dossier().empty()) {
    if (!absl::StartsWith(req->dossier(), "dossiers/") || req->dossier().size() == 9) {
      return FinishNow(ctx, absl::InvalidArgumentError("dossier: must be dossiers/CODE"));
    }
    code = absl::AsciiStrToUpper(req->dossier().substr(9));
  }
  auto* reactor = ctx->DefaultReactor();
  auto requeued = std::make_shared<int>(0);
  store_.writer().Submit(
      [code, requeued](storage::Database& db) -> absl::Status {
        auto n = storage::RetryDeadLetters(db, code);
        if (!n.ok()) return n.status();
        *requeued = *n;
        return absl::OkStatus();
      },
      [reactor, resp, requeued](absl::Status s) {
        if (s.ok()) resp->set_requeued(*requeued);
        reactor->Finish(ToGrpcStatus(s));
      });
  return reactor;
}

}  // namespace motcua::sync_service
