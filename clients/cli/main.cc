// motcua: the command-line client for clerks, specialists and administrators.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "clients/cli/catalog_commands.h"
#include "clients/cli/cli_context.h"
#include "clients/cli/command_table.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return motcua::cli::RunCli(args, std::cout, std::cerr);
}
