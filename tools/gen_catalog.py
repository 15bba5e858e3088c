#!/usr/bin/env python3
"""gen_catalog.py — builds data/catalog/r7-03/clauses.tsv from the reconstructed 権限・責任等一覧表
(research/responsibility-matrix.csv), the guideline text and the decisions in
tools/catalog-overrides-r7-03.tsv. Run by hand when the inputs change; the TSV it writes is
committed, so building mamori never needs Python.

Usage: tools/gen_catalog.py CSV GUIDELINE.txt OUT.tsv
"""
import csv
import re
import sys
import unicodedata

ROLES = [  # CSV column -> catalog role code (order of the 付録 columns)
    ("情報セキュリティ委員会", "committee"),
    ("最高情報セキュリティ責任者", "ciso"),
    ("統括情報セキュリティ責任者", "toukatsu"),
    ("情報セキュリティ責任者", "isr"),
    ("情報セキュリティ管理者", "ism"),
    ("情報システム管理者", "sysm"),
    ("情報システム担当者", "sys_staff"),
    ("情報セキュリティ監査統括責任者", "audit_chief"),
    ("利用申請の許可権限者", "permit_authority"),
    ("職員等の義務", "staff"),
    ("CSIRT（統一的窓口）", "csirt"),
    ("クラウドサービス管理者", "cloud_manager"),
    ("外部委託関係規定", "outsourcing"),
]
ROLE_CODES = [c for _, c in ROLES]
MARKS = {"○", "△", "許", "承"}

# The chapters of the 対策基準 and how their headings read in the text (numbers were lost).
CHAPTERS = {
    "1": "組織体制", "2": "情報資産の分類と管理", "3": "情報システム全体の強靭性の向上",
    "4": "物理的セキュリティ", "5": "人的セキュリティ", "6": "技術的セキュリティ",
    "7": "運用", "8": "業務委託と外部サービス（クラウドサービス）の利用", "9": "評価・見直し",
}

PART2 = (2121, 5586)   # 第2編 対策基準（例文）
PART4 = (21040, 25513)  # 第4編 クラウド特則

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KATA = "アイウエオカキクケコサシスセソタチツテト"


def normalise(raw):
    """The catalog form of a clause id: NFKC for digits, dots and brackets (but the circled
    numbers are kept), no spaces, '1.(1)' -> '1(1)'. '1 (1) ①' -> '1(1)①',
    '６．２（１）③（ウ）' -> '6.2(1)③(ウ)', '5.1 (1) ④ (ア) /2' -> '5.1(1)④(ア)/2'."""
    out = []
    for ch in raw:
        if ch in CIRCLED:
            out.append(ch)
        elif ch.isspace() or ch == "\u3000":
            continue
        else:
            out.append(unicodedata.normalize("NFKC", ch))
    s = "".join(out)
    s = re.sub(r"\.(?=\()", "", s)
    s = s.rstrip(".")
    return s


TOKEN = re.compile(r"^(\d+(?:\.\d+)?)|(\(\d+\))|([①-⑳])|(\([ア-ン]\))|(/\d+)")


def tokens(cid):
    m = re.match(r"^\d+(?:\.\d+)?", cid)
    assert m, cid
    toks = [m.group(0)]
    rest = cid[m.end():]
    while rest:
        m = re.match(r"\(\d+\)|[①-⑳]|\([ア-ン]\)|/\d+", rest)
        assert m, (cid, rest)
        toks.append(m.group(0))
        rest = rest[m.end():]
    return toks


def squash(s):
    return re.sub(r"\s", "", s)


def parent(cid):
    t = tokens(cid)
    if len(t) > 1:
        return "".join(t[:-1])
    if "." in t[0]:
        return t[0].split(".")[0]
    return ""


def section_of(cid):
    return tokens(cid)[0]


def load_overrides(path):
    """Each non-comment line: action, id, then fields by action (see the file's header)."""
    ov = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            ov.append((n, line.split("\t")))
    return ov


