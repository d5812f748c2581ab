#!/usr/bin/env python3
"""chromium_bench.py — the usual alternative to Lotsen, measured the way lotsen-bench measures the kiosk.

Renders a catalogue (Lotsen's JSON format) as one static HTML page — the activity list a Chromium kiosk
would show: title, association, town, first line of the description, next time — starts Debian's
headless Chromium on it, and measures
  * chromium_first_paint_ms: from just before the process is started to the page's first contentful
    paint (performance.timeOrigin + the paint entry's startTime, read over the DevTools protocol),
    the counterpart of lotsen's start to first frame;
  * chromium_pss_mib: the summed Pss (/proc/PID/smaps_rollup) of every Chromium process, 3 s after
    that paint, the counterpart of lotsen's PSS.
Prints one JSON object on stdout. The DevTools protocol runs over --remote-debugging-pipe (file
descriptors 3 and 4, NUL-separated JSON), so nothing beyond the Python standard library is needed.

With --display, Chromium runs in a window on that X display instead (the GL path, lotsen-bench's
gl_memory) and the GL renderer it used is reported as chromium_gl_renderer.

Usage: chromium_bench.py --catalogue FILE [--size WxH] [--chromium PATH] [--display :N]
"""

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

LANGUAGE_ORDER = ["sv", "en"]


def text_of(localized):
    """A localized text in Swedish, else English, else any language (Lotsen's own fallback)."""
    if not isinstance(localized, dict) or not localized:
        return ""
    for language in LANGUAGE_ORDER:
        if localized.get(language):
            return localized[language]
    return next(iter(localized.values()))


def render_page(catalogue, width):
    organisations = {o["id"]: text_of(o.get("name")) for o in catalogue.get("organisations", [])}
    cards = []
    for activity in catalogue.get("activities", []):
        description = text_of(activity.get("description")).split("\n")[0][:160]
        weekly = activity.get("schedule", {}).get("weekly", [])
        when = ""
        if weekly:
            rule = weekly[0]
            when = "{} {}–{}".format(["mån", "tis", "ons", "tor", "fre", "lör", "sön"][rule.get("weekday", 1) - 1],
                                    rule.get("start", ""), rule.get("end", ""))
        place = activity.get("place", {})
        cards.append(
            '<li class="card"><h2>{}</h2><p class="org">{}</p><p class="meta">{} · {}</p><p>{}</p></li>'.format(
                html.escape(text_of(activity.get("title"))), html.escape(organisations.get(activity.get("organisation_id"), "")),
                html.escape(place.get("town", "")), html.escape(when), html.escape(description)))
    return """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Lotsen</title>
<meta name="viewport" content="width={width}">
<style>
body {{ margin: 0; font-family: 'Noto Sans', sans-serif; background: #f5f2ec; color: #1d1d1b; }}
header {{ background: #0b5d6b; color: white; padding: 16px 24px; font-size: 22px; font-weight: bold; }}
ul {{ list-style: none; margin: 0; padding: 12px 24px; }}
.card {{ background: white; border-radius: 10px; margin: 0 0 12px; padding: 12px 16px; box-shadow: 0 1px 2px #0002; }}
.card h2 {{ margin: 0 0 4px; font-size: 20px; }}
.card p {{ margin: 2px 0; font-size: 15px; }}
.org {{ color: #0b5d6b; }} .meta {{ color: #555; }}
</style></head>
<body><header>Vad händer i dag</header><ul>
{cards}
</ul></body></html>
""".format(width=width, cards="\n".join(cards))


class DevTools:
    """The DevTools protocol over Chromium's --remote-debugging-pipe."""

    def __init__(self, to_chromium, from_chromium):
        self.out = to_chromium
        self.inp = from_chromium
        self.next_id = 0
        self.buffer = b""

    def call(self, method, params=None, session=None, timeout=60.0):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.inp, 1 << 16)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("{}: {}".format(method, reply["error"]))
                return reply.get("result", {})
        raise RuntimeError("{}: no answer within {} s".format(method, timeout))


