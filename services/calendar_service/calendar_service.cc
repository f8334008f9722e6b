#include "services/calendar_service/calendar_service.h"

#include "absl/strings/str_cat.h"
#include "services/calendar/announced_schedule.h"
#include "services/calendar/due_date.h"
#include "services/calendar/explanation.h"
#include "services/calendar/lunar.h"
#include "services/catalog/procedure.h"
#include "services/deadlines/timeliness.h"
#include "services/dossier/forms.h"
#include "services/dossier_service/dossier_proto.h"
#include "services/grpc_util/status_conversion.h"
#include "storage/schedule_store.h"

namespace motcua::calendar_service {
namespace {

void SetDate(absl::CivilDay d, v1::Date* out) {
  out->set_year(static_cast<int32_t>(d.year()));
  out->set_month(d.month());
  out->set_day(d.day());
}

absl::StatusOr<absl::CivilDay> DateFromProto(const v1::Date& d, absl::string_view field) {
  absl::CivilDay day(d.year(), d.month(), d.day());
  if (day.year() != d.year() || day.month() != d.month() || day.day() != d.day()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", d.day(), "/", d.month(), "/", d.year(), " is not a date"));
  }
  return day;
}

}  // namespace

std::string CalendarServiceImpl::Source() const {
  absl::MutexLock lock(&mu_);
  return source_;
}

grpc::ServerUnaryReactor* CalendarServiceImpl::ListHolidays(grpc::CallbackServerContext* ctx,
                                                            const v1::ListHolidaysRequest* req,
                                                            v1::ListHolidaysResponse* resp) {
  const auto cal = engine_.calendar();
  if (req->year() < cal.first_year() || req->year() > cal.last_year()) {
    return FinishNow(ctx, absl::InvalidArgumentError(absl::StrCat(
                              "year: must be ", cal.first_year(), "..", cal.last_year())));
  }
  auto year = cal.Holidays(req->year());
  if (year.ok()) {
    for (const auto& h : year->days_off) {
      auto* d = resp->add_days_off();
      SetDate(h.day, d->mutable_date());
      d->set_code(std::string(calendar::HolidayCode(h.kind)));
      d->set_display_name(h.name);
    }
    for (const auto& m : year->makeup_days) {
      auto* d = resp->add_makeup_days();
      SetDate(m.day, d->mutable_date());
      d->set_code("makeup");
      d->set_display_name(m.name);
    }
    resp->set_tet_announced(year->tet_announced);
    resp->set_calendar_version(cal.version());
  }
  return FinishNow(ctx, year.status());
}

grpc::ServerUnaryReactor* CalendarServiceImpl::ComputeDueDate(grpc::CallbackServerContext* ctx,
                                                              const v1::ComputeDueDateRequest* req,
                                                              v1::ComputeDueDateResponse* resp) {
  if (!req->has_receive_time()) {
    return FinishNow(ctx, absl::InvalidArgumentError("receive_time: is required"));
  }
  const auto& tl = req->time_limit();
  if (tl.unit() == v1::TimeLimit::UNIT_UNSPECIFIED || !v1::TimeLimit::Unit_IsValid(tl.unit())) {
    return FinishNow(ctx, absl::InvalidArgumentError("time_limit.unit: is required"));
  }
  if (tl.value() < 0 || tl.value() > calendar::kMaxLimitDays * 8) {
    return FinishNow(ctx, absl::InvalidArgumentError("time_limit.value: must be 0.." +
                                                     std::to_string(calendar::kMaxLimitDays)));
  }
  catalog::TimeLimit limit;
  limit.value = tl.value();
  limit.unit = static_cast<catalog::TimeUnit>(tl.unit());
  absl::StatusOr<calendar::WorkingCalendar> unit_cal = engine_.calendar();
  if (!req->unit().empty()) unit_cal = engine_.CalendarOfKnownUnit("unit", req->unit());
  if (!unit_cal.ok()) return FinishNow(ctx, unit_cal.status());
  const calendar::WorkingCalendar& cal = *unit_cal;
  absl::Time received = dossier_service::FromProto(req->receive_time());
  auto cal_limit = deadlines::ToCalendarLimit(limit);
  auto due = calendar::ComputeDueTime(cal, received, cal_limit);
  if (!due.ok()) return FinishNow(ctx, due.status());
  dossier_service::ToProto(*due, resp->mutable_due_time());
  resp->set_calendar_version(cal.version());
  if (req->explain()) {
    auto explanation = calendar::ExplainDueTime(cal, received, cal_limit);
    if (!explanation.ok()) return FinishNow(ctx, explanation.status());
    std::string text = explanation->ToText();
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) resp->add_explanation(text.substr(start, end - start));
      start = end + 1;
    }
  }
  return FinishNow(ctx, absl::OkStatus());
}

