"""Stream monitoring records into per-target month bitmaps, then score each village per quarter and year."""
from __future__ import annotations

import calendar
import datetime as dt
import operator
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from ..dsl import MissingFact
from ..errors import AturanError
from .indicators import FORM_LABELS, Group, Indicator, IndicatorSet, load_indicators, nest
from .readers.columns import mark_set
from .readers import (MONTHS, TS, Broken, Context, InputError, Limits, NoTable, Rejection, RowError, T, Y,
                      broken_rejection, describe_unused, mapper_for, open_tables, prefetch, row_rejection)

PERIODS = ("tahun", "K1", "K2", "K3", "K4")
PERIOD_MONTHS = {"tahun": (1, 12), "K1": (1, 3), "K2": (4, 6), "K3": (7, 9), "K4": (10, 12)}


def period_mask(key: str) -> int:
    a, b = PERIOD_MONTHS[key]
    return sum(1 << (m - 1) for m in range(a, b + 1))


def period_label(key: str, tahun: int) -> str:
    a, b = PERIOD_MONTHS[key]
    if key == "tahun":
        return f"Tahun {tahun}"
    return f"Kuartal {key[1]} ({MONTHS[a - 1].capitalize()}-{MONTHS[b - 1].capitalize()} {tahun})"


# ------------------------------------------------------------------ results
def percent(received: int, expected: int) -> float | None:
    return None if expected == 0 else 100.0 * received / expected


@dataclass(frozen=True)
class IndicatorScore:
    indicator: Indicator
    received: int          # targets with Y
    not_applicable: int    # targets with TS
    targets: int           # targets of the group in the period

    @property
    def expected(self) -> int:
        return self.targets - self.not_applicable

    @property
    def percent(self) -> float | None:
        return percent(self.received, self.expected)


@dataclass(frozen=True)
class GroupScore:
    group: Group
    targets: int
    received: int          # sum of Y over the group's indicators and targets
    expected: int          # indicators x targets - sum of TS

    @property
    def percent(self) -> float | None:
        return percent(self.received, self.expected)


@dataclass(frozen=True)
class TargetRow:
    """One target's line on Formulir 3a/3b: its facts and Y/T/TS per indicator."""

    form: str
    register: str
    nama: str | None
    facts: dict
    statuses: tuple[str, ...]

    @property
    def received(self) -> int:
        return sum(1 for s in self.statuses if s == Y)

    @property
    def expected(self) -> int:
        return sum(1 for s in self.statuses if s != TS)

    @property
    def percent(self) -> float | None:
        return percent(self.received, self.expected)


@dataclass(frozen=True)
class Formulir1:
    """Formulir 1 part 1, Rekapitulasi Sasaran (Perbup Sijunjung 17/2021 Lampiran IV): each target's
    latest recorded condition in the period; households counted once (No KK, else No KIA)."""

    rumah_tangga_rentan: int          # households with an ibu hamil or anak 0-23 bulan
    ibu_hamil_resti: int              # last status Resti or KEK/Resti
    anak_0_23: int
    gizi_kurang: int                  # last status gizi
    gizi_buruk: int
    stunting: int
    rt_tanpa_air_bersih: int | None   # households whose latest mark (any of their targets) is T
    rt_tanpa_jamban: int | None
    ibu_hamil_tanpa_jaminan: int | None
    anak_tanpa_jaminan: int | None
    anak_tanpa_akta: int | None

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class PeriodScore:
    key: str
    label: str
    start: dt.date
    end: dt.date
    rumah_tangga: int
    ibu_hamil: int
    kek_resti: int
    anak_0_23: int
    gizi_bermasalah: int
    anak_2_6: int
    tikar: dict                        # "H"/"K"/"M"/None (not measured) -> children
    indicators: tuple                  # IndicatorScore
    groups: tuple                      # GroupScore, convergence groups only
    rows: tuple = ()                   # TargetRow, only for the detail period
    formulir1: Formulir1 | None = None

    @property
    def total_received(self) -> int:
        return sum(g.received for g in self.groups)

    @property
    def total_expected(self) -> int:
        return sum(g.expected for g in self.groups)

    @property
    def total_percent(self) -> float | None:
        return percent(self.total_received, self.total_expected)

    def group(self, gid: str) -> GroupScore | None:
        return next((g for g in self.groups if g.group.id == gid), None)

    def figure(self, name: str) -> Any:
        """A named figure, as reconciliation refers to it."""
        if name in ("rumah_tangga", "ibu_hamil", "kek_resti", "anak_0_23", "gizi_bermasalah", "anak_2_6"):
            return getattr(self, name)
        if name.startswith("tikar_"):
            return self.tikar.get({"hijau": "H", "kuning": "K", "merah": "M"}[name[6:]], 0)
        if name == "konvergensi_total":
            return self.total_percent
        if name.startswith("konvergensi_"):
            g = self.group(name[len("konvergensi_"):])
            return g.percent if g else None
        raise KeyError(name)


