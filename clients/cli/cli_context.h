// File: clients/cli/cli_context.h
// What every motcua subcommand shares: the node address, the output format, the streams, and the
// way results and errors are printed (one place, so every command behaves the same).
#ifndef MOTCUA_CLIENTS_CLI_CLI_CONTEXT_H_
#define MOTCUA_CLIENTS_CLI_CLI_CONTEXT_H_

#include <memory>
#include <ostream>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include "google/protobuf/message.h"

namespace motcua::cli {

enum class OutputFormat { kTable, kJson };

// Exit codes of the CLI.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the node refused or failed the request
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitUnreachable = 3;

struct CliContext {
  std::string server;
  OutputFormat output = OutputFormat::kTable;
  std::ostream* out;
  std::ostream* err;
  // The signed-in user's token for `server` (from MOTCUA_TOKEN or the token file), if any.
  std::string token;

  // Adds the token and a deadline to a call.
  void Prepare(grpc::ClientContext* call) const;

  // A channel to `server` (created on first use).
  std::shared_ptr<grpc::Channel> Channel();
  // Prints `message` as proto3 JSON on out.
  void PrintJson(const google::protobuf::Message& message) const;
  // Prints a failed call on err and returns the exit code for it.
  int ReportRpcError(const grpc::Status& status) const;
  // Prints a usage error on err and returns kExitUsage.
  int UsageError(const std::string& message) const;

 private:
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_CLI_CONTEXT_H_
