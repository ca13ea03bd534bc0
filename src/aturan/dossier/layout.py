"""The fact-entry workbook's layout, derived from the dossier schema: which sheet, row and column holds each fact,
with Indonesian labels in the pack's own words."""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import schema as S

KEGIATAN = "#/$defs/kegiatan"
TIDAK_ADA = "#/$defs/tidak_ada"

# Code cells that are not dossier fields
ADA, TARGET, PARENT = "@ada", "@kegiatan", "@induk"
ADA_CHOICES = ("ada", "tidak ada")
NONE_WORD = "tidak ada"

# Where the parts of the dossier go. Objects become forms; kegiatan (single or lists) become rows of a
# kegiatan sheet; other lists of objects get a table sheet each.
FORM_SHEETS = {"identitas": "Identitas", "wilayah": "Identitas", "rumah_sehat": "Rumah sehat", "rkp": "RKP",
               "apb": "APB", "pemantauan": "Pemantauan", "laporan_tahunan": "Laporan tahunan",
               "perencanaan": "Perencanaan"}
TABLE_SHEETS = {"kpm": "KPM", "kpm.pengalaman_kader": "KPM pengalaman", "rumah_sehat.pengurus_harian": "Pengurus harian",
                "rumah_sehat.publikasi_kegiatan": "Publikasi", "rumah_sehat.laporan_bulanan": "Laporan bulanan",
                "apb.kegiatan_stunting": "APB kegiatan", "apb.belanja_per_bidang": "APB per bidang",
                "apb.insentif_kpm": "APB insentif KPM", "pemantauan.bulanan": "Pemantauan bulanan"}
KEGIATAN_SHEET = {"perencanaan": "Perencanaan"}          # by top-level part; the rest go to "Rapat"
OTHER_KEGIATAN_SHEET = "Rapat"
SHEET_ORDER = ["Identitas", "KPM", "KPM pengalaman", "Rumah sehat", "Pengurus harian", "Publikasi",
               "Laporan bulanan", "Perencanaan", "RKP", "APB", "APB kegiatan", "APB per bidang", "APB insentif KPM",
               "Pemantauan", "Pemantauan bulanan", "Rapat", "Laporan tahunan"]