def main():
    csv_path, txt_path, out_path, ov_path = sys.argv[1:5]
    lines = [""] + open(txt_path, encoding="utf-8").read().split("\n")
    rows = {}
    order = []
    section_titles = {}
    for r in csv.DictReader(open(csv_path, encoding="utf-8")):
        cid = normalise(r["clause_id"])
        part, _, ln = r["clause_source"].partition(" L")
        marks = {}
        for col, code in ROLES:
            v = r[col].strip()
            if v:
                assert v in MARKS, (cid, v)
                marks[code] = v
        rows[cid] = {
            "id": cid, "title": r["title"].strip(), "status": r["resolution"],
            "line": int(ln), "marks": marks, "raw": r["marks_raw"].strip(),
        }
        sec_no, _, sec_title = r["section"].partition(" ")
        section_titles[sec_no] = sec_title.strip()
        order.append(cid)

    # Decisions: renames to the body numbering, merges, new rows, mark corrections, titles.
    titles = {}
    for n, f in load_overrides(ov_path):
        act = f[0]
        if act == "rename":        # rename OLD NEW
            old, new = f[1], f[2]
            r = rows.pop(old)
            r["id"] = new
            rows[new] = r
            order[order.index(old)] = new
        elif act == "drop":        # drop ID (a duplicate row of the table)
            rows.pop(f[1])
            order.remove(f[1])
        elif act == "add":         # add ID AFTER TITLE STATUS LINE
            cid, after, title, status, ln = f[1:6]
            rows[cid] = {"id": cid, "title": title, "status": status, "line": int(ln),
                         "marks": {}, "raw": ""}
            order.insert(order.index(after) + 1, cid)
        elif act == "marks":       # marks ID STATUS role=mark,role=mark
            cid, status, spec = f[1], f[2], f[3] if len(f) > 3 else ""
            r = rows[cid]
            new = {}
            for kv in filter(None, spec.split(",")):
                k, v = kv.split("=")
                assert k in ROLE_CODES and v in MARKS, (n, kv)
                new[k] = v
            seq = " ".join(new[c] for c in ROLE_CODES if c in new)
            if r["raw"] and seq != r["raw"]:
                sys.exit(f"overrides:{n}: {cid}: marks {seq!r} differ from the table {r['raw']!r}")
            r["marks"], r["status"] = new, status
        elif act == "title":       # title ID TITLE (headings, or a fix of the table's title)
            titles[f[1]] = f[2]
        else:
            sys.exit(f"overrides:{n}: unknown action {act}")

    # Heading rows for every ancestor, placed before their first descendant.
    full = []
    seen = set()
    for cid in order:
        chain = []
        p = parent(cid)
        while p and p not in seen and p not in rows:
            chain.append(p)
            p = parent(p)
        for h in reversed(chain):
            seen.add(h)
            full.append(("heading", h, cid))
        seen.add(cid)
        full.append(("row", cid, None))

    def in_part(ln):
        return PART2 if PART2[0] <= ln <= PART2[1] else PART4

    def find_heading_line(h, child_line):
        lo = in_part(child_line)[0]
        t = tokens(h)[-1]
        if len(tokens(h)) == 1:
            name = CHAPTERS[t] if "." not in t else section_titles[t]
            pat = None
        elif t.startswith("("):
            inner = t[1:-1]
            fw = "".join(chr(ord(c) + 0xFEE0) for c in inner)
            pat = re.compile(r"^\s*[（(]\s*(" + re.escape(inner) + "|" + fw + r")\s*[)）]\s*(.*)$")
        else:
            pat = re.compile(r"^\s*" + re.escape(t) + r"\s*(.*)$")
        for ln in range(child_line, lo - 1, -1):
            s = lines[ln]
            if pat is None:
                if squash(s) == squash(name):
                    return ln
            elif pat.match(s):
                return ln
        if pat is None:  # a 第4編 child under a 第2編 heading: find the heading in 第2編
            for ln in range(PART2[0], PART2[1]):
                if squash(lines[ln]) == squash(name):
                    return ln
            for ln in range(PART2[0], PART2[1]):  # a heading wrapped over two lines
                nxt = next(x for x in lines[ln + 1:] if x.strip())
                if len(squash(lines[ln])) > 8 and squash(lines[ln] + nxt) == squash(name):
                    return ln
        return None

    out_rows = []
    sort = 0
    for kind, cid, child in full:
        if kind == "heading":
            cl = rows[child]["line"]
            ln = find_heading_line(cid, cl)
            title = titles.get(cid)
            if title is None:
                if ln is None:
                    sys.exit(f"no title for heading {cid} (near L{cl})")
                s = lines[ln].strip()
                t = tokens(cid)[-1]
                if len(tokens(cid)) == 1:
                    title = CHAPTERS.get(t) or section_titles[t]
                else:
                    title = re.sub(r"^[（(]\s*[0-9０-９]+\s*[)）]|^[①-⑳]", "", s).strip()
                    title = title.split("。")[0]
            out_rows.append({"id": cid, "title": title, "status": "heading",
                             "line": ln or cl, "marks": {}})
        else:
            r = dict(rows[cid])
            r["title"] = titles.get(cid, r["title"])
            out_rows.append(r)

    # 【推奨事項】: a clause is recommended when the marker falls inside its text, i.e. between
    # its line and the next catalog line of the same part (stopping at 【解説】 in 第4編).
    starts = sorted({(r["line"], r["id"]) for r in out_rows})
    by_id = {r["id"]: r for r in out_rows}
    recommended = set()
    rec_lines = [i for i in range(1, len(lines)) if "【推奨事項】" in lines[i]
                 and (PART2[0] <= i <= PART2[1] or PART4[0] <= i <= PART4[1])]
    unmatched = []
    for rl in rec_lines:
        best = None
        for ln, cid in starts:
            if ln <= rl and in_part(ln) == in_part(rl):
                best = (ln, cid)
        if best is None or any("【解説】" in lines[i] or "【例文】" in lines[i]
                               for i in range(best[0], rl)):
            unmatched.append(rl)
            continue
        # Pick the deepest row starting on that line (a heading and its first child can share it).
        cands = [c for ln, c in starts if ln == best[0]]
        deepest = max(cands, key=lambda c: len(tokens(c)))
        if by_id[deepest]["status"] == "heading":
            unmatched.append(rl)
            continue
        recommended.add(deepest)
    for rl in unmatched:
        print(f"note: 【推奨事項】 at L{rl} belongs to no catalog row", file=sys.stderr)

    ids = set()
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("# 対策基準（例文）の条項と権限・責任等一覧表の記号（令和7年3月版）。\n")
        out.write("# tools/gen_catalog.py が research/responsibility-matrix.csv と\n")
        out.write("# tools/catalog-overrides-r7-03.tsv から生成する。判断の根拠は docs/catalog-decisions.md。\n")
        out.write("\t".join(["id", "parent", "section", "title", "recommended", "status",
                             "source_line"] + ROLE_CODES) + "\n")
        for r in out_rows:
            cid = r["id"]
            assert cid not in ids, cid
            assert normalise(cid) == cid, cid
            ids.add(cid)
            p = parent(cid)
            assert p == "" or p in ids, (cid, p)
            out.write("\t".join([cid, p, section_of(cid), r["title"],
                                 "1" if cid in recommended else "0", r["status"],
                                 str(r["line"])] + [r["marks"].get(c, "") for c in ROLE_CODES])
                      + "\n")
    print(f"{len(out_rows)} rows ({len(rows)} from the table), "
          f"{len(recommended)} recommended", file=sys.stderr)


if __name__ == "__main__":
    main()
