// File: clients/cli/unit_directory.h
// The administrative units the offline CLI knows (code → name), so that `motcua calendar due
// --unit CODE` can tell a unit with default hours from a code that names no unit. Built in: the
// Phú Thọ unit lists shipped in data/demo/units-*.tsv (GSO codes, 2024 and 2025 topologies);
// `--units FILE` (same format: code<TAB>name<TAB>...) replaces them for another province.
#ifndef MOTCUA_CLIENTS_CLI_UNIT_DIRECTORY_H_
#define MOTCUA_CLIENTS_CLI_UNIT_DIRECTORY_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace motcua::cli {

class UnitDirectory {
 public:
  // The built-in lists.
  static const UnitDirectory& Builtin();
  // A units TSV with a header line starting "code". kInvalidArgument as "line N: ...".
  static absl::StatusOr<UnitDirectory> Parse(absl::string_view text);

  // The unit's name, or null.
  const std::string* Find(absl::string_view code) const;
  size_t size() const { return names_.size(); }

 private:
  absl::Status Add(absl::string_view text);
  std::map<std::string, std::string, std::less<>> names_;
};

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_UNIT_DIRECTORY_H_
