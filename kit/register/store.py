"""The award register as a database (SQLAlchemy 2; SQLite by default, PostgreSQL for a shared one).

Every write is one transaction that first takes the writers' lock (SQLite: BEGIN IMMEDIATE; PostgreSQL:
the counter row, SELECT … FOR UPDATE): two clerks recording at once wait for each other, then both
decisions are there, each once, with register numbers that were never given before. The schema is
Alembic's (kit/register/migrations, run from here: no alembic.ini); a store of an older kit is refused
until `kit register upgrade`, a store of a newer kit is refused outright.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    case,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, OperationalError

from ..errors import InputError, UsageError
from ..vn import identity_key, nfc
from . import schema as t
from .location import DEFAULT_FILE, ENV_URL, default_path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CREATE_LOCK = 7_512_023  # the PostgreSQL advisory lock held while a new store is created
BUSY_SECONDS = 60  # how long a writer waits for another one before it gives up with a clear message
KINDS = ("ca_nhan", "tap_the")
# Titles (danh hiệu, Luật 06/2022 Điều 20–27) as opposed to forms of award (hình thức): by their start.
TITLE_PREFIXES = ("chiến sĩ thi đua", "lao động tiên tiến", "tập thể lao động", "cờ thi đua", "chiến sỹ thi đua")


@functools.lru_cache(maxsize=65536)
def key_of(text: str) -> str:
    """The key two spellings of one name (or number, issuer, award) share (kit.vn.identity_key)."""
    return identity_key(text or "")


def number_key(number: str) -> str:
    return key_of(number).replace(" ", "")


def category_of(award: str) -> str:
    return "danh_hieu" if key_of(award).startswith(TITLE_PREFIXES) else "hinh_thuc"


def birth_text(value: Any) -> str:
    """A birth date as the register keeps it: "1980-05-02", "1980" (a year alone) or ""."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1800 < value < 2200:
        return str(value)
    text = str(value or "").strip()
    return text if len(text) in (4, 10) and text[:4].isdigit() else ""


def birth_shown(birth: str) -> str:
    if len(birth) == 10:
        return f"{birth[8:10]}/{birth[5:7]}/{birth[:4]}"
    return birth


# --- where the store is ---------------------------------------------------------------------------


def resolve_url(db: str | Path | None = None) -> str:
    """The store's SQLAlchemy URL: `db` (a URL, a .sqlite file or a folder to keep it in), else
    KIT_DATABASE_URL, else a SQLite file in the user's data folder."""
    value = str(db) if db not in (None, "") else os.environ.get(ENV_URL, "")
    if not value:
        path = default_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    if "://" in value:
        return value
    path = Path(value).expanduser()
    if path.is_dir():
        path = path / DEFAULT_FILE
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".csv", ".ods"):
        raise UsageError(
            f"{path.name}: sổ khen thưởng là một cơ sở dữ liệu, không phải tệp {path.suffix.lower()}",
            hint="sổ Excel thì nhập vào sổ khen thưởng; muốn có tệp Excel thì xuất sổ ra",
            code="KIT450",
            values={"file": path.name},
        )
    return f"sqlite:///{path.resolve()}"


