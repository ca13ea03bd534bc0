"""Checking many dossiers at once: folders of mixed regencies, JSON Lines on stdin, worker processes, the rekap."""
import errno
import io
import json
import multiprocessing
import os
import sys
from pathlib import Path

import pytest
import yaml

from aturan.cli import main

ROOT = Path(__file__).resolve().parents[1]


def example(pack: str, **identity) -> dict:
    """A pack's compliant example dossier with its identity changed (the facts stay compliant)."""
    data = yaml.safe_load((ROOT / "rules" / pack / "contoh" / "patuh.yaml").read_text(encoding="utf-8"))
    data["identitas"].update(identity)
    return json.loads(json.dumps(data, default=str))   # dates as ISO text, as a JSON file holds them


def write(path: Path, data, fmt: str = "yaml") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False) if fmt == "json" else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def mixed(tmp_path) -> Path:
    """Dossiers of three regencies in nested folders, three broken ones, and files that are not dossiers."""
    d = tmp_path / "dosir"
    write(d / "oku" / "a_sukamaju.yaml", example("oku_selatan", nama="Sukamaju", kecamatan="Buay Rawan"))
    write(d / "oku" / "b_sukajadi.json", example("oku_selatan", nama="Sukajadi", kecamatan="Kecamatan Buay Rawan"), "json")
    write(d / "sorong" / "aimas" / "c_klamalu.yaml", example("sorong", nama="Klamalu", kecamatan="Distrik Aimas"))
    write(d / "sorong" / "d_malasom.yml", example("sorong", nama="Malasom", kecamatan="Mayamuk"))
    write(d / "tual" / "e_masrum.json", example("tual", nama="Masrum"), "json")
    (d / "rusak").mkdir()
    (d / "rusak" / "f_sintaks.yaml").write_text("identitas:\n  nama: [Rusak\n", encoding="utf-8")
    bad = example("sorong", nama="Salah Tahun", kecamatan="Aimas")
    bad["identitas"]["tahun"] = "dua ribu"
    write(d / "rusak" / "g_skema.json", bad, "json")
    write(d / "rusak" / "h_kabupaten.yaml", example("tual", nama="Antah", kabupaten="Kabupaten Antah Berantah"))
    (d / "catatan.txt").write_text("bukan dosir", encoding="utf-8")
    (d / ".tersembunyi.yaml").write_text("bukan: dosir", encoding="utf-8")
    return d


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_a_folder_of_mixed_regencies_routes_each_dossier_and_lists_the_broken_ones(capsys, mixed, tmp_path):
    out = tmp_path / "hasil.jsonl"
    code, _, err = run(capsys, "check", str(mixed), "--format", "jsonl", "-o", str(out), "-j", "1")
    recs = lines(out)
    names = [Path(r["file"]).name for r in recs]
    # every dossier file below the folder, in path order; catatan.txt and the hidden file are not dossiers
    assert names == ["a_sukamaju.yaml", "b_sukajadi.json", "f_sintaks.yaml", "g_skema.json", "h_kabupaten.yaml",
                     "c_klamalu.yaml", "d_malasom.yml", "e_masrum.json"]
    rejected = {Path(r["file"]).name: r for r in recs if r["rejected"]}
    assert set(rejected) == {"f_sintaks.yaml", "g_skema.json", "h_kabupaten.yaml"}
    assert rejected["f_sintaks.yaml"]["line"] == 3           # the unclosed [ is found at the end of the file
    assert "identitas.tahun" in rejected["g_skema.json"]["error"] and rejected["g_skema.json"]["line"] == 1
    assert "Kabupaten Antah Berantah" in rejected["h_kabupaten.yaml"]["error"]
    assert rejected["g_skema.json"]["dossier"]["kabupaten"] == "Kabupaten Sorong"   # still counted in its regency
    packs = {Path(r["file"]).name: r["pack"]["id"] for r in recs if not r["rejected"]}
    assert packs == {"a_sukamaju.yaml": "oku_selatan", "b_sukajadi.json": "oku_selatan", "c_klamalu.yaml": "sorong",
                     "d_malasom.yml": "sorong", "e_masrum.json": "tual"}
    assert all(r["counts"]["tidak_patuh"] == 0 for r in recs if not r["rejected"])   # compliant examples
    assert code == 2                                        # something was rejected
    assert "8 dosir masuk, 5 dinilai, 3 ditolak" in err
    for name in rejected:                                   # each rejected dossier named on stderr
        assert name in err
    assert "Traceback" not in err

    code, rekap, _ = run(capsys, "rekap", str(out), "--format", "json")
    assert code == 0
    per = {k["nama"]: (k["dosir"], k["dinilai"], k["ditolak"]) for k in json.loads(rekap)["kabupaten"]}
    assert per == {"Kabupaten Ogan Komering Ulu Selatan": (2, 2, 0), "Kabupaten Sorong": (3, 2, 1),
                   "Kota Tual": (1, 1, 0), "Kabupaten Antah Berantah": (1, 0, 1),
                   "(kabupaten/kota tidak diketahui)": (1, 0, 1)}
    sorong = next(k for k in json.loads(rekap)["kabupaten"] if k["nama"] == "Kabupaten Sorong")
    # 'Distrik Aimas' and 'Aimas' are one distrik; the rejected 'Salah Tahun' is counted there
    assert {c["nama"]: (c["dosir"], c["ditolak"]) for c in sorong["kecamatan"]} == {"Distrik Aimas": (2, 1),
                                                                                  "Mayamuk": (1, 0)}


