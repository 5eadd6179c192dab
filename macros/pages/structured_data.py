"""schema.org structured data (JSON-LD) for every page, built from the data. Knows nothing of MkDocs.

Search engines and health apps read it to learn who publishes a page, when it was last reviewed and what
it is about. Every page is a `MedicalWebPage` for patients, published by the clinic as a `MedicalClinic`;
condition pages are `about` a `MedicalCondition`, and the massage types are `MedicalTherapy` entries
with their contraindications.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Content, model
from . import markup, registry

SCHEMA_ORG = "https://schema.org"
PATIENT = "https://schema.org/Patient"


def clinic(content: Content) -> dict[str, Any]:
    c = content.clinic
    return {
        "@type": "MedicalClinic",
        "name": c.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": c.address.street,
            "addressLocality": c.address.town,
            "postalCode": c.address.postcode,
            "addressCountry": c.address.country,
        },
        "telephone": c.phone,
        "email": c.email,
        "openingHours": c.opening_hours,
        "url": c.booking_url,
    }


def contraindication(ci: model.Contraindication) -> dict[str, Any]:
    return {"@type": "MedicalContraindication", "name": ci.name, "description": ci.plain}


def therapy(
    content: Content, massage_type: model.MassageType, *, contraindications: bool = True
) -> dict[str, Any]:
    """A massage type, with its contraindications (every one in the data applies to back massage of
    either type), or without them."""
    data: dict[str, Any] = {
        "@type": "MedicalTherapy",
        "name": massage_type.name,
        "description": massage_type.summary,
    }
    if contraindications:
        data["contraindication"] = [contraindication(ci) for ci in content.contraindications.values()]
    if massage_type.also_called:
        data["alternateName"] = list(massage_type.also_called)
    return data


def condition(content: Content, c: model.Condition) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "MedicalCondition",
        "name": c.name,
        "description": c.summary,
        "possibleTreatment": therapy(content, content.massage_types[c.massage_type]),
    }
    if c.also_called:
        data["alternateName"] = list(c.also_called)
    if c.feels_like:
        data["signOrSymptom"] = {"@type": "MedicalSymptom", "description": c.feels_like}
    if c.causes:
        data["cause"] = [{"@type": "MedicalCause", "name": cause} for cause in c.causes]
    return data


def reviewers(content: Content, entries: list[model.Reviewed]) -> list[dict[str, Any]]:
    """Who checked the texts, and on a page in a translation, who checked the translation."""
    ids = {e.reviewed_by for e in entries}
    if content.language and content.language.reviewed_by:
        ids.add(content.language.reviewed_by)
    return [{"@type": "Organization", "name": content.reviewers[i].name} for i in sorted(ids)]


def web_page(
    content: Content, src_uri: str, *, title: str, description: str | None, url: str | None = None
) -> dict[str, Any]:
    """The JSON-LD object of one page, given its source path ('conditions/radiculitis.md')."""
    entries = registry.entries_on_page(content, src_uri)
    data: dict[str, Any] = {
        "@context": SCHEMA_ORG,
        "@type": "MedicalWebPage",
        "name": title,
        "inLanguage": content.code,
        "lastReviewed": registry.page_reviewed(content, src_uri).isoformat(),
        "reviewedBy": reviewers(content, entries),
        "medicalAudience": PATIENT,
        "publisher": clinic(content),
    }
    if description:
        data["description"] = " ".join(description.split())
    if url:
        data["url"] = url
    about = registry.page(content, src_uri).about  # the page registry says what the page is about
    condition_id = registry.condition_id(src_uri)
    if about == "condition" and condition_id:
        data["about"] = condition(content, content.conditions[condition_id])
    elif about in ("therapies", "treatments"):
        listed = about == "therapies"
        data["about"] = [
            therapy(content, t, contraindications=listed) for t in content.massage_types.values()
        ]
    elif about == "clinic":
        data["about"] = clinic(content)
    return data


def script_text(data: dict[str, Any]) -> str:
    """JSON for inside <script type="application/ld+json">: valid JSON in which no character can end the
    script element or start markup, whatever an editor typed (markup.json_for_script)."""
    return markup.json_for_script(data)


def for_page(content: Content, src_uri: str, meta: Mapping[str, Any], url: str | None) -> str:
    """The JSON-LD script text of a page, from its source path and front matter. A condition's page names
    the condition as the data has it (its front matter holds the name escaped for the theme)."""
    cid = registry.condition_id(src_uri)
    if cid is not None and cid in content.conditions:
        condition_entry = content.conditions[cid]
        title, description = condition_entry.name, condition_entry.summary
    else:
        title = meta.get("title") or content.clinic.site_name
        description = meta.get("description") or ""
    return script_text(web_page(content, src_uri, title=title, description=description, url=url))
