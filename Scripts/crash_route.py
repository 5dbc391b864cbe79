#!/usr/bin/env python3
"""Helper of Scripts/crash-test.sh: the outbound route that forwarded payments go to.

Subcommands (standard library only, python3 >= 3.9):

  respond   the route responder: a loop, separate from the daemon (it outlives every kill -9),
            that watches outbound/<route>/ for forwarded pacs.008 and answers each with the
            route's pacs.002, delivered into inbox/ like any sender does (write .name.tmp,
            rename). What it answers is decided by `plan(seed, uetr)` and recorded, one row
            per file written, in a TSV (the verifier's record of what the route said).
  settled   exit 0 when every forward in outbound/ has had all its planned answers written
            and the gateway store holds no payment still waiting for its route (ACSP); 1 when
            not yet. The shell script's drain waits for this (with inbox/ and processing/ empty).

Plans (drawn from SHA-256 of "<seed>|<uetr>", so a seed replays the same answers):

  acsc       ACSC                            -> final ACSC, reservation posted
  accc       ACCC                            -> final ACCC, reservation posted
  rjct       RJCT <reason>                   -> final RJCT <reason>, voided
  never      nothing                         -> timeout: RJCT AB06, voided
  ack        ACSP, then nothing              -> timeout: RJCT AB05 (route answered, creditor did not)
  ack-acsc   ACSP, then ACSC                 -> final ACSC
  dup-same   ACSC, then the same bytes under another name  -> the copy to error/ as a duplicate
  dup-new    ACSC, then ACSC again (new MsgId and name)    -> the second late: archived, no answer
  conflict   RJCT <reason>, then ACSC        -> final RJCT <reason>; the ACSC late
  late       ACSC only after the sender got its timeout RJCT -> final AB06; the ACSC late

A second answer follows the first at once (often in the same group) or 0.3-1.5 s later.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import signal
import sqlite3
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

PLANS = [
    ("acsc", 0.50), ("accc", 0.05), ("rjct", 0.12), ("never", 0.08), ("ack", 0.05),
    ("ack-acsc", 0.05), ("dup-same", 0.05), ("dup-new", 0.05), ("conflict", 0.03), ("late", 0.02),
]
REJECT_REASONS = ["AC04", "AC06", "AG01", "RC01"]
TSV_HEADER = ["at_ms", "uetr", "plan", "step", "steps", "name", "sha256", "status", "reason", "msgId", "copyOf",
              "route", "forward", "forwardMsgId"]


def plan(seed: int, uetr: str) -> dict:
    """What the route answers to the payment `uetr`: a list of steps (status, reason, copy)."""
    digest = hashlib.sha256(f"{seed}|{uetr.lower()}".encode()).digest()
    draw = int.from_bytes(digest[:8], "big") / 2**64
    name = PLANS[-1][0]
    total = 0.0
    for candidate, weight in PLANS:
        total += weight
        if draw < total:
            name = candidate
            break
    reason = REJECT_REASONS[digest[8] % len(REJECT_REASONS)]
    delay = 0.0 if digest[9] % 2 == 0 else 0.3 + 1.2 * digest[10] / 255
    steps = {
        "acsc": [("ACSC", None, False)],
        "accc": [("ACCC", None, False)],
        "rjct": [("RJCT", reason, False)],
        "never": [],
        "ack": [("ACSP", None, False)],
        "ack-acsc": [("ACSP", None, False), ("ACSC", None, False)],
        "dup-same": [("ACSC", None, False), ("ACSC", None, True)],
        "dup-new": [("ACSC", None, False), ("ACSC", None, False)],
        "conflict": [("RJCT", reason, False), ("ACSC", None, False)],
        "late": [("ACSC", None, False)],
    }[name]
    return {"plan": name, "steps": steps, "delay": delay, "afterTimeout": name == "late"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def first_text(root: ET.Element, *path: str) -> str | None:
    """The text of the first element reached by local names `path` (any depth for the first)."""
    for element in root.iter():
        if local(element.tag) != path[0]:
            continue
        node = element
        for name in path[1:]:
            node = next((c for c in node if local(c.tag) == name), None)
            if node is None:
                break
        if node is not None:
            return (node.text or "").strip()
    return None


def read_forward(path: Path) -> dict | None:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return None
    header = next((e for e in root.iter() if local(e.tag) == "GrpHdr"), None)
    if header is None:
        return None
    return {
        "msgId": first_text(header, "MsgId"),
        "instructing": first_text(header, "InstgAgt", "FinInstnId", "BICFI"),
        "instructed": first_text(header, "InstdAgt", "FinInstnId", "BICFI"),
        "uetr": first_text(root, "UETR"),
        "instrId": first_text(root, "InstrId"),
        "endToEndId": first_text(root, "EndToEndId"),
        "txId": first_text(root, "TxId"),
    }


def iso_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+00:00"


def answer_xml(forward: dict, status: str, reason: str | None, message_id: str) -> bytes:
    now = iso_now()
    route_bic = forward["instructed"] or "UNKNOWNXXXX"
    gateway_bic = forward["instructing"] or "UNKNOWNXXXX"
    tx = []
    if forward["instrId"]:
        tx.append(f"      <OrgnlInstrId>{forward['instrId']}</OrgnlInstrId>")
    tx.append(f"      <OrgnlEndToEndId>{forward['endToEndId']}</OrgnlEndToEndId>")
    if forward["txId"]:
        tx.append(f"      <OrgnlTxId>{forward['txId']}</OrgnlTxId>")
    tx.append(f"      <OrgnlUETR>{forward['uetr']}</OrgnlUETR>")
    tx.append(f"      <TxSts>{status}</TxSts>")
    if reason:
        tx.append(f"      <StsRsnInf>\n        <Rsn>\n          <Cd>{reason}</Cd>\n        </Rsn>\n"
                  f"        <AddtlInf>rejected by the crash test's route</AddtlInf>\n      </StsRsnInf>")
    if status != "RJCT":
        tx.append(f"      <AccptncDtTm>{now}</AccptncDtTm>")
    body = "\n".join(tx)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.10">
  <FIToFIPmtStsRpt>
    <GrpHdr>
      <MsgId>{message_id}</MsgId>
      <CreDtTm>{now}</CreDtTm>
      <InstgAgt>
        <FinInstnId>
          <BICFI>{route_bic}</BICFI>
        </FinInstnId>
      </InstgAgt>
      <InstdAgt>
        <FinInstnId>
          <BICFI>{gateway_bic}</BICFI>
        </FinInstnId>
      </InstdAgt>
    </GrpHdr>
    <OrgnlGrpInfAndSts>
      <OrgnlMsgId>{forward['msgId']}</OrgnlMsgId>
      <OrgnlMsgNmId>pacs.008.001.08</OrgnlMsgNmId>
      <GrpSts>{status}</GrpSts>
    </OrgnlGrpInfAndSts>
    <TxInfAndSts>
{body}
    </TxInfAndSts>
  </FIToFIPmtStsRpt>
</Document>
""".encode()


