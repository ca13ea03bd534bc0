"""What every report format shares: the order of findings, how a value, a citation and a village are written."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..model import PARTY_LABELS, STATUS_LABELS, STATUSES, Citation, Finding, Report
from ..values import ISO_DATE, format_date, format_number

SEVERITY_LABELS = {"tinggi": "tinggi", "sedang": "sedang", "rendah": "rendah"}
NOT_RECORDED = "(tidak tercatat)"

GROUP_TITLES = {
    "tidak_patuh": "TIDAK PATUH",
    "tidak_dapat_dinilai": "TIDAK DAPAT DINILAI (fakta tidak tersedia)",
    "patuh": "PATUH",
    "belum_jatuh_tempo": "BELUM JATUH TEMPO (periode atau tenggat belum berakhir)",
    "tidak_berlaku": "TIDAK BERLAKU",
}
OUTSIDE_TITLE = "KEWAJIBAN PIHAK LAIN (bukan kewajiban {unit}; tidak dihitung dalam ringkasan)"

# The first part of a rule's concept names its topic; the labels use the regency's words.
TOPIC_LABELS = {
    "kpm": "Kader Pembangunan Manusia (KPM)",
    "rumah_sehat": "{rumah_sehat}",
    "sosialisasi": "Sosialisasi",
    "pemetaan_sosial": "Pemetaan sosial",
    "diskusi_kelompok": "Diskusi kelompok terarah",
    "diskusi_antar_unit": "{forum_antar}",
    "rembuk_stunting": "Rembuk stunting",
    "kampanye": "Kampanye",
    "advokasi": "Advokasi",
    "perencanaan": "Perencanaan",
    "rkp": "{rkp}",
    "paket_layanan": "Paket layanan",
    "anggaran": "{anggaran}",
    "pemantauan": "Pemantauan",
    "pengawasan": "Pengawasan",
    "pertanggungjawaban": "Pertanggungjawaban",
    "laporan_tahunan": "Laporan tahunan",
}


# ------------------------------------------------------------------ the village and the regulation
def unit_word(report: Report) -> str:
    return report.pack.terms_for(report.dossier.unit)["unit"]


def village_name(report: Report) -> str:
    """'Desa Sukamaju'; a name that already starts with the unit word keeps it once ('Nagari Palangki')."""
    unit, name = unit_word(report), report.dossier.name.strip()
    if name.lower().startswith(unit.lower() + " ") or name.lower() == unit.lower():
        return name
    return f"{unit} {name}"


def identity_line(report: Report) -> str:
    d = report.dossier
    where = f", {d.regency}" if d.regency else ""
    return f"{village_name(report)}{where} — tahun {d.year}"


def regulation_line(report: Report) -> str:
    reg = report.pack.regulation
    return f"{reg} tentang {reg.title}"


def summary_line(report: Report) -> str:
    c = report.counts()
    return "Ringkasan: " + ", ".join(f"{c[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES)


def display_path(file: str) -> str:
    """The dossier's file as the user named it: a relative path as given; a full path below the working folder
    relative to it (the same report wherever that folder lies); a full path elsewhere in full. Its name alone
    could be any of several villages' files (kec_a/desa_01.json, kec_b/desa_01.json), and a name counted from
    a folder chosen per run would collide across runs and partitions merged into one rekap."""
    if not os.path.isabs(file):
        return file
    base = _working_folder()
    if base is None:
        return file
    head, name = os.path.split(file)
    if name in ("", ".", "..") or name == os.path.basename(base):   # perhaps the working folder itself
        whole = _relative(file, base)
        return file if whole is None else whole
    rel = _relative(head, base)
    if rel is None:   # not below the working folder
        return file
    return name if rel == "." else rel + os.sep + name


def _working_folder() -> str | None:
    try:
        return os.getcwd()
    except OSError:   # the working folder has been removed (a USB stick pulled out)
        return None


@lru_cache(maxsize=4096)   # a batch names thousands of files in a few hundred folders
def _relative(folder: str, base: str) -> str | None:
    """`folder` relative to `base`, or None when it is not below it."""
    try:
        return str(Path(folder).relative_to(Path(base)))
    except ValueError:
        return None


# ------------------------------------------------------------------ order
def _huruf_key(h: str | None) -> tuple:
    return (0, 0, "") if not h else (1, len(h), h.lower())


def citation_key(c: Citation) -> tuple:
    """Natural article order: Pasal 2 before Pasal 10, the Pasal itself before its ayat, ayat (2) before
    (10), huruf a before b, then angka; Lampiran after the articles."""
    return (1 if c.lampiran and c.pasal is None else 0, c.lampiran or "", c.bagian or "",
            c.pasal if c.pasal is not None else -1, c.ayat if c.ayat is not None else -1,
            _huruf_key(c.huruf), c.angka if c.angka is not None else -1)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (citation_key(f.rule.citation), f.rule.id))


def groups(report: Report, verbose: bool):
    """(title, findings in article order) per status of the village's own obligations, then the other
    parties' obligations in one group."""
    for status in STATUSES:
        if status == "tidak_berlaku" and not verbose and report.in_force:
            continue
        fs = [f for f in report.village_findings if f.status == status]
        if fs:
            yield GROUP_TITLES[status], sort_findings(fs)
    outside = [f for f in report.outside_findings if verbose or f.status != "tidak_berlaku"]
    if outside and report.in_force:
        yield OUTSIDE_TITLE.format(unit=unit_word(report)), sort_findings(outside)


