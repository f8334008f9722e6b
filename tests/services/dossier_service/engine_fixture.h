// File: tests/services/dossier_service/engine_fixture.h
// A real node minus gRPC for engine tests: a store in a temp dir with the demo catalogue, the
// built-in calendars, a fake clock, and synchronous wrappers over the engine's callbacks.
#ifndef MOTCUA_TESTS_SERVICES_DOSSIER_SERVICE_ENGINE_FIXTURE_H_
#define MOTCUA_TESTS_SERVICES_DOSSIER_SERVICE_ENGINE_FIXTURE_H_

#include <memory>
#include <string>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "services/calendar_config/node_calendars.h"
#include "services/catalog_import/catalog_import.h"
#include "services/dossier_service/dossier_engine.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::dossier_service {

// Waits for an engine callback and returns what it was given.
template <typename T, typename Fn>
absl::StatusOr<T> Await(Fn&& start) {
  absl::Notification done;
  absl::StatusOr<T> result = absl::UnknownError("not called");
  start([&](absl::StatusOr<T> r) {
    result = std::move(r);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

struct TestNode {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<DossierEngine> engine;
};

inline TestNode OpenTestNode(const std::string& dir, const Clock& clock) {
  TestNode n;
  auto store = storage::Store::Open(dir);
  EXPECT_TRUE(store.ok()) << store.status();
  n.store = *std::move(store);
  EXPECT_TRUE(
      catalog_import::ImportCatalogDir(*n.store, testing::SourceDir() + "/data/demo", clock).ok());
  auto calendars = calendar_config::LoadNodeCalendars(*n.store, {});
  EXPECT_TRUE(calendars.ok()) << calendars.status();
  n.engine = std::make_unique<DossierEngine>(*n.store, storage::BlobStore(dir + "/blobs"),
                                             calendars->calendars, clock, NodeConfig());
  return n;
}

inline workflow::Actor Staff(const std::string& name, workflow::Role role,
                             const std::string& unit) {
  workflow::Actor a;
  a.username = name;
  a.role = role;
  a.units = {unit};
  return a;
}

// An in-person dossier of guardianship registration (1.004837, commune level) at `unit`.
inline CreateInput Guardianship(const std::string& unit, const std::string& competent) {
  CreateInput in;
  in.procedure_code = "1.004837";
  in.applicant = {"Nguyễn Văn An", "025090000001", "0912345678", "", "Việt Trì"};
  in.receiving_unit = unit;
  in.competent_unit = competent;
  in.support_unit = unit;
  in.attachments = {{"TK", "to-khai.pdf", "%PDF-1.4 tờ khai"}, {"GTTT", "cccd.pdf", "%PDF cccd"}};
  return in;
}

}  // namespace motcua::dossier_service

#endif  // MOTCUA_TESTS_SERVICES_DOSSIER_SERVICE_ENGINE_FIXTURE_H_
