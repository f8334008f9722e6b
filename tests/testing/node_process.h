// File: tests/testing/node_process.h
// Real processes for integration tests: a motcuad started on port 0 (the OS picks; the address
// is read from its "listening on" line), and a helper to run a command and capture its output.
#ifndef MOTCUA_TESTS_TESTING_NODE_PROCESS_H_
#define MOTCUA_TESTS_TESTING_NODE_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace motcua::testing {

// The folder of the built executables (MOTCUA_BIN_DIR, set by ctest).
std::string BinDir();
// The repository root (MOTCUA_SOURCE_DIR, set by ctest).
std::string SourceDir();

class NodeProcess {
 public:
  // Starts `motcuad --data-dir DIR --listen 127.0.0.1:0 EXTRA...` and waits for it to serve.
  static absl::StatusOr<NodeProcess> Start(const std::string& data_dir,
                                           const std::vector<std::string>& extra_args = {});
  NodeProcess(NodeProcess&& other) noexcept;
  NodeProcess(const NodeProcess&) = delete;
  ~NodeProcess();

  const std::string& address() const { return address_; }
  // "HOST:PORT" of the HTTP gateway when started with --http-listen, else empty.
  const std::string& http_address() const { return http_address_; }
  pid_t pid() const { return pid_; }
  // SIGTERM, then wait; returns the exit status (as from waitpid).
  int Stop();
  // SIGKILL, then wait.
  void Kill();
  // Everything the process wrote on stderr so far.
  std::string Stderr() const;

 private:
  NodeProcess() = default;
  pid_t pid_ = -1;
  std::string address_;
  std::string http_address_;
  std::string stderr_path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] a path), waits (at most `timeout_s`), captures stdout and stderr.
CommandResult RunCommand(const std::vector<std::string>& argv, int timeout_s = 60);

// Spawns `argv` with stdout and stderr sent to files; returns the pid.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path);

}  // namespace motcua::testing

#endif  // MOTCUA_TESTS_TESTING_NODE_PROCESS_H_
