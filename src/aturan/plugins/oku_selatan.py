"""Perbup Ogan Komering Ulu Selatan No. 7/2023: Desa words, five service packages, KPM criteria."""
from aturan import hookimpl

NAME = "oku_selatan"

# Pasal 1 angka 4-10, 18-20 and Pasal 28, 30: the Desa and its bodies. Pasal 48
# lets a Desa that already has a Forum Kesehatan Desa (FKD) organise the
# convergence through it instead of an RDS; the FKD then follows the RDS rules
# (Pasal 48 ayat (2)). The term stays "RDS": the rules that an FKD may carry
# out say so in their own message.
TERMS = {
    "unit": "Desa",
    "unit_kecil": "desa",
    "kepala": "Kepala Desa",
    "pemerintah": "Pemerintah Desa",
    "badan_permusyawaratan": "BPD",
    "rumah_sehat": "Rumah Desa Sehat (RDS)",
    "anggaran": "APB Desa",
    "dana": "Dana Desa",
    "wilayah": "dusun",
    "musyawarah": "musyawarah Desa",
    "forum_antar": "Musyawarah Antar Desa (MAD)",
    "badan_kerja_sama": "Badan Kerjasama Antar Desa (BKAD)",
    "rkp": "RKP Desa",
    "kecamatan": "kecamatan",
}

# Pasal 8 ayat (1) huruf a-e. The Perbup gives no activity menu per package.
PAKET = [
    ("kesehatan_ibu_anak", "Kesehatan ibu dan anak", "a"),
    ("konseling_gizi", "Konseling gizi terpadu", "b"),
    ("air_bersih_sanitasi", "Air bersih dan sanitasi", "c"),
    ("perlindungan_sosial", "Perlindungan sosial", "d"),
    ("paud", "Pendidikan anak usia dini", "e"),
]

# Pasal 21 huruf a-d. Huruf c holds two criteria (communication, and the
# local language as its specific form); both are registered so that
# comparisons line up with regencies that list them separately.
KPM_KRITERIA = [
    {"id": "warga_setempat", "concept": "kpm.warga_setempat",
     "text": "berasal dari warga masyarakat desa setempat",
     "citation": {"pasal": 21, "huruf": "a"}, "value": True},
    {"id": "pengalaman_kader", "concept": "kpm.pengalaman_kader",
     "text": "berpengalaman sebagai Kader Masyarakat diutamakan bidang pembangunan manusia seperti "
             "Kader Posyandu, Guru PAUD, Kader Kesehatan, Kader Pemberdayaan Masyarakat Desa, dan lainnya",
     "citation": {"pasal": 21, "huruf": "b"}, "value": ["posyandu", "paud", "kesehatan", "kpmd", "lainnya"]},
    {"id": "komunikasi", "concept": "kpm.komunikasi",
     "text": "memiliki kemampuan komunikasi yang baik",
     "citation": {"pasal": 21, "huruf": "c"}, "value": True},
    {"id": "bahasa_daerah", "concept": "kpm.bahasa_daerah",
     "text": "khususnya dapat berbahasa daerah setempat",
     "citation": {"pasal": 21, "huruf": "c"}, "value": True},
    {"id": "pendidikan", "concept": "kpm.pendidikan_minimal",
     "text": "pendidikan minimal Sekolah Menengah Pertama/sederajat",
     "citation": {"pasal": 21, "huruf": "d"}, "value": "smp"},
]

# Pasal 25 ayat (5) huruf a-d: the four subjects of the KPM's basic training.
# Same ids as Sijunjung (Pasal 31 ayat (4)), whose list is word for word the same.
MATERI_PELATIHAN_DASAR = [
    "kebijakan_konvergensi",   # a. kebijakan KPS di Desa
    "scorecard",               # b. pemantauan dan pengisian Scorecards Konvergensi Desa
    "kebijakan_rds",           # c. kebijakan RDS
    "peran_tugas_kpm",         # d. peran, tugas, dan cara kerja KPM
]

