#!/usr/bin/python3
"""make_samples.py: writes the small synthetic sample exports in examples/exports/.

    /usr/bin/python3 examples/make_samples.py     # rewrites examples/exports/

Every file copies the layout of a real export in ../shared/data/real/ (see
SOURCES.md there): the same header, quoting, number formats, line ends and
quirks, so the same sql/import/*.sql file reads the sample and the real
thing. The revenue files (a UTM click log, Shopify orders, CRM links) are
the exception: no real one was found, so they follow the columns the tools
document (see revenue_exports below and docs/attribution.md), and so is
sentiment_labels.csv: the three columns a sentiment tool's export of
labels needs. The content is invented: two brands' accounts, one English
and one French, over the four weeks from Monday 2025-03-03 to Sunday
2025-03-30, and for support five more weeks to Sunday 2025-05-04 with the
incidents the alert rules report (see APRIL below).

Deterministic: one random.Random(seed) per file and no clock, so running it
twice writes identical bytes (`git diff` after a run shows nothing). Only
the standard library is used.
"""

import csv
import datetime as dt
import io
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exports")
START = dt.datetime(2025, 3, 3, tzinfo=dt.timezone.utc)  # a Monday
DAYS = 28

# The demo's accounts, and the language each works in (the demo loads this
# mapping into the accounts table; see examples/load_samples.sql).
X_ACCOUNTS = [("kpidemo", "en"), ("kpidemo_fr", "fr")]
FB_PAGES = [("KPI Demo", "en", "880011223344556"),
            ("KPI Démo France", "fr", "880099887766554")]
SUPPORT_HANDLES = [("kpidemo_help", "en"), ("kpidemo_aide", "fr")]
ZENDESK_GROUPS = [("Support EN", "en"), ("Support FR", "fr")]


def writer(name, lineterminator, quoting=csv.QUOTE_MINIMAL):
    f = open(os.path.join(OUT, name), "w", newline="", encoding="utf-8")
    return f, csv.writer(f, lineterminator=lineterminator, quoting=quoting)


def moment(rng, day, hour_lo=7, hour_hi=22):
    """A random second of the given day (0-based from START)."""
    return START + dt.timedelta(days=day, hours=rng.randrange(hour_lo, hour_hi),
                                minutes=rng.randrange(60),
                                seconds=rng.randrange(60))


# --- X analytics: tweet_activity_metrics_<handle>_<from>_<to>_en.csv -------
# 40 columns, every field quoted, counts written as floats ("2633.0") except
# the app/dial/media columns, "-" in every promoted column, `time` as
# "2025-03-03 09:15 +0000", rows newest first, 19-digit ids.
X_HEADER = ["Tweet id", "Tweet permalink", "Tweet text", "time",
            "impressions", "engagements", "engagement rate", "retweets",
            "replies", "likes", "user profile clicks", "url clicks",
            "hashtag clicks", "detail expands", "permalink clicks",
            "app opens", "app installs", "follows", "email tweet",
            "dial phone", "media views", "media engagements"]
X_PROMOTED = ["promoted impressions", "promoted engagements",
              "promoted engagement rate", "promoted retweets",
              "promoted replies", "promoted likes",
              "promoted user profile clicks", "promoted url clicks",
              "promoted hashtag clicks", "promoted detail expands",
              "promoted permalink clicks", "promoted app opens",
              "promoted app installs", "promoted follows",
              "promoted email tweet", "promoted dial phone",
              "promoted media views", "promoted media engagements"]

X_TEXT = {
    "en": ["New this week: {n} tips for faster replies\n\nThread below",
           "Our team answered {n} questions today. Thank you!",
           "Release notes are out: https://t.co/demo{n}",
           "Poll: how do you contact support? #{n}"],
    "fr": ["Nouveau : {n} astuces pour répondre plus vite\n\nLa suite ici",
           "L'équipe a répondu à {n} questions aujourd'hui. Merci !",
           "Les notes de version sont en ligne : https://t.co/demo{n}",
           "Sondage : comment joignez-vous le support ? #{n}"],
}


