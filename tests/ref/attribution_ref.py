#!/usr/bin/python3
"""attribution_ref.py: expected values for tests/attribution.test, computed
from the definitions of SPEC 10 with the standard library only, without
SQLite or kpi:

    /usr/bin/python3 tests/ref/attribution_ref.py

Part 1 is the hand-worked journey set of the test; part 2 recounts the
sample exports of examples/exports/ from the CSV files, with the import
rules of sql/import/{utm_clicks,orders,conversation_links}.sql written
again here.
"""
import collections
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTS = os.path.join(HERE, "..", "..", "examples", "exports")
MODELS = ["first_touch", "last_touch", "linear", "position_based",
          "time_decay"]


def secs(iso):
    return dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.timezone.utc).timestamp()


def path(conv, touches, lookback_days):
    """The touches of conv's journey at or before it, within the window,
    in (time, channel, campaign, source) order."""
    _, journey, at, _, _ = conv
    p = [t for t in touches if t[0] == journey
         and 0 <= secs(at) - secs(t[1]) <= lookback_days * 86400]
    return sorted(p, key=lambda t: (t[1], t[2], t[3], t[4]))


def credits(model, p, at, half_life_days):
    n = len(p)
    if model == "first_touch":
        return [1.0 if i == 0 else 0.0 for i in range(n)]
    if model == "last_touch":
        return [1.0 if i == n - 1 else 0.0 for i in range(n)]
    if model == "linear":
        return [1.0 / n] * n
    if model == "position_based":
        if n == 1:
            return [1.0]
        if n == 2:
            return [0.5, 0.5]
        return [0.4] + [0.2 / (n - 2)] * (n - 2) + [0.4]
    w = [2.0 ** (-(secs(at) - secs(t[1])) / (half_life_days * 86400))
         for t in p]
    return [x / sum(w) for x in w]


def attribute(convs, touches, lookback_days=30, half_life_days=7):
    """Rows (model, conversion id, channel, campaign, credit), and the
    v_attribution and v_assisted aggregates."""
    rows, agg = [], collections.defaultdict(lambda: [0.0, None])
    assist = {}
    for conv in convs:
        cid, _, at, value, cur = conv
        p = path(conv, touches, lookback_days)
        if not p:
            p = [(None, None, "(direct)", "", "")]
        for model in MODELS:
            cr = credits(model, p, at, half_life_days) if p[0][0] else [1.0]
            for t, c in zip(p, cr):
                rows.append((model, cid, t[2], t[3], c))
                a = agg[(model, t[2], t[3], cur)]
                a[0] += c
                if value is not None:
                    a[1] = (a[1] or 0.0) + c * value
        for ch in sorted({t[2] for t in p}):
            # assisted_value: 0.0 when it assisted nothing, NULL (None)
            # for value-less conversions (AT-9)
            a = assist.setdefault((ch, cur), [0, 0, 0.0 if cur else None])
            if any(t[2] == ch for t in p[:-1]):
                a[0] += 1
                if value is not None:
                    a[2] = (a[2] or 0.0) + value
            a[1] += p[-1][2] == ch
    return rows, agg, assist