@dataclass(frozen=True)
class VillageScore:
    kecamatan: str | None
    desa: str | None
    periods: dict                      # key -> PeriodScore

    @property
    def name(self) -> str:
        return self.desa or "(tanpa nama)"


@dataclass(frozen=True)
class ScorecardResult:
    tahun: int | None
    tahun_source: str | None
    indicators: IndicatorSet
    villages: tuple                    # VillageScore
    files: tuple
    rows_read: int
    rows_used: int
    records_used: int
    rejections: tuple                  # Rejection
    warnings: tuple                    # str
    errors: tuple = ()                 # AturanError: files that could not be used at all
    detail: str | None = None          # the period with per-target rows
    sources: tuple = ()                # per table: (where, which reader read it, what it settled)
    layanan: tuple = ()                # Formulir 1 part 2: {"desa", "nama", "layanan": {service: bool}}

    @property
    def rows_rejected(self) -> int:
        return sum(r.rows for r in self.rejections)

    def services(self, v: "VillageScore") -> list[dict]:
        """Formulir 1 part 2 rows of a village (rows without a village go to the only village)."""
        key = (v.desa or "").strip().lower()
        return [x for x in self.layanan if (x["desa"] or "").strip().lower() == key
                or (not x["desa"] and len(self.villages) == 1)]

    def village(self, name: str | None) -> VillageScore | None:
        if name is None:
            return self.villages[0] if len(self.villages) == 1 else None
        key = name.strip().lower()
        return next((v for v in self.villages if (v.desa or "").strip().lower() == key), None)


# ------------------------------------------------------------------ per-target state
class Target:
    """Everything kept about one target: a few month bitmaps (bit m-1 = month m), not its rows."""

    __slots__ = ("form", "register", "nama", "household", "rec", "kek", "gizi", "delivery", "deliv_m", "sex",
                 "usia", "usia_m", "ages", "ages_m", "tikar", "tikar_m", "status", "status_m", "y", "t", "ts", "extra")

    def __init__(self, form: str, register: str, n_ind: int):
        self.form, self.register = form, register
        self.nama = self.household = self.delivery = self.sex = None
        self.rec = self.kek = self.gizi = self.deliv_m = 0
        # small per-month values packed one byte per month, with a bitmap of the months present:
        # pregnancy age, child's age, growth mat (H/K/M/TD), status (kehamilan for 2a, gizi for 2b)
        self.usia = self.usia_m = self.ages = self.ages_m = self.tikar = self.tikar_m = 0
        self.status = self.status_m = 0
        # Y, T and TS month maps of every indicator in one int each: indicator k's months are bits 12k..12k+11
        self.y = self.t = self.ts = 0
        self.extra: dict[tuple[int, int], float] | None = None  # amounts that differ from yes_value


class _Village:
    __slots__ = ("kecamatan", "desa", "targets", "other_households")

    def __init__(self, kecamatan, desa):
        self.kecamatan, self.desa = kecamatan, desa
        self.targets: dict[tuple[str, str], Target] = {}
        # households of records left out by the counting (OpenSID's JTRT still counts them): key -> months
        self.other_households: dict[str, int] = {}


