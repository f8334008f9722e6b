#include "services/grpc_util/tls_credentials.h"

#include <grpcpp/channel.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/byte_buffer.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::grpc_util {
namespace {

using ::motcua::testing::CommandResult;
using ::motcua::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::string DevCaScript() { return motcua::testing::SourceDir() + "/deploy/pki/dev-ca.sh"; }

CommandResult DevCa(std::vector<std::string> args) {
  args.insert(args.begin(), DevCaScript());
  return motcua::testing::RunCommand(args);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A temporary PKI made by dev-ca.sh: CA "main" with node-a, node-b and the expired node-old, and
// CA "other" with node-x.
class DevPki {
 public:
  DevPki() {
    Run({"cluster", Main(), "node-a", "node-b", "--name", "motcua dev CA Phú Thọ"});
    Run({"node", Main(), "node-old", "--expired"});
    Run({"cluster", Other(), "node-x", "--name", "motcua dev CA other"});
  }

  std::string Main() const { return dir_.File("main"); }
  std::string Other() const { return dir_.File("other"); }
  std::string File(const std::string& ca_dir, const std::string& name) const {
    return ca_dir + "/" + name;
  }
  PeerTlsFiles Files(const std::string& ca_dir, const std::string& node) const {
    return {File(ca_dir, "ca.pem"), File(ca_dir, node + ".pem"), File(ca_dir, node + ".key")};
  }
  // The files as they are, unchecked: how a misconfigured peer would present itself.
  LoadedPeerTls Raw(const PeerTlsFiles& files) const {
    LoadedPeerTls tls;
    tls.ca_pem = ReadFile(files.ca);
    tls.cert_pem = ReadFile(files.cert);
    tls.key_pem = ReadFile(files.key);
    return tls;
  }
  const std::string& path() const { return dir_.path(); }

 private:
  void Run(const std::vector<std::string>& args) {
    CommandResult result = DevCa(args);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  }

  motcua::testing::TempDir dir_;
};

// Answers every method with the node id of the calling peer.
class WhoAmIService : public grpc::CallbackGenericService {
 public:
  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override {
    std::string peer = PeerNodeId(*context);
    {
      absl::MutexLock lock(&mu_);
      seen_.push_back(peer);
    }
    return new Reactor(std::move(peer));
  }

  std::vector<std::string> seen() const {
    absl::MutexLock lock(&mu_);
    return seen_;
  }

 private:
  class Reactor : public grpc::ServerGenericBidiReactor {
   public:
    explicit Reactor(std::string peer) : peer_(std::move(peer)) { StartRead(&request_); }

    void OnReadDone(bool ok) override {
      if (!ok) {
        Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "no request"));
        return;
      }
      grpc::Slice slice(peer_);
      response_ = grpc::ByteBuffer(&slice, 1);
      StartWriteAndFinish(&response_, grpc::WriteOptions(), grpc::Status::OK);
    }
    void OnDone() override { delete this; }

   private:
    std::string peer_;
    grpc::ByteBuffer request_;
    grpc::ByteBuffer response_;
  };

  mutable absl::Mutex mu_;
  std::vector<std::string> seen_ ABSL_GUARDED_BY(mu_);
};

struct CallResult {
  grpc::Status status;
  std::string peer;  // what the server saw
};

