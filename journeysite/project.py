"""The project as the build sees it: docs dir, which files make the site, limits, require_owner.

The plugin reads these from the config MkDocs loaded; `journeysite check`, `diff`, `export` and
`new` read mkdocs.yml with MkDocs' own YAML loader (`!ENV`, `INHERIT`) and option classes, and
the plugin's options with the plugin's own `JourneysiteConfig`, so a value means the same on both
sides. The CLI loads no plugin and no theme: a pre-commit environment has neither installed.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from journeysite.config import JourneysiteConfig
from journeysite.content.selection import DEFAULT_SELECTION, FOLDER_STRUCTURE, Selection
from journeysite.format.limits import DEFAULT_LIMITS, Limits

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
"""Where MkDocs looks for its config when not given one, in that order."""
PLUGIN = "journeysite"


class ProjectError(Exception):
    """mkdocs.yml cannot be read or holds a value the build would refuse; one line for the user."""


@dataclass(frozen=True)
class Project:
    docs_dir: Path
    selection: Selection = DEFAULT_SELECTION
    limits: Limits = DEFAULT_LIMITS
    require_owner: bool = False

    @classmethod
    def of_build(cls, config: Any, options: JourneysiteConfig) -> Project:
        """From the config MkDocs loaded and the plugin's own options (what plugin.py uses)."""
        return cls(
            docs_dir=Path(config.docs_dir),
            selection=Selection(config.exclude_docs, config.draft_docs),
            limits=options.limits.to_limits(),
            require_owner=options.require_owner,
        )

    @classmethod
    def read(cls, directory: Path) -> Project:
        """From mkdocs.yml (or mkdocs.yaml) in `directory`, else MkDocs' defaults (docs/)."""
        path = next((directory / n for n in CONFIG_FILES if (directory / n).is_file()), None)
        if path is None:
            return cls(directory / "docs")
        path = path.absolute()
        data = _load(path)
        settings = _validated(_Settings(config_file_path=str(path)), _settings(data), path.name)
        options = _validated(
            JourneysiteConfig(config_file_path=str(path)),
            _plugin_options(data.get("plugins"), path.name) or {},
            path.name,
            f"Config value 'plugins': Plugin '{PLUGIN}' option",
        )
        project = cls.of_build(settings, options)
        languages = _translated_languages(data.get("plugins"), path.name)
        selection = dataclasses.replace(project.selection, languages=languages)
        return dataclasses.replace(project, selection=selection)

    def with_docs_dir(self, docs_dir: Path) -> Project:
        """The same project with another content directory (`journeysite check DIR`)."""
        return dataclasses.replace(self, docs_dir=docs_dir)


class _Settings(base.Config):
    """The keys of MkDocs' own config that journeysite needs, with MkDocs' option classes."""

    # Unlike the build, a missing docs dir is the command's to report (`new` creates it).
    docs_dir = c.DocsDir(default="docs", exists=False)
    exclude_docs = c.Optional(c.PathSpec())
    draft_docs = c.Optional(c.PathSpec())


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key, _ in _Settings._schema if key in data}


class _Loader(yaml.SafeLoader):
    """MkDocs' tags (`!ENV`) are read; others (`!!python/name:`, `!relative`) name things the
    build imports or resolves later, in keys journeysite does not read, so they load as None."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_LOADER = get_yaml_loader(_Loader)  # adds MkDocs' `!ENV`


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:  # a named stream: yaml_load follows `INHERIT` from it
            data = yaml_load(stream, _LOADER)
    except ConfigurationError as exc:
        raise ProjectError(f"{path.name}: {_one_line(exc)}") from None
    except OSError as exc:
        raise ProjectError(f"cannot read {path.name}: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{path.name}: the configuration is not a mapping of keys to values")
    return data


def _translated_languages(plugins: object, where: str) -> frozenset[str]:
    """mkdocs-static-i18n's languages besides the default one: the suffixes of translated files
    (`discharge.de.md`), so the commands read each language's pages as its build does."""
    options = _plugin_options(plugins, where, "i18n")
    if options is None:
        return frozenset()
    if options.get("docs_structure", "suffix") != "suffix":
        raise ProjectError(f"{where}: {FOLDER_STRUCTURE}")
    entries = [e for e in options.get("languages") or [] if isinstance(e, dict) and e.get("locale")]
    default = next((e for e in entries if e.get("default")), entries[0] if entries else None)
    return frozenset(str(e["locale"]) for e in entries if e is not default)


def _plugin_options(plugins: object, where: str, plugin: str = PLUGIN) -> dict[str, Any] | None:
    """A plugin entry's options (journeysite's by default), whether listed as a name, as
    `{journeysite: {...}}` or in the mapping form of `plugins:`; parsed by MkDocs' own reading of
    `plugins:`. None when the plugin is not listed."""
    if plugins is None:
        return None
    if not isinstance(plugins, (list, tuple, dict)):
        raise ProjectError(f"{where}: Config value 'plugins': Expected a list or dict.")
    try:
        entries = list(c.Plugins._parse_configs(copy.deepcopy(plugins)))  # it pops its items
    except base.ValidationError as exc:
        raise ProjectError(f"{where}: Config value 'plugins': {exc}") from None
    for name, options in entries:
        if name.lstrip("/") != plugin:
            continue
        if options is None:
            return {}
        if not isinstance(options, dict):
            raise ProjectError(
                f"{where}: Config value 'plugins': "
                f"Invalid config options for the '{plugin}' plugin."
            )
        return {key: value for key, value in options.items() if key != "enabled"}
    return None


def _validated(
    config: Any, values: dict[str, Any], where: str, prefix: str = "Config value"
) -> Any:
    """`config` loaded with `values` and validated as MkDocs does; its first error raised."""
    config.load_dict(values)
    errors, _warnings = config.validate()  # warnings (an unknown key) are the build's to log
    if errors:
        key, error = errors[0]
        raise ProjectError(f"{where}: {prefix} '{key}': {_one_line(error)}")
    return config


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
