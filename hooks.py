"""MkDocs hooks: give every condition in the data its own page and put them in the navigation, put
the words patients search for into the search index, and brand the site from data/clinic.yml (name,
logo, colour, contact line), so nobody edits mkdocs.yml; explain glossary words wherever they appear; give
every page its review date and structured data."""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from macros import (
    branding,
    go_live,
    load_site_content,
    markup,
    pages,
    preview,
    render,
    review_dates,
    structured_data,
)
from macros.search_terms import KEYWORDS_FIELD, Place, add_keywords, search_terms_by_place

CONDITIONS_INDEX = "conditions/index.md"
# Up to this many conditions are listed one by one under "Conditions". A longer list is split by first
# letter (A, B, …): with Material's navigation.prune a page then carries the letters and its own letter's
# conditions, not every condition, so pages stay small and the build stays linear as a clinic adds more.
NAV_CONDITIONS_FLAT = 30
# Material ranks the top of a page up to 2.5 times above a section. A condition is the top of its own page,
# while stages, contraindications and visit questions are sections; halving the condition pages keeps a
# word that names a section from losing to a condition page that only shares a common word with it.
CONDITION_PAGE_SEARCH_BOOST = 0.5
# Not under "mkdocs": an overdue review is reported, but must not fail a strict build, so that an urgent
# correction can still be published.
_review_log = logging.getLogger("back_massage.review")
_content = None
_conditions: list = []  # set anew by on_config at every build, so `mkdocs serve` picks up new entries
_search_terms: dict[Place, list[str]] = {}
_page_urls: dict[str, str] = {}
# The clinic's colours are written at the end of the site's stylesheet, not into one of their own: one
# render-blocking request less on a patient's first visit.
SITE_CSS = "stylesheets/site.css"
# A glossary word as the abbr extension writes it from glossary.yml, or the start or end of an element that
# takes the focus itself (a link, a button, a summary).
_WORD_OR_FOCUS_TARGET = re.compile(r'<abbr title="[^"]*">|<(/?)(a|button|summary)\b[^>]*>', re.IGNORECASE)
_clinic_css = ""


def on_startup(command: str, dirty: bool) -> None:
    # While previewing, a data mistake keeps the last correct pages and shows the mistake over them.
    preview.previewing(command == "serve")


def on_config(config):
    global _content, _conditions, _search_terms, _clinic_css
    _content = content = load_site_content(config.config_file_path)
    clinic = content.clinic
    config.site_name = markup.theme_text(clinic.site_name)
    config.site_description = markup.theme_text(clinic.tagline)
    config.copyright = branding.footer_html(clinic, content.site_texts)
    config.extra["texts"] = branding.theme_texts(content.site_texts)
    if clinic.website and not config.site_url:  # a site_url in mkdocs.yml (a preview build) wins
        config.site_url = clinic.website
    config.theme["logo"] = branding.logo_in_docs(clinic)
    config.theme["favicon"] = branding.logo_in_docs(clinic)
    _clinic_css = branding.theme_css(clinic.primary_colour)
    if SITE_CSS not in config.extra_css:
        config.extra_css.append(SITE_CSS)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = render.glossary_abbreviations(content)
    for overdue in pages.overdue_reviews(content, review_dates.build_date()):
        _review_log.warning("WARNING -  Review overdue: %s", overdue)
    config.extra["draft"] = go_live.is_draft(content)  # overrides/main.html shows the draft notice
    for section in config.nav or []:
        for nav_pages in section.values():
            if isinstance(nav_pages, list) and CONDITIONS_INDEX in nav_pages:
                nav_pages += conditions_nav(content.conditions.values())
    _conditions = list(content.conditions.values())
    _search_terms = search_terms_by_place(content)
    return config


def conditions_nav(conditions) -> list:
    """Navigation entries for the condition pages: in the data's order, or by first letter when long."""
    if len(conditions) <= NAV_CONDITIONS_FLAT:
        return [render.condition_page_path(c.id) for c in conditions]
    letters: dict[str, list[str]] = {}
    for letter, _, cid in sorted((_first_letter(c.name), c.name.casefold(), c.id) for c in conditions):
        letters.setdefault(letter, []).append(render.condition_page_path(cid))
    return [{letter: paths} for letter, paths in letters.items()]


def _first_letter(name: str) -> str:
    """'Scoliosis' -> 'S'; "'Frozen' shoulder" -> 'F'."""
    return next((ch for ch in name if ch.isalnum()), "#").upper()


def on_files(files: Files, config) -> Files:
    for condition in _conditions:
        front_matter = {
            "title": markup.theme_text(condition.name),
            "description": markup.theme_text(condition.summary),
            "search": {"boost": CONDITION_PAGE_SEARCH_BOOST},
        }
        source = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in front_matter.items()) + "---\n\n"
        source += f"{{{{ condition_page({json.dumps(condition.id)}) }}}}\n"
        files.append(File.generated(config, render.condition_page_path(condition.id), content=source))
    _page_urls.clear()
    _page_urls.update({f.src_uri: f.url.removeprefix("./") for f in files.documentation_pages()})
    site_css = files.get_file_from_path(SITE_CSS)
    if site_css is not None:
        files.remove(site_css)
    styles = (site_css.content_string if site_css is not None else "") + "\n" + _clinic_css
    files.append(File.generated(config, SITE_CSS, content=styles))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    # Before the sitemap is written: its <lastmod> is the date the page's content was last reviewed.
    page.update_date = pages.last_reviewed(_content, page.file.src_uri).isoformat()
    page.meta["structured_data"] = structured_data.script_text(
        structured_data.web_page(
            _content,
            page.file.src_uri,
            # on_files wrote the conditions' titles and descriptions HTML-escaped for the theme
            title=html.unescape(page.meta.get("title") or page.title or _content.clinic.site_name),
            description=html.unescape(page.meta.get("description") or ""),
            url=page.canonical_url,
        )
    )
    return markdown


def on_page_content(html_text: str, page, config, files) -> str:
    return focusable_glossary_words(html_text)


def focusable_glossary_words(html_text: str) -> str:
    """A glossary word takes the keyboard focus (and a tap), so that the theme shows its explanation, a
    tooltip tied to the word with aria-describedby, as it does on hover; except inside a link, a button or
    a summary: one focus target never holds another. There the word keeps its explanation on hover, and
    the glossary page explains it to everyone."""
    depth = 0

    def mark(match: re.Match) -> str:
        nonlocal depth
        if match.group(2) is None:  # a glossary word
            return match.group(0) if depth else match.group(0)[:-1] + ' tabindex="0">'
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        return match.group(0)

    return _WORD_OR_FOCUS_TARGET.sub(mark, html_text)


def on_post_page(output: str, page, config) -> str:
    return preview.with_mistakes_shown(output)


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config) -> None:
    index_file = Path(config.site_dir) / "search" / "search_index.json"
    if not index_file.is_file():
        return  # the clinic turned the search off
    index = json.loads(index_file.read_text(encoding="utf-8"))
    if KEYWORDS_FIELD not in index["config"]["fields"]:
        raise PluginError(
            f"mkdocs.yml: the search plugin needs `fields: {KEYWORDS_FIELD}: {{boost: …}}`, or the words "
            "patients search for (also_called, search_terms) are not searchable"
        )
    missing = add_keywords(index, _page_urls, _search_terms)
    if missing:
        places = ", ".join(f"{page}#{anchor}" if anchor else page for page, anchor in missing)
        raise PluginError(f"search terms point at sections that are not in the search index: {places}")
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
