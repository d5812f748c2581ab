#!/usr/bin/env python3
"""test_office.py — the office's hand-over in a real browser (headless Chromium via selenium).

Starts a real hub (init, serve, office on loopback ports) and a real SMTP server on loopback, adds a
region user and two association users with `lotsen-hub user add` (the invitation e-mails arrive,
each to its person), follows an invitation link, has the real kiosk delivery path
(lotsen-outbox-driver) send contact requests whose visitor fields and heartbeat text are stored-XSS
attempts (the office's notice e-mails arrive, to each association's own users, with no personal
data), then — keyboard only — logs in, opens the request and marks it contacted; at the end the
daily retention run, 31 days later (libfaketime), erases what the visitor gave and the note. Checks that
another association's user gets 404 for its id, that a form without the CSRF token is refused, that
a session id planted before login is not the one logged in, that logout ends the session on the
server, that failed logins are throttled, that `user disable` ends a session at once, that every page
sends a strict CSP, and that no page scrolls sideways at 320 px (the width 1280 px has at 400 % zoom).
Saves a screenshot of every page at 320 and 1280 px.
"""
import argparse
import base64
import datetime
import glob
import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import TimeoutException

FAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
SMTP_SINK = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common', 'smtp_sink.py')
XSS_NAME = '<script>alert("name")</script>'
XSS_REACH = '"><img src=x onerror=alert(1)>'
XSS_SOFTWARE = '<svg onload=alert(3)>'
PASSWORD_A = 'Anna har ett långt lösenord'
PASSWORD_B = 'Bosse har också ett långt'
PASSWORD_REGION = 'Regionens eget långa lösenord'

failures = []


def stockholm_today():
    """Today in the office's calendar: it counts days and months in Stockholm's (stockholm::to_local),
    which is a day ahead of the machine's between midnight there and midnight UTC."""
    return datetime.datetime.now(ZoneInfo('Europe/Stockholm')).date()


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, flush=True)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, **kwargs)
    if result.returncode != 0:
        raise SystemExit('command failed: %s\n%s%s' % (' '.join(args), result.stdout, result.stderr))
    return result.stdout


def received_mail(folder, count, seconds=60):
    """The first `count` messages the SMTP sink received (its decoded JSON, plus 'raw': the bytes as
    sent), waiting up to `seconds` for them; fewer when they do not come."""
    deadline = time.time() + seconds
    while len(glob.glob(os.path.join(folder, '*.json'))) < count and time.time() < deadline:
        time.sleep(0.2)
    mails = []
    for path in sorted(glob.glob(os.path.join(folder, '*.json')))[:count]:
        with open(path, encoding='utf-8') as f:
            record = json.load(f)
        with open(path[:-len('.json')] + '.eml', 'rb') as f:
            record['raw'] = f.read()
        mails.append(record)
    return mails


def start(args):
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.search(r'listening on [^ ]+:(\d+)', line)
    if not match:
        process.kill()
        raise SystemExit('%s did not start: %r' % (args[1], line))
    return process, int(match.group(1))


class Http:
    """Plain HTTP for what a browser does not show: status codes, cookies sent by hand."""

    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, cookie=None):
        connection = http.client.HTTPConnection('127.0.0.1', self.port, timeout=30)
        headers = {'Accept-Language': 'en'}
        if cookie:
            headers['Cookie'] = cookie
        if body is not None:
            headers['Content-Type'] = 'application/x-www-form-urlencoded'
            body = urllib.parse.urlencode(body)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode('utf-8', 'replace')
        result = (response.status, dict(response.getheaders()), response.getheader('Set-Cookie') or '', text)
        connection.close()
        return result


def csrf_of(page):
    found = re.findall(r'name="csrf" value="([^"]+)"', page)
    return found[-1] if found else ''


