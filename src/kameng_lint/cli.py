"""The command line: ``kameng-lint [options] PATH... | -``, ``kameng-lint rules``,
``kameng-lint explain CODE``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import sys
from pathlib import Path

from . import __version__
from .config import Config, ConfigError, find_config_file, load_config
from .contract import Severity
from .inputs import InputError, decode, expand_paths
from .records import FileRecord

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like every other error here
        raise UsageError(message)


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of jobs: {value!r}")
    return int(value)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="config file (default: kameng-lint.toml, "
                        ".kameng-lint.toml or [tool.kameng-lint] in pyproject.toml, searched upwards)")
    parser.add_argument("--rules", action="append", type=Path, metavar="PACK",
                        help="an extra rule pack (TOML); repeatable")
    parser.add_argument("--select", action="append", metavar="CODES",
                        help="only these codes, prefixes or categories (KM101,KM2,tone,ALL)")
    parser.add_argument("--ignore", action="append", metavar="CODES", help="skip these")
    parser.add_argument("--tokenizer", choices=("auto", "jieba", "rjieba"), help="word segmenter")
    parser.add_argument("--no-plugins", action="store_true", help="do not load entry-point plugins")
    parser.add_argument("--lang", metavar="LANG", help="language of the messages: auto (default: the draft's "
                        "own script), zh-Hans, zh-Hant or en")
    parser.add_argument("--channel", metavar="NAME", help="where the draft goes: platform (default), heimao, "
                        "12315, cca, or the path of a channel profile .toml")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kameng-lint",
        description="Lint Chinese complaint drafts before they are sent. "
        "Subcommands: `kameng-lint rules` lists the rules; `kameng-lint explain CODE` explains one.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (*.txt, *.md); - for stdin")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument("--fail-on", choices=[s.value for s in Severity],
                        help="lowest severity that makes the exit code 1 (default: warning)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to report for stdin")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    parser.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                        help="lint files in N worker processes (default 0: all cores)")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="apply the safe fixes (mask exposed numbers and secrets, cut ！！！ to one "
                        "mark) and write the drafts back; report what is left")
    fixing.add_argument("--diff", action="store_true",
                        help="show the safe fixes as a unified diff and write nothing (exit 1 if any)")
    parser.add_argument("--version", action="version", version=f"kameng-lint {__version__}")
    _common_options(parser)
    return parser


def build_config(args: argparse.Namespace) -> Config:
    path = args.config or find_config_file(Path.cwd())
    if args.config and not args.config.is_file():
        raise ConfigError(f"{args.config}: config file not found")
    config = load_config(path) if path else Config()
    updates: dict = {}
    if args.select:
        updates["select"] = _split(args.select)
    if args.ignore:
        updates["ignore"] = config.ignore + _split(args.ignore)
    if args.rules:
        updates["rules"] = config.rules + list(args.rules)
    if getattr(args, "fail_on", None):
        updates["fail_on"] = Severity(args.fail_on)
    if args.tokenizer:
        updates["tokenizer"] = args.tokenizer
    if args.no_plugins:
        updates["plugins"] = False
    if args.channel:
        updates["channel"] = args.channel
    if args.lang:
        from .i18n import UnknownLanguage, normalize_lang

        try:
            updates["lang"] = normalize_lang(args.lang)
        except UnknownLanguage as err:
            raise UsageError(f"--lang: {err}") from None
    if "channel" in updates or config.channel != Config().channel:
        from .channels import load_profile  # an unknown channel is a usage error (exit 2)

        load_profile(updates.get("channel", config.channel))
    return dataclasses.replace(config, **updates)


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _linter(config: Config):
    from .linter import Linter  # deferred: --help and --version stay instant

    return Linter(config)


def lint_command(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if not args.paths:
        raise UsageError("no paths given (use - to read standard input)")
    if args.diff and args.format != "text":
        raise UsageError("--diff prints a unified diff; it takes no --format")
    if args.fix and "-" in args.paths and len(args.paths) > 1:
        raise UsageError("--fix with - writes the mended draft to standard output: give no other paths")
    config = build_config(args)
    linter = _linter(config)

    from .render import Style, render_file, render_json_file

    # Text and JSON output are made file by file, in the worker that linted the file.
    render = {
        "text": functools.partial(render_file, style=Style(_use_colour(args.color))),
        "json": render_json_file,
    }.get(args.format)
    disk_paths = [Path(p) for p in args.paths if p != "-"]
    files, missing = expand_paths(disk_paths)
    reports = [FileRecord(str(p), error=reason) for p, reason in missing]
    if args.fix or args.diff:
        outcome = _fix_files(args, linter, files, render)
        checked, blocks = outcome.reports, outcome.blocks
    else:
        checked, blocks = _lint_files(args, linter, files, render)
    reports = sorted(reports + checked, key=lambda r: r.path)

    if args.diff:
        sys.stdout.write("".join(outcome.diffs[path] for path in sorted(outcome.diffs)))
        print(f"kameng-lint: {_fix_summary(outcome, dry_run=True)}", file=sys.stderr)
    else:
        # With --fix on standard input, the mended draft is the output; the report goes to stderr.
        stream = sys.stderr if args.fix and "-" in args.paths else sys.stdout
        stream.write(_report_text(args, linter, reports, blocks, render))
        if args.fix and args.format == "text":
            print(_fix_summary(outcome, dry_run=False), file=stream)
    # One line per unreadable file on stderr, whatever the format: a pipeline that parses the
    # JSON still shows a person why the exit code is 2.
    for file_report in reports:
        if file_report.error is not None:
            print(f"kameng-lint: {file_report.path}: {file_report.error}", file=sys.stderr)
    if args.diff and exit_code(reports, config.fail_on) != EXIT_ERROR:
        return EXIT_FINDINGS if outcome.diffs else EXIT_CLEAN
    return exit_code(reports, config.fail_on)


def _lint_files(args, linter, files: list[Path], render) -> tuple[list[FileRecord], dict[str, str]]:
    """Lint standard input and the files: their reports, and each one's rendered output by path."""
    reports: list[FileRecord] = []
    blocks: dict[str, str] = {}
    if "-" in args.paths:
        name = args.stdin_filename or "<stdin>"
        try:
            text = decode(sys.stdin.buffer.read())
        except InputError as err:
            reports.append(FileRecord(name, error=str(err)))
        else:
            reports.append(linter.check_text(text, path=name))
            if render:
                blocks[name] = render(reports[-1], text)
    from .linter import lint_files

    for file_report, block in lint_files(linter, files, args.jobs, render=render):
        reports.append(file_report)
        if render:
            blocks[file_report.path] = block
    return reports, blocks


