"""The Jinja sandbox every Word template renders in: vetted filters, no globals, nothing to include or
import, and bounds on what a template may make (sizes, depth, time) — a pack's template is not trusted."""

from __future__ import annotations

import ctypes
import functools
import os
import re
import threading
import time
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateError, TemplateRuntimeError
from jinja2.compiler import CodeGenerator, optimizeconst
from jinja2.sandbox import SandboxedEnvironment, SecurityError

# The filters a template may use: Jinja's text and list filters, nothing that reaches outside.
VETTED_FILTERS = (
    "capitalize",
    "default",
    "d",
    "escape",
    "e",
    "first",
    "join",
    "last",
    "length",
    "count",
    "lower",
    "upper",
    "replace",
    "round",
    "int",
    "string",
    "title",
    "trim",
    "truncate",
    "list",
    "sum",
    "min",
    "max",
    "sort",
    "unique",
    "reverse",
    "batch",
    "slice",
    "abs",
    "float",
    "wordcount",
)


# Bounds of what a template may make (a pack's template is not trusted: `'x' * 20000000000` would ask
# for 20 GB, nested loops would run forever). A document's text is far below these.
MAX_SIZE = 10_000_000  # characters of one string, items of one list, made by an operator, call or filter
MAX_POWER_BITS = 100_000  # bits of a number made by `**`
MAX_CALL_DEPTH = 100  # macros calling macros
RENDER_SECONDS = 30.0  # per document


class RenderTimeout(TemplateRuntimeError):
    """Raised in the rendering thread when a document takes longer than RENDER_SECONDS."""

    def __init__(self, message: str | None = None):
        super().__init__(message or f"mẫu chạy quá {RENDER_SECONDS:g} giây cho một văn bản (vòng lặp quá lớn?)")


def _too_big(what: str) -> SecurityError:
    limit = f"{MAX_SIZE:,}".replace(",", ".")
    return SecurityError(f"{what} quá lớn (trên {limit} ký tự hoặc phần tử)")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) else 0


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `a ~ b ~ c` joined only after the size of its parts is checked."""

    @optimizeconst
    def visit_Concat(self, node, frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.joined({join}, (")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with bounds on sizes, numbers, macro depth and time (see MAX_SIZE…)."""

    intercepted_binops = frozenset(["*", "**", "+", "//", "%"])
    code_generator_class = _BoundedCodeGenerator

    def joined(self, join, parts: tuple) -> str:
        if sum(len(part) for part in parts if isinstance(part, str)) > MAX_SIZE:
            raise _too_big("chuỗi nối bằng ~")
        return join(parts)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._depth = threading.local()

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _check_deadline()
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if _size(sequence) and isinstance(count, int) and _size(sequence) * count > MAX_SIZE:
                    raise _too_big("chuỗi hoặc danh sách nhân lên")
        elif (
            operator == "**"
            and isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and abs(left).bit_length() * right > MAX_POWER_BITS
        ):
            raise SecurityError(f"số {left} ** {right} quá lớn")
        elif operator == "+" and _size(left) + _size(right) > MAX_SIZE:
            raise _too_big("chuỗi hoặc danh sách nối")
        elif operator == "%" and isinstance(left, str) and re.search(r"\d{7,}", left):
            raise _too_big("chuỗi định dạng")  # '%0999999999d' % 1
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any):
        # "{:>2000000000}".format(1): the width is in the format string, refused before formatting.
        if (
            isinstance(getattr(value, "__self__", None), str)
            and getattr(value, "__name__", "") in ("format", "format_map")
            and re.search(r"\d{7,}", value.__self__)
        ):
            raise _too_big("chuỗi định dạng")
        return super().wrap_str_format(value)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - the names of Jinja's own signature
        _check_deadline()
        for value in (*args, *kwargs.values()):
            if _size(value) > MAX_SIZE:
                raise _too_big("giá trị truyền vào")
        name = getattr(__obj, "__name__", "")
        if isinstance(getattr(__obj, "__self__", None), str) and name in _WIDENING:
            widths = [value for value in (*args, *kwargs.values()) if isinstance(value, int)]
            extra = sum(_size(value) for value in args if isinstance(value, str))
            if any(width > MAX_SIZE for width in widths) or (
                name == "replace" and extra * (len(__obj.__self__) + 1) > MAX_SIZE
            ):
                raise _too_big(f"chuỗi tạo bởi .{name}()")
        depth = getattr(__self._depth, "value", 0)
        if depth >= MAX_CALL_DEPTH:
            raise SecurityError(f"macro gọi lồng nhau quá {MAX_CALL_DEPTH} tầng (macro tự gọi chính nó?)")
        __self._depth.value = depth + 1
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            __self._depth.value = depth
        if _size(result) > MAX_SIZE:
            raise _too_big("kết quả")
        return result


# str methods whose result can be far larger than the string: their widths and counts are checked.
_WIDENING = {"ljust", "rjust", "center", "zfill", "expandtabs", "replace", "format", "format_map", "join"}


