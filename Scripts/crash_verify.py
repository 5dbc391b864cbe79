#!/usr/bin/env python3
"""Helper of Scripts/crash-test.sh: prepares a crash-test run and proves its outcome.

Subcommands (standard library only, python3 >= 3.9):

  config    write the test's corridor.yaml (derived from samples/corridor.yaml) and
            opening.json (the opening balances it configures)
  generate  write N unique pacs.008 messages into a staging folder and manifest.json
  feed      deliver the staged messages into the inbox in bursts (write .name.tmp, rename)
  verify    check the data directory after the run: nothing lost, nothing done twice

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
    (out / "corridor.yaml").write_text("\n".join(lines) + "\n")
    (out / "opening.json").write_text(json.dumps(opening, indent=2, sort_keys=True) + "\n")
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
    left = [by_name[n] for n in list_files(data / "processing") if n in by_name]
    if not left:
        print("idle")
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

    # (1) Inputs: each generated file exactly once in archive/<day>/ or error/, unchanged and
    # under its own name (found by content, so a renamed copy is seen too).
    for folder in ("inbox", "processing"):
        left = list_files(data / folder)
        if left:
            violation("input-left", f"{len(left)} file(s) still in {folder}/: {', '.join(left[:5])}")
    by_sha: dict[str, list[dict]] = collections.defaultdict(list)  # re-sends share their original's bytes
    for m in messages:
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
    for m in messages:
        places = homes.get(m["name"], [])
        if not places:
            violation("input-lost", f"{m['name']} (UETR {m['uetr']}) is in neither archive/ nor error/")
            continue
        if len(places) > 1:
            violation("input-twice", f"{m['name']} is in {len(places)} places: {', '.join(places)}")
        in_error = places[0].startswith("error/")
        errored += in_error
        archived += not in_error
        if not in_error and m["kind"] == "resend":
            violation("resend-accepted", f"{m['name']}, a byte-identical re-send of {m['of']}, was archived "
                      f"({places[0]}), not refused as a duplicate")
        elif in_error and m["kind"] == "resend":
            report = data / f"{places[0]}.error.json"
            if report.exists() and "duplicate" not in report.read_text():
                violation("resend-reason", f"{places[0]}: refused, but not as a duplicate: {report.read_text()[:200]}")
        elif in_error and m["kind"] != "garbage":
            report = data / f"{places[0]}.error.json"
            text = report.read_text().strip() if report.exists() else ""
            violation("input-errored", f"{m['name']} ({m['kind']}) went to error/: {text[:300]}")
        elif not in_error and m["kind"] == "garbage":
            violation("input-archived", f"{m['name']} is garbage but was archived ({places[0]})")

    # (2) pacs.002: one per message in outbox/<sender>/, consistent, never duplicated or contradicted.
    reports: dict[str, list[tuple[str, str, str | None]]] = collections.defaultdict(list)  # uetr -> (path, status, reason)
    report_files: dict[str, list[str]] = collections.defaultdict(list)  # stem -> pacs.002 paths
    deliveries: dict[str, list[str]] = collections.defaultdict(list)  # uetr -> delivery paths
    outbox = data / "outbox"
    temporary = 0
    message_ids: dict[str, list[str]] = collections.defaultdict(list)  # GrpHdr/MsgId -> outputs
    group_answers: dict[str, list[tuple[str, str, str | None]]] = collections.defaultdict(list)  # stem -> group RJCTs
    for bic in list_files(outbox):
        for name in list_files(outbox / bic):
            path = outbox / bic / name
            rel = f"outbox/{bic}/{name}"
            if name.startswith("."):
                temporary += 1  # a write interrupted by kill -9: hidden, ignored by readers
                continue
            parsed = NAME_RE.match(name)
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
    for route in list_files(data / "outbound"):
        for name in list_files(data / "outbound" / route):
            if not name.startswith("."):
                violation("forward-unexpected", f"outbound/{route}/{name}: no test payment is forwarded")

    statuses: dict[str, str] = {}
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

    settled = {u for u, s in statuses.items() if s == "ACSC"}
    rejected = {u for u, s in statuses.items() if s == "RJCT"}

    # (5) Deliveries: one pacs.008 to the creditor agent per settled payment, none otherwise.
    for uetr, paths in deliveries.items():
        if uetr not in settled:
            violation("delivery-unsettled", f"UETR {uetr} was delivered ({', '.join(paths)}) but not answered ACSC")
        elif len(paths) > 1:
            violation("delivery-duplicated", f"UETR {uetr}: {len(paths)} deliveries: {', '.join(paths)}")
    for uetr in sorted(settled):
        if uetr not in deliveries:
            m = by_uetr[uetr]
            violation("delivery-missing", f"{m['name']} (UETR {uetr}) settled but has no pacs.008 in outbox/{m['creditor']}/")

    # (3) Ledger: exactly one posted settlement per ACSC payment, nothing else moved.
    transfers = corridor_json(args.corridor, args.config, "ledger", "transfers", "--limit", str(2 * len(messages) + 1000))
    ids = collections.Counter(t["id"] for t in transfers)
    for tid, count in ids.items():
        if count > 1:
            violation("ledger-duplicate", f"transfer id {tid} appears {count} times")
    payments_in_ledger = {}
    for t in transfers:
        if t["id"].startswith("opening/"):
            continue
        if t["id"] not in by_uetr:
            violation("ledger-unknown", f"transfer {t['id']} ({t['kind']} {t['debit']} -> {t['credit']} {t['amount']}) is no test payment")
            continue
        payments_in_ledger[t["id"]] = t
        m = by_uetr[t["id"]]
        expected = ("settlement", m["debtor"], m["creditor"], m["currency"], Decimal(m["amount"]), "posted")
        actual = (t["kind"], t["debit"], t["credit"], t["currency"], Decimal(t["amount"]), t["state"])
        if actual != expected:
            violation("ledger-mismatch", f"transfer {t['id']}: {actual}, expected {expected}")
        if t["id"] not in settled:
            violation("ledger-unanswered", f"transfer {t['id']} settled in the ledger but answered "
                      f"{statuses.get(t['id'], 'nothing')} to {m['debtor']}")
    for uetr in sorted(settled - payments_in_ledger.keys()):
        violation("ledger-missing", f"UETR {uetr} answered ACSC but has no ledger settlement")

    # (4) Balances: opening - sent + received per participant; each currency sums to zero.
    balances = corridor_json(args.corridor, args.config, "ledger", "balances")
    expected_balance: dict[tuple[str, str], Decimal] = {}
    for participant, accounts in opening_config.items():
        for currency, amount in accounts.items():
            expected_balance[(participant, currency)] = Decimal(amount)
    for uetr in settled:
        m = by_uetr[uetr]
        amount = Decimal(m["amount"])
        expected_balance[(m["debtor"], m["currency"])] -= amount
        expected_balance[(m["creditor"], m["currency"])] += amount
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
                          f"(opening - sent + received over the ACSC answers), off by {balance - want}")
    for key in expected_balance.keys() - seen_accounts:
        violation("balance-missing", f"no ledger account for {key}")
    for currency, total in sorted(sums.items()):
        if total != 0:
            violation("balance-sum", f"{currency}: accounts (SYSTEM included) sum to {total}, not 0")

    # The gateway store agrees with what was answered.
    stats = corridor_json(args.corridor, args.config, "stats")
    by_status = collections.Counter()
    for entry in stats.get("byStatus", []):
        by_status[entry["status"]] += entry["count"]
    payable = sum(1 for m in messages if m["kind"] == "settle")
    if stats.get("payments") != payable:
        violation("store-count", f"the store holds {stats.get('payments')} payments, {payable} valid ones were sent")
    if by_status.get("ACSC", 0) != len(settled) or by_status.get("RJCT", 0) != len(rejected):
        violation("store-status", f"the store counts ACSC={by_status.get('ACSC', 0)} RJCT={by_status.get('RJCT', 0)}, "
                  f"the pacs.002 say ACSC={len(settled)} RJCT={len(rejected)}")

    summary = {
        "messages": len(messages), "archived": archived, "errored": errored,
        "invalid": sum(1 for m in messages if m["kind"] == "invalid"), "garbage": sum(1 for m in messages if m["kind"] == "garbage"),
        "resent": sum(1 for m in messages if m["kind"] == "resend"),
        "answered": len(statuses), "settled": len(settled), "rejected": len(rejected),
        "ledgerSettlements": len(payments_in_ledger), "deliveries": sum(len(v) for v in deliveries.values()),
        "violations": len(violations),
    }
    Path(args.summary).write_text(json.dumps({"summary": summary, "violations": violations, "notes": notes}, indent=1) + "\n") \
        if args.summary else None
    print("  messages %(messages)d (%(invalid)d invalid, %(garbage)d garbage, %(resent)d re-sent) | archived %(archived)d | errored %(errored)d | answered %(answered)d "
          "(ACSC %(settled)d, RJCT %(rejected)d) | ledger settlements %(ledgerSettlements)d | deliveries %(deliveries)d" % summary)
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
    p.add_argument("--show", type=int, default=25)
    p.set_defaults(func=cmd_verify)

    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
