"""Build ``generator/data/stopwords.json`` (run once; the output is committed).

The cleaner needs, per language, the few hundred most frequent function words
so that "share of stop-words" means the same thing on a Russian or Korean page
as on an English one.  jusText ships frequency-ordered stop lists for about a
hundred languages (BSD licence, (c) Jan Pomikalek / Michal Belica); we keep the
``TOP`` most frequent lower-cased entries of the languages listed in
``LANGS``.  jusText has no Chinese or Japanese lists: for those two we write
short lists of function characters/words ourselves (the cleaner counts them
per character, since those scripts do not separate words by spaces).

Usage: python benchmarks/build_stopwords.py [JUSTEXT_STOPLIST_DIR]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TOP = 200

# ISO 639-1 code -> jusText stop-list file stem
LANGS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish",
    "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "sr": "Serbian",
    "hr": "Croatian", "cs": "Czech", "sk": "Slovak", "sl": "Slovenian",
    "ro": "Romanian", "hu": "Hungarian", "fi": "Finnish", "et": "Estonian",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "el": "Greek",
    "tr": "Turkish", "ar": "Arabic", "fa": "Persian", "he": "Hebrew",
    "hi": "Hindi", "ko": "Korean", "id": "Indonesian", "vi": "Vietnamese",
    "ca": "Catalan", "lt": "Lithuanian", "lv": "Latvian",
}

# Our own lists for scripts without spaces between words: single function
# characters (zh) and kana particles / auxiliaries (ja).
ZH = list("的了是在和有我他这中也不人们为上个到说以对与将等就都而及被把从")
JA = ["の", "に", "は", "を", "た", "が", "で", "て", "と", "し", "れ", "さ",
      "ある", "いる", "も", "な", "する", "から", "こと", "として", "い", "や",
      "れる", "など", "なっ", "ない", "この", "ため", "その", "あっ", "よう",
      "また", "もの", "という", "あり", "まで", "られ", "なる", "へ", "か",
      "だ", "これ", "によって", "により", "おり", "より", "による", "ず", "なり",
      "られる", "において", "ば", "なかっ", "なく", "しかし", "について", "せ",
      "だっ", "その後", "できる", "それ", "う", "ので", "なお", "のみ", "でき",
      "き", "つ", "における", "および", "いう", "さらに", "でも", "ら", "たり",
      "です", "ます", "でした", "ました"]

WORD = re.compile(r"\w+")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        src = Path(argv[1])
    else:
        import justext  # only needed when building

        src = Path(justext.__file__).parent / "stoplists"
    out: dict[str, list[str]] = {}
    for code, stem in LANGS.items():
        seen: list[str] = []
        for raw in (src / f"{stem}.txt").read_text(encoding="utf-8").splitlines():
            for tok in WORD.findall(raw.lower()):
                if tok not in seen and not tok.isdigit():
                    seen.append(tok)
            if len(seen) >= TOP:
                break
        out[code] = seen[:TOP]
    out["zh"] = ZH
    out["ja"] = JA
    dest = Path(__file__).resolve().parent.parent / "generator" / "data" / "stopwords.json"
    dest.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {dest} ({len(out)} languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
