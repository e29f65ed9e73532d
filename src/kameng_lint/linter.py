"""The engine: loads rules once (built-in packs, Python checks, plugins, user packs), builds the
tokenizer once, and lints texts and files into reports.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import cache
from .config import Config, ConfigError
from .contract import Category, Severity
from .document import Document
from .inputs import InputError, expand_paths, read_draft
from .pack_rules import LexiconMatcher, build_rules
from .packs import Pack, PackError, parse_pack, read_pack_file
from .records import FileRecord, FindingRecord
from .resources import builtin_pack_sources, builtin_packs_dir  # noqa: F401 - builtin_packs_dir: the API
from .rule import Hit, Rule
from .tokenizer import Tokenizer, rjieba_available
from .vocabulary import Vocabulary

if TYPE_CHECKING:  # the API's models import pydantic: only the methods that return them load it
    from .models import FileReport, FixResult, Report

PLUGIN_GROUP = "kameng_lint.rules"


def _may_have_plugins(folders: Iterable[str] | None = None) -> bool:
    """False only when no installed distribution declares a ``kameng_lint.rules`` entry point.

    Importing ``importlib.metadata`` costs about a tenth of a short run; this reads the
    ``entry_points.txt`` files on ``sys.path`` instead and leaves the real lookup to it when
    one names the group. Anywhere it cannot look (a zip file on the path) it says True.
    """
    for folder in sys.path if folders is None else folders:
        try:
            entries = os.scandir(folder or ".")
        except NotADirectoryError:
            return True  # a zip archive: importlib.metadata can look inside, we do not
        except OSError:
            continue  # missing: importlib.metadata finds nothing there either
        with entries:
            for entry in entries:
                # where importlib.metadata looks: name.dist-info, name.egg-info, an egg's EGG-INFO
                if entry.name.endswith((".dist-info", ".egg-info", "EGG-INFO")) and _names_group(entry.path):
                    return True
    return False


def _names_group(distribution_folder: str) -> bool:
    try:
        with open(os.path.join(distribution_folder, "entry_points.txt"), encoding="utf-8") as file:
            return PLUGIN_GROUP in file.read()
    except (OSError, UnicodeDecodeError):
        return False


def _plugin_rules() -> Iterator[Rule]:
    """Rules from installed plugins: each entry point names a Rule class, instance or iterable."""
    if not _may_have_plugins():
        return
    from importlib import metadata

    for entry_point in metadata.entry_points(group=PLUGIN_GROUP):
        try:
            loaded = entry_point.load()
        except Exception as err:  # a broken plugin is a configuration error, not a crash
            raise ConfigError(f"plugin {entry_point.name!r} ({entry_point.value}): cannot load: {err}") from None
        items = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for item in items:
            rule = item() if inspect.isclass(item) else item
            if not isinstance(rule, Rule):
                raise ConfigError(
                    f"plugin {entry_point.name!r} ({entry_point.value}): {item!r} is not a kameng_lint Rule"
                )
            rule.source = f"plugin {entry_point.name}"
            yield rule


class Linter:
    """Loads the tokenizer and every rule once; lint many texts with it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._kinds: dict[str, tuple[Category, Severity]] = {}  # rule code -> enums (_kind_of)
        from .channels import load_profile  # the channel profile (--channel); ConfigError if unknown

        self.profile = load_profile(self.config.channel)
        packs, packs_key, verified = self._load_packs()

        self.vocabulary = Vocabulary()
        dictionary: set[str] = set()
        for _, pack in packs:
            dictionary.update(pack.dictionary)
            for name, words in pack.vocabulary.items():
                self.vocabulary.extend(name, words)
            for name, patterns in pack.patterns.items():
                self.vocabulary.extend_patterns(name, patterns)
            for spec in pack.rule:
                if spec.kind == "lexicon":
                    dictionary.update(w.word for w in spec.words)
        self.tokenizer = Tokenizer(dictionary, backend=self.config.tokenizer)

        self._matcher = LexiconMatcher(self.tokenizer)
        rules: list[Rule] = []
        builtin_count = len(packs) - len(self.config.rules)
        for index, (source, pack) in enumerate(packs):
            rules += [build_rules(spec, source, self._matcher, index < builtin_count) for spec in pack.rule]
        from .checks import BUILTIN_RULES  # the one table of Python rules

        rules += [rule_class() for rule_class in BUILTIN_RULES]
        if self.config.plugins:
            rules += list(_plugin_rules())
        self.all_rules = self._check_unique(rules)
        self.rules = [
            r for r in self.all_rules
            if self.config.selects(r.code, Category(r.category), default_enabled=r.default_enabled)
        ]
        if not verified:
            self._verify_pack_examples(packs)  # with every phrase rule taking part, as in the pack
            cache.store("packs", packs_key, packs)
        self._matcher.restrict_to({r.code for r in self.rules})

    def _load_packs(self) -> tuple[list[tuple[str, Pack]], str, bool]:
        """(source, pack) for the built-in and the user's packs, the cache key of them all, and
        whether they come from the cache: packs that passed their own examples before, with
        this version and tokenizer, need neither parsing nor verifying again."""
        try:
            sources = builtin_pack_sources() + [(str(path), read_pack_file(path)) for path in self.config.rules]
        except PackError as err:
            raise ConfigError(str(err)) from None
        key = cache.key(self.config.tokenizer or "auto", str(rjieba_available()),
                        *(f"{name}\0{text}" for name, text in sources))
        packs = cache.load("packs", key)
        if packs is not None:
            return packs, key, True
        try:
            return [(name, parse_pack(text, name)) for name, text in sources], key, False
        except PackError as err:
            raise ConfigError(str(err)) from None

    @staticmethod
    def _check_unique(rules: list[Rule]) -> list[Rule]:
        by_code: dict[str, Rule] = {}
        for rule in rules:
            if rule.code in by_code:
                raise ConfigError(
                    f"rule code {rule.code} is defined twice ({by_code[rule.code].source} and {rule.source})"
                )
            by_code[rule.code] = rule
        return sorted(by_code.values(), key=lambda r: r.code)

    def _verify_pack_examples(self, packs: list[tuple[str, Pack]]) -> None:
        """A pack rule whose own examples fail refuses to load (prh's dictionary tests)."""
        pack_codes = {spec.code for _, pack in packs for spec in pack.rule}
        for rule in self.all_rules:
            if rule.code not in pack_codes:
                continue
            for text in rule.examples.bad:
                if not list(self.check_rule(rule, text)):
                    raise ConfigError(f"{rule.source}: rule {rule.code}: bad example does not fire: {text!r}")
            for text in rule.examples.good:
                hits = list(self.check_rule(rule, text))
                if hits:
                    raise ConfigError(
                        f"{rule.source}: rule {rule.code}: good example fires on "
                        f"{text[hits[0].start:hits[0].end]!r}: {text!r}"
                    )
            for before, after in rule.examples.fixed:
                mended = self.fix_with_rule(rule, before)
                if mended != after:
                    raise ConfigError(
                        f"{rule.source}: rule {rule.code}: its fix makes {mended!r} of {before!r}, not {after!r}")

    # -- linting ------------------------------------------------------------------------------
    def document(self, text: str, path: str | None = None) -> Document:
        return Document(text, self.tokenizer, self.vocabulary, path=path, profile=self.profile)

    def check_rule(self, rule: Rule, text: str) -> list[Hit]:
        """One rule on one text: for examples and tests."""
        return list(rule.check(self.document(text)))

    def fix_with_rule(self, rule: Rule, text: str) -> str:
        """What one rule's fixes make of a text: for fix examples and tests."""
        from .edits import apply_edits

        return apply_edits(text, (hit.fix for hit in self.check_rule(rule, text)))[0]

    def rule(self, code: str) -> Rule:
        for rule in self.all_rules:
            if rule.code == code.upper():
                return rule
        raise KeyError(code)

    # The API hands out pydantic models; the CLI and the workers use the records they are
    # built from (``check_*``), so a command-line run never imports pydantic.
    def lint_text(self, text: str, *, path: str | None = None) -> FileReport:
        from .models import FileReport

        return FileReport.from_record(self.check_text(text, path=path))

    def lint_file(self, path: Path, display: str | None = None) -> FileReport:
        from .models import FileReport

        return FileReport.from_record(self.check_file(path, display))

    def lint_texts(self, texts: Iterable[str], paths: Iterable[str | None] | None = None) -> list[FileReport]:
        """``lint_text`` for many drafts (a platform screening what it receives): the same
        reports, in the same order, checked in batches (see ``check_texts``)."""
        from .models import FileReport

        return [FileReport.from_record(r) for r in self.check_texts(texts, paths)]

    def fix_text(self, text: str, *, path: str | None = None) -> FixResult:
        """``text`` with the safe fixes of its findings applied (masked secrets, one ！ for
        ！！！), and the report on what is left (``fixes.fix_text``)."""
        from .models import FileReport, FixResult

        outcome = fix_text(self, text, path)
        return FixResult(text=outcome.text, fixed=outcome.fixed, report=FileReport.from_record(outcome.record))

    def lint_paths(self, paths: Iterable[str | Path]) -> Report:
        from .models import FileReport, Report

        files, errors = expand_paths([Path(p) for p in paths])
        records = [FileRecord(str(p), error=reason) for p, reason in errors]
        records += [record for record, _ in lint_files(self, files, jobs=1, keep_text=False)]
        records.sort(key=lambda r: r.path)
        return Report(files=[FileReport.from_record(r) for r in records])

    def check_text(self, text: str, *, path: str | None = None) -> FileRecord:
        return self._check_documents([self.document(text, path)])[0]

    def check_texts(self, texts: Iterable[str], paths: Iterable[str | None] | None = None) -> list[FileRecord]:
        """``check_text`` for many drafts, in order. They are checked in batches, rule by rule
        across a batch (see ``BATCH_SIZE``): the same findings, in less time."""
        named = zip(texts, paths, strict=True) if paths is not None else ((text, None) for text in texts)
        records: list[FileRecord] = []
        for batch in _batches(named, lambda item: len(item[0])):
            records += self._check_documents([self.document(text, path) for text, path in batch])
        return records

    def _check_documents(self, docs: list[Document]) -> list[FileRecord]:
        """Every rule on every document: one rule over all the documents, then the next."""
        findings: list[list[FindingRecord]] = [[] for _ in docs]
        pairs = list(zip(docs, findings))  # once: a zip per rule cost 2% of a draft's time alone
        for rule in self.rules:
            for doc, found in pairs:
                for hit in rule.check(doc):
                    found.append(self._finding(doc, rule, hit))
        records = []
        for doc, found in pairs:
            found.sort(key=lambda f: (f.start, f.end, f.code))
            records.append(FileRecord(doc.path or "<text>", _dedupe(found)))
        return records

    def check_file(self, path: Path, display: str | None = None) -> FileRecord:
        name = display or str(path)
        try:
            text = read_draft(path)
        except InputError as err:
            return FileRecord(name, error=str(err))
        return self.check_text(text, path=name)

    def _kind_of(self, rule: Rule) -> tuple[Category, Severity]:
        """A rule's category and (configured) severity as the contract's enums, looked up once
        per rule: an enum call costs a microsecond, on every finding."""
        kind = self._kinds[rule.code] = (
            Category(rule.category), Severity(self.config.severity.get(rule.code, rule.severity)))
        return kind

    def _finding(self, doc: Document, rule: Rule, hit: Hit) -> FindingRecord:
        start = max(0, min(hit.start, len(doc.text)))
        end = max(start, min(hit.end, len(doc.text)))
        line, column = doc.lines.position(start)
        end_line, end_column = doc.lines.position(end)
        category, severity = self._kinds.get(rule.code) or self._kind_of(rule)
        return FindingRecord(
            code=rule.code,
            category=category,
            severity=severity,
            message=hit.message or rule.summary,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=doc.text[start:end],
            suggestion=hit.suggestion,
            fix=hit.fix,
        )


