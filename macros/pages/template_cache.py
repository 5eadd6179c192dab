"""The theme's templates compiled once, not at every build.

MkDocs makes a new Jinja environment for each build, and Jinja compiles every template of the theme
again: about a quarter of a second of each `make serve` rebuild and of each `make build`. Jinja's own
bytecode cache keeps the compiled templates in a folder of the system's temporary directory that only
this user can write; an entry is used only while its template's source is unchanged and the Python
version is the same, so a theme upgrade or an edit to overrides/ compiles afresh. The pages built are
the same with or without it.

The theme writes its settings into each page as JSON (`tojson`); written with its letters as they are
rather than as escapes (`\\u0421`), a Russian page's settings take a third of the bytes. Jinja still escapes
`<`, `>`, `&` and `'` in it, so it cannot end its script element."""

from __future__ import annotations

import jinja2


def with_bytecode_cache(env: jinja2.Environment) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env
