"""The one catalogue of rules: stable codes, never reused; retired or renamed codes redirect."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..docmodel.document import Document, Paragraph
from .context import DEFAULT, CheckContext
from .findings import Finding, Location, Severity, first_words

CODE_PATTERN = re.compile(r"^VB[1-9]\d{2}$")

# Codes that were renamed or merged, old → new (none yet). A retired code is never given to a new rule.
REDIRECTS: dict[str, str] = {}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    source: str
    check: Callable
    since: str = "0.1.0"
    wrong: str = ""  # an example the rule reports
    right: str = ""  # the same example written correctly
    wants_context: bool = False  # check(doc, report, context) instead of check(doc, report)
    # The rule reads the text only (spelling, typing), so it holds for any document — also for one Decree 30
    # does not govern (a Party document, a petition, a contract: kit.docmodel.scope), where it alone runs.
    any_text: bool = False
    # Kinds of documents outside Decree 30 (kit.docmodel.scope) whose own rules share this one: a law's Điều,
    # khoản and điểm are numbered and cited as an administrative document's are.
    outside_kinds: frozenset[str] = frozenset()
    reason: str = ""  # why the rule matters, when more precise than its family's WHY

    @property
    def mandatory(self) -> bool:
        """A legal rule of Decree 30 at error level: a pack may not switch it off or lower it."""
        return self.severity is Severity.ERROR and self.source.startswith("NĐ 30")

    @property
    def summary(self) -> str:
        """The rule's one-line description (first line of its docstring)."""
        return (inspect.getdoc(self.check) or "").split("\n")[0].strip()

    @property
    def family(self) -> str:
        return self.check.__module__.rsplit(".", 1)[-1]

    @property
    def why(self) -> str:
        """Why the rule matters to a clerk: the rule's own reason, else its family's (the module's WHY)."""
        if self.reason:
            return self.reason
        module = inspect.getmodule(self.check)
        return str(getattr(module, "WHY", ""))

    def run(self, doc: Document, severity: Severity | None = None, context: CheckContext = DEFAULT) -> list[Finding]:
        found: list[Finding] = []
        level = severity or self.severity

        def report(
            where,
            message: str,
            hint: str = "",
            excerpt: str | None = None,
            at_most: Severity | None = None,
            source: str = "",
        ) -> None:
            # at_most: a finding the decree's own models make doubtful is never more than this level.
            # source: the finding's own legal source when it is more precise than the rule's (VB604: the
            # article of the text that ended the cited one's force).
            chosen = level if at_most is None or _RANK[level] <= _RANK[at_most] else at_most
            found.append(
                Finding(
                    self.code,
                    chosen,
                    message,
                    hint,
                    _location(where),
                    excerpt if excerpt is not None else _excerpt(where),
                    source or self.source,
                )
            )

        if self.wants_context:
            self.check(doc, report, context)
        else:
            self.check(doc, report)
        return found


RULES: dict[str, Rule] = {}


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def rule(
    code: str,
    name: str,
    severity: Severity,
    source: str,
    wrong: str = "",
    right: str = "",
    any_text: bool = False,
    why: str = "",
    outside_kinds: frozenset[str] = frozenset(),
) -> Callable:
    """Register a check function `check(doc, report)` (or `check(doc, report, context)`) under a stable
    code, with an example the rule reports (`wrong`) and the same example written correctly (`right`);
    `any_text`: the rule reads only the text, and also runs on documents Decree 30 does not govern;
    `why`: why it matters, when the family's reason (the module's WHY) is not precise enough;
    `outside_kinds`: kinds of documents outside Decree 30 the rule also runs on (their own rules share it)."""

    def register(function: Callable) -> Callable:
        if not CODE_PATTERN.match(code):
            raise ValueError(f"bad rule code {code}")
        if code in RULES or code in REDIRECTS:
            raise ValueError(f"rule code {code} is already used")
        if not inspect.getdoc(function):
            raise ValueError(f"rule {code} has no docstring")
        wants_context = len(inspect.signature(function).parameters) == 3
        RULES[code] = Rule(
            code,
            name,
            severity,
            source,
            function,
            wrong=wrong,
            right=right,
            wants_context=wants_context,
            any_text=any_text,
            outside_kinds=outside_kinds,
            reason=why,
        )
        return function

    return register


def _location(where) -> Location:
    if isinstance(where, Paragraph):
        # Rows and cells are counted from 1 for people (the model counts from 0).
        row = where.row + 1 if where.row is not None else None
        cell = where.cell + 1 if where.cell is not None else None
        return Location(
            where.region, where.number, where.table, row, cell, where.page, first_words(where.own_text or where.text)
        )
    if isinstance(where, Location):
        return where
    return Location(str(where or "layout"))


def _excerpt(where) -> str:
    if isinstance(where, Paragraph):
        return where.text.strip()
    return ""


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    select = [REDIRECTS.get(code, code).upper() for code in select]
    ignore = [REDIRECTS.get(code, code).upper() for code in ignore]
    chosen = []
    for code, item in sorted(RULES.items()):
        if select and not any(code.startswith(prefix) for prefix in select):
            continue
        if any(code.startswith(prefix) for prefix in ignore):
            continue
        chosen.append(item)
    return chosen
