// File: clients/cli/sync_commands.h
// `motcua report sync` (the national-portal sync report: rate, lag, backlog per unit, dead
// letters) and `motcua sync retry` (dead letters back in the queue), over SyncService.
#ifndef MOTCUA_CLIENTS_CLI_SYNC_COMMANDS_H_
#define MOTCUA_CLIENTS_CLI_SYNC_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/cli/cli_context.h"

namespace motcua::cli {

// `motcua report sync [flags]`; `args` follow the word "sync". Returns the exit code.
int RunSyncReportCommand(CliContext& ctx, const std::vector<std::string>& args);
// `motcua sync retry [--dossier CODE]`; `args` follow the word "sync".
int RunSyncCommand(CliContext& ctx, const std::vector<std::string>& args);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_SYNC_COMMANDS_H_