# ------------------------------------------------------------------ words of a finding
def citation_text(f: Finding) -> str:
    """The article, marked when the pack infers the obligation rather than reading it in the text."""
    return f"{f.rule.citation} (tafsiran)" if f.rule.dasar == "tafsiran" else str(f.rule.citation)


# The village's own organs in the regency's words (the parties outside the village: model.PARTY_LABELS).
VILLAGE_PARTY_WORDS = {
    "pemerintah": "{pemerintah}", "kepala": "{kepala}", "badan_permusyawaratan": "{badan_permusyawaratan}",
    "rumah_sehat": "{rumah_sehat}", "kpm": "Kader Pembangunan Manusia (KPM)", "pelaku": "pelaku konvergensi",
    "masyarakat": "masyarakat {unit_kecil}", "penyedia_layanan": "penyedia layanan",
}
PERIOD_WORDS = {"bulan": "setiap bulan", "triwulan": "setiap triwulan", "semester": "setiap semester",
                "tahun": "setiap tahun"}


def party_text(rule, terms: dict) -> str:
    """Whom the obligation binds, in the regency's words; an outside party says it is not the village's."""
    if rule.pihak_luar:
        return (f"{PARTY_LABELS[rule.subject]} — kewajiban pihak lain (bukan kewajiban {terms.get('unit', 'desa')}; "
                "tidak dihitung dalam ringkasan dan kode keluar)")
    word = VILLAGE_PARTY_WORDS.get(rule.subject, rule.subject)
    return re.sub(r"\{(\w+)\}", lambda m: terms.get(m.group(1), m.group(0)), word)


def deadline_text(rule) -> str | None:
    """The period and deadline a rule declares, in words (None for a rule judged once)."""
    reading = " (tafsiran pack)" if rule.tenggat_tafsiran and rule.tenggat_hari else ""
    if rule.periode:
        due = (f"jatuh tempo {rule.tenggat_hari} hari setelah periode berakhir{reading}" if rule.tenggat_hari
               else "jatuh tempo sehari setelah periode berakhir")
        return f"{PERIOD_WORDS[rule.periode]}; {due}"
    if rule.tenggat_sejak:
        head, star, tail = rule.tenggat_sejak.partition("[*].")
        since = (f"{head}[*].{tail} (setiap butir {head} dinilai terhadap tanggalnya sendiri)" if star
                 else rule.tenggat_sejak)
        if not rule.tenggat_hari:
            return f"jatuh tempo pada tanggal {since}"
        return f"jatuh tempo {rule.tenggat_hari} hari sesudah tanggal {since}{reading}"
    return None


