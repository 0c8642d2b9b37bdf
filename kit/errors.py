"""Errors a user can cause, each carrying its exit code and a one-line Vietnamese message."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from .diagnostics import Diagnostic, Severity

_BREAKING = {"Cc", "Zl", "Zp"}  # control characters, line and paragraph separators

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BAD_INPUT = 3
EXIT_CONVERSION = 4


def unreadable_reason(exc: BaseException, kind: str) -> str:
    """What is wrong with a file a library could not open, in Vietnamese: the library's exception class
    (BadZipFile, PackageNotFoundError…) means nothing to a user. `kind` is the extension, e.g. ".docx"."""
    name = type(exc).__name__
    if name in ("BadZipFile", "PackageNotFoundError", "InvalidFileException", "LargeZipFile"):
        return f"tệp không phải {kind} hợp lệ"
    if isinstance(exc, KeyError):
        return f"tệp {kind} thiếu phần bắt buộc"
    if isinstance(exc, (SyntaxError, ValueError, UnicodeError)):
        return f"nội dung tệp {kind} bị hỏng"
    if isinstance(exc, OSError):
        return "không đọc được tệp (tệp đang mở ở chương trình khác, không có quyền đọc, hoặc ổ đĩa lỗi)"
    return f"tệp {kind} bị hỏng"


def one_line(text: str) -> str:
    """`text` with its control characters and line separators escaped (`\\n`, `\\x07`): one line on screen."""
    if text.isprintable():
        return text
    return "".join(repr(ch)[1:-1] if unicodedata.category(ch) in _BREAKING else ch for ch in text)


class KitError(Exception):
    """An error the CLI shows to the user as text, then exits with `exit_code`.

    `code` is the message's stable code, named at the raise site from the table kit/error_codes.tsv
    (docs/errors.md); `message` says what is wrong and where, `hint` how to fix it — in words that fit the
    command line and the web page alike (no command, no option, no button): each adapter words its own hint
    by the code (kit/cli_hints.py CLI_HINTS, kit/web/service.py PAGE_HINTS). `values` are what such a wording may
    quote by name ("{number}"), where the hint alone does not carry it (a decision's number for a command)."""

    exit_code: int = EXIT_BAD_INPUT
    # One error is one line, whatever a file put into the values it quotes (a line break in a pack's value,
    # a tab in a cell): control characters are shown escaped. Errors that gather several are one per line.
    gathers_lines: bool = False

    def __init__(self, message: str, *, code: str, hint: str = "", values: dict[str, str] | None = None):
        if not self.gathers_lines:
            message, hint = one_line(message), one_line(hint)
        super().__init__(message + (" — " + hint if hint else ""))
        self.message = message
        self.hint = hint
        self.code = code
        self.values = {name: one_line(str(value)) for name, value in (values or {}).items()}

    def __reduce__(self):
        # An error raised in a worker process crosses back by pickle, which would call cls(*args) and lose
        # the keyword-only code: rebuild it from its state instead.
        return (_restore_error, (type(self), self.args, self.__dict__))

    def line(self) -> str:
        """The message and its hint as one line."""
        return self.message + (" — " + self.hint if self.hint else "")

    def lines(self) -> list[str]:
        """The lines printed to the user, one per problem."""
        return [self.line()]


def _restore_error(cls: type[KitError], args: tuple, state: dict) -> KitError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class UsageError(KitError):
    """The command was called wrongly (unknown template, missing option…)."""

    exit_code = EXIT_USAGE


class InputError(KitError):
    """A workbook, document, template or pack the user gave cannot be used."""

    exit_code = EXIT_BAD_INPUT


class ProblemsError(KitError):
    """Several errors reported together, with the exit code of their kind; its code is the first's."""

    gathers_lines = True

    def __init__(self, errors: list[KitError], exit_code: int, written: list | None = None):
        super().__init__("\n".join(error.line() for error in errors), code=errors[0].code if errors else "")
        self.errors = list(errors)
        self.exit_code = exit_code
        self.written = list(written or [])  # what was written before the problems were reported

    def lines(self) -> list[str]:
        return [error.line() for error in self.errors]


class OutputExistsError(KitError):
    """An output file exists and `--force` was not given."""

    exit_code = EXIT_BAD_INPUT


@dataclass(frozen=True)
class Problem(Diagnostic):
    """One thing wrong in a workbook, with where it is and how to fix it (a warning does not stop the
    documents: hidden rows, a quorum under 2/3…)."""

    file: str
    sheet: str | None
    cell: str | None
    field: str | None
    message: str
    hint: str = ""
    warning: bool = False
    code: str = dataclass_field(kw_only=True)  # named where the problem is found, from kit/error_codes.tsv

    @property
    def severity(self) -> Severity:  # type: ignore[override]
        return Severity.WARNING if self.warning else Severity.ERROR

    @property
    def values(self) -> dict[str, str]:
        """What an adapter's wording of the hint may quote (kit.diagnostics.worded): where the problem is."""
        return {"sheet": self.sheet or "", "cell": self.cell or "", "field": self.field or ""}

    @property
    def location(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.cell:
            where.append(f"ô {self.cell}" + (f" ({self.field})" if self.field else ""))
        elif self.field:
            # No single cell (a role missing from the whole council): the column to look at.
            where.append(f"cột {self.field}")
        return ", ".join(where)

    def __str__(self) -> str:
        text = self.location + ": " + self.message
        if self.hint:
            text += " — " + self.hint
        return text


class WorkbookError(InputError):
    """Every problem found in one workbook, reported together."""

    gathers_lines = True

    def __init__(self, problems: list[Problem]):
        self.problems = list(dict.fromkeys(problems))  # each problem once, in the order found
        super().__init__("\n".join(str(p) for p in self.problems), code=self.problems[0].code if problems else "")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class OutputLockedError(InputError):
    """Another run of the kit is writing the same output folder."""
