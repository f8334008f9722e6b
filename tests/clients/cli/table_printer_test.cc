#include "clients/cli/table_printer.h"

#include <sstream>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/common/text_fold.h"

namespace motcua::cli {
namespace {

TEST(TablePrinter, AlignsVietnameseByDisplayWidth) {
  TablePrinter table({"Mã", "Tên"});
  table.AddRow({"07900", "Phường Việt Trì"});
  table.AddRow({"25", "Tỉnh Phú Thọ"});
  std::ostringstream out;
  table.Print(out);
  std::vector<std::string> lines = absl::StrSplit(out.str(), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u);
  // The second column starts at the same display column on every line.
  for (const auto& line : lines) {
    size_t pos = 0;
    int col = 0;
    std::string first;
    while (pos < line.size() && line[pos] != ' ') ++pos;
    first = line.substr(0, pos);
    col = DisplayWidth(first);
    while (pos < line.size() && line[pos] == ' ') {
      ++pos;
      ++col;
    }
    EXPECT_EQ(col, 7) << line;
  }
}

TEST(TruncateToWidth, CutsByColumnsAndKeepsMarks) {
  EXPECT_EQ(TruncateToWidth("Đăng ký khai sinh", 8), "Đăng ký…");
  EXPECT_EQ(DisplayWidth(TruncateToWidth("Đăng ký khai sinh", 8)), 8);
  EXPECT_EQ(TruncateToWidth("ngắn", 10), "ngắn");
  // NFD "kế": the combining marks stay with their letter.
  EXPECT_EQ(TruncateToWidth("k\x65\xcc\x82\xcc\x81t qu\xe1\xba\xa3", 3), "k\x65\xcc\x82\xcc\x81…");
}

}  // namespace
}  // namespace motcua::cli