def process_tree(root):
    """root and all its descendants, from /proc/*/stat parent links."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/{}/stat".format(name)) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(name))
        except (OSError, IndexError):
            continue
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def pss_kib(pid):
    try:
        with open("/proc/{}/smaps_rollup".format(pid)) as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--catalogue", required=True)
    parser.add_argument("--size", default="800x480")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--display", help="an X display: Chromium in a window there (GPU as it decides), not headless")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    with open(args.catalogue, encoding="utf-8") as f:
        catalogue = json.load(f)
    work = tempfile.mkdtemp(prefix="lotsen-chromium-")
    try:
        page = os.path.join(work, "list.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(render_page(catalogue, width))
        to_chromium_r, to_chromium_w = os.pipe()
        from_chromium_r, from_chromium_w = os.pipe()
        command = [args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--user-data-dir=" + os.path.join(work, "profile"), "--remote-debugging-pipe",
                   "--window-size={},{}".format(width, height), "file://" + page]
        environment = dict(os.environ)
        if args.display:
            # A kiosk's Chromium: a window on the display, drawing with whatever GPU path it picks there.
            command = [args.chromium, "--kiosk", "--ozone-platform=x11", "--no-sandbox", "--no-first-run",
                       "--user-data-dir=" + os.path.join(work, "profile"), "--remote-debugging-pipe",
                       "--window-position=0,0", "--window-size={},{}".format(width, height), "file://" + page]
            environment["DISPLAY"] = args.display

        def give_pipes():
            os.dup2(to_chromium_r, 3)
            os.dup2(from_chromium_w, 4)

        started_ms = time.time() * 1000.0
        chromium = subprocess.Popen(command, pass_fds=(3, 4), preexec_fn=give_pipes, env=environment,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium_r)
        os.close(from_chromium_w)
        try:
            devtools = DevTools(to_chromium_w, from_chromium_r)
            session = None
            deadline = time.monotonic() + 60
            while session is None and time.monotonic() < deadline:
                targets = devtools.call("Target.getTargets")["targetInfos"]
                pages = [t for t in targets if t["type"] == "page" and t["url"].startswith("file://")]
                if pages:
                    session = devtools.call("Target.attachToTarget",
                                            {"targetId": pages[0]["targetId"], "flatten": True})["sessionId"]
                else:
                    time.sleep(0.02)
            if session is None:
                raise RuntimeError("Chromium opened no page")
            script = """new Promise(resolve => {
                const done = e => resolve(performance.timeOrigin + e.startTime);
                const seen = performance.getEntriesByName('first-contentful-paint');
                if (seen.length) { done(seen[0]); return; }
                new PerformanceObserver(list => { for (const e of list.getEntries())
                    if (e.name === 'first-contentful-paint') done(e); }).observe({type: 'paint', buffered: true});
            })"""
            painted_ms = None
            for _ in range(100):
                # The page may still be committing its navigation when we attach; its first context
                # then goes away under the evaluation, and the next one is asked.
                try:
                    result = devtools.call("Runtime.evaluate",
                                           {"expression": script, "awaitPromise": True, "returnByValue": True}, session)
                    painted_ms = result["result"]["value"]
                    break
                except RuntimeError as error:
                    if "context was destroyed" not in str(error) and "Cannot find context" not in str(error):
                        raise
                    time.sleep(0.02)
            if painted_ms is None:
                raise RuntimeError("the page never reported its first contentful paint")
            time.sleep(3)
            pids = process_tree(chromium.pid)
            pss = sum(pss_kib(pid) for pid in pids)
            activities = len(catalogue.get("activities", []))
            figures = {"chromium_activities": activities, "chromium_processes": len(pids),
                       "chromium_first_paint_ms": round(painted_ms - started_ms, 1),
                       "chromium_pss_mib": round(pss / 1024.0, 1)}
            if args.display:
                # Which GL Chromium drew with (it may refuse a software GL and composite on the CPU).
                try:
                    gpu = devtools.call("SystemInfo.getInfo", timeout=10).get("gpu", {})
                    aux = gpu.get("auxAttributes", {})
                    status = gpu.get("featureStatus", {})
                    figures["chromium_gl_renderer"] = "{} (gpu_compositing: {})".format(
                        aux.get("glRenderer", "?"), status.get("gpu_compositing", "?"))
                except RuntimeError as error:
                    figures["chromium_gl_renderer"] = "unknown: {}".format(error)
            print(json.dumps(figures))
            try:
                devtools.call("Browser.close", timeout=5)
            except RuntimeError:
                pass
        finally:
            try:
                chromium.wait(timeout=10)
            except subprocess.TimeoutExpired:
                chromium.kill()
                chromium.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