CallResult CallWhoAmI(const std::string& address,
                      const std::shared_ptr<grpc::ChannelCredentials>& credentials,
                      const grpc::ChannelArguments& args) {
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(address, credentials, args);
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  grpc::Slice slice(std::string("ping"));
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  absl::Notification done;
  CallResult result;
  stub.UnaryCall(&context, "/motcua.test.v1.Peers/WhoAmI", grpc::StubOptions(), &request, &response,
                 [&](grpc::Status status) {
                   result.status = std::move(status);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (result.status.ok()) {
    std::vector<grpc::Slice> slices;
    EXPECT_TRUE(response.Dump(&slices).ok());
    for (const grpc::Slice& s : slices) result.peer.append(s.begin(), s.end());
  }
  return result;
}

// A server for node-a on 127.0.0.1 (port chosen by the OS) with PeerServerCredentials.
class PeerCredentialsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<LoadedPeerTls> tls = LoadPeerTls(pki_.Files(pki_.Main(), "node-a"));
    ASSERT_OK(tls);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", PeerServerCredentials(*tls), &port);
    builder.RegisterCallbackGenericService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    address_ = "127.0.0.1:" + std::to_string(port);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
  }

  CallResult CallAs(const LoadedPeerTls& client, absl::string_view expected_server = "node-a") {
    return CallWhoAmI(address_, PeerChannelCredentials(client),
                      PeerChannelArguments(expected_server));
  }

  DevPki pki_;
  WhoAmIService service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

TEST_F(PeerCredentialsTest, PeerOfTheSameCaIsServedAndKnownByItsNodeId) {
  absl::StatusOr<LoadedPeerTls> node_b = LoadPeerTls(pki_.Files(pki_.Main(), "node-b"));
  ASSERT_OK(node_b);
  CallResult result = CallAs(*node_b);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_EQ(result.peer, "node-b");
  EXPECT_THAT(service_.seen(), ::testing::ElementsAre("node-b"));
}

TEST_F(PeerCredentialsTest, ServerIsReachableByIpWithoutNameOverride) {
  absl::StatusOr<LoadedPeerTls> node_b = LoadPeerTls(pki_.Files(pki_.Main(), "node-b"));
  ASSERT_OK(node_b);
  CallResult result = CallWhoAmI(address_, PeerChannelCredentials(*node_b), {});
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_EQ(result.peer, "node-b");
}

TEST_F(PeerCredentialsTest, ClientWithoutCertificateIsRefused) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(pki_.File(pki_.Main(), "ca.pem"));
  CallResult result =
      CallWhoAmI(address_, grpc::SslCredentials(options), PeerChannelArguments("node-a"));
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

TEST_F(PeerCredentialsTest, PlaintextClientIsRefused) {
  CallResult result = CallWhoAmI(address_, grpc::InsecureChannelCredentials(), {});
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

TEST_F(PeerCredentialsTest, ClientCertificateOfAnotherCaIsRefused) {
  // node-x trusts our CA (so it would accept node-a) but its certificate comes from "other".
  LoadedPeerTls node_x = pki_.Raw(pki_.Files(pki_.Other(), "node-x"));
  node_x.ca_pem = ReadFile(pki_.File(pki_.Main(), "ca.pem"));
  CallResult result = CallAs(node_x);
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

TEST_F(PeerCredentialsTest, ExpiredClientCertificateIsRefused) {
  CallResult result = CallAs(pki_.Raw(pki_.Files(pki_.Main(), "node-old")));
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

TEST_F(PeerCredentialsTest, ServerNotNamingTheExpectedNodeIsRefused) {
  absl::StatusOr<LoadedPeerTls> node_b = LoadPeerTls(pki_.Files(pki_.Main(), "node-b"));
  ASSERT_OK(node_b);
  CallResult result = CallAs(*node_b, /*expected_server=*/"node-b");
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

TEST_F(PeerCredentialsTest, ServerOfAnotherCaIsRefused) {
  absl::StatusOr<LoadedPeerTls> node_x = LoadPeerTls(pki_.Files(pki_.Other(), "node-x"));
  ASSERT_OK(node_x);
  CallResult result = CallAs(*node_x);
  EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE)
      << result.status.error_message();
  EXPECT_TRUE(service_.seen().empty());
}

class LoadPeerTlsTest : public ::testing::Test {
 protected:
  DevPki pki_;
};

TEST_F(LoadPeerTlsTest, ReadsTheNodeIdAndExpiry) {
  absl::StatusOr<LoadedPeerTls> tls = LoadPeerTls(pki_.Files(pki_.Main(), "node-b"));
  ASSERT_OK(tls);
  EXPECT_EQ(tls->node_id, "node-b");
  EXPECT_EQ(tls->cert_pem, ReadFile(pki_.File(pki_.Main(), "node-b.pem")));
  EXPECT_EQ(tls->key_pem, ReadFile(pki_.File(pki_.Main(), "node-b.key")));
  EXPECT_EQ(tls->ca_pem, ReadFile(pki_.File(pki_.Main(), "ca.pem")));
  // dev-ca.sh's default validity is 825 days.
  absl::Duration left = tls->not_after - absl::Now();
  EXPECT_GT(left, absl::Hours(24 * 824));
  EXPECT_LT(left, absl::Hours(24 * 826));
}

TEST_F(LoadPeerTlsTest, MissingFileIsNamed) {
  PeerTlsFiles files = pki_.Files(pki_.Main(), "node-b");
  files.key = pki_.File(pki_.Main(), "node-z.key");
  EXPECT_THAT(LoadPeerTls(files), StatusIs(absl::StatusCode::kNotFound,
                                           AllOf(HasSubstr("key file"), HasSubstr(files.key),
                                                 HasSubstr("No such file or directory"))));
}

TEST_F(LoadPeerTlsTest, GarbagePemIsNamed) {
  std::string garbage = pki_.path() + "/garbage.pem";
  WriteFile(garbage,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n"
            "-----END CERTIFICATE-----\n");
  std::string text = pki_.path() + "/text.pem";
  WriteFile(text, "hello\n");
  for (const std::string& bad : {garbage, text}) {
    PeerTlsFiles files = pki_.Files(pki_.Main(), "node-b");
    files.ca = bad;
    EXPECT_THAT(LoadPeerTls(files),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("CA file '" + bad + "'"), HasSubstr("not a PEM"))));
    files = pki_.Files(pki_.Main(), "node-b");
    files.cert = bad;
    EXPECT_THAT(LoadPeerTls(files), StatusIs(absl::StatusCode::kInvalidArgument,
                                             AllOf(HasSubstr("certificate file '" + bad + "'"),
                                                   HasSubstr("not a PEM"))));
    files = pki_.Files(pki_.Main(), "node-b");
    files.key = bad;
    EXPECT_THAT(LoadPeerTls(files),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("key file '" + bad + "'"), HasSubstr("not an"))));
  }
}

