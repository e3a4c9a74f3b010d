"""Loading rule packs (TOML files) into a :class:`RuleSet` with one compiled plan.

The bundled packs live in ``single_window/packs/``, one file per country plus the
country-neutral ``baseline.toml``. A caller may add packs of their own; a pack for a
country replaces the bundled pack of that country.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from single_window.errors import ConfigurationError, RulePackError
from single_window.rules._engine import CompiledRule, Plan, compile_rule
from single_window.rules._packfile import ListExtension, PackFile, PackInfo, RuleSpec
from single_window.rules._packtext import pack_error, pack_table, read_pack

if TYPE_CHECKING:
    import gettext

__all__ = ["LoadedPack", "RuleSet", "load_pack"]

BASELINE = "baseline"


@dataclass(frozen=True)
class LoadedPack:
    """A validated pack file and its compiled rules.

    It pickles as its validated content (the file's name, ``[pack]``, the rule specs,
    ``[[lists]]`` and its catalogs) and is compiled again when unpickled: a worker
    process runs exactly the pack its caller loaded, without reading the file again.

    ``catalogs`` are the pack's own translations (language tag, compiled catalog), read
    from the ``.po`` files beside the pack file (see
    :mod:`single_window.rules._packcatalogs`).
    """

    file: str
    info: PackInfo
    rules: tuple[CompiledRule, ...]
    lists: tuple[ListExtension, ...] = ()
    catalogs: tuple[tuple[str, bytes], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        args = (self.file, self.info, self.specs, self.lists, self.catalogs)
        return (_recompiled, args)

    def translations(self, lang: str) -> gettext.NullTranslations | None:
        """The pack's own translations into ``lang`` (None: it has none)."""
        for tag, compiled in self.catalogs:
            if tag == lang:
                return _translations(compiled)
        return None

    @property
    def key(self) -> str:
        """The country code, or ``baseline`` for the country-neutral pack."""
        return self.info.country or BASELINE

    @property
    def specs(self) -> tuple[RuleSpec, ...]:
        return tuple(r.spec for r in self.rules)


@lru_cache(maxsize=64)
def _translations(compiled: bytes) -> gettext.NullTranslations:
    from single_window._catalogs import translations

    return translations(compiled)


def _recompiled(
    file: str,
    info: PackInfo,
    specs: tuple[RuleSpec, ...],
    lists: tuple[ListExtension, ...],
    catalogs: tuple[tuple[str, bytes], ...] = (),
) -> LoadedPack:
    """A pack from its validated content (see :meth:`LoadedPack.__reduce__`).

    Raises:
        ValueError, KeyError: when a rule cannot be compiled here (a predicate that no
            module of this process registers).
    """
    rules = tuple(compile_rule(s, info.country) for s in specs)
    return LoadedPack(file, info, rules, lists, catalogs)


def _rule_id(raw: Any, index: int) -> str:
    try:
        rule_id = raw["rules"][index]["id"]
        return str(rule_id)
    except (KeyError, IndexError, TypeError):
        return f"#{index + 1}"


def _explain(raw: Any, exc: ValidationError) -> tuple[str | None, str]:
    error = exc.errors()[0]
    loc = list(error["loc"])
    rule = None
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        rule = _rule_id(raw, loc[1])
        loc = loc[2:]
    where = ".".join(str(p) for p in loc if not (isinstance(p, str) and p.endswith("Check")))
    message = error["msg"]
    return rule, f"field {where or '(top)'}: {message}" if where else message


def load_pack(path: str | os.PathLike[str], *, text: str | None = None) -> LoadedPack:
    """Read, validate and compile one pack file.

    ``path`` names the pack (in messages); ``text``, when given, is its content, else
    the file is read (a regular UTF-8 file, see :func:`read_pack`), and so are the
    pack's own catalogs beside it (``<stem>.<lang>.po``).

    Raises:
        RulePackError: naming the file, the rule and the field that is wrong, or why the
            file cannot be read as a UTF-8 TOML table; naming a catalog beside it that
            cannot be read or whose translations do not keep their placeholders.
    """
    name = os.fspath(path)
    raw = pack_table(name, text if text is not None else read_pack(path))
    try:
        pack = PackFile.model_validate(raw)
    except ValidationError as exc:
        rule, message = _explain(raw, exc)
        raise RulePackError(name, message, rule=rule) from None
    except RecursionError:
        raise pack_error(name, "fields-too-deep") from None
    compiled: list[CompiledRule] = []
    for spec in pack.rules:
        try:
            compiled.append(compile_rule(spec, pack.pack.country))
        except (ValueError, KeyError) as exc:
            raise RulePackError(name, f"field check: {exc}", rule=spec.id) from None
    catalogs: tuple[tuple[str, bytes], ...] = ()
    if text is None:
        from single_window.rules._packcatalogs import read_catalogs

        catalogs = tuple(read_catalogs(Path(path)).items())
    return LoadedPack(name, pack.pack, tuple(compiled), pack.lists, catalogs)


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@cache
def _bundled_zones() -> dict[str, str]:
    """Country -> time zone named by the bundled packs."""
    return {
        code: pack.info.timezone
        for code, pack in RuleSet.bundled().packs.items()
        if pack.info.timezone is not None
    }


