#!/usr/bin/env python3
"""pip's own view of requirements files: the oracle for deptag's differential tests.

Run with the interpreter of `.venv-oracle` (made by `scripts/setup-oracles`: pip>=26, packaging>=26).

Usage
-----
    pip_oracle.py FILE...
        One JSON object per FILE, one per line, in argument order (JSON Lines).

    pip_oracle.py --pairs A1 B1 [A2 B2 ...]
        One JSON object per pair, one per line:
        {"a": VIEW, "b": VIEW, "equivalent": bool|null, "difference": str|null}
        `equivalent` is null when either file is rejected by pip (then nothing is compared),
        true when both views mean the same install (see "Equivalence"), false otherwise, with
        `difference` saying what differs first.

    pip_oracle.py --compare A B
        Like one --pairs pair; exit status 0 when equivalent, 1 when different, 2 when either
        file is rejected.

Each VIEW (one file) is:
    {"file": str, "ok": bool, "error": str|null,
     "requirements": [REQ...], "constraints": [REQ...],
     "finder": {"index_urls": [...], "find_links": [...], "no_index": bool,
                "no_binary": [...], "only_binary": [...],
                "all_releases": [...], "only_final": [...],
                "prefer_binary": bool, "trusted_hosts": [...]},
     "options": {"require_hashes": bool, "no_require_hashes": bool, "features_enabled": [...]},
     "warnings": [str...]}            # pip's log warnings; informative, never compared
    REQ = {"name": canonical name|null, "extras": [sorted PEP 685 names],
           "specifier": [sorted canonical clauses], "marker": str|null, "link": URL|null,
           "editable": bool, "hashes": ["algo:hexlower", sorted], "config_settings": {...},
           "line": "FILE:LINE" of the line it came from (informative, never compared)}

How it reads a file: exactly as `pip install -r FILE` does up to (not including) resolution:
pip's `req_file.parse_requirements(FILE, session=PipSession(), finder=<PackageFinder built by
the install command's own _build_package_finder from its default options>, options=<the
install command's default optparse Values>)`, then `install_req_from_parsed_requirement` for
each parsed requirement (with `config_settings` passed as pip's `get_requirements` does).
Anything pip raises while doing so makes `ok` false with the message.

Isolation: pip configuration files and PIP_* variables are ignored, and the process runs with an
empty environment, so `${VAR}` stays literal (what deptag hashes). The network is never used:
http(s) requests (e.g. `-r https://...`) fail with an error instead. Paths in the output
that point into the top-level file's own directory (a `--find-links` directory that pip resolved
relative to the requirements file) are written as `<reqdir>/...`, so a copy of a file in another
directory reads the same.

Canonical comparisons use `packaging`: names and extras by `canonicalize_name`; specifier
clauses as OP + canonicalize_version(V, strip_trailing_zero=(OP != "~=")), except `===` (the
version lower-cased, verbatim otherwise) and `.*` prefixes (spelling normalized, zeros kept).

Equivalence ("same meaning") of two VIEWs: equal finder and options; and requirements (and,
separately, constraints) equal as *sets* grouped by project (canonical name, or the link of an
unnamed requirement): pip merges every line of a project, so an exact duplicate line adds
nothing. Within a project whose lines carry hashes, config settings, the editable flag or a
URL, the order of first occurrence must also be equal, since pip takes those options from the
first line of a project (reference §5).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys

# --- isolation, before pip is imported -------------------------------------------------------
os.environ.clear()

try:
    from pip._internal.commands import create_command
    from pip._internal.network.session import PipSession
    from pip._internal.req.constructors import install_req_from_parsed_requirement
    from pip._internal.req.req_file import parse_requirements
    from packaging.utils import canonicalize_name, canonicalize_version
    from packaging.version import InvalidVersion
    import pip
    import packaging
except ImportError as exc:  # pragma: no cover - reported to the caller
    print(f"pip_oracle: cannot import pip/packaging ({exc}); run scripts/setup-oracles",
          file=sys.stderr)
    sys.exit(3)

from pip._vendor.requests.adapters import BaseAdapter



def _fresh_install_command():
    """A new install command and its default options (optparse shares mutable defaults such as
    FormatControl between parses of one parser, so each file gets its own parser). Config
    files are disabled only while the options are parsed: `${PIP_CONFIG_FILE}` stays literal."""
    os.environ["PIP_CONFIG_FILE"] = os.devnull
    try:
        command = create_command("install")
        options, _args = command.parse_args(["--isolated"])
    finally:
        os.environ.clear()
    return command, options


class _NoNetwork(BaseAdapter):
    def send(self, request, *args, **kwargs):  # noqa: D401
        raise OSError(f"pip_oracle: network access refused: {request.url}")

    def close(self):
        pass


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            self.messages.append(record.getMessage())
        except Exception:  # pragma: no cover
            self.messages.append(str(record.msg))


_handler = _Warnings()
logging.getLogger().addHandler(_handler)
logging.getLogger().setLevel(logging.WARNING)
logging.lastResort = None


# --- canonical pieces ------------------------------------------------------------------------
def canonical_clause(op: str, version: str) -> str:
    if op == "===":
        return op + version.lower()
    if version.endswith(".*"):
        prefix = version[:-2]
        try:
            return op + canonicalize_version(prefix, strip_trailing_zero=False) + ".*"
        except InvalidVersion:
            return op + version.lower()
    try:
        return op + canonicalize_version(version, strip_trailing_zero=(op != "~="))
    except InvalidVersion:  # pragma: no cover - packaging rejects these earlier
        return op + version.lower()


def requirement_view(ireq, line: str) -> dict:
    req = ireq.req
    name = canonicalize_name(req.name) if req is not None and req.name else None
    specifier = []
    if req is not None:
        specifier = sorted({canonical_clause(s.operator, s.version) for s in req.specifier})
    extras = sorted({canonicalize_name(e) for e in (ireq.extras or ())})
    marker = str(ireq.markers) if ireq.markers is not None else None
    link = ireq.original_link.url if ireq.original_link is not None else None
    hashes = sorted(
        {f"{algo}:{digest.lower()}" for algo, digests in (ireq.hash_options or {}).items()
         for digest in digests}
    )
    config = {}
    for key, value in sorted((ireq.config_settings or {}).items()):
        config[key] = list(value) if isinstance(value, list) else value
    return {
        "name": name,
        "extras": extras,
        "specifier": specifier,
        "marker": marker,
        "link": link,
        "editable": bool(ireq.editable),
        "hashes": hashes,
        "config_settings": config,
        "line": line,
    }


def _canonical_binary_set(values) -> list[str]:
    # "" and ":none:" as names (from `,x` or `:NONE:`) change nothing (no project is named so);
    # deptag drops them.
    return sorted(v for v in (values or ()) if v not in ("", ":none:"))


def _read(path, session, finder, options, command, reqdir):
    """pip's parse, as `RequirementCommand.get_requirements` does it for `-r path`."""
    requirements, constraints = [], []
    for parsed in parse_requirements(path, session=session, finder=finder, options=options):
        ireq = install_req_from_parsed_requirement(
            parsed,
            isolated=options.isolated_mode,
            user_supplied=True,
            config_settings=(
                parsed.options.get("config_settings") if parsed.options else None
            ),
        )
        number, _, filename = (parsed.line_source or "").replace("line ", "", 1).partition(" of ")
        where = f"{_rel(os.path.abspath(filename), reqdir)}:{number}"
        (constraints if parsed.constraint else requirements).append(requirement_view(ireq, where))
    return requirements, constraints


