"""`aturan teks export`: the tree as JSON, Akoma Ntoso XML with eIds, the pack header as a JDIHN record;
`aturan teks show` of one unit."""
import json
import xml.etree.ElementTree as ET
from collections import Counter

from teks_support import run

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def test_show_one_unit(capsys):
    code, out, _ = run(capsys, "teks", "show", "oku_selatan", "Pasal", "21", "huruf", "d")
    assert code == 0
    head, body = out.splitlines()[:2]
    assert head.startswith("Pasal 21 huruf d — ") and head.endswith("rules/oku_selatan/teks/naskah.txt:229:3")
    assert body == "d. pendidikan minimal Sekolah Menengah Pertama/sederajat."
    code, out, _ = run(capsys, "teks", "show", "sijunjung", "Lampiran", "III", "huruf", "d", "angka", "3")
    assert "ditandatangani oleh perwakilan RDS, masyarakat nagari dan pemerintah nagari" in out
    code, out, _ = run(capsys, "teks", "show", "tual", "pasal-31/ayat-2")
    assert "(2) KPM sebagaimana dimaksud pada ayat (1), minimal berjumlah satu orang." in out


def test_show_of_a_unit_the_text_lacks_is_unusable_input(capsys):
    code, _, err = run(capsys, "teks", "show", "sorong", "Pasal", "35")
    assert code == 2 and "Pasal 35 tidak ada dalam teks" in err


def test_json_tree(capsys):
    code, out, _ = run(capsys, "teks", "export", "tual", "--format", "json")
    assert code == 0
    d = json.loads(out)
    assert d["regulation"]["jenis"] == "Peraturan Walikota" and d["regulation"]["nomor"] == "32"
    assert d["pasal"] == [str(i) for i in range(1, 48)]

    def find(units, uid):
        for u in units:
            if u["id"] == uid:
                return u
            got = find(u.get("children", []), uid)
            if got:
                return got
    u = find(d["units"], "pasal-31/ayat-1/huruf-c")
    assert u["kind"] == "huruf" and u["marker"] == "c." and u["citation"] == "Pasal 31 ayat (1) huruf c"
    assert u["text"].startswith("Berpendidikan minimal Sekolah Menengah Atas") and u["line"] > 0


def test_akoma_ntoso(tmp_path, capsys):
    out = tmp_path / "oku.xml"
    code, _, _ = run(capsys, "teks", "export", "oku_selatan", "--format", "akn", "-o", out)
    assert code == 0
    root = ET.parse(out).getroot()
    assert root.tag == f"{AKN}akomaNtoso"
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert [k for k, v in Counter(eids).items() if v > 1] == []
    point = next(e for e in root.iter(f"{AKN}point") if e.get("eId") == "art_21__point_d")
    assert "".join(point.itertext()).strip().startswith("d.")
    assert "Sekolah Menengah Pertama" in "".join(point.itertext())
    para = next(e for e in root.iter(f"{AKN}paragraph") if e.get("eId") == "art_31__para_1")
    assert para.find(f"{AKN}num").text == "(1)"
    assert len(list(root.iter(f"{AKN}article"))) == 49
    assert root.find(f".//{AKN}FRBRnumber").get("value") == "7"
    assert root.find(f".//{AKN}FRBRWork/{AKN}FRBRdate").get("date") == "2023-01-27"
    recitals = list(root.iter(f"{AKN}recital"))
    assert [r.get("eId") for r in recitals] == ["recs__rec_a", "recs__rec_b", "recs__rec_c"]
    # refused to overwrite without --force
    code, _, err = run(capsys, "teks", "export", "oku_selatan", "--format", "akn", "-o", out)
    assert code == 2 and "--force" in err


def test_akoma_ntoso_keeps_a_repeated_letter_apart(capsys):
    code, out, _ = run(capsys, "teks", "export", "sorong", "--format", "akn")
    root = ET.fromstring(out)
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert "art_4__para_5__point_f" in eids and "art_4__para_5__point_f_2" in eids
    assert len(eids) == len(set(eids))
    assert len(list(root.iter(f"{AKN}attachment"))) == 3


def test_jdihn_record(capsys):
    code, out, _ = run(capsys, "teks", "export", "oku_selatan", "--format", "jdihn")
    assert code == 0
    [rec] = json.loads(out)
    assert rec["jenis"] == "Peraturan Bupati" and rec["singkatanJenis"] == "Perbup"
    assert rec["noPeraturan"] == "7" and rec["tahun_pengundangan"] == "2023"
    assert rec["tanggal_penetapan"] == "2023-01-27" and rec["tanggal_pengundangan"] == "2023-01-27"
    assert rec["judul"] == ("Peraturan Bupati Ogan Komering Ulu Selatan Nomor 7 Tahun 2023 tentang Kewenangan Desa "
                            "dalam Penurunan Stunting di Tingkat Desa")
    assert rec["tempatTerbit"] == "Muaradua"              # "Ditetapkan di Muaradua"
    assert rec["sumber"] == "Berita Daerah Kabupaten Ogan Komering Ulu Selatan Tahun 2023 Nomor 7"
    assert rec["teuBadan"] == "Ogan Komering Ulu Selatan, Kabupaten"
    assert rec["status"] == "Berlaku" and rec["bahasa"] == "Indonesia"
    assert {"idData", "subjek", "bidangHukum", "urlDownload", "fileDownload", "operasi", "display"} <= set(rec)


def test_jdihn_of_a_pack_without_text(capsys):
    code, out, _ = run(capsys, "teks", "export", "panduan_bappenas_2019", "--format", "jdihn")
    assert code == 0
    [rec] = json.loads(out)
    assert rec["status"] == "Tidak mengikat (panduan)" and rec["sumber"] == "-"
    code, _, err = run(capsys, "teks", "export", "panduan_bappenas_2019", "--format", "json")
    assert code == 2 and "tidak membawa teks peraturan" in err
