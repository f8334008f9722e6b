// motcuad: one motcua node. Wiring only: parse flags, start the node, wait for a signal.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/catalog_import/catalog_import.h"
#include "services/common/log.h"
#include "services/motcuad/node.h"
#include "storage/store.h"

namespace {

// Exit codes: 0 ok, 1 failure at start-up or while serving, 2 bad command line.
int Main(const std::vector<std::string>& args) {
  using namespace motcua;
  auto options = motcuad::ParseNodeOptions(args);
  if (!options.ok()) {
    std::cerr << "motcuad: " << options.status().message() << "\n";
    return 2;
  }
  if (options->help) {
    std::cout << options->help_text;
    return 0;
  }
  SetLogLevel(options->log_level);

  if (!options->import_catalog.empty()) {
    auto store = storage::Store::Open(options->data_dir);
    if (!store.ok()) {
      std::cerr << "motcuad: " << store.status().message() << "\n";
      return 1;
    }
    auto summary = catalog_import::ImportCatalogDir(
        **store, options->import_catalog, SystemClock::Get(),
        [](absl::string_view line) { std::cerr << "import: " << line << "\n"; });
    if (!summary.ok()) {
      std::cerr << "motcuad: import failed, nothing was changed: " << summary.status().message()
                << "\n";
      return 1;
    }
    std::cout << "imported " << summary->procedures << " procedures (" << summary->new_versions
              << " new versions), " << summary->units << " units in " << summary->divisions
              << " divisions\n";
    return 0;
  }

  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto node = motcuad::Node::Start(*options);
  if (!node.ok()) {
    std::cerr << "motcuad: " << node.status().message() << "\n";
    return 1;
  }
  LogInfo("motcuad", "serving", {{"address", (*node)->address()}, {"data_dir", options->data_dir}});
  std::printf("listening on %s\n", (*node)->address().c_str());
  if (!(*node)->peer_address().empty()) {
    std::printf("peer listening on %s\n", (*node)->peer_address().c_str());
  }
  if (!(*node)->http_address().empty()) {
    std::printf("http listening on %s\n", (*node)->http_address().c_str());
  }
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  LogInfo("motcuad", "stopping", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
  (*node)->Shutdown();
  LogInfo("motcuad", "stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return Main(args);
}
