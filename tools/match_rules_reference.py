#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The organiser's-rules reference set for `urbanmine match schedule` (issue 15).

Instances of the partnering session with delegations (members and their languages), caps on
meetings per person, a forced-break rule, "no thanks" vetoes and interpreters, and their optima
from COIN-OR CBC on the time-indexed model written here, independently of the engine's own models.

  match_rules_reference.py generate --size small|medium --seed N -o INSTANCE.json
  match_rules_reference.py lp INSTANCE.json MODEL.lp
  match_rules_reference.py solve INSTANCE.json -o OPTIMUM.json [--cbc /usr/bin/cbc] [--seconds T]
  match_rules_reference.py eval INSTANCE.json SCHEDULE.json

`generate` starts from the 1:1 benchmark generator (tools/reference/match-tools/gen_instance.py,
the same sizes as small-s1 and medium-s1) and adds the rules with its own seeded random stream,
so the same arguments give a byte-identical file. Everyone and every language pairing in the
files is illustrative, not a real delegation.

`solve` needs the `cbc` program (Debian package coinor-cbc). The model:

  x[p,s] in {0,1}   candidate pair p meets in slot s (both available, p not vetoed, and an
                    interpreter able to serve p available in s when p needs one)
  y[p,s,i] in [0,1] interpreter i serves that meeting (only for pairs that need one)
  u[i,l] in [0,1]   participant i has at least l+1 meetings (fairness bonus B_l)
  max  sum w_p x[p,s] + sum B_l u[i,l]
  s.t. sum_s x[p,s] <= 1                            each pair at most once
       sum_{p ni i} x[p,s] <= 1                     nobody double-booked
       sum_p x[p,s] <= T_s                          tables per slot
       sum_l u[i,l] - sum_{p ni i,s} x[p,s] <= 0    fairness counts held meetings
       sum_{p ni i,s} x[p,s] <= max_meetings_i      caps
       sum_{p ni i, s in [a, a+c]} x[p,s] <= c      breaks: c = max_consecutive_meetings
       x[p,s] - sum_i y[p,s,i] = 0                  a needed interpreter is there
       sum_p y[p,s,i] <= 1                          an interpreter serves one meeting per slot