def show(convs, touches, per_conversion):
    rows, agg, assist = attribute(convs, touches)
    if per_conversion:
        for r in rows:
            print("credit", *r[:4], repr(r[4]))
    for (model, ch, camp, cur), (n, v) in sorted(
            agg.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        print("attribution", model, ch, repr(camp), cur, repr(n), repr(v))
    for (ch, cur), (a, last, v) in sorted(assist.items(),
                                         key=lambda kv: str(kv[0])):
        print("assisted", ch, cur, a, last, repr(v))


# --- part 1: the hand-worked set (tests/attribution.test, section 1) -------
# (journey, touched_at, channel, campaign, source)
HAND_TOUCHES = [
    ("j1", "2025-03-01T00:00:00Z", "facebook", "", ""),
    ("j2", "2025-03-01T00:00:00Z", "google_ads", "brand", ""),
    ("j2", "2025-03-08T00:00:00Z", "email", "nl", ""),
    ("j3", "2025-01-20T00:00:00Z", "x", "", ""),
    ("j3", "2025-02-15T00:00:00Z", "instagram", "spring", ""),
    ("j3", "2025-02-22T00:00:00Z", "meta_ads", "spring", ""),
    ("j3", "2025-02-22T00:00:00Z", "email", "nl", ""),
    ("j3", "2025-02-28T00:00:00Z", "google_ads", "brand", ""),
    ("j3", "2025-03-02T00:00:00Z", "linkedin", "", ""),
    ("j4", "2025-02-28T23:59:59Z", "tiktok", "", ""),
    ("j4", "2025-03-01T00:00:00Z", "facebook", "", ""),
    ("j4", "2025-03-10T00:00:00Z", "x", "", ""),
    ("j6", "2025-03-10T00:00:00Z", "facebook", "", ""),
]
# (conversion id, journey, converted_at, value, currency)
HAND_CONVERSIONS = [
    ("c1", "j1", "2025-03-02T00:00:00Z", 100.0, "EUR"),
    ("c2", "j2", "2025-03-08T00:00:00Z", 50.0, "EUR"),
    ("c3", "j3", "2025-03-01T00:00:00Z", 200.0, "EUR"),
    ("c4a", "j4", "2025-03-05T00:00:00Z", 80.0, "EUR"),
    ("c4b", "j4", "2025-03-31T00:00:00Z", 30.0, "USD"),
    ("c5", "j5", "2025-03-03T00:00:00Z", 10.0, "EUR"),
    ("c6", "j6", "2025-03-09T00:00:00Z", 20.0, "EUR"),
    ("c7", "j6", "2025-03-11T00:00:00Z", None, None),
]


# --- part 2: the sample exports --------------------------------------------
PAID = {"cpc", "ppc", "paid", "paid_search", "paid_social", "paidsocial",
        "paid-social", "cpm", "display"}
ADS = {"google": "google_ads", "facebook": "meta_ads",
       "instagram": "meta_ads", "linkedin": "linkedin_ads",
       "tiktok": "tiktok_ads", "bing": "microsoft_ads"}
ALIAS = {"fb": "facebook", "facebook.com": "facebook",
         "m.facebook.com": "facebook", "l.facebook.com": "facebook",
         "ig": "instagram", "instagram.com": "instagram",
         "l.instagram.com": "instagram", "twitter": "x", "t.co": "x",
         "x.com": "x", "lnkd.in": "linkedin", "linkedin.com": "linkedin",
         "tiktok.com": "tiktok", "google.com": "google"}


def utc_iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sample():
    touches = set()
    with open(os.path.join(EXPORTS, "utm_clicks_2025-03.csv"),
              newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            raw = r["utm_source"].strip().lower()
            med = r["utm_medium"].strip().lower()
            src = ALIAS.get(raw, raw)
            ch = (ADS.get(src, src + "_ads") if med in PAID else
                  "email" if med in ("email", "e-mail", "newsletter") else src)
            t = dt.datetime.strptime(r["timestamp"][:19], "%Y-%m-%dT%H:%M:%S")
            touches.add((r["client_id"].strip(), t.strftime(
                "%Y-%m-%dT%H:%M:%SZ"), ch, r["utm_campaign"].strip(),
                f"utm:{raw}/{med or '(none)'}"))
    links = {}
    with open(os.path.join(EXPORTS, "crm_conversation_links.csv"),
              newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["Promo code"]:
                links[r["Promo code"].upper()] = r["Conversation source"]
    convs = []
    with open(os.path.join(EXPORTS, "orders_export_1.csv"),
              newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r["Total"] or r["Cancelled at"] or \
                    r["Financial Status"].lower() in ("voided", "refunded"):
                continue
            cid = None
            for line in r["Note Attributes"].split("\n"):
                if line.startswith("client_id:"):
                    cid = line[len("client_id:"):].strip()
            journey = cid or r["Email"].strip().lower() or r["Name"]
            at = utc_iso(dt.datetime.strptime(r["Created at"],
                                              "%Y-%m-%d %H:%M:%S %z"))
            value = float(r["Total"]) - float(r["Refunded Amount"] or 0)
            convs.append((r["Name"], journey, at, value, r["Currency"]))
            code = r["Discount Code"].strip()
            if code:
                # every sample ticket is a zendesk e-mail (Via Mail)
                issued = code.upper() in links
                touches.add((journey, at, "support_email" if issued
                             else "promo_code", "" if issued else code,
                             "promo:" + code))
    return convs, sorted(touches)


if __name__ == "__main__":
    print("# part 1: hand-worked set")
    show(HAND_CONVERSIONS, HAND_TOUCHES, True)
    print("# part 2: examples/exports")
    convs, touches = sample()
    print("sample", len(convs), "conversions", len(touches), "touches",
          "value", repr(round(sum(c[3] for c in convs), 2)))
    show(convs, touches, False)
