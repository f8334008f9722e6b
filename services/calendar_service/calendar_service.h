// File: services/calendar_service/calendar_service.h
// motcua.v1.CalendarService: holidays, due dates with explanations and lunar conversion for
// everyone; schedule changes and the audited recompute of promised due dates for admins.
#ifndef MOTCUA_SERVICES_CALENDAR_SERVICE_CALENDAR_SERVICE_H_
#define MOTCUA_SERVICES_CALENDAR_SERVICE_CALENDAR_SERVICE_H_

#include <string>

#include "absl/synchronization/mutex.h"
#include "motcua/v1/calendar_service.grpc.pb.h"
#include "services/auth/authenticator.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/store.h"

namespace motcua::calendar_service {

class CalendarServiceImpl final : public v1::CalendarService::CallbackService {
 public:
  // `source` says where the schedule in force came from ("built-in", "file ...", "admin ...").
  CalendarServiceImpl(dossier_service::DossierEngine& engine, const auth::Authenticator& auth,
                      storage::Store& store, std::string source)
      : engine_(engine), auth_(auth), store_(store), source_(std::move(source)) {}

  grpc::ServerUnaryReactor* ListHolidays(grpc::CallbackServerContext* ctx,
                                         const v1::ListHolidaysRequest* req,
                                         v1::ListHolidaysResponse* resp) override;
  grpc::ServerUnaryReactor* ComputeDueDate(grpc::CallbackServerContext* ctx,
                                           const v1::ComputeDueDateRequest* req,
                                           v1::ComputeDueDateResponse* resp) override;
  grpc::ServerUnaryReactor* ConvertLunarDate(grpc::CallbackServerContext* ctx,
                                             const v1::ConvertLunarDateRequest* req,
                                             v1::ConvertLunarDateResponse* resp) override;
  grpc::ServerUnaryReactor* GetCalendar(grpc::CallbackServerContext* ctx,
                                        const v1::GetCalendarRequest* req,
                                        v1::Calendar* resp) override;
  grpc::ServerUnaryReactor* UpdateSchedule(grpc::CallbackServerContext* ctx,
                                           const v1::UpdateScheduleRequest* req,
                                           v1::Calendar* resp) override;
  grpc::ServerUnaryReactor* RecomputeDueDates(grpc::CallbackServerContext* ctx,
                                              const v1::RecomputeDueDatesRequest* req,
                                              v1::RecomputeDueDatesResponse* resp) override;

 private:
  std::string Source() const;

  dossier_service::DossierEngine& engine_;
  const auth::Authenticator& auth_;
  storage::Store& store_;
  mutable absl::Mutex mu_;
  std::string source_ ABSL_GUARDED_BY(mu_);
};

}  // namespace motcua::calendar_service

#endif  // MOTCUA_SERVICES_CALENDAR_SERVICE_CALENDAR_SERVICE_H_
