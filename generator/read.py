"""STAND-IN until the safety module lands."""
import hashlib, re
from pathlib import Path
from .model import RawDoc
def read_file(path: Path, *, max_bytes=5_000_000) -> RawDoc:
    data = Path(path).read_bytes()
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    m = re.match(r" date (\d{4}-\d\d-\d\d) ?(.*)", text)
    hd = None
    if m:
        hd = m.group(1); text = m.group(2) + text[m.end():]
    return RawDoc(path=str(path), name=Path(path).name, sha256=hashlib.sha256(data).hexdigest(), text=text, header_date=hd)
def list_inputs(d): return sorted(p for p in Path(d).iterdir() if p.suffix in (".txt", ".html", ".htm", ".md"))
