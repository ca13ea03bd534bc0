"""Files that are not there or not files at all."""
from .runner import Hostile

CASES = [
    Hostile("dosir tidak ada", ("check", "{dir}/tidak_ada.yaml"), 2, "berkas tidak ditemukan"),
    Hostile("folder sebagai dosir tanpa isi", ("check", "--pack", "oku_selatan", "{dir}/kosong/"), 2,
            make=lambda d: (d / "kosong").mkdir()),
]
