#!/usr/bin/env python3
"""Helper of Scripts/crash-test.sh: prepares a crash-test run and proves its outcome.

Subcommands (standard library only, python3 >= 3.9):

  config    write the test's corridor.yaml (derived from samples/corridor.yaml, with a
            forward route added and timeoutSeconds set), opening.json (the opening
            balances it configures) and routes.json (the forward routes and the timeout)
  generate  write N unique pacs.008 messages into a staging folder and manifest.json
            (a share of them to creditor agents behind a forward route)
  feed      deliver the staged messages into the inbox in bursts (write .name.tmp, rename)
  verify    check the data directory after the run: nothing lost, nothing done twice;
            forwarded payments against what the route responder (crash_route.py) answered

The shell script owns the daemon (start, kill -9, restart, SIGTERM); this file owns
everything that is easier to get right in Python.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
import uuid
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

PARTICIPANTS = ["BANKDEFFXXX", "BANKFRPPXXX", "BANKNL2AXXX", "BANKGB2LXXX", "BANKESMMXXX"]
# The one participant kept poor on purpose: its large payments run out of funds and are
# answered RJCT AM04, so the test also covers rejections (which must not move money).
POOR = "BANKESMMXXX"
RICH_BALANCE = "100000000.00"
POOR_BALANCE = "50000.00"
# Payments to these creditor agents, which are no participants, are forwarded: to BANKUS33XXX
# by the sample's fednow route (country US), to BANKITMMXXX by the eurolink route the test adds
# ahead of the sample's EUR settle route. The route's answers come from Scripts/crash_route.py.
ROUTED = {"BANKUS33XXX": "fednow", "BANKITMMXXX": "eurolink"}
EUROLINK_ROUTE = """  - name: eurolink             # added by the crash test: EUR to Italian banks, forwarded
    match: { instructedAgent: BANKITMM }
    action: forward
    nextAgent: LINKITMMXXX
