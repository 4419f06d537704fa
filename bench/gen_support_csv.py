#!/usr/bin/python3
"""gen_support_csv.py ROWS OUT: a deterministic support-ticket export.

Columns: ticket_id,created_at,channel,priority,status,agent,
first_response_min,resolution_min,csat,message. About 200 bytes a row; the
message is always quoted and holds commas, doubled quotes and (one row in
eight) newlines, as helpdesk exports do. A 64-bit LCG drives every choice,
so the same ROWS give the same bytes on any Python 3.
"""
import sys

rows = int(sys.argv[1])
out = sys.argv[2]

state = 0x2545F4914F6CDD1D


def rnd(n):
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
    return (state >> 33) % n


channels = ["email", "chat", "twitter", "facebook", "phone", "web"]
priorities = ["low", "normal", "high", "urgent"]
statuses = ["solved", "closed", "open", "pending", "hold"]
agents = ["agent_%02d" % i for i in range(40)]
words = ("the order my account refund still not working please help "
         "thanks delivery late again, card charged twice, app crashes "
         "when I open it, password reset email never arrived, "
         "\"premium\" plan, cancel subscription, tracking number "
         "broken, love the product but, waited 3 days, any update?").split(" ")

with open(out, "w", newline="") as f:
    f.write("ticket_id,created_at,channel,priority,status,agent,"
            "first_response_min,resolution_min,csat,message\n")
    buf = []
    for i in range(rows):
        day = 1 + rnd(28)
        created = "2025-%02d-%02d %02d:%02d:%02d" % (
            1 + rnd(12), day, rnd(24), rnd(60), rnd(60))
        n = 14 + rnd(16)
        msg = " ".join(words[rnd(len(words))] for _ in range(n))
        if rnd(8) == 0:
            msg = msg + "\n-- sent from my phone"
        msg = msg.replace('"', '""')
        csat = str(1 + rnd(5)) if rnd(3) == 0 else ""
        buf.append('%d,%s,%s,%s,%s,%s,%d,%d,%s,"%s"\n' % (
            1000000 + i, created, channels[rnd(6)], priorities[rnd(4)],
            statuses[rnd(5)], agents[rnd(40)], rnd(600), 30 + rnd(5000),
            csat, msg))
        if len(buf) >= 10000:
            f.write("".join(buf))
            buf = []
    f.write("".join(buf))
