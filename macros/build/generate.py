"""`massage-site-generate [--project DIR]`: everything a builder needs from the data, written as plain
files into DIR/build/, so MkDocs, ProperDocs or Zensical can build the site from `build/mkdocs.yml`:

- `docs/`: the pages of docs/, each with front matter added from the page registry (pages/registry.py): its
  review date (the sitemap's <lastmod>, overrides/sitemap.xml); and a page for each condition
  (conditions/<id>.md), with its title, description and search weight;
- `docs/stylesheets/site.css`: the site's stylesheet with the clinic's colours at its end;
- `includes/abbreviations.md`: the glossary, as Markdown abbreviations every page gets (pymdownx.snippets);
- `mkdocs.yml`: a config that INHERITs the project's mkdocs.yml and adds the clinic's name, logo, colours,
  footer line, site address, the navigation with the condition pages, and the texts the templates show;
- `overrides/` and `hooks.py`, copied, so the folder builds on its own; and in `overrides/`, the theme's
  search made to load when a patient opens it (macros/theme_patches.py).

`make build`, `make serve` and the tests run it before MkDocs. Only files whose content changed are
written, so a preview rebuilds only for a real change. With `mistakes` (the preview, while the data has
a mistake) the pages stay as they were and the config lists the mistakes for the preview's overlay.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from ..checks import go_live
from ..checks.load import ContentError
from ..content import Content, dates
from ..pages import branding, markup, registry, render, search_separator, theme_patches
from . import docs_gate, languages
from . import project as project_files
from .checked import checked_content
from .faults import SITE_URL_VARIABLE
from .site_data import remember

OUT = "build"
CONDITIONS_INDEX = "conditions/index.md"
# Up to this many conditions are listed one by one under "Conditions". A longer list is split by first
# letter (A, B, …): with Material's navigation.prune a page then carries the letters and its own letter's
# conditions, not every condition, so pages stay small and the build stays linear as a clinic adds more.
NAV_CONDITIONS_FLAT = 30
# Material ranks the top of a page up to 2.5 times above a section. A condition is the top of its own page,
# while stages, contraindications and visit questions are sections; halving the condition pages keeps a
# word that names a section from losing to a condition page that only shares a common word with it.
CONDITION_PAGE_SEARCH_BOOST = 0.5
ABBREVIATIONS = "includes/abbreviations.md"
SITE_CSS = "stylesheets/site.css"
COPIED = ("overrides", "hooks.py")  # copied into build/, so it builds on its own


# --- Pages ------------------------------------------------------------------------------------------------


def page_source(content: Content, src_uri: str, meta: dict[str, Any], body: str) -> str:
    """A page's Markdown with its front matter: what it had, and the review date the page registry gives it
    (the sitemap's <lastmod>). The structured data is added while the page is built (on_post_page_macros
    in macros/__init__.py): as YAML it would cost a builder's pure-Python YAML reader seconds per page on
    a big site."""
    meta = {**meta, "last_reviewed": registry.page_reviewed(content, src_uri).isoformat()}
    return markup.front_matter(meta) + body


def condition_source(content: Content, condition_id: str) -> str:
    """A condition's page: its title and description (escaped for the theme) and the macro that writes it."""
    condition = content.conditions[condition_id]
    summary = " ".join(condition.summary.split())
    meta = {
        "title": markup.theme_text(condition.name),
        "description": markup.theme_text(summary),
        "search": {"boost": CONDITION_PAGE_SEARCH_BOOST},
    }
    body = f"\n{markup.macro_call('condition_page', condition_id)}\n"
    return page_source(content, registry.condition_page_path(condition_id), meta, body)


# --- Config -----------------------------------------------------------------------------------------------


def conditions_nav(content: Content) -> list[Any]:
    """Navigation entries for the condition pages: in the data's order, or by first letter when long."""
    conditions = list(content.conditions.values())
    if len(conditions) <= NAV_CONDITIONS_FLAT:
        return [registry.condition_page_path(c.id) for c in conditions]
    letters: dict[str, list[str]] = {}
    for letter, _, cid in sorted((_first_letter(c.name), c.name.casefold(), c.id) for c in conditions):
        letters.setdefault(letter, []).append(registry.condition_page_path(cid))
    return [{letter: paths} for letter, paths in letters.items()]


def _first_letter(name: str) -> str:
    """'Scoliosis' -> 'S'; "'Frozen' shoulder" -> 'F'."""
    return next((ch for ch in name if ch.isalnum()), "#").upper()