def x_exports():
    for handle, lang in X_ACCOUNTS:
        rng = random.Random("x-" + handle)
        rows = []
        tweet_id = 1896000000000000000 + (0 if lang == "en" else 5 * 10**12)
        for day in range(DAYS):
            for _ in range(rng.choice([0, 1, 1, 2])):
                tweet_id += rng.randrange(10**9, 10**11)
                t = moment(rng, day)
                impressions = rng.randrange(300, 9000 if lang == "en" else 4000)
                # French posts engage a little better on a smaller audience.
                p = rng.uniform(0.01, 0.05 if lang == "en" else 0.07)
                retweets = int(impressions * p * 0.15)
                replies = int(impressions * p * 0.10)
                likes = int(impressions * p * 0.40)
                profile = int(impressions * p * 0.10)
                url = int(impressions * p * 0.15)
                hashtag = rng.randrange(0, 3)
                expands = int(impressions * p * 0.10)
                permalink = rng.randrange(0, 2)
                media_views = rng.randrange(0, 40)
                media_eng = rng.randrange(0, 1 + media_views // 4)
                eng = (retweets + replies + likes + profile + url + hashtag
                       + expands + permalink + media_eng)
                text = rng.choice(X_TEXT[lang]).format(n=rng.randrange(2, 9))
                rows.append((t, [
                    str(tweet_id),
                    f"https://twitter.com/{handle}/status/{tweet_id}",
                    text, t.strftime("%Y-%m-%d %H:%M +0000"),
                    f"{impressions:.1f}", f"{eng:.1f}", repr(eng / impressions),
                    f"{retweets:.1f}", f"{replies:.1f}", f"{likes:.1f}",
                    f"{profile:.1f}", f"{url:.1f}", f"{hashtag:.1f}",
                    f"{expands:.1f}", f"{permalink:.1f}", "0", "0", "0", "0",
                    "0", str(media_views), str(media_eng)] + ["-"] * 18))
        name = f"tweet_activity_metrics_{handle}_20250303_20250331_en.csv"
        f, w = writer(name, "\n", csv.QUOTE_ALL)
        w.writerow(X_HEADER + X_PROMOTED)
        for _, row in sorted(rows, key=lambda r: r[0], reverse=True):
            w.writerow(row)
        f.close()


# --- Hootsuite Analytics: facebook_post_performance ... .csv ---------------
# 33 columns, `Date (GMT)` as "2025-03-03 09:15:00", `Post ID` as
# pageid_postid, `Engagement Rate` = Engaged Users / Reach to 6 decimals.
FB_HEADER = ["Date (GMT)", "Facebook Page", "Post ID", "Post Permalink",
             "Post Type", "Post Message", "Tags", "Campaign", "Author",
             "Clicks", "Comments", "Engaged Fans", "Engaged Users",
             "Engagement Rate", "Impressions", "Link Clicks",
             "Organic Impressions", "Organic Reach", "Other Actions",
             "Photo Views", "Reach", "Reactions", "Reactions: Anger",
             "Reactions: Haha", "Reactions: Like", "Reactions: Love",
             "Reactions: Other", "Reactions: Sorry", "Reactions: Wow",
             "Shares", "Video Views", "Viral Impressions", "Viral Reach"]

FB_TEXT = {
    "en": "Spring update: our help centre now answers in under an hour, "
          "“even on weekends” – tell us how we did.",
    "fr": "Mise à jour de printemps : le centre d’aide répond en moins "
          "d’une heure, « même le week-end » – dites-nous ce qu’il en est.",
}


def hootsuite_export():
    rng = random.Random("hootsuite")
    rows = []
    for page, lang, page_id in FB_PAGES:
        post_id = 1200000000000000 if lang == "en" else 1300000000000000
        for day in range(0, DAYS, 2):
            post_id += rng.randrange(10**6, 10**8)
            t = moment(rng, day + rng.randrange(2))
            ptype = rng.choice(["Photo", "Photo", "Video", "Link", "Status"])
            reach = rng.randrange(400, 6000 if lang == "en" else 2500)
            organic_reach = reach - rng.randrange(0, reach // 5)
            impressions = reach + rng.randrange(reach // 10, reach)
            engaged = int(reach * rng.uniform(0.02, 0.12 if lang == "en"
                                              else 0.18))
            fans = engaged // 2
            like, love, haha = (rng.randrange(0, 1 + engaged // 3),
                                rng.randrange(0, 5), rng.randrange(0, 3))
            wow, sorry, anger = rng.randrange(0, 3), rng.randrange(0, 2), 0
            reactions = like + love + haha + wow + sorry + anger
            comments = rng.randrange(0, 1 + engaged // 8)
            shares = rng.randrange(0, 1 + engaged // 6)
            link = rng.randrange(0, 1 + engaged // (4 if ptype == "Link" else 15))
            photo = rng.randrange(0, 1 + engaged // 3) if ptype == "Photo" else 0
            video = rng.randrange(50, 900) if ptype == "Video" else 0
            clicks = link + photo + rng.randrange(0, 1 + engaged // 4)
            viral = impressions - (organic_reach + (impressions - reach))
            rows.append((t, [
                t.strftime("%Y-%m-%d %H:%M:%S"), page,
                f"{page_id}_{post_id}",
                f"https://www.facebook.com/{page_id}/posts/{post_id}/",
                ptype, FB_TEXT[lang], "", "spring" if day < 14 else "", "",
                clicks, comments, fans, engaged,
                f"{engaged / reach:.6f}", impressions, link, impressions,
                organic_reach, rng.randrange(0, 4), photo, reach, reactions,
                anger, haha, like, love, 0, sorry, wow, shares, video,
                max(viral, 0), reach - organic_reach]))
    name = ("facebook_post_performance_2025-03-03_to_2025-03-30_created_on_"
            "20250331T0600Z_facebook_post_performance.csv")
    f, w = writer(name, "\n")
    w.writerow(FB_HEADER)
    for _, row in sorted(rows, key=lambda r: r[0], reverse=True):
        w.writerow(row)
    f.close()


# --- Zendesk tickets export (as support_zendesk_plum_tickets.csv) ----------
# 23 columns, CRLF, times "2025-03-03 09:15:00" with seconds 00,
# `Solved at` = 1900-01-01 00:00:00 when not solved, `Resolution time` in
# hours, `Satisfaction Score` blank / Offered / 1..5, `-` for no tag.
ZD_HEADER = ["Id", "Requester id", "Group", "Status", "Priority", "Via",
             "Created at", "Updated at", "Assigned at",
             "Initially assigned at", "Solved at", "Resolution time",
             "Satisfaction Score", "Reopens", "Replies",
             "First reply time in minutes within business hours",
             "First resolution time in minutes",
             "First resolution time in minutes within business hours",
             "Full resolution time in minutes",
             "Full resolution time in minutes within business hours",
             "Requester wait time in minutes",
             "Requester wait time in minutes within business hours",
             "Manual Tagging of Categories [list]"]
SENTINEL = "1900-01-01 00:00:00"


def zd_time(t):
    return t.strftime("%Y-%m-%d %H:%M:00")


def business_minutes(a, b):
    """Minutes of [a, b) inside Mon-Fri 09:00-17:00 UTC, minute by minute
    over whole hours (the sample's own stand-in for Zendesk's figure)."""
    total, t = 0, a.replace(second=0)
    while t < b:
        step = min(b, (t + dt.timedelta(hours=1)).replace(minute=0))
        if t.weekday() < 5 and 9 <= t.hour < 17:
            total += (step - t).total_seconds() / 60
        t = step
    return int(round(total))


def zendesk_export():
    """Writes the tickets; returns (id, solved_at, language) of the solved
    ones, for the survey export."""
    rng = random.Random("zendesk")
    solved_tickets = []
    f, w = writer("zendesk_tickets_2025-03.csv", "\r\n")
    w.writerow(ZD_HEADER)
    ticket = 500100
    for day in range(DAYS):
        for group, lang in ZENDESK_GROUPS:
            for _ in range(rng.randrange(2, 6 if lang == "en" else 4)):
                ticket += 1
                created = moment(rng, day, 7, 20).replace(second=0)
                replies = rng.choice([0, 1, 1, 2, 2, 3, 4])
                solved = replies > 0 and rng.random() < 0.85
                status = (rng.choice(["Closed", "Closed", "Solved"]) if solved
                          else rng.choice(["Open", "Pending", "Hold", "New"]))
                first_reply = created + dt.timedelta(
                    minutes=rng.randrange(5, 600 if lang == "en" else 1500))
                solved_at = first_reply + dt.timedelta(
                    minutes=rng.randrange(30, 4000))
                assigned = created + dt.timedelta(minutes=rng.randrange(1, 60))
                updated = solved_at if solved else assigned
                score = ""
                if solved:
                    score = rng.choice(["", "", "Offered", "Offered", "5", "4",
                                        "5", "3", "2" if lang == "en" else "1"])
                full_min = int((solved_at - created).total_seconds() // 60)
                if solved:
                    solved_tickets.append((ticket, solved_at, lang))
                w.writerow([
                    ticket, 10300000000000 + rng.randrange(10**9), group,
                    status, rng.choice(["Low"] * 8 + ["Normal", "Urgent"]),
                    "Mail",
                    zd_time(created), zd_time(updated), zd_time(assigned),
                    zd_time(assigned), zd_time(solved_at) if solved else SENTINEL,
                    round(full_min / 60) if solved else "", score,
                    rng.choice([0, 0, 0, 1]) if solved else 0, replies,
                    business_minutes(created, first_reply) if replies else "",
                    full_min if solved else "",
                    business_minutes(created, solved_at) if solved else "",
                    full_min if solved else "",
                    business_minutes(created, solved_at) if solved else "",
                    full_min // 2 if solved else "",
                    business_minutes(created, solved_at) // 2 if solved else "",
                    rng.choice(["-", "-", "-", "Billing", "Login issue"])])
    f.close()
    return solved_tickets


# --- NPS survey answers, one per answered survey (sql/import/nps_survey.sql)
# Ticket ID,Score,Comment,Submitted at; blank Score when sent but not
# answered. Not a vendor's layout: the two columns any survey export has.
def nps_export(solved_tickets):
    rng = random.Random("nps")
    f, w = writer("nps_survey_2025-03.csv", "\n")
    w.writerow(["Ticket ID", "Score", "Comment", "Submitted at"])
    for ticket, solved_at, lang in solved_tickets:
        if rng.random() < 0.45:
            continue  # survey not sent
        answered = rng.random() < 0.7
        # English promoters are a little more common than French ones.
        weights = [1, 1, 1, 1, 2, 3, 4, 7, 9, 10, 9] if lang == "en" else \
            [1, 1, 1, 2, 3, 4, 6, 9, 9, 8, 6]
        score = rng.choices(range(11), weights)[0] if answered else ""
        t = solved_at + dt.timedelta(minutes=rng.randrange(30, 3000))
        w.writerow([ticket, score, rng.choice(["", "", "Quick answer",
                                               "Merci", "Took too long"])
                    if answered else "", t.strftime("%Y-%m-%d %H:%M:%S")])
    f.close()


# --- Twitter customer support threads (TWCS layout, CRLF like sample.csv) --
# tweet_id,author_id,inbound,created_at,text,response_tweet_id,
# in_response_to_tweet_id; created_at "Mon Mar 03 09:15:02 +0000 2025";
# response_tweet_id a comma-separated list; rows not in time order.
def twcs_export():
    rng = random.Random("twcs")
    tweets = []  # dicts in creation order
    next_id = [700000]
    customer = [4100]

    def new_tweet(author, inbound, t, text, parent):
        next_id[0] += rng.randrange(1, 4)
        tw = {"tweet_id": next_id[0], "author_id": author,
              "inbound": "True" if inbound else "False", "t": t, "text": text,
              "responses": [], "parent": parent}
        if parent is not None:
            parent["responses"].append(tw)
        tweets.append(tw)
        return tw

    asks = {"en": ["my order has not arrived, can you help?",
                   "the app logs me out every time, any fix?",
                   "how do I change my plan?"],
            "fr": ["ma commande n'est pas arrivée, pouvez-vous m'aider ?",
                   "l'appli me déconnecte sans arrêt, une solution ?",
                   "comment changer d'offre ?"]}
    answers = {"en": "Sorry about that! Please DM us your order number. ^AM",
               "fr": "Désolés ! Envoyez-nous votre numéro en DM. ^CL"}
    for day in range(DAYS):
        for handle, lang in SUPPORT_HANDLES:
            for _ in range(rng.randrange(2, 7 if lang == "en" else 5)):
                customer[0] += 1
                who = str(customer[0])
                t = moment(rng, day, 0, 24)
                ask = new_tweet(who, True, t, f"@{handle} "
                                + rng.choice(asks[lang]), None)
                if rng.random() < (0.12 if lang == "en" else 0.2):
                    continue  # never answered
                # French replies take longer; a few take most of a day.
                slow = rng.random() < 0.1
                delay = rng.randrange(3600, 30000) if slow else \
                    rng.randrange(60, 3000 if lang == "en" else 6000)
                reply = new_tweet(handle, False, t + dt.timedelta(seconds=delay),
                                  f"@{who} " + answers[lang], ask)
                if rng.random() < 0.3:
                    # A second agent answers the same tweet a bit later: the
                    # first response is still the earliest.
                    new_tweet(handle, False,
                              reply["t"] + dt.timedelta(seconds=rng.randrange(
                                  30, 900)), f"@{who} Following up here.", ask)
                if rng.random() < 0.4:
                    back = new_tweet(who, True, reply["t"] + dt.timedelta(
                        seconds=rng.randrange(60, 7200)),
                        f"@{handle} thanks, done", reply)
                    if rng.random() < 0.7:
                        new_tweet(handle, False, back["t"] + dt.timedelta(
                            seconds=rng.randrange(60, 2400)),
                            f"@{who} Glad we could help!", back)
    rows = []
    for tw in tweets:
        rows.append([tw["tweet_id"], tw["author_id"], tw["inbound"],
                     tw["t"].strftime("%a %b %d %H:%M:%S +0000 %Y"), tw["text"],
                     ",".join(str(r["tweet_id"]) for r in tw["responses"]),
                     tw["parent"]["tweet_id"] if tw["parent"] else ""])
    rng.shuffle(rows)  # TWCS rows are not in time order
    f, w = writer("twcs_sample.csv", "\r\n")
    w.writerow(["tweet_id", "author_id", "inbound", "created_at", "text",
                "response_tweet_id", "in_response_to_tweet_id"])
    w.writerows(rows)
    f.close()


# --- A/B test in the Udacity ab_data layout --------------------------------
# user_id,timestamp,group,landing_page,converted; timestamp with
# microseconds and no zone; LF.
def ab_export():
    rng = random.Random("ab")
    f, w = writer("ab_data_help_widget.csv", "\n")
    w.writerow(["user_id", "timestamp", "group", "landing_page", "converted"])
    users = rng.sample(range(600000, 950000), 2400)
    for uid in users:
        treat = rng.random() < 0.5
        t = START + dt.timedelta(seconds=rng.randrange(DAYS * 86400),
                                 microseconds=rng.randrange(10**6))
        p = 0.145 if treat else 0.10
        w.writerow([uid, t.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    "treatment" if treat else "control",
                    "new_page" if treat else "old_page",
                    int(rng.random() < p)])
    f.close()


# --- Revenue: a UTM click log, a Shopify orders export, CRM links ----------
# No real export of these was found, so the layouts follow what the tools
# document. The click log is what a site's tag or server log writes for
# every landing with UTM parameters; the orders file is Shopify's orders
# export (Orders > Export > CSV): its 79 columns, one row per line item
# with the order's own columns on its first row only, money as "54.00",
# times in the store's zone with an offset ("2025-03-05 14:03:22 -0500";
# the demo store is in Toronto, so the offset moves to -0400 on 9 March),
# and the storefront's cart attributes in Note Attributes, one
# "name: value" per line, where the store keeps the visitor's client_id.
UTM_HEADER = ["timestamp", "client_id", "utm_source", "utm_medium",
              "utm_campaign", "utm_content", "utm_term", "landing_page",
              "referrer"]
# (utm_source, utm_medium, utm_campaign, referrer), with a weight
UTM_SOURCES = [
    (("facebook", "paid_social", "spring_sale", "https://l.facebook.com/"), 5),
    (("instagram", "paid_social", "spring_sale", "https://l.instagram.com/"), 4),
    (("instagram", "social", "bio_link", "https://l.instagram.com/"), 3),
    (("google", "cpc", "brand_search", "https://www.google.com/"), 5),
    (("newsletter", "email", "newsletter_w10", ""), 3),
    (("x", "social", "support_tips", "https://t.co/"), 2),
    (("linkedin", "social", "b2b_webinar", "https://www.linkedin.com/"), 1),
]
SHOPIFY_HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
    "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping",
    "Taxes", "Total", "Discount Code", "Discount Amount", "Shipping Method",
    "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price",
    "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping",
    "Lineitem taxable", "Lineitem fulfillment status", "Billing Name",
    "Billing Street", "Billing Address1", "Billing Address2",
    "Billing Company", "Billing City", "Billing Zip", "Billing Province",
    "Billing Country", "Billing Phone", "Shipping Name", "Shipping Street",
    "Shipping Address1", "Shipping Address2", "Shipping Company",
    "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country",
    "Shipping Phone", "Notes", "Note Attributes", "Cancelled at",
    "Payment Method", "Payment Reference", "Refunded Amount", "Vendor",
    "Outstanding Balance", "Employee", "Location", "Device ID", "Id", "Tags",
    "Risk Level", "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value",
    "Tax 2 Name", "Tax 2 Value", "Tax 3 Name", "Tax 3 Value", "Tax 4 Name",
    "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number",
    "Duties", "Billing Province Name", "Shipping Province Name", "Payment ID",
    "Payment Terms Name", "Next Payment Due At", "Payment References"]
PRODUCTS = [("Support Desk Mug", "MUG-01", 18.0), ("Reply Fast Tee", "TEE-02", 32.0),
            ("Inbox Zero Notebook", "NB-03", 12.5), ("Headset Pro", "HS-04", 89.0)]
DST_2025 = dt.datetime(2025, 3, 9, 7, tzinfo=dt.timezone.utc)  # Toronto


def toronto(t):
    """Shopify's "Created at": the store's wall clock and offset."""
    off = -4 if t >= DST_2025 else -5
    return (t + dt.timedelta(hours=off)).strftime("%Y-%m-%d %H:%M:%S ") \
        + f"-0{-off}00"


def revenue_exports(solved_tickets):
    rng = random.Random("revenue")
    clicks, orders, links = [], [], []
    sources = [s for s, _ in UTM_SOURCES]
    weights = [w for _, w in UTM_SOURCES]
    for j in range(36):
        cid = f"{rng.randrange(10**9, 2 * 10**9)}.{1740000000 + j * 7919}"
        t = moment(rng, rng.randrange(DAYS - 6), 6, 23)
        n = rng.choice([1, 1, 2, 2, 3, 3, 4, 5])
        for k in range(n):
            src, med, camp, ref = rng.choices(sources, weights)[0]
            clicks.append((t, [t.strftime("%Y-%m-%dT%H:%M:%S.")
                               + f"{rng.randrange(1000):03d}Z", cid, src, med,
                               camp, rng.choice(["", "video", "carousel"])
                               if med == "paid_social" else "",
                               "support desk" if med == "cpc" else "",
                               rng.choice(["/", "/shop", "/shop/mug",
                                           "/spring"]) + f"?utm_source={src}",
                               ref]))
            t += dt.timedelta(hours=rng.randrange(1, 60))
        if rng.random() < 0.7:
            code = "SPRING15" if rng.random() < 0.25 else ""
            orders.append((t + dt.timedelta(minutes=rng.randrange(1, 600)),
                           cid, f"c{j}@example.com", code))
            if rng.random() < 0.2:  # a second order, on a later visit
                orders.append((t + dt.timedelta(days=rng.randrange(2, 9)),
                               cid, f"c{j}@example.com", ""))
    # Customers who wrote to support: some got a one-time code in the
    # reply, some are known to the CRM by client id, some bought nothing.
    for ticket, solved_at, lang in solved_tickets[::3]:
        cid = f"{rng.randrange(10**9, 2 * 10**9)}.{1741000000 + ticket}"
        code = f"DM10-{ticket}" if rng.random() < 0.6 else ""
        links.append(["zendesk", ticket, cid, code])
        if rng.random() < 0.3:
            orders.append((solved_at + dt.timedelta(hours=rng.randrange(1, 72)),
                           cid, f"t{ticket}@example.com", code))
    orders.append((START + dt.timedelta(days=20, hours=15), None,
                   "walkin@example.com", ""))  # a POS sale: no client id
    orders.append((START + dt.timedelta(days=12, hours=18), None,
                   "lost@example.com", "DM10-0"))  # a code nobody issued
    clicks.sort(key=lambda r: r[0])
    f, w = writer("utm_clicks_2025-03.csv", "\n")
    w.writerow(UTM_HEADER)
    w.writerows(r for _, r in clicks)
    f.close()

    f, w = writer("orders_export_1.csv", "\n")
    w.writerow(SHOPIFY_HEADER)
    number = 1000
    for t, cid, email, code in sorted(orders, key=lambda o: o[0]):
        number += 1
        items = [rng.choice(PRODUCTS) for _ in range(rng.choice([1, 1, 2, 3]))]
        qty = [rng.choice([1, 1, 2]) for _ in items]
        subtotal = sum(p[2] * q for p, q in zip(items, qty))
        discount = round(subtotal * (0.15 if code.startswith("SPRING") else
                                     0.10), 2) if code else 0.0
        shipping = 0.0 if subtotal >= 50 else 8.0
        taxes = round((subtotal - discount) * 0.13, 2)
        total = subtotal - discount + shipping + taxes
        status = rng.choice(["paid"] * 12 + ["refunded", "partially_refunded",
                                             "pending"])
        refunded = (total if status == "refunded" else
                    round(total / 4, 2) if status == "partially_refunded"
                    else 0.0)
        notes = (f"client_id: {cid}\nlanding_page: /shop" if cid else "")
        for i, (p, q) in enumerate(zip(items, qty)):
            row = dict.fromkeys(SHOPIFY_HEADER, "")
            row.update({"Name": f"#{number}", "Lineitem quantity": q,
                        "Lineitem name": p[0], "Lineitem price": f"{p[2]:.2f}",
                        "Lineitem sku": p[1], "Lineitem requires shipping":
                        "true", "Lineitem taxable": "true",
                        "Lineitem fulfillment status": "fulfilled",
                        "Vendor": "KPI Demo", "Lineitem discount": "0.00"})
            if i == 0:
                row.update({
                    "Email": email, "Financial Status": status,
                    "Paid at": toronto(t) if status != "pending" else "",
                    "Fulfillment Status": "fulfilled",
                    "Accepts Marketing": rng.choice(["yes", "no"]),
                    "Currency": "CAD", "Subtotal": f"{subtotal:.2f}",
                    "Shipping": f"{shipping:.2f}", "Taxes": f"{taxes:.2f}",
                    "Total": f"{total:.2f}", "Discount Code": code,
                    "Discount Amount": f"{discount:.2f}",
                    "Shipping Method": "Standard", "Created at": toronto(t),
                    "Billing Country": "CA", "Shipping Country": "CA",
                    "Note Attributes": notes,
                    "Payment Method": "Shopify Payments",
                    "Refunded Amount": f"{refunded:.2f}",
                    "Outstanding Balance": "0.00",
                    "Id": 5801000000 + number * 17,
                    "Risk Level": "Low", "Source": "pos" if cid is None
                    and not code else "web",
                    "Tax 1 Name": "HST 13%", "Tax 1 Value": f"{taxes:.2f}"})
            w.writerow([row[c] for c in SHOPIFY_HEADER])
    f.close()

    # What the inbox tool's CRM sync exports: not a vendor's layout, the
    # four columns any such link needs.
    f, w = writer("crm_conversation_links.csv", "\n")
    w.writerow(["Conversation source", "Conversation ID", "Client ID",
                "Promo code"])
    w.writerows(links)
    f.close()


# --- April: five more weeks, and what the alert rules are shown on --------
# From Monday 2025-03-31 to Sunday 2025-05-04 the team answers within the
# hour, in both languages and both channels, and then, in the last week
# (2025-04-28), the planted incidents that sql/alerts.sql reports
# (docs/alerts.md works each one out):
#   - an outage on Tuesday 29 and Wednesday 30 April: 24 more English and
#     18 more French tweets to the support handles each day (the volume of
#     both languages, so their shares of the volume hardly move), almost
#     all of them negative: a volume spike and a negative-sentiment spike
#     on x, en and fr;
#   - on Wednesday 30 April the French handle falls behind: its replies
#     take one to three hours (the French-cohort FRT breach);
#   - Support FR's satisfaction scores drop to 1 and 2 that week (CSAT).
# These go to files of their own, so that March's files stay as they were.
APRIL = 28           # day number (from START) of Monday 2025-03-31
APRIL_DAYS = 35
OUTAGE = (APRIL + 29, APRIL + 30)   # Tuesday 29 and Wednesday 30 April
FR_LATE_DAY = APRIL + 30
LAST_WEEK = APRIL + 28              # Monday 28 April


def zendesk_april():
    """Support EN and FR tickets of April, all answered within the hour."""
    rng = random.Random("zendesk-april")
    f, w = writer("zendesk_tickets_2025-04.csv", "\r\n")
    w.writerow(ZD_HEADER)
    ticket = 520100
    for day in range(APRIL, APRIL + APRIL_DAYS):
        for group, lang in ZENDESK_GROUPS:
            for _ in range(rng.choice([3, 3, 3, 4] if lang == "en"
                                      else [2, 2, 3])):
                ticket += 1
                created = moment(rng, day, 7, 20).replace(second=0)
                replies = rng.choice([1, 1, 2, 2, 3])
                first_reply = created + dt.timedelta(
                    minutes=rng.randrange(5, 50))
                solved = rng.random() < 0.9
                solved_at = first_reply + dt.timedelta(
                    minutes=rng.randrange(30, 3000))
                status = (rng.choice(["Closed", "Solved"]) if solved
                          else rng.choice(["Open", "Pending"]))
                score = ""
                if solved:
                    if lang == "fr" and day >= LAST_WEEK:
                        score = rng.choice(["1", "2", "2", "1", "Offered"])
                    else:
                        score = rng.choice(["", "Offered", "5", "4", "5",
                                            "3", "5", "2"])
                full_min = int((solved_at - created).total_seconds() // 60)
                assigned = created + dt.timedelta(minutes=rng.randrange(1, 5))
                w.writerow([
                    ticket, 10300000000000 + rng.randrange(10**9), group,
                    status, rng.choice(["Low"] * 8 + ["Normal", "Urgent"]),
                    "Mail", zd_time(created),
                    zd_time(solved_at if solved else assigned),
                    zd_time(assigned), zd_time(assigned),
                    zd_time(solved_at) if solved else SENTINEL,
                    round(full_min / 60) if solved else "", score,
                    0, replies, business_minutes(created, first_reply),
                    full_min if solved else "",
                    business_minutes(created, solved_at) if solved else "",
                    full_min if solved else "",
                    business_minutes(created, solved_at) if solved else "",
                    full_min // 2 if solved else "",
                    business_minutes(created, solved_at) // 2 if solved
                    else "", rng.choice(["-", "-", "Billing", "Login issue"])])
    f.close()


def twcs_april():
    """April's support tweets (TWCS layout, in a file of their own)."""
    rng = random.Random("twcs-april")
    rows = []
    next_id = [900000]
    customer = [9100]
    asks = {"en": ["my order has not arrived, can you help?",
                   "how do I change my plan?"],
            "fr": ["ma commande n'est pas arrivée, pouvez-vous m'aider ?",
                   "comment changer d'offre ?"]}
    down = {"en": "your app is down again, nothing loads!",
            "fr": "l'appli est en panne, rien ne charge !"}
    answers = {"en": "Sorry about that! Please DM us your order number. ^AM",
               "fr": "Désolés ! Envoyez-nous votre numéro en DM. ^CL"}

    def tweet(author, inbound, t, text, parent):
        next_id[0] += rng.randrange(1, 4)
        rows.append([next_id[0], author, "True" if inbound else "False",
                     t.strftime("%a %b %d %H:%M:%S +0000 %Y"), text, "",
                     parent if parent else ""])
        return next_id[0]

    for day in range(APRIL, APRIL + APRIL_DAYS):
        for handle, lang in SUPPORT_HANDLES:
            n = rng.randrange(4, 8) if lang == "en" else rng.randrange(3, 5)
            extra = (24 if lang == "en" else 18) if day in OUTAGE else 0
            for i in range(n + extra):
                customer[0] += 1
                who = str(customer[0])
                t = moment(rng, day, 6, 22)
                text = down[lang] if i >= n else rng.choice(asks[lang])
                ask = tweet(who, True, t, f"@{handle} {text}", None)
                late = lang == "fr" and day == FR_LATE_DAY
                delay = (rng.randrange(3700, 10800) if late
                         else rng.randrange(60, 2400))
                reply_t = t + dt.timedelta(seconds=delay)
                tweet(handle, False, reply_t, f"@{who} " + answers[lang], ask)
    # response_tweet_id lists, as TWCS has them
    replies = {}
    for r in rows:
        if r[6] != "":
            replies.setdefault(r[6], []).append(str(r[0]))
    for r in rows:
        r[5] = ",".join(replies.get(r[0], []))
    rng.shuffle(rows)
    f, w = writer("twcs_sample_2025-04.csv", "\r\n")
    w.writerow(["tweet_id", "author_id", "inbound", "created_at", "text",
                "response_tweet_id", "in_response_to_tweet_id"])
    w.writerows(rows)
    f.close()


def sentiment_export():
    """Sentiment of every customer message, as a labelling tool exports it
    (sql/import/sentiment.sql): tweets scored in -1..1 (a VADER-style
    compound score), tickets labelled in their team's language."""
    rng = random.Random("sentiment")
    out = []
    labels = {"en": ["positive", "neutral", "negative"],
              "fr": ["positif", "neutre", "négatif"]}
    lang_of = dict(ZENDESK_GROUPS)
    for name in ["zendesk_tickets_2025-03.csv", "zendesk_tickets_2025-04.csv"]:
        with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                lab = rng.choices(labels[lang_of[r["Group"]]], [5, 3, 2])[0]
                out.append(["zendesk", r["Id"], lab])
    for name in ["twcs_sample.csv", "twcs_sample_2025-04.csv"]:
        with open(os.path.join(OUT, name), newline="", encoding="utf-8") as f:
            tweets = [r for r in csv.DictReader(f) if r["inbound"] == "True"]
        for r in sorted(tweets, key=lambda r: int(r["tweet_id"])):
            if "down" in r["text"] or "panne" in r["text"]:
                score = -rng.uniform(0.4, 0.95)
            else:
                score = rng.choice([rng.uniform(0.1, 0.9),
                                    rng.uniform(0.1, 0.9),
                                    rng.uniform(-0.04, 0.04),
                                    rng.uniform(-0.8, -0.1)])
            out.append(["twcs", r["tweet_id"], f"{score:.4f}"])
    f, w = writer("sentiment_labels.csv", "\n")
    w.writerow(["Conversation source", "Conversation ID", "Sentiment"])
    w.writerows(out)
    f.close()


# --- 2026 platforms (SOURCES.md "2026 platform exports") --------------------
IG_ACCOUNTS = [("kpidemo", "en", "17841400000000011"),
               ("kpidemo_fr", "fr", "17841400000000022")]
TIKTOK_ACCOUNTS = [("kpidemo", "en"), ("kpidemo_fr", "fr")]


def bom_writer(name, quoting=csv.QUOTE_MINIMAL):
    f = open(os.path.join(OUT, name), "w", newline="", encoding="utf-8-sig")
    return f, csv.writer(f, lineterminator="\n", quoting=quoting)


# Meta Business Suite, Instagram posts: UTF-8 BOM, ",", LF; Publish time
# "MM/DD/YYYY HH:MM"; Date "Lifetime"; Views, no Impressions; multi-line
# captions; Post type "IG reel" / "IG carousel" / "IG image".
IG_HEADER = ["Post ID", "Account ID", "Account username", "Account name",
             "Description", "Duration (sec)", "Publish time", "Permalink",
             "Post type", "Data comment", "Date", "Views", "Reach", "Likes",
             "Shares", "Follows", "Comments", "Saves"]


def instagram_export():
    for n, (handle, lang, acct) in enumerate(IG_ACCOUNTS):
        rng = random.Random(1100 + n)
        f, w = bom_writer("Mar-03-2025_Mar-30-2025_%s_instagram_posts.csv" % acct)
        w.writerow(IG_HEADER)
        for i in range(6):
            t = moment(rng, rng.randrange(DAYS))
            kind = ["IG reel", "IG carousel", "IG image"][i % 3]
            views = rng.randrange(800, 9000)
            reach = views * rng.randrange(45, 80) // 100
            w.writerow([str(18060000000000000 + 1000 * n + i), acct, handle,
                        "KPI Demo" if lang == "en" else "KPI Démo",
                        ("Spring drop %d\nLink in bio" if lang == "en"
                         else "Nouveauté %d\nLien dans la bio") % (i + 1),
                        rng.randrange(8, 40) if kind == "IG reel" else 0,
                        t.strftime("%m/%d/%Y %H:%M"),
                        "https://www.instagram.com/p/KD%d%02d/" % (n, i),
                        kind, "", "Lifetime", views, reach,
                        rng.randrange(20, 300), rng.randrange(0, 20),
                        rng.randrange(0, 8), rng.randrange(0, 40),
                        rng.randrange(0, 30)])
        f.close()


# TikTok Studio, Content: UTF-8 BOM, every field quoted, no final newline;
# Time is the export day and Post time the posting day, both yearless.
# A video id's upper 32 bits are its posting time in Unix seconds.
def tiktok_export():
    for n, (handle, lang) in enumerate(TIKTOK_ACCOUNTS):
        rng = random.Random(1200 + n)
        rows = [["Time", "Video title", "Video link", "Post time",
                 "Total likes", "Total comments", "Total shares",
                 "Total views"]]
        for i in range(5):
            t = moment(rng, rng.randrange(DAYS))
            vid = (int(t.timestamp()) << 32) + rng.randrange(1 << 31)
            views = rng.randrange(500, 20000)
            rows.append(["March 31", ("#kpidemo tip %d" if lang == "en"
                                      else "#kpidemo astuce %d") % (i + 1),
                         "https://www.tiktok.com/@%s/video/%d" % (handle, vid),
                         "%s %d" % (t.strftime("%B"), t.day),
                         rng.randrange(10, views // 20), rng.randrange(0, 30),
                         rng.randrange(0, 40), views])
        text = io.StringIO()
        csv.writer(text, lineterminator="\n",
                   quoting=csv.QUOTE_ALL).writerows(rows)
        f = open(os.path.join(OUT, "Content_%s.csv" % handle), "w",
                 newline="", encoding="utf-8-sig")
        f.write(text.getvalue().rstrip("\n"))
        f.close()


# Google Ads, Campaign report: two title rows, thousands separators,
# " --" for no value, "1.16%" rates, Total rows (the account total counts
# a Smart campaign the rows do not list). The demo's one campaign carries
# the March totals load_samples.sql typed in before this import existed.
GADS_HEADER = ["Campaign status", "Campaign", "Budget", "Budget name",
               "Budget type", "Status", "Status reasons", "Campaign type",
               "Impr.", "Interactions", "Interaction rate", "Currency code",
               "Avg. cost", "Cost", "Search lost IS (budget)", "Avg. CPC",
               "Search lost IS (rank)", "Search impr. share",
               "Optimization score", "Bid strategy type", "Clicks",
               "Conv. rate", "Conversions", "Cost / conv."]


def gads_row(status, name, impr, clicks, cost, conv):
    return [status, name, "15.00", " --", "Daily", "Eligible", "", "Search",
            "{:,}".format(impr), "{:,}".format(clicks),
            "{:.2f}%".format(100 * clicks / impr), "CAD",
            "{:.2f}".format(cost / clicks), "{:.2f}".format(cost), "12.40%",
            "{:.2f}".format(cost / clicks), "31.02%", "56.58%", " --",
            "Maximize Conversions", "{:,}".format(clicks),
            "{:.2f}%".format(100 * conv / clicks), "{:,.2f}".format(conv),
            "{:.2f}".format(cost / conv)]


def google_ads_export():
    f, w = writer("Campaign report 2025-03.csv", "\n")
    w.writerow(["Campaign report"])
    w.writerow(["1 March 2025 - 31 March 2025"])
    w.writerow(GADS_HEADER)
    w.writerow(gads_row("Enabled", "brand_search", 41210, 612, 380.00, 18.0))
    w.writerow(["Total: Campaigns"] + [" --"] * 7
               + gads_row("", "", 41210, 612, 380.00, 18.0)[8:])
    w.writerow(["Total: Account"] + [""] * 7
               + gads_row("", "", 43980, 655, 401.50, 19.0)[8:])
    f.close()


# Meta Ads Manager, ad level: the currency only in header names, "-" in
# the ranking columns, empty cells, unrounded floats.
META_ADS_HEADER = [
    "Reporting starts", "Reporting ends", "Ad name", "Ad delivery",
    "Ad set name", "Bid", "Bid type", "Ad set budget", "Ad set budget type",
    "Last significant edit", "Attribution setting", "Results",
    "Result indicator", "Reach", "Impressions", "Cost per results",
    "Quality ranking", "Engagement rate ranking", "Conversion rate ranking",
    "Amount spent (CAD)", "Ends", "Total messaging contacts",
    "New messaging contacts", "Purchases", "Cost per purchase (CAD)",
    "Purchases conversion value", "Purchase ROAS (return on ad spend)",
    "Cost per new messaging contact (CAD)",
    "Messaging conversations started",
    "Cost per messaging conversation started (CAD)", "Orders created",
    "Orders shipped", "Link clicks"]


def meta_ads_export():
    # four ads of the spring_sale ad set: 520.00 CAD, 96,400 impressions
    # and 1,530 link clicks in all (load_samples.sql's March totals)
    ads = [("spring_sale_reel_a", 160.25, 30100, 470, 21),
           ("spring_sale_reel_b", 141.10, 26050, 415, 17),
           ("spring_sale_carousel", 118.40, 22300, 362, 12),
           ("spring_sale_story", 100.25, 17950, 283, 9)]
    f, w = writer("KPI-Demo-Ads-Mar-1-2025-Mar-31-2025.csv", "\n")
    w.writerow(META_ADS_HEADER)
    for name, spent, impr, clicks, results in ads:
        per = repr(spent / results)
        w.writerow(["2025-03-01", "2025-03-31", name, "inactive",
                    "spring_sale", "0", "ABSOLUTE_OCPM",
                    "Using campaign budget", "0", "0",
                    "7-day click or 1-day view", results,
                    "actions:onsite_conversion.messaging_conversation_started_7d",
                    impr * 7 // 10, impr, per, "-", "-", "-",
                    "{:.2f}".format(spent), "2025-03-31", results, results,
                    "", "", "", "", per, results, per, "", "", clicks])
    f.close()


# LinkedIn creator analytics: a workbook (LinkedIn exports no CSV) with
# the sheets of the real one that the import reads, dates as text
# "M/D/YYYY", counts as numbers; FOLLOWERS opens with the total on the
# export day, then a blank row. Written with zipfile: no Excel library.
def xlsx_cell(ref, v):
    if isinstance(v, str):
        v = v.replace("&", "&amp;").replace("<", "&lt;")
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
    return '<c r="%s"><v>%s</v></c>' % (ref, v)


def xlsx_sheet(rows):
    out = []
    for i, row in enumerate(rows, 1):
        cells = "".join(xlsx_cell("%s%d" % ("ABCDEFG"[j], i), v)
                        for j, v in enumerate(row) if v is not None)
        out.append('<row r="%d">%s</row>' % (i, cells))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>'
            % "".join(out))


def linkedin_export():
    import zipfile
    rng = random.Random(1300)
    days = [START + dt.timedelta(days=d) for d in range(DAYS)]
    mdy = ["%d/%d/%d" % (t.month, t.day, t.year) for t in days]
    engagement = [["Date", "Impressions", "Engagements"]]
    followers = [["Total followers on %s:" % mdy[-1], 2480], [None],
                 ["Date", "New followers"]]
    for d in mdy:
        impr = rng.randrange(150, 1600)
        engagement.append([d, impr, impr * rng.randrange(1, 6) // 100])
        followers.append([d, rng.randrange(0, 9)])
    sheets = [("DISCOVERY", [["Overall Performance", "3/3/2025 - 3/30/2025"]]),
              ("ENGAGEMENT", engagement), ("FOLLOWERS", followers)]
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="%s/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            % ns + "".join(
                '<Override PartName="/xl/worksheets/sheet%d.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.'
                'spreadsheetml.worksheet+xml"/>' % (i + 1)
                for i in range(len(sheets))) + "</Types>",
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="%s/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>' % (ns, ns),
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="%s/spreadsheetml/2006/main" xmlns:r="%s/'
            'officeDocument/2006/relationships"><sheets>' % (ns, ns)
            + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>'
                      % (name, i + 1, i + 1)
                      for i, (name, _) in enumerate(sheets))
            + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="%s/package/2006/relationships">' % ns
            + "".join('<Relationship Id="rId%d" Type="%s/officeDocument/'
                      '2006/relationships/worksheet" '
                      'Target="worksheets/sheet%d.xml"/>' % (i + 1, ns, i + 1)
                      for i in range(len(sheets)))
            + "</Relationships>",
    }
    for i, (_, rows) in enumerate(sheets):
        parts["xl/worksheets/sheet%d.xml" % (i + 1)] = xlsx_sheet(rows)
    path = os.path.join(OUT, "Content_2025-03-03_2025-03-30_KPIDemo.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 3, 31, 6, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    x_exports()
    hootsuite_export()
    solved = zendesk_export()
    nps_export(solved)
    revenue_exports(solved)
    twcs_export()
    ab_export()
    zendesk_april()
    twcs_april()
    sentiment_export()
    instagram_export()
    tiktok_export()
    google_ads_export()
    meta_ads_export()
    linkedin_export()
