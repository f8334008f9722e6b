// File: services/common/status_macros.h
// MOTCUA_RETURN_IF_ERROR and MOTCUA_ASSIGN_OR_RETURN, written once because Debian 12's Abseil
// (20220623) ships no status macros.
#ifndef MOTCUA_SERVICES_COMMON_STATUS_MACROS_H_
#define MOTCUA_SERVICES_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

// Returns the status of `expr` from the enclosing function when it is not OK.
#define MOTCUA_RETURN_IF_ERROR(expr)                      \
  do {                                                    \
    ::absl::Status motcua_status_ = (expr);               \
    if (!motcua_status_.ok()) return motcua_status_;      \
  } while (false)

#define MOTCUA_STATUS_CONCAT_INNER_(a, b) a##b
#define MOTCUA_STATUS_CONCAT_(a, b) MOTCUA_STATUS_CONCAT_INNER_(a, b)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when not OK, else moves the
// value into `lhs`, which may be a declaration (`auto x`).
#define MOTCUA_ASSIGN_OR_RETURN(lhs, rexpr) \
  MOTCUA_ASSIGN_OR_RETURN_IMPL_(MOTCUA_STATUS_CONCAT_(motcua_statusor_, __LINE__), lhs, rexpr)

#define MOTCUA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                  \
  if (!statusor.ok()) return std::move(statusor).status();  \
  lhs = std::move(statusor).value()

#endif  // MOTCUA_SERVICES_COMMON_STATUS_MACROS_H_
