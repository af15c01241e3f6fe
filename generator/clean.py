"""STAND-IN until the cleaner lands."""
from .model import CleanResult, LineDecision
def clean(text):
    return CleanResult(tuple(LineDecision(i, l, bool(len(l) > 80), "len") for i, l in enumerate(text.split("\n"), 1)))
def explain(r):
    return "\n".join(f"{d.number:4} {'KEEP' if d.kept else 'DROP'} {d.reason} | {d.text}" for d in r.lines)
