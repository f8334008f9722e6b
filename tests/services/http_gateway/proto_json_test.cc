#include "services/http_gateway/proto_json.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/catalog_service.pb.h"
#include "motcua/v1/intake_service.pb.h"
#include "motcua/v1/tracking_service.pb.h"
#include "tests/testing/status_matchers.h"

namespace motcua::http_gateway {
namespace {

using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ProtoJson, QueryParametersFillScalarsAndEnums) {
  v1::ListProceduresRequest req;
  ASSERT_THAT(
      FillFromQuery(
          {{"query", "dang ky"}, {"online_level", "ONLINE_SERVICE_LEVEL_FULL"}, {"pageSize", "20"}},
          &req),
      IsOk());
  EXPECT_EQ(req.query(), "dang ky");
  EXPECT_EQ(req.online_level(), v1::ONLINE_SERVICE_LEVEL_FULL);
  EXPECT_EQ(req.page_size(), 20);
}

TEST(ProtoJson, QueryParametersFillTimestamps) {
  v1::GetReportRequest req;
  ASSERT_THAT(FillFromQuery({{"unit", "07900"},
                             {"start_time", "2026-11-01T00:00:00+07:00"},
                             {"end_time", "2026-12-01T00:00:00+07:00"}},
                            &req),
              IsOk());
  EXPECT_EQ(req.start_time().seconds(), 1793466000);
  EXPECT_EQ(req.end_time().seconds() - req.start_time().seconds(), 30 * 86400);
}

TEST(ProtoJson, BadParametersAreNamed) {
  v1::ListProceduresRequest req;
  EXPECT_THAT(FillFromQuery({{"colour", "red"}}, &req),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("colour:")));
  EXPECT_THAT(FillFromQuery({{"page_size", "many"}}, &req),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size:")));
  EXPECT_THAT(FillFromQuery({{"online_level", "LEVEL_9"}}, &req),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("online_level:")));
  v1::GetReportRequest report;
  EXPECT_THAT(FillFromQuery({{"start_time", "yesterday"}}, &report),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("start_time:")));
}

TEST(ProtoJson, BodiesUseTheProto3Mapping) {
  v1::CreateDossierRequest req;
  ASSERT_THAT(ParseJson(R"({"dossier": {"procedure": "procedures/1.004222",
      "channel": "CHANNEL_ONLINE", "applicant": {"idNumber": "025090000001"},
      "attachments": [{"componentCode": "TK", "fileName": "a.pdf", "content": "JVBERi0="}]},
      "request_id": "r1"})",
                        &req),
              IsOk());
  EXPECT_EQ(req.dossier().channel(), v1::CHANNEL_ONLINE);
  EXPECT_EQ(req.dossier().attachments(0).content(), "%PDF-");
  EXPECT_EQ(req.request_id(), "r1");
  EXPECT_THAT(ToJson(req), HasSubstr("\"requestId\":\"r1\""));
}

TEST(ProtoJson, BadBodiesNameTheBody) {
  v1::CreateDossierRequest req;
  EXPECT_THAT(ParseJson("{\"dossier\": ", &req),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("body: is not valid JSON")));
  EXPECT_THAT(ParseJson("{\"unknownField\": 1}", &req),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("body:")));
  EXPECT_THAT(ParseJson("", &req), IsOk());
}

}  // namespace
}  // namespace motcua::http_gateway
