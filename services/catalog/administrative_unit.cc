#include "services/catalog/administrative_unit.h"

#include "services/common/text_fold.h"

namespace motcua::catalog {

std::optional<Level> LevelOfUnitType(absl::string_view type, bool two_tier) {
  std::string folded = FoldVietnamese(type);
  if (folded == "tinh" || folded == "thanh pho trung uong") return Level::kProvince;
  if (folded == "xa" || folded == "phuong" || folded == "thi tran" || folded == "dac khu") {
    return Level::kCommune;
  }
  if (folded == "thanh pho" || folded == "thi xa" || folded == "huyen" || folded == "quan") {
    if (two_tier) return std::nullopt;
    return Level::kDistrict;
  }
  return std::nullopt;
}

}  // namespace motcua::catalog
