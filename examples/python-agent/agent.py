#!/usr/bin/env python3
"""Play one seat of a Negotiation class through its JSON API (classroom.md), to the end of its run.

    python3 agent.py http://HOST:PORT/play/SEAT_CODE [--quiet]

Python's standard library only. The agent sees exactly what the seat's page sees (GET /api/seats/{code}) and moves
only through POST /api/seats/{code}/moves, so the rules it meets are the server's: a move the rules refuse comes
back as 422 with the reason, and the agent passes instead. How it chooses, by its own worths as the API shows them:

- its target falls in a straight line from the best offer it could make to its reservation, over the rounds;
- it accepts the other side's standing offer when that offer is worth its target or more (and the rules allow it);
- otherwise it offers the combination of options, inside its own red lines, worth the least that still reaches its
  target (its own worths are in its brief: each option's worth is its value times the term's share);
- threatened or designated, it takes the answer worth most to it where the question gives values, else holds or sues;
- it says none of the statements the scenario offers it, and does not ask for the same terms.

Exit 0 when the run has concluded; 2 on a bad address; 1 when the server keeps failing.
"""
import itertools
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def red_lines_allow(brief, term, option):
    for line in brief["redLines"]:
        dropped = line.get("droppedWith") or []
        if line["term"] != term or dropped:
            continue
        if line.get("require") and option not in line["require"]:
            return False
        if line.get("forbid") and option in line["forbid"]:
            return False
    return True


def offer_for(brief, target, open_options):
    """The combination worth the least that still reaches the target, of the options open now, inside its own red lines."""
    choices = []
    for term in brief["terms"]:
        open_now = [o for o in term["options"] if o["option"] in open_options.get(term["term"], [o["option"]])] or term["options"]
        options = [o for o in open_now if red_lines_allow(brief, term["term"], o["option"])] or open_now
        choices.append([(term["term"], o["option"], o["worth"]) for o in options])
    combinations = [(sum(w for _, _, w in c), c) for c in itertools.product(*choices)]
    reaching = [c for c in combinations if c[0] >= target - 1e-9]
    _, best = min(reaching, key=lambda c: c[0]) if reaching else max(combinations, key=lambda c: c[0])
    return {term: option for term, option, _ in best}


def allowed(view, kind, vendor=None):
    return any(m["kind"] == kind and m["allowed"] and (vendor is None or m.get("vendor") in (None, vendor)) for m in view["allowed"])


def target_for(view, rounds_hint):
    brief = view["brief"]
    best = sum(max(o["worth"] for o in t["options"]) for t in brief["terms"])
    progress = min(1.0, view["waiting"]["round"] / max(1, rounds_hint))
    return best - (best - brief["reservation"]) * progress


def moves_for(view, rounds_hint):
    moves = []
    agency = view["brief"]["isAgency"]
    for n in view["negotiations"]:
        if n["status"] != "open":
            continue
        # The agency names the negotiation; a vendor has only its own and leaves `vendor` out.
        where = {"vendor": n["vendor"]} if agency else {}
        target = target_for(view, rounds_hint)
        theirs = n.get("theirStandingOffer")
        if theirs and theirs["worth"] >= target and allowed(view, "accept", n["vendor"]):
            moves.append({**where, "kind": "accept", "terms": theirs["terms"]})
        elif allowed(view, "offer", n["vendor"]):
            moves.append({**where, "kind": "offer", "terms": offer_for(view["brief"], target, n.get("openOptions") or {})})
        else:
            moves.append({**where, "kind": "pass"})
    return moves


def answer_for(view):
    question = view.get("question") or {}
    choices = [c for c in question.get("choices", []) if c.get("value") is not None]
    kind = view["waiting"]["kind"]
    if choices:
        best = max(choices, key=lambda c: c["value"])["answer"]
    else:
        best = "hold" if kind == "answer_threat" else "litigate"
    return [{"kind": kind, "answer": best}]


def main(argv):
    if len(argv) < 2 or "/play/" not in argv[1]:
        print("usage: agent.py http://HOST:PORT/play/SEAT_CODE [--quiet]", file=sys.stderr)
        return 2
    quiet = "--quiet" in argv
    parts = urllib.parse.urlsplit(argv[1])
    base = f"{parts.scheme}://{parts.netloc}"
    code = parts.path.rsplit("/play/", 1)[1].strip("/")
    seat = f"/api/seats/{code}"
    rounds_hint = 12
    failures = 0
    while True:
        status, view = call(base, "GET", seat)
        if status == 404:
            print("no seat with that code", file=sys.stderr)
            return 2
        if status != 200:
            failures += 1
            if failures > 100:
                print(f"the server keeps answering {status}", file=sys.stderr)
                return 1
            time.sleep(0.2)
            continue
        failures = 0
        if view["concluded"]:
            if not quiet:
                print(f"{view['brief']['name']}: the run has concluded in round {view['round']}")
            return 0
        waiting = view.get("waiting")
        if not waiting:
            time.sleep(0.1)
            continue
        moves = moves_for(view, rounds_hint) if waiting["kind"] == "moves" else answer_for(view)
        status, answer = call(base, "POST", seat + "/moves", {"round": waiting["round"], "moves": moves})
        if status == 422 and waiting["kind"] == "moves":
            # The rules refused something: say why, and pass in every negotiation instead.
            if not quiet:
                print(f"round {waiting['round']}: refused ({'; '.join(answer.get('errors', []))}); passing", file=sys.stderr)
            moves = [{**({"vendor": m["vendor"]} if "vendor" in m else {}), "kind": "pass"} for m in moves]
            status, answer = call(base, "POST", seat + "/moves", {"round": waiting["round"], "moves": moves})
        if status == 202:
            if not quiet:
                print(f"round {waiting['round']}: {', '.join(m['kind'] for m in moves)}")
        elif status != 409:
            # 409: the round moved on meanwhile (the timer, the instructor); anything else is said, and counted.
            print(f"round {waiting['round']}: {status} {'; '.join(str(e) for e in (answer or {}).get('errors', []))}", file=sys.stderr)
            failures += 1
            if failures > 20:
                return 1
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
