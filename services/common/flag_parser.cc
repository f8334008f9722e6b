#include "services/common/flag_parser.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace motcua {

void FlagParser::AddString(std::string name, std::string* target, std::string help,
                           std::string value_name) {
  flags_.push_back({std::move(name), std::move(help), std::move(value_name),
                    [target](absl::string_view v) {
                      *target = std::string(v);
                      return absl::OkStatus();
                    }});
}

void FlagParser::AddInt(std::string name, int* target, std::string help, std::string value_name) {
  std::string flag = name;
  flags_.push_back({std::move(name), std::move(help), std::move(value_name),
                    [target, flag](absl::string_view v) {
                      if (!absl::SimpleAtoi(v, target)) {
                        return absl::InvalidArgumentError(
                            absl::StrCat("--", flag, ": \"", v, "\" is not a whole number"));
                      }
                      return absl::OkStatus();
                    }});
}

void FlagParser::AddBool(std::string name, bool* target, std::string help) {
  flags_.push_back({std::move(name), std::move(help), "", [target](absl::string_view) {
                      *target = true;
                      return absl::OkStatus();
                    }});
}

void FlagParser::AddStringList(std::string name, std::vector<std::string>* target,
                               std::string help, std::string value_name) {
  flags_.push_back({std::move(name), std::move(help), std::move(value_name),
                    [target](absl::string_view v) {
                      target->emplace_back(v);
                      return absl::OkStatus();
                    }});
}

const FlagParser::Flag* FlagParser::Find(absl::string_view name) const {
  for (const auto& f : flags_) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

absl::Status FlagParser::Parse(const std::vector<std::string>& args,
                               std::vector<std::string>* positionals) {
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") {
      for (size_t j = i + 1; j < args.size(); ++j) positionals->push_back(args[j]);
      return absl::OkStatus();
    }
    if (arg == "--help" || arg == "-h") {
      help_requested_ = true;
      return absl::OkStatus();
    }
    if (!absl::StartsWith(arg, "--") || arg.size() == 2) {
      if (absl::StartsWith(arg, "-") && arg.size() > 1 && !absl::ascii_isdigit(arg[1])) {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown flag ", arg, "; flags are written --name (see --help)"));
      }
      positionals->push_back(std::string(arg));
      continue;
    }
    arg.remove_prefix(2);
    absl::string_view name = arg;
    absl::string_view value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != absl::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    const Flag* flag = Find(name);
    if (flag == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag --", name, " (see --help)"));
    }
    if (flag->value_name.empty()) {
      if (has_value) {
        return absl::InvalidArgumentError(absl::StrCat("--", name, " takes no value"));
      }
      if (absl::Status s = flag->set(""); !s.ok()) return s;
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value (", flag->value_name, ")"));
      }
      value = args[++i];
    }
    if (absl::Status s = flag->set(value); !s.ok()) return s;
  }
  return absl::OkStatus();
}

std::string FlagParser::Help() const {
  std::string out = absl::StrCat("Usage: ", usage_, "\n\n", description_, "\n");
  if (!flags_.empty()) {
    absl::StrAppend(&out, "\nFlags:\n");
    for (const auto& f : flags_) {
      std::string left = absl::StrCat("  --", f.name,
                                      f.value_name.empty() ? "" : absl::StrCat(" ", f.value_name));
      if (left.size() < 28) left.resize(28, ' ');
      absl::StrAppend(&out, left, " ", f.help, "\n");
    }
    absl::StrAppend(&out, "  --help                       Show this help.\n");
  }
  if (!examples_.empty()) {
    absl::StrAppend(&out, "\nExamples:\n");
    for (const auto& e : examples_) absl::StrAppend(&out, "  ", e, "\n");
  }
  return out;
}

}  // namespace motcua
