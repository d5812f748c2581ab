#!/usr/bin/env python3
"""test_freshness.py — the office's /freshness page in a real browser (headless Chromium via selenium).

A real hub (keygen, init, publish, office on a loopback port): an association's part is published with
one listing checked 250 days ago and one 20 days ago, and a second association's spreadsheet; a
contact person of the first follows her invitation, logs in by keyboard, reaches the page from the
navigation, sees her listings oldest first with "N days ago" and which one is due, and presses
"Still correct" by keyboard; a region user sees one line per association and opens one. Checks
the strict CSP, labels, visible focus, and that nothing scrolls sideways at 320 px. Saves screenshots
of each page at 320 and 1280 px.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

check = T.check
PASSWORD = 'Stickcaféets långa lösenord'
PASSWORD_REGION = 'Regionens eget långa lösenord'


def part(today):
    """The stickcafé's part: one listing checked 250 days ago, one 20 days ago (a title with markup)."""
    def listing(id, title, days):
        return {'id': id, 'organisation': 'varberg-stickcafe', 'title': {'sv': title, 'en': title},
                'interests': ['crafts'],
                'schedule': {'weekly': [{'day': 'tue', 'start': '18:00', 'end': '20:00',
                                         'from': '2026-01-01', 'until': '2027-12-31'}]},
                'place': {'address': 'Kungsgatan 3', 'town': 'Varberg'},
                'last_checked': (today - datetime.timedelta(days=days)).isoformat()}
    return {'format': 'lotsen-catalogue', 'format_version': 1, 'format_minor': 4, 'version': 1,
            'organisations': [{'id': 'varberg-stickcafe', 'name': {'sv': 'Stickcaféet i Varberg'},
                               'municipality': 'Varberg'}],
            'activities': [listing('stickcafe-tisdag', 'Stickcafé <b>tisdag</b>', 20),
                           listing('stickcafe-virkning', 'Virkning för nybörjare', 250)]}


