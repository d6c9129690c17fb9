"""The sources file: TOML `[[sources]]` tables, validated up front so a typo fails in one clear line."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

KINDS = ("feed", "sitemap", "doj", "gdelt", "local")
_COMMON_KEYS = {"name", "kind", "url", "allow_private", "path"}


class SourcesFileError(ValueError):
    """The sources file cannot be used; the message is one line saying what is wrong and what to do."""


@dataclass(frozen=True)
class SourceConfig:
    """One source to poll. `options` carries kind-specific keys (gdelt `query`, local `path`, doj `max_pages`...)."""

    name: str
    kind: str
    url: str
    allow_private: bool = False
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def load_sources(path: Path) -> list[SourceConfig]:
    """Read and validate a sources file (unique names, known kinds, http(s) URLs, an existing folder for local)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesFileError(f"sources file {path} does not exist: pass a TOML file of [[sources]] tables") from None
    except tomllib.TOMLDecodeError as error:
        raise SourcesFileError(f"sources file {path} is not valid TOML ({error}): fix the syntax") from None
    except UnicodeDecodeError:
        raise SourcesFileError(f"sources file {path} is not UTF-8 text: save it as UTF-8") from None
    except OSError as error:
        raise SourcesFileError(f"sources file {path} cannot be read ({error.strerror}): pass a readable file") from None
    tables = data.get("sources")
    if not isinstance(tables, list) or not tables:
        raise SourcesFileError(f"sources file {path} has no [[sources]] tables: add at least one")
    configs: list[SourceConfig] = []
    for number, table in enumerate(tables, start=1):
        configs.append(_source(table, number, Path(path).parent))
    seen: set[str] = set()
    for config in configs:
        if config.name in seen:
            raise SourcesFileError(f"source name {config.name!r} appears twice in {path}: give each source a unique name")
        seen.add(config.name)
    return configs


def _source(table: Mapping[str, Any], number: int, base: Path) -> SourceConfig:
    name = table.get("name")
    where = f"source #{number}" + (f" ({name!r})" if name else "")
    if not isinstance(name, str) or not name.strip():
        raise SourcesFileError(f"{where} has no name: add name = \"...\"")
    kind = table.get("kind")
    if kind not in KINDS:
        raise SourcesFileError(f"{where} has kind {kind!r}: use one of {', '.join(KINDS)}")
    allow_private = table.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise SourcesFileError(f"{where} has allow_private = {allow_private!r}: use true or false")
    options = {key: value for key, value in table.items() if key not in _COMMON_KEYS}
    if kind == "local":
        url = _local_folder(table, where, base, options)
    else:
        url = table.get("url")
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourcesFileError(f"{where} has url {url!r}: give an http:// or https:// URL")
    if kind == "gdelt" and not str(options.get("query", "")).strip():
        raise SourcesFileError(f"{where} is a gdelt source without a query: add query = \"...\"")
    return SourceConfig(name.strip(), kind, url, allow_private, MappingProxyType(options))


def _local_folder(table: Mapping[str, Any], where: str, base: Path, options: dict[str, Any]) -> str:
    raw = table.get("path")
    if not isinstance(raw, str) or not raw.strip():
        raise SourcesFileError(f"{where} is a local source without a path: add path = \"folder of .html/.warc files\"")
    folder = Path(raw).expanduser()
    folder = folder if folder.is_absolute() else (base / folder).resolve()
    if not folder.is_dir():
        raise SourcesFileError(f"{where} has path {raw!r}, which is not a folder: point it at saved .html/.warc files")
    options["path"] = str(folder)
    return folder.as_uri()
