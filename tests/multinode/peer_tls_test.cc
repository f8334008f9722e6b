// A motcuad peer port refuses every caller that is not a node of its province acting for its own
// units: no client certificate, a certificate of another CA, an expired certificate (each fails
// the TLS handshake, which gRPC logs as "Handshake failed" on the server), a node certificate
// sending a hand-off for a unit its node does not serve, or in the name of another node
// (PERMISSION_DENIED, "refused a hand-off"). Nothing is written by a refused call; the same
// request with the right certificate is then taken, so the refusal was the credential's doing.
// And a sender whose peer it cannot verify logs the failure and retries until the peer is fixed.
//
// The request is a real one: commune-07900 receives a dossier for the province while the
// province is down, and the test reads the queued hand-off from the commune's store.
#include <grpcpp/client_context.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/multinode/cluster.h"
#include "tests/multinode/cluster_test_base.h"
#include "tests/multinode/round_trip.h"
#include "tests/testing/status_matchers.h"

namespace motcua::multinode {
namespace {

using ::testing::HasSubstr;

class PeerTlsTest : public ClusterTest {
 protected:
  void SetUp() override { MakeCluster(Cluster::Era::k2025); }

  // A real queued hand-off: the commune receives a dossier while the province is down, then is
  // paused (its own sender stays out of the way) and the province starts.
  void QueueRealHandoff() {
    ASSERT_OK(cluster_->Start(kCommune07900));
    auto code = cluster_->Receive(kCommune07900, "tls-1");
    ASSERT_OK(code);
    code_ = *code;
    auto rows = cluster_->Outbox(kCommune07900);
    ASSERT_OK(rows);
    ASSERT_EQ(rows->size(), 1u);
    row_ = rows->front();
    cluster_->Pause(kCommune07900);
    ASSERT_OK(cluster_->Start(kProvince));
    auto req = RequestFor(*cluster_, kCommune07900, row_);
    ASSERT_OK(req);
    request_ = *std::move(req);
    auto counts = cluster_->Counts(kProvince);
    ASSERT_OK(counts);
    before_ = *counts;
  }

  grpc::Status Deliver(const std::string& cert_pem, const std::string& key_pem,
                       const v1::DeliverHandoffRequest& req,
                       v1::DeliverHandoffResponse* resp = nullptr) {
    auto stub = PeerStub(cluster_->PeerAddress(kProvince), kProvince,
                         ReadFileOrEmpty(cluster_->CaFile()), cert_pem, key_pem);
    grpc::ClientContext ctx;
    ctx.set_deadline(DeadlineIn(20));
    v1::DeliverHandoffResponse ignored;
    return stub->DeliverHandoff(&ctx, req, resp ? resp : &ignored);
  }

  std::string Cert(const std::string& id) { return ReadFileOrEmpty(cluster_->CertFile(id)); }
  std::string Key(const std::string& id) { return ReadFileOrEmpty(cluster_->KeyFile(id)); }

  // The province wrote nothing and logged `line` (within a few seconds: stderr is unbuffered,
  // but the refusal is logged after the answer may have left).
  void ExpectNothingWrittenAndLogged(const std::string& line) {
    auto counts = cluster_->Counts(kProvince);
    ASSERT_OK(counts);
    EXPECT_EQ(*counts, before_);
    auto inbox = cluster_->Inbox(kProvince);
    ASSERT_OK(inbox);
    EXPECT_TRUE(inbox->empty());
    EXPECT_TRUE(WaitFor([&] { return absl::StrContains(cluster_->Stderr(kProvince), line); },
                        absl::Seconds(5)))
        << "the province's stderr has no \"" << line << "\"";
  }

  // The same request with commune-07900's own certificate is taken.
  void ExpectTheRightCertificateIsTaken() {
    v1::DeliverHandoffResponse resp;
    grpc::Status s = Deliver(Cert(kCommune07900), Key(kCommune07900), request_, &resp);
    ASSERT_TRUE(s.ok()) << s.error_code() << " " << s.error_message();
    EXPECT_TRUE(resp.applied());
    auto held = cluster_->Dossiers(kProvince);
    ASSERT_OK(held);
    ASSERT_EQ(held->size(), 1u);
    EXPECT_EQ(held->begin()->first, code_);
  }

