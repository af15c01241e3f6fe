"""Unit tests, one kind of boilerplate at a time, on small pages written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.clean import clean, detect_language, explain

ROOT = Path(__file__).resolve().parent.parent

BODY_EN = [
    "The city council approved the new cycling plan on Thursday after a long debate that lasted well into the evening.",
    "Under the plan, twelve kilometres of protected lanes will be built over the next three years, starting with the main road to the station.",
    "Shop owners had worried that the lanes would remove parking spaces, but the council agreed to keep loading zones on every block.",
    "The first works are expected to begin in the spring, once the tender for the construction contract has been completed.",
]


def page(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def decision(result, needle):
    return next(d for d in result.lines if needle in d.text)


def assert_body(result, sentences):
    body = result.body
    for s in sentences:
        assert s in body, explain(result)


def test_news_chrome_is_dropped_with_rule_names():
    text = page(
        "Skip to content",
        "Home\nNews\nSport\nWeather",
        *BODY_EN,
        "Share this article",
        "Read more: Council elections next May",
        "Subscribe to our newsletter for daily updates",
        "We use cookies to improve your experience. Accept all cookies",
        "Leave a comment",
        "© 2024 Riverside Gazette. All rights reserved.",
    )
    result = clean(text)
    assert_body(result, BODY_EN)
    expected = {
        "Skip to content": "chrome:skip-link",
        "Share this article": "chrome:share",
        "Read more:": "chrome:read-more",
        "Subscribe to our newsletter": "chrome:subscribe",
        "We use cookies": "chrome:cookie",
        "Leave a comment": "chrome:comment-form",
        "All rights reserved": "chrome:copyright",
    }
    for needle, reason in expected.items():
        d = decision(result, needle)
        assert not d.kept and d.reason.startswith(reason), d
    for nav in ("Home", "Sport", "Weather"):
        assert not decision(result, nav).kept


def test_forum_user_cards_replies_and_footer():
    text = page(
        "Council approves cycling plan",
        "bikelover\n\nbikelover\n\nSENIOR MEMBER\nMar 2, 2015\n4,102\n7\n8,300",
        *BODY_EN,
        "grumpy_driver\n\ngrumpy_driver\n\nFULL MEMBER\nJan 5, 2019\n310\n-2\n415\nCountry\nNorway",
        "This will make traffic in the centre even worse than it already is, mark my words.",
        "You must log in or register to reply here.",
        "Similar threads",
        "Bike lanes everywhere?\nReplies\n4\nViews\n120",
        "Top Bottom",
    )
    result = clean(text)
    assert result.body.split("\n") == BODY_EN, explain(result)
    assert decision(result, "SENIOR MEMBER").reason == "forum:user-card"
    assert decision(result, "mark my words").reason.startswith("forum:")
    assert decision(result, "Bike lanes everywhere").reason.startswith("forum:")


def test_glued_widget_is_split_off():
    glued = "Watch: the new lanes explained 1:05" + BODY_EN[1]
    result = clean(page(BODY_EN[0], glued, BODY_EN[2], BODY_EN[3]))
    d = decision(result, "twelve kilometres")
    assert d.kept and d.text == BODY_EN[1]
    assert d.reason.startswith("glued-widget")
    assert "1:05" not in result.body


def test_author_bio_and_name_line_are_dropped():
    result = clean(page(
        *BODY_EN,
        "Jane Porter\nJane Porter is a transport reporter for the Riverside Gazette. She has covered city politics since 2015.",
    ))
    assert result.body.split("\n") == BODY_EN, explain(result)
    assert decision(result, "is a transport reporter").reason == "author-bio"
    assert [d.reason for d in result.lines if d.text == "Jane Porter"] == ["author-bio:name"]


def test_photo_captions_are_dropped():
    result = clean(page(
        BODY_EN[0],
        "Cyclists and council members during the opening of the first lane on May 3, 2024.",
        BODY_EN[1],
        "The new lane on Station Road. (Photo: Riverside Gazette)",
        BODY_EN[2],
        BODY_EN[3],
    ))
    assert result.body.split("\n") == BODY_EN, explain(result)
    assert decision(result, "during the opening").reason == "caption"
    assert decision(result, "(Photo:").reason == "caption"


def test_a_sentence_with_a_verb_ending_like_a_caption_is_kept():
    line = "The mayor opened the first lane during a ceremony on May 3, 2024."
    result = clean(page(BODY_EN[0], line, *BODY_EN[1:]))
    assert decision(result, "The mayor opened").kept, explain(result)


def test_source_line_and_duplicated_title_leave_the_body():
    title = "Council approves twelve kilometres of cycle lanes"
    result = clean(page(title, title, *BODY_EN, "Source: Riverside Gazette, 4 May 2024"))
    assert result.body.split("\n") == BODY_EN, explain(result)
    assert decision(result, "Source:").reason.startswith("chrome:source-line")
    assert all(d.reason == "title:duplicate" for d in result.lines if d.text == title)


def test_seed_header_without_a_lead_sentence_is_dropped():
    result = clean(" date 2024-05-04 What's new\n\n" + page(*BODY_EN))
    assert not result.lines[0].kept
    assert result.body.split("\n") == BODY_EN


def test_seed_header_with_lead_sentence_keeps_the_sentence():
    lead = "The city will build twelve kilometres of protected cycle lanes, the council decided on Thursday."
    result = clean(f" date 2024-05-04 {lead}\n\n" + page(*BODY_EN))
    assert result.lines[0].kept and result.lines[0].text == lead and result.lines[0].reason == "header-lead"


RUSSIAN = [
    "В четверг городской совет утвердил новый план развития велосипедной инфраструктуры после долгих споров.",
    "Согласно плану, в течение трех лет в городе появится двенадцать километров защищенных велосипедных дорожек.",
    "Владельцы магазинов опасались, что дорожки займут парковочные места, но совет пообещал сохранить зоны разгрузки.",
    "Первые работы начнутся весной, когда будет завершен конкурс на выбор подрядчика.",
]
PORTUGUESE = [
    "A câmara municipal aprovou na quinta-feira o novo plano para bicicletas, depois de um longo debate que durou até a noite.",
    "Segundo o plano, serão construídos doze quilômetros de ciclovias protegidas nos próximos três anos.",
    "Os comerciantes temiam perder vagas de estacionamento, mas a câmara prometeu manter as zonas de carga em todos os quarteirões.",
    "As primeiras obras devem começar na primavera, depois de concluída a licitação para o contrato de construção.",
]
ITALIAN = [
    "Il consiglio comunale ha approvato giovedì il nuovo piano per le biciclette, dopo un lungo dibattito durato fino a sera.",
    "Secondo il piano, nei prossimi tre anni saranno costruiti dodici chilometri di piste ciclabili protette.",
    "I commercianti temevano di perdere i parcheggi, ma il consiglio ha promesso di mantenere le zone di carico in ogni isolato.",
    "I primi lavori dovrebbero iniziare in primavera, una volta conclusa la gara per il contratto di costruzione.",
]
KOREAN = [
    "시의회는 목요일 밤늦게까지 이어진 긴 토론 끝에 새로운 자전거 도로 계획을 승인했다.",
    "계획에 따르면 앞으로 3년 동안 시내에 12킬로미터의 보호 자전거 도로가 새로 만들어진다.",
    "상인들은 주차 공간이 줄어들 것을 걱정했지만 시의회는 모든 구역에 하역 공간을 유지하기로 했다.",
    "첫 공사는 시공사 선정 입찰이 끝나는 봄에 시작될 예정이다.",
]


@pytest.mark.parametrize(
    "lang,body,chrome",
    [
        ("ru", RUSSIAN, ["Главная\nНовости\nСпорт\nПоиск", "Поделиться", "Читайте также", "© 2024 Городские новости. Все права защищены."]),
        ("pt", PORTUGUESE, ["Início\nNotícias\nEsportes\nBusca", "Compartilhe", "Leia também", "© 2024 Jornal do Rio. Todos os direitos reservados."]),
        ("it", ITALIAN, ["Home\nCronaca\nSport\nCerca", "Condividi", "Leggi anche", "© 2024 Il Giornale del Fiume. Tutti i diritti riservati."]),
        ("ko", KOREAN, ["홈\n뉴스\n정치\n검색", "공유", "관련기사", "무단 전재 및 재배포 금지"]),
    ],
)
def test_non_english_articles_keep_their_body(lang, body, chrome):
    result = clean(page(chrome[0], chrome[1], *body, chrome[2], chrome[3]))
    assert result.language == lang
    assert result.body.strip(), explain(result)
    assert result.body.split("\n") == body, explain(result)


def test_never_empty_when_there_is_text():
    # short lines only, no sentence punctuation: the model keeps nothing, the fallback keeps the densest block
    text = page("메뉴\n홈", "서울시 새 자전거 도로 계획 발표 내년 봄 공사 시작 예정 시민 의견 수렴 중 주차 공간 유지 약속")
    result = clean(text)
    assert result.body.strip(), explain(result)


def test_empty_input():
    result = clean("")
    assert result.body == ""
    assert all(not d.kept for d in result.lines)


@pytest.mark.parametrize(
    "text,lang",
    [
        (" ".join(BODY_EN), "en"),
        (" ".join(RUSSIAN), "ru"),
        (" ".join(PORTUGUESE), "pt"),
        (" ".join(ITALIAN), "it"),
        (" ".join(KOREAN), "ko"),
        ("Der Stadtrat hat am Donnerstag den neuen Radverkehrsplan beschlossen, nachdem die Debatte bis in den Abend gedauert hatte.", "de"),
        ("Le conseil municipal a approuvé jeudi le nouveau plan vélo, après un long débat qui a duré jusqu'au soir.", "fr"),
        ("El ayuntamiento aprobó el jueves el nuevo plan de bicicletas, después de un largo debate que duró hasta la noche.", "es"),
        ("市议会周四批准了新的自行车道计划，这是在一场持续到晚上的长时间辩论之后做出的决定。", "zh"),
        ("市議会は木曜日、夜遅くまで続いた議論の末に新しい自転車道の計画を承認しました。", "ja"),
        ("", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_explain_has_one_row_per_line():
    text = page(*BODY_EN, "Share")
    result = clean(text)
    rows = explain(result).split("\n")
    assert len(rows) == len(text.splitlines())
    assert rows[0].startswith("   1 KEEP  ")
    assert " DROP  " in rows[-1] and rows[-1].endswith("| Share")
    assert "model p=" in rows[0]


def test_model_reasons_name_features():
    result = clean(page(*BODY_EN, "Home\nAbout\nLatest\nArchive\nWriters"))
    reasons = [d.reason for d in result.lines if d.reason.startswith("model")]
    assert all(": " in r and r.split(": ", 1)[1] for r in reasons)


def test_runtime_is_standard_library_only():
    code = (
        "import sys, generator.clean as c; c.clean('Hello world. ' * 20); "
        "bad = [m for m in ('numpy', 'sklearn', 'mkdocs', 'yaml') if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_data_files_are_valid():
    data = ROOT / "generator" / "data"
    stop = json.loads((data / "stopwords.json").read_text(encoding="utf-8"))
    for lang in ("en", "de", "fr", "es", "it", "pt", "ru", "ko", "zh", "ja", "nl", "pl", "tr", "ar"):
        assert stop[lang], lang
    model = json.loads((data / "clean_model.json").read_text(encoding="utf-8"))
    assert len(model["stage1"]["weights"]) == len(model["features"])
    assert len(model["stage2"]["weights"]) == len(model["stage2_features"])


def test_rule_dispatch_picks_what_the_buckets_pick():
    # ASCII lines try only the anchored rules that can start with their first
    # character; the answer must be the one of the word-limit buckets
    # (``low=None`` takes the plain re.I buckets, without the dispatch).
    import generator.clean as cl

    data = cl._data()
    assert data.rule_dispatch is not None
    lines = [
        "Share this", "share on facebook and twitter for more", "12 shares", "3 comments", "Comments (4)",
        "(c) 2021 Example Media", "Copyright 2020 all rights reserved", "example.com", "www.example.org/news",
        "Jane Doe (janedoe.com)", "Home", "Next article", "< Previous", "Read more", "Related articles",
        "5 min read", "Reading time: 4 minutes", "Source: Reuters", "Tags: space, moon", "Follow us on Twitter",
        "Subscribe to our newsletter for weekly updates", "Accept all cookies", "Skip to content",
        "Leave a comment", "Advertisement", "Watch now", "Sign in", "Menu", "Email", "Print this page",
        "Home | World | Business", "The launch is planned for 2026, officials said.",
        "Share your thoughts on the new cycling lanes with the council before the meeting next week",
    ]
    for path in sorted((ROOT / "tests" / "fixtures" / "clean").rglob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip().isascii()]
    for text in (ln for ln in lines if ln):
        low = text.lower()
        n = len(cl._WORD.findall(low))
        assert cl._chrome_rule(text, n, low) == cl._chrome_rule(text, n), text


def test_clean_detects_the_language_detect_language_does():
    # clean() takes the sample's words from its tokenised lines (except cut
    # lines, the header line and the last, truncated line of the sample)
    paths = sorted((ROOT / "tests" / "fixtures" / "clean").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts += [
        "date 2021-01-01 Der Rat hat den neuen Plan für Radwege am Donnerstag nach langer Debatte beschlossen.\n" * 3,
        " " * 70 + "\n" + "Le conseil a approuvé le nouveau plan vélo jeudi soir après un long débat public.\n" * 40,
        "0:47However, the council approved the new cycling plan on Thursday after a long debate.\n" * 2,
        "ΟΔΟΣ ΚΑΙ ΤΟ ΣΠΙΤΙ ΤΟΥ ΑΝΘΡΩΠΟΥ ΕΙΝΑΙ ΜΕΓΑΛΟ ΚΑΙ ΟΜΟΡΦΟ ΓΙΑ ΟΛΟΥΣ ΣΤΗΝ ΠΟΛΗ ΣΑΣ\n" * 30,
        "short\nlines\nonly\n",
    ]
    for text in texts:
        assert clean(text).language == detect_language(text), text[:80]
