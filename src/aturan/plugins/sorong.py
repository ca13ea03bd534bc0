"""Perbup Sorong No. 44/2020: Kampung words, five service packages with their menus, KPM criteria."""
from aturan import hookimpl
from aturan.dsl import MissingFact

NAME = "sorong"

# Pasal 4 ayat (2): the five packages; ayat (3)-(7): the activity menu of each.
# Ids are the shared package ids of concepts.yaml, so dossiers and comparisons line up.
PAKET = [
    {
        "id": "kesehatan_ibu_anak",
        "name": "Pelayanan kesehatan ibu dan anak",
        "aligned": "kesehatan_ibu_anak",
        "citation": {"pasal": 4, "ayat": 2, "huruf": "a"},
        "menu": {"pasal": 4, "ayat": 3},
        "activities": [
            "penyelenggaraan pos kesehatan Kampung/polinkamp milik Kampung (obat-obatan, tambahan "
            "insentif bidan/perawat Kampung, pelayanan KB dan alat kontrasepsi bagi keluarga miskin)",
            "penyelenggaraan posyandu (makanan tambahan, kelas ibu hamil)",
            "penyuluhan dan pelatihan bidang kesehatan untuk masyarakat, bidan Kampung, perawat "
            "Kampung, kader kesehatan",
            "penyelenggaraan siaga kesehatan",
            "pembinaan palang merah remaja tingkat Kampung",
            "pengasuhan bersama dan bina keluarga balita",
            "pembinaan dan pengawasan upaya kesehatan tradisional",
            "pemeliharaan sarana/prasarana posyandu/polinkamp",
            "pembangunan/rehabilitasi/peningkatan/pengadaan sarana/prasarana posyandu/polinkamp",
        ],
    },
    {
        "id": "konseling_gizi",
        "name": "Konseling gizi terpadu",
        "aligned": "konseling_gizi",
        "citation": {"pasal": 4, "ayat": 2, "huruf": "b"},
        "menu": {"pasal": 4, "ayat": 4},
        "activities": [
            "transportasi petugas gizi",
            "transportasi kader",
            "pelatihan kader",
            "transportasi kegiatan",
            "transportasi kegiatan kunjungan ke rumah",
            "pengadaan alat dan perlengkapan seperti alat peraga konseling",
            "penyediaan pemberian makanan tambahan, penyuluhan bahan lokal",
            "penyediaan pemberian makanan tambahan pemulihan berbahan pangan lokal",
            "pengadaan kebun gizi",
            "kampanye dan penyuluhan sesuai dengan isi piringku",
            "kampanye dan penyuluhan kesehatan",
        ],
    },
    {
        # The text says "sanitasi dan air bersih jamban" (ayat 2 huruf c) and
        # "sanitasi dan air bersih" (ayat 5): the same package.
        "id": "air_bersih_sanitasi",
        "name": "Sanitasi dan air bersih (jamban)",
        "aligned": "air_bersih_sanitasi",
        "citation": {"pasal": 4, "ayat": 2, "huruf": "c"},
        "menu": {"pasal": 4, "ayat": 5},
        "activities": [
            "pemeliharaan sumur resapan milik Kampung",
            "pemeliharaan sumber air bersih milik Kampung (mata air/tandon penampungan air hujan/sumur bor)",
            "pemeliharaan sambungan air bersih milik Kampung ke rumah tangga (pipanisasi)",
            "pemeliharaan sanitasi permukiman (gorong-gorong, selokan, parit)",
            "pemeliharaan fasilitas jamban umum",
            "pemeliharaan fasilitas pengelolaan sampah Kampung/permukiman (penampungan, bank sampah)",
            "pemeliharaan sistem pembuangan air limbah (drainase, air limbah rumah tangga)",
            "pembangunan/rehabilitasi/peningkatan sumur resapan",
            "pembangunan/rehabilitasi/peningkatan sumber air milik Kampung (mata air/tandon "
            "penampungan air hujan/sumur bor)",
            "pembangunan/rehabilitasi/peningkatan sambungan air bersih ke rumah tangga (pipanisasi)",
            "pembangunan/rehabilitasi/peningkatan sanitasi permukiman (gorong-gorong, selokan, parit)",
            "pembangunan/rehabilitasi/peningkatan fasilitas jamban umum",
            "pembangunan/rehabilitasi/peningkatan fasilitas pengelolaan sampah Kampung/permukiman "
            "(penampungan, bank sampah)",
            "pembangunan/rehabilitasi/peningkatan sistem pembuangan air limbah (drainase, air limbah "
            "rumah tangga)",
        ],
    },
    {
        "id": "perlindungan_sosial",
        "name": "Perlindungan sosial",
        "aligned": "perlindungan_sosial",
        "citation": {"pasal": 4, "ayat": 2, "huruf": "d"},
        "menu": {"pasal": 4, "ayat": 6},
        "activities": [
            "peningkatan kapasitas perangkat Kampung",
            "pelatihan/penyuluhan pemberdayaan perempuan",
            "pelatihan/penyuluhan perlindungan anak",
        ],
    },
    {
        "id": "paud",
        "name": "Pendidikan anak usia dini",
        "aligned": "paud",
        "citation": {"pasal": 4, "ayat": 2, "huruf": "e"},
        "menu": {"pasal": 4, "ayat": 7},
        "activities": [
            "penyelenggaraan PAUD/TK/TPA/TPQ/Madrasah Non-Formal milik Kampung berupa bantuan honor "
            "pengajar, pakaian seragam, operasional",
            "dukungan penyelenggaraan PAUD berupa APE sarana PAUD",
            "penyuluhan dan pelatihan pendidikan bagi masyarakat",
            "pemeliharaan sarana dan prasarana PAUD/TK/TPA/TKA/TPQ/Madrasah Non-Formal milik Kampung",
            "pembangunan/rehabilitasi/peningkatan/pengadaan sarana dan prasarana serta alat peraga "
            "edukatif (APE) PAUD/TK/TPA/TKA/TPQ/Madrasah Non-Formal milik Kampung",
        ],
    },
]

