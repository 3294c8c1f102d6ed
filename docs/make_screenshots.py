"""Regenerates the README screenshots from a demo portal in Debian's Chromium.

python docs/make_screenshots.py
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent / "screenshots"
PORT = 5091
BASE = f"http://127.0.0.1:{PORT}"

env = dict(os.environ, YOUTHPORTAL_INSTANCE_PATH=tempfile.mkdtemp())
server = subprocess.Popen(
    [sys.executable, "-m", "youthportal.cli", "demo", "--port", str(PORT)],
    env=env,
    stdout=subprocess.DEVNULL,
)
try:
    for _ in range(100):
        try:
            urlopen(BASE, timeout=1)  # noqa: S310 - our own local server
            break
        except OSError:
            time.sleep(0.2)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="sq")
        page.goto(f"{BASE}/join")
        page.screenshot(path=HERE / "join.png")
        page.goto(f"{BASE}/help")
        page.screenshot(path=HERE / "help.png")
        page.goto(f"{BASE}/login")
        page.fill("#identifier", "teuta")
        page.fill("#password", "Sunny-Meadow-42")
        page.click("form.narrow button[type=submit]")
        page.goto(f"{BASE}/groups/")
        page.click("table a >> nth=0")
        page.click("nav.tabs li:nth-child(2) a")
        page.screenshot(path=HERE / "members.png")
        browser.close()
finally:
    server.terminate()
    server.wait()
