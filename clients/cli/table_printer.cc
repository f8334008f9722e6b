#include "clients/cli/table_printer.h"

#include <algorithm>

#include "services/common/text_fold.h"

namespace motcua::cli {

std::string TruncateToWidth(const std::string& text, int width) {
  if (width <= 0 || DisplayWidth(text) <= width) return text;
  std::string out;
  size_t pos = 0;
  int used = 0;
  while (pos < text.size()) {
    size_t start = pos;
    DecodeUtf8(text, &pos);
    std::string piece = text.substr(start, pos - start);
    int w = DisplayWidth(piece);
    if (used + w > width - 1) break;
    out += piece;
    used += w;
  }
  // Keep combining marks that belong to the last kept letter.
  while (pos < text.size()) {
    size_t start = pos;
    int cp = DecodeUtf8(text, &pos);
    if (cp < 0x0300 || cp > 0x036F) break;
    out += text.substr(start, pos - start);
  }
  return out + "…";
}

TablePrinter::TablePrinter(std::vector<std::string> headers, std::vector<int> max_widths)
    : headers_(std::move(headers)), max_widths_(std::move(max_widths)) {
  max_widths_.resize(headers_.size(), 0);
}

void TablePrinter::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  for (size_t i = 0; i < cells.size(); ++i) cells[i] = TruncateToWidth(cells[i], max_widths_[i]);
  rows_.push_back(std::move(cells));
}

void TablePrinter::Print(std::ostream& out) const {
  std::vector<int> widths(headers_.size(), 0);
  for (size_t i = 0; i < headers_.size(); ++i) widths[i] = DisplayWidth(headers_[i]);
  for (const auto& row : rows_) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    out << line << "\n";
  };
  print_row(headers_);
  std::vector<std::string> rule;
  for (int w : widths) rule.push_back(std::string(w, '-'));
  print_row(rule);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace motcua::cli