def forwards(data: Path) -> list[tuple[str, str, Path]]:
    """(route, name, path) of every complete forwarded pacs.008 in outbound/."""
    found = []
    outbound = data / "outbound"
    if not outbound.is_dir():
        return found
    for route in sorted(os.listdir(outbound)):
        folder = outbound / route
        if not folder.is_dir():
            continue
        for name in sorted(os.listdir(folder)):
            if not name.startswith(".") and name.endswith(".xml"):
                found.append((route, name, folder / name))
    return found


def read_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    rows = []
    for line in lines[1:]:
        fields = line.split("\t")
        if len(fields) == len(TSV_HEADER):
            rows.append(dict(zip(TSV_HEADER, fields)))
    return rows


# MARK: respond


def cmd_respond(args: argparse.Namespace) -> None:
    data = Path(args.data)
    inbox = data / "inbox"
    outbox = data / "outbox"
    log_path = Path(args.log)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    # A parent may hand down a blocked SIGTERM (swift test's Process does): unblock it, and
    # also stop when --stop-file appears.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    stop_file = Path(args.stop_file) if args.stop_file else None
    log = log_path.open("a", buffering=1)
    if log_path.stat().st_size == 0:
        log.write("\t".join(TSV_HEADER) + "\n")
    seen_names: set[str] = set()
    pending: dict[str, dict] = {}  # uetr -> {forward, plan, next, at, route, name, written: [(name, bytes)]}
    answered = 0

    def write(state: dict, step: int) -> None:
        nonlocal answered
        forward = state["forward"]
        status, reason, copy = state["plan"]["steps"][step]
        uetr = forward["uetr"]
        name = f"ra-{uetr}-{step + 1}.xml"
        message_id = f"RA{uetr.replace('-', '')[:24]}-{step + 1}"
        copy_of = "-"
        if copy:
            copy_of, data_bytes = state["written"][-1]
            message_id = state["messageIds"][-1]
        else:
            data_bytes = answer_xml(forward, status, reason, message_id)
        tmp = inbox / f".{name}.tmp"
        tmp.write_bytes(data_bytes)
        os.rename(tmp, inbox / name)
        state["written"].append((name, data_bytes))
        state["messageIds"].append(message_id)
        at = int(time.time() * 1000)
        log.write("\t".join([str(at), uetr, state["plan"]["plan"], str(step + 1), str(len(state["plan"]["steps"])), name,
                             hashlib.sha256(data_bytes).hexdigest(), status, reason or "-", message_id, copy_of,
                             state["route"], state["name"], forward["msgId"] or "-"]) + "\n")
        answered += 1

    while not stopping:
        for route, name, path in forwards(data):
            if name in seen_names:
                continue
            forward = read_forward(path)
            if forward is None or not forward["uetr"]:
                print(f"crash_route: cannot read {path}", file=sys.stderr)
                seen_names.add(name)
                continue
            seen_names.add(name)
            uetr = forward["uetr"]
            if uetr in pending:
                print(f"crash_route: UETR {uetr} forwarded again as {route}/{name}; answered once only", file=sys.stderr)
                continue
            pending[uetr] = {"forward": forward, "plan": plan(args.seed, uetr), "next": 0, "at": time.monotonic(),
                             "route": route, "name": name, "written": [], "messageIds": []}
        now = time.monotonic()
        for uetr, state in pending.items():
            steps = state["plan"]["steps"]
            while state["next"] < len(steps) and now >= state["at"]:
                if state["plan"]["afterTimeout"] and not any(outbox.glob(f"*/timeout-{uetr}.pacs002.xml")):
                    break
                write(state, state["next"])
                state["next"] += 1
                state["at"] = now + state["plan"]["delay"]
                if state["plan"]["delay"] > 0:
                    break
        if stop_file is not None and stop_file.exists():
            break
        time.sleep(args.interval)
    log.close()
    print(f"answered {answered} time(s), {len(pending)} forward(s) seen")


