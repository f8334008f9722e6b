// File: clients/cli/command_table.h
// The top level of `motcua`: global flags (--server, --output) then one command word.
#ifndef MOTCUA_CLIENTS_CLI_COMMAND_TABLE_H_
#define MOTCUA_CLIENTS_CLI_COMMAND_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace motcua::cli {

// Runs `motcua ARGS...`; returns the process exit code.
int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_COMMAND_TABLE_H_