class Aggregator:
    """Receives records one at a time; memory grows with targets, not with records."""

    def __init__(self, indicators: IndicatorSet):
        self.indicators = indicators
        self.by_form = {f: indicators.for_form(f) for f in ("2a", "2b", "2c")}
        self.villages: dict[tuple[str, str], _Village] = {}
        self.warnings: Counter = Counter()
        self._nameless: dict[tuple, None] = {}     # where records without a village name came from
        self.nameless_records = 0
        self.skip_unknown_status = indicators.tables.get("ibu_hamil_tanpa_status") == "abaikan"
        self.skipped = 0
        self._last: tuple = (None, None, None, None)   # (kecamatan, desa) cells -> key, _Village

    def add(self, rec: dict, where: tuple | None = None) -> None:
        desa = rec.get("desa")
        kec = rec.get("kecamatan")
        last = self._last
        if last[1] is desa and last[0] is kec and desa is not None:
            vkey, v = last[2], last[3]    # a village's rows come together: its key once per run of rows
        else:
            vkey = (kec.strip() if kec else "", desa.strip() if desa else "")
            v = None
        if self.skip_unknown_status and rec["form"] == "2a" and rec.get("status_kehamilan") is None:
            # OpenSID's own count leaves such records out of the scorecard (indikator_opensid.yaml, tabel)
            # but counts the household (Stunting.php sumber_data: $kiaIdsIbuHamil has no status filter)
            self.skipped += 1
            v = self.villages.get(vkey)
            if v is None:
                v = self.villages[vkey] = _Village(rec.get("kecamatan"), rec.get("desa"))
            key = rec.get("rumah_tangga") or rec["no_register"]
            v.other_households[key] = v.other_households.get(key, 0) | (1 << (rec["bulan"] - 1))
            return
        if not vkey[1]:
            self.nameless_records += 1
            if where is not None:
                self._nameless[where] = None
        if v is None:
            v = self.villages.get(vkey)
            if v is None:
                v = self.villages[vkey] = _Village(kec, desa)
            self._last = (kec, desa, vkey, v)
        form = rec["form"]
        inds = self.by_form[form]
        tkey = (form, rec["no_register"])
        t = v.targets.get(tkey)
        if t is None:
            t = v.targets[tkey] = Target(form, rec["no_register"], len(inds))
        m = rec["bulan"]
        bit = 1 << (m - 1)
        if t.rec & bit:
            raise RowError(None, f"catatan ganda: sasaran {rec['no_register']} sudah punya catatan untuk "
                                 f"{MONTHS[m - 1].capitalize()} {rec['tahun']}")
        t.rec |= bit
        nama = rec.get("nama")
        if nama:
            t.nama = nama
        rt = rec.get("rumah_tangga")
        if rt:
            t.household = rt
        ys, ts_, nas, extra = rec.get("markset") or mark_set(rec["marks"], tuple(i.yes_value for i in inds))
        shift = m - 1
        t.y |= ys << shift
        t.t |= ts_ << shift
        t.ts |= nas << shift
        if extra:
            if t.extra is None:
                t.extra = {}
            for k, amount in extra:
                t.extra[(k, m)] = amount
        # a target's month is recorded once (a second record was refused above), so its byte is still 0
        byte = 8 * shift
        if form == "2a":
            status = rec.get("status_kehamilan")
            if status in ("kek", "resti", "kek_resti"):
                t.kek |= bit
            if status is not None:
                t.status |= _STATUS_CODE[status] << byte
                t.status_m |= bit
            d = rec.get("tanggal_melahirkan")
            if d is not None:
                t.deliv_m |= bit
                if t.delivery is not None and t.delivery != d:
                    self.warnings[f"ibu hamil {rec['no_register']}: tanggal melahirkan berbeda antarbulan; "
                                  f"dipakai {max(d, t.delivery).isoformat()}"] += 1
                    d = max(d, t.delivery)
                t.delivery = d
            u = rec.get("usia_kehamilan")
            if u is not None:
                t.usia |= u << byte
                t.usia_m |= bit
        else:
            if rec.get("jenis_kelamin"):
                t.sex = rec["jenis_kelamin"]
            age = rec.get("umur_bulan")
            if age is not None:
                t.ages |= age << byte
                t.ages_m |= bit
            if form == "2b":
                gizi = rec.get("status_gizi")
                if gizi in ("kurang", "buruk", "stunting"):
                    t.gizi |= bit
                if gizi is not None:
                    t.status |= _GIZI_CODE[gizi] << byte
                    t.status_m |= bit
                tik = rec.get("hasil_tikar")
                if tik is not None:
                    t.tikar |= _TIKAR_CODE[tik] << byte
                    t.tikar_m |= bit

    def nameless_rows(self) -> list[Rejection]:
        """Rows without a village name next to rows with one cannot belong to a village of their own
        (a merged cell or a name left out): they are rejected, not scored as "(tanpa nama)"."""
        named = [k for k in self.villages if k[1]]
        blank = [k for k in self.villages if not k[1]]
        if not named or not blank:
            self._nameless.clear()
            self.nameless_records = 0
            return []
        for k in blank:
            del self.villages[k]
        reason = ("nama desa kosong, padahal baris lain menyebut nama desa; baris ini tidak dihitung "
                  "(isi nama desa di setiap baris, atau pakai --desa untuk berkas satu desa)")
        return [Rejection(f, sh, n, "desa", reason) for f, sh, n in self._nameless]

    # -------------------------------------------------------------- scoring
    def finalize(self, tahun: int, detail: str | None = None) -> tuple[list[VillageScore], Counter]:
        scorer = _Scorer(self.indicators, tahun)
        out = []
        for (kec, desa), v in sorted(self.villages.items()):
            out.append(scorer.village(v, detail))
        for msg, n in scorer.missing.items():
            self.warnings[msg] += n
        return out, self.warnings


