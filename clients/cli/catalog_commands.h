// File: clients/cli/catalog_commands.h
// `motcua catalog ...` and `motcua units ...`: the procedure catalogue and the administrative
// units, read from a node over gRPC. `args` start after the command word.
#ifndef MOTCUA_CLIENTS_CLI_CATALOG_COMMANDS_H_
#define MOTCUA_CLIENTS_CLI_CATALOG_COMMANDS_H_

#include <string>
#include <vector>

#include "clients/cli/cli_context.h"

namespace motcua::cli {

int RunCatalogCommand(CliContext& ctx, const std::vector<std::string>& args);
int RunUnitsCommand(CliContext& ctx, const std::vector<std::string>& args);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_CATALOG_COMMANDS_H_
