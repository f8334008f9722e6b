// File: services/common/flag_parser.h
// Command-line flags for motcua's executables and subcommands: --name VALUE or --name=VALUE,
// boolean --name, positionals in any place, "--" ends flags. Errors name the flag and say why.
// Help() renders a usage text from the declared flags.
#ifndef MOTCUA_SERVICES_COMMON_FLAG_PARSER_H_
#define MOTCUA_SERVICES_COMMON_FLAG_PARSER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace motcua {

class FlagParser {
 public:
  // `usage` is the first help line ("motcua catalog list [flags]"); `description` follows it.
  FlagParser(std::string usage, std::string description)
      : usage_(std::move(usage)), description_(std::move(description)) {}

  void AddString(std::string name, std::string* target, std::string help,
                 std::string value_name = "VALUE");
  void AddInt(std::string name, int* target, std::string help, std::string value_name = "N");
  void AddBool(std::string name, bool* target, std::string help);
  // A flag that may be given many times; each value is appended.
  void AddStringList(std::string name, std::vector<std::string>* target, std::string help,
                     std::string value_name = "VALUE");
  // Example lines printed at the end of Help().
  void AddExample(std::string example) { examples_.push_back(std::move(example)); }

  // Parses `args` (without the program or command words). Positionals go to `positionals`.
  // --help / -h sets help_requested() and stops.
  absl::Status Parse(const std::vector<std::string>& args, std::vector<std::string>* positionals);
  bool help_requested() const { return help_requested_; }
  std::string Help() const;

 private:
  struct Flag {
    std::string name;
    std::string help;
    std::string value_name;  // empty for booleans
    std::function<absl::Status(absl::string_view)> set;
  };
  const Flag* Find(absl::string_view name) const;

  std::string usage_;
  std::string description_;
  std::vector<Flag> flags_;
  std::vector<std::string> examples_;
  bool help_requested_ = false;
};

}  // namespace motcua

#endif  // MOTCUA_SERVICES_COMMON_FLAG_PARSER_H_