# MARK: settled


def cmd_settled(args: argparse.Namespace) -> None:
    data = Path(args.data)
    rows = read_log(Path(args.log))
    written: dict[str, int] = {}
    for row in rows:
        written[row["uetr"]] = written.get(row["uetr"], 0) + 1
    waiting = 0
    for _, _, path in forwards(data):
        forward = read_forward(path)
        if forward is None or not forward["uetr"]:
            continue
        if written.get(forward["uetr"], 0) < len(plan(args.seed, forward["uetr"])["steps"]):
            waiting += 1
    try:
        connection = sqlite3.connect(f"file:{data / 'state' / 'gateway.sqlite'}?mode=ro", uri=True)
        try:
            open_forwards = connection.execute("SELECT COUNT(*) FROM payment WHERE status = 'ACSP'").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        print(f"store unreadable: {error}")
        sys.exit(1)
    print(f"{waiting} forward(s) awaiting planned answers, {open_forwards} payment(s) ACSP in the store")
    sys.exit(0 if waiting == 0 and open_forwards == 0 else 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("respond")
    p.add_argument("--data", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--log", required=True, help="TSV of the answers written")
    p.add_argument("--interval", type=float, default=0.03, help="seconds between scans of outbound/")
    p.add_argument("--stop-file", help="stop when this file exists (as on SIGTERM)")
    p.set_defaults(func=cmd_respond)
    p = sub.add_parser("settled")
    p.add_argument("--data", required=True)
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--log", required=True)
    p.set_defaults(func=cmd_settled)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