def test_json_lines_from_stdin(capsys, monkeypatch, tmp_path):
    first = example("oku_selatan", nama="Dari Stdin")
    second = example("tual", nama="Kedua")
    text = (json.dumps(first) + "\n\n" + '{"identitas": {"nama": "Putus"' + "\n" + json.dumps(second) + "\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    code, out, err = run(capsys, "check", "-", "--format", "jsonl", "-j", "1")
    recs = [json.loads(x) for x in out.splitlines()]
    assert [r["rejected"] for r in recs] == [False, True, False]          # the blank line is no dossier
    assert recs[0]["dossier"]["nama"] == "Dari Stdin" and recs[2]["pack"]["id"] == "tual"
    assert recs[1]["file"] == "<stdin>:3" and recs[1]["line"] == 3        # located on its own line
    assert recs[1]["error"].startswith("<stdin>:3:")
    assert code == 2 and "3 dosir masuk, 2 dinilai, 1 ditolak" in err


def test_two_workers_give_the_same_output_as_one(capsys, mixed, tmp_path):
    a, b = tmp_path / "j1.jsonl", tmp_path / "j2.jsonl"
    assert run(capsys, "check", str(mixed), "--format", "jsonl", "-o", str(a), "-j", "1")[0] == 2
    assert run(capsys, "check", str(mixed), "--format", "jsonl", "-o", str(b), "-j", "2")[0] == 2
    assert a.read_bytes() == b.read_bytes()
    code1, json1, _ = run(capsys, "check", str(mixed), "--format", "json", "-j", "1")
    code2, json2, _ = run(capsys, "check", str(mixed), "--format", "json", "-j", "2")
    assert (code1, json1) == (code2, json2)                  # reports rebuilt from the workers' results


def test_worker_lines_reach_a_pipe_in_order_and_leave_no_files_behind(mixed, tmp_path):
    """With workers, each writes its lines to a file of its own and the command copies them to the output: to
    a pipe (here), to a file (-o, above) or to a stream without a file (capsys, test_direct.py) the bytes are
    those of -j 1; the files go when the run ends, and a run that stops on a wrong argument leaves none either."""
    import subprocess
    spool = tmp_path / "tmp"
    spool.mkdir()
    env = dict(os.environ, TMPDIR=str(spool))

    def check(*argv):
        return subprocess.run([sys.executable, "-m", "aturan", "check", str(mixed), "--format", "jsonl", *argv],
                              capture_output=True, env=env, cwd=tmp_path)
    one, two = check("-j", "1"), check("-j", "2")
    assert (one.returncode, two.returncode) == (2, 2)        # three broken dossiers
    assert two.stdout == one.stdout and len(one.stdout.splitlines()) == 8
    assert [json.loads(x)["rejected"] for x in two.stdout.splitlines()].count(True) == 3
    assert list(spool.iterdir()) == []
    assert check("-j", "2", "--top", "x").returncode == 2
    assert list(spool.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux") or not os.access("/dev/shm", os.W_OK),
                    reason="needs a writable /dev/shm")
def test_without_tmpdir_the_lines_leave_nothing_in_dev_shm(mixed, tmp_path):
    """With no TMPDIR on Linux the workers' lines wait in /dev/shm (memory, not the disk the output goes to):
    the bytes are those of -j 1, and nothing of the run is left there (its folder is named after the command's
    process: another aturan running on the machine meanwhile has folders of its own there)."""
    import subprocess
    env = {k: v for k, v in os.environ.items() if k not in ("TMPDIR", "TEMP", "TMP")}
    runs = []

    def check(*argv):
        p = subprocess.Popen([sys.executable, "-m", "aturan", "check", str(mixed), "--format", "jsonl", *argv],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
        out, _ = p.communicate()
        runs.append(p.pid)
        return p.returncode, out
    one, two = check("-j", "1"), check("-j", "2")
    assert (one[0], two[0]) == (2, 2) and two[1] == one[1]
    left = [p.name for p in Path("/dev/shm").iterdir() if p.name.startswith(tuple(f"aturan-{n}-" for n in runs))]
    assert left == []


def test_the_lines_wait_where_the_user_says(monkeypatch):
    """TMPDIR (or TEMP, TMP) chooses the folder, as for any program; without it /dev/shm is used only where it
    can be written."""
    from aturan import checking
    for var in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os.path, "isdir", lambda p: True)
    monkeypatch.setattr(os, "access", lambda p, mode: True)
    assert checking.spool_parent() == "/dev/shm"
    monkeypatch.setattr(os, "access", lambda p, mode: False)   # read-only, or another user's
    assert checking.spool_parent() is None
    monkeypatch.setattr(os, "access", lambda p, mode: True)
    monkeypatch.setenv("TMPDIR", "/srv/tmp")
    assert checking.spool_parent() is None                   # tempfile then uses TMPDIR itself
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert checking.spool_parent() is None


@pytest.mark.skipif(not hasattr(os, "writev"), reason="gathered writes are POSIX")
def test_a_spool_file_written_in_short_pieces_holds_every_line_whole(monkeypatch, tmp_path):
    """The kernel may take fewer bytes than asked, ending inside a line: the rest still follows in order, so
    the command copies whole lines to the output."""
    from aturan import workers
    from aturan.batch import Outcome
    real = os.writev
    calls = []

    def short(fd, buffers):   # at most 7 bytes at a time, however many were given
        calls.append(len(buffers))
        if len(calls) > 2_000:   # these 1,490 bytes need 213 writes (40 lines of 16-57 bytes, 40 newlines)
            raise AssertionError("the spool file is being written over and over")
        data = b"".join(buffers)[:7]
        return real(fd, [data])
    monkeypatch.setattr(os, "writev", short)
    lines = [b'{"n":%d,"teks":"%s"}' % (i, b"x" * i) for i in range(40)]
    outs = [Outcome(i, f"d{i}.json", line=line) for i, line in enumerate(lines)]
    workers.spool(outs, str(tmp_path))
    (path,) = {out.span[0] for out in outs}
    raw = Path(path).read_bytes()
    assert raw == b"".join(line + b"\n" for line in lines)
    assert [raw[at:at + n] for _, at, n in (out.span for out in outs)] == [line + b"\n" for line in lines]
    assert len(calls) > len(lines)          # the writes really were cut short


def test_a_spool_file_the_command_is_done_with_takes_a_later_chunk(tmp_path):
    """The command hands each spool file it has copied out back to the workers, who write a later chunk over
    it (no 6 GB freed and allocated again): a shorter chunk over a longer one's file still gives exactly its own
    lines, in order, and the output holds every chunk's lines once."""
    import argparse
    from aturan import checking, workers
    from aturan.batch import Outcome
    folder = tmp_path / "spool"
    folder.mkdir()

    def chunk(tag: str, n: int, width: int) -> list:
        outs = [Outcome(i, f"{tag}{i}.json", line=b'{"%s":%d,"isi":"%s"}' % (tag.encode(), i, b"y" * width))
                for i in range(n)]
        workers.spool(outs, str(folder))
        return outs
    sink = checking._JsonLines(argparse.Namespace(output=str(tmp_path / "out.jsonl")))
    first, second = chunk("a", 5, 300), chunk("b", 3, 10)
    first_inode = os.stat(first[0].span[0]).st_ino
    for out in first + second:                  # the second chunk's first line frees the first chunk's file
        sink.put(out)
    assert [p.name for p in folder.iterdir() if p.name.startswith("bebas-")] == ["bebas-1"]
    third = chunk("c", 2, 5)                     # written over the first chunk's file: its 1,500 bytes are longer
    assert os.stat(third[0].span[0]).st_ino == first_inode
    assert not any(p.name.startswith("bebas-") for p in folder.iterdir())
    for out in third:
        sink.put(out)
    sink.close()
    expected = [b'{"a":%d,"isi":"%s"}' % (i, b"y" * 300) for i in range(5)]
    expected += [b'{"b":%d,"isi":"%s"}' % (i, b"y" * 10) for i in range(3)]
    expected += [b'{"c":%d,"isi":"%s"}' % (i, b"y" * 5) for i in range(2)]
    assert (tmp_path / "out.jsonl").read_bytes().splitlines() == expected
    # the second chunk's file waits for a later chunk; the last one goes when the run ends
    assert [p.name for p in folder.iterdir()] == ["bebas-2"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the command uses sendfile on Linux only")
def test_a_pipe_still_holding_a_chunk_gets_its_own_lines(tmp_path, monkeypatch):
    """`aturan check ... --format jsonl | gzip`: sendfile leaves in a pipe references to the spool file's pages,
    not copies, so a file is not handed back while the pipe's reader may not have read it: every chunk arrives
    once, as written, however slow the reader."""
    import argparse
    from aturan import checking, workers
    from aturan.batch import Outcome
    folder = tmp_path / "spool"
    folder.mkdir()

    def chunk(tag: str) -> list:
        outs = [Outcome(i, f"{tag}{i}.json", line=b'{"%s":%d}' % (tag.encode(), i)) for i in range(3)]
        workers.spool(outs, str(folder))
        return outs
    r, w = os.pipe()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(os.fdopen(w, "wb")))
    sink = checking._JsonLines(argparse.Namespace(output=None))
    a, b = chunk("a"), chunk("b")
    for out in a + b[:1]:         # the first chunk copied out, and nothing read from the pipe yet
        sink.put(out)
    c = chunk("c")                # a later chunk, written while the pipe still holds the first
    for out in b[1:] + c:
        sink.put(out)
    sink.close()
    sys.stdout.close()
    with os.fdopen(r, "rb") as pipe:
        got = pipe.read().splitlines()
    assert got == [b'{"%s":%d}' % (tag, i) for tag in (b"a", b"b", b"c") for i in range(3)]


def test_many_small_chunks_through_two_workers_give_the_lines_of_one(capsys, mixed, tmp_path, monkeypatch):
    """One dossier per chunk, so spool files are handed back and written over many times during the run: the
    output is still byte for byte that of -j 1, and the spool folder is empty at the end."""
    from aturan import workers
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setenv("TMPDIR", str(spool))
    for i in range(24):
        write(mixed / "lagi" / f"x{i:02d}.json", example("tual", nama=f"Ohoi {i}"), "json")
    monkeypatch.setattr(workers, "CHUNK", 1)
    a, b = tmp_path / "j1.jsonl", tmp_path / "j2.jsonl"
    assert main(["check", str(mixed), "--format", "jsonl", "-o", str(a), "-j", "1"]) == 2
    assert main(["check", str(mixed), "--format", "jsonl", "-o", str(b), "-j", "2"]) == 2
    capsys.readouterr()
    assert a.read_bytes() == b.read_bytes() and len(b.read_bytes().splitlines()) == 32
    assert list(spool.iterdir()) == []


def _jobs2(capsys, mixed, out):
    code = main(["check", str(mixed), "--format", "jsonl", "-o", str(out), "-j", "2", "--force"])
    capsys.readouterr()
    return code


def test_worker_lines_reach_the_output_where_sendfile_cannot_write(capsys, mixed, tmp_path, monkeypatch):
    """Off Linux, or where the kernel refuses sendfile for this output (macOS and FreeBSD send only to sockets),
    the command copies the workers' lines itself: the same bytes."""
    want = tmp_path / "j1.jsonl"
    assert main(["check", str(mixed), "--format", "jsonl", "-o", str(want), "-j", "1"]) == 2
    capsys.readouterr()

    def refuse(*a):
        raise OSError(errno.ENOTSOCK, "Socket operation on non-socket")
    monkeypatch.setattr(os, "sendfile", refuse)
    assert _jobs2(capsys, mixed, tmp_path / "a.jsonl") == 2
    monkeypatch.setattr(sys, "platform", "darwin")
    assert _jobs2(capsys, mixed, tmp_path / "b.jsonl") == 2
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes() == want.read_bytes()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to inject the fault")
def test_workers_that_cannot_write_their_lines_send_them_instead(capsys, mixed, tmp_path, monkeypatch):
    """A temporary folder that is full (or none at all) costs no line: the workers send them as before."""
    import tempfile
    want = tmp_path / "j1.jsonl"
    assert main(["check", str(mixed), "--format", "jsonl", "-o", str(want), "-j", "1"]) == 2
    capsys.readouterr()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(tempfile, "mkstemp", full)          # in the workers (forked from here)
    assert _jobs2(capsys, mixed, tmp_path / "a.jsonl") == 2
    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)   # no temporary folder at all
    assert _jobs2(capsys, mixed, tmp_path / "b.jsonl") == 2
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes() == want.read_bytes()


