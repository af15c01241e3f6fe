"""Read one seed file into normalised text, or say why it must be skipped.

Seeds are scraped dumps from many tools: they come in UTF-8 with or without a
BOM, UTF-16 from Windows tools, windows-1252 from old ones, with CRLF or lone
CR line ends, stray NULs, and sometimes invisible characters that change what
a reader sees (bidi overrides can make ``txt.exe`` display as ``exe.txt``;
zero-width characters split words so searches and keyword rules miss them).
Every later stage assumes LF-only text without control or invisible
characters, so this module is the one place that guarantees it, and it
reports everything it changed in ``RawDoc.warnings`` so an editor can see
that a source was tampered with or mangled.

Files that cannot be articles (binary, empty, oversized) raise
:class:`~generator.errors.UserError` naming the file, so the caller can skip
them and list them all at the end of a run.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import re
import stat
import unicodedata
from pathlib import Path

from .errors import Problem, UserError
from .model import RawDoc

__all__ = ["DEFAULT_MAX_BYTES", "HTML_SUFFIXES", "INPUT_SUFFIXES", "decode_bytes", "list_inputs", "normalise_text", "read_file"]

DEFAULT_MAX_BYTES = 5_000_000
INPUT_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
HTML_SUFFIXES = frozenset({".html", ".htm"})

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of common binary formats that a scraper may save as .txt.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF"),
)

# C0 controls other than tab/LF/CR, which are plain text: their share decides
# whether undecodable bytes are text in a legacy encoding or binary.
_BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0D}
_SAMPLE = 65_536
_MAX_NUL_SHARE = 0.05
_MAX_CONTROL_SHARE = 0.05

_LINE_BREAKS_RE = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH_RE = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Other invisible characters that hide text from readers but not from search,
# keyword rules or language models: soft hyphen, Mongolian vowel separator,
# invisible math operators and Unicode "tag" characters (ASCII smuggling).
_INVISIBLE_RE = re.compile("[\u00ad\u180e\u2061-\u2064\U000e0000-\U000e007f]")
_TRAILING_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_HEADER_RE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?")

# Windows-1252 leaves five bytes undefined; Python's codec refuses them, a
# browser maps them to the C1 control of the same number.  Do the same (the
# controls are then removed like any other).
_CP1252 = {b: bytes([b]).decode("cp1252", "replace") for b in range(256)}
_CP1252.update({b: chr(b) for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)})


def _skip(path: Path, reason: str) -> UserError:
    return UserError(Problem(path=str(path), message=f"skipped: {reason}"))


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` (without a BOM) looks binary, or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return f"binary file ({kind} data), not text"
    sample = data[:_SAMPLE]
    nul = sample.count(0)
    if nul / len(sample) > _MAX_NUL_SHARE:
        return f"binary file ({nul} NUL bytes in the first {len(sample)}), not text"
    controls = sum(1 for b in sample if b in _BINARY_BYTES)
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        return f"binary file ({controls} control bytes in the first {len(sample)}), not text"
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` for BOM-less UTF-16 of mostly-ASCII text.

    Such text has a NUL in every other byte and nowhere else; binary data
    does not look like that.
    """
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nul > 0.5 * half and even_nul == 0:
        return "utf-16-le"
    if even_nul > 0.5 * half and odd_nul == 0:
        return "utf-16-be"
    return None


def _garbage_reason(text: str) -> str | None:
    """Why decoded ``text`` is not plausible text (e.g. binary with a BOM)."""
    if not text:
        return None
    sample = text[:_SAMPLE]
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cn", "Co") and ch not in "\t\n\r")
    )
    if bad / len(sample) > _MAX_CONTROL_SHARE:
        return f"undecodable content ({bad} control, private-use or unassigned characters in the first {len(sample)})"
    return None


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Legacy web encodings a page may declare, by Python codec name.  Anything
# else (utf-7, unicode_escape, idna, rot13, zlib...) is ignored: a page must
# not choose a codec that rewrites its own bytes into markup or crashes.
_LEGACY_CODEC_RE = re.compile(
    r"iso8859-\d+|cp\d+|koi8-[ru]|mac-[a-z]+|shift_jis|euc_jp|euc_kr|iso2022_jp\w*|gb2312|gbk|gb18030|big5\w*|tis-620"
)


def _declared_charset(data: bytes) -> str | None:
    """The legacy codec an HTML ``<meta charset>`` declares in the first 4 KiB."""
    m = _META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return name if _LEGACY_CODEC_RE.fullmatch(name) else None


def _decode_legacy(data: bytes, *, html: bool) -> tuple[str, str, str]:
    """Bytes that are not UTF-8: the page's declared codec, else windows-1252."""
    declared = _declared_charset(data) if html else None
    if declared is not None and declared not in ("cp1252", "iso8859-1"):  # browsers read latin-1 as 1252
        try:
            return data.decode(declared), declared, f"not valid UTF-8: decoded as {declared} (declared in the page)"
        except UnicodeDecodeError:
            pass
    text = "".join(map(_CP1252.__getitem__, data))
    return text, "windows-1252", "not valid UTF-8: decoded as windows-1252"


def decode_bytes(data: bytes, *, html: bool = False) -> tuple[str, str, list[str]]:
    """Decode ``data`` as text: ``(text, encoding, warnings)``.

    Raises ``ValueError`` with a reason when the bytes are not text.  A BOM
    decides the encoding; without one, UTF-8 is tried, then (for ``html``)
    the page's declared ``<meta charset>``, and windows-1252 is the fallback
    (every byte sequence decodes in it, so the binary checks run first).
    """
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid {encoding} despite its byte-order mark ({exc.reason})") from None
            break
    else:
        bomless = _sniff_utf16(data)
        if bomless:
            encoding = bomless
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"no byte-order mark: decoded as {encoding.upper()}")
                reason = _garbage_reason(text)
                if reason:
                    raise ValueError(reason)
                return text, encoding, warnings
        reason = _binary_reason(data)
        if reason:
            raise ValueError(reason)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, warning = _decode_legacy(data, html=html)
            warnings.append(warning)
    reason = _garbage_reason(text)
    if reason:
        raise ValueError(reason)
    return text, encoding, warnings


