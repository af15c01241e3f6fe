"""STAND-IN: minimal escaping until the safety module lands."""
import re
def escape_text(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = re.sub(r"([\\`*_\[\]{}()#+\-.!|~^=:])", r"\\\1", s)
    return s.replace("{", "&#123;").replace("}", "&#125;")
def unescape_markdown(md: str) -> str:
    import html
    return html.unescape(re.sub(r"\\(.)", r"\1", md))
