// File: clients/cli/extra_commands.h
// Commands that work without a node (calendar) or that are added by later modules.
#ifndef MOTCUA_CLIENTS_CLI_EXTRA_COMMANDS_H_
#define MOTCUA_CLIENTS_CLI_EXTRA_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/cli/cli_context.h"

namespace motcua::cli {

// Runs `command` when this file knows it; returns -1 when it does not.
int RunExtraCommand(CliContext& ctx, const std::string& command,
                    const std::vector<std::string>& args);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_EXTRA_COMMANDS_H_
