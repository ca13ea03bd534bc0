"""A test-only regency plugin: its own words, two packages, one DSL function."""
from aturan import hookimpl

NAME = "uji"


@hookimpl
def aturan_register_terminology(register):
    register(plugin=NAME, unit="desa", terms={
        "unit": "Desa", "unit_kecil": "desa", "kepala": "Kepala Desa Uji", "pemerintah": "Pemerintah Desa",
        "badan_permusyawaratan": "BPD", "rumah_sehat": "Rumah Sehat Uji", "anggaran": "APB Desa",
        "dana": "Dana Desa", "wilayah": "dusun", "musyawarah": "musyawarah Desa", "forum_antar": "MAD",
        "badan_kerja_sama": "BKAD", "rkp": "RKP Desa", "kecamatan": "kecamatan"})


@hookimpl
def aturan_register_service_packages(register):
    register(plugin=NAME, id="kia", name="Kesehatan ibu dan anak", aligned="kesehatan_ibu_anak", citation={"pasal": 1})
    register(plugin=NAME, id="paud", name="PAUD", aligned="paud", citation={"pasal": 1})


@hookimpl
def aturan_register_dsl(register):
    register.function(plugin=NAME, name="genap", func=lambda n: n % 2 == 0, args=["number"], returns="bool",
                      doc="true bila bilangan genap")