# Labels by dotted path (lists without [] ) or, failing that, by field name. {placeholders} are the pack's words.
LABELS = {
    "identitas": "Identitas", "identitas.nama": "Nama {unit}", "identitas.jenis": "Jenis unit",
    "identitas.kode_wilayah": "Kode wilayah (Kemendagri)", "identitas.kecamatan": "Kecamatan/distrik",
    "identitas.kabupaten": "Kabupaten/kota", "identitas.tahun": "Tahun yang diperiksa",
    "identitas.tanggal_data": "Tanggal data dikumpulkan",
    "wilayah.jumlah_dusun": "Jumlah {wilayah}", "wilayah.dusun": "Nama-nama {wilayah}",
    "wilayah.jumlah_rumah_tangga_1000_hpk": "Jumlah rumah tangga 1.000 HPK",
    "kpm": "KPM", "nama": "Nama", "jenis_kelamin": "Jenis kelamin (L/P)", "dusun": "{wilayah}",
    "warga_setempat": "Warga setempat", "pendidikan": "Pendidikan terakhir",
    "latar_pendidikan_kesehatan": "Berlatar pendidikan kesehatan", "komunikasi_baik": "Komunikasi baik",
    "bahasa_daerah": "Berbahasa daerah setempat", "keterampilan_komputer": "Terampil komputer",
    "microsoft_office": "Menguasai Microsoft Office", "mulai_bertugas": "Mulai bertugas",
    "penetapan": "Penetapan KPM", "penetapan.cara": "Cara penetapan", "penetapan.tanggal": "Tanggal penetapan",
    "keputusan": "Surat keputusan (SK)", "nomor": "Nomor", "tanggal": "Tanggal", "oleh": "Ditetapkan oleh",
    "penetapan.musyawarah": "Musyawarah pemilihan KPM", "pelatihan_dasar": "Pelatihan dasar",
    "materi": "Materi", "penyelenggara": "Penyelenggara", "insentif": "Insentif", "jumlah": "Jumlah (Rp)",
    "sumber": "Sumber dana", "ditetapkan_musyawarah": "Ditetapkan dalam musyawarah",
    "pengalaman_kader": "Pengalaman kader", "pengalaman_kader.jenis": "Jenis pengalaman kader",
    "pengalaman_kader.tahun": "Lama (tahun)",
    "rumah_sehat": "{rumah_sehat}", "kelembagaan": "Kelembagaan (rds/rks/fkd)", "anggota": "Anggota",
    "pengurus_harian": "Pengurus harian", "jabatan": "Jabatan", "publikasi_kegiatan": "Publikasi kegiatan",
    "media": "Media", "keterangan": "Keterangan", "laporan_bulanan": "Laporan bulanan pengurus harian",
    "bulan": "Bulan (1-12)", "disampaikan_kepada": "Disampaikan kepada",
    "rumah_sehat.musyawarah_pembentukan": "Musyawarah pembentukan {rumah_sehat}",
    "rumah_sehat.pertanggungjawaban_masyarakat": "Pertanggungjawaban {rumah_sehat} kepada masyarakat",
    "perencanaan.sosialisasi": "Sosialisasi kebijakan", "perencanaan.pemetaan_sosial": "Pemetaan sosial",
    "perencanaan.diskusi_kelompok": "Diskusi kelompok terarah", "perencanaan.diskusi_antar_unit": "{forum_antar}",
    "perencanaan.rembuk_stunting": "Rembuk stunting", "perencanaan.kampanye": "Kampanye",
    "perencanaan.advokasi": "Advokasi (penyampaian hasil rembuk)",
    "perencanaan.musyawarah_perencanaan": "Musyawarah perencanaan ({musyawarah})",
    "tempat": "Tempat", "dipimpin_oleh": "Dipimpin oleh", "peserta": "Peserta", "hasil": "Hasil",
    "berita_acara": "Berita acara", "berita_acara.penandatangan": "Berita acara: penandatangan",
    "wilayah": "Wilayah ({wilayah})", "pelaksana": "Pelaksana",
    "rkp": "{rkp}", "rkp.tahun": "Tahun {rkp}", "memuat_stunting": "Memuat kegiatan stunting",
    "paket_layanan": "Paket layanan yang direncanakan", "terkonvergensi_daerah": "Selaras dengan rencana kerja daerah",
    "rkp.penetapan": "Penetapan {rkp}",
    "apb": "{anggaran}", "apb.tahun": "Tahun {anggaran}", "total_belanja": "Total belanja (Rp)",
    "dana_desa": "{dana} diterima (Rp)", "kegiatan_stunting": "Kegiatan stunting", "bidang": "Bidang",
    "paket": "Paket layanan", "sarana_prasarana": "Pembangunan sarana/prasarana",
    "belanja_per_bidang": "Belanja per bidang", "insentif_kpm": "Insentif KPM",
    "pelatihan_kpm": "Anggaran pelatihan KPM (Rp)", "apb.evaluasi_camat": "Evaluasi rancangan {anggaran} oleh Camat",
    "pemantauan": "Pemantauan", "pemantauan.bulanan": "Pemantauan bulanan", "jumlah_sasaran": "Jumlah sasaran",
    "pemantauan.rapat_evaluasi": "Rapat evaluasi (triwulanan)", "pemantauan.rembuk_pengawasan": "Rembuk pengawasan",
    "papan_informasi": "Hasil dipasang di papan informasi",
    "musyawarah_pertanggungjawaban": "Musyawarah pertanggungjawaban",
    "laporan_tahunan": "Laporan tahunan", "dipublikasikan": "Dipublikasikan", "formulir": "Formulir yang dilampirkan",
    "isi": "Isi laporan", "isi.jumlah_rumah_tangga": "Jumlah rumah tangga sasaran",
    "isi.jumlah_ibu_hamil": "Jumlah ibu hamil", "isi.ibu_hamil_kek_risti": "Ibu hamil KEK/risti",
    "isi.jumlah_anak_0_23": "Jumlah anak 0-23 bulan", "isi.anak_gizi_buruk_kurang_stunting": "Anak gizi buruk/kurang/stunting",
    "isi.anak_terindikasi_stunting": "Anak terindikasi stunting (merah)",
    "isi.anak_berisiko_stunting": "Anak berisiko stunting (kuning)", "isi.anak_tidak_stunting": "Anak tidak stunting (hijau)",
    "isi.tingkat_konvergensi": "Tingkat konvergensi (%)", "isi.konvergensi_ibu_hamil": "Konvergensi ibu hamil (%)",
    "isi.konvergensi_anak": "Konvergensi anak (%)", "isi.dana_stunting": "Dana stunting (Rp)",
}