def invited(hub, data, base, email, name, role, association, password):
    """Adds a user and chooses the password through the invitation (plain HTTP)."""
    command = [hub, 'user', 'add', '--data-dir', data, '--email', email, '--name', name, '--role', role]
    if association:
        command += ['--association', association]
    link = re.search(r'(http://\S+/invite/[A-Za-z0-9_-]{43})', T.run(command)).group(1)
    return link[len(base):], password


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--hub', required=True)
    parser.add_argument('--screenshots', required=True)
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    root = tempfile.mkdtemp(prefix='lotsen-freshness-')
    processes = []
    browser = None
    try:
        hub = args.hub
        keys = os.path.join(root, 'keys')
        data = os.path.join(root, 'hub')
        os.makedirs(keys)
        T.run([hub, 'keygen', '--out-dir', keys])
        T.run([hub, 'init', '--data-dir', data])
        key = os.path.join(keys, 'publisher.key')
        today = datetime.date.today()
        with open(os.path.join(root, 'stickcafe.json'), 'w', encoding='utf-8') as f:
            json.dump(part(today), f, ensure_ascii=False)
        T.run([hub, 'publish', 'catalogue', os.path.join(root, 'stickcafe.json'), '--data-dir', data, '--key', key,
               '--association', 'varberg-stickcafe'])
        examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'docs', 'examples')
        T.run([hub, 'publish', 'catalogue', os.path.join(examples, 'schack.csv'), '--data-dir', data, '--key', key])

        office_port = T.free_port()
        base = 'http://127.0.0.1:%d' % office_port
        with open(os.path.join(data, 'office.toml'), 'w') as f:
            f.write('[office]\nbase_url = "%s"\nseal_key = "%s"\nremind_after_days = 180\n'
                    % (base, os.path.join(keys, 'hub-seal.key')))
        anna_link, _ = invited(hub, data, base, 'anna@stickcafe.example', 'Anna Andersson', 'association',
                               'varberg-stickcafe', PASSWORD)
        rut_link, _ = invited(hub, data, base, 'rut@region.example', 'Rut Region', 'region', None, PASSWORD_REGION)
        office_process, _ = T.start([hub, 'office', '--data-dir', data, '--listen', '127.0.0.1:%d' % office_port, '--quiet'])
        processes.append(office_process)
        web = T.Http(office_port)
        for link, password in ((anna_link, PASSWORD), (rut_link, PASSWORD_REGION)):
            _, _, form_cookie, page = web.request('GET', link)
            status, _, _, _ = web.request('POST', link, {'csrf': T.csrf_of(page), 'password': password,
                                                         'password2': password}, form_cookie.split(';')[0])
            check(status == 303, 'a password was chosen through the invitation: %d' % status)

        options = Options()
        for argument in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=sv'):
            options.add_argument(argument)
        options.add_experimental_option('prefs', {'intl.accept_languages': 'sv-SE,sv'})
        browser = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=options)
        browser.set_page_load_timeout(30)
        office = T.Office(browser, base, args.screenshots)

        # The contact person: in by keyboard, to the page through the navigation.
        office.login_by_keyboard('anna@stickcafe.example', PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Anna logs in, not ' + browser.current_url)
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to(lambda e: (e.get_attribute('href') or '').endswith('/freshness'), 'the listings link').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/freshness', exact=True), 'the listings page by keyboard')
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Stickcafé <b>tisdag</b>' in main_text, 'the title is shown as text, escaped: ' + main_text[:300])
        check(main_text.find('Virkning för nybörjare') < main_text.find('Stickcafé <b>tisdag</b>'), 'oldest check first')
        check('för 250 dagar sedan' in main_text and 'för 20 dagar sedan' in main_text, '"N days ago": ' + main_text[:400])
        check('dags att kontrollera' in main_text, 'the old listing is due for a check')
        check(browser.find_elements(By.CSS_SELECTOR, 'a[href="/activities/stickcafe-virkning/edit"]'), 'an Edit link')
        check('schack' not in main_text.lower(), "another association's listings are not shown")
        status, headers, _, _ = web.request('GET', '/freshness')
        check(status == 303, 'without a session /freshness sends to the login: %d' % status)
        office.shoot('freshness')

        # "Still correct", by keyboard, on the oldest listing.
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to(lambda e: e.tag_name == 'button' and e.get_attribute('aria-describedby') == 'listing-stickcafe-virkning',
                      'the first Still correct button').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/freshness?checked=stickcafe-virkning'), 'back on the page: ' + browser.current_url)
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Sparat: aktiviteten är kontrollerad i dag' in main_text, 'the check is confirmed: ' + main_text[:300])
        check('i dag' in main_text and 'Kontrollerad – visas igen' not in main_text, 'checked today')
        check(main_text.find('Stickcafé <b>tisdag</b>') < main_text.find('Virkning för nybörjare'), 'now the other one is oldest')
        office.shoot('freshness-checked')

        # The region: one line per association, then one association's list (no buttons).
        browser.delete_all_cookies()
        office.login_by_keyboard('rut@region.example', PASSWORD_REGION)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Rut logs in')
        office.go('/freshness')
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Stickcaféet i Varberg' in main_text and 'halmstad-schack' in browser.page_source, 'both associations listed')
        office.shoot('freshness-region')
        office.go('/freshness?association=varberg-stickcafe')
        check(not browser.find_elements(By.CSS_SELECTOR, 'main button'), 'the region has no Still correct buttons')
        office.shoot('freshness-region-association')
    finally:
        if browser is not None:
            browser.quit()
        for process in processes:
            process.terminate()
            try:
                process.wait(timeout=10)
            except Exception:
                process.kill()
        shutil.rmtree(root, ignore_errors=True)
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print('freshness in the browser: every check passed; screenshots in ' + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
