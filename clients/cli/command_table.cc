#include "clients/cli/command_table.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/catalog_commands.h"
#include "clients/cli/cli_context.h"
#include "clients/cli/dossier_commands.h"
#include "clients/cli/extra_commands.h"
#include "clients/cli/token_file.h"

namespace motcua::cli {
namespace {

constexpr char kTopHelp[] = R"(motcua — the one-stop-shop (một cửa điện tử) client

Usage: motcua [--server HOST:PORT] [--output table|json] COMMAND [ARGS...]

Global flags (before the command):
  --server HOST:PORT   The motcuad node (default $MOTCUA_SERVER or 127.0.0.1:7400)
  --output FORMAT      table (default, for people) or json (the proto3 JSON mapping)

Commands:
  login     Sign in (the token is kept for this --server); logout, whoami
  dossier   Receive and handle dossiers: receive, show, status, history, accept, refuse,
            assign, request-supplement, supplement, request-payment, pay, extend,
            approve, issue, return, withdraw, stop, refuse-after-appraisal
  worklist  What waits for you: mine, due-today, overdue, waiting, all
  report    Counts, on-time rates and national (766) indicators per unit and period
            report sync: the national-portal (DVCQG) sync rate, lag, backlog, dead letters
  sync      National-portal sync: retry (dead letters back in the queue)
  verify    Check every dossier's hash-chained history (admin)
  catalog   The procedure catalogue: list, show
  units     Administrative units: list, show, reorganise (move merged units' dossiers)
  calendar  Working-time calendar (offline): holidays, due, lunar

Run "motcua COMMAND --help" for a command's flags and examples.

Examples:
  motcua login clerk.07900
  motcua dossier receive --procedure 1.001193 --unit 07900 --name "Nguyễn Văn An" \
      --id-number 025090000001 --file TK=to-khai.pdf --file GTTT=cccd.pdf
  motcua worklist --view due-today
  motcua catalog list --online-level 4
  motcua --output json catalog list --query "dang ky khai sinh"
  motcua units show 07900
)";

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CliContext ctx;
  const char* env_server = std::getenv("MOTCUA_SERVER");
  ctx.server = env_server && *env_server ? env_server : "127.0.0.1:7400";
  ctx.out = &out;
  ctx.err = &err;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (!absl::StartsWith(a, "-")) break;
    if (a == "--help" || a == "-h") {
      out << kTopHelp;
      return kExitOk;
    }
    std::string name = a;
    std::string value;
    bool inline_value = false;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    if (name != "--server" && name != "--output") {
      return ctx.UsageError(absl::StrCat("unknown global flag ", name, " (see motcua --help)"));
    }
    if (!inline_value) {
      if (i + 1 >= args.size()) return ctx.UsageError(absl::StrCat(name, " needs a value"));
      value = args[++i];
    }
    if (name == "--server") {
      if (value.find(':') == std::string::npos) {
        return ctx.UsageError(absl::StrCat("--server: \"", value, "\" is not HOST:PORT"));
      }
      ctx.server = value;
    } else if (value == "json") {
      ctx.output = OutputFormat::kJson;
    } else if (value == "table") {
      ctx.output = OutputFormat::kTable;
    } else {
      return ctx.UsageError(absl::StrCat("--output: \"", value, "\" is not table or json"));
    }
  }
  if (i >= args.size()) {
    err << kTopHelp;
    return kExitUsage;
  }
  const std::string& command = args[i];
  std::vector<std::string> rest(args.begin() + i + 1, args.end());
  ctx.token = LoadToken(ctx.server);
  if (command == "catalog") return RunCatalogCommand(ctx, rest);
  if (command == "login") return RunLoginCommand(ctx, rest);
  if (command == "logout") return RunLogoutCommand(ctx, rest);
  if (command == "whoami") return RunWhoAmICommand(ctx, rest);
  if (command == "dossier") return RunDossierCommand(ctx, rest);
  if (command == "worklist") return RunWorklistCommand(ctx, rest);
  if (command == "report") return RunReportCommand(ctx, rest);
  if (command == "verify") return RunVerifyCommand(ctx, rest);
  if (command == "units") return RunUnitsCommand(ctx, rest);
  if (command == "help") {
    out << kTopHelp;
    return kExitOk;
  }
  int code = RunExtraCommand(ctx, command, rest);
  if (code >= 0) return code;
  return ctx.UsageError(absl::StrCat("unknown command \"", command, "\" (see motcua --help)"));
}

}  // namespace motcua::cli
