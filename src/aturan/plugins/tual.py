"""Perwali Tual No. 32/2022: Kelurahan and Ohoi words, six service packages, KPM criteria."""
from aturan import hookimpl

NAME = "tual"

# Pasal 16 ayat (1): the six packages, in the order of the text. The ids are the
# shared ids of src/aturan/data/concepts.yaml (`packages:`), so the plugin id and
# the aligned id coincide. The Perwali does not assign the activities of
# Pasal 11-14 to packages, so no activity menu is registered.
PAKET = [
    ("kesehatan_ibu_anak", "Kesehatan Ibu dan Anak (KIA)", "a"),
    ("konseling_gizi", "Konseling gizi terpadu", "b"),
    ("pencegahan_penyakit_imunisasi", "Pencegahan penyakit menular dan imunisasi", "c"),
    ("air_bersih_sanitasi", "Air bersih dan sanitasi", "d"),
    ("perlindungan_sosial", "Perlindungan sosial", "e"),
    ("paud", "Layanan PAUD", "f"),
]

# Pasal 22 huruf a-d: the scope of the focus-group discussion in the kelurahan/ohoi
# (same ids as OKU Selatan, Sorong and Sijunjung, whose lists say the same).
MATERI_DISKUSI_KELOMPOK = [
    "analisis_pemetaan_sosial",       # a. Analisis sederhana terhadap hasil pemetaan sosial
    "daftar_masalah_prioritas",       # b. Menyusun daftar masalah yang diprioritaskan untuk diselesaikan
    "peluang_potensi_sumber_daya",    # c. Merumuskan peluang dan potensi sumber daya untuk pemecahan masalah
    "alternatif_kegiatan_prioritas",  # d. Merumuskan alternatif kegiatan prioritas
]

# Pasal 40 ayat (4) huruf a-e: what every rembuk pengawasan discusses. Dossiers
# record the topics of a meeting (`materi`) with these ids.
MATERI_REMBUK_PENGAWASAN = [
    "efektivitas_pengukuran",   # a. Efektivitas pengukuran
    "pelaksanaan_pengukuran",   # b. Pelaksanaan pengukuran
    "pengelolaan_data",         # c. Pengelolaan data
    "pemanfaatan_data",         # d. Pemanfaatan data hasil pengukuran
    "diseminasi_publikasi",     # e. Diseminasi dan publikasi hasil pengukuran
]

# Pasal 37 ayat (4): what the December musyawarah must present.
MATERI_MUSYAWARAH_DESEMBER = [
    "capaian_paket_layanan",     # capaian hasil pemantauan terhadap 6 (enam) paket layanan
    "korelasi_angka_stunting",   # serta korelasinya terhadap perkembangan angka stunting
]

# Pasal 36 ayat (3) huruf a-b: what the KPM's recap before the 3-monthly meeting covers.
ISI_REKAPITULASI = [
    "capaian_indikator_layanan",     # a. Tingkat capaian indikator layanan pencegahan stunting
    "tingkat_konvergensi_layanan",   # b. Tingkat konvergensi layanan pencegahan stunting
]

# Dossier roles (schema `pihak`) standing for the parties the Perwali names.
# "Pemerintah Kelurahan/Ohoi": the Lurah/Kepala Ohoi and the kelurahan/ohoi staff (Pasal 1 angka 11, 13).
PIHAK_PEMERINTAH = ["pemerintah", "kepala", "perangkat"]
# "masyarakat" (Pasal 1 angka 19 "forum musyawarah masyarakat"; Pasal 23 ayat (1)): the community,
# directly or through its tokoh masyarakat (as OKU Selatan reads the same word).
PIHAK_MASYARAKAT = ["masyarakat", "tokoh_masyarakat"]
# "Pemerintah Daerah adalah Walikota dan Perangkat Daerah Kota Tual" (Pasal 1 angka 2); the Kecamatan
# is a perangkat daerah of the Kota.
PIHAK_PEMERINTAH_DAERAH = ["opd", "camat"]
# Pasal 20 ayat (1): "Pemerintahan Kecamatan dan SKPD terkait" (the Puskesmas is a unit of the
# Dinas Kesehatan).
PIHAK_KOORDINASI_PERENCANAAN = ["camat", "opd", "puskesmas"]
# Pasal 41 ayat (2) huruf a "Pelaksana pengukuran stunting": the KPM measures with the growth mat
# (Pasal 31 ayat (4) huruf a), posyandu cadres, the bidan and the Puskesmas.
PELAKSANA_PENGUKURAN = ["kpm", "kader", "bidan", "puskesmas"]


