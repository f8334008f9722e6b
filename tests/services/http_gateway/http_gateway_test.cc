// The HTTP gateway of a real motcuad on loopback: proto3 JSON on the gRPC handlers, the error
// body, the body limit (413), the rate limit (429), sessions with CSRF, forged cookies, the
// payment simulator's pay-at-submission, rating, and TLS.
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "motcua/v1/auth_service.pb.h"
#include "motcua/v1/intake_service.pb.h"
#include "motcua/v1/web_gateway.pb.h"
#include "services/http_gateway/proto_json.h"
#include "services/http_gateway/session_cookies.h"
#include "tests/testing/node_process.h"
#include "tests/testing/temp_dir.h"

namespace motcua::http_gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kJson[] = "application/json";

std::string Pdf() { return "%PDF-1.4\n%%EOF\n"; }

class HttpGatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto node = testing::NodeProcess::Start(
        dir_.path() + "/node", {"--seed-demo", "--http-listen", "127.0.0.1:0", "--log-level",
                                "warning", "--http-rate-limit", "1000"});
    ASSERT_TRUE(node.ok()) << node.status();
    node_.emplace(*std::move(node));
    ASSERT_FALSE(node_->http_address().empty());
    auto colon = node_->http_address().rfind(':');
    client_.emplace(node_->http_address().substr(0, colon),
                    std::atoi(node_->http_address().substr(colon + 1).c_str()));
    client_->set_read_timeout(30, 0);
  }

  std::string Login(const std::string& user) {
    auto res = client_->Post(
        "/api/v1/auth:login",
        absl::StrCat(R"({"username":")", user, R"(","password":"motcua-demo"})"), kJson);
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    v1::LoginResponse login;
    EXPECT_TRUE(ParseJson(res->body, &login).ok());
    return login.token();
  }

  static httplib::Headers Bearer(const std::string& token) {
    return {{"Authorization", absl::StrCat("Bearer ", token)}};
  }

  static std::string OnlineDossier(const std::string& name, const std::string& id) {
    v1::CreateDossierRequest req;
    auto* d = req.mutable_dossier();
    d->set_procedure("procedures/1.004222");
    d->set_channel(v1::CHANNEL_ONLINE);
    d->set_receiving_unit("07900");
    d->mutable_applicant()->set_name(name);
    d->mutable_applicant()->set_id_number(id);
    for (const char* c : {"TK", "CHO"}) {
      auto* a = d->add_attachments();
      a->set_component_code(c);
      a->set_file_name(absl::StrCat(c, ".pdf"));
      a->set_content(Pdf());
    }
    return ToJson(req);
  }

  testing::TempDir dir_;
  std::optional<testing::NodeProcess> node_;
  std::optional<httplib::Client> client_;
};

TEST_F(HttpGatewayTest, CatalogueSearchWithoutDiacritics) {
  auto res = client_->Get(
      "/api/v1/procedures?query=dang%20ky%20thuong%20tru&online_level=ONLINE_SERVICE_LEVEL_FULL");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Content-Type"), HasSubstr("application/json"));
  EXPECT_THAT(res->body, HasSubstr("\"code\":\"1.004222\""));
  EXPECT_THAT(res->body, HasSubstr("Đăng ký thường trú"));
}

TEST_F(HttpGatewayTest, ErrorsCarryStatusFieldAndVietnamese) {
  auto res = client_->Get("/api/v1/procedures?colour=red");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  v1::HttpErrorResponse err;
  google::protobuf::util::JsonParseOptions options;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(res->body, &err, options).ok())
      << res->body;
  EXPECT_EQ(err.error().code(), 400);
  EXPECT_EQ(err.error().status(), "INVALID_ARGUMENT");
  EXPECT_EQ(err.error().field(), "colour");
  EXPECT_FALSE(err.error().message_vi().empty());

  res = client_->Get("/api/v1/procedures/9.999999");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(res->body, HasSubstr("\"status\":\"NOT_FOUND\""));

  res = client_->Get("/api/v1/no/such/route");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_THAT(res->body, HasSubstr("\"message_vi\""));
}

TEST_F(HttpGatewayTest, DossierWritesNeedSignIn) {
  auto res =
      client_->Post("/api/v1/dossiers", OnlineDossier("Nguyễn Văn An", "025090000001"), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_THAT(res->body, HasSubstr("Bạn cần đăng nhập"));
}

TEST_F(HttpGatewayTest, MissingFieldIs400AndNothingIsWritten) {
  const std::string token = Login("citizen.an");
  auto res =
      client_->Post("/api/v1/dossiers", Bearer(token), OnlineDossier("", "025090000001"), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("\"field\":\"dossier.applicant.name\""));
  EXPECT_THAT(res->body, HasSubstr("Họ và tên người nộp là bắt buộc"));
  res = client_->Get("/api/v1/worklist?view=ALL", Bearer(token));
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, HasSubstr("\"totalSize\":0"));
}

