// A real motcuad on loopback, driven through gRPC and through the motcua CLI.
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>

#include <future>
#include <set>
#include <grpcpp/health_check_service_interface.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "motcua/v1/catalog_service.grpc.pb.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::BinDir;
using testing::NodeProcess;
using testing::RunCommand;

class CatalogNodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    auto node = NodeProcess::Start(dir_->path(), {"--seed-demo"});
    ASSERT_OK(node);
    node_ = new NodeProcess(std::move(*node));
  }
  static void TearDownTestSuite() {
    delete node_;
    delete dir_;
  }

  testing::CommandResult Cli(std::vector<std::string> args) {
    std::vector<std::string> argv = {BinDir() + "/motcua", "--server", node_->address()};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunCommand(argv);
  }

  std::unique_ptr<v1::CatalogService::Stub> Stub() {
    return v1::CatalogService::NewStub(
        grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials()));
  }

  static v1::ListProceduresResponse ParseList(const std::string& json) {
    v1::ListProceduresResponse resp;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &resp).ok()) << json;
    return resp;
  }

  static testing::TempDir* dir_;
  static NodeProcess* node_;
};

testing::TempDir* CatalogNodeTest::dir_ = nullptr;
NodeProcess* CatalogNodeTest::node_ = nullptr;

