#!/usr/bin/env bash
# Crash test: kill -9 the corridor daemon at random moments while messages stream in,
# restart it each time, then prove that nothing was lost or done twice.
#
#   Scripts/crash-test.sh                      5,000 messages, 20 kills (the issue's run)
#   Scripts/crash-test.sh --short              300 messages, 5 kills (CI; well under 2 min in debug)
#   Scripts/crash-test.sh --messages N --kills K [--seed S] [--release] [--keep]
#
# Options:
#   --messages N      messages to send (default 5000)
#   --kills K         kill -9 this many times (default 20)
#   --short           preset: --messages 300 --kills 5
#   --seed S          random seed (messages, amounts, bursts, kill moments); default: from the clock
#   --release         build and run the release binary (default: debug)
#   --binary PATH     use this corridor binary; do not build
#   --no-build        use the binary already built
#   --unscreened      no sanctions lists even when ../shared/sanctions exists (faster restarts)
#   --no-rejections   every participant rich: every payment settled in process must settle
#                     (default: one poor participant sends large payments, so some are
#                     answered RJCT AM04); forwarded payments still end as their route answers
#   --no-routes       no forwarded payments and no route responder (the test as before routes)
#   --route-timeout S gateway.timeoutSeconds for forwarded payments (default 4 s up to 1,000
#                     messages, else 10 s): the planned timeouts fire within the run, and the
#                     drain waits for them
#   --min-gap S / --max-gap S   bounds of the random gaps (default 0.2 / 1.5 s), counted from
#                     the restarted daemon being ready (sanctions lists loaded: seconds in debug)
#   --workdir DIR     work here (default: a new folder under ${TMPDIR:-/tmp}); kept afterwards
#   --keep            keep the work folder even when the test passes (it is kept on failure)
#
# Procedure: generate unique pacs.008 messages in a staging folder (plus 2% invalid ones,
# 1% garbage and 2% byte-identical re-sends of earlier files under new names). About 20% go to
# creditor agents that are no participants and are forwarded: to BANKUS33XXX by the sample's
# `fednow` route (country US, next agent FRNYUS33XXX) and to BANKITMMXXX by an `eurolink` route
# the test adds ahead of the EUR settle route (next agent LINKITMMXXX), with timeoutSeconds
# --route-timeout. Start `corridor run` (random --group-size per start) and the route
# responder (Scripts/crash_route.py respond: a process of its own, untouched by the kills),
# which answers every pacs.008 that appears in outbound/<route>/ with the route's pacs.002
# into inbox/ (write .name.tmp, rename), as a plan drawn from the seed and the UETR says:
# ~55% ACSC or ACCC, ~12% RJCT with a reason, ~8% never (timeout AB06), ~5% ACSP then
# silence (timeout AB05), ~5% ACSP then ACSC, ~10% ACSC twice (the same bytes under another
# name, or a new MsgId), ~3% RJCT then ACSC, ~2% ACSC only after the timeout; it logs every
# answer in logs/route-answers.tsv. Deliver the messages into inbox/ from the
# background in bursts (write .name.tmp, rename), each kill cycle getting its share; kill -9
# the daemon and restart it at once, at least K times: ~15% right after the restart (start-up,
# recovery), ~25% a random gap after it is ready, ~60% aimed 0-20 ms into the next group it
# claims (a group takes milliseconds, so random moments mostly find it idle). When the feeding
# is done, let the last daemon drain inbox/ and processing/ until every forward has had its
# planned answers and none is still waiting (the unanswered ones timed out), stop the
# responder and then the daemon (SIGTERM), and verify (Scripts/crash_verify.py verify):
#   1. every message is in exactly one of archive/<day>/ or error/, unchanged, under its own
#      name; none left in inbox/ or processing/; no extra copies; garbage and re-sends in
#      error/ with their reports, no orphaned report
#   2. exactly one pacs.002 per payment in outbox/<sender>/, named after its input, with its
#      UETR: ACSC (ACSP when forwarded, see 6; RJCT AM04 allowed for the poor participant,
#      RJCT AC01 for the invalid); never two for one UETR, never two outputs with one MsgId
#      (outbound/ included); none for garbage or re-sends
#   3. the ledger holds exactly one posted settlement per ACSC answer, with the right accounts
#      and amount, and nothing else
#   4. each participant's balance = opening - sent + received over the ACSC answers (forwards
#      posted included, see 6); nothing pending; each currency sums to 0 over all accounts
#      (SYSTEM and route accounts included)
#   5. exactly one pacs.008 delivery in outbox/<creditor>/ per settled payment, none otherwise
#   6. forwarded payments: exactly one pacs.008 in outbound/<its route>/ (named after the input,
#      instructing the next agent, its UETR and amount), none for any other payment or for one
#      refused AM04; the sender gets ACSP (named after its input; RJCT AM04 allowed for the poor
#      participant) and exactly one final pacs.002 (`<route answer>-<digest>.1.pacs002.xml` or
#      `timeout-<UETR>.pacs002.xml`) that agrees with the route: its first ACSC, ACCC or RJCT
#      (with its reason) dropped before the deadline (forward's CreDtTm + timeout, less 2 s or
#      half the timeout), else RJCT AB05 after an ACSP, AB06 without one (near the deadline,
#      either); never two finals, even with one status (a duplicate under another MsgId); the
#      ledger holds one reservation per forward, sender -> next agent, posted for ACSC/ACCC,
#      voided for RJCT, and balances count the posted ones (sender debited, the route's
#      account credited); every route answer is in exactly one of archive/ or error/ (a
#      byte-identical copy in error/ as a duplicate, every other one archived, late ones too)
#   and: the store's counts agree with the answers (ACSC, ACCC, RJCT, AB05, AB06; nothing left
#   ACSP); the responder did not die and wrote what its plans say; no daemon exited by
#   itself; no group failed; the final SIGTERM stop exits 0. logs/kills.tsv tells where each
#   kill landed.
# Exit status: 0 when every check passes, 1 on any violation, 2 on a usage or setup error.

