#!/usr/bin/env python3
"""test_wishes.py — "what visitors miss" from the kiosk's outbox to the office page (issue 20).

Starts a real hub (init, publish of the demo catalogue, serve and office on loopback ports) and two
kiosks' real delivery paths (lotsen-outbox-driver) at two sites. The kiosks send "I miss something"
wishes now; the office counts completed months only, so it runs 40 days ahead (libfaketime) and shows
this month. Its /wishes page, opened in headless Chromium by keyboard, shows a count only once 5
visitors asked (4 are "<5"), the region every wish per site, an association user only the wishes
about its own interests; the site text from `enroll` is escaped. Screenshots of /wishes at 320 and
1280 px (no sideways scrolling at 320 px), for the region and for an association.
"""
import argparse
import base64
import datetime
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

check = T.check
PASSWORD = 'Ett långt lösenord för kontoret'
HALMSTAD = 'Halmstad stadsbibliotek'
VARBERG = 'Varbergs bibliotek <i>entré</i>'
ASSOCIATION = 'halmstad-nystan'  # runs crafts and culture in the demo catalogue


def table_cell(page, table, row, column):
    """The text of the cell at `row` (its header's text) and `column` (a column header's text) of the
    /wishes table whose caption id is caption-`table`, as the page's markup has it."""
    start = page.find('<caption id="caption-%s">' % table)
    if start < 0:
        return '(no table)'
    body = page[start:page.find('</table>', start)]
    headers = re.findall(r'<th scope="col">([^<]*)</th>', body)
    if column not in headers:
        return '(no column)'
    # The browser serialises a text node with &, < and > as entities (the site's name has markup in it).
    found = re.search(r'<tr><th scope="row">%s</th>(.*?)</tr>' % re.escape(html.escape(row, quote=False)), body)
    if not found:
        return '(no row)'
    cells = re.findall(r'<td>([^<]*)</td>', found.group(1))
    index = headers.index(column) - 1  # the first header names the rows
    return html.unescape(cells[index]) if index < len(cells) else '(no cell)'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--hub', required=True)
    parser.add_argument('--outbox-driver', required=True)
    parser.add_argument('--catalogue', required=True)
    parser.add_argument('--screenshots', required=True)
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    root = tempfile.mkdtemp(prefix='lotsen-wishes-')
    processes = []
    browser = None
    try:
        hub = args.hub
        keys = os.path.join(root, 'keys')
        data = os.path.join(root, 'hub')
        os.makedirs(keys)
        T.run([hub, 'keygen', '--out-dir', keys])
        T.run([hub, 'init', '--data-dir', data])
        T.run([hub, 'publish', 'catalogue', args.catalogue, '--data-dir', data, '--key', os.path.join(keys, 'publisher.key')])
        office_port = T.free_port()
        base = 'http://127.0.0.1:%d' % office_port
        with open(os.path.join(data, 'office.toml'), 'w') as f:
            f.write('[office]\nbase_url = "%s"\nseal_key = "%s"\n' % (base, os.path.join(keys, 'hub-seal.key')))
        serve, serve_port = T.start([hub, 'serve', '--data-dir', data, '--listen', '127.0.0.1:0', '--quiet'])
        processes.append(serve)
        hub_key = open(os.path.join(keys, 'hub-seal.pub')).read().strip()

        # Two kiosks, each enrolled at its site (the first, empty run of the driver makes the key).
        drivers = {}
        for name, site in (('halmstad', HALMSTAD), ('varberg', VARBERG)):
            kiosk = os.path.join(root, name)
            os.makedirs(kiosk)
            drivers[name] = [args.outbox_driver, '--data-dir', kiosk, '--hub-url', 'http://127.0.0.1:%d' % serve_port,
                             '--hub-key', hub_key]
            subprocess.run(drivers[name] + ['--drain', '2'], capture_output=True, timeout=60)
            public = base64.b64encode(open(os.path.join(kiosk, 'kiosk.key'), 'rb').read()[32:]).decode()
            T.run([hub, 'enroll', '--data-dir', data, '--site', site, public])

        def send_wishes(kiosk, count, *fields):
            output = T.run(drivers[kiosk] + ['--wishes', str(count)] + list(fields))
            confirmed = re.findall(r'confirmed (\S+)', output)
            check(len(confirmed) == count, '%s confirmed %d wishes, not %d' % (kiosk, len(confirmed), count))

        # Four visitors in Halmstad miss crafts on Saturday evenings, in Arabic; six in Varberg miss games.
        send_wishes('halmstad', 4, '--wish-interest', 'crafts', '--wish-weekday', 'sat', '--wish-day-part', 'evening',
                    '--wish-language', 'ar')
        send_wishes('varberg', 6, '--wish-interest', 'games', '--wish-weekday', 'sat')
        send_wishes('halmstad', 2, '--wish-interest', 'music', '--wish-day-part', 'morning')

        links = {}
        for email, role, association in (('rut@region.example', 'region', None),
                                         ('nina@nystan.example', 'association', ASSOCIATION)):
            command = [hub, 'user', 'add', '--data-dir', data, '--email', email, '--name', email.split('@')[0],
                       '--role', role]
            if association:
                command += ['--association', association]
            links[email] = re.search(r'(http://\S+/invite/[A-Za-z0-9_-]{43})', T.run(command)).group(1)

        def start_office(env=None):
            process = subprocess.Popen([hub, 'office', '--data-dir', data, '--listen', '127.0.0.1:%d' % office_port, '--quiet'],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
            if 'listening on' not in process.stdout.readline():
                process.kill()
                raise SystemExit('the office did not start')
            processes.append(process)
            return process

        office_process = start_office()
        web = T.Http(office_port)
        for email, link in links.items():
            _, _, form_cookie, page = web.request('GET', link[len(base):])
            status, _, _, _ = web.request('POST', link[len(base):], {'csrf': T.csrf_of(page), 'password': PASSWORD,
                                                                     'password2': PASSWORD}, form_cookie.split(';')[0])
            check(status == 303, '%s chose a password: %d' % (email, status))
        check(web.request('GET', '/wishes')[0] == 303, 'signed out, /wishes leads to the login')
        # This month is complete 40 days from now: the office runs there (the invitations were used
        # at the real time, while they were valid).
        office_process.terminate()
        office_process.wait(timeout=20)
        processes.remove(office_process)
        asan = os.environ.get('ASAN_OPTIONS', '')
        start_office(dict(os.environ, LD_PRELOAD=T.FAKETIME, FAKETIME='+40d', FAKETIME_DONT_FAKE_MONOTONIC='1',
                          ASAN_OPTIONS=(asan + ':' if asan else '') + 'verify_asan_link_order=0'))
        this_month = datetime.datetime.now(ZoneInfo('Europe/Stockholm')).strftime('%Y-%m')

        options = Options()
        for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=en'):
            options.add_argument(argument)
        options.add_experimental_option('prefs', {'intl.accept_languages': 'en'})
        browser = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        browser.set_page_load_timeout(30)
        office = T.Office(browser, base, args.screenshots)

        def log_in(email):
            browser.delete_all_cookies()
            office.login_by_keyboard(email, PASSWORD)
            check(office.wait_for_url(base + '/inbox', exact=True), email + ' logs in, not ' + browser.current_url)
            # To the page by keyboard, through the navigation.
            browser.find_element(By.TAG_NAME, 'body').click()
            office.tab_to(lambda e: (e.get_attribute('href') or '').endswith('/wishes'), 'the wishes link').send_keys(Keys.ENTER)
            check(office.wait_for_url(base + '/wishes', exact=True), 'the wishes page by keyboard')
            office.go('/wishes?month=' + this_month)
            return browser.page_source

        # The region: below 5, no number; every site; the site's text escaped.
        page = log_in('rut@region.example')
        check('What visitors miss' in page, 'the page has its title')
        check(table_cell(page, 'wishes_interest', HALMSTAD, 'Crafts') == '<5', '4 crafts wishes are "<5": '
              + table_cell(page, 'wishes_interest', HALMSTAD, 'Crafts'))
        check(table_cell(page, 'wishes_interest', VARBERG, 'Games') == '6', 'Varberg games: '
              + table_cell(page, 'wishes_interest', VARBERG, 'Games'))
        # Asked at one site only: the total beside it is hidden, so Halmstad's 0 stays unsaid.
        check(table_cell(page, 'wishes_interest', 'Every site', 'Games') == 'x', 'games in all: '
              + table_cell(page, 'wishes_interest', 'Every site', 'Games'))
        check(html.escape(VARBERG, quote=False) in page and VARBERG not in page, 'the site text is escaped')
        check(T.labelled(browser) == [], 'unlabelled fields on /wishes: %s' % T.labelled(browser))
        office.shoot('wishes-region-below-k')

        # A fifth visitor: now the count is shown.
        send_wishes('halmstad', 1, '--wish-interest', 'crafts', '--wish-weekday', 'sat', '--wish-day-part', 'evening',
                    '--wish-language', 'ar')
        office.go('/wishes?month=' + this_month)
        page = browser.page_source
        check(table_cell(page, 'wishes_interest', HALMSTAD, 'Crafts') == '5', 'the fifth crafts wish shows 5: '
              + table_cell(page, 'wishes_interest', HALMSTAD, 'Crafts'))
        check(table_cell(page, 'wishes_weekday', 'Every site', 'Saturday') == '11', 'Saturday in all: '
              + table_cell(page, 'wishes_weekday', 'Every site', 'Saturday'))
        check(table_cell(page, 'wishes_language', 'Every site', 'Arabic (ar)') == '5', 'Arabic: '
              + table_cell(page, 'wishes_language', 'Every site', 'Arabic (ar)'))
        check(table_cell(page, 'wishes_interest', HALMSTAD, 'Music') == '<5', 'the 2 music wishes stay "<5"')
        for cell in re.findall(r'<td>([^<]*)</td>', page):
            value = html.unescape(cell)
            check(value in ('<5', 'x') or int(value) >= 5, 'a published count under 5: ' + value)
        office.shoot('wishes-region')

        # The association: only what concerns its interests (crafts and culture).
        page = log_in('nina@nystan.example')
        check(table_cell(page, 'wishes_interest', HALMSTAD, 'Crafts') == '5', 'the association sees its crafts wishes')
        check(table_cell(page, 'wishes_interest', VARBERG, 'Games') == '(no column)', 'nor games: not its interest')
        check(table_cell(page, 'wishes_weekday', 'Every site', 'Saturday') == '5', 'Saturday counts its wishes only: '
              + table_cell(page, 'wishes_weekday', 'Every site', 'Saturday'))
        check('/fleet' not in page, 'no region navigation for an association')
        office.shoot('wishes-association')
    finally:
        if browser is not None:
            browser.quit()
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(root, ignore_errors=True)
    if T.failures:
        raise SystemExit('%d check(s) failed' % len(T.failures))
    print('what visitors miss, kiosk to office page: every check passed; screenshots in ' + args.screenshots)


if __name__ == '__main__':
    main()
