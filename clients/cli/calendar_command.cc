#include "clients/cli/calendar_command.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/cli/unit_directory.h"
#include "services/calendar/announced_schedule.h"
#include "services/calendar/builtin_schedules.h"
#include "services/calendar/due_date.h"
#include "services/calendar/explanation.h"
#include "services/calendar/holidays.h"
#include "services/calendar/lunar.h"
#include "services/calendar/unit_working_time.h"
#include "services/calendar/vietnamese_text.h"
#include "services/calendar/working_calendar.h"
#include "services/calendar/working_time.h"
#include "services/common/clock.h"
#include "services/common/flag_parser.h"
#include "services/common/text_fold.h"

namespace motcua::cli {
namespace {

using ::motcua::calendar::AnnouncedSchedule;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr char kUsage[] =
    "Usage: motcua calendar <subcommand> [flags]\n"
    "\n"
    "The working-time calendar, offline: Vietnamese holidays (lunar dates at\n"
    "UTC+7), announced schedules, working sessions and due dates.\n"
    "\n"
    "Subcommands:\n"
    "  holidays   list the days off of a year\n"
    "  due        compute a due time from a reception time and a time limit\n"
    "  lunar      convert between solar and lunar dates\n"
    "\n"
    "Run 'motcua calendar <subcommand> --help' for its flags.\n"
    "Exit codes: 0 success, 1 failure, 2 usage error.\n";

// A command-line problem: printed with the usage hint, exit code 2.
struct UsageError {
  std::string message;
};

int Usage(std::ostream& err, absl::string_view subcommand, const UsageError& e) {
  err << "motcua calendar " << subcommand << ": " << e.message << "\n"
      << "Run 'motcua calendar " << subcommand << " --help' for usage.\n";
  return kExitUsage;
}

int Failure(std::ostream& err, absl::string_view subcommand, absl::string_view message) {
  err << "motcua calendar " << subcommand << ": " << message << "\n";
  return kExitFailure;
}

// Parses `args` (from index 1, after the subcommand) into the flags declared on
// `parser`. Returns the exit code when the command is done: 0 after --help, 2
// on a usage error; std::nullopt to go on.
std::optional<int> ParseFlags(FlagParser& parser, const std::vector<std::string>& args,
                              absl::string_view subcommand, std::ostream& out, std::ostream& err) {
  std::vector<std::string> positionals;
  const absl::Status s =
      parser.Parse(std::vector<std::string>(args.begin() + 1, args.end()), &positionals);
  if (!s.ok()) {
    return Usage(err, subcommand, {std::string(s.message())});
  }
  if (parser.help_requested()) {
    out << parser.Help();
    return kExitOk;
  }
  if (!positionals.empty()) {
    return Usage(err, subcommand, {absl::StrCat("unexpected argument \"", positionals[0], "\"")});
  }
  return std::nullopt;
}

std::optional<int> ParseInt(absl::string_view text) {
  int value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return std::nullopt;
  }
  return value;
}

// The schedule of --schedule FILE, or the built-in one when `path` is empty.
// Errors name the file.
absl::StatusOr<std::string> ReadWholeFile(const std::string& flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(flag, ": cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<AnnouncedSchedule> LoadSchedule(const std::string& path) {
  if (path.empty()) {
    return calendar::BuiltinAnnouncedSchedule();
  }
  absl::StatusOr<std::string> text = ReadWholeFile("--schedule", path);
  if (!text.ok()) return text.status();
  absl::StatusOr<AnnouncedSchedule> schedule = AnnouncedSchedule::Parse(*text);
  if (!schedule.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--schedule ", path, ": ", schedule.status().message()));
  }
  return schedule;
}

// The working time and the description of --unit CODE: the unit must be in the unit list
// (built-in or --units FILE); its hours come from the unit table (built-in or
// --unit-working-time FILE), default hours when it is not listed there.
struct UnitHours {
  calendar::WorkingTime working_time;
  std::string description;  // "Phường Việt Trì (07900): Thứ Hai–Thứ Sáu ..."
};

absl::StatusOr<UnitHours> LoadUnitHours(const std::string& unit, const std::string& units_path,
                                        const std::string& table_path) {
  std::optional<UnitDirectory> from_file;
  if (!units_path.empty()) {
    absl::StatusOr<std::string> text = ReadWholeFile("--units", units_path);
    if (!text.ok()) return text.status();
    absl::StatusOr<UnitDirectory> d = UnitDirectory::Parse(*text);
    if (!d.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--units ", units_path, ": ", d.status().message()));
    }
    from_file = *std::move(d);
  }
  const UnitDirectory& directory = from_file ? *from_file : UnitDirectory::Builtin();
  const std::string* name = directory.Find(unit);
  if (name == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "--unit: no administrative unit \"", unit, "\" in ",
        units_path.empty() ? "the built-in Phú Thọ unit lists (GSO codes, e.g. 25, 227, 07900)"
                           : units_path,
        units_path.empty() ? "; give --units FILE for another province" : ""));
  }
  std::string table_text(calendar::BuiltinUnitWorkingTimeText());
  if (!table_path.empty()) {
    absl::StatusOr<std::string> text = ReadWholeFile("--unit-working-time", table_path);
    if (!text.ok()) return text.status();
    table_text = *std::move(text);
  }
  absl::StatusOr<calendar::UnitWorkingTimes> table = calendar::UnitWorkingTimes::Parse(table_text);
  if (!table.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--unit-working-time ",
                                                   table_path.empty() ? "(built-in)" : table_path,
                                                   ": ", table.status().message()));
  }
  UnitHours out;
  const calendar::UnitWorkingTime* entry = table->Find(unit);
  out.working_time = entry ? entry->working_time : calendar::WorkingTime::Default();
  out.description =
      absl::StrCat(*name, " (", unit, "): ", calendar::DescribeWorkingTimeVi(out.working_time),
                   entry ? "" : " (giờ làm việc mặc định)");
  return out;
}