class _FixOutcome:
    """What ``--fix``/``--diff`` did: the reports on the mended drafts, their rendered output,
    the diffs (``--diff``), and how many edits went into how many drafts."""

    def __init__(self) -> None:
        self.reports: list[FileRecord] = []
        self.blocks: dict[str, str] = {}
        self.diffs: dict[str, str] = {}
        self.fixed = 0
        self.files = 0


def _fix_files(args, linter, files: list[Path], render) -> _FixOutcome:
    """Mend standard input and the files (one process: fixing is for a person's own drafts,
    not for a platform's stream). A draft is written only with --fix, only when a fix changed
    it, atomically and in the encoding it came in."""
    from .fixes import fix_text, unified_diff
    from .inputs import read_draft_with_encoding, write_draft

    outcome = _FixOutcome()
    drafts: list[tuple[str, Path | None]] = [(args.stdin_filename or "<stdin>", None)] if "-" in args.paths else []
    drafts += [(str(path), path) for path in files]
    for name, path in drafts:
        try:
            text, encoding = read_draft_with_encoding(path) if path else (decode(sys.stdin.buffer.read()), "utf-8")
            fixed = fix_text(linter, text, name)
            if fixed.fixed and args.fix and path:
                write_draft(path, fixed.text, encoding)
        except InputError as err:
            outcome.reports.append(FileRecord(name, error=str(err)))
            continue
        if path is None and args.fix:
            sys.stdout.write(fixed.text)
        if fixed.fixed:
            outcome.fixed += fixed.fixed
            outcome.files += 1
            if args.diff:
                outcome.diffs[name] = unified_diff(text, fixed.text, name)
        outcome.reports.append(fixed.record)
        if render:
            outcome.blocks[name] = render(fixed.record, fixed.text)
    return outcome