# Pasal 29 (criteria) and Pasal 33 huruf b (number of KPM).
KPM_KRITERIA = [
    {"id": "warga_setempat", "concept": "kpm.warga_setempat",
     "text": "berasal dari warga masyarakat Kampung setempat",
     "citation": {"pasal": 29, "huruf": "a"}, "value": True},
    {"id": "pengalaman_kader", "concept": "kpm.pengalaman_kader",
     "text": "berpengalaman sebagai kader masyarakat, diutamakan bidang pembangunan manusia, "
             "seperti Kader Posyandu, dan kader kesehatan lainnya",
     "citation": {"pasal": 29, "huruf": "b"}, "value": True},
    {"id": "lama_pengalaman", "concept": "kpm.lama_pengalaman",
     "text": "berpengalaman sebagai kader masyarakat ... minimal selama 2 (dua) Tahun", "citation": {"pasal": 29, "huruf": "b"}, "value": 2},
    {"id": "komunikasi", "concept": "kpm.komunikasi",
     "text": "memiliki kemampuan komunikasi yang baik", "citation": {"pasal": 29, "huruf": "c"},
     "value": True},
    {"id": "bahasa_daerah", "concept": "kpm.bahasa_daerah",
     "text": "khususnya dapat berbahasa daerah setempat", "citation": {"pasal": 29, "huruf": "c"},
     "value": True},
    {"id": "pendidikan", "concept": "kpm.pendidikan_minimal",
     "text": "pendidikan minimal Sekolah Lanjutan Tingkat Atas",
     "citation": {"pasal": 29, "huruf": "d"}, "value": "sma"},
    {"id": "microsoft_office", "concept": "kpm.keterampilan_komputer",
     "text": "bisa mengoperasikan Microsoft Office", "citation": {"pasal": 29, "huruf": "e"},
     "value": True},
    {"id": "per_dusun", "concept": "kpm.per_wilayah",
     "text": "Jumlah KPM minimal 1 (satu) perdesun dengan mempertimbangkan kemampuan keuangan kampung",
     "citation": {"pasal": 33, "huruf": "b"}, "value": 1},
]

# Pasal 10 ayat (2) and Pasal 11 ayat (3): the four items every focus group discusses.
MATERI_DISKUSI = [
    "analisis_pemetaan_sosial",       # analisis sederhana terhadap hasil pemetaan sosial
    "daftar_masalah_prioritas",       # menyusun daftar masalah yang diprioritaskan
    "peluang_potensi_sumber_daya",    # merumuskan peluang dan potensi sumber daya
    "alternatif_kegiatan_prioritas",  # merumuskan alternatif kegiatan prioritas
]