TEST_F(LoadPeerTlsTest, EmptyFileIsNamed) {
  std::string empty = pki_.path() + "/empty.pem";
  WriteFile(empty, "");
  PeerTlsFiles files = pki_.Files(pki_.Main(), "node-b");
  files.cert = empty;
  EXPECT_THAT(LoadPeerTls(files), StatusIs(absl::StatusCode::kInvalidArgument,
                                           AllOf(HasSubstr(empty), HasSubstr("empty"))));
}

TEST_F(LoadPeerTlsTest, KeyOfAnotherCertificateIsRefused) {
  PeerTlsFiles files = pki_.Files(pki_.Main(), "node-b");
  files.key = pki_.File(pki_.Main(), "node-a.key");
  EXPECT_THAT(LoadPeerTls(files),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("key file '" + files.key + "'"),
                             HasSubstr("does not match the certificate in '" + files.cert))));
}

TEST_F(LoadPeerTlsTest, CertificateOfAnotherCaIsRefused) {
  PeerTlsFiles files = pki_.Files(pki_.Other(), "node-x");
  files.ca = pki_.File(pki_.Main(), "ca.pem");
  EXPECT_THAT(LoadPeerTls(files),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("certificate file '" + files.cert + "'"),
                             HasSubstr("not signed by the CA in '" + files.ca + "'"),
                             HasSubstr("motcua dev CA other"), HasSubstr("Phú Thọ"))));
}

TEST_F(LoadPeerTlsTest, ExpiredCertificateIsRefused) {
  PeerTlsFiles files = pki_.Files(pki_.Main(), "node-old");
  EXPECT_THAT(LoadPeerTls(files), StatusIs(absl::StatusCode::kInvalidArgument,
                                           AllOf(HasSubstr("certificate file '" + files.cert + "'"),
                                                 HasSubstr("expired on "))));
}

TEST_F(LoadPeerTlsTest, CaCertificateIsNotANodeCertificate) {
  // The CA's own certificate and key match, and it verifies against itself, but it is no node.
  PeerTlsFiles files = {pki_.File(pki_.Main(), "ca.pem"), pki_.File(pki_.Main(), "ca.pem"),
                        pki_.File(pki_.Main(), "ca.key")};
  EXPECT_THAT(LoadPeerTls(files),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("certificate file"), HasSubstr("clientAuth"))));
}

