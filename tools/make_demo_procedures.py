#!/usr/bin/env python3
"""Builds data/demo/procedures.tsv from shared/data/procedures-sample.tsv.

Run once when the sample changes:  python3 tools/make_demo_procedures.py ../shared/data/procedures-sample.tsv
Sourced values are copied verbatim; every value the source leaves out is filled by a rule that the
output file's header states, and the column demo_fields of the row names each filled value.
"""
import csv, sys

HEADER = """# motcua demo catalogue: 33 national procedures (dichvucong.gov.vn crawl; see SOURCES.md, procedures-sample.tsv).
# Sourced columns, copied verbatim: code, name_vi, name_en, levels, time_value/time_unit where given, fee_vnd where given, source.
# Columns the source leaves out are DEMO VALUES filled by the rules below; demo_fields names them for each row.
#   R1 online_level: 4 (toàn trình) for the fields Hộ tịch and Cư trú, 3 (một phần) for every other field.
#      The crawl has no online level and no Phú Thọ list of levels was found.
#   R2 time_unit: a bare number 1 with no unit -> same_day (Law on Civil Status Art. 5(3); the step text of
#      1.001193 says same day, next working day after 15:00); any other bare number -> working_days.
#      No time at all ("Không có thông tin"): chứng thực and trích lục -> same_day (DOMAIN.md §4.3);
#      household-business registration -> 3 working_days (Decree 01/2021, UNCONFIRMED).
#   R3 fee_vnd empty (the provincial People's Council sets it): 20000 đồng per dossier, fee_set_by_province=1.
#   R4 field_code/field_name: from the ministry of the crawl path and the procedure name
#      (bo-tu-phap: Hộ tịch or Chứng thực; bo-cong-an: Cư trú; bo-nong-nghiep-mt: Đất đai;
#      bo-xay-dung: Hoạt động xây dựng or Đường bộ; bo-tai-chinh: Hộ kinh doanh). Codes are demo codes.
#   R5 components: a per-field template (an application form plus the field's usual papers).
#   R6 steps: Tiếp nhận (clerk) 1/8, Thẩm định (specialist) 1/2, Phê duyệt (leader) 1/4,
#      Trả kết quả (clerical) 1/8 of the limit in working hours (working_days x 8; calendar days x 8;
#      same_day and immediate: one working day of 8 hours).
# List fields: items separated by ";", sub-fields by "|". components: code|name|required(1/0)|copies.
# steps: name|role(clerk,specialist,leader,clerical)|budget_hours.
"""

FIELDS = {
    "HT": "Hộ tịch",
    "CT": "Chứng thực",
    "CTR": "Đăng ký, quản lý cư trú",
    "DD": "Đất đai",
    "XD": "Hoạt động xây dựng",
    "DB": "Đường bộ",
    "HKD": "Thành lập và hoạt động của hộ kinh doanh",
}

COMPONENTS = {
    "HT": [("TK", "Tờ khai theo mẫu quy định", 1, 1), ("GTTT", "Giấy tờ tùy thân của người yêu cầu", 1, 1),
           ("GTCM", "Giấy tờ chứng minh nội dung đăng ký (nếu có)", 0, 1)],
    "CT": [("YC", "Bản chính giấy tờ, văn bản cần chứng thực", 1, 1), ("GTTT", "Giấy tờ tùy thân của người yêu cầu chứng thực", 1, 1)],
    "CTR": [("TK", "Tờ khai thay đổi thông tin cư trú (CT01)", 1, 1), ("CHO", "Giấy tờ chứng minh chỗ ở hợp pháp", 1, 1)],
    "DD": [("DON", "Đơn đăng ký, cấp Giấy chứng nhận theo mẫu", 1, 1), ("GCN", "Giấy tờ về quyền sử dụng đất", 1, 1),
           ("SD", "Sơ đồ, bản vẽ thửa đất (nếu có)", 0, 1)],
    "XD": [("DON", "Đơn đề nghị cấp giấy phép xây dựng theo mẫu", 1, 1), ("QSD", "Giấy tờ chứng minh quyền sử dụng đất", 1, 1),
           ("BV", "Bản vẽ thiết kế xây dựng", 1, 2)],
    "DB": [("DON", "Giấy đề nghị cấp phù hiệu theo mẫu", 1, 1), ("DK", "Giấy đăng ký xe", 1, 1)],
    "HKD": [("DON", "Giấy đề nghị đăng ký hộ kinh doanh", 1, 1), ("GTTT", "Giấy tờ pháp lý của cá nhân", 1, 1)],
}

ONLINE4 = {"HT", "CTR"}


def field_of(row):
    ministry = row["source"].split("raw/")[1].split("/")[0]
    name = row["name_vi"].lower()
    if ministry == "bo-tu-phap":
        return "CT" if "chứng thực" in name else "HT"
    if ministry == "bo-cong-an":
        return "CTR"
    if ministry == "bo-nong-nghiep-mt":
        return "DD"
    if ministry == "bo-xay-dung":
        return "DB" if "phù hiệu" in name else "XD"
    if ministry == "bo-tai-chinh":
        return "HKD"
    raise SystemExit("unknown ministry " + ministry)


def main(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    out = [HEADER.rstrip("\n")]
    cols = ["code", "name_vi", "name_en", "levels", "field_code", "field_name", "time_value", "time_unit",
            "fee_vnd", "fee_set_by_province", "online_level", "components", "steps", "demo_fields", "source"]
    out.append("\t".join(cols))
    for r in rows:
        demo = []
        f = field_of(r)
        demo += ["field"]
        tv, tu = r["time_value"], r["time_unit"]
        name = r["name_vi"].lower()
        if tv and not tu:
            tu = "same_day" if tv == "1" else "working_days"
            if tu == "same_day":
                tv = "0"
            demo.append("time_limit.unit")
        elif not tv:
            if "hộ kinh doanh" in name:
                tv, tu = "3", "working_days"
            else:
                tv, tu = "0", "same_day"
            demo.append("time_limit")
        fee, by_province = r["fee_vnd"], "0"
        if fee == "":
            fee, by_province = "20000", "1"
            demo.append("fees")
        online = "4" if f in ONLINE4 else "3"
        demo.append("online_level")
        demo += ["components", "steps"]
        hours = 8.0 if tu in ("same_day", "immediate") else (float(tv) if tu == "working_hours" else float(tv) * 8)
        steps = [("Tiếp nhận hồ sơ", "clerk", hours / 8), ("Thẩm định hồ sơ", "specialist", hours / 2),
                 ("Phê duyệt, ký kết quả", "leader", hours / 4), ("Vào sổ, trả kết quả", "clerical", hours / 8)]
        def fmt(x):
            return ("%g" % x)
        out.append("\t".join([
            r["code"], r["name_vi"], r["name_en"], r["level"], "DEMO-" + f, FIELDS[f], tv, tu, fee, by_province, online,
            ";".join("%s|%s|%d|%d" % c for c in COMPONENTS[f]),
            ";".join("%s|%s|%s" % (n, role, fmt(h)) for n, role, h in steps),
            ",".join(demo), r["source"]]))
    sys.stdout.write("\n".join(out) + "\n")


main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/procedures-sample.tsv")
