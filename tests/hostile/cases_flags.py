"""Command-line flags and names given by the user (issue 10, points 1, 6 and 9)."""
import os

from . import build as B
from .runner import Hostile

GOOD = str(B.OKU)
MONITORING = str(B.ROOT / "examples" / "monitoring" / "sukamaju_contoh_2024.csv")


def link(d):
    (d / "nyata").mkdir()
    os.symlink(d / "nyata", d / "tautan", target_is_directory=True)


CASES = [
    # --- dates and sizes
    Hostile("--as-of bulan 13", ("check", "--as-of", "2024-13-01", GOOD), 2, "'2024-13-01' bukan tanggal YYYY-MM-DD"),
    Hostile("--as-of tahun 9999", ("check", "--as-of", "9999-12-31", GOOD), 2, "tahun di luar rentang 1900-2200"),
    Hostile("--as-of tahun 0001", ("check", "--as-of", "0001-01-01", GOOD), 2, "tahun di luar rentang"),
    Hostile("--as-of sebelum peraturan berlaku", ("check", "--as-of", "2022-12-31", GOOD), 0, "belum berlaku pada 2022-12-31"),
    Hostile("--max-size 0", ("--max-size", "0", "check", GOOD), 2, "'0' bukan ukuran yang sah"),
    Hostile("--max-size -5", ("--max-size=-5", "check", GOOD), 2, "bukan ukuran yang sah"),
    Hostile("--max-size nan", ("--max-size", "nan", "check", GOOD), 2, "'nan' bukan ukuran yang sah"),
    Hostile("--max-size inf", ("--max-size", "inf", "check", GOOD), 2, "'inf' bukan ukuran yang sah"),
    Hostile("--max-size teks", ("--max-size", "besar", "check", GOOD), 2, "'besar' bukan ukuran yang sah"),
    Hostile("ATURAN_MAX_SIZE_MB rusak", ("check", GOOD), 2, "ATURAN_MAX_SIZE_MB: 'banyak' bukan ukuran yang sah",
            env={"ATURAN_MAX_SIZE_MB": "banyak"}),
    Hostile("--max-size besar tetap jalan", ("--max-size", "50", "check", GOOD), 0, "Ringkasan: 0 tidak patuh"),
    # --- choices, commands, arguments
    Hostile("--format xml", ("check", "--format", "xml", GOOD), 2, "pilihan tidak sah: 'xml'"),
    Hostile("perintah tidak dikenal", ("periksa", GOOD), 2, "pilihan tidak sah: 'periksa'"),
    Hostile("tanpa perintah", (), 2, "PERINTAH"),
    Hostile("check tanpa dosir", ("check",), 2, "argumen wajib belum diberikan"),
    Hostile("schema jenis tidak dikenal", ("schema", "semua"), 2, "pilihan tidak sah"),
    Hostile("--debug di akhir diterima", ("check", GOOD, "--debug"), 0, "Ringkasan: 0 tidak patuh"),
    Hostile("--debug di awal diterima", ("--debug", "check", GOOD), 0, "Ringkasan: 0 tidak patuh"),
    Hostile("--rules menunjuk berkas", ("--rules", GOOD, "check", GOOD), 0, "Ringkasan: 0 tidak patuh"),
    Hostile("--rules yang tidak ada", ("--rules", "{dir}/tidak_ada", "check", GOOD), 0, "Ringkasan: 0 tidak patuh"),
    Hostile("compare --width 5", ("compare", "--width", "5"), 2, "--width 5 tidak sah"),
    Hostile("compare --width sangat besar", ("compare", "--width", "99999999999"), 2, "tidak sah"),
    Hostile("explain aturan tidak dikenal", ("explain", "oku_selatan.tidak_ada"), 2, "tidak ditemukan"),
    # --- output files (-o)
    Hostile("scorecard -o ke folder yang tidak ada", ("scorecard", MONITORING, "--format", "csv", "-o", "{dir}/tidak/ada.csv"),
            2, ("folder", "tidak ada", "buat foldernya dulu")),
    Hostile("scorecard -o sebuah folder", ("scorecard", MONITORING, "--format", "csv", "-o", "{dir}"), 2,
            "ini folder; sebutkan nama berkas keluaran"),
    Hostile("scorecard xlsx -o ke folder yang tidak ada", ("scorecard", MONITORING, "--format", "xlsx", "-o",
                                                            "{dir}/x/y.xlsx"), 2, "tidak ada"),
    Hostile("scorecard --template ke folder yang tidak ada", ("scorecard", "--template", "{dir}/x/t.xlsx"), 2, "tidak ada"),
    Hostile("scorecard --ditolak ke folder yang tidak ada", ("scorecard", MONITORING, "--ditolak", "{dir}/x/t.csv"), 2,
            "tidak ada"),
    Hostile("scorecard -o yang sudah ada tanpa --force", ("scorecard", MONITORING, "--format", "csv", "-o", "{dir}/ada.csv"),
            2, ("sudah ada; tidak ditimpa", "--force"), files={"ada.csv": "lama\n"}),
    # --- pack new: names, words, where it writes
    Hostile("pack new nama dengan baris baru", ("pack", "new", "aceh\n", "--from", "tual", "--dir", "{dir}"), 2,
            "memuat karakter kendali '\\n'"),
    Hostile("pack new nama dengan escape terminal", ("pack", "new", "aceh\x1b[2J", "--from", "tual", "--dir", "{dir}"), 2,
            "karakter kendali '\\x1b'"),
    Hostile("pack new nama dengan ../", ("pack", "new", "../keluar", "--from", "tual", "--dir", "{dir}"), 2, "tidak sah"),
    Hostile("pack new --regency dengan baris baru", ("pack", "new", "aceh", "--from", "tual", "--regency", "Kota A\nB",
                                                      "--dir", "{dir}"), 2, "--regency 'Kota A\\nB' tidak sah"),
    Hostile("pack new --unit dengan tab", ("pack", "new", "aceh", "--from", "tual", "--unit", "Gam\tpong", "--dir", "{dir}"),
            2, "karakter kendali '\\t'"),
    Hostile("pack new --nomor dengan NUL", ("pack", "new", "aceh", "--from", "tual", "--nomor", "5\x01", "--dir", "{dir}"),
            2, "karakter kendali"),
    Hostile("pack new --tahun 99999", ("pack", "new", "aceh", "--from", "tual", "--tahun", "99999", "--dir", "{dir}"), 2,
            "--tahun 99999 tidak sah"),
    Hostile("pack new --dir lewat tautan", ("pack", "new", "aceh", "--from", "tual", "--dir", "{dir}/tautan/draf"), 2,
            "adalah tautan (symlink)", make=link),
    Hostile("pack new --dir berupa berkas", ("pack", "new", "aceh", "--from", "tual", "--dir", "{dir}/berkas"), 2,
            "bukan folder", files={"berkas": "x"}),
    Hostile("pack new kabupaten yang sudah punya pack: peringatan", ("pack", "new", "tual_baru", "--from", "tual",
                                                                     "--regency", "Kota Tual", "--dir", "{dir}"), 0,
            ("peringatan: Kota Tual", "sudah diatur pack tual", "--pack tual atau --pack tual_baru")),
    Hostile("pack new dari pack yang tidak ada", ("pack", "new", "aceh", "--from", "tidak_ada", "--dir", "{dir}"), 2,
            "pack 'tidak_ada' tidak ditemukan"),
]

CASES += [
    Hostile("check -o ke folder yang tidak ada", ("check", GOOD, "--format", "html", "-o", "{dir}/x/laporan.html"), 2,
            ("folder", "tidak ada", "buat foldernya dulu")),
    Hostile("check -o ke berkas yang dianggap folder", ("check", GOOD, "-o", "{dir}/berkas/laporan.txt"), 2,
            "bukan folder", files={"berkas": "x"}),
    Hostile("check --format xlsx tanpa -o", ("check", GOOD, "--format", "xlsx"), 2, "tambahkan -o BERKAS.xlsx"),
]