# Pasal 29 ayat (2) and Pasal 30 ayat (4) huruf a-d: the scope of the focus-group
# discussion at the RDS and in the MAD (same ids as Sorong and Sijunjung).
MATERI_DISKUSI_KELOMPOK = [
    "analisis_pemetaan_sosial",       # a. analisis sederhana terhadap hasil pemetaan sosial
    "daftar_masalah_prioritas",       # b. daftar masalah yang diprioritaskan untuk diselesaikan
    "peluang_potensi_sumber_daya",    # c. peluang dan potensi sumber daya untuk pemecahan masalah
    "alternatif_kegiatan_prioritas",  # d. alternatif kegiatan prioritas
]

# Pasal 45 ayat (1) huruf a-d: what every rembuk pengawasan discusses. Ids as in
# Tual (Pasal 40 ayat (4)); OKU Selatan's huruf a spells out the "efektivitas
# pengukuran" heading of the Bappenas guide (routine 3-monthly measurement at
# the Posyandu, validated by the Bidan Desa).
MATERI_REMBUK_PENGAWASAN = [
    "efektivitas_pengukuran",   # a. pemantauan pengukuran pertumbuhan dan perkembangan di Posyandu
    "pelaksanaan_pengukuran",   # b. pelaksanaan pengukuran sesuai pedoman tata laksana
    "pengelolaan_data",         # c. pengelolaan data dan penyampaian informasi secara berjenjang
    "pemanfaatan_data",         # d. pemanfaatan data hasil pengukuran untuk analisa kemajuan
]

# Pasal 14 huruf a-c: what the rembuk kelembagaan (group dynamics among local
# institutions) discusses (pengorganisasian.rembuk_kelembagaan.materi).
MATERI_REMBUK_KELEMBAGAAN = [
    "tinjauan_pemetaan",       # a. peninjauan kembali atas hasil pemetaan layanan dan pelaku konvergensi
    "pembentukan_rds",         # b. pembentukan RDS
    "mekanisme_agenda_rds",    # c. mekanisme pembentukan, ketentuan, dan agenda kerja RDS
]

# Pasal 38 ayat (4) huruf a-b: what the KPM's recap of the monthly monitoring,
# prepared before each evaluation meeting, covers (pemantauan.rekapitulasi[].isi).
# Same codes as Tual (Pasal 36 ayat (3) huruf a-b), whose list is word for word the same.
ISI_REKAPITULASI = [
    "capaian_indikator_layanan",     # a. tingkat capaian indikator layanan pencegahan stunting di Desa
    "tingkat_konvergensi_layanan",   # b. tingkat konvergensi layanan pencegahan stunting di Desa
]

# Pasal 9 ayat (1): who runs the package activities (apb.kegiatan_stunting[].pelaksana).
PELAKSANA_SWAKELOLA = ["penyedia_layanan"]          # swakelola oleh penyedia layanan kesehatan dan pendidikan
PELAKSANA_SARANA_PRASARANA = ["kasi", "kaur", "tpk"]  # Kepala Seksi, Kepala Urusan, Tim Pelaksana Kegiatan

# Pasal 1 angka 5: Pemerintah Desa is the Kepala Desa assisted by the perangkat.
PIHAK_PEMERINTAH_DESA = ["pemerintah", "kepala", "perangkat"]
# Pasal 31 ayat (2) and (4): "masyarakat desa" / "perwakilan ... masyarakat desa".
PIHAK_MASYARAKAT = ["masyarakat", "tokoh_masyarakat"]
# Pasal 38 ayat (2): who attends the evaluation meeting besides the Kepala Desa.
PESERTA_RAPAT_EVALUASI = ["badan_permusyawaratan", "kader", "tokoh_masyarakat", "kelembagaan_masyarakat"]

BULAN = list(range(1, 13))
TRIWULAN = [1, 2, 3, 4]