y may be continuous: for 0/1 x the interpreter assignment is a bipartite matching, whose
polytope is integral; `solve` turns it into one by augmenting paths and checks the result
with `eval`, which re-checks every rule from the instance file alone.
"""
import argparse
import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BASE_GENERATOR = os.path.join(HERE, "reference", "match-tools", "gen_instance.py")

SIZES = {  # the 1:1 benchmark's sizes (small-s1, medium-s1)
    "small": dict(nk=30, nf=12, slots=12, tables=8),
    "medium": dict(nk=200, nf=50, slots=16, tables=40),
}
# Languages per foreign delegate's country: (always spoken, spoken by some with this chance).
COUNTRY_LANGUAGES = {
    "IEA": (["en"], []), "EU": (["en"], []), "US": (["en"], []), "GB": (["en"], []),
    "AU": (["en"], []), "CA": (["en"], [("fr", 0.3)]), "IN": (["en"], []),
    "SE": (["sv"], [("en", 0.8)]), "ID": (["id"], [("en", 0.4)]),
    "CZ": (["cs"], [("en", 0.6)]), "PL": (["pl"], [("en", 0.6)]), "HU": (["hu"], [("en", 0.5)]),
}
F_ROLES = ["head of delegation", "expert", "adviser"]
K_ROLES = ["director", "manager", "engineer"]


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def base_instance(size, seed):
    spec = importlib.util.spec_from_file_location("gen_instance", BASE_GENERATOR)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "base.json")
        argv = sys.argv
        s = SIZES[size]
        sys.argv = ["gen_instance.py", "--nk", str(s["nk"]), "--nf", str(s["nf"]),
                    "--slots", str(s["slots"]), "--tables", str(s["tables"]),
                    "--seed", str(seed), "--name", "%s-rules-s%d" % (size, seed), "-o", out]
        try:
            gen.main()
        finally:
            sys.argv = argv
        return load(out)


def add_rules(inst, size, seed):
    rng = random.Random(1000003 * seed + (1 if size == "small" else 2))
    people = inst["participants"]
    # Languages and delegations.
    for p in people:
        if p["side"] == "K":
            own = ["ko"] + (["en"] if rng.random() < 0.6 else [])
            roles = K_ROLES
        else:
            always, some = COUNTRY_LANGUAGES[p["country"]]
            own = list(always) + [lang for lang, chance in some if rng.random() < chance]
            roles = F_ROLES
        p["languages"] = own
        size_of_group = rng.choice([1, 1, 2, 3]) if p["side"] == "F" else rng.choice([1, 2])
        members = []
        for m in range(size_of_group):
            member = {"name": "%s member %d" % (p["id"], m + 1), "role": roles[min(m, 2)]}
            # A second member may bring English to a group that lacks it.
            if m > 0 and "en" not in own and rng.random() < 0.3:
                member["languages"] = ["en"]
            members.append(member)
        p["members"] = members
    # Caps: a fifth of the participants limit their meetings in the session.
    lo, hi = (2, 5) if size == "small" else (3, 8)
    for p in people:
        if rng.random() < 0.2:
            p["max_meetings"] = rng.randint(lo, hi)
    # Forced breaks: nobody meets in more than four consecutive slots.
    inst["rules"] = {"max_consecutive_meetings": 4}
    # "No thanks": about 4 % of the candidate pairs, from either side, a few of them requested.
    vetoes = []
    for pair in inst["pairs"]:
        if rng.random() < 0.04:
            if rng.random() < 0.5:
                vetoes.append({"from": pair["k"], "to": pair["f"]})
            else:
                vetoes.append({"from": pair["f"], "to": pair["k"]})
    inst["vetoes"] = vetoes
    # Interpreters: Korean-English ones (some only part of the session), Korean-Indonesian, and
    # one for Czech, Polish and Hungarian delegations through English or Korean.
    S = len(inst["slots"])
    half = list(range(S // 2))
    scale = 1 if size == "small" else 4
    interpreters = []
    for n in range(2 * scale):
        avail = list(range(S)) if n % 2 == 0 else half
        interpreters.append({"id": "I%02d" % (len(interpreters) + 1), "languages": ["ko", "en"],
                             "available": avail})
    for n in range(scale):
        interpreters.append({"id": "I%02d" % (len(interpreters) + 1), "languages": ["ko", "id"],
                             "available": list(range(S))})
    interpreters.append({"id": "I%02d" % (len(interpreters) + 1),
                         "languages": ["ko", "cs", "pl", "hu"], "available": list(range(S // 2, S))})
    inst["interpreters"] = interpreters
    inst["generator"]["rules"] = {"script": "tools/match_rules_reference.py", "size": size,
                                  "seed": seed}
    inst["name"] = "%s-rules-s%d" % (size, seed)
    return inst


def spoken(p):
    out = list(p.get("languages", []))
    for m in p.get("members", []):
        for lang in m.get("languages", []):
            if lang not in out:
                out.append(lang)
    return out


class Model:
    """The instance's rules in plain Python, shared by `lp`, `solve` and `eval`."""

    def __init__(self, inst):
        self.inst = inst
        self.people = {p["id"]: p for p in inst["participants"]}
        self.order = {p["id"]: n for n, p in enumerate(inst["participants"])}
        self.avail = {p["id"]: set(p["available"]) for p in inst["participants"]}
        self.S = len(inst["slots"])
        self.tables = inst["tables_per_slot"]
        self.B = inst["objective"]["fairness_bonus"]
        self.run = inst.get("rules", {}).get("max_consecutive_meetings", 0)
        self.cap = {p["id"]: p["max_meetings"] for p in inst["participants"]
                    if "max_meetings" in p}
        self.vetoed = set()
        for v in inst.get("vetoes", []):
            self.vetoed.add((v["from"], v["to"]))
            self.vetoed.add((v["to"], v["from"]))
        self.interp = inst.get("interpreters", [])
        self.interp_avail = [set(i.get("available", range(self.S))) for i in self.interp]
        self.weight = {(p["k"], p["f"]): p["weight"] for p in inst["pairs"]}

    def needs(self, k, f):
        a, b = spoken(self.people[k]), spoken(self.people[f])
        return bool(a) and bool(b) and not set(a) & set(b)

    def capable(self, k, f, s):
        a, b = set(spoken(self.people[k])), set(spoken(self.people[f]))
        return [n for n, i in enumerate(self.interp)
                if s in self.interp_avail[n] and a & set(i["languages"]) and b & set(i["languages"])]

    def columns(self):
        """(pair index, k, f, weight, slot, interpreters or None) for every x column."""
        out = []
        for n, p in enumerate(self.inst["pairs"]):
            k, f = p["k"], p["f"]
            if (k, f) in self.vetoed:
                continue
            need = self.needs(k, f)
            for s in sorted(self.avail[k] & self.avail[f]):
                able = self.capable(k, f, s) if need else None
                if need and not able:
                    continue
                out.append((n, k, f, p["weight"], s, able))
        return out