def test_a_program_calling_aturan_keeps_its_garbage_collector(capsys, mixed):
    """Packs are frozen out of the collector's scans only in processes aturan started itself (the command and
    its workers): a program calling cli.main or the batch API keeps every object of its own collectable."""
    import gc
    before = gc.get_freeze_count()
    main(["check", str(mixed), "--format", "jsonl", "-j", "1"])
    capsys.readouterr()
    assert gc.get_freeze_count() == before


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to inject the crash")
def test_a_worker_that_dies_loses_only_its_dossier(monkeypatch, mixed):
    import aturan.workers as workers
    from aturan.batch import Settings, run as batch_run
    real = workers.check_one

    def crash_on_masrum(src, i, settings, session=None):
        if src.name.endswith("e_masrum.json"):
            os._exit(13)                                     # the worker process dies, as on a segfault
        return real(src, i, settings, session)

    monkeypatch.setattr(workers, "check_one", crash_on_masrum)   # forked workers inherit it
    outs = list(batch_run([str(mixed)], Settings(want=frozenset({"line"})), jobs=2))
    assert [o.index for o in outs] == list(range(8))
    crashed = [o for o in outs if o.internal]
    assert [Path(o.name).name for o in crashed] == ["e_masrum.json"]
    assert "kesalahan internal" in crashed[0].error
    assert sum(o.line is not None for o in outs) == 4       # the other compliant dossiers all came back


