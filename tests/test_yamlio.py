"""Safe YAML loading: positions, duplicate keys, forbidden tags."""
import pytest

from aturan.errors import YamlError
from aturan.yamlio import load_text


def test_duplicate_key_is_an_error_with_both_lines():
    with pytest.raises(YamlError) as e:
        load_text("identitas:\n  nama: A\n  tahun: 2024\n  nama: B\n", "d.yaml")
    err = e.value
    assert str(err.location) == "d.yaml:4:3"
    assert "kunci 'nama' ditulis dua kali (pertama pada baris 2)" in err.message


def test_python_tags_are_refused():
    with pytest.raises(YamlError, match="tidak diizinkan"):
        load_text("a: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")


def test_custom_tag_refused():
    with pytest.raises(YamlError, match="tag YAML '!foo'"):
        load_text("a: !foo bar\n")


def test_malformed_yaml_points_at_the_problem():
    with pytest.raises(YamlError) as e:
        load_text("rules:\n  - id: a\n    require: all(k in kpm: k.x)\n", "r.yaml")
    assert str(e.value.location) == "r.yaml:3:26"
    assert "tanda kutip" in e.value.hint


def test_dates_stay_text_until_the_schema_has_checked_them():
    doc = load_text("tanggal: 2024-02-30\nangka: 3\nya: yes\n")
    assert doc.data == {"tanggal": "2024-02-30", "angka": 3, "ya": True}


def test_positions_of_values_and_keys():
    doc = load_text("a:\n  b:\n    - x\n    - y\n")
    assert (doc.location(("a", "b", 1)).line, doc.location(("a", "b", 1)).col) == (3, 6)
    assert doc.key_location(("a", "b")).line == 1
