"""What the tests' workbook writers (xlsx_write.py, ods_write.py, xls_write.py) share:
--merge A5:A9,B5:B9, cells merged over rows (their text in the first cell, the CSV's cells
below it empty), as a sheet merges a building's name over its floors."""
import re


def merges(argv):
    """The ranges after --merge: (first row, last row, first column, last column, ref),
    rows from 1, columns from 0."""
    out = []
    if "--merge" in argv:
        for ref in argv[argv.index("--merge") + 1].split(","):
            (c0, r0), (c1, r1) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in ref.split(":"))
            out.append((int(r0), int(r1), ord(c0) - 65, ord(c1) - 65, ref))
    return out