class _Scorer:
    def __init__(self, indicators: IndicatorSet, tahun: int):
        self.indicators = indicators
        self.tahun = tahun
        self.by_form = {f: indicators.for_form(f) for f in ("2a", "2b", "2c")}
        self.cache: dict[tuple, str] = {}
        self.missing: Counter = Counter()
        self.periods = {}
        for key in PERIODS:
            a, b = PERIOD_MONTHS[key]
            start = dt.date(tahun, a, 1)
            end = dt.date(tahun, b, calendar.monthrange(tahun, b)[1])
            self.periods[key] = (period_mask(key), start, end, b - a + 1)
        # which indicator fields each form's expressions read, by column index
        self.needed: dict[str, list[tuple[int, tuple[str, ...], dict[str, str]]]] = {}
        self.base_needed: dict[str, set[str]] = {}
        self.fields: dict[str, list[tuple]] = {}
        self.ops: dict[str, tuple] = {}
        self.getters: dict[str, list] = {}
        for f, inds in self.by_form.items():
            per: dict[int, set[str]] = {k: {"berlaku"} for k in range(len(inds))}
            base: set[str] = set()
            cols = {ind.column: k for k, ind in enumerate(inds)}
            for ind in inds:
                for key in ind.keys:
                    head, dot, tail = key.partition(".")
                    if dot:
                        per[cols[head]].add(tail)
                    else:
                        base.add(key)
            self.needed[f] = [(k, tuple(sorted(fs)), {x: f"{inds[k].column}.{x}" for x in fs})
                              for k, fs in per.items()]
            self.base_needed[f] = base
            self.fields[f] = [(k, keys["berlaku"], *(keys.get(x) for x in ("y", "t", "ts", "jumlah", "terakhir", "y_tahun")))
                              for k, _, keys in self.needed[f]]
            ops: tuple[list, ...] = ([], [], [], [], [])     # berlaku only, + y, + t, + terakhir, anything else
            for (k, fs, keys), full in zip(self.needed[f], self.fields[f]):
                other = [x for x in fs if x != "berlaku"]
                kind = ("plain" if not other else other[0] if len(other) == 1 and other[0] in ("y", "t", "terakhir")
                        else "general")
                if kind == "plain":
                    ops[0].append((12 * k, keys["berlaku"]))
                elif kind == "general":
                    ops[4].append(full)
                else:
                    ops[("y", "t", "terakhir").index(kind) + 1].append((12 * k, keys["berlaku"], keys[kind]))
            self.ops[f] = ops
            # the memo key of each indicator: the values of exactly the fields it reads
            self.getters[f] = [(k, ind, f"{ind.column}.berlaku",
                                operator.itemgetter(*ind.keys) if ind.keys else (lambda d: ()), {})
                               for k, ind in enumerate(inds) if ind.scored]
        self.scored = {f: indicators.scored(f) for f in ("2a", "2b", "2c")}
        rules = indicators.tables
        self.kek_last = rules.get("kek_resti") == "status_terakhir"
        self.gizi_last = rules.get("gizi_bermasalah") == "status_terakhir"
        self.tikar_of = _last_record_tikar if rules.get("tikar") == "catatan_terakhir" else _last_tikar
        # Formulir 1: where each form keeps the columns it asks about (None when an indicator file has none)
        self.f1_cols = {f: {c: next((k for k, i in enumerate(self.by_form[f]) if i.column == c), None)
                            for c in ("air_bersih", "jamban", "jaminan_kesehatan", "akta_lahir")}
                        for f in ("2a", "2b")}
        self.f1_shifts = {f: tuple(None if k is None else 12 * k for k in cols.values()) for f, cols in self.f1_cols.items()}

    def village(self, v: _Village, detail) -> VillageScore:
        periods = {}
        details = (detail,) if isinstance(detail, str) else tuple(detail or ())
        for key in PERIODS:
            periods[key] = self.period(v, key, key in details)
        return VillageScore(v.kecamatan, v.desa, periods)

    def period(self, v: _Village, key: str, with_rows: bool) -> PeriodScore:
        pmask, start, end, nmonths = self.periods[key]
        groups_by_form = {f: self.indicators.group_of_form(f) for f in ("2a", "2b", "2c")}
        counts = {f: [[0, 0] for _ in self.scored[f]] for f in ("2a", "2b", "2c")}  # [Y, TS]
        ntargets = Counter()
        households: set = set()
        kek = gizi = 0
        tikar: Counter = Counter()
        rows = []
        for t in v.targets.values():
            if not t.rec & pmask:
                continue
            f = t.form
            ntargets[f] += 1
            if f in ("2a", "2b"):
                households.add(t.household or t.register)
            if f == "2a" and (_last_status(t, pmask) in (2, 3, 4) if self.kek_last else t.kek & pmask):
                kek += 1
            if f == "2b":
                if _last_status(t, pmask) in (2, 3, 4) if self.gizi_last else t.gizi & pmask:
                    gizi += 1
                tikar[self.tikar_of(t, pmask)] += 1
            statuses = self.statuses(t, pmask, start, end, nmonths)
            c = counts[f]
            for k, s in enumerate(statuses):
                if s == Y:
                    c[k][0] += 1
                elif s == TS:
                    c[k][1] += 1
            if with_rows:
                rows.append(TargetRow(f, t.register, t.nama, _facts(t, pmask), tuple(statuses)))
        ind_scores = []
        group_scores = []
        for f in ("2a", "2b", "2c"):
            scores = [IndicatorScore(ind, c[0], c[1], ntargets[f]) for ind, c in zip(self.scored[f], counts[f])]
            ind_scores.extend(scores)
            g = groups_by_form[f]
            if g is not None and g.convergence:
                group_scores.append(GroupScore(g, ntargets[f], sum(s.received for s in scores),
                                               sum(s.expected for s in scores)))
        households.update(k for k, months in v.other_households.items() if months & pmask)
        f1 = self.formulir1(v, pmask, len(households))
        rows.sort(key=lambda r: (r.form, r.register))
        return PeriodScore(
            key=key, label=period_label(key, self.tahun), start=start, end=end,
            rumah_tangga=len(households), ibu_hamil=ntargets["2a"], kek_resti=kek, anak_0_23=ntargets["2b"],
            gizi_bermasalah=gizi, anak_2_6=ntargets["2c"],
            tikar={"H": tikar["H"], "K": tikar["K"], "M": tikar["M"], None: tikar[None]},
            indicators=tuple(ind_scores), groups=tuple(group_scores), rows=tuple(rows), formulir1=f1)

    def formulir1(self, v: _Village, pmask: int, households: int) -> Formulir1:
        resti = kurang = buruk = stunting = anak = 0
        lacks: dict[str, set] = {"air_bersih": set(), "jamban": set()}
        no_jkn = {"2a": 0, "2b": 0}
        no_akta = 0
        for t in v.targets.values():
            if not t.rec & pmask or t.form not in ("2a", "2b"):
                continue
            status = _last_status(t, pmask)
            if t.form == "2a":
                resti += status in (2, 4)
            else:
                anak += 1
                kurang += status == 2
                buruk += status == 3
                stunting += status == 4
            ty, both_all = t.y, t.y | t.t
            air, jamban, jkn, akta = self.f1_shifts[t.form]
            # the column's last month in the period with a Y or a T: lacking it when that mark is T
            for sh, lack in ((air, lacks["air_bersih"]), (jamban, lacks["jamban"])):
                if sh is not None:
                    both = (both_all >> sh) & pmask
                    if both and not ty >> (sh + both.bit_length() - 1) & 1:
                        lack.add(t.household or t.register)
            if jkn is not None:
                both = (both_all >> jkn) & pmask
                no_jkn[t.form] += bool(both) and not ty >> (jkn + both.bit_length() - 1) & 1
            if akta is not None and t.form == "2b":
                both = (both_all >> akta) & pmask
                no_akta += bool(both) and not ty >> (akta + both.bit_length() - 1) & 1
        has = lambda f, c: self.f1_cols[f][c] is not None  # noqa: E731
        return Formulir1(
            households, resti, anak, kurang, buruk, stunting,
            len(lacks["air_bersih"]) if has("2a", "air_bersih") or has("2b", "air_bersih") else None,
            len(lacks["jamban"]) if has("2a", "jamban") or has("2b", "jamban") else None,
            no_jkn["2a"] if has("2a", "jaminan_kesehatan") else None,
            no_jkn["2b"] if has("2b", "jaminan_kesehatan") else None,
            no_akta if has("2b", "akta_lahir") else None)

    def statuses(self, t: Target, pmask: int, start: dt.date, end: dt.date, nmonths: int) -> list[str]:
        flat = self.summary(t, pmask, start, end, nmonths)
        out = []
        for k, ind, berlaku, getter, cache in self.getters[t.form]:
            if flat[berlaku] == 0:
                out.append(TS)   # every monthly mark in the period is TS
                continue
            ckey = getter(flat)
            hit = cache.get(ckey)
            if hit is None:
                hit = cache[ckey] = self.evaluate(ind, flat)
            if hit[1]:
                self.missing[hit[1]] += 1
            out.append(hit[0])
        return out

    def evaluate(self, ind: Indicator, flat: dict) -> tuple[str, str | None]:
        """(status, warning): a fact the expression needs but the records lack counts as T."""
        doc = nest({k: flat.get(k) for k in ind.keys})
        try:
            if ind.when is not None and not ind.when(doc):
                return TS, None
            return (Y if ind.require(doc) else T), None
        except MissingFact as e:
            return T, (f"indikator {ind.id}: fakta {e.path or '(perhitungan)'} tidak ada; dihitung T "
                       "(tidak diterima)")

    def summary(self, t: Target, pmask: int, start: dt.date, end: dt.date, nmonths: int) -> dict:
        """The target's facts for one period, flat ('col.y'): only what some expression reads."""
        rec = t.rec & pmask
        flat: dict[str, Any] = {"periode_awal": start, "periode_akhir": end, "bulan_periode": nmonths,
                                "bulan_dipantau": rec.bit_count()}
        form = t.form
        if form == "2a":
            d = t.delivery
            if d is None or d.year > self.tahun:
                before = 0xFFF
            elif d.year == self.tahun:
                before = (1 << (d.month - 1)) - 1       # the months before the delivery month
            else:
                before = 0
            preg = rec & before
            flat["bulan_hamil"] = preg.bit_count()
            flat["bulan_nifas"] = (rec & ~before).bit_count()
            flat["kek_resti"] = bool(t.kek & pmask)
            flat["bulan_kek_resti"] = (t.kek & preg).bit_count()
            flat["bersalin"] = d is not None and start <= d <= end
            flat["tercatat_bersalin"] = bool(t.deliv_m & pmask)
            flat["tanggal_melahirkan"] = d
            flat["usia_kehamilan_maks"] = _max_in(t.usia, t.usia_m, pmask) if "usia_kehamilan_maks" in self.base_needed["2a"] else None
        else:
            # only the child facts some expression reads (the ages are unpacked month by month)
            need = self.base_needed[form]
            if "jenis_kelamin" in need:
                flat["jenis_kelamin"] = t.sex
            if "umur_bulan_min" in need:
                flat["umur_bulan_min"] = _min_in(t.ages, t.ages_m, pmask)
            if "umur_bulan_maks" in need:
                flat["umur_bulan_maks"] = _max_in(t.ages, t.ages_m, pmask)
            if form == "2b":
                flat["gizi_bermasalah"] = bool(t.gizi & pmask)
                flat["bulan_gizi_bermasalah"] = (t.gizi & pmask).bit_count()
                if "tikar_terakhir" in need:
                    flat["tikar_terakhir"] = _last_tikar(t, pmask)
        ty, tt_ = t.y, t.t
        both_all = ty | tt_
        plain, ys, ts, lasts, general = self.ops[form]
        # indicator k's months are bits 12k.. of the target's maps; most expressions read its 'berlaku' and one
        # other field, so those are worked out by kind (self.ops, built in __init__) rather than field by field
        for sh, berlaku in plain:
            flat[berlaku] = ((both_all >> sh) & pmask).bit_count()
        for sh, berlaku, key in ys:
            flat[berlaku] = ((both_all >> sh) & pmask).bit_count()
            flat[key] = ((ty >> sh) & pmask).bit_count()
        for sh, berlaku, key in ts:
            flat[berlaku] = ((both_all >> sh) & pmask).bit_count()
            flat[key] = ((tt_ >> sh) & pmask).bit_count()
        for sh, berlaku, key in lasts:
            both = (both_all >> sh) & pmask
            flat[berlaku] = both.bit_count()
            flat[key] = None if not both else (Y if ty >> (sh + both.bit_length() - 1) & 1 else T)
        if general:
            tts = t.ts
            inds = self.by_form[form]
            for k, berlaku, ky, kt, kts, kjumlah, kterakhir, kytahun in general:
                sh = 12 * k
                y = (ty >> sh) & pmask
                tt = (tt_ >> sh) & pmask
                both = y | tt
                flat[berlaku] = both.bit_count()
                if ky:
                    flat[ky] = y.bit_count()
                if kt:
                    flat[kt] = tt.bit_count()
                if kts:
                    flat[kts] = ((tts >> sh) & pmask).bit_count()
                if kjumlah:
                    yv = inds[k].yes_value
                    total = y.bit_count() * yv
                    if t.extra:
                        for (kk, m), amount in t.extra.items():
                            if kk == k and y >> (m - 1) & 1:
                                total += amount - yv
                    flat[kjumlah] = int(total) if float(total).is_integer() else total
                if kterakhir:
                    flat[kterakhir] = None if not both else (Y if y >> (both.bit_length() - 1) & 1 else T)
                if kytahun:
                    flat[kytahun] = ((ty >> sh) & 0xFFF).bit_count()
        return flat


