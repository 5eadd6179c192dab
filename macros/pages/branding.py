"""The clinic's look and contact line on every page, from data/clinic.yml (no MkDocs here: hooks.py
applies these to the site settings). Its colour must keep the header readable."""

from __future__ import annotations

from ..content.model import Clinic
from ..content.site_texts import SiteTexts
from . import markup


def _mix(colour: str, other: str, share: float) -> str:
    parts = [
        round(int(colour[i : i + 2], 16) * (1 - share) + int(other[i : i + 2], 16) * share) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{p:02x}" for p in parts)


def theme_css(primary: str) -> str:
    """Material's primary colour variables for the clinic's colour (light and dark shades derived)."""
    primary = primary.lower()
    return (
        "/* The clinic's colours, from data/clinic.yml (primary_colour), added at every build. */\n"
        ":root, [data-md-color-scheme] {\n"
        f"  --md-primary-fg-color: {primary};\n"
        f"  --md-primary-fg-color--light: {_mix(primary, '#ffffff', 0.25)};\n"
        f"  --md-primary-fg-color--dark: {_mix(primary, '#000000', 0.25)};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        "  --md-primary-bg-color--light: rgba(255, 255, 255, 0.7);\n"
        f"  --md-accent-fg-color: {_mix(primary, '#000000', 0.25)};\n"
        "}\n"
    )


def footer_html(clinic: Clinic, texts: SiteTexts) -> str:
    """The clinic's line at the foot of every page: emergency number, name, phone, booking link; its words
    from data/site_texts.yml (`texts`)."""
    emergency = markup.filled(
        texts.footer.emergency,
        in_html=True,
        emergency_number=markup.phone_link(clinic.emergency_number, in_html=True),
    )
    phone = markup.filled(
        texts.footer.phone, in_html=True, phone=markup.phone_link(clinic.phone, in_html=True)
    )
    return (
        f'<span class="clinic-footer"><strong>{emergency}</strong> · {markup.html(clinic.name)} · {phone} · '
        f"{markup.html_link(texts.contact.book, clinic.booking_url)}</span>"
    )


def theme_texts(texts: SiteTexts) -> dict[str, str]:
    """The words the theme's templates show (the draft notice, the page-not-found page), HTML-escaped
    for overrides/main.html and overrides/404.html; {home} stays for the template's link."""
    not_found = texts.not_found
    return {
        "draft_title": markup.html(texts.draft_notice.title),
        "draft_text": markup.html(texts.draft_notice.text),
        "not_found_title": markup.html(not_found.title),
        "not_found_text": markup.html(not_found.text),
        "not_found_search": markup.html(not_found.search),
        "not_found_main_pages": markup.html(not_found.main_pages),
        "not_found_help": markup.filled(not_found.help, in_html=True, home="{home}"),
        "not_found_home": markup.html(not_found.home),
    }


def logo_in_docs(clinic: Clinic) -> str:
    """The logo's path inside the docs folder, as the theme wants it."""
    return clinic.logo.removeprefix("docs/")
