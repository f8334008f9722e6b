// File: clients/cli/dossier_commands.h
// The clerk's day: `motcua login|logout|whoami`, `motcua dossier ...`, `motcua worklist`,
// `motcua report`, `motcua verify`. `args` start after the command word.
#ifndef MOTCUA_CLIENTS_CLI_DOSSIER_COMMANDS_H_
#define MOTCUA_CLIENTS_CLI_DOSSIER_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/cli/cli_context.h"

namespace motcua::cli {

int RunLoginCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunLogoutCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunWhoAmICommand(CliContext& ctx, const std::vector<std::string>& args);
int RunDossierCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunWorklistCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunReportCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunVerifyCommand(CliContext& ctx, const std::vector<std::string>& args);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_DOSSIER_COMMANDS_H_
