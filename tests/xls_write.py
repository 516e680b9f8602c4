#!/usr/bin/python3
"""Writes rows (a CSV file, UTF-8) as an Excel 97-2003 workbook (.xls, BIFF8) with xlwt
(Debian's python3-xlwt), as such a workbook is saved: text as shared strings, whole numbers
and decimals as number cells (RK and MULRK where they fit, NUMBER where not), dates
(YYYY-MM-DD) as date cells under a built-in date format and, from the third on, a custom
Chinese one (yyyy"年"m"月"d"日"), TRUE and FALSE as truth cells; a hidden sheet before it
(a template's lists for its drop-downs) and a second sheet after it. With --long, two cells on the second sheet, of 6,000 Chinese characters and
of 9,000 ASCII ones, written first: the shared strings run over CONTINUE records (a cut in
the middle of a string of each kind) before the report's own. For louyu's tests of report import.
With --merge, cells merged over rows (MERGEDCELLS).
Usage: xls_write.py ROWS.csv OUT.xls [--long] [--merge A5:A9,B5:B9]"""
import csv, datetime, re, sys
import os
sys.dont_write_bytecode = True  # (no __pycache__ in the source tree)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet_merges  # noqa: E402
import xlwt

rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))

merges = sheet_merges.merges(sys.argv)
book = xlwt.Workbook(encoding="utf-8")
lists = book.add_sheet("数据源")
lists.write(0, 0, "楼宇列表")
lists.visibility = 1  # hidden
sheet = book.add_sheet("周报")
notes = book.add_sheet("说明")
notes.write(0, 0, "not the report")
if "--long" in sys.argv[3:]:  # shared before the report's own text
    notes.write(1, 0, "楼" * 6000)
    notes.write(2, 0, "x" * 9000)
iso = xlwt.easyxf(num_format_str="YYYY-MM-DD")
chinese = xlwt.easyxf(num_format_str='yyyy"年"m"月"d"日"')
dates = 0
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        if v == "":
            continue
        if r and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            d = datetime.date(int(v[:4]), int(v[5:7]), int(v[8:]))
            sheet.write(r, c, d, iso if dates < 2 else chinese)
            dates += 1
        elif r and re.fullmatch(r"-?\d+", v):
            sheet.write(r, c, int(v))
        elif r and re.fullmatch(r"-?\d+\.\d+", v):
            sheet.write(r, c, float(v))
        elif v in ("TRUE", "FALSE"):
            sheet.write(r, c, v == "TRUE")
        else:
            sheet.write(r, c, v)
for r0, r1, c0, c1, _ in merges:
    sheet.merge(r0 - 1, r1 - 1, c0, c1)
book.save(sys.argv[2])