# Pasal 1 angka 7: Pemerintah Kampung is the Kepala Kampung assisted by the perangkat.
PIHAK_PEMERINTAH_KAMPUNG = ["pemerintah", "kepala", "perangkat"]
# Pasal 12 ayat (2) and (3) huruf b: "masyarakat Kampung", present in person or through its tokoh.
PIHAK_MASYARAKAT = ["masyarakat", "tokoh_masyarakat"]



def lama_kader_cukup(tahun: list, minimal: float) -> bool:
    """Pasal 29 huruf b "berpengalaman sebagai kader masyarakat ... minimal selama 2 (dua) Tahun".

    `tahun` holds the years of each kind of cadre experience of one KPM. The text counts experience
    as a community cadre, not per kind, but the dossier does not date the kinds, so they may overlap:
    one kind of at least `minimal` years meets it; kinds that together stay below `minimal` cannot;
    kinds that reach it only when added up are undecidable (the years as a cadre in all are not recorded).
    """
    if any(t >= minimal for t in tahun):
        return True
    if sum(tahun) < minimal:
        return False
    parts = " + ".join(f"{t:g}" for t in tahun)
    raise MissingFact("kpm.pengalaman_kader",
                      f"pengalaman beberapa jenis kader ({parts} tahun) tanpa tanggal dapat bersamaan: "
                      f"lama seluruhnya sebagai kader tidak tercatat")


@hookimpl
def aturan_register_terminology(register):
    # Pasal 33 huruf b places at least one KPM in every dusun ("perdesun"): the
    # sub-village unit is the dusun. Pasal 9 ayat (2) puts social mapping "di
    # tingkat Distrik" (the kecamatan level); the pack records that as an ambiguity.
    register(plugin=NAME, unit="kampung", terms={
        "unit": "Kampung",
        "unit_kecil": "kampung",
        "kepala": "Kepala Kampung",
        "pemerintah": "Pemerintah Kampung",
        "badan_permusyawaratan": "BAMUSKAM",
        "rumah_sehat": "Rumah Kampung Sehat (RKS)",
        "anggaran": "APBKamp",
        "dana": "Dana Kampung",
        "wilayah": "dusun",
        "musyawarah": "musyawarah Kampung",
        "forum_antar": "Musyawarah Antar Kampung (MAK)",
        "badan_kerja_sama": "Badan Kerjasama Antar Kampung (BKAK)",
        "rkp": "RKP Kampung",
        "kecamatan": "distrik",
    })


@hookimpl
def aturan_register_service_packages(register):
    for p in PAKET:
        register(plugin=NAME, id=p["id"], name=p["name"], aligned=p["aligned"],
                 citation=p["citation"], activities=list(p["activities"]))


@hookimpl
def aturan_register_kpm_criteria(register):
    for c in KPM_KRITERIA:
        register(plugin=NAME, id=c["id"], concept=c["concept"], text=c["text"],
                 citation=c["citation"], value=c["value"])


@hookimpl
def aturan_register_dsl(register):
    register.constant(
        plugin=NAME, name="MATERI_DISKUSI_KELOMPOK", value=list(MATERI_DISKUSI),
        doc="Materi diskusi kelompok terarah di Kampung dan antar Kampung (Pasal 10 ayat (2), "
            "Pasal 11 ayat (3)): analisis_pemetaan_sosial, daftar_masalah_prioritas, "
            "peluang_potensi_sumber_daya, alternatif_kegiatan_prioritas.")
    register.constant(
        plugin=NAME, name="PIHAK_PEMERINTAH_KAMPUNG", value=list(PIHAK_PEMERINTAH_KAMPUNG),
        doc="Peran dosir yang mewakili Pemerintah Kampung: pemerintah, kepala, perangkat (Pasal 1 angka 7).")
    register.constant(
        plugin=NAME, name="PIHAK_MASYARAKAT", value=list(PIHAK_MASYARAKAT),
        doc="Peran dosir yang mewakili masyarakat Kampung: masyarakat, tokoh_masyarakat (Pasal 12 ayat (2) "
            "dan ayat (3) huruf b).")
    register.function(
        plugin=NAME, name="lama_kader_cukup", func=lama_kader_cukup, args=["list[number]", "number"],
        returns="bool",
        doc="lama_kader_cukup(tahun pengalaman tiap jenis kader, minimal): true bila satu jenis sudah mencapai "
            "minimal, false bila jumlah semuanya kurang dari minimal, tidak dapat dinilai bila minimal hanya "
            "tercapai dengan menjumlahkan masa yang mungkin bersamaan (Pasal 29 huruf b).")