"""
TIMEOUT_RE = re.compile(r"^timeout-(?P<id>[0-9a-fA-F-]{36})\.pacs002\.xml$")
NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<hash>[0-9a-f]{12})\.(?P<kind>[A-Za-z0-9.-]+)\.xml$")


def fail(message: str) -> None:
    print(f"crash_verify: {message}", file=sys.stderr)
    sys.exit(2)


# MARK: config


def cmd_config(args: argparse.Namespace) -> None:
    """Rewrites the sample configuration for the test.

    Kept close to the sample (routes, screening thresholds, limits) so the test follows it;
    only what the test needs is changed: the data folder, absolute sanctions lists (or none),
    balances, and the 24 h window limit (a 5,000-payment run would exhaust it).
    """
    repo = Path(args.repo).resolve()
    text = (repo / "samples" / "corridor.yaml").read_text()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)

    text = re.sub(r"(?m)^(\s*data:).*$", r"\1 ./var", text)

    sanctions = (repo.parent / "shared" / "sanctions").resolve()
    match = re.search(r"(?m)^(\s*)lists:\s*\[(.*)\]\s*$", text)
    if not match:
        fail("samples/corridor.yaml has no one-line `lists: [...]` under screening:")
    names = [Path(p.strip()).name for p in match.group(2).split(",") if p.strip()]
    lists = [sanctions / n for n in names]
    indent = match.group(1)
    if not args.unscreened and names and all(p.exists() for p in lists):
        replacement = f"{indent}lists: [ " + ", ".join(str(p) for p in lists) + " ]"
        screened = True
    else:
        replacement = f"{indent}lists: []\n{indent}allowUnscreened: true"
        screened = False
    text = text[: match.start()] + replacement + text[match.end():]

    opening: dict[str, dict[str, str]] = {}
    current = None
    lines = []
    for line in text.splitlines():
        bic = re.match(r"^\s*-\s*bic:\s*([A-Z0-9]+)", line)
        if bic:
            current = bic.group(1)
        account = re.search(r'currency:\s*([A-Z]{3}),\s*balance:\s*"([0-9.]+)"', line)
        if account and current:
            balance = POOR_BALANCE if (current == POOR and not args.no_rejections) else RICH_BALANCE
            line = line.replace(f'balance: "{account.group(2)}"', f'balance: "{balance}"')
            opening.setdefault(current, {})[account.group(1)] = balance
        if re.search(r"\bwindow:", line):
            continue  # the 24 h total limit: dropped
        lines.append(line)
    missing = [p for p in PARTICIPANTS if "EUR" not in opening.get(p, {})]
    if missing:
        fail(f"samples/corridor.yaml lacks EUR accounts for {', '.join(missing)}")
    text = "\n".join(lines) + "\n"

    # Routes: the sample's fednow route (country US) forwards what goes to BANKUS33XXX; the
    # eurolink route, added ahead of the EUR settle route, what goes to BANKITMMXXX. The
    # forwards' timeout is short so that the unanswered ones time out within the run.
    text, n = re.subn(r"(?m)^(\s*timeoutSeconds:).*$", rf"\g<1> {args.route_timeout}", text)
    if n != 1:
        fail("samples/corridor.yaml has no `timeoutSeconds:` under gateway:")
    fednow = re.search(r"(?ms)^\s*-\s*name:\s*fednow\s*$.*?^\s*match:\s*\{\s*country:\s*US\s*\}.*?^\s*nextAgent:\s*([A-Z0-9]+)", text)
    domestic = re.search(r"(?m)^[ \t]*-[ \t]*name:[ \t]*domestic[ \t]*$", text)
    if not fednow or not domestic or fednow.start() > domestic.start():
        fail("samples/corridor.yaml lacks the fednow forward route (country US) ahead of the domestic route")
    text = text[: domestic.start()] + EUROLINK_ROUTE + text[domestic.start():]
    gateway = re.search(r"(?m)^\s*bic:\s*([A-Z0-9]+)", text)
    routes = {
        "timeoutSeconds": args.route_timeout, "gateway": gateway.group(1) if gateway else None,
        "routes": {"fednow": {"nextAgent": fednow.group(1), "creditors": ["BANKUS33XXX"]},
                   "eurolink": {"nextAgent": "LINKITMMXXX", "creditors": ["BANKITMMXXX"]}},
    }
    (out / "corridor.yaml").write_text(text)
    (out / "opening.json").write_text(json.dumps(opening, indent=2, sort_keys=True) + "\n")
    (out / "routes.json").write_text(json.dumps(routes, indent=2, sort_keys=True) + "\n")
    print("screened" if screened else "unscreened")


# MARK: generate


def set_bic(xml: str, element: str, bic: str) -> str:
    new, n = re.subn(rf"(<{element}>\s*<FinInstnId>\s*<BICFI>)[^<]*(</BICFI>)", rf"\g<1>{bic}\g<2>", xml, count=1)
    if n != 1:
        fail(f"template has no {element}/FinInstnId/BICFI")
    return new


def set_text(xml: str, element: str, value: str, count: int = 1) -> str:
    new, n = re.subn(rf"(<{element}(?: [^>]*)?>)[^<]*(</{element}>)", rf"\g<1>{value}\g<2>", xml, count=count)
    if n != count:
        fail(f"template has {n} <{element}>, expected {count}")
    return new


def cmd_generate(args: argparse.Namespace) -> None:
    repo = Path(args.repo).resolve()
    template = (repo / "samples" / "messages" / "pacs008-settle-eur.xml").read_text()
    staging = Path(args.staging)
    staging.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    now = dt.datetime.now(dt.timezone.utc)
    created = now.strftime("%Y-%m-%dT%H:%M:%S.000+00:00")
    day = now.strftime("%Y-%m-%d")
    run = f"{args.seed % 100000:05d}"
    weights = [1.0, 1.0, 1.0, 1.0, 0.0 if args.no_rejections else 0.5]
    if "<IBAN>DE89370400440532013000</IBAN>" not in template:
        fail("template lacks the debtor IBAN DE89370400440532013000 that --invalid corrupts")
    messages = []
    width = max(6, len(str(args.count)))
    for n in range(1, args.count + 1):
        debtor = rng.choices(PARTICIPANTS, weights=weights)[0]
        if rng.random() < args.forward:
            creditor = rng.choice(sorted(ROUTED))  # no participant: forwarded by its route
        else:
            creditor = rng.choice([p for p in PARTICIPANTS if p != debtor])
        if debtor == POOR and not args.no_rejections:
            cents = rng.randint(2_000_000, 9_000_000)  # 20,000.00 to 90,000.00: soon more than it holds
        else:
            cents = rng.randint(100, 500_000)  # 1.00 to 5,000.00
        amount = f"{cents // 100}.{cents % 100:02d}"
        uetr = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        seq = f"{n:0{width}d}"
        xml = template
        xml = set_text(xml, "MsgId", f"CT{run}-{debtor[4:8]}-{seq}")
        xml = set_text(xml, "CreDtTm", created)
        xml = set_text(xml, "IntrBkSttlmDt", day)
        xml = set_text(xml, "TtlIntrBkSttlmAmt", amount)
        xml = set_text(xml, "IntrBkSttlmAmt", amount)
        xml = set_text(xml, "AccptncDtTm", created)
        xml = set_text(xml, "InstrId", f"CTI{run}-{seq}")
        xml = set_text(xml, "EndToEndId", f"CTE{run}-{seq}")
        xml = set_text(xml, "TxId", f"CTT{run}-{debtor[4:8]}-{seq}")
        xml = set_text(xml, "UETR", uetr)
        xml = set_bic(xml, "InstgAgt", debtor)
        xml = set_bic(xml, "DbtrAgt", debtor)
        xml = set_bic(xml, "CdtrAgt", creditor)
        # A few inputs that must not be settled: answerable but invalid (a debtor IBAN that
        # fails mod-97: group RJCT AC01 to the sender, archived) and unanswerable garbage
        # (to error/ with a report).
        draw = rng.random()
        kind = "settle"
        earlier = [e for e in messages[: max(0, n - 1 - args.resend_distance)] if e["kind"] == "settle"]
        if draw < args.resend and earlier:
            # A byte-identical re-send of an earlier payment under a new name: to error/ as a
            # duplicate, never answered or delivered a second time.
            original = rng.choice(earlier)
            name = f"ct{run}-{n:0{width}d}.xml"
            (staging / name).write_bytes((staging / original["name"]).read_bytes())
            messages.append({**original, "name": name, "stem": name[:-4], "kind": "resend", "of": original["name"]})
            continue
        draw = rng.random()
        if draw < args.invalid:
            kind = "invalid"
            xml = xml.replace("<IBAN>DE89370400440532013000</IBAN>", "<IBAN>DE89370400440532013001</IBAN>")
        elif draw < args.invalid + args.garbage:
            kind = "garbage"
            xml = f"not a payment {uuid.UUID(int=rng.getrandbits(128), version=4)} <<<\n"
        name = f"ct{run}-{seq}.xml"
        data = xml.encode()
        (staging / name).write_bytes(data)
        messages.append({
            "name": name, "stem": name[:-4], "kind": kind, "messageId": f"CT{run}-{debtor[4:8]}-{seq}",
            "sha256": hashlib.sha256(data).hexdigest(), "uetr": uetr,
            "debtor": debtor, "creditor": creditor, "currency": "EUR", "amount": amount,
            "route": ROUTED.get(creditor),
        })
    manifest = {"seed": args.seed, "count": args.count, "messages": messages}
    (Path(args.manifest)).write_text(json.dumps(manifest, indent=1) + "\n")


# MARK: feed


def cmd_feed(args: argparse.Namespace) -> None:
    """Delivers in bursts at about `rate` files per second, each by write-then-rename.

    With --cycles-file and --cycles, deliveries are held to `count * c / cycles` where c is
    the number in that file (the shell script's count of daemon starts that became ready):
    each kill cycle gets its share of the messages while its daemon is up, however slowly
    the daemons start.
    """
    manifest = json.loads(Path(args.manifest).read_text())
    staging, inbox = Path(args.staging), Path(args.inbox)
    rng = random.Random(args.seed + 1)
    names = [m["name"] for m in manifest["messages"]]

    def allowed() -> int:
        if not args.cycles_file or args.cycles <= 0:
            return len(names)
        try:
            done = int(Path(args.cycles_file).read_text().strip() or 0)
        except (OSError, ValueError):
            done = 0
        return min(len(names), -(-len(names) * done // args.cycles))

    start = time.monotonic()
    clock = start  # when the files delivered so far were due
    sent = 0
    while sent < len(names):
        limit = allowed()
        if sent >= limit:
            time.sleep(0.02)
            clock = time.monotonic()
            continue
        burst = names[sent: min(limit, sent + rng.randint(1, args.burst))]
        for name in burst:
            tmp = inbox / f".{name}.tmp"
            tmp.write_bytes((staging / name).read_bytes())
            os.rename(tmp, inbox / name)
        sent += len(burst)
        if args.progress:
            Path(args.progress + ".tmp").write_text(f"{sent}\n")
            os.rename(args.progress + ".tmp", args.progress)
        clock += len(burst) / args.rate
        delay = clock - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    print(f"fed {sent} files in {time.monotonic() - start:.1f} s")


# MARK: aim


def cmd_aim(args: argparse.Namespace) -> None:
    """kill -9 `pid` a few milliseconds into the next group it processes.

    A group of a few files goes from claim to archive in some 10-20 ms, far less than a
    shell's polling grain: this watches processing/ every millisecond and, once a claimed file
    shows up, kills after a random 0..--delay-max seconds, so kills fall between claim, ledger
    commit, store commit, outputs and archive. With no group within --within seconds, kills
    at that moment anyway. Prints "hit" or "idle".
    """
    rng = random.Random(args.seed)
    processing = Path(args.processing)
    deadline = time.monotonic() + args.within
    hit = False
    while time.monotonic() < deadline:
        try:
            with os.scandir(processing) as entries:
                if any(not e.name.startswith(".") for e in entries):
                    hit = True
                    break
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    if hit:
        time.sleep(rng.uniform(0, args.delay_max))
    try:
        os.kill(args.pid, 9)
    except ProcessLookupError:
        pass
    print("hit" if hit else "idle")


# MARK: stage


def cmd_stage(args: argparse.Namespace) -> None:
    """Prints how far the group that a kill cut short had got (diagnostics for kills.tsv).

    For the files left in processing/: none committed (before-ledger), in the ledger only
    (after-ledger), in the gateway store (after-store), some or all pacs.002 written
    (during-outputs, after-outputs: the kill came before the archive move), or idle when
    processing/ is empty. The databases are opened read-only; "?" when they cannot be read.
    """
    import sqlite3

    data = Path(args.data)
    manifest = json.loads(Path(args.manifest).read_text())
    by_name = {m["name"]: m for m in manifest["messages"]}
    files = [n for n in list_files(data / "processing") if not n.startswith(".")]
    left = [by_name[n] for n in files if n in by_name]
    if not left:
        print("route-answers" if files else "idle")
        return

    def ids_in(database: Path, sql: str) -> set[str] | None:
        try:
            connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            try:
                uetrs = [m["uetr"] for m in left]
                rows = connection.execute(sql % ",".join("?" * len(uetrs)), uetrs).fetchall()
                return {r[0] for r in rows}
            finally:
                connection.close()
        except sqlite3.Error:
            return None

    ledger = ids_in(data / "ledger" / "ledger.sqlite", 'SELECT id FROM "transfer" WHERE id IN (%s)')
    store = ids_in(data / "state" / "gateway.sqlite", "SELECT transferID FROM payment WHERE transferID IN (%s)")
    answered = 0
    for m in left:
        folder = data / "outbox" / m["debtor"]
        if any(n.startswith(m["stem"] + "-") and n.endswith(".pacs002.xml") for n in list_files(folder)):
            answered += 1
    if answered == len(left):
        print("after-outputs")
    elif answered:
        print("during-outputs")
    elif store is None or ledger is None:
        print("?")
    elif store:
        print("after-store")
    elif ledger:
        print("after-ledger")
    else:
        print("before-ledger")


# MARK: verify


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def texts(root: ET.Element, name: str) -> list[str]:
    return [(e.text or "").strip() for e in root.iter() if local(e.tag) == name]


def parse_xml(path: Path) -> ET.Element | None:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError:
        return None


def corridor_json(binary: str, config: str, *arguments: str):
    command = [binary, *arguments, "--config", config, "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"{' '.join(command)} exited {done.returncode}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def list_files(folder: Path) -> list[str]:
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def cmd_verify(args: argparse.Namespace) -> None:
    manifest = json.loads(Path(args.manifest).read_text())
    opening_config = json.loads(Path(args.opening).read_text())
    data = Path(args.data)
    violations: list[str] = []
    notes: list[str] = []

    def violation(kind: str, detail: str) -> None:
        violations.append(f"[{kind}] {detail}")

    messages = manifest["messages"]
    by_name = {m["name"]: m for m in messages}
    by_stem = {m["stem"]: m for m in messages}
    by_uetr = {m["uetr"]: m for m in messages if m["kind"] != "resend"}

    # Routes: what the test configured, and what the route responder answered (one row per
    # pacs.002 it dropped into inbox/, in the order written).
    route_config = json.loads(Path(args.routes).read_text()) if args.routes else {"routes": {}, "timeoutSeconds": 0}
    timeout_ms = int(route_config.get("timeoutSeconds", 0)) * 1000
    next_agents = {name: r["nextAgent"] for name, r in route_config["routes"].items()}
    answer_rows: list[dict] = []
    if args.route_log:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import crash_route  # the responder's plan and log format
        answer_rows = crash_route.read_log(Path(args.route_log))
    answers_by_uetr: dict[str, list[dict]] = collections.defaultdict(list)
    answers_by_stem: dict[str, dict] = {}
    for row in answer_rows:
        answers_by_uetr[row["uetr"]].append(row)
        answers_by_stem[row["name"][: -len(".xml")]] = row
    forwarded = {m["uetr"]: m for m in messages if m["kind"] == "settle" and m.get("route")}
    for m in messages:
        if m.get("route") and m["route"] not in next_agents:
            violation("route-config", f"{m['name']} goes to {m['creditor']}, route {m['route']}, which the configuration lacks")
    for uetr in answers_by_uetr.keys() - forwarded.keys():
        violation("route-answer-unknown", f"the responder answered UETR {uetr}, no payment forwarded by the test")

    # (1) Inputs: each generated file exactly once in archive/<day>/ or error/, unchanged and
    # under its own name (found by content, so a renamed copy is seen too).
    for folder in ("inbox", "processing"):
        left = list_files(data / folder)
        if left:
            violation("input-left", f"{len(left)} file(s) still in {folder}/: {', '.join(left[:5])}")
    by_sha: dict[str, list[dict]] = collections.defaultdict(list)  # re-sends share their original's bytes
    # The route's answers are inputs too: each must end in archive/ (a byte-identical copy
    # under another name in error/, refused as a duplicate).
    answer_inputs = [{"name": r["name"], "stem": r["name"][:-4], "sha256": r["sha256"], "uetr": r["uetr"],
                      "kind": "answer-copy" if r["copyOf"] != "-" else "answer", "of": r["copyOf"]} for r in answer_rows]
    for m in messages + answer_inputs:
        by_sha[m["sha256"]].append(m)
    homes: dict[str, list[str]] = collections.defaultdict(list)  # name -> places
    places_found: list[str] = []
    archive = data / "archive"
    for day in list_files(archive):
        places_found += [f"archive/{day}/{name}" for name in list_files(archive / day)]
    error_names = [n for n in list_files(data / "error") if not n.startswith(".")]
    error_temporary = len(list_files(data / "error")) - len(error_names)
    if error_temporary:
        notes.append(f"{error_temporary} hidden temporary file(s) in error/ from report writes cut short by kill -9")
    for name in error_names:
        if name.endswith(".error.json"):
            if name[: -len(".error.json")] not in error_names:
                violation("error-report-orphan", f"error/{name}: reports on an input that is not in error/")
            continue
        places_found.append(f"error/{name}")
        if f"{name}.error.json" not in error_names:
            violation("error-report-missing", f"error/{name} has no .error.json")
    for place in places_found:
        digest = hashlib.sha256((data / place).read_bytes()).hexdigest()
        candidates = by_sha.get(digest, [])
        if not candidates:
            violation("input-extra", f"{place}: not a generated message (changed, or a stray file)")
            continue
        m = next((c for c in candidates if c["name"] == Path(place).name), None) \
            or next((c for c in candidates if not homes.get(c["name"])), candidates[0])
        homes[m["name"]].append(place)
        if Path(place).name != m["name"]:
            violation("input-renamed", f"{place} is {m['name']} under another name")
    archived = 0
    errored = 0

    def home(m, prefix=""):
        """The one place input `m` ended in, or None when it is in none (both reported)."""
        places = homes.get(m["name"], [])
        if not places:
            violation("input-lost", f"{prefix}{m['name']} (UETR {m['uetr']}) is in neither archive/ nor error/")
            return None
        if len(places) > 1:
            violation("input-twice", f"{prefix}{m['name']} is in {len(places)} places: {', '.join(places)}")
        return places[0]

    def error_report(place):
        report = data / f"{place}.error.json"
        return report.read_text().strip() if report.exists() else ""

    for m in answer_inputs:
        place = home(m, "route answer ")
        if place is None:
            continue
        in_error = place.startswith("error/")
        if m["kind"] == "answer-copy":
            if not in_error:
                violation("resend-accepted", f"route answer {m['name']}, a byte-identical copy of {m['of']}, was archived ({place})")
            elif (text := error_report(place)) and "duplicate" not in text:
                violation("resend-reason", f"{place}: refused, but not as a duplicate: {text[:200]}")
        elif in_error:
            violation("input-errored", f"route answer {m['name']} went to error/: {error_report(place)[:300]}")
    for m in messages:
        place = home(m)
        if place is None:
            continue
        in_error = place.startswith("error/")
        errored += in_error
        archived += not in_error
        if not in_error and m["kind"] == "resend":
            violation("resend-accepted", f"{m['name']}, a byte-identical re-send of {m['of']}, was archived "
                      f"({place}), not refused as a duplicate")
        elif in_error and m["kind"] == "resend":
            if (text := error_report(place)) and "duplicate" not in text:
                violation("resend-reason", f"{place}: refused, but not as a duplicate: {text[:200]}")
        elif in_error and m["kind"] != "garbage":
            violation("input-errored", f"{m['name']} ({m['kind']}) went to error/: {error_report(place)[:300]}")
        elif not in_error and m["kind"] == "garbage":
            violation("input-archived", f"{m['name']} is garbage but was archived ({place})")

    # (2) pacs.002: one per message in outbox/<sender>/, consistent, never duplicated or contradicted.
    reports: dict[str, list[tuple[str, str, str | None]]] = collections.defaultdict(list)  # uetr -> (path, status, reason)
    report_files: dict[str, list[str]] = collections.defaultdict(list)  # stem -> pacs.002 paths
    deliveries: dict[str, list[str]] = collections.defaultdict(list)  # uetr -> delivery paths
    outbox = data / "outbox"
    temporary = 0
    message_ids: dict[str, list[str]] = collections.defaultdict(list)  # GrpHdr/MsgId -> outputs
    group_answers: dict[str, list[tuple[str, str, str | None]]] = collections.defaultdict(list)  # stem -> group RJCTs
    # uetr -> final answers to the sender of a forwarded payment: (path, status, reason, MsgId, answer row or None)
    finals: dict[str, list[tuple]] = collections.defaultdict(list)
    for bic in list_files(outbox):
        for name in list_files(outbox / bic):
            path = outbox / bic / name
            rel = f"outbox/{bic}/{name}"
            if name.startswith("."):
                temporary += 1  # a write interrupted by kill -9: hidden, ignored by readers
                continue
            parsed = NAME_RE.match(name)
            timeout = TIMEOUT_RE.match(name)
            if timeout or (parsed and parsed.group("stem") in answers_by_stem):
                # The final answer to the sender of a forwarded payment: named after the route's
                # pacs.002 that made it final, or `timeout-<transfer id>` for a timeout.
                row = None if timeout else answers_by_stem[parsed.group("stem")]
                uetr = timeout.group("id") if timeout else row["uetr"]
                m = forwarded.get(uetr)
                if m is None:
                    violation("final-unexpected", f"{rel}: a final answer for UETR {uetr}, no forwarded payment")
                    continue
                if row and (parsed.group("hash") != row["sha256"][:12] or parsed.group("kind") != "1.pacs002"):
                    violation("output-name", f"{rel}: expected <answer>-{row['sha256'][:12]}.1.pacs002.xml")
                root = parse_xml(path)
                if root is None:
                    violation("output-corrupt", f"{rel}: not well-formed XML (partial write?)")
                    continue
                message_id = next(iter(texts(next((e for e in root.iter() if local(e.tag) == "GrpHdr"), root), "MsgId")), "")
                message_ids[message_id].append(rel)
                if bic != m["debtor"]:
                    violation("pacs002-misrouted", f"{rel}: sender of {m['name']} is {m['debtor']}")
                original = next(iter(texts(root, "OrgnlMsgId")), None)
                if original != m["messageId"]:
                    violation("pacs002-mismatch", f"{rel}: OrgnlMsgId {original}, expected {m['messageId']}")
                entries = [e for e in root.iter() if local(e.tag) == "TxInfAndSts"]
                if len(entries) != 1 or next(iter(texts(entries[0], "OrgnlUETR")), None) != uetr:
                    violation("pacs002-mismatch", f"{rel}: expected one TxInfAndSts for UETR {uetr}")
                    continue
                finals[uetr].append((rel, next(iter(texts(entries[0], "TxSts")), ""),
                                     next(iter(texts(entries[0], "Cd")), None), message_id, row))
                continue
            if not parsed or parsed.group("stem") not in by_stem:
                violation("output-unknown", f"{rel}: not named after a generated input")
                continue
            m = by_stem[parsed.group("stem")]
            if parsed.group("hash") != m["sha256"][:12]:
                violation("output-name", f"{rel}: digest part is not the input's SHA-256 prefix {m['sha256'][:12]}")
            root = parse_xml(path)
            if root is None:
                violation("output-corrupt", f"{rel}: not well-formed XML (partial write?)")
                continue
            kind = parsed.group("kind")
            for header in (e for e in root.iter() if local(e.tag) == "GrpHdr"):
                for child in header:
                    if local(child.tag) == "MsgId":
                        message_ids[(child.text or "").strip()].append(rel)
            if kind == "pacs002":
                if bic != m["debtor"]:
                    violation("pacs002-misrouted", f"{rel}: sender of {m['name']} is {m['debtor']}")
                report_files[m["stem"]].append(rel)
                original = next(iter(texts(root, "OrgnlMsgId")), None)
                if original != m["messageId"]:
                    violation("pacs002-mismatch", f"{rel}: OrgnlMsgId {original}, expected {m['messageId']}")
                entries = [e for e in root.iter() if local(e.tag) == "TxInfAndSts"]
                if m["kind"] == "invalid":
                    group_status = next(iter(texts(root, "GrpSts")), None)
                    reasons = texts(root, "Cd")
                    group_answers[m["stem"]].append((rel, group_status or "", reasons[0] if reasons else None))
                    continue
                if not entries:
                    violation("pacs002-empty", f"{rel}: no TxInfAndSts")
                for entry in entries:
                    uetr = next(iter(texts(entry, "OrgnlUETR")), None)
                    status = next(iter(texts(entry, "TxSts")), None)
                    reason = next(iter(texts(entry, "Cd")), None)
                    if uetr != m["uetr"]:
                        violation("pacs002-mismatch", f"{rel}: OrgnlUETR {uetr}, expected {m['uetr']}")
                        continue
                    reports[uetr].append((rel, status or "", reason))
            elif re.fullmatch(r"pacs008-\d+", kind):
                if bic != m["creditor"]:
                    violation("delivery-misrouted", f"{rel}: creditor agent of {m['name']} is {m['creditor']}")
                uetrs = texts(root, "UETR")
                if uetrs != [m["uetr"]]:
                    violation("delivery-mismatch", f"{rel}: UETR(s) {uetrs}, expected [{m['uetr']}]")
                deliveries[m["uetr"]].append(rel)
            else:
                violation("output-unknown", f"{rel}: unexpected output kind {kind}")
    for message_id, paths in message_ids.items():
        if len(paths) > 1:
            violation("output-msgid-reused", f"MsgId {message_id} is used by {len(paths)} outputs: {', '.join(paths[:4])}")
    if temporary:
        notes.append(f"{temporary} hidden temporary file(s) in outbox/ from writes cut short by kill -9 (ignored by readers)")
    # Forwards: outbound/<route>/<input stem>-<digest>.1.pacs008.xml, instructing the route's
    # next agent; at most one name per payment (a rerun rewrites the same name).
    forwards: dict[str, list[str]] = collections.defaultdict(list)  # uetr -> paths
    forward_created: dict[str, int] = {}  # uetr -> CreDtTm of the forward (ms): its deadline is this + the timeout
    outbound_temporary = 0
    for route in list_files(data / "outbound"):
        for name in list_files(data / "outbound" / route):
            rel = f"outbound/{route}/{name}"
            if name.startswith("."):
                outbound_temporary += 1
                continue
            parsed = NAME_RE.match(name)
            m = by_stem.get(parsed.group("stem")) if parsed else None
            if m is None or m["kind"] != "settle":
                violation("forward-unexpected", f"{rel}: not named after a valid generated payment")
                continue
            if not m.get("route"):
                violation("forward-unexpected", f"{rel}: {m['name']} goes to {m['creditor']}, a participant: settle, not forward")
                continue
            if route != m["route"]:
                violation("forward-misrouted", f"{rel}: {m['name']} should go to outbound/{m['route']}/")
            if parsed.group("hash") != m["sha256"][:12] or parsed.group("kind") != "1.pacs008":
                violation("output-name", f"{rel}: expected {m['stem']}-{m['sha256'][:12]}.1.pacs008.xml")
            root = parse_xml(data / "outbound" / route / name)
            if root is None:
                violation("output-corrupt", f"{rel}: not well-formed XML (partial write?)")
                continue
            header = next((e for e in root.iter() if local(e.tag) == "GrpHdr"), root)
            message_ids[next(iter(texts(header, "MsgId")), "")].append(rel)
            instructed = [texts(e, "BICFI") for e in header if local(e.tag) == "InstdAgt"]
            if not instructed or instructed[0][:1] != [next_agents.get(route)]:
                violation("forward-mismatch", f"{rel}: instructed agent {instructed}, expected {next_agents.get(route)}")
            uetrs = texts(root, "UETR")
            if uetrs != [m["uetr"]]:
                violation("forward-mismatch", f"{rel}: UETR(s) {uetrs}, expected [{m['uetr']}]")
                continue
            amounts = texts(root, "IntrBkSttlmAmt")
            if not amounts or Decimal(amounts[0]) != Decimal(m["amount"]):
                violation("forward-mismatch", f"{rel}: amount {amounts[:1]}, expected {m['amount']}")
            forwards[m["uetr"]].append(rel)
            created = next(iter(texts(header, "CreDtTm")), "")
            try:
                forward_created[m["uetr"]] = int(dt.datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp() * 1000)
            except ValueError:
                violation("forward-mismatch", f"{rel}: CreDtTm {created!r} is not a date-time")
    if outbound_temporary:
        notes.append(f"{outbound_temporary} hidden temporary file(s) in outbound/ from writes cut short by kill -9")

    statuses: dict[str, str] = {}
    outcomes: dict[str, tuple[str, str | None, str]] = {}  # forwarded uetr -> (status, reason, how it ended)
    margin_ms = min(2000, timeout_ms // 2)

    def expected_finals(uetr: str) -> tuple[set, str]:
        """The final (status, reason) pairs allowed for a forwarded payment, from what the route
        answered and when. The first decisive answer (ACSC, ACCC, RJCT) dropped well before the
        deadline (the forward's CreDtTm + timeoutSeconds) decides; one dropped near or after the
        deadline may lose to the timeout; without one, the timeout: AB05 when the route
        acknowledged (ACSP) in time, else AB06. An answer planned after the timeout is late."""
        deadline = forward_created.get(uetr)
        acked = set()
        for row in answers_by_uetr.get(uetr, []):
            if row["copyOf"] != "-":
                continue  # a byte-identical copy: refused as a duplicate file
            timely = deadline is not None and int(row["at_ms"]) < deadline + timeout_ms - margin_ms
            if row["plan"] == "late":
                return {("RJCT", "AB06")}, "an answer after the timeout is late"
            if row["status"] == "ACSP":
                acked.add(timely)
                continue
            decisive = (row["status"], row["reason"] if row["status"] == "RJCT" else None)
            if timely:
                return {decisive}, f"the route answered {decisive[0]} in time"
            return {decisive} | timeouts(acked), f"the route answered {decisive[0]} near or after the deadline"
        return timeouts(acked), "the route acknowledged, then was silent" if acked else "the route never answered"

    def timeouts(acked: set) -> set:
        """AB05 after an acknowledgement in time, AB06 without one (either when it was borderline)."""
        allowed = {("RJCT", "AB05")} if True in acked else set()
        if True not in acked or False in acked:
            allowed.add(("RJCT", "AB06"))
        return allowed

    def check_forwarded(m: dict, files: list[str]) -> None:
        """A payment to a creditor agent behind a route: ACSP with its pacs.008 in
        outbound/<route>/ (or RJCT AM04 from the poor participant, with no forward), then
        exactly one final pacs.002 that agrees with the route's answers."""
        uetr = m["uetr"]
        answers = reports.get(uetr, [])
        got = finals.get(uetr, [])
        paths = forwards.get(uetr, [])
        if not files:
            violation("pacs002-missing", f"{m['name']} (UETR {uetr}, forwarded) has no pacs.002 in outbox/{m['debtor']}/")
        if len(files) > 1 or len(answers) > 1:
            violation("pacs002-duplicated", f"{m['name']} (UETR {uetr}, forwarded): {len(answers)} first answers "
                      + ", ".join(f"{p}={s}{'/' + r if r else ''}" for p, s, r in answers))
        if len(paths) > 1:
            violation("forward-duplicated", f"UETR {uetr}: {len(paths)} forwards: {', '.join(paths)}")
        if not answers:
            return
        status, reason = answers[0][1], answers[0][2]
        if status == "RJCT" and reason == "AM04" and m["debtor"] == POOR:
            statuses[uetr] = "RJCT"
            outcomes[uetr] = ("RJCT", "AM04", "reserve")
            if paths:
                violation("forward-rejected", f"{m['name']} (UETR {uetr}) was refused AM04 but forwarded: {', '.join(paths)}")
            if got:
                violation("final-unexpected", f"{m['name']} (UETR {uetr}) was refused AM04 but has final answers: "
                          + ", ".join(g[0] for g in got))
            return
        if status != "ACSP":
            statuses[uetr] = status
            violation("pacs002-status", f"{m['name']} (UETR {uetr}, {m['debtor']} -> {m['creditor']} via {m['route']} {m['amount']}): "
                      f"{status}{' ' + reason if reason else ''}, expected ACSP")
            return
        if not paths:
            violation("forward-missing", f"{m['name']} (UETR {uetr}) was answered ACSP but has no pacs.008 in outbound/{m['route']}/")
        planned = crash_route.plan(manifest["seed"], uetr) if args.route_log else None
        written = [r for r in answers_by_uetr.get(uetr, [])]
        if planned is not None and paths and len(written) != len(planned["steps"]):
            violation("route-responder", f"UETR {uetr}: plan {planned['plan']} has {len(planned['steps'])} answer(s), "
                      f"the responder wrote {len(written)}")
        if not got:
            violation("final-missing", f"{m['name']} (UETR {uetr}, forwarded via {m['route']}) has no final pacs.002 "
                      f"(route answers: {', '.join(r['status'] for r in written) or 'none'})")
            statuses[uetr] = "ACSP"
            return
        if len(got) > 1:
            distinct = {(g[1], g[2] if g[1] == "RJCT" else None) for g in got}
            violation("final-contradicted" if len(distinct) > 1 else "final-duplicated",
                      f"{m['name']} (UETR {uetr}): {len(got)} final answers "
                      + ", ".join(f"{g[0]}={g[1]}{'/' + g[2] if g[2] else ''} MsgId {g[3]}" for g in got))
        final = (got[0][1], got[0][2] if got[0][1] == "RJCT" else None)
        allowed, why = expected_finals(uetr)
        if final not in allowed:
            rows = ", ".join(f"{r['name']}={r['status']}{'/' + r['reason'] if r['reason'] != '-' else ''}"
                             f"@{(int(r['at_ms']) - forward_created.get(uetr, 0)) / 1000:+.1f}s" for r in written)
            violation("final-status", f"{got[0][0]}: {final[0]} {final[1] or ''} for {m['name']} (UETR {uetr}), expected "
                      f"{' or '.join(f'{a} {b or chr(32)}'.strip() for a, b in sorted(allowed, key=str))}: {why} "
                      f"(answers after the forward's CreDtTm: {rows or 'none'}; timeout {timeout_ms // 1000} s)")
        for g in got:
            if g[4] is None and not (g[1] == "RJCT" and g[2] in ("AB05", "AB06")):
                violation("final-status", f"{g[0]}: a timeout answer with {g[1]} {g[2]}, expected RJCT AB05/AB06")
            if g[4] is not None and (g[1], g[2] if g[1] == "RJCT" else None) != (g[4]["status"], g[4]["reason"] if g[1] == "RJCT" else None):
                violation("final-status", f"{g[0]}: {g[1]} {g[2] or ''}, but the route answer it is named after, {g[4]['name']}, "
                          f"said {g[4]['status']} {g[4]['reason']}")
        statuses[uetr] = final[0]
        how = "timeout" if got[0][4] is None else "route"
        outcomes[uetr] = (final[0], final[1], how)

    for m in messages:
        uetr = m["uetr"]
        files = report_files.get(m["stem"], [])
        if m["kind"] in ("garbage", "resend"):
            if files:
                violation("pacs002-unexpected", f"{m['name']} ({m['kind']}{' of ' + m['of'] if 'of' in m else ''}) "
                          f"was answered: {', '.join(files)}")
            continue
        if m["kind"] == "invalid":
            answers = group_answers.get(m["stem"], [])
            if not answers:
                violation("pacs002-missing", f"{m['name']} (invalid) has no group RJCT in outbox/{m['debtor']}/")
            elif len(answers) > 1:
                violation("pacs002-duplicated", f"{m['name']} (invalid): {len(answers)} answers: {', '.join(p for p, _, _ in answers)}")
            for path, status, reason in answers:
                if (status, reason) != ("RJCT", "AC01"):
                    violation("pacs002-status", f"{path}: {status} {reason}, expected RJCT AC01 (bad debtor IBAN)")
            if uetr in reports:
                violation("pacs002-unexpected", f"{m['name']} (invalid) has a transaction status: {reports[uetr]}")
            continue
        if m.get("route"):
            check_forwarded(m, files)
            continue
        answers = reports.get(uetr, [])
        if not files:
            violation("pacs002-missing", f"{m['name']} (UETR {uetr}) has no pacs.002 in outbox/{m['debtor']}/")
            continue
        if len(files) > 1 or len(answers) > 1:
            distinct = {(s, r) for _, s, r in answers}
            kind = "pacs002-contradicted" if len(distinct) > 1 else "pacs002-duplicated"
            violation(kind, f"{m['name']} (UETR {uetr}): {len(answers)} answers "
                      + ", ".join(f"{p}={s}{'/' + r if r else ''}" for p, s, r in answers))
        if not answers:
            continue
        status, reason = answers[0][1], answers[0][2]
        statuses[uetr] = status
        if status == "ACSC":
            continue
        if status == "RJCT" and reason == "AM04" and m["debtor"] == POOR:
            continue  # the poor participant ran out of funds: expected
        violation("pacs002-status", f"{m['name']} (UETR {uetr}, {m['debtor']} -> {m['creditor']} {m['amount']}): "
                  f"{status}{' ' + reason if reason else ''}, expected ACSC")

    # In-process settlements; forwarded payments posted (final ACSC/ACCC) or voided (final RJCT
    # from the route or a timeout; an AM04 refusal reserved nothing).
    settled = {u for u, s in statuses.items() if s == "ACSC" and u not in forwarded}
    rejected = {u for u, s in statuses.items() if s == "RJCT"}
    posted_forwards = {u for u, o in outcomes.items() if o[0] in ("ACSC", "ACCC")}
    voided_forwards = {u for u, o in outcomes.items() if o[0] == "RJCT" and o[2] != "reserve"}

    # (5) Deliveries: one pacs.008 to the creditor agent per settled payment, none otherwise
    # (a forwarded payment reaches its creditor agent through the route, not outbox/).
    for uetr, paths in deliveries.items():
        if uetr not in settled:
            violation("delivery-unsettled", f"UETR {uetr} was delivered ({', '.join(paths)}) but not answered ACSC"
                      + (" (it is a forwarded payment)" if uetr in forwarded else ""))
        elif len(paths) > 1:
            violation("delivery-duplicated", f"UETR {uetr}: {len(paths)} deliveries: {', '.join(paths)}")
    for uetr in sorted(settled):
        if uetr not in deliveries:
            m = by_uetr[uetr]
            violation("delivery-missing", f"{m['name']} (UETR {uetr}) settled but has no pacs.008 in outbox/{m['creditor']}/")

    # (3) Ledger: exactly one posted settlement per ACSC payment settled in process; exactly one
    # reservation per forwarded payment, posted to the route's account when the final answer is
    # ACSC/ACCC, voided when it is RJCT; nothing else moved, nothing pending.
    transfers = corridor_json(args.corridor, args.config, "ledger", "transfers", "--limit", str(2 * len(messages) + 1000))
    ids = collections.Counter(t["id"] for t in transfers)
    for tid, count in ids.items():
        if count > 1:
            violation("ledger-duplicate", f"transfer id {tid} appears {count} times")
    payments_in_ledger = {}
    reservations = {}
    for t in transfers:
        if t["id"].startswith("opening/"):
            continue
        if t["id"] not in by_uetr:
            violation("ledger-unknown", f"transfer {t['id']} ({t['kind']} {t['debit']} -> {t['credit']} {t['amount']}) is no test payment")
            continue
        m = by_uetr[t["id"]]
        actual = (t["kind"], t["debit"], t["credit"], t["currency"], Decimal(t["amount"]), t["state"])
        if m.get("route"):
            reservations[t["id"]] = t
            outcome = outcomes.get(t["id"])
            state = "posted" if t["id"] in posted_forwards else "voided" if t["id"] in voided_forwards else None
            if state is None:
                violation("ledger-unanswered", f"transfer {t['id']} ({t['state']} reservation) but the forwarded payment was "
                          f"answered {outcome or statuses.get(t['id'], 'nothing')} to {m['debtor']}")
                continue
            expected = ("reservation", m["debtor"], next_agents.get(m["route"]), m["currency"], Decimal(m["amount"]), state)
            if actual != expected:
                violation("ledger-mismatch", f"transfer {t['id']}: {actual}, expected {expected} (final {outcome[0]} {outcome[1] or ''})")
            continue
        payments_in_ledger[t["id"]] = t
        expected = ("settlement", m["debtor"], m["creditor"], m["currency"], Decimal(m["amount"]), "posted")
        if actual != expected:
            violation("ledger-mismatch", f"transfer {t['id']}: {actual}, expected {expected}")
        if t["id"] not in settled:
            violation("ledger-unanswered", f"transfer {t['id']} settled in the ledger but answered "
                      f"{statuses.get(t['id'], 'nothing')} to {m['debtor']}")
    for uetr in sorted(settled - payments_in_ledger.keys()):
        violation("ledger-missing", f"UETR {uetr} answered ACSC but has no ledger settlement")
    for uetr in sorted((posted_forwards | voided_forwards) - reservations.keys()):
        violation("ledger-missing", f"forwarded UETR {uetr} ended {outcomes[uetr][0]} but has no ledger reservation")

    # (4) Balances: opening - sent + received per participant over the in-process ACSC answers,
    # minus what each sent through a route over the forwards' final ACSC/ACCC; each route's
    # account (its next agent's) holds what was posted to it; each currency sums to zero.
    balances = corridor_json(args.corridor, args.config, "ledger", "balances")
    expected_balance: dict[tuple[str, str], Decimal] = {}
    for participant, accounts in opening_config.items():
        for currency, amount in accounts.items():
            expected_balance[(participant, currency)] = Decimal(amount)
    expected_route: dict[tuple[str, str], Decimal] = collections.defaultdict(Decimal)
    for uetr in settled:
        m = by_uetr[uetr]
        amount = Decimal(m["amount"])
        expected_balance[(m["debtor"], m["currency"])] -= amount
        expected_balance[(m["creditor"], m["currency"])] += amount
    for uetr in posted_forwards:
        m = by_uetr[uetr]
        amount = Decimal(m["amount"])
        expected_balance[(m["debtor"], m["currency"])] -= amount
        expected_route[(next_agents.get(m["route"]), m["currency"])] += amount
    sums: dict[str, Decimal] = collections.defaultdict(Decimal)
    seen_accounts = set()
    for account in balances:
        key = (account["participant"], account["currency"])
        balance = Decimal(account["balance"])
        sums[account["currency"]] += balance
        for field in ("pendingDebits", "pendingCredits"):
            if Decimal(account[field]) != 0:
                violation("balance-pending", f"{key[0]} {key[1]}: {field} {account[field]} (nothing should be pending)")
        if account["kind"] == "participant":
            seen_accounts.add(key)
            want = expected_balance.get(key)
            if want is None:
                violation("balance-unknown", f"unexpected participant account {key}")
            elif balance != want:
                violation("balance-mismatch", f"{key[0]} {key[1]}: balance {balance}, expected {want} "
                          f"(opening - sent + received over the ACSC answers, forwards posted included), off by {balance - want}")
        elif account["kind"] == "route":
            seen_accounts.add(key)
            want = expected_route.get(key, Decimal(0))
            if balance != want:
                violation("balance-mismatch", f"route account {key[0]} {key[1]}: balance {balance}, expected {want} "
                          f"(the forwards posted to it), off by {balance - want}")
    for key in (expected_balance.keys() | {k for k, v in expected_route.items() if v}) - seen_accounts:
        violation("balance-missing", f"no ledger account for {key}")
    for currency, total in sorted(sums.items()):
        if total != 0:
            violation("balance-sum", f"{currency}: accounts (SYSTEM included) sum to {total}, not 0")

    # The gateway store agrees with what was answered.
    stats = corridor_json(args.corridor, args.config, "stats")
    by_status = collections.Counter()
    by_reason = collections.Counter()
    for entry in stats.get("byStatus", []):
        by_status[entry["status"]] += entry["count"]
        by_reason[(entry["status"], entry.get("reason"))] += entry["count"]
    payable = sum(1 for m in messages if m["kind"] == "settle")
    if stats.get("payments") != payable:
        violation("store-count", f"the store holds {stats.get('payments')} payments, {payable} valid ones were sent")
    answered_acsc = len(settled) + sum(1 for o in outcomes.values() if o[0] == "ACSC")
    answered_accc = sum(1 for o in outcomes.values() if o[0] == "ACCC")
    if (by_status.get("ACSC", 0), by_status.get("ACCC", 0), by_status.get("RJCT", 0)) != (answered_acsc, answered_accc, len(rejected)):
        violation("store-status", f"the store counts ACSC={by_status.get('ACSC', 0)} ACCC={by_status.get('ACCC', 0)} "
                  f"RJCT={by_status.get('RJCT', 0)}, the pacs.002 say ACSC={answered_acsc} ACCC={answered_accc} RJCT={len(rejected)}")
    for status in sorted(set(by_status) - {"ACSC", "ACCC", "RJCT"}):
        violation("store-status", f"the store holds {by_status[status]} payment(s) still {status}")
    for reason in ("AB05", "AB06"):
        answered_timeouts = sum(1 for o in outcomes.values() if o[1] == reason)
        if by_reason.get(("RJCT", reason), 0) != answered_timeouts:
            violation("store-status", f"the store counts RJCT {reason}={by_reason.get(('RJCT', reason), 0)}, "
                      f"the pacs.002 say {answered_timeouts}")

    summary = {
        "messages": len(messages), "archived": archived, "errored": errored,
        "invalid": sum(1 for m in messages if m["kind"] == "invalid"), "garbage": sum(1 for m in messages if m["kind"] == "garbage"),
        "resent": sum(1 for m in messages if m["kind"] == "resend"),
        "answered": len(statuses), "settled": len(settled), "rejected": len(rejected),
        "ledgerSettlements": len(payments_in_ledger), "deliveries": sum(len(v) for v in deliveries.values()),
        "forwarded": len(forwarded), "forwards": sum(len(v) for v in forwards.values()),
        "forwardOutcomes": dict(sorted(collections.Counter(
            f"{o[0]}{' ' + o[1] if o[1] else ''}{' (reserve)' if o[2] == 'reserve' else ''}" for o in outcomes.values()).items())),
        "routePlans": dict(sorted(collections.Counter(
            crash_route.plan(manifest["seed"], u)["plan"] for u in forwards).items())) if args.route_log else {},
        "answeredNearDeadline": sum(1 for u in outcomes if "near or after" in expected_finals(u)[1]),
        "routeAnswers": len(answer_rows), "routeAnswersRefused": sum(1 for m in answer_inputs if m["kind"] == "answer-copy"),
        "ledgerReservations": len(reservations), "postedForwards": len(posted_forwards), "voidedForwards": len(voided_forwards),
        "violations": len(violations),
    }
    if summary["answeredNearDeadline"]:
        notes.append(f"{summary['answeredNearDeadline']} forward(s) answered by the route only near or after the deadline "
                     "(e.g. a forward written late, after a kill): either that answer or the timeout may end them")
    Path(args.summary).write_text(json.dumps({"summary": summary, "violations": violations, "notes": notes}, indent=1) + "\n") \
        if args.summary else None
    print("  messages %(messages)d (%(invalid)d invalid, %(garbage)d garbage, %(resent)d re-sent) | archived %(archived)d | errored %(errored)d | answered %(answered)d "
          "(ACSC in process %(settled)d, RJCT %(rejected)d) | ledger settlements %(ledgerSettlements)d | deliveries %(deliveries)d" % summary)
    if forwarded or answer_rows:
        print("  forwarded %(forwarded)d | pacs.008 in outbound/ %(forwards)d | route answers %(routeAnswers)d "
              "(%(routeAnswersRefused)d byte-identical copies) | reservations %(ledgerReservations)d "
              "(posted %(postedForwards)d, voided %(voidedForwards)d)" % summary)
        print("  forward outcomes: " + ", ".join(f"{k} {v}" for k, v in summary["forwardOutcomes"].items())
              + " | route plans: " + ", ".join(f"{k} {v}" for k, v in summary["routePlans"].items()))
    for note in notes:
        print(f"  note: {note}")
    if violations:
        counts = collections.Counter(v.split("]")[0] + "]" for v in violations)
        print(f"  VIOLATIONS: {len(violations)} (" + ", ".join(f"{k} x{n}" for k, n in sorted(counts.items())) + ")")
        for v in violations[: args.show]:
            print(f"    {v}")
        if len(violations) > args.show:
            print(f"    ... {len(violations) - args.show} more (see the summary file)")
        sys.exit(1)
    print("  violations: 0")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("config")
    p.add_argument("--repo", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--unscreened", action="store_true", help="no sanctions lists even if shared/ has them")
    p.add_argument("--no-rejections", action="store_true", help="every participant rich: all payments settle")
    p.add_argument("--route-timeout", type=int, default=4, help="gateway.timeoutSeconds for forwarded payments")
    p.set_defaults(func=cmd_config)

    p = sub.add_parser("generate")
    p.add_argument("--repo", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--staging", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--no-rejections", action="store_true")
    p.add_argument("--invalid", type=float, default=0.02, help="share of answerable invalid messages")
    p.add_argument("--garbage", type=float, default=0.01, help="share of unanswerable files")
    p.add_argument("--resend", type=float, default=0.02, help="share of byte-identical re-sends of earlier files")
    p.add_argument("--resend-distance", type=int, default=20, help="a re-send follows its original by at least this many files")
    p.add_argument("--forward", type=float, default=0.2, help="share of payments to creditor agents behind a forward route")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("feed")
    p.add_argument("--manifest", required=True)
    p.add_argument("--staging", required=True)
    p.add_argument("--inbox", required=True)
    p.add_argument("--rate", type=float, required=True, help="files per second on average")
    p.add_argument("--burst", type=int, default=40, help="largest burst")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--progress", help="file to write the count delivered so far to")
    p.add_argument("--cycles-file", help="file holding the number of kill cycles begun")
    p.add_argument("--cycles", type=int, default=0, help="cycles over which to spread the messages")
    p.set_defaults(func=cmd_feed)

    p = sub.add_parser("aim")
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--processing", required=True)
    p.add_argument("--within", type=float, required=True)
    p.add_argument("--delay-max", type=float, default=0.02)
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_aim)

    p = sub.add_parser("stage")
    p.add_argument("--data", required=True)
    p.add_argument("--manifest", required=True)
    p.set_defaults(func=cmd_stage)

    p = sub.add_parser("verify")
    p.add_argument("--manifest", required=True)
    p.add_argument("--opening", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--corridor", required=True)
    p.add_argument("--summary")
    p.add_argument("--routes", help="routes.json written by config")
    p.add_argument("--route-log", help="the route responder's TSV (Scripts/crash_route.py respond --log)")
    p.add_argument("--show", type=int, default=25)
    p.set_defaults(func=cmd_verify)

    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