# ------------------------------------------------------------------ rekap counts, computed by hand
@pytest.fixture
def uji(monkeypatch, fixtures):
    """The test pack 'mini' (Kabupaten Uji; rules: Pasal 1 huruf d KPM >= SMP when there are KPM, Pasal 2 ayat
    (1) rembuk before musyawarah, Pasal 3 a rapat evaluasi in every quarter) visible to the command line."""
    from plugins import uji as plugin
    import aturan.manager as m
    real = m.get_plugin_manager
    monkeypatch.setattr(m, "get_plugin_manager", lambda **kw: real(extra=[plugin], **kw))
    return str(fixtures / "packs")


def _desa(nama, kecamatan, pendidikan, rembuk, musyawarah, quarters):
    data = {"identitas": {"nama": nama, "jenis": "desa", "kabupaten": "Kabupaten Uji", "kecamatan": kecamatan,
                          "tahun": 2024, "tanggal_data": "2025-01-15"},
            "kpm": [{"nama": f"KPM {i}", "pendidikan": p} for i, p in enumerate(pendidikan)],
            "perencanaan": {"rembuk_stunting": {"tanggal": rembuk}},
            "pemantauan": {"rapat_evaluasi": [{"tanggal": f"2024-{3 * q:02d}-15"} for q in quarters]}}
    if musyawarah:
        data["perencanaan"]["musyawarah_perencanaan"] = {"tanggal": musyawarah}
    return data