#: A rule whose fix brought back what another fix removed would otherwise loop for ever.
MAX_PASSES = 10


class FixOutcome(NamedTuple):
    """The mended text, how many edits went into it, and the report on the mended text."""

    text: str
    fixed: int
    record: FileRecord


def fix_text(linter: Linter, text: str, path: str | None = None) -> FixOutcome:
    """Lint ``text``, apply its findings' fixes, and lint again, until nothing changes."""
    from .edits import apply_edits

    record = linter.check_text(text, path=path)
    fixed = 0
    for _ in range(MAX_PASSES):
        mended, applied = apply_edits(text, (f.fix for f in record.findings))
        if not applied:
            break
        text, fixed = mended, fixed + applied
        record = linter.check_text(text, path=path)
    return FixOutcome(text, fixed, record)


def _dedupe(findings: list[FindingRecord]) -> list[FindingRecord]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for finding in findings:
        key = (finding.code, finding.start, finding.end)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


# -- many drafts at once -------------------------------------------------------------------------
#: Drafts checked together (``check_texts``, the command line's files), one rule over the whole
#: batch before the next: a rule's code, patterns and data stay in the processor's caches
#: instead of being pushed out by the other forty-odd rules between one draft and the next.
#: Measured on 600 drafts of about 190 characters, one process: 12% less time a draft in
#: batches of 64 than one by one (16: 9%, 256: 13%); the findings are the same.
BATCH_SIZE = 64
#: A batch also ends once it holds this many characters: a batch of long drafts keeps little
#: more than one of them (and its document model) in memory at a time.
BATCH_CHARS = 128 * 1024