# The parties of the dossier ($defs/pihak), in the regency's words.
PIHAK_LABELS = {
    "pemerintah": "{pemerintah}", "kepala": "{kepala}", "perangkat": "perangkat {unit_kecil}",
    "badan_permusyawaratan": "{badan_permusyawaratan}", "rumah_sehat": "{rumah_sehat}",
    "fkd": "Forum Kesehatan {unit} (FKD)", "kpm": "KPM", "masyarakat": "masyarakat",
    "tokoh_masyarakat": "tokoh masyarakat", "kader": "kader", "kelembagaan_masyarakat": "lembaga kemasyarakatan",
    "pelaku": "pelaku kegiatan", "penyedia_layanan": "penyedia layanan", "pendamping": "pendamping",
    "bidan": "bidan", "puskesmas": "puskesmas", "opd": "perangkat daerah (OPD)", "camat": "Camat",
    "badan_kerja_sama": "{badan_kerja_sama}", "lainnya": "lainnya",
}


@dataclass
class Column:
    code: str                  # the path inside the row's object, dotted; or @ada/@kegiatan/@induk
    kind: str                  # value | list | exists | ada | target | parent
    label: str
    help: str
    type: str = "string"       # string | integer | number | boolean | date | enum | pihak
    choices: tuple = ()        # enum codes
    none_word: bool = False    # "tidak ada" is a value here (false, or an empty list)


@dataclass
class Sheet:
    name: str
    kind: str                  # form | table | kegiatan
    columns: list[Column] = field(default_factory=list)
    path: str = ""             # table: the list's path ("kpm", "kpm.pengalaman_kader")
    parent: str = ""           # table inside a list item: the parent list ("kpm") and its key field
    parent_key: str = "nama"
    targets: dict = field(default_factory=dict)   # kegiatan: path -> "single" | "list"
    target_labels: dict = field(default_factory=dict)
    title: str = ""