@hookimpl
def aturan_register_terminology(register):
    # Pasal 1 angka 14 names one body for both units, "Badan Permusyawaratan
    # Kelurahan/Ohoi", abbreviated BPK throughout the body of the Perwali
    # (Pasal 2 ayat (2) huruf e, 23, 36, 37); the RKS (Pasal 1 angka 34) and
    # "APBD" (Pasal 1 angka 17, 43, 44) likewise serve Kelurahan and Ohoi alike.
    # There is no inter-village forum among the planning stages (Pasal 20 ayat (4)).
    register(plugin=NAME, unit="kelurahan", terms={
        "unit": "Kelurahan", "unit_kecil": "kelurahan",
        "kepala": "Lurah", "pemerintah": "Pemerintah Kelurahan",
        "badan_permusyawaratan": "Badan Permusyawaratan Kelurahan (BPK)",
        "rumah_sehat": "Rumah Kelurahan Sehat (RKS)",
        "anggaran": "APBD Kota", "dana": "Dana Kelurahan", "wilayah": "RT/RW",
        "musyawarah": "musyawarah kelurahan", "forum_antar": "—",
        "badan_kerja_sama": "—", "rkp": "RKP Kelurahan",
        "kecamatan": "kecamatan",
    })
    register(plugin=NAME, unit="ohoi", terms={
        "unit": "Ohoi", "unit_kecil": "ohoi",
        "kepala": "Kepala Ohoi", "pemerintah": "Pemerintah Ohoi",
        "badan_permusyawaratan": "Badan Permusyawaratan Ohoi (BPK)",
        "rumah_sehat": "Rumah Kelurahan Sehat (RKS)",
        "anggaran": "APBD Kota", "dana": "Dana Ohoi", "wilayah": "RT/RW",
        "musyawarah": "musyawarah ohoi", "forum_antar": "—",
        "badan_kerja_sama": "—", "rkp": "RKP Ohoi",
        "kecamatan": "kecamatan",
    })


@hookimpl
def aturan_register_service_packages(register):
    for pid, name, huruf in PAKET:
        register(plugin=NAME, id=pid, name=name, aligned=pid,
                 citation={"pasal": 16, "ayat": 1, "huruf": huruf}, activities=[])


@hookimpl
def aturan_register_kpm_criteria(register):
    register(plugin=NAME, id="warga_setempat", concept="kpm.warga_setempat",
             text="Warga kelurahan setempat",
             citation={"pasal": 31, "ayat": 1, "huruf": "a"}, value=True)
    register(plugin=NAME, id="pengalaman_kader", concept="kpm.pengalaman_kader",
             text="Berpengalaman sebagai Kader Posyandu atau Kader Kesehatan lainnya",
             citation={"pasal": 31, "ayat": 1, "huruf": "b"}, value=["posyandu", "kesehatan"])
    # Pasal 31 ayat (1) huruf c has two alternatives: SMA, or a health-education background at any
    # level. `value` holds the level only (a criterion value is one level of the ladder); the text
    # carries the alternative, and the rule tual.kpm.pendidikan_minimal has it as a param.
    register(plugin=NAME, id="pendidikan", concept="kpm.pendidikan_minimal",
             text="Berpendidikan minimal Sekolah Menengah Atas atau memiliki latar belakang pendidikan kesehatan",
             citation={"pasal": 31, "ayat": 1, "huruf": "c"}, value="sma")
    register(plugin=NAME, id="keterampilan_komputer", concept="kpm.keterampilan_komputer",
             text="Bisa mengoperasikan komputer",
             citation={"pasal": 31, "ayat": 1, "huruf": "d"}, value=True)
    register(plugin=NAME, id="jumlah_minimal", concept="kpm.jumlah_minimal",
             text="KPM minimal berjumlah satu orang",
             citation={"pasal": 31, "ayat": 2}, value=1)


@hookimpl
def aturan_register_dsl(register):
    register.constant(plugin=NAME, name="MATERI_DISKUSI_KELOMPOK", value=list(MATERI_DISKUSI_KELOMPOK),
                      doc="Cakupan diskusi kelompok terarah, Pasal 22 huruf a-d Perwali Tual 32/2022")
    register.constant(plugin=NAME, name="MATERI_REMBUK_PENGAWASAN", value=list(MATERI_REMBUK_PENGAWASAN),
                      doc="Materi pembahasan rembuk pengawasan, Pasal 40 ayat (4) huruf a-e Perwali Tual 32/2022")
    register.constant(plugin=NAME, name="MATERI_MUSYAWARAH_DESEMBER", value=list(MATERI_MUSYAWARAH_DESEMBER),
                      doc="Yang disampaikan dalam musyawarah bulan Desember, Pasal 37 ayat (4) Perwali Tual 32/2022")
    register.constant(plugin=NAME, name="ISI_REKAPITULASI", value=list(ISI_REKAPITULASI),
                      doc="Isi rekapitulasi KPM sebelum rapat 3 bulanan, Pasal 36 ayat (3) huruf a-b Perwali Tual 32/2022")
    for name, value, doc in (
            ("PIHAK_PEMERINTAH", PIHAK_PEMERINTAH, "Peran dosir untuk Pemerintah Kelurahan/Ohoi: pemerintah, kepala, perangkat"),
            ("PIHAK_MASYARAKAT", PIHAK_MASYARAKAT, "Peran dosir untuk masyarakat: masyarakat, tokoh_masyarakat"),
            ("PIHAK_PEMERINTAH_DAERAH", PIHAK_PEMERINTAH_DAERAH,
             "Peran dosir untuk Pemerintah Daerah (Pasal 1 angka 2): opd, camat"),
            ("PIHAK_KOORDINASI_PERENCANAAN", PIHAK_KOORDINASI_PERENCANAAN,
             "Peran dosir untuk Pemerintahan Kecamatan dan SKPD terkait (Pasal 20 ayat (1)): camat, opd, puskesmas"),
            ("PELAKSANA_PENGUKURAN", PELAKSANA_PENGUKURAN,
             "Peran dosir untuk pelaksana pengukuran stunting (Pasal 41 ayat (2) huruf a): kpm, kader, bidan, puskesmas")):
        register.constant(plugin=NAME, name=name, value=list(value), doc=doc)
