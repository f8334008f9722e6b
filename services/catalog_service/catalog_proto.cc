#include "services/catalog_service/catalog_proto.h"

#include "absl/strings/str_cat.h"

namespace motcua::catalog_service {

void ToProto(absl::CivilDay day, v1::Date* out) {
  out->set_year(static_cast<int32_t>(day.year()));
  out->set_month(day.month());
  out->set_day(day.day());
}

void ToProto(const catalog::Procedure& in, v1::Procedure* out) {
  out->set_name(absl::StrCat("procedures/", in.code));
  out->set_code(in.code);
  out->set_display_name(in.name);
  out->set_english_name(in.english_name);
  out->mutable_field()->set_code(in.field_code);
  out->mutable_field()->set_display_name(in.field_name);
  for (catalog::Level l : in.levels) {
    out->add_implementing_levels(static_cast<v1::AdministrativeLevel>(l));
  }
  out->set_online_level(static_cast<v1::OnlineServiceLevel>(in.online_level));
  auto* limit = out->mutable_time_limit();
  limit->set_value(in.time_limit.value);
  limit->set_unit(static_cast<v1::TimeLimit::Unit>(in.time_limit.unit));
  limit->set_display_text(in.time_limit.DisplayText());
  // Every procedure is received at the desk and by post; online at its online level.
  for (auto channel : {v1::CHANNEL_IN_PERSON, v1::CHANNEL_POSTAL, v1::CHANNEL_ONLINE}) {
    if (channel == v1::CHANNEL_ONLINE && in.online_level == catalog::OnlineLevel::kNone) continue;
    auto* offer = out->add_channels();
    offer->set_channel(channel);
    offer->set_online_level(channel == v1::CHANNEL_ONLINE
                                ? static_cast<v1::OnlineServiceLevel>(in.online_level)
                                : v1::ONLINE_SERVICE_LEVEL_NONE);
  }
  for (const auto& f : in.fees) {
    auto* fee = out->add_fees();
    fee->set_code(f.code);
    fee->set_display_name(f.name);
    fee->set_amount_vnd(f.amount_vnd);
    fee->set_per(f.per);
    fee->set_note(f.note);
    fee->set_set_by_province(f.set_by_province);
  }
  for (const auto& c : in.components) {
    auto* comp = out->add_components();
    comp->set_code(c.code);
    comp->set_display_name(c.name);
    comp->set_required(c.required);
    comp->set_copies(c.copies);
  }
  for (const auto& s : in.steps) {
    auto* step = out->add_steps();
    step->set_ordinal(s.ordinal);
    step->set_display_name(s.name);
    step->set_role(static_cast<v1::ProcessStep::Role>(s.role));
    step->set_budget_hours(s.budget_hours);
    step->set_unit(static_cast<v1::ProcessStep::Unit>(s.unit));
  }
  out->set_version(in.version);
  ToProto(in.valid_from, out->mutable_valid_from());
  if (in.valid_to) ToProto(*in.valid_to, out->mutable_valid_to());
  out->set_source_uri(in.source_uri);
  for (const auto& d : in.demo_fields) out->add_demo_fields(d);
}

void ToProto(const catalog::Division& in, v1::Division* out) {
  out->set_name(absl::StrCat("divisions/", in.id));
  out->set_display_name(in.display_name);
  ToProto(in.valid_from, out->mutable_valid_from());
  if (in.valid_to) ToProto(*in.valid_to, out->mutable_valid_to());
  out->set_unit_count(in.unit_count);
}

void ToProto(const catalog::AdministrativeUnit& in, v1::AdministrativeUnit* out) {
  out->set_name(absl::StrCat("divisions/", in.division, "/units/", in.code));
  out->set_code(in.code);
  out->set_display_name(in.name);
  out->set_type(in.type);
  out->set_level(static_cast<v1::AdministrativeLevel>(in.level));
  if (!in.parent_code.empty()) {
    out->set_parent(absl::StrCat("divisions/", in.division, "/units/", in.parent_code));
  }
  for (const auto& p : in.formed_from) {
    auto* pred = out->add_formed_from();
    pred->set_code(p.code);
    pred->set_display_name(p.name);
    pred->set_partial(p.partial);
  }
  for (const auto& s : in.successors) {
    // "division/code" → resource name.
    auto slash = s.find('/');
    out->add_successors(
        absl::StrCat("divisions/", s.substr(0, slash), "/units/", s.substr(slash + 1)));
  }
  out->set_child_count(in.child_count);
}

}  // namespace motcua::catalog_service
