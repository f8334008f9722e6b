# motcua_cli_calendar: `motcua calendar ...` (calendar_command.h), offline; no gRPC.
# Included from clients/cli/CMakeLists.txt.
motcua_cc_library(
  NAME cli_calendar
  HDRS "${CMAKE_CURRENT_LIST_DIR}/calendar_command.h"
  SRCS "${CMAKE_CURRENT_LIST_DIR}/calendar_command.cc"
  DEPS motcua::calendar motcua::common absl::status absl::statusor absl::strings absl::time
)