  std::string code_;
  OutboxRow row_;
  v1::DeliverHandoffRequest request_;
  StoreCounts before_;
};

TEST_F(PeerTlsTest, CallWithoutClientCertificateIsRefused) {
  QueueRealHandoff();
  grpc::Status s = Deliver("", "", request_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  ExpectNothingWrittenAndLogged("Handshake failed");
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, CertificateOfAnotherCaIsRefused) {
  QueueRealHandoff();
  const std::string rogue = cluster_->dir().File("rogue-pki");
  auto made = DevCa({"cluster", rogue, kCommune07900, "--name", "motcua rogue CA"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  grpc::Status s = Deliver(ReadFileOrEmpty(rogue + "/commune-07900.pem"),
                           ReadFileOrEmpty(rogue + "/commune-07900.key"), request_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  ExpectNothingWrittenAndLogged("Handshake failed");
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, ExpiredCertificateIsRefused) {
  QueueRealHandoff();
  const std::string expired = cluster_->dir().File("expired");
  auto made = DevCa({"node", cluster_->pki_dir(), kCommune07900, "--expired", "--out", expired});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  grpc::Status s = Deliver(ReadFileOrEmpty(expired + "/commune-07900.pem"),
                           ReadFileOrEmpty(expired + "/commune-07900.key"), request_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAVAILABLE) << s.error_message();
  ExpectNothingWrittenAndLogged("Handshake failed");
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, NodeSendingForAUnitItDoesNotServeIsRefused) {
  QueueRealHandoff();
  // commune-07894's own hand-off, claiming to come from Phường Việt Trì's desk (07900).
  v1::DeliverHandoffRequest forged = request_;
  forged.mutable_handoff()->set_origin_node(kCommune07894);
  forged.mutable_handoff()->set_key("commune-07894/1");
  grpc::Status s = Deliver(Cert(kCommune07894), Key(kCommune07894), forged);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr("07900"));
  ExpectNothingWrittenAndLogged("msg=\"refused a hand-off\" peer=commune-07894");
  EXPECT_THAT(cluster_->Stderr(kProvince),
              HasSubstr("07900, which node commune-07894 does not serve"));
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, NodeSendingInTheNameOfAnotherNodeIsRefused) {
  QueueRealHandoff();
  // commune-07894's certificate on commune-07900's hand-off, as it was queued. commune-07894 is
  // the province's neighbour, but a hand-off of commune-07900 never travels through it.
  grpc::Status s = Deliver(Cert(kCommune07894), Key(kCommune07894), request_);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  ExpectNothingWrittenAndLogged("msg=\"refused a hand-off\" peer=commune-07894");
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, NodeSendingAnotherNodesHandoffUnderItsOwnNameIsRefused) {
  QueueRealHandoff();
  // commune-07894 names itself and its own unit, but the dossier was received at 07900 and the
  // key is commune-07900's: taking it would also drop commune-07900's real hand-off as a
  // duplicate later.
  v1::DeliverHandoffRequest forged = request_;
  forged.mutable_handoff()->set_origin_node(kCommune07894);
  forged.mutable_handoff()->set_from_unit("07894");
  grpc::Status s = Deliver(Cert(kCommune07894), Key(kCommune07894), forged);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << s.error_message();
  ExpectNothingWrittenAndLogged("msg=\"refused a hand-off\" peer=commune-07894");
  ExpectTheRightCertificateIsTaken();
}

TEST_F(PeerTlsTest, SenderLogsTheRefusedHandshakeAndRetriesUntilThePeerIsFixed) {
  // A province started with another CA's certificate: it runs, but the commune cannot verify it.
  const std::string rogue = cluster_->dir().File("rogue-pki");
  auto made = DevCa({"cluster", rogue, kProvince, "--name", "motcua rogue CA"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::vector<std::string> args = cluster_->NodeArgs(kProvince);
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--peer-ca") args[i + 1] = rogue + "/ca.pem";
    if (args[i] == "--peer-cert") args[i + 1] = rogue + "/province.pem";
    if (args[i] == "--peer-key") args[i + 1] = rogue + "/province.key";
  }
  ASSERT_OK(cluster_->Start(kProvince, args));
  ASSERT_OK(cluster_->Start(kCommune07900));
  auto code = cluster_->Receive(kCommune07900, "tls-misconfigured");
  ASSERT_OK(code);
  ASSERT_TRUE(WaitFor(
      [&] {
        auto rows = cluster_->Outbox(kCommune07900);
        return rows.ok() && !rows->empty() && rows->front().attempts >= 2;
      },
      absl::Seconds(20)));
  const std::string err = cluster_->Stderr(kCommune07900);
  EXPECT_THAT(err, HasSubstr("msg=\"delivery failed; will retry\""));
  EXPECT_THAT(err, HasSubstr("error=\"UNAVAILABLE"));
  auto rows = cluster_->Outbox(kCommune07900);
  ASSERT_OK(rows);
  EXPECT_FALSE(rows->front().delivered);
  EXPECT_THAT(rows->front().last_error, HasSubstr("UNAVAILABLE"));
  auto nothing = cluster_->Counts(kProvince);
  ASSERT_OK(nothing);
  EXPECT_EQ(nothing->dossiers, 0);
  EXPECT_EQ(nothing->inbox, 0);

  // Fixed: restarted with the province CA's certificate, on the same folder and port.
  EXPECT_EQ(cluster_->Stop(kProvince), 0);
  ASSERT_OK(cluster_->Start(kProvince));
  const Route route{kCommune07900, kProvince, {}};
  ASSERT_TRUE(
      WaitFor([&] { return AllTransferred(*cluster_, route, {*code}); }, absl::Seconds(60)));
  ExpectTransferred(*cluster_, route, {*code});
}

}  // namespace
}  // namespace motcua::multinode
