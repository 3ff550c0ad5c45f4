#!/usr/bin/env python3
"""Renders the dashboard of the fixture ledger and config with the real
`odometer render` (the page users get), opens it in headless Chromium and
checks what a reader would meet: the page loads with no console error and
no uncaught exception, requests nothing but itself, holds no <script>
element (the hostile referrer and path are shown as text), does not scroll
sideways on a phone, and follows the dark color scheme. Then the example's
dashboard (examples/odometer.toml collected offline from
examples/recording, rendered by `odometer render`): its screenshots at
1280x900, 390x844 and 390x844 dark are kept and must not be blank. Both
pages are checked by axe-core (the npm package, from tests/oracles) in both
color schemes: no violation of impact "serious" or "critical".

It drives Chromium through the DevTools protocol over a pipe
(--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4), so it
needs nothing but Python's standard library and Debian's `chromium`.
Chromium missing is a failure with a clear message: CI installs it.

Usage: check_dashboard.py --fixture-writer PATH/write_dashboard_fixture
                          --odometer PATH/odometer --examples DIR --axe PATH/axe.min.js
                          --out DIR
(ODOMETER_CHROMIUM names another browser binary.)
"""

import argparse
import base64
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

TIMEOUT_SECONDS = 60
RENDER_NOW = "2026-04-30T12:05:00Z"
# Shortly after the example's recording was made (its recording.json).
EXAMPLE_NOW = "2026-12-01T22:00:00Z"
# axe-core's impacts that fail the page.
FAILING_IMPACTS = ("serious", "critical")


