"""Export the JSON Schema of every data file from the models: `python -m macros.content.schema`.

Editors' YAML tools read these files (see the first line of each data file), so autocomplete and inline
errors follow the same rules as the build. A test fails when they are out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from . import COLLECTIONS
from .languages import LANGUAGE_FILE, LOCALES, Language
from .translation import words_schema

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"
VSCODE_SETTINGS = SCHEMA_DIR.parent.parent / ".vscode" / "settings.json"
# Editor settings that keep YAML valid while typing: spaces, never tabs.
EDITOR_SETTINGS = {
    "[yaml]": {
        "editor.insertSpaces": True,
        "editor.tabSize": 2,
        "editor.detectIndentation": False,
        "editor.renderWhitespace": "boundary",
    },
    "files.encoding": "utf8",
    "yaml.validate": True,
    "yaml.completion": True,
    "yaml.hover": True,
}


# Each file with a schema, and where editors find it: the data files, each language's language.yml, and
# each language's words of a data file (locales/<code>/conditions.yml: "translation-conditions.yml").
TRANSLATION = "translation-"
SCHEMAS: dict[str, Any] = {
    **COLLECTIONS,
    LANGUAGE_FILE: Language,
    **{TRANSLATION + name: COLLECTIONS[name] for name in COLLECTIONS if words_schema(COLLECTIONS[name])},
}
PLACES = (
    {name: f"data/{name}" for name in COLLECTIONS}
    | {LANGUAGE_FILE: f"{LOCALES}/*/{LANGUAGE_FILE}"}
    | {TRANSLATION + name: f"{LOCALES}/*/{name}" for name in COLLECTIONS}
)


def schema_for(file_name: str) -> dict[str, Any]:
    if file_name.startswith(TRANSLATION):
        schema = words_schema(SCHEMAS[file_name])
        assert schema is not None
        title = f"The words of data/{file_name.removeprefix(TRANSLATION)} in a language ({PLACES[file_name]})"
    else:
        schema = TypeAdapter(SCHEMAS[file_name]).json_schema()
        stem = file_name.removesuffix(".yml")
        title = f"{stem.replace('_', ' ').capitalize()} ({PLACES[file_name]})"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def render_schema(file_name: str) -> str:
    return json.dumps(schema_for(file_name), indent=2, ensure_ascii=False) + "\n"


def render_vscode_settings() -> str:
    """.vscode/settings.json: the same schema for each data file as its first line names, for editors
    that read `yaml.schemas` (VS Code with the YAML extension)."""
    schemas = {f"data/schema/{name.removesuffix('.yml')}.schema.json": PLACES[name] for name in SCHEMAS}
    return json.dumps({**EDITOR_SETTINGS, "yaml.schemas": schemas}, indent=2) + "\n"


def main() -> int:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for file_name in SCHEMAS:
        target = SCHEMA_DIR / f"{file_name.removesuffix('.yml')}.schema.json"
        text = render_schema(file_name)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(SCHEMA_DIR.parent.parent)}")
    settings = render_vscode_settings()
    if not VSCODE_SETTINGS.exists() or VSCODE_SETTINGS.read_text(encoding="utf-8") != settings:
        VSCODE_SETTINGS.parent.mkdir(exist_ok=True)
        VSCODE_SETTINGS.write_text(settings, encoding="utf-8")
        print(f"wrote {VSCODE_SETTINGS.relative_to(SCHEMA_DIR.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
