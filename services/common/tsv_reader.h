// File: services/common/tsv_reader.h
// Reads tab-separated data files with a header row: lines starting with '#' are comments, blank
// lines are skipped, and every error names the file, the line and the column at fault.
#ifndef MOTCUA_SERVICES_COMMON_TSV_READER_H_
#define MOTCUA_SERVICES_COMMON_TSV_READER_H_

#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace motcua {

// One data row; Get() looks a column up by its header name.
class TsvRow {
 public:
  TsvRow(const std::vector<std::string>* header, std::vector<std::string> cells, std::string where,
         int line)
      : header_(header), cells_(std::move(cells)), where_(std::move(where)), line_(line) {}

  // The cell of `column`; an empty string when the row is shorter than the header.
  absl::string_view Get(absl::string_view column) const;
  // An InvalidArgument error "FILE:LINE: column COLUMN: MESSAGE".
  absl::Status Error(absl::string_view column, absl::string_view message) const;
  int line() const { return line_; }

 private:
  const std::vector<std::string>* header_;
  std::vector<std::string> cells_;
  std::string where_;
  int line_;
};

class TsvTable {
 public:
  // Parses `text` (UTF-8) named `where` in errors. Fails when a required column is missing from
  // the header, a row has more cells than the header, or the text is not valid UTF-8.
  static absl::StatusOr<TsvTable> Parse(absl::string_view text, std::string where,
                                        const std::vector<std::string>& required_columns);

  const std::vector<TsvRow>& rows() const { return rows_; }

  TsvTable(TsvTable&&) = default;
  TsvTable& operator=(TsvTable&&) = default;

 private:
  TsvTable() : header_(std::make_unique<std::vector<std::string>>()) {}
  std::unique_ptr<std::vector<std::string>> header_;
  std::vector<TsvRow> rows_;
};

}  // namespace motcua

#endif  // MOTCUA_SERVICES_COMMON_TSV_READER_H_