TEST(DevCaScript, RefusesBadNodeIds) {
  motcua::testing::TempDir dir;
  ASSERT_EQ(DevCa({"ca", dir.path()}).exit_code, 0);
  for (const std::string& bad :
       {std::string("Node-A"), std::string("node_a"), std::string("a.b"), std::string(41, 'a')}) {
    CommandResult result = DevCa({"node", dir.path(), bad});
    EXPECT_NE(result.exit_code, 0) << bad;
    EXPECT_THAT(result.err, HasSubstr("invalid node id '" + bad + "'"));
    EXPECT_FALSE(std::ifstream(dir.File(bad + ".pem")).good()) << bad;
  }
  CommandResult result = DevCa({"cluster", dir.path(), "node-a", "Bad"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("invalid node id 'Bad'"));
  // The valid id before the bad one was not issued either: nothing half-done.
  EXPECT_FALSE(std::ifstream(dir.File("node-a.pem")).good());
  EXPECT_EQ(DevCa({"node", dir.path(), std::string(40, 'a')}).exit_code, 0);
}

TEST(DevCaScript, RefusesToOverwriteACa) {
  motcua::testing::TempDir dir;
  CommandResult first = DevCa({"ca", dir.path()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("created CA"));
  std::string ca = ReadFile(dir.File("ca.pem"));
  std::string key = ReadFile(dir.File("ca.key"));
  CommandResult second = DevCa({"ca", dir.path(), "--name", "another"});
  EXPECT_NE(second.exit_code, 0);
  EXPECT_THAT(second.err, HasSubstr("already exists"));
  EXPECT_EQ(ReadFile(dir.File("ca.pem")), ca);
  EXPECT_EQ(ReadFile(dir.File("ca.key")), key);
}

TEST(DevCaScript, NodeWithoutCaIsRefused) {
  motcua::testing::TempDir dir;
  CommandResult result = DevCa({"node", dir.path(), "node-a"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("no CA in " + dir.path()));
}

TEST(DevCaScript, ClusterIsIdempotentAndKeepsKeysPrivate) {
  motcua::testing::TempDir dir;
  ASSERT_EQ(DevCa({"cluster", dir.path(), "node-a"}).exit_code, 0);
  std::string ca = ReadFile(dir.File("ca.pem"));
  std::string node_a = ReadFile(dir.File("node-a.pem"));
  CommandResult again = DevCa({"cluster", dir.path(), "node-a", "node-b"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("kept the existing certificate for node node-a"));
  EXPECT_EQ(ReadFile(dir.File("ca.pem")), ca);
  EXPECT_EQ(ReadFile(dir.File("node-a.pem")), node_a);
  EXPECT_OK(LoadPeerTls({dir.File("ca.pem"), dir.File("node-b.pem"), dir.File("node-b.key")}));
  for (const char* key : {"ca.key", "node-a.key", "node-b.key"}) {
    struct stat st;
    ASSERT_EQ(stat(dir.File(key).c_str(), &st), 0) << key;
    EXPECT_EQ(st.st_mode & 0777, 0600) << key;
  }
}

TEST(DevCaScript, OutWritesElsewhere) {
  motcua::testing::TempDir dir;
  ASSERT_EQ(DevCa({"ca", dir.path()}).exit_code, 0);
  std::string out = dir.File("nodes/node-c");
  CommandResult result = DevCa({"node", dir.path(), "node-c", "--days", "30", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  absl::StatusOr<LoadedPeerTls> tls =
      LoadPeerTls({dir.File("ca.pem"), out + "/node-c.pem", out + "/node-c.key"});
  ASSERT_OK(tls);
  EXPECT_EQ(tls->node_id, "node-c");
  EXPECT_LT(tls->not_after - absl::Now(), absl::Hours(24 * 31));
}

TEST(DevCaScript, HelpTeachesTheCommands) {
  CommandResult result = DevCa({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, AllOf(HasSubstr("dev-ca.sh ca DIR"), HasSubstr("dev-ca.sh node DIR"),
                                HasSubstr("dev-ca.sh cluster DIR"), HasSubstr("--expired")));
  CommandResult wrong = DevCa({"sign"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_THAT(wrong.err, HasSubstr("--help"));
}

}  // namespace
}  // namespace motcua::grpc_util
