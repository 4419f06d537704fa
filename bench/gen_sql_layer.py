#!/usr/bin/python3
"""gen_sql_layer.py KIND N OUT: writes a large export in a real layout for
bench/bench_sql_layer.sh (deterministic, standard library only; the output
goes under build/ and is never committed).

  twcs     N tweets in the TWCS layout (customer tweets and company replies)
  zendesk  N tickets in the Zendesk tickets layout of
           ../shared/data/real/support_zendesk_plum_tickets.csv; as there,
           ticket ids follow creation time (Zendesk numbers tickets as they
           are created: in the Plum export, id order and Created at order
           are the same over all 16,476 tickets) and the rows are not in id
           order (they are shuffled here)
"""
import csv
import datetime as dt
import os
import random
import sys

# The Zendesk header is the one the sample exports use (one definition).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "examples"))
from make_samples import ZD_HEADER  # noqa: E402

kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(kind)
start = dt.datetime(2025, 1, 6)
brands = ["brand%d" % i for i in range(20)]

with open(out, "w", newline="", encoding="utf-8") as f:
    if kind == "twcs":
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["tweet_id", "author_id", "inbound", "created_at", "text",
                    "response_tweet_id", "in_response_to_tweet_id"])
        i = 0
        while i < n:
            i += 1
            ask = i
            t = start + dt.timedelta(seconds=rng.randrange(90 * 86400))
            brand = rng.choice(brands)
            answered = rng.random() < 0.7 and i < n
            w.writerow([ask, 100000 + i, "True",
                        t.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                        "@%s my order, again, \"late\"" % brand,
                        str(ask + 1) if answered else "", ""])
            if answered:
                i += 1
                r = t + dt.timedelta(seconds=rng.randrange(30, 20000))
                w.writerow([i, brand, "False",
                            r.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                            "@%d sorry, please DM us" % (100000 + ask), "", ask])
    elif kind == "zendesk":
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(ZD_HEADER)
        created = sorted(rng.randrange(90 * 1440) for _ in range(n))
        order = list(range(n))
        rng.shuffle(order)
        for i in order:
            c = start + dt.timedelta(minutes=created[i])
            solved = rng.random() < 0.87
            s = c + dt.timedelta(minutes=rng.randrange(10, 20000))
            mins = int((s - c).total_seconds() // 60)
            w.writerow([300000 + i, 10300000000000 + rng.randrange(10**9),
                        rng.choice(["Support", "Endorsements", "Claims"]),
                        "Closed" if solved else rng.choice(["Open", "Hold"]),
                        "Low", "Mail", c.strftime("%Y-%m-%d %H:%M:00"),
                        s.strftime("%Y-%m-%d %H:%M:00"),
                        c.strftime("%Y-%m-%d %H:%M:00"),
                        c.strftime("%Y-%m-%d %H:%M:00"),
                        s.strftime("%Y-%m-%d %H:%M:00") if solved
                        else "1900-01-01 00:00:00",
                        round(mins / 60) if solved else "",
                        rng.choice(["", "", "Offered", "5", "4", "2"]),
                        0, rng.randrange(0, 5), rng.randrange(1, 900),
                        mins, mins // 2, mins, mins // 2, mins // 3, mins // 6,
                        "-"])
    else:
        sys.exit("gen_sql_layer.py: unknown kind " + kind)