T = TypeVar("T")


def _batches(items: Iterable[T], size_of: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``BATCH_SIZE`` items and, unless one item alone
    is bigger, ``BATCH_CHARS`` characters."""
    batch: list[T] = []
    chars = 0
    for item in items:
        size = size_of(item)
        if batch and (len(batch) == BATCH_SIZE or chars + size > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


def read_and_check(linter: Linter, names: list[str]) -> list[tuple[FileRecord, str | None]]:
    """(report, text) for each of a batch of files, in order: the text None and the report its
    error when the file cannot be read; the readable ones checked together (``check_texts``)."""
    results: list[tuple[FileRecord, str | None] | None] = []
    readable: list[tuple[int, str, str]] = []
    for name in names:
        try:
            text = read_draft(Path(name))
        except InputError as err:
            results.append((FileRecord(name, error=str(err)), None))
        else:
            readable.append((len(results), name, text))
            results.append(None)
    records = linter.check_texts((text for _, _, text in readable), (name for _, name, _ in readable))
    for (index, _, text), record in zip(readable, records):
        results[index] = (record, text)
    return results  # type: ignore[return-value]


# -- many files in worker processes ------------------------------------------------------------
#: Below this much text (in bytes, all files together) a worker pool costs more than it saves:
#: forking, handing out the files, and every worker compiling the patterns it uses. Measured
#: on 2 cores with drafts of about 190 characters: 96 drafts ran slower with -j 2 than with
#: -j 1, 192 faster; 64 KB is about 115 such drafts.
MIN_BYTES_FOR_WORKERS = 64 * 1024
_worker_linter: Linter | None = None


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _init_worker(config: Config) -> None:
    """Once per worker: a forked worker inherits the parent's loaded Linter (its dictionary
    pages stay shared); a spawned one builds its own from the same Config."""
    global _worker_linter
    if _worker_linter is None or _worker_linter.config != config:
        _worker_linter = Linter(config)


def _lint_some(
    linter: Linter, names: list[str], keep_text: bool, render: Renderer | None
) -> list[tuple[FileRecord, Any]]:
    checked = read_and_check(linter, names)
    if render is not None:
        return [(report, render(report, text)) for report, text in checked]
    return [(report, text if keep_text else None) for report, text in checked]


def _lint_in_worker(job: tuple[list[str], bool, Renderer | None]) -> list[tuple[FileRecord, Any]]:
    return _lint_some(_worker_linter, *job)


#: Makes a file's output from its report and text (None if unreadable), in the worker.
Renderer = Callable[[FileRecord, "str | None"], Any]


def _at_least_bytes(paths: list[Path], limit: int) -> bool:
    """Do the files hold ``limit`` bytes or more? (Stops counting there; a file that cannot be
    read counts nothing, its lint reports why.)"""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
        if total >= limit:
            return True
    return False


def lint_files(
    linter: Linter, paths: list[Path], jobs: int | None = None, keep_text: bool = True,
    render: Renderer | None = None,
) -> Iterator[tuple[FileRecord, Any]]:
    """(report, extra) for each file, in the order given; in ``jobs`` worker processes when
    there is enough text to share out. ``extra`` is ``render(report, text)`` when ``render`` is given
    (so output is made in parallel too), else the text (None for unreadable files or when
    not kept)."""
    global _worker_linter
    names = [str(p) for p in paths]
    jobs = min(jobs or default_jobs(), len(paths))
    if jobs < 2 or not _at_least_bytes(paths, MIN_BYTES_FOR_WORKERS):
        for start in range(0, len(names), BATCH_SIZE):
            yield from _lint_some(linter, names[start : start + BATCH_SIZE], keep_text, render)
        return
    # A worker's job is a batch of files, checked together: at most BATCH_SIZE, and no more than
    # an eighth of a worker's share, so that the workers finish together (the last job runs alone).
    size = max(1, min(BATCH_SIZE, len(names) // (jobs * 8)))
    work = [(names[start : start + size], keep_text, render) for start in range(0, len(names), size)]
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" and "fork" in methods else "spawn")
    _worker_linter = linter
    gc.freeze()  # keep the collector from writing to (and so un-sharing) the parent's pages
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                                 initargs=(linter.config,)) as pool:
            for results in pool.map(_lint_in_worker, work):
                yield from results
    finally:
        gc.unfreeze()
        _worker_linter = None
