"""Dossiers that are well-formed YAML but lie about their types, or are not the YAML they seem (issue 10, points 2-3)."""
import json

from . import build as B
from .runner import Hostile

D = ("check", "{dir}/d.yaml")          # the dossier names Kabupaten OKU Selatan: the pack is found from it
GOOD = str(B.OKU)


def dossier(name, text, message, code=2, **kw):
    return Hostile(name, D, code, message, files={"d.yaml": text}, **kw)


CASES = [
    # --- integers that are integers, numbers that are finite, dates that exist
    dossier("tahun 2024.0 (lolos skema, lalu TypeError)", B.patuh_with("tahun: 2024\n", "tahun: 2024.0\n"),
            "identitas.tahun: harus bilangan bulat, bukan 2024.0"),
    dossier("tahun 2024.5", B.patuh_with("tahun: 2024\n", "tahun: 2024.5\n"), "harus bilangan bulat, bukan 2024.5"),
    dossier("tahun true", B.patuh_with("tahun: 2024\n", "tahun: true\n"), "harus bilangan bulat, bukan True"),
    dossier("jumlah dusun .nan", B.patuh_with("jumlah_dusun: 3", "jumlah_dusun: .nan"),
            "'.nan' bukan bilangan terhingga: NaN dan tak hingga tidak diizinkan"),
    dossier("insentif .inf (lolos minimum 0)", B.patuh_with("jumlah: 600000", "jumlah: .inf"),
            "'.inf' bukan bilangan terhingga"),
    dossier("insentif -.inf", B.patuh_with("jumlah: 600000", "jumlah: -.Inf"), "bukan bilangan terhingga"),
    dossier("1.0e+999 menjadi tak hingga", B.patuh_with("jumlah: 600000", "jumlah: 1.0e+999"),
            "'1.0e+999' bukan bilangan terhingga"),
    dossier("bilangan 5.000 digit", B.patuh_with("jumlah_dusun: 3", "jumlah_dusun: " + "9" * 5000),
            "(5000 karakter) terlalu panjang untuk dibaca"),
    dossier("tanggal 30 Februari", B.patuh_with("tanggal_data: 2025-01-31", "tanggal_data: 2025-02-30"),
            "identitas.tanggal_data: '2025-02-30' bukan tanggal yang sah: tidak ada di kalender"),
    dossier("tanggal tahun 0024", B.patuh_with("tanggal_data: 2025-01-31", "tanggal_data: 0024-01-31"),
            "tahun 0024 di luar rentang yang diterima (1900-2200)"),
    dossier("tanggal tahun 9999 (tanggal + hari melewati kalender)",
            B.patuh_with("tanggal_data: 2025-01-31", "tanggal_data: 9999-12-31"), "tahun 9999 di luar rentang"),
    dossier("tanggal dengan jam", B.patuh_with("tanggal_data: 2025-01-31", "tanggal_data: 2025-01-31T10:00:00"),
            "bukan tanggal; tulis YYYY-MM-DD"),
    dossier("tanggal sebagai angka", B.patuh_with("tanggal_data: 2025-01-31", "tanggal_data: 20250131"),
            "identitas.tanggal_data: harus teks, bukan 20250131"),
    # JSON is read as JSON: NaN and Infinity are not JSON numbers, said at their place
    Hostile("dosir JSON dengan NaN", D[:1] + ("{dir}/d.json",), 2, "NaN bukan bilangan yang sah dalam JSON",
            files={"d.json": json.dumps(B.patuh_json(), default=str).replace('"jumlah": 600000', '"jumlah": NaN', 1)}),
    Hostile("dosir JSON dengan Infinity", D[:1] + ("{dir}/d.json",), 2, "Infinity bukan bilangan yang sah dalam JSON",
            files={"d.json": json.dumps(B.patuh_json(), default=str).replace('"jumlah": 600000', '"jumlah": Infinity', 1)}),
    # --- not a mapping of facts
    dossier("berkas kosong", "", "dosir harus berupa pemetaan"),
    dossier("hanya komentar", "# belum diisi\n", "dosir harus berupa pemetaan"),
    dossier("daftar, bukan pemetaan", "- identitas: {nama: A}\n", "dosir harus berupa pemetaan"),
    dossier("teks biasa", "ini bukan dosir\n", "dosir harus berupa pemetaan"),
    dossier("dua dokumen YAML", B.patuh() + "---\n" + B.patuh(), "YAML tidak valid"),
    dossier("kunci ganda", B.patuh_with("  jenis: desa\n", "  jenis: desa\n  jenis: kelurahan\n"),
            "kunci 'jenis' ditulis dua kali"),
    dossier("kunci angka di akar", "1: satu\n" + B.patuh(), "bidang 1 tidak dikenal"),
    dossier("kunci berupa daftar", "? [a, b]\n: x\n" + B.patuh(), "kunci harus berupa teks biasa"),
    dossier("bidang tidak dikenal", B.patuh_with("  jenis: desa\n", "  jenis: desa\n  jenis_desa: desa\n"),
            "bidang 'jenis_desa' tidak dikenal di identitas"),
    dossier("jenis unit tidak dikenal", B.patuh_with("jenis: desa", "jenis: gampong"), "'gampong' bukan nilai yang sah"),
    dossier("kabupaten tanpa pack", B.patuh_with("kabupaten: Kabupaten Ogan Komering Ulu Selatan",
                                                  "kabupaten: Kabupaten Atlantis"),
            "tidak ada rule pack untuk kabupaten/kota 'Kabupaten Atlantis'"),
    dossier("kabupaten tidak diisi", B.patuh_with("  kabupaten: Kabupaten Ogan Komering Ulu Selatan\n", ""),
            "identitas.kabupaten tidak diisi; sebutkan pack dengan --pack"),
    # --- YAML that is code or a trap
    dossier("tag python", "identitas: !!python/object/apply:os.system ['echo x']\n", "tidak diizinkan"),
    dossier("tag !!binary", B.patuh_with("nama: Sukamaju Contoh", "nama: !!binary aGFsbw=="), "tidak diizinkan"),
    dossier("tag !!set", "identitas: !!set {a, b}\n", "tag YAML 'tag:yaml.org,2002:set' tidak diizinkan"),
    dossier("kunci gabungan <<", "x: &x {nama: A}\nidentitas:\n  <<: *x\n  jenis: desa\n", "kunci gabungan '<<' tidak didukung"),
    dossier("alias menunjuk dirinya", "identitas: &a {nama: x, jenis: desa, tahun: 2024, diri: *a}\n", "rujukan melingkar"),
    dossier("alias tak terdefinisi", "identitas: *tidak_ada\n", "alias tidak didefinisikan"),
    dossier("indentasi tab", B.patuh_with("  nama: Sukamaju Contoh", "\tnama: Sukamaju Contoh"),
            "karakter tab tidak boleh dipakai untuk indentasi"),
    dossier("bita NUL", B.patuh_with("nama: Sukamaju Contoh", "nama: Suka\x00maju"), "YAML tidak valid"),
    Hostile("Latin-1, bukan UTF-8", D, 2, "berkas bukan teks UTF-8",
            files={"d.yaml": B.patuh_with("nama: Sukamaju Contoh", "nama: Sukamaju Contoh é").encode("latin-1")}),
    Hostile("UTF-16 dengan BOM", D, 2, "berkas bukan teks UTF-8", files={"d.yaml": B.patuh().encode("utf-16")}),
    Hostile("UTF-8 dengan BOM tetap dibaca", D, 0, "Ringkasan: 0 tidak patuh",
            files={"d.yaml": b"\xef\xbb\xbf" + B.patuh().encode("utf-8")}),
    # --- one bad dossier never costs the others their findings
    Hostile("satu rusak di antara dua", ("check", "{dir}/rusak.yaml", GOOD), 2,
            ("DITOLAK (1 berkas", "rusak.yaml:", "identitas.tahun: harus bilangan bulat, bukan 2024.0",
             "Ringkasan: 0 tidak patuh, 0 tidak dapat dinilai"),   # the good dossier is still reported
            files={"rusak.yaml": B.patuh_with("tahun: 2024\n", "tahun: 2024.0\n")}),
    Hostile("JSON tetap JSON bila ada yang ditolak", ("check", "--format", "json", "{dir}/rusak.yaml", GOOD), 2,
            '"rejected": [', files={"rusak.yaml": B.patuh_with("jumlah_dusun: 3", "jumlah_dusun: .nan")}, json_out=True),
    Hostile("markdown: yang ditolak disebut", ("check", "--format", "markdown", "{dir}/rusak.yaml", GOOD), 2,
            ("## Ditolak", "rusak.yaml"), files={"rusak.yaml": "identitas: [\n"}),
]