_TIKAR_CODE = {"H": 1, "K": 2, "M": 3, "TD": 4}
_TIKAR_NAME = {1: "H", 2: "K", 3: "M", 4: None}
_STATUS_CODE = {"normal": 1, "resti": 2, "kek": 3, "kek_resti": 4}
_GIZI_CODE = {"normal": 1, "kurang": 2, "buruk": 3, "stunting": 4}


def _values(packed: int, present: int, pmask: int) -> bytes | list[int]:
    """The values of the months present in the period (one byte per month, January first)."""
    months = present & pmask
    if months == pmask:                  # every month of the period recorded: one slice of the packed bytes
        low = (pmask & -pmask).bit_length() - 1
        return packed.to_bytes(12, "little")[low:pmask.bit_length()]
    return [(packed >> (8 * m)) & 0xFF for m in range(12) if months >> m & 1]


def _min_in(packed: int, present: int, pmask: int) -> int | None:
    vals = _values(packed, present, pmask)
    return min(vals) if vals else None


def _max_in(packed: int, present: int, pmask: int) -> int | None:
    vals = _values(packed, present, pmask)
    return max(vals) if vals else None


def _last_tikar(t: "Target", pmask: int) -> str | None:
    """The last growth-mat result (H/K/M) in the period; TD or an empty cell is no result."""
    months = t.tikar_m & pmask
    while months:
        m = months.bit_length() - 1
        code = (t.tikar >> (8 * m)) & 0xFF
        if code != 4:
            return _TIKAR_NAME[code]
        months &= ~(1 << m)
    return None


