// File: clients/cli/calendar_command.h
// `motcua calendar ...`: the working-time calendar from the command line,
// offline (no server):
//   calendar holidays --year Y [--format table|tsv|json] [--schedule FILE]
//   calendar due --from TIME (--working-days N | --working-hours N | --days N |
//   --same-day |
//                --immediate) [--explain] [--schedule FILE]
//                [--unit CODE [--unit-working-time FILE] [--units FILE] |
//                 --saturday-morning]
//   calendar lunar (--date YYYY-MM-DD | --to-solar D/M/Y [--leap])
//   [--utc-offset H]
// Without --schedule the announced schedules built into the binary are used;
// with it, only FILE (format: services/calendar/announced_schedule.h). --unit
// counts with the unit's working time from the unit table
// (services/calendar/unit_working_time.h); a code that names no unit is an error.
#ifndef MOTCUA_CLIENTS_CLI_CALENDAR_COMMAND_H_
#define MOTCUA_CLIENTS_CLI_CALENDAR_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace motcua::cli {

// Runs one calendar subcommand; `args` starts after the word "calendar"
// ({"holidays", "--year", "2026"}). Results go to `out`, errors to `err`.
// Returns the exit code: 0 on success, 2 for a command line that cannot be
// understood (unknown subcommand or flag, missing, repeated or conflicting
// flags, a value of the wrong form), 1 for a well-formed request that failed
// (unreadable or invalid schedule file, a date outside the supported years, no
// such lunar date).
int RunCalendarCommand(const std::vector<std::string>& args, std::ostream& out,
                       std::ostream& err);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_CALENDAR_COMMAND_H_
