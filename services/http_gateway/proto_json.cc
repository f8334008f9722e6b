#include "services/http_gateway/proto_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/timestamp.pb.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace motcua::http_gateway {
namespace {

using google::protobuf::FieldDescriptor;

absl::Status BadParam(absl::string_view name, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(name, ": ", why));
}

absl::Status SetField(google::protobuf::Message* m, const FieldDescriptor* f,
                      const std::string& name, const std::string& value) {
  const auto* r = m->GetReflection();
  const bool repeated = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      repeated ? r->AddString(m, f, value) : r->SetString(m, f, value);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return BadParam(name, "must be a whole number");
      repeated ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v = 0;
      if (!absl::SimpleAtoi(value, &v)) return BadParam(name, "must be a whole number");
      repeated ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v = false;
      if (!absl::SimpleAtob(value, &v)) return BadParam(name, "must be true or false");
      repeated ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type()->FindValueByName(value);
      int number = 0;
      if (e == nullptr && absl::SimpleAtoi(value, &number)) {
        e = f->enum_type()->FindValueByNumber(number);
      }
      if (e == nullptr) {
        return BadParam(name,
                        absl::StrCat("must be one of the values of ", f->enum_type()->full_name()));
      }
      repeated ? r->AddEnum(m, f, e) : r->SetEnum(m, f, e);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      if (!repeated && f->message_type()->full_name() ==
                           google::protobuf::Timestamp::descriptor()->full_name()) {
        google::protobuf::Timestamp t;
        if (!google::protobuf::util::TimeUtil::FromString(value, &t)) {
          return BadParam(name, "must be an RFC 3339 time, e.g. 2026-11-26T00:00:00+07:00");
        }
        r->MutableMessage(m, f)->CopyFrom(t);
        return absl::OkStatus();
      }
      return BadParam(name, "cannot be given as a query parameter");
    default:
      return BadParam(name, "cannot be given as a query parameter");
  }
}

}  // namespace

absl::Status ParseJson(absl::string_view body, google::protobuf::Message* message) {
  if (body.empty()) body = "{}";
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto s = google::protobuf::util::JsonStringToMessage(std::string(body), message, options);
  if (!s.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("body: is not valid JSON for ",
                                                   message->GetDescriptor()->full_name(), " (",
                                                   s.message().ToString(), ")"));
  }
  return absl::OkStatus();
}

std::string ToJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "{}";
  return json;
}

absl::Status FillFromQuery(const std::multimap<std::string, std::string>& params,
                           google::protobuf::Message* message) {
  const auto* d = message->GetDescriptor();
  for (const auto& [name, value] : params) {
    const FieldDescriptor* f = d->FindFieldByName(name);
    for (int i = 0; f == nullptr && i < d->field_count(); ++i) {
      if (d->field(i)->json_name() == name) f = d->field(i);
    }
    if (f == nullptr) return BadParam(name, "is not a parameter of this request");
    if (!f->is_repeated() && message->GetReflection()->HasField(*message, f)) {
      return BadParam(name, "is given more than once");
    }
    if (absl::Status s = SetField(message, f, name, value); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace motcua::http_gateway