def _bounded_filter(function):
    """A filter that refuses inputs and results above MAX_SIZE (join of a long list of long strings)."""

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        _check_deadline()
        values = [value for value in (*args, *kwargs.values()) if not hasattr(value, "autoescape")]
        if any(_size(value) > MAX_SIZE for value in values):
            raise _too_big("giá trị đưa vào bộ lọc")
        if (
            function.__name__ in ("sync_do_join", "do_join")
            and len(values) >= 1
            and isinstance(values[0], (list, tuple))
        ):
            separator = values[1] if len(values) > 1 and isinstance(values[1], str) else ""
            if sum(len(str(item)) for item in values[0]) + len(separator) * len(values[0]) > MAX_SIZE:
                raise _too_big("chuỗi nối bằng join")
        result = function(*args, **kwargs)
        if _size(result) > MAX_SIZE:
            raise _too_big("kết quả bộ lọc")
        return result

    return bounded


class _RefusingLoader(BaseLoader):
    """A Word template is one document: {% include %}, {% import %} and {% extends %} have nothing to load."""

    def get_source(self, environment, template):
        raise TemplateRuntimeError(
            f"không dùng được {{% include %}}, {{% import %}} hay {{% extends %}} ('{template}') "
            "trong mẫu Word — chép nội dung cần dùng vào chính mẫu"
        )


_deadline = threading.local()


def _check_deadline() -> None:
    limit = getattr(_deadline, "value", None)
    if limit is not None and time.monotonic() > limit:
        raise RenderTimeout()


class _Watchdog:
    """One thread per process that raises RenderTimeout in a rendering thread past its deadline (an
    asynchronous exception: portable to every system, no signal, nothing to do on the normal path)."""

    def __init__(self):
        self.pid: int | None = None

    def _ensure(self) -> None:
        if self.pid != os.getpid():  # first use in this process (a forked worker starts its own)
            self.pid = os.getpid()
            self.condition = threading.Condition()
            self.armed: dict[int, list] = {}  # thread id → [deadline, fired]
            threading.Thread(target=self._run, args=(self.condition,), name="kit-render-watchdog", daemon=True).start()

    def arm(self, thread: int, when: float) -> None:
        self._ensure()
        with self.condition:
            self.armed[thread] = [when, False]
            self.condition.notify()

    def disarm(self, thread: int) -> None:
        with self.condition:
            entry = self.armed.pop(thread, None)
            if entry and entry[1]:  # fired as the rendering ended, maybe not raised yet: withdrawn
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)

    def _run(self, condition: threading.Condition) -> None:
        with condition:
            while True:
                now = time.monotonic()
                for thread, entry in self.armed.items():
                    if not entry[1] and entry[0] <= now:
                        entry[1] = True
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(
                            ctypes.c_ulong(thread), ctypes.py_object(RenderTimeout)
                        )
                pending = [entry[0] for entry in self.armed.values() if not entry[1]]
                condition.wait(timeout=max(0.01, min(pending) - now) if pending else None)


_WATCHDOG = _Watchdog()


class deadline:
    """Bounds the rendering in this thread to RENDER_SECONDS: the sandbox's hooks check the time, and a
    loop that calls nothing is stopped by the watchdog a moment later."""

    def __init__(self, seconds: float | None = None):
        self.seconds = RENDER_SECONDS if seconds is None else seconds

    def __enter__(self):
        self.thread = threading.get_ident()
        self.previous = getattr(_deadline, "value", None)
        _deadline.value = time.monotonic() + self.seconds
        _WATCHDOG.arm(self.thread, _deadline.value + 0.5)
        return self

    def __exit__(self, *exc) -> None:
        _WATCHDOG.disarm(self.thread)
        _deadline.value = self.previous


def _environment() -> SandboxedEnvironment:
    # Templates may come from other provinces' packs: sandboxed, strict about unknown fields,
    # escaping data so that "&", "<", ">" in a workbook never break the document's XML, with only
    # vetted filters and no globals (no cycler, joiner, namespace, lipsum, range, dict), bounded
    # in size, depth and time (BoundedEnvironment), nothing to include or import.
    environment = BoundedEnvironment(autoescape=True, undefined=StrictUndefined, loader=_RefusingLoader())
    environment.filters = {
        name: _bounded_filter(environment.filters[name]) for name in VETTED_FILTERS if name in environment.filters
    }
    environment.globals = {}
    return environment


def locate(exc: BaseException) -> TemplateError:
    """The error as a TemplateError carrying the template line it happened on: a runtime error (a
    bound reached, RecursionError) has no `lineno` of its own, its traceback has the template's frames."""
    if not isinstance(exc, TemplateError):
        exc = TemplateRuntimeError(f"mẫu gọi lồng nhau quá sâu ({type(exc).__name__})").with_traceback(
            exc.__traceback__
        )
    if getattr(exc, "lineno", None) is None:
        tb, line = exc.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                line = tb.tb_lineno
            tb = tb.tb_next
        exc.lineno = line  # type: ignore[attr-defined]  # Jinja's errors carry it when raised in a template
    return exc
