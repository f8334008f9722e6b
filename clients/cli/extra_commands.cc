#include "clients/cli/extra_commands.h"

namespace motcua::cli {

int RunExtraCommand(CliContext& ctx, const std::string& command,
                    const std::vector<std::string>& args) {
  return -1;
}

}  // namespace motcua::cli