class Layout:
    """All sheets for one pack and unit: built once from the schema and the pack's words."""

    def __init__(self, terms: dict, packages: list | None = None, aliases: dict | None = None):
        self.terms = terms
        self.aliases = aliases or {}     # other regencies' words for the parties, lowercased -> code
        self.packages = packages or []
        self.schema = S.load_schema("dossier")
        self.defs = self.schema["$defs"]
        self.sheets: dict[str, Sheet] = {}
        self._walk_root()
        self.sheets = {n: self.sheets[n] for n in SHEET_ORDER if n in self.sheets} | \
            {n: s for n, s in self.sheets.items() if n not in SHEET_ORDER}
        self.pihak = self._pihak_labels()

    # -------------------------------------------------------------- words
    def words(self, text: str) -> str:
        try:
            return text.format_map(self.terms)
        except (KeyError, ValueError):
            return text

    def label(self, path: str) -> str:
        """path: dotted, without list markers, relative to the part ('kpm.penetapan.tanggal')."""
        parts = path.split(".")
        for i in range(len(parts)):
            key = ".".join(parts[i:])
            if key in LABELS:
                return self.words(LABELS[key])
        return parts[-1].replace("_", " ").capitalize()

    def _pihak_labels(self) -> dict[str, str]:
        out, seen = {}, set()
        for code, template in PIHAK_LABELS.items():
            label = self.words(template)
            if label in ("", "—", "-") or label.lower() in seen:
                label = code.replace("_", " ")
            seen.add(label.lower())
            out[code] = label
        return out

    # -------------------------------------------------------------- schema walk
    def deref(self, s: dict) -> tuple[dict, str | None]:
        ref = s.get("$ref")
        if ref:
            return self.defs[ref.split("/")[-1]], ref
        return s, None

    def shape(self, s: dict) -> tuple[str, dict, bool, str | None]:
        """(kind, schema, may be false, $ref) of a property: kind is scalar, object, list_scalar, list_object."""
        falsy = False
        ref = s.get("$ref")
        if "anyOf" in s:
            alts = [a for a in s["anyOf"] if a.get("$ref") != TIDAK_ADA]
            falsy = len(alts) < len(s["anyOf"])
            s = alts[0]
            ref = s.get("$ref")
        s, ref2 = self.deref(s)
        ref = ref2 or ref
        t = s.get("type")
        if t == "object":
            return "object", s, falsy, ref
        if t == "array":
            item, iref = self.deref(s.get("items", {}))
            if item.get("type") == "object":
                return "list_object", item, falsy, iref
            return "list_scalar", item, falsy, iref
        return "scalar", s, falsy, ref

    def _walk_root(self) -> None:
        for key, sub in self.schema["properties"].items():
            kind, s, falsy, ref = self.shape(sub)
            if kind == "object":
                self._form(key, s, falsy)
            elif kind == "list_object":
                self._list(key, s, ref, falsy)

    def _form(self, path: str, s: dict, falsy: bool) -> None:
        cols: list[Column] = []
        if falsy:
            cols.append(Column(path, "exists", self.words(f"Ada {self.label(path)}?"),
                                        "ada / tidak ada; kosongkan bila tidak diketahui", "enum", ADA_CHOICES))
        for key, sub in s.get("properties", {}).items():
            kind, ss, sfalsy, ref = self.shape(sub)
            p = f"{path}.{key}"
            if ref == KEGIATAN and kind == "object":
                self._kegiatan(p, "single")
            elif kind == "list_object":
                self._list(p, ss, ref, sfalsy)
            elif kind == "object":
                cols += self.columns(ss, p, sfalsy, label_root=p)
            else:
                cols.append(self.value_column(p, kind, ss, sfalsy, ref=ref))
        if cols:
            self._sheet(FORM_SHEETS.get(path, path.replace("_", " ").capitalize()), "form").columns += cols

    def _list(self, path: str, item: dict, ref: str | None, falsy: bool) -> None:
        if ref == KEGIATAN:
            self._kegiatan(path, "list")
            return
        name = TABLE_SHEETS.get(path, path.replace(".", " ").replace("_", " ").capitalize()[:31])
        sheet = self._sheet(name, "table")
        sheet.path = path
        sheet.title = self.label(path)
        sheet.columns.append(Column(ADA, "ada", "Keberadaan",
                                    "Kosong atau 'ada' untuk setiap baris. Bila memang tidak ada sama sekali, "
                                    "tulis satu baris berisi 'tidak ada' saja; bila tidak diketahui, kosongkan lembar ini.",
                                    "enum", ADA_CHOICES))
        for key, sub in item.get("properties", {}).items():
            kind, ss, sfalsy, sref = self.shape(sub)
            if kind == "list_object":
                self._child(path, key, ss)
            elif kind == "object":
                sheet.columns += self.columns(ss, key, sfalsy, label_root=f"{path}.{key}")
            else:
                sheet.columns.append(self.value_column(key, kind, ss, sfalsy, label_path=f"{path}.{key}", ref=sref))

    def _child(self, parent: str, key: str, item: dict) -> None:
        path = f"{parent}.{key}"
        name = TABLE_SHEETS.get(path, path.replace(".", " ").capitalize()[:31])
        sheet = self._sheet(name, "table")
        sheet.path, sheet.parent, sheet.title = path, parent, self.label(path)
        sheet.columns.append(Column(PARENT, "parent", f"{self.label(parent)} (nama)",
                                    f"Nama persis seperti di lembar {TABLE_SHEETS.get(parent, parent)}"))
        sheet.columns.append(Column(ADA, "ada", "Keberadaan",
                                    "Kosong atau 'ada'. 'tidak ada' (tanpa isian lain) menyatakan bahwa yang "
                                    "bersangkutan tidak punya satu pun.", "enum", ADA_CHOICES))
        for k, sub in item.get("properties", {}).items():
            kind, ss, sfalsy, sref = self.shape(sub)
            sheet.columns.append(self.value_column(k, kind, ss, sfalsy, label_path=f"{key}.{k}", ref=sref))

    def _kegiatan(self, path: str, how: str) -> None:
        name = KEGIATAN_SHEET.get(path.split(".")[0], OTHER_KEGIATAN_SHEET)
        sheet = self._sheet(name, "kegiatan")
        if not sheet.columns:
            sheet.columns.append(Column(TARGET, "target", "Kegiatan", "Pilih jenis kegiatan dari daftar. Satu baris "
                                        "per kegiatan; kegiatan yang berulang (rapat, kampanye) boleh beberapa baris."))
            sheet.columns.append(Column(ADA, "ada", "Keberadaan",
                                        "Kosong atau 'ada' bila kegiatan itu dilaksanakan; 'tidak ada' bila tegas tidak "
                                        "pernah dilaksanakan. Baris yang hanya berisi nama kegiatan berarti tidak diketahui.",
                                        "enum", ADA_CHOICES))
            sheet.columns += self.columns(self.defs["kegiatan"], "", False, label_root="")
        sheet.targets[path] = how
        label = self.label(path)
        clash = next((p for p, lab in sheet.target_labels.items() if lab == label), None)
        if clash is not None:
            # two parts hold a kegiatan of the same name (e.g. a monthly meeting): name each by its part,
            # since the reader finds the target by its label
            sheet.target_labels[clash] = f"{label} ({self.label(clash.split('.')[0])})"
            label = f"{label} ({self.label(path.split('.')[0])})"
        sheet.target_labels[path] = label

    def columns(self, s: dict, prefix: str, falsy: bool, label_root: str) -> list[Column]:
        """The columns of an object inside a row: an ada/tidak ada column when it may be false, then its fields."""
        out = []
        if falsy and prefix:
            out.append(Column(prefix, "exists", f"{self.label(label_root)}: ada?",
                              "ada / tidak ada; kosongkan bila tidak diketahui", "enum", ADA_CHOICES))
        for key, sub in s.get("properties", {}).items():
            kind, ss, sfalsy, sref = self.shape(sub)
            p = f"{prefix}.{key}" if prefix else key
            lp = f"{label_root}.{key}" if label_root else key
            if kind == "object":
                out += self.columns(ss, p, sfalsy, lp)
            else:
                col = self.value_column(p, kind, ss, sfalsy, label_path=lp, ref=sref)
                if prefix and label_root and not col.label.startswith(self.label(label_root)):
                    col.label = f"{self.label(label_root)}: {col.label[0].lower() + col.label[1:]}"
                out.append(col)
        return out

    def value_column(self, code: str, kind: str, s: dict, falsy: bool, label_path: str | None = None,
                     ref: str | None = None) -> Column:
        label = self.label(label_path or code)
        if kind == "list_scalar":
            t, choices = self._scalar_type(s, ref)
            sep = "titik koma (;) atau koma" if choices else "titik koma (;)"
            help_ = f"Beberapa nilai dipisah {sep}. 'tidak ada' bila tegas tidak ada satu pun; kosong bila tidak diketahui."
            return Column(code, "list", label, help_, t, choices, none_word=True)
        t, choices = self._scalar_type(s, ref)
        help_ = TYPE_HELP.get(t, "")
        if falsy:
            help_ += " 'tidak ada' bila tegas tidak ada."
        return Column(code, "value", label, help_.strip(), t, choices, none_word=falsy)

    def _scalar_type(self, s: dict, ref: str | None = None) -> tuple[str, tuple]:
        s, ref2 = self.deref(s)
        ref = ref2 or ref
        if ref == "#/$defs/pihak":
            return "pihak", tuple(s["enum"])
        if "enum" in s:
            return "enum", tuple(s["enum"])
        if s.get("format") == "date":
            return "date", ()
        return s.get("type", "string"), ()

    def _sheet(self, name: str, kind: str) -> Sheet:
        if name not in self.sheets:
            self.sheets[name] = Sheet(name, kind)
        sheet = self.sheets[name]
        if sheet.kind != kind:     # a form and kegiatan rows of the same part share the kegiatan sheet's name
            alt = f"{name} ({'kegiatan' if kind == 'kegiatan' else 'isian'})"
            if alt not in self.sheets:
                self.sheets[alt] = Sheet(alt, kind)
            return self.sheets[alt]
        return sheet

    # -------------------------------------------------------------- choices shown for a column
    def choice_labels(self, col: Column) -> list[str]:
        if col.type == "pihak":
            return [self.pihak[c] for c in col.choices]
        if col.type == "boolean":
            return ["ya", "tidak"]
        return list(col.choices)


TYPE_HELP = {
    "date": "Tanggal: DD/MM/YYYY (mis. 15/03/2024) atau sel tanggal Excel.",
    "boolean": "ya / tidak.",
    "integer": "Bilangan bulat.",
    "number": "Angka.",
    "enum": "Pilih dari daftar.",
    "pihak": "Pilih dari daftar (sebutan pihak menurut peraturan ini).",
}