def _last_record_tikar(t: "Target", pmask: int) -> str | None:
    """The mark of the last record in the period, whatever it is (OpenSID's Tabel 2)."""
    rec = t.rec & pmask
    if not rec:
        return None
    m = rec.bit_length() - 1
    if not (t.tikar_m >> m) & 1:
        return None
    return _TIKAR_NAME[(t.tikar >> (8 * m)) & 0xFF]


def _last_status(t: "Target", pmask: int) -> int | None:
    """The status code of the last record in the period that has one."""
    months = t.status_m & pmask
    if not months:
        return None
    m = months.bit_length() - 1
    return (t.status >> (8 * m)) & 0xFF


def _facts(t: Target, pmask: int) -> dict:
    if t.form == "2a":
        return {"kek_resti": bool(t.kek & pmask), "usia_kehamilan": _max_in(t.usia, t.usia_m, pmask),
                "tanggal_melahirkan": t.delivery.isoformat() if t.delivery else None}
    out = {"jenis_kelamin": t.sex, "umur_bulan": _max_in(t.ages, t.ages_m, pmask)}
    if t.form == "2b":
        out["gizi_bermasalah"] = bool(t.gizi & pmask)
        out["tikar"] = _last_tikar(t, pmask)
    return out


# ------------------------------------------------------------------ the whole run
def compute(paths: Iterable[str], *, indicators: IndicatorSet | None = None, tahun: int | None = None,
            bulan: int | None = None, desa: str | None = None, kecamatan: str | None = None,
            detail: str | None = None, limits: Limits | None = None, engine: str = "calamine") -> ScorecardResult:
    """Read every file, stream its rows into the aggregator, score every village.

    Files that cannot be used at all end up in `errors` (nothing is scored then); rows that
    cannot be used end up in `rejections` with file, sheet, row, column and reason.
    """
    indicators = indicators or load_indicators()
    ctx = Context(tahun=tahun, bulan=bulan, desa=desa, kecamatan=kecamatan,
                  tahun_source="--tahun" if tahun else None, tahun_explicit=tahun is not None)
    agg = Aggregator(indicators)
    rejections: list[Rejection] = []
    errors: list[AturanError] = []
    warnings: list[str] = []
    sources: list[str] = []
    layanan: list[dict] = []
    rows_read = rows_used = records_used = 0
    paths = list(paths)
    limits = limits or Limits.current()
    ahead = None
    for i, path in enumerate(paths):
        # this workbook is checked first, then the next one while this one is scored
        prepared = ahead if ahead is not None else prefetch(path, limits, engine)
        ahead = prefetch(paths[i + 1] if i + 1 < len(paths) else None, limits, engine)
        try:
            for table in open_tables(path, indicators, ctx, limits, engine, prepared):
                try:
                    mapper = mapper_for(table, indicators, ctx)
                except NoTable as e:
                    if (table.name or "").strip().lower() not in ("petunjuk", "catatan"):
                        warnings.append(str(e))
                    continue
                except InputError as e:
                    errors.append(e)
                    continue
                where = table.where
                sources.append((where, mapper.source, mapper.detail))
                unused = describe_unused(mapper)
                if unused:
                    warnings.append(f"{where}: kolom tidak dipakai: {', '.join(unused)}")
                forms_seen: set[str] = set()
                if getattr(mapper, "layanan", False):
                    for n, cells in table.rows:
                        rows_read += 1
                        try:
                            if isinstance(cells, Broken):
                                raise RowError(None, cells.reason, cells.value)
                            layanan.extend(mapper.convert(cells))
                            rows_used += 1
                        except RowError as e:
                            rejections.append(row_rejection(table, n, e))
                    warnings.extend(mapper.notes())
                    continue
                for n, cells in table.rows:
                    rows_read += 1
                    if isinstance(cells, Broken):
                        rejections.append(broken_rejection(table, n, cells))
                        continue
                    try:
                        recs = mapper.convert(cells)
                        for r in recs:
                            agg.add(r, (table.file, table.name, n))
                            forms_seen.add(r["form"])
                        records_used += len(recs)
                        rows_used += 1
                    except RowError as e:
                        rejections.append(row_rejection(table, n, e))
                for form in sorted(forms_seen):
                    for col in mapper.absent[form]:
                        ind = next(i for i in indicators.for_form(form) if i.column == col)
                        if not ind.scored:
                            warnings.append(f"{where}: kolom {col!r} ({FORM_LABELS[form]}) tidak ada: "
                                            f"{ind.missing_note or 'dihitung T (tidak diterima)'}")
                            continue
                        warnings.append(f"{where}: kolom indikator {col!r} ({FORM_LABELS[form]}) tidak ada; semua "
                                        "sasaran di berkas ini dihitung T (tidak diterima) untuk indikator itu")
                warnings.extend(mapper.notes())
        except AturanError as e:       # the file itself: missing, too big, not readable, YAML syntax ...
            errors.append(e)
    if agg.skipped:
        warnings.append(f"{agg.skipped} catatan ibu hamil tanpa status kehamilan tidak dihitung, mengikuti cara hitung "
                        f"{indicators.name} (Rekap.php: where('status_kehamilan', '!=', null)); rumah tangganya tetap dihitung")
    nameless = agg.nameless_rows()
    if nameless:
        rejections.extend(nameless)
        rows_used -= len(nameless)
        records_used -= agg.nameless_records
    villages: list[VillageScore] = []
    if ctx.tahun is not None and not errors:
        villages, extra = agg.finalize(ctx.tahun, detail)
        warnings.extend(msg if n == 1 else f"{msg} ({n} sasaran)" for msg, n in extra.items())
    return ScorecardResult(
        tahun=ctx.tahun, tahun_source=ctx.tahun_source, indicators=indicators, villages=tuple(villages),
        files=tuple(paths), rows_read=rows_read, rows_used=rows_used, records_used=records_used,
        rejections=tuple(rejections), warnings=tuple(ctx.warnings + warnings), errors=tuple(errors), detail=detail,
        sources=tuple(sources), layanan=tuple(layanan))
