#include "tests/testing/node_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace motcua::testing {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string TempPath(const std::string& stem) {
  const char* base = getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/" + stem + "-XXXXXX";
  int fd = mkstemp(templ.data());
  if (fd >= 0) close(fd);
  return templ;
}

}  // namespace

std::string BinDir() {
  const char* dir = getenv("MOTCUA_BIN_DIR");
  return dir ? dir : MOTCUA_BUILD_BIN_DIR;
}

std::string SourceDir() {
  const char* dir = getenv("MOTCUA_SOURCE_DIR");
  return dir ? dir : MOTCUA_REPO_DIR;
}

pid_t Spawn(const std::vector<std::string>& argv, const std::string& out_path,
            const std::string& err_path) {
  // Built before fork: the child of a multithreaded process (gRPC, httplib threads) may only call
  // async-signal-safe functions; a malloc there can deadlock on a lock another thread held.
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

absl::StatusOr<NodeProcess> NodeProcess::Start(const std::string& data_dir,
                                               const std::vector<std::string>& extra_args) {
  NodeProcess node;
  std::string out_path = TempPath("motcuad-out");
  node.stderr_path_ = TempPath("motcuad-err");
  std::vector<std::string> argv = {BinDir() + "/motcuad", "--data-dir", data_dir, "--listen",
                                   "127.0.0.1:0"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  node.pid_ = Spawn(argv, out_path, node.stderr_path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = Slurp(out_path);
    if (auto pos = out.find("listening on "); pos != std::string::npos &&
                                              out.find('\n', pos) != std::string::npos) {
      std::string line = out.substr(pos + 13, out.find('\n', pos) - pos - 13);
      node.address_ = std::string(absl::StripAsciiWhitespace(line));
      // motcuad prints "http listening on HOST:PORT" right after, in the same flush.
      if (auto http = out.find("http listening on "); http != std::string::npos &&
                                                      out.find('\n', http) != std::string::npos) {
        node.http_address_ = std::string(absl::StripAsciiWhitespace(
            out.substr(http + 18, out.find('\n', http) - http - 18)));
      }
      unlink(out_path.c_str());
      return node;
    }
    int status = 0;
    if (waitpid(node.pid_, &status, WNOHANG) == node.pid_) {
      node.pid_ = -1;
      return absl::InternalError(absl::StrCat("motcuad exited before serving: ", node.Stderr()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return absl::DeadlineExceededError("motcuad did not print \"listening on\" within 30 s");
}

NodeProcess::NodeProcess(NodeProcess&& other) noexcept
    : pid_(other.pid_), address_(std::move(other.address_)),
      http_address_(std::move(other.http_address_)),
      stderr_path_(std::move(other.stderr_path_)) {
  other.pid_ = -1;
  other.stderr_path_.clear();
}

NodeProcess::~NodeProcess() {
  if (pid_ > 0) Kill();
  if (!stderr_path_.empty()) unlink(stderr_path_.c_str());
}

int NodeProcess::Stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

void NodeProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string NodeProcess::Stderr() const { return Slurp(stderr_path_); }

CommandResult RunCommand(const std::vector<std::string>& argv, int timeout_s) {
  std::string out_path = TempPath("cmd-out");
  std::string err_path = TempPath("cmd-err");
  pid_t pid = Spawn(argv, out_path, err_path);
  CommandResult result;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  while (true) {
    if (waitpid(pid, &status, WNOHANG) == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      result.err = "timed out";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = Slurp(out_path);
  result.err += Slurp(err_path);
  unlink(out_path.c_str());
  unlink(err_path.c_str());
  return result;
}

}  // namespace motcua::testing
