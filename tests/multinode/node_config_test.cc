// A motcuad whose liên thông configuration is wrong stops at start-up with exit code 1 and a
// message that names the flag and the reason: a certificate naming another node than --node-id,
// a --node-id the topology lacks, a topology file with a mistake (the message names file:line),
// an expired certificate or one from another CA, a peer port already taken. No node serves.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/multinode/cluster.h"
#include "tests/multinode/cluster_test_base.h"
#include "tests/testing/node_process.h"
#include "tests/testing/status_matchers.h"

namespace motcua::multinode {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

class NodeConfigTest : public ClusterTest {
 protected:
  void SetUp() override { MakeCluster(Cluster::Era::k2025); }

  // motcuad with `args` after --data-dir and --listen; must stop by itself.
  testing::CommandResult Motcuad(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {testing::BinDir() + "/motcuad", "--data-dir",
                                     cluster_->dir().File(absl::StrCat("node", ++runs_)),
                                     "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::RunCommand(argv, 60);
  }

  // NodeArgs(id) with flag `flag`'s value replaced.
  std::vector<std::string> ArgsWith(const std::string& id, const std::string& flag,
                                    const std::string& value) {
    std::vector<std::string> args = cluster_->NodeArgs(id);
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == flag) args[i + 1] = value;
    }
    return args;
  }

  int runs_ = 0;
};

TEST_F(NodeConfigTest, CertificateNamingAnotherNodeStopsStartup) {
  std::vector<std::string> args =
      ArgsWith(kCommune07900, "--peer-cert", cluster_->CertFile(kCommune07894));
  args = [&] {
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--peer-key") args[i + 1] = cluster_->KeyFile(kCommune07894);
    }
    return args;
  }();
  auto r = Motcuad(args);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("--peer-cert"), HasSubstr(kCommune07894), HasSubstr(kCommune07900)));
  EXPECT_THAT(r.out, Not(HasSubstr("listening on")));
}

TEST_F(NodeConfigTest, UnknownNodeIdStopsStartup) {
  auto r = Motcuad(ArgsWith(kCommune07900, "--node-id", "commune-99999"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("--node-id"), HasSubstr("commune-99999"),
                           HasSubstr(cluster_->topology_file())));
  EXPECT_THAT(r.out, Not(HasSubstr("listening on")));
}

TEST_F(NodeConfigTest, MalformedTopologyNamesFileAndLine) {
  const std::string good = ReadFileOrEmpty(cluster_->topology_file());
  // Line 1 is a comment, line 2 the header, lines 3–5 the province and the two communes.
  const std::string province_line =
      absl::StrCat("province\t", cluster_->PeerAddress(kProvince), "\t\t25");
  const std::string commune_line =
      absl::StrCat("commune-07900\t", cluster_->PeerAddress(kCommune07900), "\tprovince\t07900");
  ASSERT_THAT(good, HasSubstr(province_line));
  ASSERT_THAT(good, HasSubstr(commune_line));
  struct Case {
    std::string name;
    std::string text;
    int line;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"address-without-port",
       absl::StrReplaceAll(good, {{commune_line, "commune-07900\t127.0.0.1\tprovince\t07900"}}), 4,
       "is not host:port"},
      {"unknown-parent",
       absl::StrReplaceAll(good, {{commune_line, absl::StrCat("commune-07900\t",
                                                              cluster_->PeerAddress(kCommune07900),
                                                              "\tdistrict-999\t07900")}}),
       4, "unknown parent"},
      {"unknown-unit",
       absl::StrReplaceAll(good, {{commune_line, absl::StrCat("commune-07900\t",
                                                              cluster_->PeerAddress(kCommune07900),
                                                              "\tprovince\t99999")}}),
       4, "99999"},
      {"bad-node-id", absl::StrReplaceAll(good, {{"commune-07894\t", "Commune_07894\t"}}), 5,
       "not a node id"},
      {"duplicate-node", absl::StrCat(good, "province\t127.0.0.1:1\t\t\n"), 6, "appears twice"},
      {"second-root", absl::StrCat(good, "district-227\t127.0.0.1:1\t\t227\n"), 6, "second root"},
      {"unit-twice", absl::StrCat(good, "district-227\t127.0.0.1:1\tprovince\t07900\n"), 6,
       "already served"},
      {"missing-column",
       absl::StrReplaceAll(good, {{"node\taddress\tparent\tunits", "node\taddress\tunits"}}), 2,
       "parent"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string file = cluster_->dir().File(c.name + ".tsv");
    std::ofstream(file) << c.text;
    auto r = Motcuad(ArgsWith(kCommune07900, "--topology", file));
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr(absl::StrCat("--topology: ", file, ":", c.line, ":")));
    EXPECT_THAT(r.err, HasSubstr(c.reason));
    EXPECT_THAT(r.out, Not(HasSubstr("listening on")));
  }
  // A file that is not there.
  auto r = Motcuad(ArgsWith(kCommune07900, "--topology", cluster_->dir().File("none.tsv")));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, AllOf(HasSubstr("--topology"), HasSubstr("none.tsv")));
}

TEST_F(NodeConfigTest, ExpiredOrForeignCertificateStopsStartup) {
  const std::string expired = cluster_->dir().File("expired");
  auto made = DevCa({"node", cluster_->pki_dir(), kCommune07900, "--expired", "--out", expired});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::vector<std::string> args =
      ArgsWith(kCommune07900, "--peer-cert", expired + "/commune-07900.pem");
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--peer-key") args[i + 1] = expired + "/commune-07900.key";
  }
  auto r = Motcuad(args);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("--peer-cert"), HasSubstr("expired")));

  const std::string rogue = cluster_->dir().File("rogue-pki");
  made = DevCa({"cluster", rogue, kCommune07900, "--name", "motcua rogue CA"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  args = ArgsWith(kCommune07900, "--peer-cert", rogue + "/commune-07900.pem");
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--peer-key") args[i + 1] = rogue + "/commune-07900.key";
  }
  r = Motcuad(args);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr("--peer-cert"), HasSubstr("not signed by the CA")));
}

TEST_F(NodeConfigTest, PeerPortInUseStopsStartup) {
  // Something else holds the commune's peer port.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const std::string peer = cluster_->PeerAddress(kCommune07900);
  addr.sin_port = htons(static_cast<uint16_t>(std::stoi(peer.substr(peer.rfind(':') + 1))));
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0) << peer;
  ASSERT_EQ(listen(fd, 1), 0);
  auto r = Motcuad(cluster_->NodeArgs(kCommune07900));
  close(fd);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.err, AllOf(HasSubstr(peer), HasSubstr("cannot listen")));
}

TEST_F(NodeConfigTest, TopologyWithoutPeerCredentialsIsAUsageError) {
  std::vector<std::string> args = cluster_->NodeArgs(kCommune07900);
  args.resize(args.size() - 6);  // drop --peer-ca, --peer-cert, --peer-key
  auto r = Motcuad(args);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_THAT(r.err, HasSubstr("--peer-ca"));
}

}  // namespace
}  // namespace motcua::multinode