std::string JsonString(absl::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppend(&out, "\\u00", absl::Hex(c, absl::kZeroPad2));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// `text` padded with spaces to `width` terminal columns.
std::string Pad(absl::string_view text, int width) {
  const int w = DisplayWidth(text);
  return absl::StrCat(text, std::string(w < width ? width - w : 0, ' '));
}

void PrintHolidaysTable(const calendar::YearHolidays& h, std::ostream& out) {
  out << "Ngày nghỉ năm " << h.year << " (âm lịch tính theo UTC+7)\n";
  out << Pad("Ngày", 12) << Pad("Thứ", 10) << Pad("Mã", 16) << "Tên\n";
  for (const calendar::Holiday& d : h.days_off) {
    out << Pad(calendar::FormatDayVi(d.day), 12)
        << Pad(calendar::WeekdayName(absl::GetWeekday(d.day)), 10)
        << Pad(calendar::HolidayCode(d.kind), 16) << d.name << "\n";
  }
  out << "Ngày làm bù:";
  if (h.makeup_days.empty()) {
    out << " không có\n";
  } else {
    out << "\n";
    for (const calendar::MakeupDay& m : h.makeup_days) {
      out << Pad(calendar::FormatDayVi(m.day), 12)
          << Pad(calendar::WeekdayName(absl::GetWeekday(m.day)), 10) << Pad("makeup", 16) << m.name
          << "\n";
    }
  }
  out << "Tết: "
      << (h.tet_announced ? "theo lịch nghỉ đã công bố"
                          : "theo quy tắc mặc định (ngày cuối năm âm lịch và "
                            "mùng 1 đến mùng 4)")
      << ".\n";
  out << "Quốc khánh: "
      << (h.national_day_announced ? "theo lịch nghỉ đã công bố"
                                   : "theo quy tắc mặc định (2/9 và một ngày liền kề)")
      << ".\n";
}

void PrintHolidaysJson(const calendar::YearHolidays& h, std::ostream& out) {
  out << "{\n  \"year\": " << h.year << ",\n  \"utc_offset_hours\": 7,\n"
      << "  \"tet\": " << JsonString(h.tet_announced ? "announced" : "default") << ",\n"
      << "  \"national_day\": " << JsonString(h.national_day_announced ? "announced" : "default")
      << ",\n  \"days_off\": [";
  for (size_t i = 0; i < h.days_off.size(); ++i) {
    const calendar::Holiday& d = h.days_off[i];
    out << (i == 0 ? "\n" : ",\n") << "    {\"date\": " << JsonString(absl::FormatCivilTime(d.day))
        << ", \"weekday\": " << JsonString(calendar::WeekdayName(absl::GetWeekday(d.day)))
        << ", \"code\": " << JsonString(calendar::HolidayCode(d.kind))
        << ", \"name\": " << JsonString(d.name)
        << ", \"announced\": " << (d.announced ? "true" : "false") << "}";
  }
  out << "\n  ],\n  \"makeup_days\": [";
  for (size_t i = 0; i < h.makeup_days.size(); ++i) {
    const calendar::MakeupDay& m = h.makeup_days[i];
    out << (i == 0 ? "\n" : ",\n") << "    {\"date\": " << JsonString(absl::FormatCivilTime(m.day))
        << ", \"weekday\": " << JsonString(calendar::WeekdayName(absl::GetWeekday(m.day)))
        << ", \"name\": " << JsonString(m.name) << "}";
  }
  out << (h.makeup_days.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

int RunHolidays(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string year_text;
  std::string format = "table";
  std::string schedule_path;
  FlagParser parser(
      "motcua calendar holidays --year Y [--format table|tsv|json] "
      "[--schedule FILE]",
      "Lists the days off of year Y: statutory holidays, Tết, compensatory "
      "days\n"
      "(nghỉ bù), announced days off, and make-up working days (ngày làm bù;\n"
      "table and json only). Codes in tsv and json: new_year, lunar_new_year,\n"
      "tet, hung_kings, reunification, labour_day, national_day, "
      "compensatory,\n"
      "announced.");
  parser.AddString("year", &year_text, "the year, 1800..2199 (required)", "Y");
  parser.AddString("format", &format,
                   "table (default), json, or tsv: one line per day off, "
                   "YYYY-MM-DD<TAB>code<TAB>name",
                   "F");
  parser.AddString("schedule", &schedule_path,
                   "announced schedule (date<TAB>kind<TAB>name) instead of the "
                   "built-in ones",
                   "FILE");
  parser.AddExample("motcua calendar holidays --year 2026");
  parser.AddExample("motcua calendar holidays --year 2027 --format tsv");
  if (const std::optional<int> done = ParseFlags(parser, args, "holidays", out, err)) {
    return *done;
  }
  if (year_text.empty()) {
    return Usage(err, "holidays", {"--year is required"});
  }
  const std::optional<int> year = ParseInt(year_text);
  if (!year.has_value()) {
    return Usage(err, "holidays", {absl::StrCat("--year: \"", year_text, "\" is not a year")});
  }
  if (format != "table" && format != "tsv" && format != "json") {
    return Usage(err, "holidays",
                 {absl::StrCat("--format: \"", format, "\" is not table, tsv or json")});
  }
  const absl::StatusOr<AnnouncedSchedule> schedule = LoadSchedule(schedule_path);
  if (!schedule.ok()) {
    return Failure(err, "holidays", schedule.status().message());
  }
  const absl::StatusOr<calendar::YearHolidays> holidays =
      calendar::HolidaysOfYear(*year, *schedule);
  if (!holidays.ok()) {
    return Failure(err, "holidays", holidays.status().message());
  }
  if (format == "tsv") {
    for (const calendar::Holiday& d : holidays->days_off) {
      out << absl::FormatCivilTime(d.day) << "\t" << calendar::HolidayCode(d.kind) << "\t" << d.name
          << "\n";
    }
  } else if (format == "json") {
    PrintHolidaysJson(*holidays, out);
  } else {
    PrintHolidaysTable(*holidays, out);
  }
  return kExitOk;
}

// ISO 8601 with an offset: 2026-02-13T16:00:00+07:00, 2026-02-13T09:00:00Z,
// seconds optional.
std::optional<absl::Time> ParseIsoTime(const std::string& text) {
  absl::Time t;
  std::string ignored;
  for (const char* format : {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%dT%H:%M%Ez"}) {
    if (absl::ParseTime(format, text, &t, &ignored)) {
      return t;
    }
  }
  return std::nullopt;
}

int RunDue(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string from_text;
  std::string working_days;
  std::string working_hours;
  std::string days;
  bool same_day = false;
  bool immediate = false;
  bool explain = false;
  std::string schedule_path;
  bool saturday_morning = false;
  std::string unit;
  std::string units_path;
  std::string unit_table_path;
  FlagParser parser(
      "motcua calendar due --from TIME (--working-days N | --working-hours N "
      "|\n"
      "         --days N | --same-day | --immediate) [--explain]\n"
      "         [--schedule FILE] [--unit CODE [--unit-working-time FILE]\n"
      "         [--units FILE] | --saturday-morning]",
      "Prints the due time (YYYY-MM-DDTHH:MM:SS+07:00) of a dossier received "
      "at\n"
      "TIME, then, with --explain, a day-by-day account in Vietnamese. "
      "Working\n"
      "time: Monday-Friday 07:00-11:30 and 13:30-17:00 (8 hours = 1 working\n"
      "day); reception outside working time counts from the next session.");
  parser.AddString("from", &from_text, "reception time, ISO 8601 with a UTC offset (required)",
                   "TIME");
  parser.AddString("working-days", &working_days, "N working days of 8 working hours", "N");
  parser.AddString("working-hours", &working_hours, "N working hours", "N");
  parser.AddString("days", &days,
                   "N calendar days; a last day off moves to the next working "
                   "day",
                   "N");
  parser.AddBool("same-day", &same_day,
                 "trong ngày: before 15:00 due 17:00, else 17:00 the next "
                 "working day");
  parser.AddBool("immediate", &immediate, "due at reception (or the next session)");
  parser.AddBool("explain", &explain, "add the day-by-day explanation");
  parser.AddString("schedule", &schedule_path, "announced schedule instead of the built-in ones",
                   "FILE");
  parser.AddBool("saturday-morning", &saturday_morning,
                 "the unit also works Saturdays 07:00-11:30");
  parser.AddString("unit", &unit, "count with this unit's working time (GSO code, e.g. 07900)",
                   "CODE");
  parser.AddString("unit-working-time", &unit_table_path,
                   "working time per unit, replacing the built-in table "
                   "(data/calendar/unit-working-time.tsv)",
                   "FILE");
  parser.AddString("units", &units_path,
                   "unit list (code<TAB>name<TAB>...) replacing the built-in "
                   "Phú Thọ lists",
                   "FILE");
  parser.AddExample(
      "motcua calendar due --from 2026-02-13T16:00:00+07:00 --working-days 3 "
      "--explain");
  parser.AddExample("motcua calendar due --from 2026-02-23T15:10:00+07:00 --same-day");
  parser.AddExample(
      "motcua calendar due --from 2026-03-06T16:00:00+07:00 --working-days 1 "
      "--unit 07900 --unit-working-time units-hours.tsv --explain");
  if (const std::optional<int> done = ParseFlags(parser, args, "due", out, err)) {
    return *done;
  }
  if (from_text.empty()) {
    return Usage(err, "due", {"--from is required"});
  }
  const std::optional<absl::Time> from = ParseIsoTime(from_text);
  if (!from.has_value()) {
    return Usage(err, "due",
                 {absl::StrCat("--from: \"", from_text,
                               "\" is not an ISO 8601 time with a UTC offset, e.g. "
                               "2026-02-13T16:00:00+07:00")});
  }
  const struct {
    const char* flag;
    bool given;
    const std::string* amount;  // null for the limits without an amount
    calendar::LimitUnit unit;
  } kinds[] = {
      {"working-days", !working_days.empty(), &working_days, calendar::LimitUnit::kWorkingDays},
      {"working-hours", !working_hours.empty(), &working_hours, calendar::LimitUnit::kWorkingHours},
      {"days", !days.empty(), &days, calendar::LimitUnit::kCalendarDays},
      {"same-day", same_day, nullptr, calendar::LimitUnit::kSameDay},
      {"immediate", immediate, nullptr, calendar::LimitUnit::kImmediate}};
  std::vector<std::string> given;
  calendar::TimeLimit limit;
  for (const auto& k : kinds) {
    if (!k.given) {
      continue;
    }
    given.push_back(absl::StrCat("--", k.flag));
    limit.unit = k.unit;
    if (k.amount == nullptr) {
      continue;
    }
    const std::optional<int> n = ParseInt(*k.amount);
    if (!n.has_value()) {
      return Usage(err, "due",
                   {absl::StrCat("--", k.flag, ": \"", *k.amount, "\" is not a whole number")});
    }
    limit.amount = *n;
    if (const absl::Status s = calendar::ValidateTimeLimit(limit); !s.ok()) {
      return Usage(err, "due", {absl::StrCat("--", k.flag, ": ", s.message())});
    }
  }
  if (given.size() != 1) {
    return Usage(err, "due",
                 {given.empty() ? "give one time limit: --working-days N, --working-hours N, "
                                  "--days N, --same-day or --immediate"
                                : absl::StrCat("give only one time limit, not ",
                                               absl::StrJoin(given, " and "))});
  }
  const absl::StatusOr<AnnouncedSchedule> schedule = LoadSchedule(schedule_path);
  if (!schedule.ok()) {
    return Failure(err, "due", schedule.status().message());
  }
  if (unit.empty() && !(units_path.empty() && unit_table_path.empty())) {
    return Usage(err, "due", {"--units and --unit-working-time go with --unit CODE"});
  }
  if (!unit.empty() && saturday_morning) {
    return Usage(err, "due",
                 {"give --unit CODE or --saturday-morning, not both (the unit's "
                  "hours come from the unit table)"});
  }
  calendar::WorkingCalendar::Options options;
  options.schedule = *schedule;
  if (saturday_morning) {
    options.working_time = calendar::WorkingTime::DefaultWithSaturdayMorning();
  }
  std::string unit_line;
  if (!unit.empty()) {
    absl::StatusOr<UnitHours> hours = LoadUnitHours(unit, units_path, unit_table_path);
    if (!hours.ok()) {
      return Failure(err, "due", hours.status().message());
    }
    options.working_time = hours->working_time;
    unit_line = absl::StrCat("Giờ làm việc của ", hours->description, "\n");
  }
  const absl::StatusOr<calendar::WorkingCalendar> cal =
      calendar::WorkingCalendar::Create(std::move(options));
  if (!cal.ok()) {
    return Failure(err, "due", cal.status().message());
  }
  if (explain) {
    const absl::StatusOr<calendar::Explanation> e = calendar::ExplainDueTime(*cal, *from, limit);
    if (!e.ok()) {
      return Failure(err, "due", e.status().message());
    }
    out << absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", e->due, VietnamTimeZone()) << "\n"
        << unit_line << e->ToText();
    return kExitOk;
  }
  const absl::StatusOr<absl::Time> due = calendar::ComputeDueTime(*cal, *from, limit);
  if (!due.ok()) {
    return Failure(err, "due", due.status().message());
  }
  out << absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", *due, VietnamTimeZone()) << "\n";
  return kExitOk;
}

// "D/M/Y" → LunarDate (leap unset).
std::optional<calendar::LunarDate> ParseLunar(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '/');
  if (parts.size() != 3) {
    return std::nullopt;
  }
  calendar::LunarDate d;
  if (!absl::SimpleAtoi(parts[0], &d.day) || !absl::SimpleAtoi(parts[1], &d.month) ||
      !absl::SimpleAtoi(parts[2], &d.year)) {
    return std::nullopt;
  }
  return d;
}

int RunLunar(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string date;
  std::string to_solar;
  bool leap = false;
  std::string offset_text;
  FlagParser parser(
      "motcua calendar lunar (--date YYYY-MM-DD | --to-solar D/M/Y [--leap])\n"
      "         [--utc-offset H]",
      "Converts a solar date to the lunar calendar (âm lịch), or back. The "
      "first\n"
      "line is the result (D/M/Y, or YYYY-MM-DD); the second reads it in\n"
      "Vietnamese.");
  parser.AddString("date", &date, "solar date to convert", "YYYY-MM-DD");
  parser.AddString("to-solar", &to_solar, "lunar date to convert", "D/M/Y");
  parser.AddBool("leap", &leap, "the lunar month is the leap month (tháng nhuận)");
  parser.AddString("utc-offset", &offset_text,
                   "meridian, default 7 (Vietnam); 8 gives the Chinese calendar", "H");
  parser.AddExample("motcua calendar lunar --date 2026-02-17");
  parser.AddExample("motcua calendar lunar --to-solar 10/3/2026");
  if (const std::optional<int> done = ParseFlags(parser, args, "lunar", out, err)) {
    return *done;
  }
  if (date.empty() == to_solar.empty()) {
    return Usage(err, "lunar", {"give exactly one of --date and --to-solar"});
  }
  if (leap && to_solar.empty()) {
    return Usage(err, "lunar", {"--leap goes with --to-solar"});
  }
  int offset = calendar::kVietnamUtcOffsetHours;
  if (!offset_text.empty()) {
    const std::optional<int> o = ParseInt(offset_text);
    if (!o.has_value() || *o < -12 || *o > 14) {
      return Usage(err, "lunar",
                   {absl::StrCat("--utc-offset: \"", offset_text,
                                 "\" is not a whole number of hours in -12..14")});
    }
    offset = *o;
  }
  if (!date.empty()) {
    absl::CivilDay day;
    const std::string& text = date;
    if (text.size() != 10 || !absl::ParseCivilTime(text, &day)) {
      return Usage(err, "lunar",
                   {absl::StrCat("--date: \"", text, "\" is not a date of the form YYYY-MM-DD")});
    }
    const absl::StatusOr<calendar::LunarDate> lunar = calendar::SolarToLunar(day, offset);
    if (!lunar.ok()) {
      return Failure(err, "lunar", absl::StrCat("--date ", text, ": ", lunar.status().message()));
    }
    out << calendar::FormatLunarDate(*lunar) << "\n"
        << calendar::FormatDayWithWeekdayVi(day) << " (dương lịch) là "
        << calendar::DescribeLunarDate(*lunar) << " (âm lịch)\n";
    return kExitOk;
  }
  const std::string& text = to_solar;
  std::optional<calendar::LunarDate> lunar = ParseLunar(text);
  if (!lunar.has_value()) {
    return Usage(
        err, "lunar",
        {absl::StrCat("--to-solar: \"", text, "\" is not a lunar date of the form D/M/Y")});
  }
  lunar->leap = leap;
  const absl::StatusOr<absl::CivilDay> day = calendar::LunarToSolar(*lunar, offset);
  if (!day.ok()) {
    return Failure(err, "lunar",
                   absl::StrCat("--to-solar ", text, lunar->leap ? " --leap" : "", ": ",
                                day.status().message()));
  }
  out << absl::FormatCivilTime(*day) << "\n"
      << calendar::DescribeLunarDate(*lunar) << " (âm lịch) là "
      << calendar::FormatDayWithWeekdayVi(*day) << " (dương lịch)\n";
  return kExitOk;
}

}  // namespace

int RunCalendarCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& sub = args[0];
  if (sub == "--help" || sub == "-h" || sub == "help") {
    out << kUsage;
    return kExitOk;
  }
  if (sub == "holidays") {
    return RunHolidays(args, out, err);
  }
  if (sub == "due") {
    return RunDue(args, out, err);
  }
  if (sub == "lunar") {
    return RunLunar(args, out, err);
  }
  err << "motcua calendar: unknown subcommand \"" << sub << "\"\n" << kUsage;
  return kExitUsage;
}

}  // namespace motcua::cli