class Office:
    def __init__(self, browser, base, screenshots):
        self.browser = browser
        self.base = base
        self.screenshots = screenshots

    def go(self, path):
        self.browser.get(self.base + path)

    def metrics(self, width):
        self.browser.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                                     {'width': width, 'height': 900, 'deviceScaleFactor': 1, 'mobile': False})

    def shoot(self, name):
        """Screenshots at 320 and 1280 px; at 320 px nothing may scroll sideways."""
        for width in (320, 1280):
            self.metrics(width)
            time.sleep(0.1)
            scroll = self.browser.execute_script('return [document.documentElement.scrollWidth, window.innerWidth]')
            check(scroll[0] <= scroll[1], '%s at %d px scrolls sideways: scrollWidth %d > innerWidth %d'
                  % (name, width, scroll[0], scroll[1]))
            height = self.browser.execute_script('return document.documentElement.scrollHeight')
            self.browser.execute_cdp_cmd('Emulation.setDeviceMetricsOverride',
                                         {'width': width, 'height': max(600, min(height, 4000)), 'deviceScaleFactor': 1,
                                          'mobile': False})
            self.browser.save_screenshot(os.path.join(self.screenshots, '%s-%d.png' % (name, width)))
        self.metrics(1280)
        check(self.browser.execute_script('return document.scripts.length') == 0, name + ' has a script element')

    def wait_for_url(self, url, exact=False):
        """Waits (up to 20 s) for a navigation that a key press started; False when it never came."""
        try:
            WebDriverWait(self.browser, 20).until(
                lambda b: b.current_url == url if exact else b.current_url.startswith(url))
            return True
        except TimeoutException:
            return False

    def active(self):
        return self.browser.switch_to.active_element

    def tab_to(self, predicate, what, limit=40):
        """Presses Tab until the focused element satisfies `predicate`; the page must be keyboard-reachable."""
        for _ in range(limit):
            webdriver.ActionChains(self.browser).send_keys(Keys.TAB).perform()
            element = self.active()
            if predicate(element):
                outline = self.browser.execute_script(
                    'const s = getComputedStyle(arguments[0]); return s.outlineStyle + " " + s.outlineWidth', element)
                check(outline.startswith('solid') and not outline.endswith(' 0px'), 'focus not visible on ' + what + ': ' + outline)
                return element
        raise AssertionError('Tab never reached ' + what)

    def tab_to_id(self, element_id):
        return self.tab_to(lambda e: e.get_attribute('id') == element_id, '#' + element_id)

    def type_keys(self, text):
        webdriver.ActionChains(self.browser).send_keys(text).perform()

    def login_by_keyboard(self, email, password):
        self.go('/login')
        self.browser.find_element(By.TAG_NAME, 'body').click()  # focus starts at the top of the page
        self.tab_to_id('email')
        self.type_keys(email)
        self.tab_to_id('password')
        self.type_keys(password + Keys.ENTER)


def labelled(browser):
    """Every input, select and textarea that is shown has a label."""
    missing = browser.execute_script('''
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && !e.hidden)
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.name);''')
    return missing


def index_version(data):
    """The catalogue version of the hub's published sources (published/sources/index.json)."""
    with open(os.path.join(data, 'published', 'sources', 'index.json')) as f:
        return json.load(f)['catalogue_version']


def part(data, association):
    """An association's published part (published/sources/ID.json)."""
    with open(os.path.join(data, 'published', 'sources', association + '.json')) as f:
        return json.load(f)


def set_field(browser, element_id, value):
    """Empties a form field and types `value` into it."""
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(value)


def arguments(*more):
    """A browser test's command line: --hub, --screenshots and the `more` it needs (e.g. '--outbox-driver')."""
    parser = argparse.ArgumentParser()
    for name in ('--hub',) + more + ('--screenshots',):
        parser.add_argument(name, required=True)
    return parser.parse_args()


def faked_time(offset):
    """The environment that runs a program `offset` (libfaketime's FAKETIME, e.g. '+31d') from now. Under
    AddressSanitizer its runtime must otherwise come before the preloaded libfaketime."""
    asan = os.environ.get('ASAN_OPTIONS', '')
    return dict(os.environ, LD_PRELOAD=FAKETIME, FAKETIME=offset, FAKETIME_DONT_FAKE_MONOTONIC='1',
                ASAN_OPTIONS=(asan + ':' if asan else '') + 'verify_asan_link_order=0')