def _describe(chars: list[str]) -> str:
    codes = sorted(set(chars))
    shown = ", ".join(f"U+{ord(c):04X}" for c in codes[:8])
    return shown + (", ..." if len(codes) > 8 else "")


def normalise_text(text: str) -> tuple[str, list[str]]:
    """LF line ends, no controls or invisible characters: ``(text, warnings)``.

    Removed characters are counted and named in the warnings, because their
    presence in a news article is itself suspicious.
    """
    warnings: list[str] = []
    text = _LINE_BREAKS_RE.sub("\n", text)
    for regex, what in (
        (_CONTROL_RE, "control"),
        (_BIDI_RE, "bidirectional override/isolate"),
        (_ZERO_WIDTH_RE, "zero-width"),
        (_INVISIBLE_RE, "other invisible"),
    ):
        found = regex.findall(text)
        if found:
            text = regex.sub("", text)
            plural = "s" if len(found) != 1 else ""
            warnings.append(f"removed {len(found)} {what} character{plural} ({_describe(found)})")
    text = text.replace("\u00a0", " ")
    text = _TRAILING_RE.sub("", text)
    return text, warnings


def _split_header(text: str) -> tuple[str, str | None, list[str]]:
    """Take the `` date YYYY-MM-DD <first sentence>`` header off ``text``."""
    first, newline, rest = text.partition("\n")
    m = _HEADER_RE.fullmatch(first)
    if not m:
        return text, None, []
    date, sentence = m.group(1), (m.group(2) or "").strip()
    warnings: list[str] = []
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        warnings.append(f"header date {date} is not a real date: ignored")
        date = None
    body = f"{sentence}{newline}{rest}" if sentence else rest
    return body, date, warnings


def _html_text(markup: str) -> tuple[str, list[str]]:
    """Plain text of an HTML page: trafilatura's article text, else all text."""
    try:
        import trafilatura  # heavy, and broken when lxml_html_clean is missing
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
        warnings = [f"trafilatura unavailable ({type(exc).__name__}): used the plain HTML text"]
    else:
        try:
            extracted = trafilatura.extract(markup, output_format="txt", include_comments=False)
        except Exception as exc:  # noqa: BLE001 - a parser crash on hostile HTML must not stop the run
            extracted = None
            warnings = [f"trafilatura failed ({type(exc).__name__}): used the plain HTML text"]
        else:
            if extracted and extracted.strip():
                return extracted, []
            warnings = ["trafilatura found no article text: used the plain HTML text"]
    return _lxml_text(markup), warnings


_BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "section", "article", "header", "footer", "table", "ul", "ol", "dl", "dt", "dd",
    "figure", "figcaption", "main", "aside", "nav", "hr", "title",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def _lxml_text(markup: str) -> str:
    """Every text node, one paragraph per block element, blank-line separated."""
    import lxml.etree
    import lxml.html

    markup = _XML_DECL_RE.sub("", markup)
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return ""
    lxml.etree.strip_elements(root, *_DROP_TAGS, with_tail=False)
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDoc:
    """Read and normalise one seed file (``.txt``/``.md``, or ``.html``/``.htm``).

    Raises :class:`UserError` when the file must be skipped: over
    ``max_bytes``, empty or whitespace-only, binary or undecodable.
    """
    path = Path(path)
    is_html = path.suffix.lower() in HTML_SUFFIXES
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _skip(path, "not a regular file")
        size = info.st_size
        if size > max_bytes:
            raise _skip(path, f"file is {size} bytes, over the {max_bytes}-byte limit")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise _skip(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew while we looked
        raise _skip(path, f"file is over the {max_bytes}-byte limit")
    if not data:
        raise _skip(path, "file is empty")
    try:
        decoded, _encoding, warnings = decode_bytes(data, html=is_html)
    except ValueError as exc:
        raise _skip(path, str(exc)) from None

    text, found = normalise_text(decoded)
    warnings += found
    header_date: str | None = None
    markup: str | None = None
    if is_html:
        markup = text
        extracted, found = _html_text(markup)
        warnings += found
        text, found = normalise_text(extracted)
        warnings += found
    else:
        text, header_date, found = _split_header(text)
        warnings += found
    text = text.strip("\n")
    if not text.strip():
        raise _skip(path, "no text (empty or whitespace only)")
    return RawDoc(
        path=str(path),
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text + "\n",
        header_date=header_date,
        html=markup,
        warnings=tuple(warnings),
    )


def list_inputs(seeds_dir: Path) -> list[Path]:
    """The readable seed files directly in ``seeds_dir``, sorted by name.

    Only ``.txt``, ``.md``, ``.html`` and ``.htm`` (any case); hidden files
    and folders are ignored, and so are symlinks that lead outside
    ``seeds_dir`` (a link to ``/etc/passwd`` must not get published).  The
    caller reports the other files it finds.
    """
    root = Path(seeds_dir).resolve()
    found: list[Path] = []
    for entry in Path(seeds_dir).iterdir():
        if entry.name.startswith(".") or entry.suffix.lower() not in INPUT_SUFFIXES:
            continue
        if not entry.is_file():
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(root):
            continue
        found.append(entry)
    return sorted(found, key=lambda p: p.name)
