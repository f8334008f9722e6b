// File: services/calendar_config/node_calendars.h
// The working calendars of a node, as motcuad and the standalone sync job both build them:
// the announced schedule from --schedule FILE, else the last one an admin put in force (stored),
// else the schedules built into the binary; the units' own working hours from
// --unit-working-time FILE, else the built-in table (data/calendar/unit-working-time.tsv).
#ifndef MOTCUA_SERVICES_CALENDAR_CONFIG_NODE_CALENDARS_H_
#define MOTCUA_SERVICES_CALENDAR_CONFIG_NODE_CALENDARS_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/calendar/unit_working_time.h"
#include "storage/store.h"

namespace motcua::calendar_config {

struct NodeCalendarFiles {
  std::string schedule_file;           // empty: stored, else built in
  std::string unit_working_time_file;  // empty: built in
};

struct NodeCalendars {
  calendar::UnitCalendars calendars;
  // Where the schedule came from: "built-in", "file PATH" or the stored schedule's source.
  std::string source;
};

// kInvalidArgument naming the flag (--schedule, --unit-working-time) for an unreadable or
// malformed file; kDataLoss when the stored schedule does not parse.
absl::StatusOr<NodeCalendars> LoadNodeCalendars(storage::Store& store,
                                                const NodeCalendarFiles& files);

}  // namespace motcua::calendar_config

#endif  // MOTCUA_SERVICES_CALENDAR_CONFIG_NODE_CALENDARS_H_