def _bundled_files() -> list[tuple[str, str]]:
    folder = resources.files("single_window") / "packs"
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


class RuleSet:
    """A set of loaded packs (one per country) and their compiled plans.

    Args:
        packs: The packs.
        replace: Let a later pack for a country replace an earlier one; without it, two
            packs for one country raise :class:`~single_window.ConfigurationError`.
    """

    def __init__(self, packs: Iterable[LoadedPack], *, replace: bool = False) -> None:
        by_key: dict[str, LoadedPack] = {}
        for pack in packs:
            earlier = by_key.get(pack.key)
            if earlier is not None and not replace:
                what = f"country {pack.key}" if pack.key != BASELINE else "the baseline"
                raise ConfigurationError(
                    f"two rule packs for {what}: {earlier.file} and {pack.file}; pass "
                    "replace=True (--replace-packs on the command line) to let the later "
                    "one replace the earlier"
                )
            by_key[pack.key] = pack
        self._packs: Mapping[str, LoadedPack] = MappingProxyType(dict(sorted(by_key.items())))
        self._plans: dict[tuple[str, ...], Plan] = {}
        self._index: dict[str, tuple[LoadedPack, CompiledRule]] | None = None

    @property
    def packs(self) -> Mapping[str, LoadedPack]:
        """The packs by country code (``baseline`` for the country-neutral one), sorted:
        a read-only view, since a rule set (the bundled one above all) is shared."""
        return self._packs

    def __reduce__(self) -> tuple[Any, ...]:
        # Its packs, as their validated content (see LoadedPack): a worker process gets
        # the rules themselves, never a file name to read again.
        return (RuleSet, (tuple(self.packs.values()),))

    @classmethod
    @cache
    def bundled(cls) -> RuleSet:
        """The packs shipped with the library (loaded and compiled once)."""
        return cls(
            load_pack(f"single_window/packs/{name}", text=text) for name, text in _bundled_files()
        )

    @classmethod
    def from_paths(
        cls,
        paths: Sequence[str | os.PathLike[str]],
        *,
        include_bundled: bool = True,
        replace: bool = False,
    ) -> RuleSet:
        """The bundled packs (optionally) plus pack files or folders of them.

        Raises:
            ConfigurationError: for a path that does not exist, or for a second pack for a
                country (a bundled one included) unless ``replace`` lets the later pack
                replace the earlier.
            RulePackError: for a pack that does not load.
        """
        packs = list(cls.bundled().packs.values()) if include_bundled else []
        for entry in paths:
            path = Path(entry)
            if path.is_dir():
                packs.extend(load_pack(p) for p in sorted(path.glob("*.toml")))
            elif path.exists():  # a file, or a FIFO or device that load_pack refuses
                packs.append(load_pack(path))
            else:
                raise ConfigurationError(f"rule pack {path} does not exist")
        return cls(packs, replace=replace)

    def find(self, rule_id: str) -> tuple[LoadedPack, CompiledRule] | None:
        """The pack that holds a rule, and the rule; None for an id no pack has."""
        if self._index is None:
            self._index = {r.id: (p, r) for p in self.packs.values() for r in p.rules}
        return self._index.get(rule_id)

    def zone(self, country: str | None) -> ZoneInfo | None:
        """The time zone of a country: the one its pack in this set names, else the one its
        bundled pack names, else None.

        A country's time zone is a fact about the country, not about which packs run: a
        declaration is dated on the same day whether or not its declaring country's pack is
        in the set, so leaving a pack out never changes another country's findings.
        """
        pack = self.packs.get(country or "")
        zone = pack.info.timezone if pack is not None else None
        if zone is None and pack is None and country:
            zone = _bundled_zones().get(country)
        return _zone(zone) if zone is not None else None

    @property
    def countries(self) -> list[str]:
        """Country codes that have a pack."""
        return [k for k in self.packs if k != BASELINE]

    def plan(self, countries: Iterable[str]) -> Plan:
        """The compiled plan for the baseline plus the given countries' packs."""
        key = tuple(sorted(set(countries)))
        plan = self._plans.get(key)
        if plan is None:
            rules: list[CompiledRule] = []
            lists: list[ListExtension] = []
            for code in (BASELINE, *key):
                pack = self.packs.get(code)
                if pack is not None:
                    rules.extend(pack.rules)
                    lists.extend(pack.lists)
            plan = self._plans[key] = Plan(rules, lists)
        return plan

    def rules(self, country: str | None = None) -> list[RuleSpec]:
        """Every rule spec (or one country's), in pack order."""
        out: list[RuleSpec] = []
        for key, pack in self.packs.items():
            if country is None or key == country.upper():
                out.extend(pack.specs)
        return out