def nav(content: Content, base_nav: list[Any]) -> list[Any]:
    """The project's navigation with the condition pages after the conditions index."""

    def walk(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                out.append(
                    {key: walk(value) if isinstance(value, list) else value for key, value in item.items()}
                )
                if any(isinstance(v, list) and CONDITIONS_INDEX in v for v in item.values()):
                    (key,) = item
                    out[-1] = {key: [*out[-1][key], *conditions_nav(content)]}
            else:
                out.append(item)
        return out

    return walk(base_nav)


def site_address(content: Content) -> str | None:
    """Where the site is published: the clinic's `website:`, or the address the host gives the build
    (MASSAGE_SITE_URL, from the publish workflow), ending with a slash; None while neither says."""
    address = content.clinic.website or os.environ.get(SITE_URL_VARIABLE) or None
    return address if address is None or address.endswith("/") else address + "/"


def alternates(english: Content, english_code: str, here: str) -> list[dict[str, Any]]:
    """Each language of the site, for the language links and hreflang on a page in language `here`: its
    code, its own name, the path from `here`'s root to its root, and its address when the site's is known
    (empty for a site in one language)."""
    if not english.translations:
        return []
    address = site_address(english)
    sites = [
        (english_code, english, ""),
        *((code, c, f"{code}/") for code, c in english.translations.items()),
    ]
    back = "" if here == english_code else "../"
    return [
        {
            "code": code,
            "name": markup.html(words.site_texts.language.name),
            "path": back + root,
            "url": address + root if address else None,
            "current": code == here,
        }
        for code, words, root in sites
    ]


def language_plugins(base: dict[str, Any], code: str) -> list[Any]:
    """The project's plugins for a site in another language than English: its search in that language,
    words stemmed (Russian "спины", "спиной" and "спина" are one word) and its stop words dropped by the
    language's own filter, but no trimmer (it would strip Latin words, such as a medicine's name, from a
    Russian index); split at white space and punctuation (search_separator.py)."""
    plugins: list[Any] = []
    for plugin in base.get("plugins") or []:
        name, options = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, {})
        if name == "search":
            options = {
                **(options or {}),
                "lang": [code],
                "pipeline": ["stemmer", "stopWordFilter"],
                "separator": search_separator.separator(stop_words=()),
            }
        plugins.append({name: options} if options else name)
    return plugins


def generated_config(
    content: Content,
    base: dict[str, Any],
    mistakes: list[str],
    out: Path,
    english: Content | None = None,
    labels: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The generated mkdocs.yml of the site in `content`'s language: English (data/'s own) at build/, or a
    translation (`english` is then data/'s own content, `labels` its navigation's labels) at build/<code>/,
    built into site/<code>/."""
    clinic = content.clinic
    own = english or content
    language = content.language
    english_code = (base.get("theme") or {}).get("language", "en")
    code = language.code if language else english_code
    extensions = [e for e in base.get("markdown_extensions") or [] if e != "pymdownx.snippets"]
    # The glossary: every page gets the abbreviations file appended (the abbr extension reads it). The
    # snippets' folder is absolute: the extension reads it from the folder the builder runs in.
    snippets = {"auto_append": [ABBREVIATIONS], "base_path": [str(out)], "check_paths": True}
    extensions.append({"pymdownx.snippets": snippets})
    up = "../../" if language else "../"
    texts = branding.theme_texts(content.site_texts)
    draft = go_live.is_draft(own)
    if language and not draft and not go_live.translation_reviewed(own, language):
        # A site that is live in English, in a language no clinician who reads it has reviewed.
        draft, texts["draft_title"], texts["draft_text"] = True, "", markup.html(language.unreviewed)
    base_nav = base.get("nav") or []
    config: dict[str, Any] = {
        "INHERIT": f"{up}{project_files.CONFIG}",
        "site_name": markup.theme_text(clinic.site_name),
        "site_description": markup.theme_text(clinic.tagline),
        "copyright": branding.footer_html(clinic, content.site_texts),
        "theme": {"logo": branding.logo_in_docs(clinic), "favicon": branding.logo_in_docs(clinic)},
        "nav": nav(content, languages.translated_nav(base_nav, labels or {}) if language else base_nav),
        "markdown_extensions": extensions,
        "watch": [f"{up}macros"],
        "extra": {
            "generated_from": up.rstrip("/"),
            "language": language.code if language else None,
            "draft": draft,  # overrides/main.html shows the draft notice
            "notice": markup.html(language.notice) if language and language.notice else "",
            "texts": texts,
            "languages": alternates(own, english_code, code),
            "data_mistakes": mistakes,
            # Open Graph's locale: the site's language and the clinic's country, such as en_GB.
            "og_locale": f"{code}_{clinic.country_code}",
            # The header's colour for the phone's browser bar; the logo as PNG for a home screen and a
            # shared link (macros/pages/branding.py).
            "theme_colour": clinic.primary_colour.lower(),
            "home_screen_icon": branding.HOME_SCREEN_ICON,
            "share_picture": branding.SHARE_PICTURE,
            "share_picture_size": list(branding.SHARE_SIZE),
        },
    }
    if language:
        config["theme"]["language"] = language.code
        config["plugins"] = language_plugins(base, language.code)
    # A site_url in mkdocs.yml (a preview build) wins; then the clinic's address; then the host's.
    site_url = site_address(own)
    if site_url and not base.get("site_url"):
        config["site_url"] = site_url + (f"{language.code}/" if language else "")
    return config


# --- Writing --------------------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """Write `data` unless the file holds it already, so a preview rebuilds only for a real change."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _site_files(
    project: Path, content: Content, base: dict[str, Any], pages: dict[str, Path], out: Path
) -> dict[str, bytes]:
    """The generated files of one language's site (its pages from `pages`, by path under docs/; the rest
    of docs/ as it is), by path under its folder `out`."""
    files: dict[str, bytes] = {}
    docs = project / (base.get("docs_dir") or "docs")
    for file in docs_gate.published(docs):
        rel = file.relative_to(docs).as_posix()
        if file.suffix == ".md":
            page = pages.get(rel, file)
            front, body, _ = project_files.split_front_matter(page.read_text(encoding="utf-8"))
            meta = yaml.safe_load(front) or {}
            for key in ("title", "description"):  # the theme writes them into the HTML unescaped
                if isinstance(meta.get(key), str):
                    meta[key] = markup.theme_text(meta[key])
            files[f"docs/{rel}"] = page_source(content, rel, meta, body).encode()
        else:
            files[f"docs/{rel}"] = file.read_bytes()
    for path in registry.condition_pages(content):  # the page registry's condition pages
        files[f"docs/{path}"] = condition_source(content, registry.condition_id(path) or "").encode()
    css = (docs / SITE_CSS).read_text(encoding="utf-8") if (docs / SITE_CSS).is_file() else ""
    files[f"docs/{SITE_CSS}"] = (css + "\n" + branding.theme_css(content.clinic.primary_colour)).encode()
    logo = project / content.clinic.logo
    if logo.is_file():  # a missing logo is a data mistake, reported at its line
        for rel, data in branding.png_pictures(content.clinic, logo.read_bytes()).items():
            files[f"docs/{rel}"] = data
    files[ABBREVIATIONS] = markup.abbreviations(render.glossary_abbreviations(content)).encode()
    for name in COPIED:
        source = project / name
        for file in [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file()):
            files[file.relative_to(project).as_posix()] = file.read_bytes()
    for rel, data in theme_patches.theme_files().items():  # the theme's search, loaded on first use
        files[f"overrides/{rel}"] = data
    return files