def shown_url(url: str) -> str:
    """The URL without its password (for messages)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


# --- records ---------------------------------------------------------------------------------------


@dataclass
class DecisionRecord:
    number: str  # "1520/QĐ-UBND"
    issuer: str  # "Ủy ban nhân dân tỉnh Lạng Sơn"
    signed_on: dt.date | None
    year: int
    authority: str = ""  # who signs for the issuer: "Chủ tịch Ủy ban nhân dân tỉnh"
    kind: str = ""  # khen thưởng thường xuyên, chuyên đề, đột xuất…
    campaign: str = ""
    file_sha256: str = ""
    source: str = ""

    @property
    def label(self) -> str:
        day = f" ngày {self.signed_on:%d/%m/%Y}" if self.signed_on else f" năm {self.year}"
        return f"QĐ {self.number}{day} của {self.issuer}"


@dataclass
class AwardRecord:
    name: str
    award: str
    kind: str = "ca_nhan"
    birth: str = ""
    identifier: str = ""
    gender: str = ""
    parent_unit: str = ""
    position: str = ""
    unit: str = ""
    achievement: str = ""
    coefficient: Decimal | None = None
    amount: int | None = None
    money_text: str = ""
    register_number: int | None = None  # given (an imported register); else allocated


@dataclass
class RecordResult:
    decision: DecisionRecord
    added: int
    already: bool
    numbers: list[int] = field(default_factory=list)  # the register numbers, in the decision's order


@dataclass
class HistoryRow:
    name: str
    kind: str
    birth: str
    identifier: str
    award: str
    category: str
    unit: str
    position: str
    year: int
    number: str
    signed_on: dt.date | None
    issuer: str
    register_number: int
    coefficient: Decimal | None
    amount: int | None
    money_text: str
    awardee_id: int

    @property
    def decision_label(self) -> str:
        day = f" ngày {self.signed_on:%d/%m/%Y}" if self.signed_on else f" năm {self.year}"
        return f"QĐ {self.number}{day} ({self.issuer}), số vào sổ {self.register_number}"


@dataclass
class ProposalRow:
    dossier: str
    year: int
    award: str
    status: str
    awardee_id: int
    achievement_key: str


@dataclass
class _Batch:
    """What the decisions of one import share in their transaction (the writers' lock is held): the
    recorded decisions they may repeat, the register counter, whether any proposal waits at all."""

    known: dict[tuple[str, str, int], Any]
    counter: int
    proposals_waiting: bool


class NewerStoreError(InputError):
    pass


# --- the store -------------------------------------------------------------------------------------


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # the transactions are ours (BEGIN below), not pysqlite's
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
        cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        # A writer takes the database's write lock at once: two writers queue instead of deadlocking
        # when both would upgrade a read lock.
        writing = connection.get_execution_options().get("kit_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(
            f"'{url}': không phải địa chỉ cơ sở dữ liệu",
            hint="dùng sqlite:///đường/dẫn.sqlite hoặc postgresql+psycopg://người-dùng@máy/tên-csdl",
            code="KIT451",
        ) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        try:
            return create_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError:
            raise UsageError(
                "PostgreSQL cần gói psycopg", hint="cài bằng: pip install 'vanban-kit[postgresql]'", code="KIT452"
            ) from None
    raise UsageError(
        f"'{shown_url(url)}': kit chỉ dùng SQLite hoặc PostgreSQL",
        hint="dùng sqlite:///… hoặc postgresql+psycopg://…",
        code="KIT453",
    )


def _alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def known_revisions() -> list[str]:
    """The schema versions this kit knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return [str(revision.revision) for revision in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    return known_revisions()[-1]


def _current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


class Store:
    """One register database. Open it with open_store()."""

    def __init__(self, url: str, engine: Engine):
        self.url = url
        self.engine = engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def shown(self) -> str:
        if self.is_sqlite:
            return str(make_url(self.url).database)
        return shown_url(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions --

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction holding the writers' lock; a writer that waits too long fails clearly."""
        try:
            with self.engine.connect().execution_options(kit_write=True) as connection, connection.begin():
                if not self.is_sqlite:
                    connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_SECONDS}s'")
                    connection.execute(
                        select(t.counters.c.value).where(t.counters.c.name == t.REGISTER_COUNTER).with_for_update()
                    )
                yield connection
        except OperationalError as error:
            if _is_busy(error):
                raise InputError(
                    f"sổ khen thưởng {self.shown} đang bận: một lần ghi khác chưa xong sau {BUSY_SECONDS} giây",
                    hint="chạy lại sau ít phút",
                    code="KIT454",
                ) from None
            raise

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    # -- recording --

    def find_decision(self, connection: Connection, decision: DecisionRecord) -> Any:
        return connection.execute(
            select(t.decisions).where(
                t.decisions.c.number_key == number_key(decision.number),
                t.decisions.c.issuer_key == key_of(decision.issuer),
                t.decisions.c.year == decision.year,
            )
        ).first()

    def check_decision(self, decision: DecisionRecord, awards: list[AwardRecord]) -> None:
        """Raise what record() would raise for this decision (before the documents are written)."""
        with self.reading() as connection:
            self._check(connection, decision, awards)

    @staticmethod
    def _decisions_of(connection: Connection, decisions: list[DecisionRecord]) -> dict[tuple[str, str, int], Any]:
        """The recorded decisions that share a number with any of `decisions` (an import's), by
        (number key, issuer key, year): one query per 500 numbers instead of two per decision."""
        numbers = sorted({number_key(decision.number) for decision in decisions})
        known: dict[tuple[str, str, int], Any] = {}
        columns = (t.decisions.c.id, t.decisions.c.number_key, t.decisions.c.issuer_key, t.decisions.c.year)
        for start in range(0, len(numbers), 500):
            query = select(*columns, t.decisions.c.signed_on).where(
                t.decisions.c.number_key.in_(numbers[start : start + 500])
            )
            for row in connection.execute(query):
                known[(row.number_key, row.issuer_key, row.year)] = row
        return known

    def _check(
        self,
        connection: Connection,
        decision: DecisionRecord,
        awards: list[AwardRecord],
        known: dict[tuple[str, str, int], Any] | None = None,
    ) -> Any:
        """The decision already recorded (or None); a recorded one with another date, or the same
        decision recorded under a neighbouring year, is an error: a correction is explicit. `known`:
        the decisions of an import looked up at once (_decisions_of)."""
        key = (number_key(decision.number), key_of(decision.issuer), decision.year)
        found = known.get(key) if known is not None else self.find_decision(connection, decision)
        if found is not None:
            if decision.signed_on and found.signed_on and found.signed_on != decision.signed_on:
                raise InputError(
                    f"{decision.label}: sổ đã ghi quyết định này với ngày {found.signed_on:%d/%m/%Y}",
                    hint="nếu ngày đã được sửa, ghi việc sửa ngày của quyết định vào sổ trước",
                    code="KIT455",
                    values={
                        "number": decision.number,
                        "issuer": decision.issuer,
                        "year": str(decision.year),
                        "date": f"{decision.signed_on:%d/%m/%Y}",
                    },
                )
            return found
        # The same number and issuer in the year before or after with exactly the same awards: the date was
        # corrected across a new year, not a new decision (numbers restart each year, the people do not repeat).
        neighbours: list[Any]
        if known is not None:
            neighbours = [known[near] for near in ((*key[:2], key[2] - 1), (*key[:2], key[2] + 1)) if near in known]
        else:
            query = select(t.decisions).where(
                t.decisions.c.number_key == key[0],
                t.decisions.c.issuer_key == key[1],
                t.decisions.c.year.in_((decision.year - 1, decision.year + 1)),
            )
            neighbours = list(connection.execute(query).all())
        wanted = (
            sorted((a.kind, key_of(a.name), a.birth, a.identifier, key_of(a.award)) for a in awards)
            if neighbours
            else []
        )
        for neighbour in neighbours:
            rows = connection.execute(
                select(
                    t.awardees.c.kind,
                    t.awardees.c.name_key,
                    t.awardees.c.birth,
                    t.awardees.c.identifier,
                    t.awards.c.award_key,
                )
                .join(t.awardees, t.awardees.c.id == t.awards.c.awardee_id)
                .where(t.awards.c.decision_id == neighbour.id)
            ).all()
            if sorted(tuple(row) for row in rows) == wanted:
                day = f"{neighbour.signed_on:%d/%m/%Y}" if neighbour.signed_on else str(neighbour.year)
                new_day = f"{decision.signed_on:%d/%m/%Y}" if decision.signed_on else "dd/mm/yyyy"
                raise InputError(
                    f"{decision.label}: sổ đã ghi quyết định này với ngày {day} (cùng số, cùng cơ quan, cùng "
                    "người được khen)",
                    hint="nếu ngày đã được sửa, ghi việc sửa ngày của quyết định vào sổ trước",
                    code="KIT456",
                    values={
                        "number": decision.number,
                        "issuer": decision.issuer,
                        "year": str(neighbour.year),
                        "date": new_day,
                    },
                )
        return None

    def record(self, decision: DecisionRecord, awards: list[AwardRecord]) -> RecordResult:
        """Record one decision with all its awards in one transaction (or nothing); a decision already
        recorded (number + issuer + year) is not recorded again."""
        with self.writing() as connection:
            cache = self._awardee_cache(connection, awards)
            return self._record(connection, decision, awards, cache)

    def record_many(self, items: list[tuple[DecisionRecord, list[AwardRecord]]]) -> list[RecordResult]:
        """Record several decisions (an import) in one transaction: all of them or none."""
        with self.writing() as connection:
            everyone = [award for _, awards in items for award in awards]
            cache = self._awardee_cache(connection, everyone)
            self._add_awardees(connection, everyone, cache)
            batch = _Batch(
                known=self._decisions_of(connection, [decision for decision, _ in items]),
                counter=connection.execute(
                    select(t.counters.c.value).where(t.counters.c.name == t.REGISTER_COUNTER)
                ).scalar_one(),
                proposals_waiting=connection.execute(
                    select(t.proposals.c.id).where(t.proposals.c.status == "de_nghi").limit(1)
                ).first()
                is not None,
            )
            results = [self._record(connection, decision, awards, cache, batch) for decision, awards in items]
            connection.execute(
                update(t.counters).where(t.counters.c.name == t.REGISTER_COUNTER).values(value=batch.counter)
            )
            return results

    def _add_awardees(self, connection: Connection, awards: list[AwardRecord], cache: dict[tuple, int]) -> None:
        """The awardees not in the store yet, added in one statement (the writers' lock is held: nobody
        else adds them meanwhile), their ids put in `cache`."""
        missing: dict[tuple, AwardRecord] = {}
        for award in awards:
            identity = (award.kind, key_of(award.name), award.birth, award.identifier)
            if identity not in cache:
                missing.setdefault(identity, award)
        if not missing:
            return
        connection.execute(
            insert(t.awardees),
            [
                {
                    "kind": award.kind,
                    "name": nfc(award.name).strip(),
                    "name_key": identity[1],
                    "birth": award.birth,
                    "identifier": award.identifier,
                    "gender": award.gender,
                    "parent_unit": award.parent_unit,
                }
                for identity, award in missing.items()
            ],
        )
        cache.update(self._awardee_cache(connection, list(missing.values())))

    def _awardee_cache(self, connection: Connection, awards: list[AwardRecord]) -> dict[tuple, int]:
        keys = sorted({key_of(a.name) for a in awards})
        cache: dict[tuple, int] = {}
        for start in range(0, len(keys), 500):
            for row in connection.execute(
                select(
                    t.awardees.c.id,
                    t.awardees.c.kind,
                    t.awardees.c.name_key,
                    t.awardees.c.birth,
                    t.awardees.c.identifier,
                ).where(t.awardees.c.name_key.in_(keys[start : start + 500]))
            ):
                cache[(row.kind, row.name_key, row.birth, row.identifier)] = row.id
        return cache

    @staticmethod
    def _complete_awardees(connection: Connection, known: list[tuple[int, AwardRecord]]) -> None:
        """What a later record knows of an awardee already in the store (a gender, a collective's parent
        unit, first seen in a dossier's proposals or an import without them) fills what was blank; a
        value already recorded is never overwritten."""
        for column in ("gender", "parent_unit"):
            values = {awardee: getattr(award, column) for awardee, award in known if getattr(award, column)}
            if values:
                connection.execute(
                    update(t.awardees)
                    .where(t.awardees.c.id == bindparam("awardee"), t.awardees.c[column] == "")
                    .values({column: bindparam("value")}),
                    [{"awardee": awardee, "value": value} for awardee, value in values.items()],
                )

    def _awardee_id(self, connection: Connection, award: AwardRecord, cache: dict[tuple, int]) -> int:
        identity = (award.kind, key_of(award.name), award.birth, award.identifier)
        if identity in cache:
            return cache[identity]
        found = connection.execute(
            select(t.awardees.c.id).where(
                t.awardees.c.kind == identity[0],
                t.awardees.c.name_key == identity[1],
                t.awardees.c.birth == identity[2],
                t.awardees.c.identifier == identity[3],
            )
        ).scalar()
        if found is None:
            found = connection.execute(
                insert(t.awardees)
                .values(
                    kind=award.kind,
                    name=nfc(award.name).strip(),
                    name_key=identity[1],
                    birth=award.birth,
                    identifier=award.identifier,
                    gender=award.gender,
                    parent_unit=award.parent_unit,
                )
                .returning(t.awardees.c.id)
            ).scalar_one()
        cache[identity] = found
        return found

    def _record(
        self,
        connection: Connection,
        decision: DecisionRecord,
        awards: list[AwardRecord],
        cache: dict[tuple, int],
        batch: _Batch | None = None,
    ) -> RecordResult:
        known = batch.known if batch is not None else None
        found = self._check(connection, decision, awards, known)
        if found is not None:
            recorded = list(
                connection.execute(
                    select(t.awards.c.register_number)
                    .where(t.awards.c.decision_id == found.id)
                    .order_by(t.awards.c.line)
                ).scalars()
            )
            return RecordResult(decision, 0, True, recorded)
        decision_id = connection.execute(
            insert(t.decisions)
            .values(
                number=nfc(decision.number).strip(),
                number_key=number_key(decision.number),
                issuer=nfc(decision.issuer).strip(),
                issuer_key=key_of(decision.issuer),
                year=decision.year,
                signed_on=decision.signed_on,
                authority=decision.authority,
                kind=decision.kind,
                campaign=decision.campaign,
                file_sha256=decision.file_sha256,
                source=decision.source,
                recorded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            )
            .returning(t.decisions.c.id)
        ).scalar_one()
        if known is not None:  # a later decision of the same import sees this one
            key = (number_key(decision.number), key_of(decision.issuer), decision.year)
            known[key] = SimpleNamespace(id=decision_id, signed_on=decision.signed_on, year=decision.year)
        counter = (
            batch.counter
            if batch is not None
            else connection.execute(
                select(t.counters.c.value).where(t.counters.c.name == t.REGISTER_COUNTER)
            ).scalar_one()
        )
        given = [a.register_number for a in awards if a.register_number is not None]
        if given:
            taken = (
                connection.execute(select(t.awards.c.register_number).where(t.awards.c.register_number.in_(given)))
                .scalars()
                .all()
            )
            if taken or len(set(given)) != len(given):
                repeated = sorted(set(taken) | {n for n in given if given.count(n) > 1})
                raise InputError(
                    f"{decision.label}: số vào sổ {', '.join(map(str, repeated[:5]))} đã được cấp cho lượt khen khác",
                    hint="mỗi số vào sổ chỉ cấp một lần; sửa số trong tệp nhập hoặc để trống để kit cấp số mới",
                    code="KIT457",
                )
        self._add_awardees(connection, awards, cache)
        next_number = max([counter, *given]) + 1
        rows: list[dict[str, Any]] = []
        numbers: list[int] = []
        seen: set[tuple[int, str]] = set()
        for line, award in enumerate(awards, start=1):
            awardee = self._awardee_id(connection, award, cache)
            if (awardee, key_of(award.award)) in seen:
                raise InputError(
                    f"{decision.label}: “{award.name}” có hai dòng {award.award} trong cùng quyết định",
                    hint="mỗi người một dòng cho một hình thức",
                    code="KIT458",
                )
            seen.add((awardee, key_of(award.award)))
            number = award.register_number
            if number is None:
                number, next_number = next_number, next_number + 1
            numbers.append(number)
            rows.append(
                {
                    "decision_id": decision_id,
                    "awardee_id": awardee,
                    "line": line,
                    "award": nfc(award.award).strip(),
                    "award_key": key_of(award.award),
                    "category": category_of(award.award),
                    "position": award.position,
                    "unit": award.unit,
                    "achievement": award.achievement,
                    "coefficient": award.coefficient,
                    "amount": award.amount,
                    "money_text": award.money_text,
                    "register_number": number,
                }
            )
        if rows:
            connection.execute(insert(t.awards), rows)
        self._complete_awardees(connection, [(row["awardee_id"], award) for row, award in zip(rows, awards)])
        if batch is not None:  # the counter is written once, at the end of the batch
            batch.counter = max([counter, *numbers])
        else:
            connection.execute(
                update(t.counters).where(t.counters.c.name == t.REGISTER_COUNTER).values(value=max([counter, *numbers]))
            )
        if batch is None or batch.proposals_waiting:
            self._close_proposals(connection, decision, decision_id)
        return RecordResult(decision, len(rows), False, numbers)

    def _close_proposals(self, connection: Connection, decision: DecisionRecord, decision_id: int) -> None:
        """Proposals of this year answered by this decision: what became of them."""
        waiting = connection.execute(
            select(t.proposals.c.id)
            .where(
                t.proposals.c.status == "de_nghi",
                t.proposals.c.awardee_id.in_(
                    select(t.awards.c.awardee_id).where(t.awards.c.decision_id == decision_id)
                ),
            )
            .limit(1)
        ).first()
        if waiting is None:  # nobody of this decision was proposed (an import of old decisions)
            return
        awarded = connection.execute(
            select(t.awards.c.id, t.awards.c.awardee_id, t.awards.c.award_key).where(
                t.awards.c.decision_id == decision_id
            )
        ).all()
        for award in awarded:
            connection.execute(
                update(t.proposals)
                .where(
                    t.proposals.c.awardee_id == award.awardee_id,
                    t.proposals.c.award_key == award.award_key,
                    t.proposals.c.year.in_((decision.year, decision.year - 1)),
                    t.proposals.c.status == "de_nghi",
                )
                .values(status="da_khen", award_id=award.id)
            )

    # -- corrections --

    def correct(
        self,
        number: str,
        issuer: str,
        year: int,
        *,
        new_date: dt.date | None = None,
        new_number: str | None = None,
        new_issuer: str | None = None,
    ) -> DecisionRecord:
        """An explicit correction of a recorded decision (its awards and register numbers stay)."""
        probe = DecisionRecord(number, issuer, None, year)
        with self.writing() as connection:
            found = self.find_decision(connection, probe)
            if found is None:
                raise InputError(
                    f"{probe.label}: sổ {self.shown} không có quyết định này",
                    hint="xem các quyết định đã ghi trong sổ",
                    code="KIT459",
                )
            values: dict[str, Any] = {}
            if new_date is not None:
                values.update(signed_on=new_date, year=new_date.year)
            if new_number:
                values.update(number=nfc(new_number).strip(), number_key=number_key(new_number))
            if new_issuer:
                values.update(issuer=nfc(new_issuer).strip(), issuer_key=key_of(new_issuer))
            if not values:
                raise UsageError(
                    "sửa quyết định đã ghi: chưa nói sửa gì",
                    hint="nêu ngày, số hoặc cơ quan ban hành mới",
                    code="KIT460",
                )
            change = "; ".join(
                f"{name}: {getattr(found, name)} → {value}"
                for name, value in values.items()
                if not name.endswith("_key")
            )
            try:
                with connection.begin_nested():
                    connection.execute(update(t.decisions).where(t.decisions.c.id == found.id).values(**values))
            except IntegrityError:
                raise InputError(
                    f"{probe.label}: sau khi sửa sẽ trùng một quyết định khác đã có trong sổ",
                    hint="kiểm tra lại số, cơ quan và năm",
                    code="KIT461",
                ) from None
            connection.execute(
                insert(t.corrections).values(
                    decision_id=found.id,
                    recorded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                    change=change,
                )
            )
            row = connection.execute(select(t.decisions).where(t.decisions.c.id == found.id)).one()
        return DecisionRecord(row.number, row.issuer, row.signed_on, row.year, row.authority, row.kind)

    # -- proposals --

    def record_proposals(self, dossier: str, year: int, proposed: list[tuple[AwardRecord, str]]) -> None:
        """A dossier's proposals (award, achievement key); the same dossier run again replaces nothing."""
        with self.writing() as connection:
            cache = self._awardee_cache(connection, [award for award, _ in proposed])
            known = []
            for award, achievement in proposed:
                awardee = self._awardee_id(connection, award, cache)
                known.append((awardee, award))
                exists = connection.execute(
                    select(t.proposals.c.id).where(
                        t.proposals.c.dossier == dossier,
                        t.proposals.c.awardee_id == awardee,
                        t.proposals.c.award_key == key_of(award.award),
                        t.proposals.c.year == year,
                    )
                ).first()
                if exists is None:
                    connection.execute(
                        insert(t.proposals).values(
                            dossier=dossier,
                            year=year,
                            awardee_id=awardee,
                            award=award.award,
                            award_key=key_of(award.award),
                            achievement_key=achievement,
                            status="de_nghi",
                            recorded_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
                        )
                    )
            self._complete_awardees(connection, known)

    def proposals_of(self, awardee_ids: Iterable[int]) -> list[ProposalRow]:
        ids = sorted(set(awardee_ids))
        if not ids:
            return []
        with self.reading() as connection:
            return [
                ProposalRow(row.dossier, row.year, row.award, row.status, row.awardee_id, row.achievement_key)
                for row in connection.execute(
                    select(t.proposals).where(t.proposals.c.awardee_id.in_(ids)).order_by(t.proposals.c.id)
                )
            ]

    # -- reading --

    def _history_query(self):
        return (
            select(
                t.awardees.c.name,
                t.awardees.c.kind,
                t.awardees.c.birth,
                t.awardees.c.identifier,
                t.awards.c.award,
                t.awards.c.category,
                t.awards.c.unit,
                t.awards.c.position,
                t.decisions.c.year,
                t.decisions.c.number,
                t.decisions.c.signed_on,
                t.decisions.c.issuer,
                t.awards.c.register_number,
                t.awards.c.coefficient,
                t.awards.c.amount,
                t.awards.c.money_text,
                t.awardees.c.id.label("awardee_id"),
            )
            .select_from(t.awards)
            .join(t.awardees, t.awardees.c.id == t.awards.c.awardee_id)
            .join(t.decisions, t.decisions.c.id == t.awards.c.decision_id)
        )

    @staticmethod
    def _who(query, name: str, born: str, kind: str | None, identifier: str = ""):
        """People (or collectives) of this name — the one born then when `born` is given (a birth year
        matches every date of that year; an unknown birth matches too), the one of this identifier when
        `identifier` is given (one recorded without an identifier may be the same person: it matches)."""
        query = query.where(t.awardees.c.name_key == key_of(name))
        if kind:
            query = query.where(t.awardees.c.kind == kind)
        if identifier:
            query = query.where(t.awardees.c.identifier.in_({identifier, ""}))
        if born:
            query = query.where(
                t.awardees.c.birth.in_({born, born[:4], ""}) | t.awardees.c.birth.like(f"{born[:4]}-%")
                if len(born) == 4
                else t.awardees.c.birth.in_({born, born[:4], ""})
            )
        return query

    def awardee_ids(self, name: str, born: str = "", kind: str | None = None, identifier: str = "") -> list[int]:
        with self.reading() as connection:
            query = self._who(select(t.awardees.c.id), name, born, kind, identifier)
            return list(connection.execute(query).scalars())

    def history(self, name: str, born: str = "", kind: str | None = None, identifier: str = "") -> list[HistoryRow]:
        """Every award of the people (or collectives) of this name (see _who)."""
        query = self._who(self._history_query(), name, born, kind, identifier)
        query = query.order_by(t.decisions.c.year, t.decisions.c.signed_on, t.awards.c.register_number)
        with self.reading() as connection:
            return [HistoryRow(**row._mapping) for row in connection.execute(query)]

    def search(self, text: str, limit: int = 50) -> list[tuple[int, str, str, str, str, int, str]]:
        """Awardees whose name contains `text`: (id, name, kind, birth, last unit, awards, identifier), by name."""
        pattern = f"%{key_of(text)}%"
        query = (
            select(
                t.awardees.c.id,
                t.awardees.c.name,
                t.awardees.c.kind,
                t.awardees.c.birth,
                func.max(t.awards.c.unit),
                func.count(t.awards.c.id),
                t.awardees.c.identifier,
            )
            .join(t.awards, t.awards.c.awardee_id == t.awardees.c.id)
            .where(t.awardees.c.name_key.like(pattern))
            .group_by(
                t.awardees.c.id, t.awardees.c.name, t.awardees.c.kind, t.awardees.c.birth, t.awardees.c.identifier
            )
            .order_by(t.awardees.c.name, t.awardees.c.birth, t.awardees.c.identifier)
            .limit(limit)
        )
        with self.reading() as connection:
            return [tuple(row) for row in connection.execute(query)]

    def history_of(self, awardee_id: int) -> list[HistoryRow]:
        query = (
            self._history_query()
            .where(t.awardees.c.id == awardee_id)
            .order_by(t.decisions.c.year, t.decisions.c.signed_on, t.awards.c.register_number)
        )
        with self.reading() as connection:
            return [HistoryRow(**row._mapping) for row in connection.execute(query)]

    def summary(self, year: int, by: str) -> list[tuple[str, int, int]]:
        """A year's awards by unit or by award: (label, individuals, collectives), by label."""
        column = {"unit": t.awards.c.unit, "award": t.awards.c.award}[by]
        query = (
            select(
                column,
                func.sum(case((t.awardees.c.kind == "ca_nhan", 1), else_=0)),
                func.sum(case((t.awardees.c.kind == "tap_the", 1), else_=0)),
            )
            .select_from(t.awards)
            .join(t.decisions, t.decisions.c.id == t.awards.c.decision_id)
            .join(t.awardees, t.awardees.c.id == t.awards.c.awardee_id)
            .where(t.decisions.c.year == year)
            .group_by(column)
            .order_by(column)
        )
        with self.reading() as connection:
            return [
                (label or "(không rõ)", int(people), int(groups)) for label, people, groups in connection.execute(query)
            ]

    def per_year(self) -> list[tuple[int, str, int]]:
        """(year, award, count) for every year: the chart of awards per year by kind."""
        query = (
            select(t.decisions.c.year, t.awards.c.award, func.count(t.awards.c.id))
            .select_from(t.awards)
            .join(t.decisions, t.decisions.c.id == t.awards.c.decision_id)
            .group_by(t.decisions.c.year, t.awards.c.award)
            .order_by(t.decisions.c.year, t.awards.c.award)
        )
        with self.reading() as connection:
            return [(int(year), award, int(count)) for year, award, count in connection.execute(query)]

    def all_awards(self, year: int | None = None, decision: DecisionRecord | None = None) -> list[HistoryRow]:
        query = self._history_query()
        if year is not None:
            query = query.where(t.decisions.c.year == year)
        with self.reading() as connection:
            if decision is not None:
                found = self.find_decision(connection, decision)
                query = query.where(t.decisions.c.id == (found.id if found is not None else -1))
            return [
                HistoryRow(**row._mapping) for row in connection.execute(query.order_by(t.awards.c.register_number))
            ]

    def numbers_of(self, decision: DecisionRecord) -> dict[tuple[str, str, str], int]:
        """The register numbers of one decision's awards, by (name key, birth, identifier)."""
        with self.reading() as connection:
            found = self.find_decision(connection, decision)
            if found is None:
                return {}
            rows = connection.execute(
                select(t.awardees.c.name_key, t.awardees.c.birth, t.awardees.c.identifier, t.awards.c.register_number)
                .join(t.awardees, t.awardees.c.id == t.awards.c.awardee_id)
                .where(t.awards.c.decision_id == found.id)
            )
            return {(name, birth, identifier): number for name, birth, identifier, number in rows}

    def counts(self) -> tuple[int, int, int]:
        """(decisions, awardees, awards)."""
        with self.reading() as connection:
            return tuple(  # type: ignore[return-value]
                connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.decisions, t.awardees, t.awards)
            )


def _is_busy(error: DBAPIError) -> bool:
    text = str(error.orig).lower()
    return "locked" in text or "lock timeout" in text or "canceling statement due to lock timeout" in text


# --- opening, upgrading, backing up ----------------------------------------------------------------


def _unreachable(url: str, error: Exception) -> InputError:
    return InputError(
        f"không mở được sổ khen thưởng {shown_url(url)} ({str(getattr(error, 'orig', error)).strip().splitlines()[0]})",
        hint="kiểm tra địa chỉ của sổ, máy chủ và quyền truy cập",
        code="KIT462",
    )


def revision_of(url: str) -> str | None:
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            return _current_revision(connection)
    except OperationalError as error:
        raise _unreachable(url, error) from None
    finally:
        engine.dispose()


def _refuse_unknown(url: str, revision: str) -> None:
    raise NewerStoreError(
        f"sổ khen thưởng {shown_url(url)} được lập bởi phiên bản kit mới hơn (lược đồ {revision}, phiên bản này chỉ "
        f"biết đến {head_revision()})",
        hint="cập nhật vanban-kit rồi mở lại; không ghi gì vào sổ này",
        code="KIT463",
    )


def open_store(db: str | Path | None = None, *, create: bool = True) -> Store:
    """The store at `db` (see resolve_url), created at the newest schema when it is new. A store of an
    older kit is refused until `kit register upgrade`; one of a newer kit is refused."""
    url = resolve_url(db)
    engine = _engine(url)
    if engine.dialect.name == "sqlite" and not create:
        database = make_url(url).database
        if database and not Path(database).exists():
            engine.dispose()
            raise InputError(
                f"{database}: không tìm thấy sổ khen thưởng",
                hint="kiểm tra đường dẫn của sổ",
                code="KIT211",
            )
    try:
        with engine.connect() as connection:
            revision = _current_revision(connection)
        if revision is None:
            with engine.connect().execution_options(kit_write=True) as connection, connection.begin():
                if engine.dialect.name == "postgresql":
                    # Two processes creating a new store at once: one creates it, the other waits and finds it
                    # (SQLite's BEGIN IMMEDIATE already queues them).
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CREATE_LOCK})")
                if _current_revision(connection) is None:  # another process may have just created it
                    if inspect(connection).has_table("decisions"):
                        raise InputError(
                            f"{shown_url(url)}: cơ sở dữ liệu đã có bảng 'decisions' nhưng không phải sổ của kit",
                            hint="dùng một cơ sở dữ liệu riêng cho sổ khen thưởng",
                            code="KIT464",
                        )
                    from alembic import command

                    command.upgrade(_alembic_config(connection), "head")
            revision = head_revision()
    except OperationalError as error:
        engine.dispose()
        if _is_busy(error):
            raise InputError(
                f"sổ khen thưởng {shown_url(url)} đang bận: một lần ghi khác chưa xong",
                hint="chạy lại sau ít phút",
                code="KIT465",
            ) from None
        raise _unreachable(url, error) from None
    except BaseException:
        engine.dispose()
        raise
    known = known_revisions()
    if revision not in known:
        engine.dispose()
        _refuse_unknown(url, revision)
    if revision != known[-1]:
        engine.dispose()
        raise InputError(
            f"sổ khen thưởng {shown_url(url)} có lược đồ cũ ({revision}, phiên bản này dùng {known[-1]})",
            hint="nâng cấp sổ (sổ SQLite được sao lưu trước khi nâng cấp)",
            code="KIT466",
        )
    return Store(url, engine)