def write_lp(inst, path):
    m = Model(inst)
    cols = m.columns()
    rows = {}  # name -> (terms, sense, rhs)

    def add(name, term, sense, rhs):
        rows.setdefault(name, ([], sense, rhs))[0].append(term)

    objective = []
    people_with_columns = set()
    for n, k, f, w, s, able in cols:
        x = "x%d_%d" % (n, s)
        objective.append("%d %s" % (w, x))
        add("p%d" % n, "+ " + x, "<=", 1)
        add("t%d" % s, "+ " + x, "<=", m.tables[s])
        for i in (k, f):
            pi = m.order[i]
            people_with_columns.add(i)
            add("a%d_%d" % (pi, s), "+ " + x, "<=", 1)
            add("f%d" % pi, "- " + x, "<=", 0)
            if i in m.cap:
                add("c%d" % pi, "+ " + x, "<=", m.cap[i])
            if m.run > 0:
                for a in range(max(0, s - m.run), min(s, m.S - 1 - m.run) + 1):
                    add("r%d_%d" % (pi, a), "+ " + x, "<=", m.run)
        if able is not None:
            add("l%d_%d" % (n, s), "+ " + x, "=", 0)
            for i in able:
                y = "y%d_%d_%d" % (n, s, i)
                add("l%d_%d" % (n, s), "- " + y, "=", 0)
                add("i%d_%d" % (i, s), "+ " + y, "<=", 1)
    us = []
    for i in sorted(people_with_columns, key=m.order.get):
        pi = m.order[i]
        for l, b in enumerate(m.B):
            u = "u%d_%d" % (pi, l)
            us.append(u)
            objective.append("%d %s" % (b, u))
            add("f%d" % pi, "+ " + u, "<=", 0)
    lines = ["\\ organiser's rules reference %s" % inst["name"], "Maximize", " obj:"]
    for c in range(0, len(objective), 8):
        lines.append("  + " + " + ".join(objective[c:c + 8]))
    lines.append("Subject To")
    for name, (terms, sense, rhs) in rows.items():
        if sense == "<=" and (name[0] in "pa" and len(terms) <= 1 or
                              name[0] == "t" and len(terms) <= rhs):
            continue  # cannot bind
        body = " ".join(terms)
        if body.startswith("+ "):
            body = body[2:]
        out, buf = [], " %s:" % name
        for tok in re.findall(r"[+-] \S+|\S+", body):
            if len(buf) > 200:
                out.append(buf)
                buf = "  "
            buf += " " + tok
        out.append("%s %s %d" % (buf, sense, rhs))
        lines += out
    lines.append("Bounds")
    for u in us:
        lines.append(" 0 <= %s <= 1" % u)
    for n, k, f, w, s, able in cols:
        for i in able or []:
            lines.append(" 0 <= y%d_%d_%d <= 1" % (n, s, i))
    lines.append("Binary")
    xs = ["x%d_%d" % (n, s) for n, k, f, w, s, able in cols]
    for c in range(0, len(xs), 10):
        lines.append(" " + " ".join(xs[c:c + 10]))
    lines.append("End")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(xs)


def assign_interpreters(m, meetings):
    """Per slot, a matching of meetings that need an interpreter to interpreters (augmenting
    paths). Returns False when some meeting is left without one."""
    ok = True
    by_slot = {}
    for mt in meetings:
        if m.needs(mt["k"], mt["f"]):
            by_slot.setdefault(mt["slot"], []).append(mt)
    for s, group in by_slot.items():
        owner = {}

        def augment(j, seen):
            for i in m.capable(group[j]["k"], group[j]["f"], s):
                if i in seen:
                    continue
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = j
                    return True
            return False

        for j in range(len(group)):
            ok = augment(j, set()) and ok
        for i, j in owner.items():
            group[j]["interpreter"] = m.interp[i]["id"]
    return ok


