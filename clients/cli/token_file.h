// File: clients/cli/token_file.h
// Where `motcua login` keeps its tokens: one line per node, "SERVER<TAB>USERNAME<TAB>TOKEN", in
// $MOTCUA_TOKEN_FILE, else $XDG_CONFIG_HOME/motcua/tokens, else ~/.config/motcua/tokens, written
// with mode 0600. MOTCUA_TOKEN in the environment overrides the file.
#ifndef MOTCUA_CLIENTS_CLI_TOKEN_FILE_H_
#define MOTCUA_CLIENTS_CLI_TOKEN_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace motcua::cli {

std::string TokenFilePath();
// The token for `server`, or "" when none is stored.
std::string LoadToken(const std::string& server);
absl::Status SaveToken(const std::string& server, const std::string& username,
                       const std::string& token);
absl::Status RemoveToken(const std::string& server);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_TOKEN_FILE_H_
