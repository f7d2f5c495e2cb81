"""The user's settings file, ``<config dir>/config.toml``: the theme and remapped keys.

::

    theme = "textual-light"     # any theme the command palette's "Theme" offers

    [keymap]                    # binding id = key, or several keys separated by commas
    "app.help" = "f1"
    "runner.log" = "enter,l"

A setting that is wrong (an unknown binding id, a key Textual does not know, a key already
taken) is reported with the file and the key's name, and left out; the rest applies. The
app changes ``theme`` itself when you pick one from the palette, keeping the rest of the
file (comments too) as it was.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

FILE_NAME = "config.toml"
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super")


@dataclass
class Settings:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def key_problem(key: str) -> str | None:
    """Why ``key`` is not a key Textual can bind (None when it is one)."""
    from textual.keys import Keys, key_to_character

    if not key:
        return "an empty key"
    if len(key) == 1:
        return None if key.isprintable() and not key.isspace() else f"{key!r} is not a key"
    *mods, base = key.split("+")
    bad = [m for m in mods if m not in MODIFIERS]
    if bad:
        return f"{bad[0]!r} is not a modifier (use {', '.join(MODIFIERS)})"
    named = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
    if len(base) == 1 or base in named or key_to_character(base):
        return None
    return f"{key!r} is not a key name (e.g. f1, space, enter, question_mark, or one character)"


def _flatten(table: Mapping[str, object], prefix: str = "") -> Iterable[tuple[str, object]]:
    """``app.help = "f1"`` is a nested table in TOML; give back ``("app.help", "f1")``."""
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def parse_keymap(
    table: object, known: Collection[str], where: str
) -> tuple[dict[str, str], list[str]]:
    """The valid entries of a ``[keymap]`` table, and one message per bad one."""
    from textual.keys import _normalize_key_list

    if not isinstance(table, dict):
        return {}, [f"{where}: [keymap] must be a table of binding id = key"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in _flatten(table):
        at = f"{where}: keymap {binding_id}"
        if binding_id not in known:
            problems.append(f"{at}: no key has this id (help, ?, lists the ids)")
            continue
        if not isinstance(value, str):
            problems.append(f'{at}: give the key as text, e.g. "f1" or "enter,l"')
            continue
        keys = [k.strip() for k in value.split(",")]
        bad = next((p for k in keys if (p := key_problem(k))), None)
        if bad:
            problems.append(f"{at}: {bad}")
            continue
        keymap[binding_id] = _normalize_key_list(",".join(keys))
    return keymap, problems


def clashes(keymap: Mapping[str, str], scopes: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """Remapped bindings whose new key another binding in reach already uses: {id: other id}.

    ``scopes`` hold the default ``{binding id: keys}`` of bindings in reach together (the
    app's and one screen's, or a dialog's own).
    """
    found: dict[str, str] = {}
    for scope in scopes:
        taken: dict[str, str] = {}
        for binding_id, keys in scope.items():
            for key in keymap.get(binding_id, keys).split(","):
                other = taken.setdefault(key, binding_id)
                if other == binding_id:
                    continue
                if binding_id in keymap:
                    found.setdefault(binding_id, other)
                elif other in keymap:
                    found.setdefault(other, binding_id)
    return found


def read_settings(
    path: Path, known: Collection[str], scopes: Iterable[Mapping[str, str]] = ()
) -> Settings:
    """The settings in ``path``; a missing file means defaults, a broken one says where."""
    settings = Settings()
    if not path.is_file():
        return settings
    import tomllib

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        settings.problems.append(
            f"{path}: cannot be read ({err.__class__.__name__}); using the defaults"
        )
        return settings
    except tomllib.TOMLDecodeError as err:
        settings.problems.append(f"{path}: {err}; using the defaults")
        return settings
    theme = doc.get("theme")
    if theme is not None and not isinstance(theme, str):
        settings.problems.append(f'{path}: theme must be text, e.g. theme = "textual-light"')
    else:
        settings.theme = theme
    if "keymap" in doc:
        keymap, problems = parse_keymap(doc["keymap"], known, str(path))
        settings.problems += problems
        for binding_id, other in sorted(clashes(keymap, scopes).items()):
            key = keymap.pop(binding_id)
            settings.problems.append(
                f"{path}: keymap {binding_id}: {key!r} is already the key of {other}"
            )
        settings.keymap = keymap
    for name in doc:
        if name not in ("theme", "keymap"):
            settings.problems.append(f"{path}: unknown setting {name!r} (known: theme, [keymap])")
    return settings


THEME_LINE = re.compile(r"^\s*theme\s*=")
TABLE_LINE = re.compile(r"^\s*\[")


def save_theme(path: Path, theme: str) -> None:
    """Set ``theme = "…"`` in the settings file, keeping every other line as it is."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    new = f'theme = "{theme}"'
    top = next((i for i, line in enumerate(lines) if TABLE_LINE.match(line)), len(lines))
    at = next((i for i in range(top) if THEME_LINE.match(lines[i])), None)
    if at is None:
        lines.insert(0, new)  # top-level keys must come before the first [table]
    else:
        lines[at] = new
    path.parent.mkdir(parents=True, exist_ok=True)
    from journal.store import files  # a unique, exclusive, no-follow temp file, then renamed

    files.write_private(path, ("\n".join(lines) + "\n").encode("utf-8"))