def evaluate(inst, sched):
    """(objective, stats, errors): every rule re-checked from the instance file."""
    m = Model(inst)
    errors = []
    busy, tables, seen = set(), set(), set()
    count = {p["id"]: 0 for p in inst["participants"]}
    total_w = 0
    for mt in sched["meetings"]:
        k, f, s, t = mt["k"], mt["f"], mt["slot"], mt["table"]
        if (k, f) not in m.weight:
            errors.append("not a candidate pair %s-%s" % (k, f))
            continue
        if (k, f) in m.vetoed:
            errors.append("vetoed pair %s-%s" % (k, f))
        if not 0 <= s < m.S or s not in m.avail[k] or s not in m.avail[f]:
            errors.append("slot %s outside availability of %s-%s" % (s, k, f))
        elif not 0 <= t < m.tables[s] or (s, t) in tables:
            errors.append("table %s invalid or double-booked in slot %s" % (t, s))
        tables.add((s, t))
        for i in (k, f):
            if (i, s) in busy:
                errors.append("%s double-booked in slot %s" % (i, s))
            busy.add((i, s))
            count[i] += 1
        if (k, f) in seen:
            errors.append("pair %s-%s twice" % (k, f))
        seen.add((k, f))
        total_w += m.weight[(k, f)]
    for i, c in count.items():
        if i in m.cap and c > m.cap[i]:
            errors.append("%s has %d meetings, cap %d" % (i, c, m.cap[i]))
        if m.run > 0:
            run = 0
            for s in range(m.S):
                run = run + 1 if (i, s) in busy else 0
                if run == m.run + 1:
                    errors.append("%s meets in more than %d consecutive slots" % (i, m.run))
    used = set()
    ids = {it["id"]: n for n, it in enumerate(m.interp)}
    for mt in sched["meetings"]:
        if not m.needs(mt["k"], mt["f"]):
            continue
        i = ids.get(mt.get("interpreter"))
        if i is None or i not in m.capable(mt["k"], mt["f"], mt["slot"]):
            errors.append("%s-%s in slot %d has no able interpreter" %
                          (mt["k"], mt["f"], mt["slot"]))
        elif (i, mt["slot"]) in used:
            errors.append("interpreter %s twice in slot %d" % (mt["interpreter"], mt["slot"]))
        else:
            used.add((i, mt["slot"]))
    fairness = sum(sum(m.B[:c]) for c in count.values())
    stats = {"objective": total_w + fairness, "pair_weight": total_w, "fairness": fairness,
             "meetings": len(sched["meetings"]),
             "interpreted_meetings": sum(1 for mt in sched["meetings"] if "interpreter" in mt)}
    return total_w + fairness, stats, errors


def solve(inst, cbc, seconds):
    with tempfile.TemporaryDirectory() as tmp:
        lp = os.path.join(tmp, "model.lp")
        sol = os.path.join(tmp, "model.sol")
        write_lp(inst, lp)
        args = [cbc, lp, "threads", "1", "sec", str(seconds), "solve", "solution", sol]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        with open(sol, encoding="utf-8") as fh:
            status = fh.readline().strip()
            chosen = []
            for line in fh:
                hit = re.match(r"\s*\**\s*\d+\s+x(\d+)_(\d+)\s+([-0-9.eE+]+)", line)
                if hit and float(hit.group(3)) > 0.5:
                    chosen.append((int(hit.group(1)), int(hit.group(2))))
    if not status.startswith("Optimal"):
        raise SystemExit("CBC did not prove an optimum: %s" % status)
    used = {}
    meetings = []
    for n, s in sorted(chosen, key=lambda t: (t[1], t[0])):
        pair = inst["pairs"][n]
        meetings.append({"k": pair["k"], "f": pair["f"], "slot": s, "table": used.get(s, 0)})
        used[s] = used.get(s, 0) + 1
    if not assign_interpreters(Model(inst), meetings):
        raise SystemExit("the optimum's interpreters could not be assigned")
    sched = {"instance": inst["name"], "meetings": meetings}
    value, stats, errors = evaluate(inst, sched)
    if errors:
        raise SystemExit("the optimum breaks a rule: %s" % errors[0])
    sched["objective"] = stats
    sched["solver"] = "COIN-OR CBC (Debian coinor-cbc), 1 thread; status %s" % status
    return sched


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--size", choices=sorted(SIZES), required=True)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("-o", "--output", required=True)
    w = sub.add_parser("lp")
    w.add_argument("instance")
    w.add_argument("model")
    s = sub.add_parser("solve")
    s.add_argument("instance")
    s.add_argument("-o", "--output", required=True)
    s.add_argument("--cbc", default="/usr/bin/cbc")
    s.add_argument("--seconds", type=float, default=3600)
    e = sub.add_parser("eval")
    e.add_argument("instance")
    e.add_argument("schedule")
    args = ap.parse_args()
    if args.command == "generate":
        inst = add_rules(base_instance(args.size, args.seed), args.size, args.seed)
        with open(args.output, "w", encoding="utf-8") as fh:
            json.dump(inst, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
    elif args.command == "lp":
        print("binary columns", write_lp(load(args.instance), args.model))
    elif args.command == "solve":
        sched = solve(load(args.instance), args.cbc, args.seconds)
        with open(args.output, "w", encoding="utf-8") as fh:
            # One meeting a line, so a diff of two optima reads meeting by meeting.
            fh.write('{"instance": %s,\n "solver": %s,\n "objective": %s,\n "meetings": [\n' %
                     (json.dumps(sched["instance"]), json.dumps(sched["solver"]),
                      json.dumps(sched["objective"])))
            fh.write(",\n".join("  " + json.dumps(mt) for mt in sched["meetings"]))
            fh.write("\n ]}\n")
        print(json.dumps(sched["objective"]))
    else:
        value, stats, errors = evaluate(load(args.instance), load(args.schedule))
        for err in errors[:20]:
            print("ERROR", err)
        print(json.dumps(stats))
        sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
