"""Reading seeds: encodings, line ends, invisible characters, skipped files."""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.read import decode_bytes, list_inputs, normalise_text, read_file

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BODY = "Russia and China plan a lunar station.\n\nSecond paragraph with “quotes” — and dashes.\n"


def _read(name: str):
    return read_file(HOSTILE / name)


def _skipped(name: str, *, max_bytes: int | None = None, path: Path | None = None) -> str:
    target = path or HOSTILE / name
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    with pytest.raises(UserError) as info:
        read_file(target, **kwargs)
    message = str(info.value)
    assert str(target) in message, "the message must name the file"
    assert "skipped" in message
    return message


def test_fixtures_are_reproducible(tmp_path):
    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE.parent / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, data in module.fixtures().items():
        assert (HOSTILE / name).read_bytes() == data, f"{name} differs: rerun tests/fixtures/make_hostile.py"


@pytest.mark.parametrize(
    ("name", "date", "first"),
    [
        ("utf8.txt", "2021-03-10", "First sentence here."),
        ("utf8_bom.txt", "2021-03-11", "BOM first."),
        ("utf16le_bom.txt", "2021-03-12", "Sixteen LE."),
        ("utf16be_bom.txt", "2021-03-13", "Sixteen BE."),
    ],
)
def test_unicode_encodings(name, date, first):
    doc = _read(name)
    assert doc.header_date == date
    assert doc.text == f"{first}\n\n{BODY}"
    assert doc.warnings == ()
    assert "\ufeff" not in doc.text


def test_sha256_is_of_raw_bytes():
    doc = _read("utf16le_bom.txt")
    assert doc.sha256 == hashlib.sha256((HOSTILE / "utf16le_bom.txt").read_bytes()).hexdigest()
    assert doc.name == "utf16le_bom.txt"
    assert doc.path == str(HOSTILE / "utf16le_bom.txt")


def test_windows_1252_fallback_is_reported():
    doc = _read("cp1252.txt")
    assert doc.text == "Café “quoted” – price €5.\n\nSecond line.\n"
    assert any("windows-1252" in w for w in doc.warnings)


def test_bomless_utf16_is_recognised():
    text, encoding, warnings = decode_bytes("Plain words here".encode("utf-16-le"))
    assert (text, encoding) == ("Plain words here", "utf-16-le")
    assert warnings


def test_crlf_and_trailing_spaces():
    doc = _read("crlf.txt")
    assert doc.header_date == "2021-03-14"
    assert doc.text == "Windows lines.\n\nOne.\nTwo.\n"


def test_lone_cr():
    assert _read("lone_cr.txt").text == "Old Mac one.\nOld Mac two.\n\nOld Mac three.\n"


def test_controls_removed_and_reported():
    doc = _read("controls.txt")
    assert "\x00" not in doc.text and "\x07" not in doc.text and "\x1b" not in doc.text
    assert "\x7f" not in doc.text and "\x9b" not in doc.text
    assert "\tkept" in doc.text, "tab is kept"
    assert any("removed 5 control characters" in w and "U+0000" in w for w in doc.warnings)


def test_bidi_and_zero_width_removed_and_reported():
    doc = _read("bidi_zero_width.txt")
    assert doc.text == (
        "Invoice for gnp.exe and isolated text.\nZerowidth join word joiner here.\nNon breaking space.\n"
    )
    bidi = [w for w in doc.warnings if "bidirectional" in w]
    zero = [w for w in doc.warnings if "zero-width" in w]
    assert bidi and "U+202E" in bidi[0] and "4" in bidi[0]
    assert zero and "U+200B" in zero[0] and "5" in zero[0]


def test_other_invisible_characters_removed():
    text, warnings = normalise_text("soft\u00adhyphen tag\U000e0041\U000e0042s")
    assert text == "softhyphen tags"
    assert any("other invisible" in w and "U+E0041" in w for w in warnings)


def test_html_declared_charset(tmp_path):
    path = tmp_path / "ru.html"
    path.write_bytes('<html><head><meta charset="windows-1251"></head><body><p>Привет, Луна.</p></body></html>'.encode("cp1251"))
    doc = read_file(path)
    assert "Привет, Луна." in doc.text and "Привет" in doc.html
    assert any("cp1251" in w for w in doc.warnings)