def read_file(path: str) -> dict:
    view = {
        "file": path,
        "ok": False,
        "error": None,
        "requirements": [],
        "constraints": [],
        "finder": None,
        "options": None,
        "warnings": [],
    }
    _handler.messages = []
    command, options = _fresh_install_command()
    session = PipSession()
    no_network = _NoNetwork()
    session.mount("http://", no_network)
    session.mount("https://", no_network)
    finder = command._build_package_finder(options=options, session=session)
    reqdir = os.path.dirname(os.path.abspath(path))
    try:
        # optparse prints a usage line to stderr before pip turns its error into an exception.
        with contextlib.redirect_stderr(io.StringIO()):
            view["requirements"], view["constraints"] = _read(path, session, finder, options,
                                                              command, reqdir)
    except BaseException as exc:  # noqa: BLE001 - every rejection is data
        if isinstance(exc, KeyboardInterrupt):
            raise
        view["error"] = f"{type(exc).__name__}: {exc}".strip()
        view["requirements"] = []
        view["constraints"] = []
        view["warnings"] = list(_handler.messages)
        return view

    release = finder.release_control
    fc = finder.format_control
    view["ok"] = True
    view["finder"] = {
        "index_urls": list(finder.index_urls),
        "find_links": [_rel(f, reqdir) for f in finder.find_links],
        "no_index": bool(finder.search_scope.no_index),
        "no_binary": _canonical_binary_set(fc.no_binary if fc else ()),
        "only_binary": _canonical_binary_set(fc.only_binary if fc else ()),
        "all_releases": _canonical_binary_set(release.all_releases) if release else [],
        "only_final": _canonical_binary_set(release.only_final) if release else [],
        "prefer_binary": bool(finder.prefer_binary),
        "trusted_hosts": sorted(set(finder.trusted_hosts)),
    }
    if hasattr(finder, "allow_all_prereleases"):  # older pips only
        view["finder"]["allow_all_prereleases"] = bool(finder.allow_all_prereleases)
    view["options"] = {
        "require_hashes": bool(getattr(options, "require_hashes", False)),
        "no_require_hashes": bool(getattr(options, "no_require_hashes", False)),
        "features_enabled": sorted(set(getattr(options, "features_enabled", None) or [])),
    }
    view["warnings"] = list(_handler.messages)
    return view


