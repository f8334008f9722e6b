// File: services/common/text_fold.h
// Vietnamese text folding for search: "Đăng ký khai sinh" and "dang ky khai sinh" fold to the
// same key. Folding lower-cases, removes tone and vowel marks (NFC and NFD input alike), maps
// đ/Đ to d, and collapses runs of white space.
#ifndef MOTCUA_SERVICES_COMMON_TEXT_FOLD_H_
#define MOTCUA_SERVICES_COMMON_TEXT_FOLD_H_

#include <string>
#include "absl/strings/string_view.h"

namespace motcua {

// Returns the folded form of UTF-8 `text`. Characters outside Latin and Vietnamese pass through
// unchanged; invalid UTF-8 bytes are dropped.
std::string FoldVietnamese(absl::string_view text);

// Number of terminal columns `text` (UTF-8) takes: combining marks take none, wide East Asian
// characters two, everything else one.
int DisplayWidth(absl::string_view text);

// Decodes one UTF-8 code point at `*pos` and advances `*pos`. Returns -1 on an invalid sequence
// (and advances by one byte).
int DecodeUtf8(absl::string_view text, size_t* pos);

// True when `text` is valid UTF-8.
bool IsValidUtf8(absl::string_view text);

}  // namespace motcua

#endif  // MOTCUA_SERVICES_COMMON_TEXT_FOLD_H_