grpc::ServerUnaryReactor* CalendarServiceImpl::ConvertLunarDate(
    grpc::CallbackServerContext* ctx, const v1::ConvertLunarDateRequest* req,
    v1::ConvertLunarDateResponse* resp) {
  calendar::LunarDate lunar;
  absl::CivilDay solar;
  if (req->has_solar_date()) {
    auto day = DateFromProto(req->solar_date(), "solar_date");
    if (!day.ok()) return FinishNow(ctx, day.status());
    auto l = calendar::SolarToLunar(*day);
    if (!l.ok()) return FinishNow(ctx, l.status());
    solar = *day;
    lunar = *l;
  } else if (req->has_lunar_date()) {
    const auto& l = req->lunar_date();
    lunar = {l.year(), l.month(), l.day(), l.leap()};
    auto s = calendar::LunarToSolar(lunar);
    if (!s.ok()) return FinishNow(ctx, s.status());
    solar = *s;
  } else {
    return FinishNow(ctx, absl::InvalidArgumentError("date: give solar_date or lunar_date"));
  }
  SetDate(solar, resp->mutable_solar_date());
  auto* out = resp->mutable_lunar_date();
  out->set_day(lunar.day);
  out->set_month(lunar.month);
  out->set_year(lunar.year);
  out->set_leap(lunar.leap);
  resp->set_display_text(calendar::DescribeLunarDate(lunar));
  return FinishNow(ctx, absl::OkStatus());
}

grpc::ServerUnaryReactor* CalendarServiceImpl::GetCalendar(grpc::CallbackServerContext* ctx,
                                                           const v1::GetCalendarRequest* req,
                                                           v1::Calendar* resp) {
  absl::StatusOr<calendar::WorkingCalendar> unit_cal = engine_.calendar();
  if (!req->unit().empty()) unit_cal = engine_.CalendarOfKnownUnit("unit", req->unit());
  if (!unit_cal.ok()) return FinishNow(ctx, unit_cal.status());
  const calendar::WorkingCalendar& cal = *unit_cal;
  resp->set_unit(req->unit());
  resp->set_working_time(cal.working_time().Canonical());
  resp->set_version(cal.version());
  resp->set_schedule_text(cal.schedule().ToTsv());
  resp->set_source(Source());
  return FinishNow(ctx, absl::OkStatus());
}

grpc::ServerUnaryReactor* CalendarServiceImpl::UpdateSchedule(grpc::CallbackServerContext* ctx,
                                                              const v1::UpdateScheduleRequest* req,
                                                              v1::Calendar* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  if (actor->role != workflow::Role::kAdmin) {
    return FinishNow(ctx, absl::PermissionDeniedError("only an admin changes the calendar"));
  }
  if (req->schedule_text().size() > (1 << 20)) {
    return FinishNow(ctx, absl::InvalidArgumentError("schedule_text: larger than 1 MiB"));
  }
  auto schedule = calendar::AnnouncedSchedule::Parse(req->schedule_text());
  if (!schedule.ok()) {
    return FinishNow(ctx, absl::InvalidArgumentError(
                              absl::StrCat("schedule_text: ", schedule.status().message())));
  }
  auto calendars = engine_.calendars().WithSchedule(*schedule);
  if (!calendars.ok()) {
    return FinishNow(ctx, absl::InvalidArgumentError(
                              absl::StrCat("schedule_text: ", calendars.status().message())));
  }
  const calendar::WorkingCalendar& cal = calendars->Default();
  resp->set_version(cal.version());
  resp->set_schedule_text(schedule->ToTsv());
  if (req->validate_only()) {
    resp->set_source(Source());
    return FinishNow(ctx, absl::OkStatus());
  }
  const absl::Time now = engine_.clock().Now();
  std::string source =
      absl::StrCat("admin:", actor->username, " at ", dossier::VietnameseTime(now));
  storage::StoredSchedule stored{cal.version(), req->schedule_text(), source, now};
  auto* reactor = ctx->DefaultReactor();
  auto new_calendars = std::make_shared<calendar::UnitCalendars>(*std::move(calendars));
  store_.writer().Submit(
      [stored](storage::Database& db) { return storage::AppendSchedule(db, stored); },
      [this, reactor, resp, new_calendars, source](absl::Status s) {
        if (s.ok()) {
          // In force only after it is durable: a restart must find the same calendar.
          engine_.SetCalendars(*new_calendars);
          absl::MutexLock lock(&mu_);
          source_ = source;
          resp->set_source(source);
        }
        reactor->Finish(ToGrpcStatus(s));
      });
  return reactor;
}

grpc::ServerUnaryReactor* CalendarServiceImpl::RecomputeDueDates(
    grpc::CallbackServerContext* ctx, const v1::RecomputeDueDatesRequest* req,
    v1::RecomputeDueDatesResponse* resp) {
  auto actor = auth_.Authenticate(*ctx);
  if (!actor.ok()) return FinishNow(ctx, actor.status());
  auto* reactor = ctx->DefaultReactor();
  const bool apply = req->apply();
  const std::string version = engine_.calendar().version();
  engine_.RecomputeDueDates(
      *actor, apply,
      [reactor, resp, apply, version](
          absl::StatusOr<std::vector<dossier_service::DossierEngine::DueDateChange>> changes) {
        if (changes.ok()) {
          resp->set_calendar_version(version);
          resp->set_applied(apply);
          for (const auto& c : *changes) {
            auto* out = resp->add_changes();
            out->set_dossier(absl::StrCat("dossiers/", c.code));
            dossier_service::ToProto(c.old_due, out->mutable_old_due_time());
            dossier_service::ToProto(c.new_due, out->mutable_new_due_time());
            out->set_old_calendar_version(c.old_version);
          }
        }
        reactor->Finish(ToGrpcStatus(changes.status()));
      });
  return reactor;
}

}  // namespace motcua::calendar_service