TEST_F(HttpGatewayTest, BodyOverTheLimitIs413) {
  std::string body = absl::StrCat(R"({"pad":")", std::string(33 << 20, 'x'), R"("})");
  auto res = client_->Post("/api/v1/dossiers", body, kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_THAT(res->body, HasSubstr("\"field\":\"body\""));
  EXPECT_THAT(res->body, HasSubstr("quá lớn"));
}

TEST_F(HttpGatewayTest, CookieSessionNeedsTheCsrfHeader) {
  // Signing in from a page needs the header too.
  auto res = client_->Post("/api/v1/session",
                           R"({"username":"citizen.an","password":"motcua-demo"})", kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  res = client_->Post("/api/v1/session", {{kCsrfHeader, "login"}},
                      R"({"username":"citizen.an","password":"motcua-demo"})", kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, Not(HasSubstr("\"token\":\"ey")));  // the token stays in the cookie
  std::string session;
  std::string csrf;
  for (const auto& [k, v] : res->headers) {
    if (k != "Set-Cookie") continue;
    if (absl::StartsWith(v, "motcua_session=")) {
      session = v.substr(15, v.find(';') - 15);
      EXPECT_THAT(v, HasSubstr("HttpOnly"));
      EXPECT_THAT(v, HasSubstr("SameSite=Strict"));
    }
    if (absl::StartsWith(v, "motcua_csrf=")) csrf = v.substr(12, v.find(';') - 12);
  }
  ASSERT_FALSE(session.empty());
  EXPECT_EQ(csrf, CsrfTokenFor(session));
  const std::string cookie = absl::StrCat("motcua_session=", session, "; motcua_csrf=", csrf);
  const std::string body = OnlineDossier("Nguyễn Văn An", "025090000001");

  res = client_->Post("/api/v1/dossiers", {{"Cookie", cookie}}, body, kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("\"field\":\"csrf\""));

  res = client_->Post("/api/v1/dossiers", {{"Cookie", cookie}, {kCsrfHeader, "0000"}}, body, kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);

  res = client_->Post("/api/v1/dossiers",
                      {{"Cookie", cookie}, {kCsrfHeader, csrf}, {"Origin", "http://evil.example"}},
                      body, kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_THAT(res->body, HasSubstr("trang web khác"));

  res = client_->Post("/api/v1/dossiers", {{"Cookie", cookie}, {kCsrfHeader, csrf}}, body, kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr("\"outcome\":\"SUBMITTED\""));

  // GETs need no CSRF header.
  res = client_->Get("/api/v1/session", {{"Cookie", cookie}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("\"username\":\"citizen.an\""));
}

TEST_F(HttpGatewayTest, ForgedCookieIs401AndDropped) {
  const std::string forged = "eyJ1IjoiYWRtaW4ifQ.AAAA";
  auto res = client_->Post(
      "/api/v1/dossiers",
      {{"Cookie", absl::StrCat("motcua_session=", forged)}, {kCsrfHeader, CsrfTokenFor(forged)}},
      OnlineDossier("Nguyễn Văn An", "025090000001"), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_THAT(res->body, HasSubstr("Phiên đăng nhập không hợp lệ"));
  EXPECT_THAT(res->get_header_value("Set-Cookie"), HasSubstr("motcua_session=; Path=/; Max-Age=0"));
}

TEST_F(HttpGatewayTest, PayAtSubmissionThenAcceptThenRateOnlyWhenFinished) {
  const std::string an = Login("citizen.an");
  auto res = client_->Post("/api/v1/dossiers", Bearer(an),
                           OnlineDossier("Nguyễn Văn An", "025090000001"), kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  v1::CreateDossierResponse created;
  ASSERT_TRUE(ParseJson(res->body, &created).ok());
  const std::string code = created.dossier().code();

  // A wrong amount, another citizen: refused, nothing written.
  v1::PayDossierRequest pay;
  pay.set_name(absl::StrCat("dossiers/", code));
  pay.set_amount_vnd(1000);
  pay.set_method("the");
  res = client_->Post("/pay/sim/api/charge", Bearer(an), ToJson(pay), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("không khớp với số phí"));
  pay.set_amount_vnd(20000);
  res = client_->Post("/pay/sim/api/charge", Bearer(Login("citizen.binh")), ToJson(pay), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);

  res = client_->Post("/pay/sim/api/charge", Bearer(an), ToJson(pay), kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  v1::PayDossierResponse paid;
  ASSERT_TRUE(ParseJson(res->body, &paid).ok());
  EXPECT_THAT(paid.transaction_id(), ::testing::StartsWith("SIM-"));
  EXPECT_EQ(paid.dossier().state(), v1::Dossier::SUBMITTED);
  EXPECT_TRUE(paid.dossier().has_pay_time());
  res = client_->Post("/pay/sim/api/charge", Bearer(an), ToJson(pay), kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("đã được thanh toán"));

  // The clerk accepts over HTTP (the gRPC AcceptDossier's twin).
  res = client_->Post(absl::StrCat("/api/v1/dossiers/", code, ":accept"),
                      Bearer(Login("clerk.07900")), "{}", kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr("\"state\":\"RECEIVED\""));

  // Not finished yet: no rating.
  res = client_->Post(absl::StrCat("/api/v1/dossiers/", code, ":rate"), Bearer(an),
                      R"({"rating": 5})", kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("Chỉ đánh giá được khi hồ sơ đã giải quyết xong"));

  // Public status and explanation need no sign-in.
  res = client_->Get(absl::StrCat("/api/v1/dossiers/", code, ":status"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("\"holdingUnit\":\"07900\""));
  res = client_->Get(absl::StrCat("/api/v1/dossiers/", code, ":explainDueDate"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("7 ngày làm việc"));

  // The history holds the payment with its transaction.
  res = client_->Get(absl::StrCat("/api/v1/dossiers/", code, "/events"), Bearer(an));
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, HasSubstr(paid.transaction_id()));
  EXPECT_THAT(res->body, HasSubstr("\"chainValid\":true"));

  // Withdrawn (finished): rated once.
  res = client_->Post(absl::StrCat("/api/v1/dossiers/", code, ":withdraw"), Bearer(an),
                      R"({"reason": "Không còn nhu cầu"})", kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  res = client_->Post(absl::StrCat("/api/v1/dossiers/", code, ":rate"), Bearer(an),
                      R"({"rating": 4, "comment": "Nhanh gọn"})", kJson);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_THAT(res->body, HasSubstr("\"rating\":4"));
  res = client_->Post(absl::StrCat("/api/v1/dossiers/", code, ":rate"), Bearer(an),
                      R"({"rating": 1})", kJson);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_THAT(res->body, HasSubstr("đã được đánh giá"));
}

TEST_F(HttpGatewayTest, ServesThePagesWithSecurityHeaders) {
  auto res = client_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 302);
  EXPECT_EQ(res->get_header_value("Location"), "/portal/");
  res = client_->Get("/portal/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("lang=\"vi\""));
  EXPECT_THAT(res->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  for (const char* path : {"/portal/app.js", "/dashboard/", "/dashboard/dashboard.js", "/pay/sim/",
                           "/shared/api.js", "/shared/base.css"}) {
    res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
  }
  EXPECT_THAT(client_->Get("/shared/api.js")->get_header_value("Content-Type"),
              HasSubstr("javascript"));
}

TEST(HttpGatewayLimits, RateLimitIs429) {
  testing::TempDir dir;
  auto node = testing::NodeProcess::Start(
      dir.path() + "/node", {"--http-listen", "127.0.0.1:0", "--http-rate-limit", "1"});
  ASSERT_TRUE(node.ok()) << node.status();
  auto colon = node->http_address().rfind(':');
  httplib::Client client(node->http_address().substr(0, colon),
                         std::atoi(node->http_address().substr(colon + 1).c_str()));
  int ok = 0;
  int limited = 0;
  std::string body;
  for (int i = 0; i < 30; ++i) {
    auto res = client.Get("/api/v1/divisions");
    ASSERT_TRUE(res);
    if (res->status == 200) ++ok;
    if (res->status == 429) {
      ++limited;
      body = res->body;
      EXPECT_EQ(res->get_header_value("Retry-After"), "5");
    }
  }
  EXPECT_GE(ok, 10);  // the burst (10x the rate)
  EXPECT_LE(ok, 14);
  EXPECT_GE(limited, 16);
  EXPECT_THAT(body, HasSubstr("\"code\":429"));
  EXPECT_THAT(body, HasSubstr("quá nhiều yêu cầu"));
  // The pages themselves are not limited.
  auto page = client.Get("/portal/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
}

TEST(HttpGatewayLimits, ServesTlsWhenGivenACertificate) {
  testing::TempDir dir;
  const std::string cert = dir.path() + "/cert.pem";
  const std::string key = dir.path() + "/key.pem";
  auto made =
      testing::RunCommand({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                           "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto node = testing::NodeProcess::Start(
      dir.path() + "/node",
      {"--seed-demo", "--http-listen", "127.0.0.1:0", "--http-cert", cert, "--http-key", key});
  ASSERT_TRUE(node.ok()) << node.status();
  auto colon = node->http_address().rfind(':');
  httplib::SSLClient client(node->http_address().substr(0, colon),
                            std::atoi(node->http_address().substr(colon + 1).c_str()));
  client.enable_server_certificate_verification(false);
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Strict-Transport-Security"), HasSubstr("max-age="));
  res = client.Post("/api/v1/session", {{kCsrfHeader, "login"}},
                    R"({"username":"citizen.an","password":"motcua-demo"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->get_header_value("Set-Cookie"), HasSubstr("; Secure"));
  // Plain HTTP to the TLS port gets nothing useful.
  httplib::Client plain(node->http_address().substr(0, colon),
                        std::atoi(node->http_address().substr(colon + 1).c_str()));
  plain.set_read_timeout(5, 0);
  auto bad = plain.Get("/healthz");
  EXPECT_TRUE(!bad || bad->status != 200);
}

TEST(HttpGatewayLimits, OffByDefaultAndStdoutUnchanged) {
  testing::TempDir dir;
  auto node = testing::NodeProcess::Start(dir.path() + "/node");
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_TRUE(node->http_address().empty());
}

}  // namespace
}  // namespace motcua::http_gateway