def create_at(db: str | Path | None, revision: str) -> str:
    """A new store at an older schema (tests of `kit register upgrade`). Returns its URL."""
    from alembic import command

    url = resolve_url(db)
    engine = _engine(url)
    try:
        with engine.connect().execution_options(kit_write=True) as connection, connection.begin():
            command.upgrade(_alembic_config(connection), revision)
    finally:
        engine.dispose()
    return url


def backup(db: str | Path | None, target: Path, *, force: bool = False) -> Path:
    """A copy of a SQLite store made with SQLite's online backup (a running writer is waited for, never
    copied half-way). PostgreSQL stores are backed up with pg_dump (README)."""
    from .. import fileio

    url = resolve_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise UsageError(
            f"sổ {shown_url(url)} là PostgreSQL",
            hint="sao lưu bằng pg_dump (xem README, mục Sổ khen thưởng)",
            code="KIT467",
        )
    source = Path(str(parsed.database))
    if not source.exists():
        raise InputError(f"{source}: không tìm thấy sổ khen thưởng", hint="kiểm tra đường dẫn của sổ", code="KIT211")
    target = Path(target)
    if target.resolve() == source.resolve():
        raise UsageError(
            f"{target}: không sao lưu đè lên chính sổ khen thưởng", hint="chọn tên tệp khác", code="KIT468"
        )
    fileio.check_writable([target], force)
    staging = target.with_name(f".{target.name}.part")
    staging.unlink(missing_ok=True)
    with sqlite3.connect(source, timeout=BUSY_SECONDS) as reader, sqlite3.connect(staging) as writer:
        reader.backup(writer)
    writer.close()
    reader.close()
    os.replace(staging, target)
    return target


