"""Perbup Sijunjung No. 17/2021: Nagari (and desa, Pasal 40) words, seven service packages, KPM criteria."""
from aturan import hookimpl

NAME = "sijunjung"

# Pasal 40: the regulation applies mutatis mutandis to desa, so a desa in
# Sijunjung is evaluated with the same rules in its own words.
_NAGARI = {
    "unit": "Nagari",
    "unit_kecil": "nagari",
    "kepala": "Wali Nagari",
    "pemerintah": "Pemerintah Nagari",
    "badan_permusyawaratan": "BPN",
    # Pasal 1 angka 24 keeps the name "Rumah Desa Sehat" for the nagari's RDS.
    "rumah_sehat": "Rumah Desa Sehat (RDS)",
    "anggaran": "APB Nagari",
    # Lampiran II no. 3 and Lampiran IV Tabel 5 speak of "Dana Desa"; the
    # regency's own transfer is ADN (Pasal 1 angka 15).
    "dana": "Dana Desa",
    "wilayah": "jorong",
    "musyawarah": "musyawarah nagari",
    "forum_antar": "musyawarah antar nagari",
    "badan_kerja_sama": "Badan Kerjasama Antar Nagari (BAKN)",
    "rkp": "RKP Nagari",
    "kecamatan": "kecamatan",
}

_DESA = {
    "unit": "Desa",
    "unit_kecil": "desa",
    "kepala": "Kepala Desa",
    "pemerintah": "Pemerintah Desa",
    "badan_permusyawaratan": "BPD",
    "rumah_sehat": "Rumah Desa Sehat (RDS)",
    "anggaran": "APB Desa",
    "dana": "Dana Desa",
    "wilayah": "dusun",
    "musyawarah": "musyawarah desa",
    "forum_antar": "musyawarah antar desa",
    "badan_kerja_sama": "Badan Kerja Sama Antar Desa (BKAD)",
    "rkp": "RKP Desa",
    "kecamatan": "kecamatan",
}

# Pasal 8: seven packages; ids equal the shared ids in concepts.yaml `packages`.
_PAKET = [
    ("kesehatan_ibu_anak", "Kesehatan Ibu dan Anak (KIA)", "a"),
    ("konseling_gizi", "Konseling Gizi Terpadu", "b"),
    ("air_bersih_sanitasi", "Air bersih dan sanitasi", "c"),
    ("perlindungan_sosial", "Perlindungan sosial", "d"),
    ("paud", "PAUD", "e"),
    ("pengasuhan_keluarga",
     "Pengasuhan anak di keluarga termasuk pencegahan perkawinan anak", "f"),
    ("pekarangan_pangan",
     "Pendayagunaan lahan pekarangan keluarga dalam rangka penyediaan makanan "
     "yang sehat dan bergizi", "g"),
]

# Pasal 31 ayat (4): the four subjects of the KPM's basic training.
MATERI_PELATIHAN_DASAR = [
    "kebijakan_konvergensi",   # a. kebijakan konvergensi pencegahan stunting di nagari
    "scorecard",               # b. pemantauan dan pengisian scorecards konvergensi nagari
    "kebijakan_rds",           # c. kebijakan RDS
    "peran_tugas_kpm",         # d. peran, tugas dan cara kerja KPM
]

# Pasal 20 ayat (2) (and Pasal 21 ayat (4), Lampiran I no. 2-3): the scope of
# the focus-group discussion.
MATERI_DISKUSI_KELOMPOK = [
    "analisis_pemetaan_sosial",       # a. analisis sederhana terhadap hasil pemetaan sosial
    "daftar_masalah_prioritas",       # b. daftar masalah yang diprioritaskan
    "peluang_potensi_sumber_daya",    # c. peluang dan potensi sumber daya
    "alternatif_kegiatan_prioritas",  # d. alternatif kegiatan prioritas
]