class OfficeFixture:
    """What every browser test of the office sets up: a temp folder with the hub's keys (`keygen`) and data
    folder (`init`), the office's loopback port and base URL, users invited with `user add` who choose their
    passwords over HTTP, the office (and `serve`, the SMTP sink, kiosks) as processes, and headless Chromium.
    Use it in a `with` statement: leaving it, also on an error, quits the browser, stops every process it
    started and removes the folder."""

    def __init__(self, hub, screenshots, prefix):
        self.hub = hub
        self.screenshots = screenshots
        self.prefix = prefix
        self.root = None
        self.processes = []
        self.browser = None
        self.links = {}

    def __enter__(self):
        for tool in ('chromedriver', 'chromium'):
            if not shutil.which(tool) and not os.path.exists('/usr/bin/' + tool):
                raise SystemExit(tool + ' is missing: `make deps` installs chromium, chromium-driver and python3-selenium')
        os.makedirs(self.screenshots, exist_ok=True)
        self.root = tempfile.mkdtemp(prefix=self.prefix)
        try:
            self.keys = os.path.join(self.root, 'keys')
            self.data = os.path.join(self.root, 'hub')
            self.publisher_key = os.path.join(self.keys, 'publisher.key')
            self.seal_key = os.path.join(self.keys, 'hub-seal.key')
            os.makedirs(self.keys)
            run([self.hub, 'keygen', '--out-dir', self.keys])
            run([self.hub, 'init', '--data-dir', self.data])
            self.office_port = free_port()
            self.base = 'http://127.0.0.1:%d' % self.office_port
            self.web = Http(self.office_port)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *error):
        self.close()
        return False

    def close(self):
        try:
            if self.browser is not None:
                self.browser.quit()
        finally:
            self.browser = None
            for process in self.processes:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            self.processes = []
            if self.root is not None:
                shutil.rmtree(self.root, ignore_errors=True)

    def path(self, *parts):
        return os.path.join(self.root, *parts)

    def publish(self, source, *more):
        """`lotsen-hub publish catalogue` of a file (a path, or a catalogue as a dict: written to the folder
        first) with the publisher key; `more` are further arguments (--association ID)."""
        if isinstance(source, dict):
            catalogue = source
            source = self.path('region.json')
            with open(source, 'w', encoding='utf-8') as f:
                json.dump(catalogue, f, ensure_ascii=False)
        return run([self.hub, 'publish', 'catalogue', source, '--data-dir', self.data, '--key', self.publisher_key]
                   + list(more))

    def mail_sink(self):
        """A real SMTP server on loopback (tests/common/smtp_sink.py); returns the folder it writes to and the
        [mail] section of office.toml that sends there."""
        mails = self.path('mails')
        os.makedirs(mails)
        sink = subprocess.Popen(['/usr/bin/python3', SMTP_SINK, mails], stdout=subprocess.PIPE, text=True)
        self.processes.append(sink)
        port = int(re.search(r'PORT (\d+)', sink.stdout.readline()).group(1))
        return mails, '[mail]\nurl = "smtp://127.0.0.1:%d"\nfrom = "lotsen@region.example"\n\n' % port

    def office_toml(self, before='', office=''):
        """Writes office.toml: `before` (other sections), then [office] with base_url, seal_key and `office`."""
        with open(os.path.join(self.data, 'office.toml'), 'w') as f:
            f.write(before + '[office]\nbase_url = "%s"\nseal_key = "%s"\n' % (self.base, self.seal_key) + office)

    def serve(self):
        """`lotsen-hub serve` on a free loopback port; returns the port."""
        process, port = start([self.hub, 'serve', '--data-dir', self.data, '--listen', '127.0.0.1:0', '--quiet'])
        self.processes.append(process)
        return port

    def kiosk(self, name, outbox_driver, serve_port):
        """A kiosk's real delivery path (lotsen-outbox-driver) in its own folder, its key made by a first,
        empty run; returns the driver's command line and the folder."""
        folder = self.path(name)
        os.makedirs(folder)
        hub_key = open(os.path.join(self.keys, 'hub-seal.pub')).read().strip()
        driver = [outbox_driver, '--data-dir', folder, '--hub-url', 'http://127.0.0.1:%d' % serve_port, '--hub-key', hub_key]
        subprocess.run(driver + ['--drain', '2'], capture_output=True, timeout=60)  # only its kiosk.key is wanted
        return driver, folder

    @staticmethod
    def kiosk_public_key(folder):
        return base64.b64encode(open(os.path.join(folder, 'kiosk.key'), 'rb').read()[32:]).decode()

    def add_user(self, email, name, role, association=None):
        """`lotsen-hub user add`; keeps the invitation link it printed in `links` and returns its output."""
        command = [self.hub, 'user', 'add', '--data-dir', self.data, '--email', email, '--name', name, '--role', role]
        if association:
            command += ['--association', association]
        output = run(command)
        match = re.search(r'(http://\S+/invite/[A-Za-z0-9_-]{43})', output)
        if match:
            self.links[email] = match.group(1)
        return output

    def invitation(self, email):
        """The path of a user's invitation link."""
        return self.links[email][len(self.base):]

    def choose_password(self, email, password):
        """Follows the invitation over plain HTTP and chooses the password; checks that it was taken."""
        path = self.invitation(email)
        _, _, form_cookie, page = self.web.request('GET', path)
        status, _, _, _ = self.web.request('POST', path, {'csrf': csrf_of(page), 'password': password, 'password2': password},
                                           form_cookie.split(';')[0])
        check(status == 303, '%s chose a password: %d' % (email, status))
        return status

    def start_office(self, env=None):
        """`lotsen-hub office` on the office's port (under `env` when given), once it says it listens."""
        process = subprocess.Popen([self.hub, 'office', '--data-dir', self.data, '--listen', '127.0.0.1:%d' % self.office_port,
                                    '--quiet'], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        self.processes.append(process)
        line = process.stdout.readline()
        if not check('listening on' in line, 'the office started: %r' % line):
            raise SystemExit('the office did not start: %r' % line)
        return process

    def stop_office(self, process):
        process.terminate()
        process.wait(timeout=20)
        self.processes.remove(process)

    def open_browser(self, language, accept_languages):
        """Headless Chromium in `language`, asking for `accept_languages`; returns the Office that drives it."""
        options = Options()
        for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=' + language):
            options.add_argument(argument)
        options.add_experimental_option('prefs', {'intl.accept_languages': accept_languages})
        self.browser = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        self.browser.set_page_load_timeout(30)
        return Office(self.browser, self.base, self.screenshots)


def main():
    args = arguments('--outbox-driver')
    with OfficeFixture(args.hub, args.screenshots, 'lotsen-office-') as fixture:
        hub = args.hub
        data = fixture.data
        base = fixture.base
        # A real SMTP server on loopback receives what the hub sends (tests/common/smtp_sink.py).
        mails, mail_section = fixture.mail_sink()
        fixture.office_toml(before=mail_section + '[notices]\ninterval_minutes = 1\n\n')
        serve_port = fixture.serve()

        # The kiosk: its key (made by a first, empty run of the driver), enrolled at a site.
        driver_base, kiosk = fixture.kiosk('kiosk', args.outbox_driver, serve_port)
        check(os.path.exists(os.path.join(kiosk, 'kiosk.key')), 'the outbox driver made its kiosk key')
        kiosk_public = fixture.kiosk_public_key(kiosk)
        run([hub, 'enroll', '--data-dir', data, '--site', 'Halmstad stadsbibliotek', kiosk_public])

        # Users: the region, and one contact person for each of two associations.
        links = fixture.links
        for email, name, role, association in (('region@region.example', 'Rut Region', 'region', None),
                                               ('anna@forening-a.example', 'Anna Andersson', 'association', 'forening-a'),
                                               ('bo@forening-b.example', 'Bo Berg', 'association', 'forening-b')):
            output = fixture.add_user(email, name, role, association)
            check(email in links, 'user add printed no invitation link: ' + output)
            check('E-mailed it to ' + email in output, 'user add says it e-mailed the invitation: ' + output)
        check(links['anna@forening-a.example'].startswith(base + '/invite/'), 'the link uses [office] base_url')
        # The invitations arrived by e-mail, each to its person with its own link; the person follows
        # the link from the e-mail.
        invitations = received_mail(mails, 3)
        check(len(invitations) == 3, 'three invitation e-mails arrived, not %d' % len(invitations))
        for mail in invitations:
            to = mail['rcpt_tos'][0] if mail['rcpt_tos'] else ''
            check(mail['rcpt_tos'] == [to] and to in links, 'an invitation to one user: %s' % mail['rcpt_tos'])
            check(to in links and links[to] in (mail['body'] or ''), 'the e-mail to %s holds the link user add printed' % to)
            check(mail['headers'].get('subject') == ['Inbjudan till Lotsens kontor'], 'invitation subject: %s' % mail['headers'].get('subject'))

        # Contact requests through the real delivery path, with hostile text where a visitor types.
        sent = run(driver_base + ['--contact-organisation', 'forening-a', '--contact-name', XSS_NAME,
                                  '--contact-channel', 'meet_here', '--contact-reach', XSS_REACH,
                                  '--contact-language', 'ar',
                                  '--heartbeat-software', XSS_SOFTWARE])
        request_a = re.search(r'confirmed (\S+)', sent).group(1)
        sent = run(driver_base + ['--contact-organisation', 'forening-b', '--contact-name', 'Bertil',
                                  '--contact-reach', '070-111 22 33'])
        request_b = re.search(r'confirmed (\S+)', sent).group(1)

        # The office starts now; its first notice pass tells each association of its new request, by
        # e-mail to its own users only, with a link and no personal data.
        fixture.start_office()
        notices = received_mail(mails, 5)[3:]
        check(len(notices) == 2, 'two arrival notices arrived, not %d' % len(notices))
        by_recipient = {tuple(mail['rcpt_tos']): mail for mail in notices}
        check(set(by_recipient) == {('anna@forening-a.example',), ('bo@forening-b.example',)},
              'each association told its own users: %s' % list(by_recipient))
        anna_notice = by_recipient.get(('anna@forening-a.example',), {'body': '', 'raw': b''})
        check(base + '/requests/' + request_a in (anna_notice['body'] or ''), "Anna's notice links to her request")
        for mail in notices:
            text = (mail['body'] or '') + ' '.join(' '.join(v) for v in mail['headers'].values())
            for personal in (XSS_NAME, XSS_REACH, 'Bertil', '070-111 22 33'):
                check(personal not in text and personal.encode() not in mail['raw'],
                      'no personal data in a notice: found %r' % personal)

        office = fixture.open_browser('sv', 'sv-SE,sv')
        browser = fixture.browser
        web = fixture.web

        # The invitation: choose a password, by keyboard.
        office.go(links['anna@forening-a.example'][len(base):])
        check('Välj ditt lösenord' in browser.page_source, 'the invitation page is in Swedish')
        check(labelled(browser) == [], 'unlabelled fields on the invitation page: %s' % labelled(browser))
        office.shoot('invite')
        status, headers, _, _ = web.request('GET', links['anna@forening-a.example'][len(base):])
        csp = headers.get('Content-Security-Policy', '')
        check(csp.startswith("default-src 'none'") and "frame-ancestors 'none'" in csp and 'script-src' not in csp,
              'strict CSP: ' + csp)
        check(headers.get('Referrer-Policy') == 'no-referrer', 'the invitation token never leaves in a Referer')
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to_id('password')
        office.type_keys('ett långt lösenord')  # a short one the browser itself stops (minlength)
        office.tab_to_id('password2')
        office.type_keys('ett annat lösenord' + Keys.ENTER)
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.notice.error'))
        check('inte likadana' in browser.find_element(By.CSS_SELECTOR, '.notice.error').text, 'two different passwords are refused')
        office.shoot('invite-error')
        office.tab_to_id('password')
        office.type_keys(PASSWORD_A)
        office.tab_to_id('password2')
        office.type_keys(PASSWORD_A + Keys.ENTER)
        check(office.wait_for_url(base + '/login'), 'after the password: the login page')
        check('Lösenordet är sparat' in browser.page_source, 'the login page says the password is saved')
        office.shoot('login')
        check(labelled(browser) == [], 'unlabelled fields on the login page')
        status, _, _, _ = web.request('GET', links['anna@forening-a.example'][len(base):])
        check(status == 404, 'a used invitation answers 404, not %d' % status)
        for email, password in (('bo@forening-b.example', PASSWORD_B), ('region@region.example', PASSWORD_REGION)):
            fixture.choose_password(email, password)

        # Session fixation: a session id planted before login is not the one logged in.
        planted = 'A' * 43
        browser.add_cookie({'name': 'lotsen_session', 'value': planted, 'path': '/'})
        office.login_by_keyboard('anna@forening-a.example', PASSWORD_A)
        check(office.wait_for_url(base + '/inbox', exact=True), 'after login: the inbox, not ' + browser.current_url)
        session = browser.get_cookie('lotsen_session')
        check(session is not None and session['value'] != planted, 'login made a new session id')
        check(session is not None and session.get('httpOnly') and session.get('sameSite') == 'Strict',
              'the session cookie is HttpOnly and SameSite=Strict: %s' % session)
        status, headers, _, _ = web.request('GET', '/inbox', cookie='lotsen_session=' + planted)
        check(status == 303 and headers.get('Location') == '/login', 'the planted id opens nothing')
        anna_cookie = 'lotsen_session=' + session['value']

        # The inbox: only Anna's association; no personal data in the list.
        source = browser.page_source
        check('Kontaktförfrågningar till forening-a' in source, 'the inbox names the association')
        check('alert' not in source, 'no visitor text in the list')
        office.shoot('inbox')
        check(labelled(browser) == [], 'unlabelled fields on the inbox')
        link = office.tab_to(lambda e: (e.get_attribute('href') or '').endswith('/requests/' + request_a), 'the request link')
        link.send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/requests/' + request_a, exact=True), 'the request page opened by keyboard')

        # The request: what the visitor typed, shown as text; nothing of it runs.
        facts = browser.find_element(By.CSS_SELECTOR, 'dl.facts').text
        check(XSS_NAME in facts, 'the name is shown as typed (escaped): ' + facts)
        check(XSS_REACH in facts, 'the reach is shown as typed (escaped)')
        check(XSS_SOFTWARE in facts, "the heartbeat's software text is shown escaped")
        check('Halmstad stadsbibliotek' in facts, 'the site is shown')
        check('arabiska (ar)' in facts and 'kioskens tid, rättad' in facts, 'language and corrected kiosk time are shown')
        check(len(browser.find_elements(By.TAG_NAME, 'img')) == 0 and len(browser.find_elements(By.TAG_NAME, 'svg')) == 0,
              'no element was made from visitor text')
        office.shoot('request')
        check(labelled(browser) == [], 'unlabelled fields on the request page: %s' % labelled(browser))

        # A form without the CSRF token is refused, and changes nothing.
        status, _, _, _ = web.request('POST', '/requests/' + request_a, {'outcome': 'declined'}, anna_cookie)
        check(status == 403, 'an outcome without the CSRF token: %d' % status)
        status, _, _, _ = web.request('POST', '/logout', {}, anna_cookie)
        check(status == 403, 'logout without the CSRF token: %d' % status)

        # Mark it contacted, by keyboard.
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to_id('outcome-contacted')
        webdriver.ActionChains(browser).send_keys(Keys.SPACE).perform()
        office.tab_to_id('note')
        office.type_keys('Ringde, ses på tisdag <b>kl 10</b>')
        office.tab_to(lambda e: e.tag_name == 'button' and e.get_attribute('type') == 'submit'
                      and e.find_element(By.XPATH, '..').get_attribute('action').endswith('/requests/' + request_a),
                      'the save button').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/requests/' + request_a + '?saved=1', exact=True), 'saved: back on the request')
        check('Sparat. Förfrågan är stängd.' in browser.page_source, 'the outcome is saved')
        check('Ringde, ses på tisdag <b>kl 10</b>' in browser.find_element(By.TAG_NAME, 'main').text, 'the note is shown escaped')
        office.shoot('request-saved')
        db = sqlite3.connect('file:%s?mode=ro' % os.path.join(data, 'hub.db'), uri=True)
        handled = db.execute('SELECT handled_at FROM contact_requests WHERE event_id = ?', (request_a,)).fetchone()
        check(handled is not None and handled[0] is not None, 'contacted closes the request (handled_at)')
        outcome = db.execute('SELECT outcome FROM contact_outcomes WHERE event_id = ?', (request_a,)).fetchone()
        check(outcome == ('contacted',), 'the outcome is contacted: %s' % (outcome,))

        # Another association's id is 404 for Anna (and Bo cannot see Anna's).
        office.go('/requests/' + request_b)
        check('Finns inte' in browser.page_source and 'Bertil' not in browser.page_source, "Anna cannot open Bo's request")
        office.shoot('not-found')
        status, _, _, page = web.request('GET', '/requests/' + request_b, cookie=anna_cookie)
        check(status == 404 and 'Bertil' not in page, "another association's request: 404, not %d" % status)
        status, _, _, page = web.request('POST', '/requests/' + request_b,
                                         {'csrf': csrf_of(page), 'outcome': 'declined'}, anna_cookie)
        check(status == 404, "another association's outcome form: 404, not %d" % status)

        # Logout by keyboard ends the session on the server.
        office.go('/inbox')
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to(lambda e: e.tag_name == 'button' and 'logout' in e.find_element(By.XPATH, '..').get_attribute('action'),
                      'the logout button').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/login'), 'logout leads to the login page')
        check(browser.get_cookie('lotsen_session') is None, 'logout removes the cookie')
        status, headers, _, _ = web.request('GET', '/inbox', cookie=anna_cookie)
        check(status == 303 and headers.get('Location') == '/login', 'the old session cookie opens nothing after logout')
        office.shoot('logged-out')

        # Bo (forening-b) gets 404 for Anna's request.
        _, _, form_cookie, page = web.request('GET', '/login')
        status, _, set_cookie, _ = web.request('POST', '/login', {'csrf': csrf_of(page), 'email': 'bo@forening-b.example',
                                                                  'password': PASSWORD_B}, form_cookie.split(';')[0])
        check(status == 303, 'Bo logs in: %d' % status)
        bo_cookie = set_cookie.split(';')[0]
        status, _, _, page = web.request('GET', '/requests/' + request_a, cookie=bo_cookie)
        check(status == 404 and 'alert' not in page, "Bo gets 404 for Anna's request, not %d" % status)

        # The region sees every association's list; opening one is audited.
        office.login_by_keyboard('region@region.example', PASSWORD_REGION)
        check(office.wait_for_url(base + '/inbox', exact=True), 'the region logs in')
        source = browser.page_source
        check('forening-a' in source and 'forening-b' in source, 'the region sees both associations')
        check('Bertil' not in source and 'alert' not in source, 'no personal data in the region list')
        office.shoot('region-inbox')
        office.go('/requests/' + request_b)
        check('Bertil' in browser.page_source, 'the region can open a request')
        actions = [row[0] for row in db.execute(
            "SELECT u.email FROM office_audit a JOIN office_users u ON u.id = a.user_id "
            "WHERE a.action = 'open_request' AND a.request_id = ?", (request_b,))]
        check('region@region.example' in actions, 'the opening is in the audit log: %s' % actions)

        # English, from the user's own setting.
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to_id('language')
        webdriver.ActionChains(browser).send_keys('English').perform()
        office.tab_to(lambda e: e.tag_name == 'button' and 'language' in e.find_element(By.XPATH, '..').get_attribute('action'),
                      'the language button').send_keys(Keys.ENTER)
        WebDriverWait(browser, 20).until(lambda b: "Every association" in b.page_source)
        check("Every association's contact requests" in browser.page_source, 'the region inbox in English')
        office.shoot('region-inbox-en')

        # Throttling: after five wrong passwords even the right one is refused for a while.
        _, _, form_cookie, page = web.request('GET', '/login')
        form = {'csrf': csrf_of(page), 'email': 'bo@forening-b.example'}
        statuses = []
        for attempt in range(5):
            statuses.append(web.request('POST', '/login', dict(form, password='wrong %d' % attempt), form_cookie.split(';')[0])[0])
        check(statuses == [401] * 5, 'wrong passwords: %s' % statuses)
        status, _, set_cookie, page = web.request('POST', '/login', dict(form, password=PASSWORD_B), form_cookie.split(';')[0])
        check(status == 429 and 'lotsen_session=' not in set_cookie, 'throttled even with the right password: %d' % status)
        # The operator's commands: list shows who has a password; disable shuts a user out at once.
        listed = run([hub, 'user', 'list', '--data-dir', data])
        check(re.search(r'anna@forening-a\.example\s+Anna Andersson\s+association forening-a\s+password set', listed) is not None,
              'user list: ' + listed)
        status, _, _, _ = web.request('GET', '/inbox', cookie=bo_cookie)
        check(status == 200, "Bo's session works before he is disabled: %d" % status)
        run([hub, 'user', 'disable', '--data-dir', data, 'bo@forening-b.example'])
        status, headers, _, _ = web.request('GET', '/inbox', cookie=bo_cookie)
        check(status == 303 and headers.get('Location') == '/login', "a disabled user's session ends at once: %d" % status)
        check('DISABLED' in run([hub, 'user', 'list', '--data-dir', data]), 'user list shows the disabled user')
        db.close()

        # 31 days after Anna closed it, the daily retention run erases what the visitor gave and her
        # note; the region's browser, still logged in, sees the request without them.
        later = faked_time('+31d')
        erased = run([hub, 'retention', '--data-dir', data], env=later)
        check(request_a in erased and request_b not in erased, 'retention erased only the closed request: ' + erased)
        office.go('/requests/' + request_a)
        source = browser.page_source
        check("The visitor's details have been erased" in source, 'the request page says its details were erased')
        check(XSS_NAME not in browser.find_element(By.TAG_NAME, 'main').text and 'ses på tisdag' not in source,
              'neither the name nor the note is left')
        office.shoot('request-erased')
    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    print('office hand-over in the browser: every check passed; screenshots in ' + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
