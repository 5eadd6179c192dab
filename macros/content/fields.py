"""What a value of the data must be, field by field, where a pattern is not enough: a web address, an
email address, a phone number, a colour the header's white text stays readable on, the placeholders of a
site text. The models (model.py) use these as validators; the pages (pages/markup.py, pages/branding.py)
use the same functions, so what a page links to has passed them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from pydantic_core import PydanticCustomError

_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# Characters a web address never holds unencoded: they would end an attribute or start markup.
_UNSAFE_IN_URL = re.compile(r"[\s\"'<>`{}|\\^\x00-\x1f\x7f]")

# A placeholder in a site text: a name in braces, such as {emergency_number}.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholders(template: str) -> list[str]:
    """The placeholder names in a site text, in order, repeated ones as often as they appear."""
    return PLACEHOLDER.findall(template)


def placeholder_problem(value: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> str | None:
    """What is wrong with the {placeholders} of a text, or None: one that is not `allowed`, or one of
    `required` not there exactly once. The one rule for the site texts and the self-check's texts."""
    found = placeholders(value)
    listed = ", ".join(f"{{{n}}}" for n in allowed) or "none"
    for name in found:
        if name not in allowed:
            return f"unknown placeholder {{{name}}}; this text may hold only {listed}"
    for name in required:
        if found.count(name) != 1:
            return f"must hold {{{name}}} once, where the site puts its value (this text may hold {listed})"
    return None


def _refuse(kind: str, value: str, reason: str, advice: str) -> PydanticCustomError:
    return PydanticCustomError(
        kind, "{value} {reason}; {advice}", {"value": repr(value), "reason": reason, "advice": advice}
    )


def https_url(value: str) -> str:
    """Validator: `value` is an https:// web address with a host name and nothing that could leave an
    attribute; returns it unchanged."""
    advice = "write the full web address, starting with https://"
    unsafe = _UNSAFE_IN_URL.search(value)
    if unsafe:
        what = "a space" if unsafe.group(0).isspace() else f"the character {unsafe.group(0)!r}"
        reason = f"is not a web address: it holds {what}"
        raise _refuse("url", value, reason, "write it without, or copy the address again")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is not a number raises ValueError here
    except ValueError:
        raise _refuse("url", value, "is not a web address", advice) from None
    if parts.scheme != "https":
        raise _refuse("url", value, "does not start with https://", advice)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise _refuse("url", value, "holds a user name or password", "leave them out of the address")
    if not parts.hostname or not _HOST.match(parts.hostname):
        raise _refuse("url", value, "has no valid host name after https://", advice)
    return value


def site_address(value: str) -> str:
    """Validator: the address the site is published at, a checked https:// address with no query (?…) or
    fragment (#…): the sitemap and every page's canonical address are made by adding a page's path to it."""
    https_url(value)
    parts = urlsplit(value)
    if parts.query or parts.fragment or value.endswith(("?", "#")):
        raise _refuse(
            "url",
            value,
            "holds a query (?…) or a fragment (#…), which the address of a site's home never has",
            "write the address of the site's home page only, such as https://clinic.example/back-massage/",
        )
    return value


def email_address(value: str) -> str:
    """Validator: an email address, checked by the email-validator library (syntax only, no network)."""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        sentences = [part.strip().rstrip(".") for part in str(error).split(". ")]
        reason = "; ".join(part[0].lower() + part[1:] for part in sentences if part)
        raise PydanticCustomError(
            "email",
            "{value} is not an email address ({reason}); write one such as reception@clinic.example",
            {"value": repr(value), "reason": reason},
        ) from None
    return value


def phone_number(value: str) -> str:
    """Validator: a phone number holds digits (the pattern allows only digits, spaces, + ( ) -)."""
    if sum(ch.isdigit() for ch in value) < 3:
        raise PydanticCustomError(
            "phone",
            "{value} is not a phone number: it needs at least 3 digits; write the number patients call",
            {"value": repr(value)},
        )
    return value


# WCAG 2.x AA for normal text: the header's white text must stay readable on the clinic's colour.
MIN_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG 2.x)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(colour: str) -> float:
    return 1.05 / (luminance(colour) + 0.05)


def readable_under_white_text(colour: str) -> str:
    """Pydantic validator: refuse a colour too light for the white header text on it."""
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        raise PydanticCustomError(
            "colour_contrast",
            "{colour} is too light: white text on it has contrast {ratio}:1, it needs at least {minimum}:1; "
            "choose a darker colour",
            {"colour": repr(colour), "ratio": f"{ratio:.1f}", "minimum": f"{MIN_CONTRAST:g}"},
        )
    return colour
