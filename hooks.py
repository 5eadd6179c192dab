"""MkDocs hooks: give every condition in the data its own page and put them in the navigation."""

from __future__ import annotations

import json

from mkdocs.structure.files import File, Files

from macros import load_site_content, render

CONDITIONS_INDEX = "conditions/index.md"
_conditions: list = []  # set anew by on_config at every build, so `mkdocs serve` picks up new entries


def on_config(config):
    global _conditions
    content = load_site_content(config.config_file_path)
    config.site_name = content.clinic.site_name
    for section in config.nav or []:
        for pages in section.values():
            if isinstance(pages, list) and CONDITIONS_INDEX in pages:
                pages += [render.condition_page_path(c) for c in content.conditions]
    _conditions = list(content.conditions.values())
    return config


def on_files(files: Files, config) -> Files:
    for condition in _conditions:
        front_matter = {"title": condition.name, "description": condition.summary}
        source = "---\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in front_matter.items()) + "---\n\n"
        source += f"{{{{ condition_page({json.dumps(condition.id)}) }}}}\n"
        files.append(File.generated(config, render.condition_page_path(condition.id), content=source))
    return files