# Pasal 35 ayat (4) and Lampiran IV: the forms the annual report is built from.
FORMULIR_LAPORAN = ["1", "2a", "2b", "2c", "3a", "3b", "bantu", "4"]

# Pasal 10 ayat (2) huruf c: "pelaku pelaksana kegiatan" (perangkat, kader
# Posyandu/BKB/BKR, pengelola PAUD, KPM, Karang Taruna, kelompok keagamaan,
# kelompok perempuan, TP PKK), as dossier roles.
PELAKU_PELAKSANA = ["pelaku", "perangkat", "kader", "kpm", "kelembagaan_masyarakat"]


@hookimpl
def aturan_register_terminology(register):
    register(plugin=NAME, unit="nagari", terms=dict(_NAGARI))
    register(plugin=NAME, unit="desa", terms=dict(_DESA))


@hookimpl
def aturan_register_service_packages(register):
    for pid, name, huruf in _PAKET:
        register(plugin=NAME, id=pid, name=name, aligned=pid,
                 citation={"pasal": 8, "ayat": 1, "huruf": huruf}, activities=[])


@hookimpl
def aturan_register_kpm_criteria(register):
    # Pasal 27 huruf b: experience as a community cadre of any kind is required; Kader Posyandu and
    # Guru PAUD are only "diutamakan" (preferred), so the value is `True` (any cadre), not a closed list.
    register(plugin=NAME, id="warga_setempat", concept="kpm.warga_setempat",
             text="berasal dari warga masyarakat nagari setempat",
             citation={"pasal": 27, "huruf": "a"}, value=True)
    register(plugin=NAME, id="pengalaman_kader", concept="kpm.pengalaman_kader",
             text="berpengalaman sebagai kader masyarakat diutamakan bidang pembangunan "
                  "manusia yaitu Kader Posyandu, Guru PAUD",
             citation={"pasal": 27, "huruf": "b"}, value=True)
    register(plugin=NAME, id="komunikasi", concept="kpm.komunikasi",
             text="memiliki kemampuan komunikasi yang baik",
             citation={"pasal": 27, "huruf": "c"}, value=True)
    register(plugin=NAME, id="bahasa_daerah", concept="kpm.bahasa_daerah",
             text="khususnya dapat berbahasa daerah setempat",
             citation={"pasal": 27, "huruf": "c"}, value=True)
    register(plugin=NAME, id="pendidikan", concept="kpm.pendidikan_minimal",
             text="pendidikan minimal Sekolah Menengah Pertama",
             citation={"pasal": 27, "huruf": "d"}, value="smp")


@hookimpl
def aturan_register_dsl(register):
    register.constant(plugin=NAME, name="MATERI_PELATIHAN_DASAR",
                      value=list(MATERI_PELATIHAN_DASAR),
                      doc="Pokok bahasan pelatihan dasar KPM (Pasal 31 ayat (4) huruf a-d): "
                          + ", ".join(MATERI_PELATIHAN_DASAR))
    register.constant(plugin=NAME, name="MATERI_DISKUSI_KELOMPOK",
                      value=list(MATERI_DISKUSI_KELOMPOK),
                      doc="Cakupan materi diskusi kelompok terarah (Pasal 20 ayat (2) huruf a-d): "
                          + ", ".join(MATERI_DISKUSI_KELOMPOK))
    register.constant(plugin=NAME, name="FORMULIR_LAPORAN",
                      value=list(FORMULIR_LAPORAN),
                      doc="Formulir laporan konvergensi (Pasal 35 ayat (4), Lampiran IV): "
                          "1, 2a, 2b, 2c, 3a, 3b, bantu (formulir bantu), 4 (scorecard)")
    register.constant(plugin=NAME, name="PELAKU_PELAKSANA",
                      value=list(PELAKU_PELAKSANA),
                      doc="Peran dosir yang termasuk pelaku pelaksana kegiatan (Pasal 10 ayat (2) huruf c)")
