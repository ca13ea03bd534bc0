"""Render an HTML file in a real headless Chromium: print it to PDF and take a screenshot, then check
what a person would see (page count and text with poppler's pdfinfo/pdftotext, a screenshot that is
not blank). Reusable by any test of an HTML output (literate view, auditor's report).

    from browser import browser_or_fail, pdf_pages, pdf_text, png_stats

    b = browser_or_fail()                      # fails (not skips) when Chromium is missing, unless
    pdf = b.print_pdf(html_file, tmp / "x.pdf")  # ATURAN_SKIP_BROWSER=1 is set by a developer
    png = b.screenshot(html_file, tmp / "x.png", width=1280, height=1600)
    assert pdf_pages(pdf) >= 2 and "Pasal 21" in pdf_text(pdf)
    assert png_stats(png).ink > 0.02

CI (.ci/run) installs Debian's chromium and poppler-utils. ATURAN_CHROMIUM names another binary.
"""
from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]
TIMEOUT = 120


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    env = os.environ.get("ATURAN_CHROMIUM")
    if env:
        return env if shutil.which(env) or Path(env).is_file() else None
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def browser_or_fail() -> "Browser":
    """A Browser, or: skip when the developer set ATURAN_SKIP_BROWSER=1, fail otherwise (CI must
    never pass a browser test by not running it)."""
    if os.environ.get("ATURAN_SKIP_BROWSER") == "1":
        pytest.skip("ATURAN_SKIP_BROWSER=1: pengujian di peramban dilewati atas permintaan")
    exe = find_chromium()
    missing = [t for t in ("pdftotext", "pdfinfo") if shutil.which(t) is None]
    if exe is None or missing:
        pytest.fail("pengujian HTML memerlukan Chromium dan poppler-utils (pdftotext, pdfinfo): "
                    f"{'chromium tidak ditemukan' if exe is None else ''} {' '.join(missing)} — "
                    "pasang dengan `apt-get install chromium poppler-utils` (.ci/run melakukannya), "
                    "atau set ATURAN_SKIP_BROWSER=1 untuk melewatinya di mesin pengembang")
    return Browser(exe)


@dataclass
class Browser:
    exe: str

    def _run(self, args: list[str], html: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="aturan-chromium-") as profile:
            cmd = [self.exe, *FLAGS, f"--user-data-dir={profile}", *args, Path(html).resolve().as_uri()]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            try:
                out, err = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise BrowserError(f"Chromium tidak selesai dalam {TIMEOUT} detik: {' '.join(cmd)}") from None
            if proc.returncode != 0:
                raise BrowserError(f"Chromium keluar {proc.returncode}: {err.decode(errors='replace')[-800:]}")

    def print_pdf(self, html: Path, pdf: Path) -> Path:
        pdf = Path(pdf)
        self._run([f"--print-to-pdf={pdf}", "--no-pdf-header-footer", "--virtual-time-budget=5000"], html)
        if not pdf.is_file() or pdf.stat().st_size == 0:
            raise BrowserError(f"Chromium tidak menulis PDF {pdf}")
        return pdf

    def screenshot(self, html: Path, png: Path, width: int = 1280, height: int = 1600) -> Path:
        png = Path(png)
        self._run([f"--screenshot={png}", f"--window-size={width},{height}", "--virtual-time-budget=5000"], html)
        if not png.is_file() or png.stat().st_size == 0:
            raise BrowserError(f"Chromium tidak menulis tangkapan layar {png}")
        return png


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise BrowserError(f"pdfinfo tidak menyebut jumlah halaman {pdf}")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


# ------------------------------------------------------------------ a small PNG reader (stdlib only)
@dataclass(frozen=True)
class PngStats:
    width: int
    height: int
    ink: float            # share of sampled pixels that differ from the page background
    colours: int          # distinct (quantised) colours among the sampled pixels


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path: Path) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw pixel rows) of an 8-bit RGB/RGBA/grey PNG, not interlaced."""
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise BrowserError(f"{path} bukan PNG")
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or interlace:
                raise BrowserError(f"PNG {path}: kedalaman {depth}/interlace {interlace} tidak didukung")
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif ctype == b"IDAT":
            idat += chunk
        elif ctype == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows = bytearray()
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 0xFF
            elif f == 2:
                line[x] = (line[x] + b) & 0xFF
            elif f == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif f == 4:
                line[x] = (line[x] + _paeth(a, b, c)) & 0xFF
        rows += line
        prev = line
    return width, height, bpp, bytes(rows)


def png_stats(path: Path, step: int = 7) -> PngStats:
    """How much of a screenshot is not background: a blank page gives ink 0 and one colour."""
    w, h, bpp, rows = read_png(path)
    counts: dict[tuple, int] = {}
    samples = []
    for y in range(0, h, step):
        for x in range(0, w, step):
            o = (y * w + x) * bpp
            px = tuple(rows[o:o + min(3, bpp)])
            samples.append(px)
            key = tuple(v // 16 for v in px)
            counts[key] = counts.get(key, 0) + 1
    if not samples:
        return PngStats(w, h, 0.0, 0)
    background = max(counts, key=counts.get)
    ink = sum(1 for px in samples if tuple(v // 16 for v in px) != background) / len(samples)
    return PngStats(w, h, ink, len(counts))