@pytest.fixture
def small(tmp_path) -> Path:
    d = tmp_path / "uji"
    # Satu: SMA KPM, rembuk 10 Jun before musyawarah 1 Jul, four quarters -> P P P
    write(d / "1.yaml", _desa("Satu", "Kecamatan Alpha", ["sma"], "2024-06-10", "2024-07-01", [1, 2, 3, 4]))
    # Dua: an SD KPM (TP), no musyawarah date (TD), two quarters (TP) -> X ? X
    write(d / "2.yaml", _desa("Dua", "alpha", ["sd"], "2024-06-10", None, [1, 3]))
    # Tiga: no KPM (Pasal 1 huruf d tidak berlaku), rembuk after musyawarah (TP), three quarters (TP) -> - X X
    write(d / "3.yaml", _desa("Tiga", "Beta", [], "2024-08-01", "2024-07-01", [1, 2, 3]))
    bad = _desa("Empat", "Beta", ["sma"], "2024-06-10", "2024-07-01", [1, 2, 3, 4])
    bad["identitas"]["tahun"] = "dua ribu"                 # rejected, but its kecamatan is readable
    write(d / "4.yaml", bad)
    (d / "5.yaml").write_text("identitas: {nama: [\n", encoding="utf-8")   # rejected, nothing readable
    return d