def _rel(path: str, reqdir: str) -> str:
    if path == reqdir:
        return "<reqdir>"
    if path.startswith(reqdir + os.sep):
        return "<reqdir>/" + path[len(reqdir) + 1:]
    return path


# --- equivalence -----------------------------------------------------------------------------
_COMPARED = ("name", "extras", "specifier", "marker", "link", "editable", "hashes",
             "config_settings")


def _key(req: dict) -> str:
    return json.dumps({k: req[k] for k in _COMPARED}, sort_keys=True)


def _project(req: dict) -> str:
    return req["name"] if req["name"] is not None else "<url>" + str(req["link"])


def _order_sensitive(req: dict) -> bool:
    return bool(req["hashes"] or req["config_settings"] or req["editable"] or req["link"])


def _groups(reqs: list[dict]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    sensitive: dict[str, bool] = {}
    for req in reqs:
        project = _project(req)
        key = _key(req)
        entries = groups.setdefault(project, [])
        if key not in entries:
            entries.append(key)
        sensitive[project] = sensitive.get(project, False) or _order_sensitive(req)
    return {p: (entries if sensitive[p] else sorted(entries)) for p, entries in groups.items()}


def difference(a: dict, b: dict) -> str | None:
    """None when the two (accepted) views mean the same install, else what differs first."""
    for section in ("finder", "options"):
        if a[section] != b[section]:
            keys = sorted(set(a[section]) | set(b[section]))
            for key in keys:
                if a[section].get(key) != b[section].get(key):
                    return (f"{section}.{key}: {json.dumps(a[section].get(key))} != "
                            f"{json.dumps(b[section].get(key))}")
    for section in ("requirements", "constraints"):
        ga, gb = _groups(a[section]), _groups(b[section])
        for project in sorted(set(ga) | set(gb)):
            if ga.get(project) != gb.get(project):
                return (f"{section} of {project}: {ga.get(project)} != {gb.get(project)}")
    return None


def compare(a: dict, b: dict) -> dict:
    if not (a["ok"] and b["ok"]):
        return {"a": a, "b": b, "equivalent": None,
                "difference": "rejected: " + "; ".join(
                    v["file"] + ": " + str(v["error"]) for v in (a, b) if not v["ok"])}
    diff = difference(a, b)
    return {"a": a, "b": b, "equivalent": diff is None, "difference": diff}


def main(argv: list[str]) -> int:
    out = sys.stdout
    if argv[:1] == ["--version"]:
        print(json.dumps({"pip": pip.__version__, "packaging": packaging.__version__}))
        return 0
    if argv[:1] == ["--compare"]:
        if len(argv) != 3:
            print("usage: pip_oracle.py --compare A B", file=sys.stderr)
            return 64
        result = compare(read_file(argv[1]), read_file(argv[2]))
        out.write(json.dumps(result, sort_keys=True) + "\n")
        return {True: 0, False: 1, None: 2}[result["equivalent"]]
    if argv[:1] == ["--pairs"]:
        files = argv[1:]
        if len(files) % 2:
            print("usage: pip_oracle.py --pairs A1 B1 [A2 B2 ...]", file=sys.stderr)
            return 64
        cache: dict[str, dict] = {}
        for i in range(0, len(files), 2):
            views = []
            for f in files[i:i + 2]:
                if f not in cache:
                    cache[f] = read_file(f)
                views.append(cache[f])
            out.write(json.dumps(compare(*views), sort_keys=True) + "\n")
        return 0
    if not argv or argv[0].startswith("-") and argv[0] != "-":
        print(__doc__, file=sys.stderr)
        return 64
    for f in argv:
        out.write(json.dumps(read_file(f), sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
