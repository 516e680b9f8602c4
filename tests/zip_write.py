#!/usr/bin/env python3
"""Writes a ZIP archive the way other tools do, for louyu's tests.

usage: zip_write.py OUT.zip [OPTIONS] NAME=FILE ...

Each NAME=FILE puts FILE's bytes into the archive as member NAME (deflated). Options:
  --gbk        member names in GBK with no UTF-8 flag, as Windows' zip on a Chinese system
  --zip64      ZIP64 records and extra fields, as for archives over 4 GiB
  --stored     members stored, not deflated
  --method N   every member marked with compression method N (12 bzip2, 14 LZMA, 93 Zstandard)
  --encrypted  every member marked encrypted (general purpose flag bit 0)
  --damage     one byte of the first member's data changed (its CRC-32 then wrong)
  --cut N      the archive cut to its first N bytes
  --claim N    the first member's size in the central directory said to be N bytes
  --cp437      member names in code page 437 with no UTF-8 flag, as older Western tools
Python's zipfile writes the archive (written by people other than louyu's), then the
named fields are changed in place."""
import struct
import sys
import zipfile


def main():
    args = sys.argv[1:]
    out, opts, members = args[0], {}, []
    i = 1
    while i < len(args):
        a = args[i]
        if a in ("--method", "--cut", "--claim"):
            opts[a] = int(args[i + 1])
            i += 2
            continue
        if a.startswith("--"):
            opts[a] = True
        else:
            name, path = a.split("=", 1)
            members.append((name, open(path, "rb").read()))
        i += 1
    gbk = "--gbk" in opts or "--cp437" in opts
    codec = "cp437" if "--cp437" in opts else "gbk"
    method = zipfile.ZIP_STORED if "--stored" in opts else zipfile.ZIP_DEFLATED
    # GBK names: a placeholder of the same length in the archive, then the GBK bytes over it
    holders = {}
    with zipfile.ZipFile(out, "w", method, allowZip64=True) as z:
        for k, (name, data) in enumerate(members):
            stored = name
            if gbk:
                raw = name.encode(codec)
                stored = ("%%0%dd" % len(raw)) % k
                holders[stored.encode()] = raw
            info = zipfile.ZipInfo(stored, date_time=(2026, 12, 5, 9, 0, 0))
            info.compress_type = method
            with z.open(info, "w", force_zip64="--zip64" in opts) as f:
                f.write(data)
    b = bytearray(open(out, "rb").read())
    for holder, raw in holders.items():
        b = bytearray(bytes(b).replace(holder, raw))
    # every local and central header: the method and flags asked for
    for sig, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = b.find(sig)
        while at >= 0:
            if "--method" in opts:
                struct.pack_into("<H", b, at + method_at, opts["--method"])
            if "--encrypted" in opts:
                b[at + flag_at] |= 1
            at = b.find(sig, at + 4)
    if "--claim" in opts:
        at = b.find(b"PK\x01\x02")
        struct.pack_into("<I", b, at + 24, opts["--claim"])
    if "--damage" in opts:
        nl, xl = struct.unpack_from("<HH", b, 26)
        b[30 + nl + xl + 3] ^= 0x5A
    if "--cut" in opts:
        b = b[: opts["--cut"]]
    open(out, "wb").write(bytes(b))


if __name__ == "__main__":
    main()
