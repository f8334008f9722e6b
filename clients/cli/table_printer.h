// File: clients/cli/table_printer.h
// Plain-text tables for the terminal that line up Vietnamese text: column widths are measured
// in display columns (DisplayWidth), not bytes, and long cells are cut with "…".
#ifndef MOTCUA_CLIENTS_CLI_TABLE_PRINTER_H_
#define MOTCUA_CLIENTS_CLI_TABLE_PRINTER_H_

#include <ostream>
#include <string>
#include <vector>

namespace motcua::cli {

class TablePrinter {
 public:
  // `max_widths[i]` caps column i (0 = no cap).
  TablePrinter(std::vector<std::string> headers, std::vector<int> max_widths = {});
  void AddRow(std::vector<std::string> cells);
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<int> max_widths_;
  std::vector<std::vector<std::string>> rows_;
};

// Cuts `text` to at most `width` display columns, ending with "…" when cut.
std::string TruncateToWidth(const std::string& text, int width);

}  // namespace motcua::cli

#endif  // MOTCUA_CLIENTS_CLI_TABLE_PRINTER_H_
