"""Safe YAML loading: positions, duplicate keys, forbidden tags."""
import os
from pathlib import Path

import pytest

from aturan.errors import YamlError
from aturan.yamlio import load_text

ROOT = Path(__file__).resolve().parents[1]


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


# ------------------------------------------------------------------ bounded resources
import os  # noqa: E402

import yaml  # noqa: E402

from aturan.yamlio import Limits, check_file, check_tree, load_file  # noqa: E402


def billion_laughs(levels: int = 9) -> str:
    """The classic: 10 lines, each list holding nine aliases of the one above (9**9 copies of "lol")."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_repeated_anchor():
    with pytest.raises(YamlError) as e:
        load_text(billion_laughs(), "bom.yaml")
    assert "alias YAML mengulang terlalu banyak" in e.value.message
    assert str(e.value.location) == "bom.yaml:9:5"       # the anchor &a8, repeated 9 times by a9


def test_a_few_aliases_are_still_read():
    doc = load_text("a: &k {nomor: 1, tanggal: 2024-01-02}\nb: *k\n")
    assert doc.data["b"] == {"nomor": 1, "tanggal": "2024-01-02"}


def test_an_alias_inside_its_own_anchor_is_refused():
    with pytest.raises(YamlError, match="rujukan melingkar"):
        load_text("a: &x [1, *x]\n")


@pytest.mark.parametrize("text,where", [
    # the root mapping is level 1 and `x` or `k0` level 2: the 64th '[' (column 3 + 64) is level 65
    ("x: " + "[" * 200 + "]" * 200 + "\n", "t.yaml:1:67"),
    # block: the mapping that starts at k{j} is level j + 1, so its key k63 (line 64, column 64) is level 65
    ("".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "v: 1\n", "t.yaml:64:64"),
])
def test_nesting_deeper_than_the_limit_is_a_located_error(text, where):
    with pytest.raises(YamlError) as e:
        load_text(text, "t.yaml")
    assert "struktur terlalu dalam: lebih dari 64 tingkat" in e.value.message
    assert str(e.value.location) == where


def test_the_tree_check_works_on_a_tree_from_the_c_loader():
    """check_tree is what a loader built on PyYAML's C parser reuses after yaml.compose()."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    text = billion_laughs()
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    with pytest.raises(YamlError, match="billion laughs"):
        check_tree(node, "bom.yaml", text.splitlines())
    deep = "x: " + "[" * 70 + "]" * 70
    with pytest.raises(YamlError, match="terlalu dalam"):
        check_tree(yaml.compose(deep, Loader=yaml.CSafeLoader), "d.yaml", [deep])
    check_tree(yaml.compose(deep, Loader=yaml.CSafeLoader), "d.yaml", [deep], Limits(max_depth=80))


def test_nan_infinity_and_endless_integers_are_refused_where_they_are_written():
    with pytest.raises(YamlError) as e:
        load_text("a: 1\nb: .nan\n", "n.yaml")
    assert str(e.value.location) == "n.yaml:2:4" and "NaN dan tak hingga tidak diizinkan" in e.value.message
    with pytest.raises(YamlError, match="bukan bilangan terhingga"):
        load_text("b: -.inf\n")
    with pytest.raises(YamlError, match="terlalu panjang untuk dibaca"):
        load_text("b: " + "9" * 5000 + "\n")


def test_only_regular_files_are_read(tmp_path):
    with pytest.raises(YamlError, match="ini folder, bukan berkas"):
        check_file(tmp_path)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipa.yaml")
        with pytest.raises(YamlError, match=r"pipa bernama \(FIFO\)"):   # and it returns: nothing opened it
            load_file(tmp_path / "pipa.yaml")
    if os.path.exists("/dev/zero"):
        with pytest.raises(YamlError, match=r"perangkat \(device\)"):
            load_file("/dev/zero")


def test_the_size_limit_names_both_sizes_and_how_to_raise_it(tmp_path):
    f = tmp_path / "besar.yaml"
    f.write_text("a: " + "x" * 3000 + "\n")            # 3,004 bytes
    with pytest.raises(YamlError) as e:
        load_file(f, Limits(max_bytes=2048))
    assert "berkas terlalu besar: 2,9 KB, batasnya 2 KB" in e.value.message   # 3004 / 1024 = 2.93
    assert "--max-size" in e.value.hint
    assert load_file(f, Limits(max_bytes=4096)).data["a"] == "x" * 3000


def test_a_tag_on_a_key_is_refused_like_one_on_a_value():
    # found by tests/test_fuzz_dossier.py: the key's tag went to PyYAML's constructor unchecked
    with pytest.raises(YamlError, match="tag YAML 'tag:yaml.org,2002:python/object:os.system' tidak diizinkan"):
        load_text("!!python/object:os.system kunci: nilai\n")


def test_reading_many_files_keeps_memory_flat(tmp_path):
    """The careful reader once kept every scalar of every file it had read (0.3 MB a dossier: 1.5 GB after
    4,660 dossiers). Reading the same example 60 times now costs no more memory after the 10th than before."""
    import gc
    import tracemalloc
    from aturan.yamlio import load_file
    example = ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml"
    tracemalloc.start()
    try:
        for _ in range(10):
            load_file(example)
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(50):
            load_file(example)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000, f"{grown:,} bytes more after 50 more files"   # was about 50 x 0.3 MB = 15 MB


@pytest.mark.parametrize("text,where,words", [
    # the place is where PyYAML's reader stops: the line after an unclosed bracket, 1-based here
    ("a: [1, 2\n", "x.yaml:2:1", "daftar [ ... ] tidak ditutup"),
    ("a: {b: 1\n", "x.yaml:2:1", "pemetaan { ... } tidak ditutup"),
    ("a:\n  b: 1\n c: 2\n", "x.yaml:3:2", "indentasi tidak sejajar"),
    ('a: "abc\n', "x.yaml:2:1", "tanda kutip atau kurung belum ditutup"),
    ('a: "x\\q"\n', "x.yaml:1:7", "karakter escape"),
    ("a: 1\n---\nb: 2\n", "x.yaml:2:1", "lebih dari satu dokumen YAML"),
    ("a: &x 1\nb: &x 2\n", "x.yaml:2:4", "anchor (&) yang sama dipakai dua kali"),
    ("a: @x\n", "x.yaml:1:4", "tidak boleh mengawali nilai"),
])
def test_yaml_syntax_errors_are_told_in_indonesian_at_their_place(text, where, words):
    with pytest.raises(YamlError) as e:
        load_text(text, "x.yaml")
    assert str(e.value.location) == where
    assert words in e.value.message
    assert "expected" not in e.value.message and "found" not in e.value.message   # no PyYAML English left


@pytest.mark.skipif(not os.path.isfile("/proc/self/status"), reason="needs Linux /proc")
def test_a_file_whose_size_stat_does_not_tell_is_read_whole_and_within_the_limit():
    # /proc files are regular files that stat() says are empty: read_text asks for the size stat() gives and
    # one byte more, and must then go on reading rather than stop at that byte
    from aturan.yamlio import read_text
    text = read_text("/proc/self/status")
    assert text.startswith("Name:") and "Pid:" in text
    with pytest.raises(YamlError) as e:   # a status is longer than 200 bytes
        read_text("/proc/self/status", Limits(max_bytes=200))
    assert "berkas terlalu besar" in e.value.message
