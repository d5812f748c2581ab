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
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)

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


def main():
    args = T.arguments()
    with T.OfficeFixture(args.hub, args.screenshots, 'lotsen-freshness-') as fixture:
        base = fixture.base
        web = fixture.web
        today = T.stockholm_today()
        with open(fixture.path('stickcafe.json'), 'w', encoding='utf-8') as f:
            json.dump(part(today), f, ensure_ascii=False)
        fixture.publish(fixture.path('stickcafe.json'), '--association', 'varberg-stickcafe')
        examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'docs', 'examples')
        fixture.publish(os.path.join(examples, 'schack.csv'))

        fixture.office_toml(office='remind_after_days = 180\n')
        fixture.add_user('anna@stickcafe.example', 'Anna Andersson', 'association', 'varberg-stickcafe')
        fixture.add_user('rut@region.example', 'Rut Region', 'region')
        fixture.start_office()
        fixture.choose_password('anna@stickcafe.example', PASSWORD)
        fixture.choose_password('rut@region.example', PASSWORD_REGION)
        office = fixture.open_browser('sv', 'sv-SE,sv')
        browser = fixture.browser

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
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print('freshness in the browser: every check passed; screenshots in ' + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
