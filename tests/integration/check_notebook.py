"""check_notebook.py NOTEBOOK [--save TAG=PNG ...]: checks that an executed
notebook (jupyter nbconvert --execute) ran and drew its charts.

- every code cell ran (has an execution count) and none has an error output;
- each cell tagged chart-* (cell metadata "tags") has an image/png output
  that is a real PNG (its signature) of a plausible size;
- --save TAG=PNG writes that cell's chart to PNG (make notebook uses it for
  docs/img/frt_by_language.png).

Prints one line per finding; exits 1 on the first failure.
"""

import base64
import json
import struct
import sys

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fail(msg):
    print("check_notebook: " + msg)
    sys.exit(1)


def png_size(data):
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def main(argv):
    if not argv:
        fail("usage: check_notebook.py NOTEBOOK [--save TAG=PNG ...]")
    path, rest = argv[0], argv[1:]
    saves = {}
    while rest:
        if rest[0] != "--save" or len(rest) < 2 or "=" not in rest[1]:
            fail("bad arguments: " + " ".join(rest))
        tag, out = rest[1].split("=", 1)
        saves[tag] = out
        rest = rest[2:]
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    charts = {}
    ncode = 0
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        ncode += 1
        if cell.get("execution_count") is None:
            fail("cell %d did not run" % i)
        for out in cell.get("outputs", []):
            if out["output_type"] == "error":
                fail("cell %d raised %s: %s" % (i, out["ename"], out["evalue"]))
        for tag in cell.get("metadata", {}).get("tags", []):
            if not tag.startswith("chart-"):
                continue
            pngs = [o["data"]["image/png"] for o in cell.get("outputs", [])
                    if "image/png" in o.get("data", {})]
            if len(pngs) != 1:
                fail("cell %d (%s) has %d image/png outputs, not 1"
                     % (i, tag, len(pngs)))
            data = base64.b64decode(pngs[0])
            size = png_size(data)
            if size is None or size[0] < 300 or size[1] < 150:
                fail("cell %d (%s): not a chart-sized PNG: %r" % (i, tag, size))
            charts[tag] = data
            print("chart %s: %dx%d PNG, %d bytes" % (tag, size[0], size[1],
                                                     len(data)))
    if ncode == 0 or len(charts) < 2:
        fail("%d code cells, %d charts: expected at least 2 charts"
             % (ncode, len(charts)))
    for tag, out in saves.items():
        if tag not in charts:
            fail("no chart tagged " + tag)
        with open(out, "wb") as f:
            f.write(charts[tag])
        print("saved %s to %s" % (tag, out))
    print("notebook ok: %d code cells ran, %d charts" % (ncode, len(charts)))


if __name__ == "__main__":
    main(sys.argv[1:])
