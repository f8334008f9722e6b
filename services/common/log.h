// File: services/common/log.h
// Structured logs with levels: one line per event on stderr,
//   2026-11-26T22:01:02.123+07:00 INFO  catalog.import  msg="imported" procedures=33
// Thread-safe. The level is set once at start-up (MOTCUA_LOG_LEVEL or --log-level).
#ifndef MOTCUA_SERVICES_COMMON_LOG_H_
#define MOTCUA_SERVICES_COMMON_LOG_H_

#include <initializer_list>
#include <string>
#include "absl/strings/string_view.h"
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace motcua {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3 };

// Parses "debug", "info", "warning" or "error".
absl::StatusOr<LogLevel> ParseLogLevel(absl::string_view text);
void SetLogLevel(LogLevel level);
bool LogEnabled(LogLevel level);

using LogField = std::pair<absl::string_view, std::string>;

// Writes one event: `component` names the emitting module, `message` is a short English phrase,
// and `fields` are key=value pairs (values are quoted when they hold spaces or quotes).
void Log(LogLevel level, absl::string_view component, absl::string_view message,
         std::initializer_list<LogField> fields = {});

inline void LogInfo(absl::string_view component, absl::string_view message,
                    std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::kInfo, component, message, fields);
}
inline void LogWarning(absl::string_view component, absl::string_view message,
                       std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::kWarning, component, message, fields);
}
inline void LogError(absl::string_view component, absl::string_view message,
                     std::initializer_list<LogField> fields = {}) {
  Log(LogLevel::kError, component, message, fields);
}

}  // namespace motcua

#endif  // MOTCUA_SERVICES_COMMON_LOG_H_