TEST_F(CatalogNodeTest, CliListsLevel4AndLevel3Procedures) {
  auto full = Cli({"--output", "json", "catalog", "list", "--online-level", "4", "--all"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  auto resp4 = ParseList(full.out);
  EXPECT_GT(resp4.procedures_size(), 0);
  for (const auto& p : resp4.procedures()) {
    EXPECT_EQ(p.online_level(), v1::ONLINE_SERVICE_LEVEL_FULL) << p.code();
  }
  auto partial = Cli({"--output", "json", "catalog", "list", "--online-level", "3", "--all"});
  ASSERT_EQ(partial.exit_code, 0) << partial.err;
  auto resp3 = ParseList(partial.out);
  EXPECT_GT(resp3.procedures_size(), 0);
  for (const auto& p : resp3.procedures()) {
    EXPECT_EQ(p.online_level(), v1::ONLINE_SERVICE_LEVEL_PARTIAL) << p.code();
  }
  EXPECT_EQ(resp3.procedures_size() + resp4.procedures_size(), 33);
}

TEST_F(CatalogNodeTest, CliFindsBirthRegistrationWithoutDiacritics) {
  auto r = Cli({"--output", "json", "catalog", "list", "--query", "dang ky khai sinh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto resp = ParseList(r.out);
  std::vector<std::string> codes;
  for (const auto& p : resp.procedures()) codes.push_back(p.code());
  EXPECT_THAT(codes, ::testing::Contains("1.001193"));
  auto table = Cli({"catalog", "list", "--query", "Đăng ký khai sinh"});
  EXPECT_THAT(table.out, HasSubstr("Thủ tục đăng ký khai sinh"));
}

TEST_F(CatalogNodeTest, CliShowsProcedureAndUnits) {
  auto show = Cli({"catalog", "show", "1.001193"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_THAT(show.out, AllOf(HasSubstr("Thành phần hồ sơ"), HasSubstr("Trình tự thực hiện"),
                              HasSubstr("15 giờ")));
  auto unit = Cli({"units", "show", "07888", "--division", "2025-h1"});
  ASSERT_EQ(unit.exit_code, 0) << unit.err;
  EXPECT_THAT(unit.out, HasSubstr("divisions/2025/units/07900"));
  auto districts = Cli({"units", "list", "--division", "2024", "--level", "district"});
  EXPECT_THAT(districts.out, HasSubstr("13 / 13"));
}

TEST_F(CatalogNodeTest, CliReportsBadInputClearly) {
  auto unknown = Cli({"catalog", "show", "9.999999"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));
  auto bad_flag = Cli({"catalog", "list", "--online-level", "5"});
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_THAT(bad_flag.err, HasSubstr("--online-level"));
  auto unknown_flag = Cli({"catalog", "list", "--bogus"});
  EXPECT_EQ(unknown_flag.exit_code, 2);
  EXPECT_THAT(unknown_flag.err, HasSubstr("--bogus"));
  auto bad_output = Cli({"--output", "xml", "catalog", "list"});
  EXPECT_EQ(bad_output.exit_code, 2);
  auto no_node = RunCommand({BinDir() + "/motcua", "--server", "127.0.0.1:1", "catalog", "list"});
  EXPECT_EQ(no_node.exit_code, 3);
  EXPECT_THAT(no_node.err, HasSubstr("cannot reach the node"));
  auto help = Cli({"catalog", "list", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("--online-level"), HasSubstr("Examples")));
}

TEST_F(CatalogNodeTest, GrpcPaginationCoversEveryProcedureOnce) {
  auto stub = Stub();
  v1::ListProceduresRequest req;
  req.set_page_size(7);
  std::set<std::string> seen;
  int pages = 0;
  while (true) {
    grpc::ClientContext ctx;
    v1::ListProceduresResponse resp;
    ASSERT_TRUE(stub->ListProcedures(&ctx, req, &resp).ok());
    for (const auto& p : resp.procedures()) EXPECT_TRUE(seen.insert(p.code()).second);
    ++pages;
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  EXPECT_EQ(seen.size(), 33u);
  EXPECT_EQ(pages, 5);
  // A token with other filters is refused.
  req.set_query("khai sinh");
  grpc::ClientContext ctx;
  v1::ListProceduresResponse resp;
  grpc::Status s = stub->ListProcedures(&ctx, req, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("page_token"));
}

TEST_F(CatalogNodeTest, GrpcRejectsMalformedRequestsWithTheField) {
  auto stub = Stub();
  struct Case {
    v1::ListProceduresRequest req;
    std::string field;
  };
  std::vector<Case> cases(4);
  cases[0].req.set_page_size(-1);
  cases[0].field = "page_size";
  cases[1].req.set_page_token("%%%not-base64");
  cases[1].field = "page_token";
  cases[2].req.set_query(std::string(300, 'a'));
  cases[2].field = "query";
  cases[3].req.set_online_level(static_cast<v1::OnlineServiceLevel>(9));
  cases[3].field = "online_level";
  for (const auto& c : cases) {
    grpc::ClientContext ctx;
    v1::ListProceduresResponse resp;
    grpc::Status s = stub->ListProcedures(&ctx, c.req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_THAT(s.error_message(), HasSubstr(c.field));
  }
  v1::ListProceduresRequest unknown_unit;
  unknown_unit.set_unit("99999");
  grpc::ClientContext ctx;
  v1::ListProceduresResponse resp;
  grpc::Status s = stub->ListProcedures(&ctx, unknown_unit, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(s.error_message(), HasSubstr("unit"));
  for (const char* name : {"", "procedures/", "units/1.001193", "procedures/1.001193/x"}) {
    grpc::ClientContext c;
    v1::GetProcedureRequest req;
    req.set_name(name);
    v1::Procedure p;
    EXPECT_EQ(stub->GetProcedure(&c, req, &p).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
  for (const char* name : {"", "units/abc", "divisions/2024/units", "units/07900/x"}) {
    grpc::ClientContext c;
    v1::GetUnitRequest req;
    req.set_name(name);
    v1::AdministrativeUnit u;
    EXPECT_EQ(stub->GetUnit(&c, req, &u).error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << name;
  }
}

TEST_F(CatalogNodeTest, UnitFilterSelectsProceduresOfTheUnitsLevel) {
  auto stub = Stub();
  v1::ListProceduresRequest req;
  req.set_unit("25");  // the province
  req.set_page_size(100);
  grpc::ClientContext ctx;
  v1::ListProceduresResponse resp;
  ASSERT_TRUE(stub->ListProcedures(&ctx, req, &resp).ok());
  EXPECT_GT(resp.procedures_size(), 0);
  for (const auto& p : resp.procedures()) {
    EXPECT_THAT(p.implementing_levels(), ::testing::Contains(v1::ADMINISTRATIVE_LEVEL_PROVINCE));
  }
}

TEST_F(CatalogNodeTest, HealthServiceReportsServing) {
  // grpc.health.v1.Health/Check with an empty request (service ""), through the generic stub.
  auto channel = grpc::CreateChannel(node_->address(), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  grpc::ClientContext ctx;
  grpc::Slice empty(std::string{});
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status s) { done.set_value(s); });
  grpc::Status s = done.get_future().get();
  ASSERT_TRUE(s.ok()) << s.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(response.Dump(&slices).ok());
  std::string bytes;
  for (const auto& slice : slices) bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  EXPECT_EQ(bytes, std::string("\x08\x01", 2));  // status: SERVING
}

TEST(NodeLifecycle, SeedIsIdempotentAndSigtermStopsCleanly) {
  testing::TempDir dir;
  for (int round = 0; round < 2; ++round) {
    auto node = NodeProcess::Start(dir.path(), {"--seed-demo"});
    ASSERT_OK(node);
    auto r = RunCommand({BinDir() + "/motcua", "--server", node->address(), "--output", "json",
                         "catalog", "show", "1.001193"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("\"version\": 1"));
    int status = node->Stop();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
}

TEST(NodeLifecycle, PortInUseAndBadDataDirAreClearErrors) {
  testing::TempDir dir;
  auto first = NodeProcess::Start(dir.File("a"));
  ASSERT_OK(first);
  auto r = RunCommand({BinDir() + "/motcuad", "--data-dir", dir.File("b"), "--listen",
                       first->address()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, AllOf(HasSubstr("--listen"), HasSubstr("port in use")));
  std::string ro = dir.File("ro");
  mkdir(ro.c_str(), 0500);
  auto bad_dir = RunCommand({BinDir() + "/motcuad", "--data-dir", ro + "/node", "--listen",
                             "127.0.0.1:0"});
  if (geteuid() != 0) {  // root can write anywhere
    EXPECT_EQ(bad_dir.exit_code, 1);
    EXPECT_THAT(bad_dir.err, HasSubstr("data dir"));
  }
  auto file_dir = RunCommand({BinDir() + "/motcuad", "--data-dir", "/dev/null", "--listen",
                              "127.0.0.1:0"});
  EXPECT_EQ(file_dir.exit_code, 1);
  EXPECT_THAT(file_dir.err, HasSubstr("data dir"));
  auto no_dir = RunCommand({BinDir() + "/motcuad", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(no_dir.exit_code, 2);
  EXPECT_THAT(no_dir.err, HasSubstr("--data-dir is required"));
  auto bad_listen = RunCommand({BinDir() + "/motcuad", "--data-dir", dir.File("c"), "--listen",
                                "localhost"});
  EXPECT_EQ(bad_listen.exit_code, 2);
  EXPECT_THAT(bad_listen.err, HasSubstr("--listen"));
  auto help = RunCommand({BinDir() + "/motcuad", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("--seed-demo"));
}

}  // namespace
}  // namespace motcua
