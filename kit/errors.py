"""Errors a user can cause, each carrying its exit code and a one-line Vietnamese message."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import UNKNOWN_CODE, Diagnostic, Severity, code_of

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


class KitError(Exception):
    """An error the CLI shows to the user as text, then exits with `exit_code`."""

    exit_code: int = EXIT_BAD_INPUT

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @property
    def code(self) -> str:
        """The stable code of the (first) message (kit/error_codes.tsv, docs/errors.md)."""
        return code_of(self.lines()[0]) if self.lines() else UNKNOWN_CODE

    def lines(self) -> list[str]:
        """The lines printed to the user, one per problem."""
        return [self.message]


class UsageError(KitError):
    """The command was called wrongly (unknown template, missing option…)."""

    exit_code = EXIT_USAGE


class InputError(KitError):
    """A workbook, document, template or pack the user gave cannot be used."""

    exit_code = EXIT_BAD_INPUT


class ProblemsError(KitError):
    """Several one-line problems reported together, with the exit code of their kind."""

    def __init__(self, lines: list[str], exit_code: int, written: list | None = None):
        super().__init__("\n".join(lines))
        self._lines = list(lines)
        self.exit_code = exit_code
        self.written = list(written or [])  # what was written before the problems were reported

    def lines(self) -> list[str]:
        return self._lines


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

    @property
    def code(self) -> str:  # type: ignore[override]
        return code_of(self.message)

    @property
    def severity(self) -> Severity:  # type: ignore[override]
        return Severity.WARNING if self.warning else Severity.ERROR

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

    def __init__(self, problems: list[Problem]):
        self.problems = list(dict.fromkeys(problems))  # each problem once, in the order found
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]

    @property
    def code(self) -> str:
        return self.problems[0].code if self.problems else UNKNOWN_CODE


class OutputLockedError(InputError):
    """Another run of the kit is writing the same output folder."""
