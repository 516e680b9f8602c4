#!/usr/bin/env python3
"""Writes the malformed weekly reports of tests/test_reports.sh, byte for byte.

Each case is a report for 2011-W18 (the week after the bundled store's last) with one
thing wrong (a few with several), saved as a spreadsheet might save it: UTF-8, UTF-8
with a BOM, GB18030 with CRLF, lone CR, UTF-16 with tabs. Its .expected file holds exactly what
`louyu report import` must print on stderr for it; the test also checks that the store
is unchanged. Run it from anywhere; it writes beside itself. Made for louyu's tests,
CC0-1.0.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = "week,building,floors,vacant_m2,rent_cny_m2_day,available_from,contact,note"
ZH_HEAD = "周,楼宇,楼层,空置面积(平方米),租金(元/平方米/天),可入驻日期,联系人,备注"
OK = "2011-W18,wtc,20,800,4.6,2011-05-09,招商部,"


def rows(*lines, head=HEAD):
    return "\n".join((head,) + lines) + "\n"


CASES = {
    # the file as a whole
    "empty": "",
    "header-only": HEAD + "\n",
    "no-header": "2011-W18,wtc,20,800,4.6,,,\n",
    "header-missing-floors": rows("2011-W18,wtc,800,4.6,,,",
                                  head="week,building,vacant_m2,rent_cny_m2_day,available_from,contact,note"),
    "header-twice": rows("2011-W18,wtc,20,800,4.6,,,,x",
                         head=HEAD + ",floors"),
    "header-unknown-and-bad": rows("2011-W18,wtc,20,-5,4.6,,,,",
                                   head=HEAD + ",remarks"),
    "unterminated-quote": rows(OK, '2011-W18,wtc,21,500,4.6,,,"可分割出租,最小200平方米'),
    "text-after-quote": rows('2011-W18,wtc,21,500,4.6,,"招商部"电话,'),
    "nul-byte": rows(OK, "2011-W18,wtc,21,5\x0000,4.6,,,"),
    # a figure written with a comma, cut in two (its rest past the header's last column)
    "vacant-thousands-comma": rows("2011-W18,wtc,20,1,200", head="week,building,floors,vacant_m2"),
    "rent-decimal-comma": rows("2011-W18,wtc,20,800,4,60",
                               head="week,building,floors,vacant_m2,rent_cny_m2_day"),
    # the same where rows end with a comma (an empty last column, as many sheets write): the
    # cut figure's rest goes into that column, nothing is past the header, and the row has
    # one cell more than the others (it had been stored as 1 m², its "200" as the note)
    "vacant-thousands-comma-trailing": rows("2011-W18,wtc,20,1,200,", "2011-W18,wtc,21,1140,",
                                            head="week,building,floors,vacant_m2,note"),
    # a template's row, its area cut and the rest moved on a column (2 m² at 40 CNY had been
    # stored), in a file of one row: one cell more than the header
    "vacant-thousands-comma-template": rows("2011-W18,wtc,20,2,040,,,0532-8000 0002,"),
    # the same past the header in a semicolon file: no comma cut it
    "semicolon-past-header": rows("2011-W18;wtc;20;800;checked",
                                  head="week;building;floors;vacant_m2"),
    # the week
    "week-text": rows("week 18,wtc,20,800,4.6,,,"),
    "week-53": rows("2011-W53,wtc,20,800,4.6,,,"),
    "week-mixed": rows(OK, "2011-W19,wtc,21,500,4.6,,,"),
    "week-year-last": rows("25.04.2011,wtc,20,800,4.6,,,"),
    "week-day-month": rows("5/4/2011,wtc,20,800,4.6,,,"),
    "week-no-such-day": rows("2011-02-29,wtc,20,800,4.6,,,"),
    "week-year-last-no-day": rows("31/02/2011,wtc,20,800,4.6,,,"),
    "week-date-mixed": rows("2011-05-03,wtc,20,800,4.6,,,", "2011-05-10,wtc,21,500,4.6,,,"),
    "week-empty": rows(",wtc,20,800,4.6,,,"),
    # a date cell formatted as a number (General): the spreadsheet's serial number of the day
    "week-serial": rows("40669,wtc,20,800,4.6,,,"),
    # the building
    "building-unknown": rows("2011-W18,world-trade,20,800,4.6,,,"),
    "building-empty": rows("2011-W18,,20,800,4.6,,,"),
    "building-name-typo": rows("2011-W18,Hisense Towr,5,800,4.6,,,"),
    # the floors
    "floor-outside": rows("2011-W18,wtc,40,800,4.6,,,"),
    "floor-zero": rows("2011-W18,wtc,0,800,4.6,,,"),
    "floor-basement": rows("2011-W18,wtc,B1,800,4.6,,,"),
    "floor-range-reversed": rows("2011-W18,wtc,14-12,800,4.6,,,"),
    "floor-no-record": rows("2011-W18,yuyuan,5,300,3.5,,,"),
    "floor-twice": rows(OK, "2011-W18,wtc,21,300,4.6,,,", "2011-W18,wtc,20,400,4.6,,,"),
    "floor-range-overlap": rows("2011-W18,wtc,12-14,2000,4.6,,,", "2011-W18,wtc,13,300,4.6,,,"),
    "floor-words": rows("2011-W18,wtc,twelfth,800,4.6,,,"),
    "floors-empty-with-space": rows("2011-W18,wtc,,800,4.6,,,"),
    "let-then-space": rows("2011-W18,wtc,,0,,,,", "2011-W18,wtc,20,800,4.6,,,"),
    "space-then-let": rows(OK, "2011-W18,wtc,,0,,,,"),
    # the vacant area
    "vacant-negative": rows("2011-W18,wtc,20,-800,4.6,,,"),
    "vacant-over-area": rows("2011-W18,wtc,20,3500,4.6,,,"),
    "vacant-range-over-area": rows("2011-W18,wtc,18-20,9000,4.6,,,"),
    "vacant-text": rows("2011-W18,wtc,20,n/a,4.6,,,"),
    "vacant-empty": rows("2011-W18,wtc,20,,4.6,,,"),
    "vacant-absurd": rows("2011-W18,wtc,20,1000000000,4.6,,,"),
    "vacant-unit": rows("2011-W18,wtc,20,300 sqft,4.6,,,"),
    # the rent and the rest
    "rent-negative": rows("2011-W18,wtc,20,800,-4.6,,,"),
    "rent-monthly": rows("2011-W18,wtc,20,800,138,,,"),
    "rent-text": rows("2011-W18,wtc,20,800,面议,,,"),
    "available-words": rows("2011-W18,wtc,20,800,4.6,next month,,"),
    "contact-too-long": rows("2011-W18,wtc,20,800,4.6,,%s," % ("x" * 600)),
    # encodings and line ends: positions in characters on the right lines
    "gb18030-crlf-column": rows("2011-W18,wtc,20,八百,4.6,,招商部,", head=ZH_HEAD).replace("\n", "\r\n"),
    "gb18030-bad-byte": None,  # written below: GB18030 with a byte that is neither encoding
    "bom-unknown-building": "\ufeff" + rows("2011-W18,nowhere,20,800,4.6,,,"),
    "lone-cr": rows(OK, "2011-W18,wtc,21,-1,4.6,,,").replace("\n", "\r"),
    "quoted-newline-then-error": rows('2011-W18,wtc,20,800,4.6,,,"第一行\n第二行"', "2011-W18,wtc,21,9999,4.6,,,"),
    "utf16": None,  # written below: Excel's "Unicode Text", UTF-16 with tabs, a bad row
    # a European locale's CSV: semicolons, and decimal commas that are not thousands
    # a list of floors with a part that is not one, and one floor twice in a list
    "floors-list-bad": rows('2011-W18,wtc,"3, x",800,4.6,,,'),
    "floors-list-twice": rows('2011-W18,wtc,3、5、3,800,4.6,,,'),
    "semicolon-decimal-comma": rows("2011-W18;wtc;20;800,5;4,6;;;", head=HEAD.replace(",", ";")),
    # a week the store already has from another file: refused without --replace
    "week-already-reported": rows("2011-W17,wtc,20,800,4.6,,,"),
    "many-errors": rows("2011-W18,wtc,20,-1,4.6,,,", "2011-W18,nowhere,3,100,,,,",
                        "2011-W18,wtc,41,100,,,,", "2011-W18,wtc,19,100,99,later,,"),
}


def main():
    for name, text in CASES.items():
        path = os.path.join(HERE, name + ".csv")
        if name == "gb18030-bad-byte":
            data = rows(OK, "2011-W18,wtc,21,500,4.6,,招商部,", head=ZH_HEAD).encode("gb18030")
            data = data.replace("招商部,\n".encode("gb18030"), "招商".encode("gb18030") + b"\xff,\n", 1)
        elif name == "utf16":
            tab = lambda line: line.replace(",", "\t")
            text = rows(tab(OK), tab("2011-W18,wtc,21,-1,4.6,,,"), head=tab(ZH_HEAD))
            data = b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le")
        elif name.startswith("gb18030"):
            data = text.encode("gb18030")
        else:
            data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
    print(f"{len(CASES)} reports written to {HERE}")


if __name__ == "__main__":
    main()