def test_rekap_counts_computed_by_hand(capsys, uji, small, tmp_path):
    code, out, err = run(capsys, "--rules", uji, "check", str(small), "--rekap", "--format", "json")
    assert code == 2 and "5 dosir masuk, 3 dinilai, 2 ditolak" in err
    doc = json.loads(out)
    kab = {k["nama"]: k for k in doc["kabupaten"]}
    k = kab["Kabupaten Uji"]
    # 4 dossiers name Kabupaten Uji; 3 evaluated x 3 rules = 9 obligations:
    # tidak patuh 0 + 2 + 2 = 4, tidak dapat dinilai 0 + 1 + 0 = 1, patuh 3 + 0 + 0 = 3, tidak berlaku 1 (Tiga)
    assert (k["dosir"], k["dinilai"], k["ditolak"], k["desa_dengan_pelanggaran"]) == (4, 3, 1, 2)
    assert k["counts"] == {"tidak_patuh": 4, "tidak_dapat_dinilai": 1, "patuh": 3, "belum_jatuh_tempo": 0,
                           "tidak_berlaku": 1}
    kec = {c["nama"]: c for c in k["kecamatan"]}
    assert set(kec) == {"Kecamatan Alpha", "Beta"}               # 'alpha' is the same kecamatan as 'Kecamatan Alpha'
    assert (kec["Kecamatan Alpha"]["dosir"], kec["Kecamatan Alpha"]["ditolak"]) == (2, 0)
    assert kec["Kecamatan Alpha"]["counts"]["tidak_patuh"] == 2   # Dua: Pasal 1 huruf d and Pasal 3
    assert (kec["Beta"]["dosir"], kec["Beta"]["dinilai"], kec["Beta"]["ditolak"]) == (2, 1, 1)
    assert kec["Beta"]["counts"] == {"tidak_patuh": 2, "tidak_dapat_dinilai": 0, "patuh": 0, "belum_jatuh_tempo": 0,
                                     "tidak_berlaku": 1}
    # Pasal 3 violated by Dua and Tiga (2 of 3); then, one each, in article order
    top = [(t["citation"], t["desa_tidak_patuh"], t["desa_tidak_dapat_dinilai"]) for t in k["paling_dilanggar"]]
    assert top == [("Pasal 3", 2, 0), ("Pasal 1 huruf d", 1, 0), ("Pasal 2 ayat (1)", 1, 1)]
    (m,) = k["matriks"]
    assert [o["citation"] for o in m["kewajiban"]] == ["Pasal 1 huruf d", "Pasal 2 ayat (1)", "Pasal 3"]
    assert [(v["nama"], v["status"]) for v in m["desa"]] == [
        ("Dua", ["tidak_patuh", "tidak_dapat_dinilai", "tidak_patuh"]),
        ("Satu", ["patuh", "patuh", "patuh"]),
        ("Tiga", ["tidak_berlaku", "tidak_patuh", "tidak_patuh"])]
    assert (kab["(kabupaten/kota tidak diketahui)"]["dosir"], kab["(kabupaten/kota tidak diketahui)"]["ditolak"]) == (1, 1)

    # the same rekap from the JSON Lines of a check
    jl = tmp_path / "hasil.jsonl"
    run(capsys, "--rules", uji, "check", str(small), "--format", "jsonl", "-o", str(jl))
    code, again, _ = run(capsys, "rekap", str(jl), "--format", "json")
    assert code == 0 and json.loads(again) == doc

    # CSV: one row per village and obligation (3 x 3) and one per rejected dossier
    code, csv_text, _ = run(capsys, "rekap", str(jl), "--format", "csv")
    rows = csv_text.splitlines()
    assert len(rows) == 1 + 9 + 2
    assert sum(r.endswith(",tidak_patuh,") for r in rows) == 4 and sum(",ditolak," in r for r in rows) == 2

    # the terminal matrix: one mark per obligation, villages under their kecamatan, a subtotal per kecamatan
    code, table, _ = run(capsys, "rekap", str(jl))
    assert "  Dua        X?X" in table and "  Satu       ..." in table and "  Tiga       -XX" in table
    assert table.index("Kecamatan Alpha\n") < table.index("  Dua") < table.index("Beta\n") < table.index("  Tiga")

    # the workbook: the matrix sheet holds the status codes and the kecamatan subtotals
    xlsx = tmp_path / "rekap.xlsx"
    assert run(capsys, "rekap", str(jl), "--format", "xlsx", "-o", str(xlsx))[0] == 0
    from openpyxl import load_workbook
    wb = load_workbook(xlsx)
    ws = next(wb[n] for n in wb.sheetnames if n.startswith("Matriks"))
    rows = [list(r) for r in ws.iter_rows(min_row=4, values_only=True)]
    assert rows[0][:7] == ["Kecamatan Alpha", "Dua", None, 2, "TP", "TD", "TP"]
    assert rows[2][:7] == ["Kecamatan Alpha", "Jumlah: desa tidak patuh per kewajiban", None, 2, 1, 0, 1]
    assert rows[3][:7] == ["Beta", "Tiga", None, 2, "TB", "TP", "TP"]
    assert [r[0] for r in wb["Ditolak"].iter_rows(min_row=2, values_only=True)] == [
        str(small / "4.yaml"), str(small / "5.yaml")]   # outside the working folder: in full


