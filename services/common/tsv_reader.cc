#include "services/common/tsv_reader.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/text_fold.h"

namespace motcua {

absl::string_view TsvRow::Get(absl::string_view column) const {
  auto it = std::find(header_->begin(), header_->end(), column);
  if (it == header_->end()) return {};
  size_t index = static_cast<size_t>(it - header_->begin());
  return index < cells_.size() ? absl::string_view(cells_[index]) : absl::string_view();
}

absl::Status TsvRow::Error(absl::string_view column, absl::string_view message) const {
  return absl::InvalidArgumentError(
      absl::StrCat(where_, ":", line_, ": column ", column, ": ", message));
}

absl::StatusOr<TsvTable> TsvTable::Parse(absl::string_view text, std::string where,
                                         const std::vector<std::string>& required_columns) {
  TsvTable table;
  int line_no = 0;
  bool have_header = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripSuffix(line, "\r");
    if (line.empty() || line.front() == '#') continue;
    if (!IsValidUtf8(line)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ":", line_no, ": the line is not valid UTF-8"));
    }
    std::vector<std::string> cells = absl::StrSplit(line, '\t');
    if (!have_header) {
      *table.header_ = std::move(cells);
      have_header = true;
      for (const auto& col : required_columns) {
        if (std::find(table.header_->begin(), table.header_->end(), col) ==
            table.header_->end()) {
          return absl::InvalidArgumentError(absl::StrCat(
              where, ":", line_no, ": the header has no column \"", col, "\""));
        }
      }
      continue;
    }
    if (cells.size() > table.header_->size()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ":", line_no, ": ", cells.size(),
                                                     " cells but the header has ",
                                                     table.header_->size()));
    }
    table.rows_.emplace_back(table.header_.get(), std::move(cells), where, line_no);
  }
  if (!have_header) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": no header row"));
  }
  return table;
}

}  // namespace motcua