def _fix_summary(outcome: _FixOutcome, *, dry_run: bool) -> str:
    from .render import plural

    if not outcome.fixed:
        return "nothing to fix" if dry_run else "Nothing to fix."
    what = f"{plural(outcome.fixed, 'problem')} in {plural(outcome.files, 'file')}"
    return f"would fix {what}" if dry_run else f"Fixed {what}."


def _report_text(args, linter, reports: list[FileRecord], blocks: dict[str, str], render) -> str:
    """The whole report in the chosen format, from each file's rendered output."""
    if args.format == "sarif":
        from .sarif import render_sarif

        return render_sarif(reports, [rule.info for rule in linter.rules])
    from .render import join_json, join_text

    entries = [blocks.get(r.path) or render(r, None) for r in reports]
    return (join_json if args.format == "json" else join_text)(entries, reports)


def exit_code(files: list[FileRecord], fail_on: Severity) -> int:
    if any(f.error is not None for f in files):
        return EXIT_ERROR
    worst = [f.severity.rank for r in files for f in r.findings]
    return EXIT_FINDINGS if worst and max(worst) >= fail_on.rank else EXIT_CLEAN


def rules_command(argv: list[str]) -> int:
    parser = _Parser(prog="kameng-lint rules", description="List every rule.")
    _common_options(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    config = build_config(args)
    linter = _linter(config)
    enabled = {r.code for r in linter.rules}
    infos = [r.info for r in linter.all_rules]
    if args.format == "json":
        import json

        rows = [
            {"code": i.code, "name": i.name, "category": i.category.value, "severity": i.severity.value,
             "summary": i.summary, "enabled": i.code in enabled, "source": i.source}
            for i in infos
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    for info in infos:
        flag = "" if info.code in enabled else "  (opt-in: --select " + info.code + ")"
        print(f"{info.code}  {info.category.value:<9} {info.severity.value:<8} {info.name:<28} {info.summary}{flag}")
    return EXIT_CLEAN


def explain_command(argv: list[str]) -> int:
    parser = _Parser(prog="kameng-lint explain", description="Explain one rule.")
    parser.add_argument("code")
    _common_options(parser)
    args = parser.parse_args(argv)
    linter = _linter(build_config(args))
    try:
        rule = linter.rule(args.code)
    except KeyError:
        raise UsageError(f"unknown rule code {args.code!r} (see `kameng-lint rules`)") from None
    print(explain_text(rule.info))
    return EXIT_CLEAN


def explain_text(info) -> str:
    lines = [
        f"{info.code} {info.name}  ({info.category.value}, {info.severity.value})",
        "",
        info.summary,
    ]
    if info.rationale:
        lines += ["", info.rationale.strip()]
    channel = f" (with --channel {info.examples.channel})" if info.examples.channel else ""
    if info.examples.bad:
        lines += ["", f"Fires on{channel}:"] + [f"  ✗ {example}" for example in info.examples.bad]
    if info.examples.good:
        lines += ["", f"Quiet on{channel}:"] + [f"  ✓ {example}" for example in info.examples.good]
    if info.examples.fixed:
        lines += ["", f"--fix makes{channel}:"] + [f"  {before}  →  {after}" for before, after in info.examples.fixed]
    lines += ["", f"Source: {info.source}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] == "rules":
            return rules_command(argv[1:])
        if argv and argv[0] == "explain":
            return explain_command(argv[1:])
        return lint_command(argv)
    except (UsageError, ConfigError) as err:
        print(f"kameng-lint: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