class Browser:
    """A headless Chromium and one page session, spoken to over the pipe."""

    def __init__(self, binary, profile):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes():
            # The browser reads commands on fd 3 and writes replies on fd 4.
            read_end = os.dup(to_browser_read)
            write_end = os.dup(from_browser_write)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        args = [
            binary, "--headless", "--no-sandbox", "--disable-gpu",
            "--remote-debugging-pipe", "--user-data-dir=" + profile,
            "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-extensions",
            "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "about:blank",
        ]
        self._process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(profile, "chromium.log"), "wb"),
            preexec_fn=wire_pipes, close_fds=False)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:  # the browser may be gone already
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no answer from Chromium within %ds" % TIMEOUT_SECONDS)
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                try:
                    code = self._process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    code = "none yet"
                raise RuntimeError("Chromium closed the DevTools pipe (exit code %s)" % code)
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError("%s failed: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method, since=0):
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while True:
            for event in self.events[since:]:
                if event["method"] == method:
                    return event
            since = len(self.events)
            self.events.append(self._read_message(deadline))

    def drain(self, seconds):
        """Collects the events that arrive within seconds."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read_message(deadline))
        except TimeoutError:
            pass

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError("evaluating %s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")


def png_pixels(data):
    """Decodes an 8-bit RGB or RGBA, non-interlaced PNG: (width, height,
    channels, rows of bytes)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    position = 8
    idat = b""
    width = height = channels = None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace != 0:
                raise ValueError("unsupported PNG: depth %d color %d interlace %d"
                                 % (depth, color, interlace))
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                row[i] = (row[i] + predictor) & 0xFF
        elif kind != 0:
            raise ValueError("bad PNG filter %d" % kind)
        rows.append(row)
        previous = row
    return width, height, channels, rows


def luminance_stats(png):
    """(width, height, variance of luminance, share of pixels unlike the
    most common one)."""
    width, height, channels, rows = png_pixels(png)
    total = total_squares = 0
    histogram = {}
    for row in rows:
        for x in range(0, width * channels, channels):
            value = (299 * row[x] + 587 * row[x + 1] + 114 * row[x + 2]) // 1000
            total += value
            total_squares += value * value
            histogram[value] = histogram.get(value, 0) + 1
    count = width * height
    mean = total / count
    variance = total_squares / count - mean * mean
    background = max(histogram.values())
    return width, height, variance, 1 - background / count


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print("ok: " + what)
        else:
            self.failed += 1
            print("FAILED: " + what + (": " + detail if detail else ""))


def console_problems(events, page_url):
    problems = []
    requests = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console.%s: %s" % (params["type"], params.get("args")))
        elif method == "Runtime.exceptionThrown":
            problems.append("exception: %s" % params.get("exceptionDetails"))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            problems.append("%s: %s %s" % (entry.get("source"), entry.get("text"), entry.get("url", "")))
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != page_url:
                requests.append(url)
        elif method == "Network.loadingFailed" and params.get("blockedReason"):
            requests.append("blocked: %s" % params.get("blockedReason"))
    return problems, requests


PAGE_FACTS = r"""(() => {
  const texts = [...document.querySelectorAll('td')].map(td => td.textContent);
  const handlers = [...document.querySelectorAll('*')].flatMap(
      element => [...element.attributes].map(a => a.name).filter(n => n.startsWith('on')));
  return {
    scripts: document.querySelectorAll('script').length,
    foreign: document.querySelectorAll('iframe,object,embed,img,link,base,form,input').length,
    handlers: handlers,
    hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href')),
    hostileReferrer: texts.includes('<script>alert(1)</script>'),
    hostilePath: texts.includes('/runcycles/docs/a"&\'<>b'),
    hostileReason: texts.some(t => t.includes('<html><script>x()</script></html>')),
    charts: document.querySelectorAll('svg.chart').length,
    tables: document.querySelectorAll('table').length,
    title: document.title,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    background: getComputedStyle(document.body).backgroundColor,
  };
})()"""

# Per chart: its dates under the x axis, how many days it plots (hover
# targets with a <title>) and how many rows its text alternative has.
CHART_FACTS = r"""(() => [...document.querySelectorAll('figure')].map(figure => {
  const svg = figure.querySelector('svg.chart');
  const dated = [...svg.querySelectorAll('g.days rect > title')].map(t => t.textContent);
  return {
    name: svg.getAttribute('aria-label'),
    ticks: [...svg.querySelectorAll('text[text-anchor="middle"]')].map(t => t.textContent),
    titled: dated.length,
    rows: figure.querySelectorAll('details.values tbody tr').length,
    wellFormed: dated.every(t => /^\d{4}-\d{2}-\d{2}: [\d,]+( \([\d,]+ [a-z ,]+\))?$/.test(t)),
    marks: [...svg.querySelectorAll('g.mark > title')].map(t => t.textContent),
    notes: [...figure.querySelectorAll('ol.marks li')].map(li => li.textContent),
    besideTitled: dated.filter(t => / \(\d[\d,]* unique /.test(t)).length,
  };
}))()"""

# Every table cell a reader can see without opening a <details> that is cut
# off: outside the viewport, of no size, or in a box that scrolls sideways.
HIDDEN_CELLS = r"""(() => {
  const hidden = [];
  for (const td of document.querySelectorAll('td')) {
    if (td.closest('details:not([open])')) continue;
    const r = td.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.left < 0 || r.right > window.innerWidth + 0.5) {
      hidden.push(td.textContent.slice(0, 40));
    }
  }
  for (const box of document.querySelectorAll('.scroll')) {
    if (box.scrollWidth > box.clientWidth + 1) {
      hidden.push('a table scrolls sideways under ' +
                  box.closest('section').querySelector('h2,h3').textContent);
    }
  }
  return hidden;
})()"""

SETTLED = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def screenshot(browser, checks, out_dir, name, width, height, mobile):
    browser.send("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    browser.evaluate(SETTLED)
    facts = browser.evaluate(PAGE_FACTS)
    checks.check(facts["innerWidth"] == width, "%s: the layout viewport is %dpx wide" % (name, width),
                 "%dpx" % facts["innerWidth"])
    checks.check(facts["scrollWidth"] <= facts["innerWidth"],
                 "%s: the page does not scroll sideways" % name,
                 "scrollWidth %d > %d" % (facts["scrollWidth"], facts["innerWidth"]))
    hidden = browser.evaluate(HIDDEN_CELLS)
    checks.check(not hidden, "%s: every table cell is in view" % name,
                 "%d cut off: %s" % (len(hidden), "; ".join(hidden[:8])))
    shot = base64.b64decode(browser.send("Page.captureScreenshot", {"format": "png"})["data"])
    path = os.path.join(out_dir, "dashboard-%s.png" % name)
    with open(path, "wb") as file:
        file.write(shot)
    shot_width, shot_height, variance, varied = luminance_stats(shot)
    checks.check((shot_width, shot_height) == (width, height),
                 "%s: screenshot is %dx%d" % (name, width, height),
                 "got %dx%d" % (shot_width, shot_height))
    checks.check(variance > 100 and varied > 0.03,
                 "%s: screenshot %s is not blank" % (name, path),
                 "luminance variance %.1f, %.1f%% of pixels unlike the background"
                 % (variance, 100 * varied))
    return facts


def axe_violations(browser, axe_source):
    """The violations of impact serious or critical that axe-core finds in
    the page as it is now: a list of "rule (impact): target, ..." lines."""
    browser.evaluate(axe_source + "\n;true")
    result = browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({"
        "id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(' '))})))")
    return ["%s (%s): %s" % (v["id"], v["impact"], ", ".join(v["targets"][:5]))
            for v in result if v["impact"] in FAILING_IMPACTS]


def open_page(browser, url, width, height, mobile):
    browser.send("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "light"}]})
    browser.send("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    since = len(browser.events)
    browser.send("Page.navigate", {"url": url})
    browser.wait_for("Page.loadEventFired", since)
    browser.drain(0.5)


def check_accessibility(browser, checks, axe_source, name, url):
    """axe-core over the page in the light and the dark scheme (reloaded
    first, so that axe's own script is gone from the page checked next)."""
    for scheme in ("light", "dark"):
        open_page(browser, url, 1280, 900, False)
        browser.send("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        browser.evaluate(SETTLED)
        violations = axe_violations(browser, axe_source)
        checks.check(not violations,
                     "%s, %s scheme: axe-core finds no serious or critical violation"
                     % (name, scheme), "; ".join(violations))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixture-writer", required=True,
                        help="the write_dashboard_fixture program")
    parser.add_argument("--odometer", required=True, help="the odometer binary that renders")
    parser.add_argument("--examples", required=True,
                        help="the examples folder (odometer.toml and recording/)")
    parser.add_argument("--axe", required=True, help="axe-core's axe.min.js")
    parser.add_argument("--out", required=True, help="folder for the pages and screenshots")
    parser.add_argument("--page", help="check this HTML file instead of the fixture's (to try "
                        "the checks on a broken page)")
    options = parser.parse_args()

    names = [os.environ["ODOMETER_CHROMIUM"]] if os.environ.get("ODOMETER_CHROMIUM") else [
        "chromium", "chromium-browser", "google-chrome"]
    binary = next((found for found in map(shutil.which, names) if found), None)
    if not binary:
        print("FAILED: Chromium is not installed; the dashboard cannot be checked in a browser. "
              "Install Debian's `chromium` (scripts/setup.sh does) or set ODOMETER_CHROMIUM "
              "(looked for: %s)." % ", ".join(names))
        return 1
    if not os.path.isfile(options.axe):
        print("FAILED: axe-core is not installed at %s; `npm ci` in tests/oracles installs it "
              "(scripts/test.sh does)." % options.axe)
        return 1
    with open(options.axe, encoding="utf-8") as file:
        axe_source = file.read()

    out = os.path.abspath(options.out)
    os.makedirs(out, exist_ok=True)
    page = os.path.join(out, "dashboard.html")
    if options.page:
        shutil.copyfile(options.page, page)
    else:
        # The ledger, config and last-run note, then the page as `odometer
        # render` writes it for them.
        fixture = os.path.join(out, "fixture")
        config = subprocess.run([options.fixture_writer, fixture], check=True,
                                stdout=subprocess.PIPE, text=True).stdout.strip()
        subprocess.run([options.odometer, "render", "--config", config,
                        "--out", os.path.dirname(page), "--now", RENDER_NOW],
                       check=True, stdout=subprocess.DEVNULL)
    page_url = "file://" + page

    # The example as the README runs it, offline, in a folder of its own.
    example = os.path.join(out, "example")
    shutil.rmtree(example, ignore_errors=True)
    os.makedirs(example)
    example_config = os.path.join(example, "odometer.toml")
    shutil.copyfile(os.path.join(options.examples, "odometer.toml"), example_config)
    subprocess.run([options.odometer, "collect", "--config", example_config, "--replay",
                    os.path.join(os.path.abspath(options.examples), "recording")],
                   check=True, stdout=subprocess.DEVNULL)
    example_out = os.path.join(example, "out")
    subprocess.run([options.odometer, "render", "--config", example_config, "--out", example_out,
                    "--now", EXAMPLE_NOW], check=True, stdout=subprocess.DEVNULL)
    example_url = "file://" + os.path.join(example_out, "dashboard.html")

    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="odometer-chromium-") as profile:
        browser = Browser(binary, profile)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})
            browser.session = browser.send("Target.attachToTarget", {
                "targetId": target["targetId"], "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Log", "Network"):
                browser.send(domain + ".enable")
            open_page(browser, page_url, 1280, 900, False)

            facts = browser.evaluate(PAGE_FACTS)
            # render's header until [outputs] has a title key.
            checks.check(facts["title"] == "odometer", "the page loaded",
                         "title %r" % facts["title"])
            checks.check(facts["scripts"] == 0, "no <script> element in the DOM",
                         "%d found" % facts["scripts"])
            checks.check(facts["foreign"] == 0, "no iframe, object, embed, img, link, base or form")
            checks.check(not facts["handlers"], "no event-handler attribute",
                         ", ".join(facts["handlers"]))
            checks.check(all(h.startswith("https://") for h in facts["hrefs"]),
                         "links only to https pages a reader clicks", ", ".join(facts["hrefs"]))
            checks.check(facts["hostileReferrer"], "the <script> referrer is shown as text")
            checks.check(facts["hostilePath"], "the path with \"&'<> is shown as text")
            checks.check(facts["hostileReason"], "the failure reason with markup is shown as text")
            checks.check(facts["charts"] >= 7, "counter and traffic charts are drawn",
                         "%d charts" % facts["charts"])
            checks.check(facts["tables"] >= 4, "repository, package, referrer, path tables",
                         "%d tables" % facts["tables"])
            screenshot(browser, checks, out, "fixture-390x844", 390, 844, True)
            browser.send("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            dark = browser.evaluate(PAGE_FACTS)
            checks.check(dark["background"] == "rgb(13, 17, 23)",
                         "dark color scheme gives a dark background", dark["background"])
            browser.drain(0.3)
            problems, requests = console_problems(browser.events, page_url)
            checks.check(not problems, "no console error or exception", "; ".join(problems))
            checks.check(not requests, "no network request but the page itself",
                         ", ".join(requests))

            # The example's page: what the README's first command shows.
            since = len(browser.events)
            open_page(browser, example_url, 1280, 900, False)
            facts = browser.evaluate(PAGE_FACTS)
            checks.check(facts["title"] == "runcycles adoption",
                         "example: the title names the [github] org", facts["title"])
            checks.check(facts["hrefs"] == ["https://github.com/runcycles"],
                         "example: the header links the org", ", ".join(facts["hrefs"]))
            charts = browser.evaluate(CHART_FACTS)
            checks.check(len(charts) >= 4, "example: counter and traffic charts",
                         "%d charts" % len(charts))
            for chart in charts:
                checks.check(len(chart["ticks"]) >= 2,
                             "example: %s has dates on its x axis (%s)"
                             % (chart["name"], ", ".join(chart["ticks"])))
                checks.check(chart["titled"] > 0 and chart["titled"] == chart["rows"]
                             and chart["wellFormed"],
                             "example: %s shows each of its %d days' value on hover and in "
                             "its table" % (chart["name"], chart["rows"]),
                             "%d hover titles, %d rows" % (chart["titled"], chart["rows"]))
            # The installs chart's step on the example's last day: seven
            # series first read there with their all-time totals.
            installs = next((c for c in charts if c["name"] == "package installs over time"), None)
            checks.check(installs is not None and len(installs["marks"]) == 1
                         and installs["notes"] == installs["marks"]
                         and installs["notes"][0].startswith(
                             "2026-12-01: 7 series first read with totals from before odometer, "
                             "3,469 in all: crates:downloads:runcycles 215, "),
                         "example: the installs chart marks and names the series first read "
                         "with an earlier total", repr(installs and installs["notes"]))
            traffic = [c for c in charts if c["name"].startswith(("Clones per day", "Views per day"))]
            checks.check(len(traffic) == 2 * 17 and all(c["besideTitled"] == c["titled"]
                                                        for c in traffic),
                         "example: clones and views of all repositories and of each of the 16 "
                         "show each day's uniques beside them",
                         ", ".join("%s %d/%d" % (c["name"], c["besideTitled"], c["titled"])
                                   for c in traffic if c["besideTitled"] != c["titled"]))
            # runcycles.io sends views to all 16 repositories: 931 in all
            # from at most 64 people, which only the per-domain table shows.
            domains = browser.evaluate(r"""(() => {
              const h2 = [...document.querySelectorAll('h2')].find(
                  h => h.textContent === 'Top referrers, all repositories');
              const number = text => Number(text.replace(/,/g, ''));
              return h2 ? [...h2.closest('section').querySelectorAll('tbody tr')].map(tr => {
                const cells = [...tr.querySelectorAll('td')].map(td => td.textContent);
                // "OWNER/REPO 12 / 3, OWNER/REPO 4 / 1"
                const parts = cells[3].split(', ').map(p => p.split(' '));
                const sum = i => parts.reduce((a, p) => a + number(p[i]), 0);
                return {name: cells[0], views: number(cells[1]), uniques: number(cells[2]),
                        repos: parts.length, views_sum: sum(1), uniques_sum: sum(3)};
              }) : [];
            })()""")
            runcycles = next((d for d in domains if d["name"] == "runcycles.io"), None)
            checks.check(runcycles is not None and runcycles["views"] == 931
                         and runcycles["uniques"] == 64 and runcycles["repos"] == 16
                         and all(d["views"] == d["views_sum"] and d["uniques"] == d["uniques_sum"]
                                 for d in domains),
                         "example: each referrer's views and uniques are summed over the "
                         "repositories (runcycles.io: 931 views, at most 64 visitors, over 16)",
                         repr(domains[:3]))
            ago = browser.evaluate(
                "[...document.querySelectorAll('time')].map(t => t.parentElement.textContent)")
            checks.check(any("2026-12-01 21:47 UTC, today" in t for t in ago),
                         "example: times say how many days before the page they were",
                         "; ".join(ago))
            screenshot(browser, checks, out, "1280x900", 1280, 900, False)
            screenshot(browser, checks, out, "390x844", 390, 844, True)
            browser.send("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
            screenshot(browser, checks, out, "390x844-dark", 390, 844, True)
            browser.drain(0.3)
            problems, requests = console_problems(browser.events[since:], example_url)
            checks.check(not problems, "example: no console error or exception",
                         "; ".join(problems))
            checks.check(not requests, "example: no network request but the page itself",
                         ", ".join(requests))

            # Last: axe's script runs in the page, which the checks above
            # must not see.
            check_accessibility(browser, checks, axe_source, "fixture", page_url)
            check_accessibility(browser, checks, axe_source, "example", example_url)
        except (RuntimeError, TimeoutError) as error:
            checks.check(False, "talking to Chromium", str(error))
            with open(os.path.join(profile, "chromium.log"), "rb") as log:
                print("Chromium's log ends with:\n" + log.read()[-4000:].decode(errors="replace"))
        finally:
            browser.close()

    print("%d passed, %d failed" % (checks.passed, checks.failed))
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
