#include "services/common/text_fold.h"

#include <string>

#include "gtest/gtest.h"

namespace motcua {
namespace {

struct FoldCase {
  std::string input;
  std::string folded;
};

TEST(FoldVietnamese, FoldsTable) {
  const FoldCase cases[] = {
      {"Đăng ký khai sinh", "dang ky khai sinh"},
      {"dang ky khai sinh", "dang ky khai sinh"},
      {"THỦ TỤC ĐĂNG KÝ KẾT HÔN", "thu tuc dang ky ket hon"},
      {"Hạ Hoà", "ha hoa"},
      {"Hạ Hòa", "ha hoa"},
      {"  Xã   Thụy  Vân ", "xa thuy van"},
      // NFD: "ế" written as e + U+0302 + U+0301.
      {"k\x65\xcc\x82\xcc\x81t", "ket"},
      {"Chứng thực", "chung thuc"},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FoldVietnamese(c.input), c.folded) << c.input;
  }
}

TEST(FoldVietnamese, DropsInvalidUtf8) {
  EXPECT_EQ(FoldVietnamese("ab\xff\xfe" "c"), "abc");
  EXPECT_FALSE(IsValidUtf8("ab\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));  // overlong '/'
  EXPECT_TRUE(IsValidUtf8("Phú Thọ"));
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(DisplayWidth("Phú Thọ"), 7);
  EXPECT_EQ(DisplayWidth("Đăng ký"), 7);
  EXPECT_EQ(DisplayWidth("k\x65\xcc\x82\xcc\x81t"), 3);
  EXPECT_EQ(DisplayWidth("越南"), 4);
}

}  // namespace
}  // namespace motcua