set -euo pipefail

messages=5000
kills=20
seed=""
configuration=debug
binary=""
build=1
keep=0
workdir=""
unscreened=0
no_rejections=0
routes=1
route_timeout=""
min_gap=0.2
max_gap=1.5

usage() { sed -n '2,/^# Exit status/p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "crash-test: $*" >&2; exit 2; }

while (($#)); do
    case "$1" in
        --messages) messages="${2:?}"; shift 2 ;;
        --kills) kills="${2:?}"; shift 2 ;;
        --short) messages=300; kills=5; shift ;;
        --seed) seed="${2:?}"; shift 2 ;;
        --release) configuration=release; shift ;;
        --binary) binary="${2:?}"; build=0; shift 2 ;;
        --no-build) build=0; shift ;;
        --unscreened) unscreened=1; shift ;;
        --no-rejections) no_rejections=1; shift ;;
        --no-routes) routes=0; shift ;;
        --route-timeout) route_timeout="${2:?}"; shift 2 ;;
        --min-gap) min_gap="${2:?}"; shift 2 ;;
        --max-gap) max_gap="${2:?}"; shift 2 ;;
        --workdir) workdir="${2:?}"; keep=1; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option $1" ;;
    esac
done
[[ "$messages" =~ ^[1-9][0-9]*$ ]] || die "--messages must be a positive integer"
[[ "$kills" =~ ^[0-9]+$ ]] || die "--kills must be a non-negative integer"
[[ -z "$seed" ]] && seed=$(( $(date +%s) % 1000000 ))
[[ "$seed" =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
# Short runs: a short timeout, so the planned timeouts fire while the daemon is being killed.
# Long runs: more room, so that fewer answers to forwards written late (after a kill) come
# near the deadline, where the verifier has to accept the answer or the timeout.
[[ -z "$route_timeout" ]] && route_timeout=$(( messages <= 1000 ? 4 : 10 ))
[[ "$route_timeout" =~ ^[1-9][0-9]*$ ]] || die "--route-timeout must be a positive integer"
command -v python3 >/dev/null || die "python3 is needed"

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
helper="$repo/Scripts/crash_verify.py"
route_helper="$repo/Scripts/crash_route.py"
started=$(date +%s.%N)
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(date +%s.%N)"; }

# --- Binary ---------------------------------------------------------------------------------
if [[ -z "$binary" ]]; then
    binpath=$(cd "$repo" && swift build -c "$configuration" --show-bin-path)
    binary="$binpath/corridor"
    if ((build)); then
        echo "crash-test: swift build -c $configuration (log: ${TMPDIR:-/tmp}/corridor-crash-build.log)"
        if ! (cd "$repo" && swift build -c "$configuration" --product corridor) >"${TMPDIR:-/tmp}/corridor-crash-build.log" 2>&1; then
            tail -30 "${TMPDIR:-/tmp}/corridor-crash-build.log" >&2
            die "the build failed"
        fi
    fi
fi
[[ -x "$binary" ]] || die "no corridor binary at $binary (build it, or pass --binary)"

# --- Work folder ----------------------------------------------------------------------------
if [[ -z "$workdir" ]]; then
    workdir=$(mktemp -d "${TMPDIR:-/tmp}/corridor-crash.XXXXXX")
else
    mkdir -p "$workdir"
    [[ -z "$(ls -A "$workdir")" ]] || die "--workdir $workdir is not empty"
fi
workdir=$(cd "$workdir" && pwd)
config="$workdir/corridor.yaml"
data="$workdir/var"
logs="$workdir/logs"
staging="$workdir/staging"
mkdir -p "$logs" "$staging"

daemon_pid=""
feeder_pid=""
responder_pid=""
result=2
cleanup() {
    # Only the processes this script started, by their pid.
    # SIGKILL for the Python helpers: a parent may have blocked SIGTERM (swift test does).
    if [[ -n "$feeder_pid" ]] && kill -0 "$feeder_pid" 2>/dev/null; then kill -9 "$feeder_pid" 2>/dev/null || true; fi
    if [[ -n "$responder_pid" ]] && kill -0 "$responder_pid" 2>/dev/null; then kill -9 "$responder_pid" 2>/dev/null || true; fi
    if [[ -n "$daemon_pid" ]] && kill -0 "$daemon_pid" 2>/dev/null; then kill -9 "$daemon_pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    if ((result == 0 && keep == 0)); then
        rm -rf "$workdir"
    else
        echo "crash-test: work folder kept: $workdir (logs in logs/, data in var/)"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

screening=$(python3 "$helper" config --repo "$repo" --out "$workdir" --route-timeout "$route_timeout" \
    $( ((unscreened)) && echo --unscreened ) $( ((no_rejections)) && echo --no-rejections ))
"$binary" config check --config "$config" >"$logs/config-check.txt" 2>&1 \
    || { cat "$logs/config-check.txt" >&2; die "the generated configuration does not check"; }
python3 "$helper" generate --repo "$repo" --count "$messages" --seed "$seed" --staging "$staging" \
    --manifest "$workdir/manifest.json" $( ((no_rejections)) && echo --no-rejections ) $( ((routes)) || echo --forward 0 )
if ((routes)); then
    forwarded=$(python3 -c "import json, sys; print(sum(1 for m in json.load(open(sys.argv[1]))['messages'] if m.get('route') and m['kind'] == 'settle'))" \
        "$workdir/manifest.json")
    route_note="routes: $forwarded forwarded (fednow, eurolink), timeout ${route_timeout}s"
else
    route_note="routes: none"
fi
echo "crash-test: $messages messages, $kills kills, seed $seed, $configuration build, sanctions $screening, $route_note, work $workdir"

# --- Daemon ---------------------------------------------------------------------------------
violations=()
starts=0
# Each start picks its durable group size at random: small groups mean many commit points
# (ledger, store, outputs, archive) per second for a kill to fall between.
group_sizes=(1 8 32 128 256)
group_size=256
start_daemon() {
    starts=$((starts + 1))
    group_size=${group_sizes[RANDOM % ${#group_sizes[@]}]}
    "$binary" run --config "$config" --log-format json --group-size "$group_size" >"$logs/daemon-$starts.log" 2>&1 &
    daemon_pid=$!
}
# Where the daemon of the current start is, from its log: startup (opening the stores,
# loading the sanctions lists), recovery (reprocessing processing/) or running (watching).
daemon_phase() {
    local log="$logs/daemon-$starts.log"
    if grep -q '"watching the inbox"' "$log" 2>/dev/null; then echo running
    elif grep -q '"recovering files' "$log" 2>/dev/null; then echo recovery
    else echo startup; fi
}
# Ready: the runtime is open (lists loaded, or recovery or watching begun). Loading the
# sanctions lists takes seconds in a debug build; gaps are counted from here so that most
# kills land while files are processed, not while lists load.
daemon_ready() { grep -qE '"(sanctions lists loaded|recovering files|watching the inbox)' "$logs/daemon-$starts.log" 2>/dev/null; }
wait_ready() {
    local limit=$((SECONDS + 120))
    until daemon_ready; do
        kill -0 "$daemon_pid" 2>/dev/null || return 0  # check_alive reports it
        if ((SECONDS > limit)); then
            violations+=("[start-timeout] start #$starts not ready after 120 s (logs/daemon-$starts.log)")
            return 0
        fi
        sleep 0.05
    done
}
count_files() { find "$1" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }
# Sets gap to a value in [$1, $2] seconds, from bash's seeded RANDOM (drawn here, not in a
# subshell, so that a seed replays the same schedule).
RANDOM=$seed
random_gap() {
    local r=$RANDOM
    gap=$(python3 -c "import sys; lo, hi, r = map(float, sys.argv[1:]); print(f'{lo + (hi - lo) * r / 32767:.3f}')" "$1" "$2" "$r")
}
# Reaps a daemon that ended without being asked to; that is a violation.
check_alive() {
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
        local rc=0
        wait "$daemon_pid" || rc=$?
        violations+=("[daemon-exit] start #$starts exited by itself with status $rc (logs/daemon-$starts.log): $(tail -c 400 "$logs/daemon-$starts.log" | tr '\n' ' ')")
        start_daemon
        return 1
    fi
}

start_daemon
run_started=$(date +%s.%N)
wait_ready
check_alive || wait_ready
startup=$(elapsed "$run_started")

# The route responder: a process of its own, so it lives on through every kill -9 of the
# daemon. It answers each pacs.008 that appears in outbound/<route>/ into inbox/ as its plan
# for that UETR says (Scripts/crash_route.py) and logs every answer it drops.
route_log="$logs/route-answers.tsv"
if ((routes)); then
    python3 "$route_helper" respond --data "$data" --seed "$seed" --log "$route_log" --stop-file "$workdir/responder.stop" \
        >"$logs/responder.log" 2>&1 &
    responder_pid=$!
fi
responder_alive() { ((routes == 0)) || kill -0 "$responder_pid" 2>/dev/null; }

# The feeder gives each kill cycle its share of the messages (N / K), released when that
# cycle's daemon is ready and delivered over about one average gap, so most kills land
# while files stream in and groups are being processed. Kills go on until the feeder is
# done: there may be more than --kills of them (early kills start no new cycle), never fewer.
cycles=0
next_cycle() { cycles=$((cycles + 1)); echo "$cycles" >"$workdir/cycles.tmp"; mv "$workdir/cycles.tmp" "$workdir/cycles"; }
if ((kills > 0)); then
    rate=$(python3 -c "import sys; n, k, lo, hi = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]); \
print(f'{max(1.0, n / k / ((lo + hi) / 2)):.1f}')" "$messages" "$kills" "$min_gap" "$max_gap")
else
    rate=1000
fi
python3 "$helper" feed --manifest "$workdir/manifest.json" --staging "$staging" --inbox "$data/inbox" \
    --rate "$rate" --seed "$seed" --progress "$workdir/fed" --cycles-file "$workdir/cycles" --cycles "$kills" \
    >"$logs/feeder.log" 2>&1 &
feeder_pid=$!

# --- Kills ----------------------------------------------------------------------------------
printf 'kill\tat_s\tkind\tgap_s\tstart\tgroup\tphase\tinbox\tprocessing\tstage\tfed\n' >"$logs/kills.tsv"
stages=()
done_kills=0
busy_kills=0
startup_kills=0
feeder_running() { kill -0 "$feeder_pid" 2>/dev/null; }
while ((done_kills < kills)) || { ((kills > 0)) && feeder_running; }; do
    mode=$((RANDOM % 100))
    if ((mode < 15)); then
        # Now and then, straight after the restart: a crash while opening or recovering.
        kind=early
        random_gap 0 0.3
        sleep "$gap"
    elif ((mode < 40)); then
        # A random moment after the daemon is ready (often idle between bursts).
        kind=random
        wait_ready
        next_cycle
        random_gap "$min_gap" "$max_gap"
        sleep "$gap"
    else
        # Aimed: a group goes from claim to archive in milliseconds, so a random moment
        # mostly finds the daemon idle. Within a random gap, kill 0-20 ms into the next group
        # claimed: between claim, ledger commit, store commit, outputs and archive.
        kind=aimed
        wait_ready
        next_cycle
        random_gap "$min_gap" "$max_gap"
    fi
    check_alive || continue
    if [[ $kind == aimed ]]; then
        kind=aimed-$(python3 "$helper" aim --pid "$daemon_pid" --processing "$data/processing" --within "$gap" \
            --delay-max 0.02 --seed "$RANDOM")
    else
        kill -9 "$daemon_pid"
    fi
    wait "$daemon_pid" 2>/dev/null || true
    # Counted after the kill: what the crash left behind, exactly.
    phase=$(daemon_phase)
    inbox_n=$(count_files "$data/inbox")
    processing_n=$(count_files "$data/processing")
    fed=$(cat "$workdir/fed" 2>/dev/null || echo 0)
    stage=$(python3 "$helper" stage --data "$data" --manifest "$workdir/manifest.json" 2>/dev/null || echo "?")
    stages+=("$stage")
    done_kills=$((done_kills + 1))
    [[ $phase != running ]] && startup_kills=$((startup_kills + 1))
    ((processing_n > 0)) && busy_kills=$((busy_kills + 1))
    printf '%d\t%s\t%s\t%s\t%d\t%d\t%s\t%d\t%d\t%s\t%d\n' "$done_kills" "$(elapsed "$run_started")" "$kind" "$gap" "$starts" \
        "$group_size" "$phase" "$inbox_n" "$processing_n" "$stage" "$fed" >>"$logs/kills.tsv"
    start_daemon
done

feeder_rc=0
wait "$feeder_pid" || feeder_rc=$?
feeder_pid=""
((feeder_rc == 0)) || { cat "$logs/feeder.log" >&2; die "the feeder failed (status $feeder_rc)"; }
fed_at=$(elapsed "$run_started")

# --- Drain and stop -------------------------------------------------------------------------
# Done when the last daemon watches the inbox (its start-up and recovery are over), every
# forward has had all its planned route answers and no payment still waits for its route
# (the unanswered ones have timed out), and then inbox/ and processing/ are empty (counted
# after that check, so the route's last answers have been claimed and archived too).
routes_settled() { ((routes == 0)) || python3 "$route_helper" settled --data "$data" --seed "$seed" --log "$route_log" >"$logs/settled.txt" 2>&1; }
drain_limit=$((120 + messages / 10 + route_timeout))
drain_started=$(date +%s)
while true; do
    check_alive || true
    if ! responder_alive; then
        violations+=("[responder-exit] the route responder ended by itself (logs/responder.log): $(tail -c 400 "$logs/responder.log" | tr '\n' ' ')")
        routes=0
    fi
    if [[ $(daemon_phase) == running ]] && routes_settled \
        && (($(count_files "$data/inbox") == 0 && $(count_files "$data/processing") == 0)); then break; fi
    if (($(date +%s) - drain_started > drain_limit)); then
        violations+=("[drain-timeout] after ${drain_limit}s inbox/ holds $(count_files "$data/inbox") and processing/ $(count_files "$data/processing") file(s)$( ((routes)) && echo "; routes: $(cat "$logs/settled.txt" 2>/dev/null)" || true)")
        break
    fi
    sleep 0.2
done
drained_at=$(elapsed "$run_started")
if [[ -n "$responder_pid" ]]; then
    touch "$workdir/responder.stop"
    for _ in $(seq 1 100); do kill -0 "$responder_pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$responder_pid" 2>/dev/null; then
        echo "crash-test: the route responder did not stop within 10 s; killed" >&2
        kill -9 "$responder_pid" 2>/dev/null || true
    fi
    wait "$responder_pid" 2>/dev/null || true
    responder_pid=""
fi

kill -TERM "$daemon_pid"
stop_rc=""
for _ in $(seq 1 300); do
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
        stop_rc=0
        wait "$daemon_pid" || stop_rc=$?
        break
    fi
    sleep 0.1
done
if [[ -z "$stop_rc" ]]; then
    violations+=("[stop-timeout] the daemon did not stop within 30 s of SIGTERM")
    kill -9 "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
elif ((stop_rc != 0)); then
    violations+=("[stop-status] SIGTERM stop exited $stop_rc (logs/daemon-$starts.log)")
fi
daemon_pid=""

failed_groups=$(cat "$logs"/daemon-*.log | grep -c '"group failed' || true)
if ((failed_groups > 0)); then
    violations+=("[group-failed] $failed_groups group(s) failed: $(grep -h '"group failed' "$logs"/daemon-*.log | head -3 | tr '\n' ' ')")
fi

# --- Verify ---------------------------------------------------------------------------------
echo "crash-test: start-up ${startup}s, feed rate ${rate}/s; fed in ${fed_at}s, drained at ${drained_at}s; $starts daemon starts"
echo "crash-test: $done_kills kills: $busy_kills with a group in processing/, $startup_kills during start-up or recovery; where the group was:" \
    "$(printf '%s\n' "${stages[@]+"${stages[@]}"}" | sort | uniq -c | awk '{out = out sep $2 " " $1; sep = ", "} END {print out}') (logs/kills.tsv)"
echo "crash-test: verifying"
verify_rc=0
python3 "$helper" verify --manifest "$workdir/manifest.json" --opening "$workdir/opening.json" --data "$data" \
    --config "$config" --corridor "$binary" --summary "$workdir/summary.json" --routes "$workdir/routes.json" \
    $( [[ -f "$route_log" ]] && echo --route-log "$route_log" ) || verify_rc=$?
for v in "${violations[@]+"${violations[@]}"}"; do echo "    $v"; done

total=$(elapsed "$started")
if ((verify_rc == 0 && ${#violations[@]} == 0)); then
    echo "crash-test: PASS: $messages messages, $done_kills kills, seed $seed, ${total}s"
    result=0
else
    ((verify_rc == 0 || verify_rc == 1)) || echo "crash-test: the verifier failed (status $verify_rc)"
    echo "crash-test: FAIL: seed $seed (rerun with --seed $seed), ${total}s"
    result=1
fi
exit "$result"
