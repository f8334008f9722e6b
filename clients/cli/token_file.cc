#include "clients/cli/token_file.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace motcua::cli {
namespace {

std::vector<std::vector<std::string>> ReadLines() {
  std::vector<std::vector<std::string>> out;
  std::ifstream in(TokenFilePath());
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, '\t');
    if (parts.size() == 3) out.push_back(std::move(parts));
  }
  return out;
}

absl::Status WriteLines(const std::vector<std::vector<std::string>>& lines) {
  std::string path = TokenFilePath();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
    chmod(tmp.c_str(), 0600);
    for (const auto& l : lines) out << l[0] << '\t' << l[1] << '\t' << l[2] << '\n';
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return absl::UnavailableError(absl::StrCat("cannot write ", path, ": ", ec.message()));
  return absl::OkStatus();
}

}  // namespace

std::string TokenFilePath() {
  if (const char* f = std::getenv("MOTCUA_TOKEN_FILE"); f && *f) return f;
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) {
    return absl::StrCat(x, "/motcua/tokens");
  }
  const char* home = std::getenv("HOME");
  return absl::StrCat(home && *home ? home : ".", "/.config/motcua/tokens");
}

std::string LoadToken(const std::string& server) {
  if (const char* t = std::getenv("MOTCUA_TOKEN"); t && *t) return t;
  for (const auto& l : ReadLines()) {
    if (l[0] == server) return l[2];
  }
  return "";
}

absl::Status SaveToken(const std::string& server, const std::string& username,
                       const std::string& token) {
  auto lines = ReadLines();
  std::erase_if(lines, [&](const auto& l) { return l[0] == server; });
  lines.push_back({server, username, token});
  return WriteLines(lines);
}

absl::Status RemoveToken(const std::string& server) {
  auto lines = ReadLines();
  std::erase_if(lines, [&](const auto& l) { return l[0] == server; });
  return WriteLines(lines);
}

}  // namespace motcua::cli