def test_rekap_refuses_lines_that_are_not_results(capsys, tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text('{"rejected": false}\nbukan json\n', encoding="utf-8")
    code, _, err = run(capsys, "rekap", str(f))
    assert code == 2 and f"{f}:1: bukan baris hasil" in err and f"{f}:2: bukan JSON yang sah" in err


def test_formats_that_do_not_go_with_the_rekap_are_refused_before_any_work(capsys, mixed):
    code, _, err = run(capsys, "check", str(mixed), "--rekap", "--format", "jsonl")
    assert code == 2 and "aturan rekap HASIL.jsonl" in err
    code, _, err = run(capsys, "check", str(mixed), "--format", "csv")
    assert code == 2 and "--rekap" in err


def test_python_api_over_files_and_dicts(mixed):
    from aturan.batch import check, records
    good = example("tual", nama="Dari Dict")
    bad = example("tual", nama="Rusak")
    bad["identitas"]["tahun"] = 24.5
    outs = list(check([str(mixed / "oku" / "a_sukamaju.yaml"), good, bad]))
    assert [o.rejected for o in outs] == [False, False, True]
    assert outs[0].report.pack.id == "oku_selatan" and outs[1].report.dossier.name == "Dari Dict"
    assert outs[2].error.startswith("<dosir 2>: identitas.tahun:")     # a dict has no lines: the path is named
    recs = list(records([good, bad]))
    assert recs[0]["dossier"]["nama"] == "Dari Dict" and recs[1]["rejected"] is True
    assert json.loads(json.dumps(recs)) == recs                         # plain data, e.g. for dask.bag


def test_a_fact_entry_workbook_in_a_folder_is_checked_with_the_rest(capsys, tmp_path):
    d = tmp_path / "campur"
    write(d / "a.json", example("sorong", nama="Dari JSON"), "json")
    book = d / "b_isian.xlsx"
    assert main(["dosir", "template", "--pack", "oku_selatan", "--dari",
                 str(ROOT / "rules" / "oku_selatan" / "contoh" / "patuh.yaml"), "-o", str(book)]) == 0
    (d / "~$b_isian.xlsx").write_bytes(b"lock")              # Excel's lock file beside an open workbook: skipped
    capsys.readouterr()
    code, out, err = run(capsys, "check", str(d), "--format", "jsonl", "-j", "1")
    recs = [json.loads(x) for x in out.splitlines()]
    assert [(Path(r["file"]).name, r["rejected"]) for r in recs] == [("a.json", False), ("b_isian.xlsx", False)]
    assert recs[1]["pack"]["id"] == "oku_selatan" and recs[1]["counts"]["tidak_patuh"] == 0
    assert code == 0 and "2 dosir masuk, 2 dinilai, 0 ditolak" in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def _stderr_of_check(monkeypatch, *argv) -> str:
    import tqdm

    class EveryUpdate(tqdm.tqdm):   # the real bar, redrawn on every dossier instead of twice a second
        def __init__(self, *a, **kw):
            super().__init__(*a, **{**kw, "mininterval": 0, "miniters": 1})

    monkeypatch.setattr(tqdm, "tqdm", EveryUpdate)
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    main(list(argv))
    return err.getvalue()


def test_a_progress_bar_on_a_terminal_only(monkeypatch, mixed, tmp_path):
    out = str(tmp_path / "h.jsonl")
    err = _stderr_of_check(monkeypatch, "check", str(mixed), "--format", "jsonl", "-o", out, "-j", "1")
    assert "Memeriksa" in err and "8/8" in err and "dosir/s" in err   # done of the total, and the rate
    assert "ditolak 3" in err                                          # rejected so far, on the bar
    err = _stderr_of_check(monkeypatch, "check", str(mixed), "--format", "jsonl", "-o", out, "--force", "-q")
    assert "Memeriksa" not in err and "8 dosir masuk, 5 dinilai, 3 ditolak" in err


def test_no_progress_bar_off_a_terminal(capsys, mixed, tmp_path):
    code, _, err = run(capsys, "check", str(mixed), "--format", "jsonl", "-o", str(tmp_path / "h.jsonl"))
    assert "Memeriksa" not in err and "\r" not in err and "8 dosir masuk, 5 dinilai, 3 ditolak" in err


@pytest.mark.parametrize("pack", ["oku_selatan", "sorong", "sijunjung", "tual"])
def test_jsonl_findings_say_what_the_json_report_says(pack, capsys):
    """An analyst reading the batch's JSON Lines gets every field of `--format json` but the quote and the
    pack's reasoning for an inferred obligation (the same on every line of the pack; `dasar` still marks it):
    the statuses, evidence, facts not recorded and facts stated absent ("tidak ada"), periods and deadlines."""
    example = f"rules/{pack}/contoh/melanggar.yaml"
    main(["check", example, "--format", "json"])
    full = json.loads(capsys.readouterr().out)["results"][0]
    main(["check", example, "--format", "jsonl", "-j", "1"])
    line = json.loads(capsys.readouterr().out)
    for key in ("findings", "kewajiban_pihak_lain"):
        assert [{k: v for k, v in f.items() if k not in ("quote", "tafsiran")} for f in full[key]] == line[key]
    inferred = [f["rule"] for f in full["findings"] if f.get("tafsiran")]
    assert inferred and inferred == [f["rule"] for f in line["findings"] if f["dasar"] == "tafsiran"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_two_villages_files_of_one_name_outside_the_working_folder_are_told_apart(tmp_path, monkeypatch, capsys,
                                                                                  jobs):
    """An auditor checks /media/usb/audit from their home folder: kec_a/desa_01.json and kec_b/desa_01.json are
    two villages, and every output names them apart, in full, so that lines of several runs (or partitions)
    merged into one rekap still do; a file below the folder they stand in is named relative to it."""
    usb = tmp_path / "usb" / "audit"
    write(usb / "kec_a" / "desa_01.json", example("oku_selatan", nama="Sukamaju"), "json")
    write(usb / "kec_b" / "desa_01.json", example("oku_selatan", nama="Sukajadi"), "json")
    (usb / "kec_b" / "rusak.yaml").write_text("identitas:\n  nama: [Rusak\n", encoding="utf-8")
    filled = ROOT / "rules" / "oku_selatan" / "contoh" / "melanggar.yaml"   # a workbook: read the careful way
    (usb / "kec_c").mkdir()
    assert main(["dosir", "template", "--pack", "oku_selatan", "--dari", str(filled),
                 "-o", str(usb / "kec_c" / "isian.xlsx")]) == 0
    capsys.readouterr()
    c_name = yaml.safe_load(filled.read_text(encoding="utf-8"))["identitas"]["nama"]
    home = tmp_path / "rumah"
    home.mkdir()
    names = (("kec_a", "desa_01.json"), ("kec_b", "desa_01.json"), ("kec_b", "rusak.yaml"), ("kec_c", "isian.xlsx"))
    for here, (a, b, bad, c) in ((home, [str(usb / k / f) for k, f in names]),          # elsewhere: in full
                                 (usb / "kec_a", ["desa_01.json"] + [str(usb / k / f) for k, f in names[1:]]),
                                 (usb.parent, [os.path.join("audit", k, f) for k, f in names])):   # above them
        monkeypatch.chdir(here)
        code, out, err = run(capsys, "check", str(usb), "--format", "jsonl", "-j", jobs)
        recs = [json.loads(x) for x in out.splitlines()]
        assert code == 2 and [(r["file"], r.get("dossier", {}).get("nama")) for r in recs] == [
            (a, "Sukamaju"), (b, "Sukajadi"), (bad, None), (c, c_name)]
        assert [recs[i]["dossier"]["file"] for i in (0, 1, 3)] == [a, b, c]
        assert recs[2]["error"].startswith(str(usb / "kec_b" / "rusak.yaml") + ":")
        code, out, err = run(capsys, "check", str(usb), "--format", "json", "-j", jobs)
        doc = json.loads(out)
        assert [r["dossier"]["file"] for r in doc["results"]] == [a, b, c] and doc["rejected"][0]["file"] == bad


def test_a_dossier_is_named_relative_to_the_working_folder(tmp_path, monkeypatch):
    """JSON Lines name each file as the user sees it from where they stand (display_path, folders remembered
    per batch): below the working folder relative to it, elsewhere in full, so two villages' files of the same
    name in different folders are never given the same name, in one run or across runs."""
    import os

    from aturan.report.common import display_path
    work = tmp_path / "kerja"
    (work / "desa").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert display_path("desa/a.json") == "desa/a.json"                         # as given
    assert display_path(str(work / "desa" / "a.json")) == os.path.join("desa", "a.json")
    assert display_path(str(work / "a.json")) == "a.json"
    assert display_path(str(work / "desa" / ".." / "b.json")) == os.path.join("desa", "..", "b.json")
    assert display_path(str(tmp_path / "lain" / "c.json")) == str(tmp_path / "lain" / "c.json")   # not below
    assert display_path(str(tmp_path)) == str(tmp_path)                          # above it
    assert display_path(str(work)) == "."                                        # the working folder itself
