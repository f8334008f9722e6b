// File: tests/testing/temp_dir.h
// A fresh directory under $TMPDIR (or /tmp), removed with its contents when the object dies.
#ifndef MOTCUA_TESTS_TESTING_TEMP_DIR_H_
#define MOTCUA_TESTS_TESTING_TEMP_DIR_H_

#include <string>

namespace motcua::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace motcua::testing

#endif  // MOTCUA_TESTS_TESTING_TEMP_DIR_H_