@dataclass
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def upgrade(db: str | Path | None = None, *, backed_up: bool = False) -> UpgradeResult:
    """Bring an older store to this kit's schema in place, after a backup (SQLite: made here, beside
    the store; PostgreSQL: the caller says pg_dump was run with `backed_up`)."""
    from alembic import command

    url = resolve_url(db)
    before = revision_of(url)
    known = known_revisions()
    if before is not None and before not in known:
        _refuse_unknown(url, before)
    if before == known[-1]:
        return UpgradeResult(before, before, None)
    saved = None
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if Path(str(parsed.database)).exists() and before is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            source = Path(str(parsed.database))
            saved = backup(url, source.with_name(f"{source.stem}-truoc-nang-cap-{before}-{stamp}{source.suffix}"))
    elif not backed_up and before is not None:
        raise UsageError(
            f"sổ {shown_url(url)} là PostgreSQL: chưa sao lưu",
            hint="sao lưu bằng pg_dump trước (xem README), rồi nâng cấp lại và xác nhận đã sao lưu",
            code="KIT469",
        )
    engine = _engine(url)
    try:
        with engine.connect().execution_options(kit_write=True) as connection, connection.begin():
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CREATE_LOCK})")
            command.upgrade(_alembic_config(connection), "head")
    finally:
        engine.dispose()
    return UpgradeResult(before, known[-1], saved)
