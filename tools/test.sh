#!/usr/bin/env bash
# The README's second command: builds and runs the whole test suite with ctest.
# With CI=true (as .ci/run sets it) the build is separate (build-ci/), treats warnings as errors
# and runs every test under AddressSanitizer and UndefinedBehaviorSanitizer.
#   extra arguments go to ctest, e.g.  bash tools/test.sh -L integration
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout, so ccache hits across clones and build folders.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}

if [[ "${CI:-}" == "true" ]]; then
  BUILD=build-ci
  FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_WERROR=ON -DMOTCUA_SANITIZE=ON)
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
else
  BUILD=build
  FLAGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMOTCUA_WERROR=ON)
fi

echo "==> configure $BUILD (${FLAGS[*]})"
cmake -S . -B "$BUILD" -G Ninja "${FLAGS[@]}" > /dev/null
echo "==> build"
cmake --build "$BUILD"
echo "==> test"
ctest --test-dir "$BUILD" --output-on-failure -j2 "$@"