@pytest.mark.parametrize("charset", ["zlib", "rot13", "utf-7", "unicode_escape", "utf-16", "nonsense"])
def test_html_hostile_declared_charset_is_ignored(tmp_path, charset):
    path = tmp_path / "x.html"
    path.write_bytes(f'<meta charset="{charset}"><p>caf\xe9 +ADw-script+AD4- \\u003c</p>'.encode("latin-1"))
    doc = read_file(path)
    assert "café" in doc.text and "<script" not in doc.html
    assert any("windows-1252" in w for w in doc.warnings)


def test_not_a_regular_file(tmp_path):
    (tmp_path / "dir.txt").mkdir()
    assert "regular file" in _skipped("", path=tmp_path / "dir.txt")


def test_missing_file(tmp_path):
    assert "cannot read file (No such file or directory)" in _skipped("", path=tmp_path / "missing.txt")


def test_normalise_text_line_separators():
    text, warnings = normalise_text("a\u2028b\x0cc\x85d\u00a0e  ")
    assert text == "a\nb\nc\nd e"
    assert warnings == []


@pytest.mark.parametrize("name", ["empty.txt", "whitespace_only.txt"])
def test_empty_files_are_skipped(name):
    assert "empty" in _skipped(name)


@pytest.mark.parametrize("name", ["binary.txt", "image.txt"])
def test_binary_files_are_skipped(name):
    assert "binary" in _skipped(name)


def test_only_invisible_characters_is_empty(tmp_path):
    path = tmp_path / "ghost.txt"
    path.write_text("\u200b\u202e \n\u2060", encoding="utf-8")
    assert "empty" in _skipped("", path=path)


def test_utf16_bom_with_garbage_is_skipped(tmp_path):
    path = tmp_path / "fake16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + bytes(range(0, 64)) * 4)
    _skipped("", path=path)


def test_oversized_is_skipped():
    message = _skipped("utf8.txt", max_bytes=50)
    assert "limit" in message


def test_oversized_default_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(5_000_001)  # sparse: costs no disk
    assert "5000000-byte limit" in _skipped("", path=path)


def test_seed_header_with_first_sentence():
    doc = read_file(next(SEEDS.glob("000_*.txt")))
    assert doc.header_date == "2021-03-10"
    assert doc.text.startswith("Russia and China plan to deepen")


def test_seed_header_short_first_line():
    doc = read_file(next(SEEDS.glob("001_*.txt")))
    assert doc.header_date == "2021-02-18"
    assert doc.text.split("\n", 1)[0] == "What's new"


def test_header_without_sentence(tmp_path):
    path = tmp_path / "h.txt"
    path.write_text(" date 2020-01-02\n\nBody line.\n", encoding="utf-8")
    doc = read_file(path)
    assert doc.header_date == "2020-01-02"
    assert doc.text == "Body line.\n"


def test_impossible_header_date():
    doc = _read("bad_date.txt")
    assert doc.header_date is None
    assert doc.text.startswith("Impossible date.")
    assert any("2021-02-30" in w for w in doc.warnings)


def test_no_header():
    doc = _read("lone_cr.txt")
    assert doc.header_date is None


def test_payload_text_is_kept_verbatim():
    doc = _read("payloads.txt")
    assert doc.header_date == "2021-03-16"
    assert "<script>alert(1)</script>" in doc.text
    assert '--8<-- "/etc/passwd"' in doc.text


def test_html_keeps_markup_and_extracts_text():
    doc = _read("payloads.html")
    assert doc.html is not None and "<article>" in doc.html
    assert "lunar research station" in doc.text
    assert "alert('head')" not in doc.text and "alert('body')" not in doc.text
    assert doc.header_date is None


def test_html_fallback_without_trafilatura(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_trafilatura(name, *args, **kwargs):
        if name == "trafilatura":
            raise ImportError("not installed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    doc = _read("payloads.html")
    assert "lunar research station" in doc.text
    assert "alert('head')" not in doc.text and "alert('body')" not in doc.text
    assert any("trafilatura" in w for w in doc.warnings)


def test_list_inputs(tmp_path):
    for name in ["b.txt", "a.md", "C.HTML", "d.htm", ".hidden.txt", "notes.docx", "e.json"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "dir.txt").mkdir()
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("secret", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(outside)
    assert [p.name for p in list_inputs(tmp_path)] == ["C.HTML", "a.md", "b.txt", "d.htm"]


def test_list_inputs_seeds_sorted():
    names = [p.name for p in list_inputs(SEEDS)]
    assert names == sorted(names) and len(names) >= 5