@hookimpl
def aturan_register_terminology(register):
    register(plugin=NAME, unit="desa", terms=dict(TERMS))


@hookimpl
def aturan_register_service_packages(register):
    for pid, name, huruf in PAKET:
        register(plugin=NAME, id=pid, name=name, aligned=pid,
                 citation={"pasal": 8, "ayat": 1, "huruf": huruf}, activities=[])


@hookimpl
def aturan_register_kpm_criteria(register):
    for c in KPM_KRITERIA:
        register(plugin=NAME, id=c["id"], concept=c["concept"], text=c["text"],
                 citation=dict(c["citation"]), value=c["value"])


@hookimpl
def aturan_register_dsl(register):
    def const(name, value, doc):
        register.constant(plugin=NAME, name=name, value=list(value), doc=doc)

    const("MATERI_PELATIHAN_DASAR", MATERI_PELATIHAN_DASAR,
          "Pokok bahasan pelatihan dasar KPM (Pasal 25 ayat (5) huruf a-d): "
          + ", ".join(MATERI_PELATIHAN_DASAR))
    const("MATERI_DISKUSI_KELOMPOK", MATERI_DISKUSI_KELOMPOK,
          "Cakupan materi diskusi kelompok terarah di RDS dan di MAD (Pasal 29 ayat (2), "
          "Pasal 30 ayat (4) huruf a-d): " + ", ".join(MATERI_DISKUSI_KELOMPOK))
    const("MATERI_REMBUK_PENGAWASAN", MATERI_REMBUK_PENGAWASAN,
          "Pembahasan rembuk pengawasan (Pasal 45 ayat (1) huruf a-d): "
          + ", ".join(MATERI_REMBUK_PENGAWASAN))
    const("MATERI_REMBUK_KELEMBAGAAN", MATERI_REMBUK_KELEMBAGAAN,
          "Pokok bahasan rembuk kelembagaan (Pasal 14 huruf a-c): " + ", ".join(MATERI_REMBUK_KELEMBAGAAN))
    const("ISI_REKAPITULASI", ISI_REKAPITULASI,
          "Isi rekapitulasi hasil monitoring bulanan yang disiapkan KPM sebelum rapat evaluasi "
          "(Pasal 38 ayat (4) huruf a-b): " + ", ".join(ISI_REKAPITULASI))
    const("PELAKSANA_SWAKELOLA", PELAKSANA_SWAKELOLA,
          "Nilai apb.kegiatan_stunting[].pelaksana untuk swakelola oleh penyedia layanan "
          "kesehatan dan pendidikan di Desa (Pasal 9 ayat (1))")
    const("PELAKSANA_SARANA_PRASARANA", PELAKSANA_SARANA_PRASARANA,
          "Pengelola pembangunan sarana dan prasarana kesehatan dan pendidikan: Kepala Seksi (kasi), "
          "Kepala Urusan (kaur), Tim Pelaksana Kegiatan (tpk) (Pasal 9 ayat (1))")
    const("PIHAK_PEMERINTAH_DESA", PIHAK_PEMERINTAH_DESA,
          "Peran dosir yang mewakili Pemerintah Desa: pemerintah, kepala, perangkat (Pasal 1 angka 5)")
    const("PIHAK_MASYARAKAT", PIHAK_MASYARAKAT,
          "Peran dosir yang mewakili masyarakat desa: masyarakat, tokoh_masyarakat (Pasal 31)")
    const("PESERTA_RAPAT_EVALUASI", PESERTA_RAPAT_EVALUASI,
          "Peserta rapat evaluasi selain Kepala Desa (Pasal 38 ayat (2)): BPD, kader Desa, "
          "tokoh masyarakat, perwakilan kelembagaan masyarakat desa")
    const("BULAN", BULAN, "Bulan 1-12")
    const("TRIWULAN", TRIWULAN, "Triwulan 1-4")
