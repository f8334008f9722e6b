// The hand-off as bytes (services/dossier_service/handoff_codec.h): every field the store keeps
// survives the trip, and a malformed hand-off is refused naming its field.
#include "services/dossier_service/handoff_codec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::dossier_service {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

const absl::Time kT0 = absl::FromUnixSeconds(1795748400);  // 2026-11-27 09:00 +07:00

HandoffMessage Full() {
  HandoffMessage m;
  m.header = {"commune-07900/7",
              storage::HandoffKind::kResult,
              "H44.07900-261127-0001",
              "province",
              "commune-07900",
              "25",
              "07900",
              kT0,
              kT0 + absl::Hours(8)};
  dossier::Dossier& d = m.dossier;
  d.code = "H44.07900-261127-0001";
  d.procedure_code = "2.000635";
  d.procedure_version = 2;
  d.procedure_name = "Cấp bản sao Trích lục hộ tịch";
  d.channel = dossier::Channel::kPostal;
  d.status = workflow::Status::kResolved;
  d.step = workflow::Step::kClosed;
  d.resume_step = workflow::Step::kSigned;
  d.applicant = {"Nguyễn Văn An", "025090000001", "0912345678", "an@example.vn", "Việt Trì"};
  d.summary = "Trích lục";
  d.submitted_by = "clerk.07900";
  d.receiving_unit = "07900";
  d.competent_unit = "25";
  d.support_unit = "07894";
  d.submitted_time = kT0;
  d.received_time = kT0;
  d.transfer_time = kT0 + absl::Minutes(5);
  d.due_time = kT0 + absl::Hours(30);
  d.original_due_time = kT0 + absl::Hours(24);
  d.scoring_due_time = kT0 + absl::Hours(26);
  d.calendar_version = "vn-2026.1";
  d.extended = true;
  d.extension_reason = "Chờ xác minh";
  d.assignee = "specialist.25";
  d.supplements.push_back({1, kT0 + absl::Hours(1), "specialist.25", "Bổ sung CCCD", true,
                           kT0 + absl::Hours(2), kT0 + absl::Hours(24), kT0 + absl::Hours(28)});
  dossier::Consultation c;
  c.number = 1;
  c.unit = "07894";
  c.lead_unit = "25";
  c.question = "Ý kiến?";
  c.requested_by = "leader.25";
  c.requested_time = kT0;
  c.due_time = kT0 + absl::Hours(4);
  c.answer = "Đồng ý";
  c.answered_by = "leader.07894";
  c.answered_time = kT0 + absl::Hours(3);
  c.agreed = true;
  d.consultations.push_back(c);
  d.attachments.push_back({"TK", "tk.pdf", std::string(64, 'a'), 12});
  d.fees.push_back({"LP", "Lệ phí", 8000});
  d.paid_time = kT0 + absl::Hours(5);
  d.handling_end_time = kT0 + absl::Hours(6);
  d.delivery = dossier::Delivery::kPost;
  d.decision_note = "";
  d.request_id = "req-1";
  d.revision = 2;
  d.rating = 4;
  d.home_node = "commune-07900";
  for (int i = 1; i <= 2; ++i) {
    dossier::Event e;
    e.dossier_code = d.code;
    e.seq = i;
    e.time = kT0 + absl::Minutes(i);
    e.actor = "clerk.07900";
    e.role = workflow::Role::kClerk;
    e.unit = "07900";
    e.action = i == 1 ? "receive" : "handoff-send";
    e.status_after = i == 1 ? workflow::Status::kReceived : workflow::Status::kResolved;
    e.reason = "lý do";
    e.prev_hash = std::string(64, '0');
    e.hash = std::string(64, 'f');
    m.events.push_back(e);
  }
  return m;
}

TEST(HandoffCodecTest, EveryFieldSurvivesTheTrip) {
  const HandoffMessage m = Full();
  v1::Handoff proto;
  ToProto(m, &proto);
  v1::Handoff parsed;
  ASSERT_TRUE(parsed.ParseFromString(proto.SerializeAsString()));
  auto back = FromProto(parsed);
  ASSERT_OK(back);
  // The re-encoded message is identical, so no field was lost on the way.
  v1::Handoff again;
  ToProto(*back, &again);
  EXPECT_EQ(again.SerializeAsString(), proto.SerializeAsString());
  EXPECT_EQ(back->header.key, "commune-07900/7");
  EXPECT_EQ(back->dossier.supplements[0].new_due, kT0 + absl::Hours(28));
  EXPECT_EQ(back->dossier.consultations[0].answered_time, kT0 + absl::Hours(3));
  EXPECT_EQ(back->dossier.scoring_due_time, kT0 + absl::Hours(26));
  EXPECT_FALSE(back->dossier.returned_time.has_value());
  EXPECT_EQ(back->dossier.home_node, "commune-07900");
  EXPECT_EQ(back->events[1].action, "handoff-send");
}

TEST(HandoffCodecTest, MalformedHandoffsNameTheField) {
  struct Case {
    const char* name;
    void (*breaks)(v1::Handoff&);
    const char* field;
  };
  const Case cases[] = {
      {"no key", [](v1::Handoff& h) { h.clear_key(); }, "handoff.key"},
      {"no kind", [](v1::Handoff& h) { h.set_kind(v1::Handoff::KIND_UNSPECIFIED); },
       "handoff.kind"},
      {"no origin", [](v1::Handoff& h) { h.clear_origin_node(); }, "handoff.origin_node"},
      {"no destination", [](v1::Handoff& h) { h.clear_destination_node(); },
       "handoff.destination_node"},
      {"no from unit", [](v1::Handoff& h) { h.clear_from_unit(); }, "handoff.from_unit"},
      {"bad code", [](v1::Handoff& h) { h.mutable_dossier()->set_code("x; DROP"); },
       "handoff.dossier.code"},
      {"bad status", [](v1::Handoff& h) { h.mutable_dossier()->set_status(42); },
       "handoff.dossier.status"},
      {"no events", [](v1::Handoff& h) { h.mutable_dossier()->clear_events(); },
       "handoff.dossier.events"},
      {"gap in events", [](v1::Handoff& h) { h.mutable_dossier()->mutable_events(1)->set_seq(3); },
       "handoff.dossier.events[1].seq"},
      {"bad channel", [](v1::Handoff& h) { h.mutable_dossier()->set_channel(9); },
       "handoff.dossier.channel"},
      {"bad step", [](v1::Handoff& h) { h.mutable_dossier()->set_step(0); },
       "handoff.dossier.step"},
      {"status not the last event's", [](v1::Handoff& h) { h.mutable_dossier()->set_status(4); },
       "handoff.dossier.status"},
      {"bad event role",
       [](v1::Handoff& h) { h.mutable_dossier()->mutable_events(0)->set_role(0); },
       "handoff.dossier.events[0].role"},
      {"bad event status",
       [](v1::Handoff& h) { h.mutable_dossier()->mutable_events(0)->set_status_after(0); },
       "handoff.dossier.events[0].status_after"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    v1::Handoff h;
    ToProto(Full(), &h);
    c.breaks(h);
    EXPECT_THAT(FromProto(h), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.field)));
  }
}

}  // namespace
}  // namespace motcua::dossier_service
