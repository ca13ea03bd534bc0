"""Headless Chromium for tests: print a page to PDF, take a screenshot, read the PDF back with poppler.

Browser tests fail (never skip) when no browser is installed, so CI cannot pass without rendering the
pages; set ATURAN_SKIP_BROWSER=1 to skip them on a machine without Chromium.
"""
from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio"]
TIMEOUT = 120


def chromium() -> str:
    """The browser executable; skips when ATURAN_SKIP_BROWSER=1, fails when there is none."""
    if os.environ.get("ATURAN_SKIP_BROWSER") == "1":
        pytest.skip("ATURAN_SKIP_BROWSER=1: browser tests skipped")
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("Chromium tidak terpasang (apt-get install chromium poppler-utils); "
                "set ATURAN_SKIP_BROWSER=1 untuk melewati uji peramban")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        if os.environ.get("ATURAN_SKIP_BROWSER") == "1":
            pytest.skip(f"{name} tidak terpasang")
        pytest.fail(f"{name} tidak terpasang (apt-get install poppler-utils)")
    return path


def _run_browser(args: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="aturan-chromium-") as profile:
        cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT)
    if proc.returncode != 0:
        raise AssertionError(f"chromium keluar {proc.returncode}: {proc.stderr.decode(errors='replace')[-2000:]}")


def print_to_pdf(html: Path, pdf: Path) -> Path:
    """Print the page as Chromium prints it (its own CSS @page rules, no browser header or footer)."""
    _run_browser(["--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                  f"--print-to-pdf={pdf}", Path(html).resolve().as_uri()])
    assert pdf.exists() and pdf.stat().st_size > 0, "PDF tidak dibuat"
    return pdf


def screenshot(html: Path, png: Path, width: int = 800, height: int = 1000) -> Path:
    _run_browser([f"--window-size={width},{height}", f"--screenshot={png}", Path(html).resolve().as_uri()])
    assert png.exists() and png.stat().st_size > 0, "tangkapan layar tidak dibuat"
    return png


def pdf_page_count(pdf: Path) -> int:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    assert m, out
    return int(m[1])


def pdf_text(pdf: Path, layout: bool = False) -> str:
    args = [_tool("pdftotext")] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout


def png_pixels(png: Path) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw rows) of an 8-bit RGB/RGBA/grey PNG, unfiltered."""
    data = Path(png).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "bukan berkas PNG"
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2, 4, 6), (depth, colour)
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif f == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prev))
        elif f == 3:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out += row
        prev = row
    return width, height, bpp, bytes(out)


def ink_ratio(png: Path) -> float:
    """The share of pixels that differ clearly from the most common colour (the background)."""
    width, height, bpp, px = png_pixels(png)
    step = bpp
    colours: dict[bytes, int] = {}
    pixels = [px[i:i + min(step, 3)] for i in range(0, len(px), step)]
    for p in pixels:
        colours[p] = colours.get(p, 0) + 1
    background = max(colours, key=colours.get)
    ink = sum(n for c, n in colours.items() if sum(abs(a - b) for a, b in zip(c, background)) > 60)
    return ink / len(pixels)


def assert_not_blank(png: Path, minimum: float = 0.005) -> float:
    ratio = ink_ratio(png)
    assert ratio >= minimum, f"tangkapan layar {png} tampak kosong ({ratio:.4%} piksel bertinta)"
    return ratio