def basis_text(f: Finding) -> str:
    """Whether the verdict rests on the words of the article or on the pack's reading, and why."""
    r = f.rule
    if r.dasar == "tafsiran":
        t = r.tafsiran or {}
        parts = ["tafsiran pack"]
        if t.get("alasan"):
            parts.append(f"alasan: {t['alasan']}")
        if t.get("kata"):
            parts.append(f"bertumpu pada kata: “{t['kata']}”")
        return "; ".join(parts)
    if r.dasar == "tekstual":
        return "tekstual (bunyi pasal)"
    return ""


def topic_label(f: Finding, terms: dict) -> str:
    key = f.rule.concept.split(".")[0]
    label = TOPIC_LABELS.get(key, key.replace("_", " ").capitalize())
    try:
        return label.format_map(terms)
    except (KeyError, ValueError):
        return label


def extra_lines(f: Finding) -> list[str]:
    """What the message alone does not say: the missing fact, the periods, the party, the reading."""
    out = []
    if f.missing:
        out.append(f"Fakta tidak tersedia: {f.missing}")
    elif f.detail and f.rule.periode:
        out.append(f"Periode: {f.detail}")
    elif f.detail and f.rule.tenggat_sejak:
        out.append(f"Tenggat: {f.detail}")
    if f.rule.pihak_luar:
        out.append(f"Pihak: {PARTY_LABELS[f.rule.subject]}")
    return out


STATED_ABSENT = "tidak ada"


def value_text(v: Any, boolean: bool = True) -> str:
    """A fact as a reader writes it: ya/tidak, 20 Agustus 2024, 1.450.000, lists in full (never cut).
    `false` where the fact is not a yes/no (`boolean=False`: a document, meeting, date or figure the
    dossier states does not exist) reads "tidak ada"."""
    if v is None:
        return NOT_RECORDED
    if v is False and not boolean:
        return STATED_ABSENT
    if isinstance(v, (bool, int, float)):
        return format_number(v)     # booleans: ya / tidak
    if isinstance(v, str):
        return format_date(v) if ISO_DATE.match(v) else v
    if v == []:
        return "tidak ada (daftar kosong)"
    if isinstance(v, list):
        return "[" + ", ".join(value_text(x, boolean) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {value_text(x)}" for k, x in v.items()) + "}"
    return str(v)


def evidence_pairs(ev: dict, rule=None) -> list[tuple[str, str]]:
    """(path, value in words); with the rule, `false` reads "tidak" for a yes/no fact, else "tidak ada"."""
    yes_no = rule.bool_paths if rule is not None else None
    return [(k, value_text(v, yes_no is None or k in yes_no)) for k, v in ev.items()]


def evidence_text(ev: dict, sep: str = "\n", rule=None) -> str:
    return sep.join(f"{k} = {v}" for k, v in evidence_pairs(ev, rule))


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def bab_label(pack, citation: Citation) -> str:
    """The chapter of the regulation a citation sits in, as the text heads it ("BAB III KONVERGENSI
    PENCEGAHAN STUNTING"), read from the pack's text; "Lampiran ..." for an annex; "(tanpa BAB)" when the
    pack carries no text or the Pasal is not in it."""
    from ..teks import load_pack_text
    if citation.lampiran:
        return f"Lampiran {citation.lampiran}"
    naskah = load_pack_text(pack.path)
    unit = naskah.pasal(citation.pasal) if naskah is not None and citation.pasal is not None else None
    bab = next((a for a in unit.ancestors() if a.kind == "bab"), None) if unit is not None else None
    if bab is None:
        return "(tanpa BAB)"
    return f"BAB {bab.label} {bab.text.strip()}".strip()