def generate(project: Path, content: Content, mistakes: list[str] | None = None) -> Path:
    """Write the generated folder for `project` from `content`: build/ for English, and build/<code>/ for
    each language the clinic publishes beside it; return the English config's path."""
    if not mistakes:
        remember(project / "data", content)  # a build in this process reads the data once
    out = project / OUT
    base = project_files.read_config(project)
    files: dict[str, bytes] = {}
    configs = {"": generated_config(content, base, mistakes or [], out)}
    for code, words in content.translations.items():
        labels = languages.labels(project, code)
        configs[f"{code}/"] = generated_config(words, base, mistakes or [], out / code, content, labels)
    if not mistakes or not (out / "docs").is_dir():
        docs_gate.check(project)  # the same gate as `make check`, on the files about to be published
        files.update(_site_files(project, content, base, {}, out))
        for code, words in content.translations.items():
            own = _site_files(project, words, base, languages.pages(project, code), out / code)
            files.update({f"{code}/{rel}": data for rel, data in own.items()})
        # Files no longer generated (a condition removed, a language no longer published) go.
        kept = {f"{prefix}{project_files.CONFIG}" for prefix in configs}
        for old in sorted(out.rglob("*")) if out.is_dir() else []:
            rel = old.relative_to(out).as_posix()
            if old.is_file() and rel not in files and rel not in kept:
                old.unlink()
    for prefix, config in configs.items():
        files[f"{prefix}{project_files.CONFIG}"] = markup.yaml_document(config).encode()
    for rel, data in files.items():
        _write(out / rel, data)
    return out / project_files.CONFIG


def generated_configs(project: Path) -> list[tuple[Path, str]]:
    """Each generated config (after the generate step) with the folder of site/ it builds into: English at
    the root first (a build cleans its folder), then each language at its code."""
    out = project / OUT
    languages = sorted(p.parent.name for p in out.glob(f"*/{project_files.CONFIG}"))
    return [
        (out / project_files.CONFIG, ""),
        *((out / code / project_files.CONFIG, code) for code in languages),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="massage-site-generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    try:
        content = checked_content(project / "data")
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    for overdue in registry.overdue_reviews(content, dates.build_date()):
        print(f"warning: Review overdue: {overdue}", file=sys.stderr)
    try:
        generate(project, content)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
