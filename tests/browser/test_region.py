#!/usr/bin/env python3
"""test_region.py — the region's pages of the office in a real browser (headless Chromium via selenium).

Starts a real hub (init, serve, office on loopback ports) and a real SMTP server on loopback, adds a
region user with `lotsen-hub user add`, then in the browser: enrols the real kiosk's key on the fleet
page (a bad key first: a clear error, nothing enrolled), lets the kiosk deliver a heartbeat through
the real delivery path (lotsen-outbox-driver), restarts the office an hour later (libfaketime) so the
kiosk is silent past [office] kiosk_silent_minutes — the alert e-mail arrives at the SMTP sink, once —
and again at the real time, when the "back" e-mail arrives. The follow-up page shows last month's
statistics with SVG plots (the check-ins and contact requests of that month are written straight
into hub.db: the delivery path cannot backdate them), every CSV download is byte for byte
`lotsen-hub stats --csv` for the same month, the audit log filters, and revoking asks first.
Saves a screenshot of every page at 320 and 1280 px (no sideways scrolling at 320 px).
"""
import datetime
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, mail, HTTP, the browser)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

check = T.check
PASSWORD = 'Regionens eget långa lösenord'
SITE = 'Varbergs bibliotek <b>entré</b>'


def kiosk_mails(folder, subject_part, count, seconds=60):
    """The messages whose subject contains `subject_part`, waiting up to `seconds` for `count`."""
    deadline = time.time() + seconds
    while True:
        found = [m for m in T.received_mail(folder, 1000, 0)
                 if any(subject_part in s for s in m['headers'].get('subject', []))]
        if len(found) >= count or time.time() > deadline:
            return found
        time.sleep(0.3)


def previous_month(today):
    first = today.replace(day=1)
    last = first - datetime.timedelta(days=1)
    return last.replace(day=1), last


def fill_last_month(db_path, first, region_user_id):
    """Check-ins and contact requests of last month, as the hub would have stored them."""
    db = sqlite3.connect(db_path)
    base = int(datetime.datetime(first.year, first.month, 3, 10, tzinfo=datetime.timezone.utc).timestamp())
    kiosk = db.execute('SELECT public_key FROM kiosks').fetchone()[0]
    rows = []
    plan = [('forening-a', 'promenad', 14, 0), ('forening-a', 'sprakcafe', 6, 7), ('forening-b', 'korsang', 3, 8)]
    moods = ['heavy', 'low', 'okay', 'good', 'good', 'okay']
    heard = ['kiosk', 'friend_or_family', 'healthcare', 'kiosk', 'other', '']
    n = 0
    for organisation, activity, count, day in plan:
        for i in range(count):
            at = base + day * 86400 + i * 600
            rows.append(('seed-%d' % n, kiosk, 'checkin', at, at, 1, at + 5, organisation, activity,
                         1 if i % 3 == 0 else 0, heard[i % len(heard)] or None, moods[i % len(moods)]))
            n += 1
    db.executemany('INSERT INTO events(id, kiosk, kind, created_at, created_at_corrected, clock_synchronised, received_at, '
                   'organisation_id, activity_id, first_visit, how_heard, mood) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', rows)
    for i in range(9):
        received = base + i * 3600
        event = 'seed-request-%d' % i
        handled = received + [3600, 20000, 90000, 200000, 300000, 700000, 4000, 8000, 16000][i]
        db.execute('INSERT INTO contact_requests(event_id, kiosk, organisation_id, receipt_code, sealed, received_at, handled_at) '
                   "VALUES (?, ?, 'forening-a', ?, x'00', ?, ?)", (event, kiosk, 'K%04d' % i, received, handled))
        db.execute('INSERT INTO contact_outcomes(event_id, outcome, at, user_id) VALUES (?, ?, ?, ?)',
                   (event, ['contacted', 'met', 'contacted', 'could_not_reach', 'contacted', 'declined', 'met',
                            'contacted', 'contacted'][i], handled, region_user_id))
    db.commit()
    db.close()


def main():
    args = T.arguments('--outbox-driver')
    an_hour_later = T.faked_time('+1h')
    with T.OfficeFixture(args.hub, args.screenshots, 'lotsen-region-') as fixture:
        hub = args.hub
        data = fixture.data
        base = fixture.base
        mails, mail_section = fixture.mail_sink()
        fixture.office_toml(before=mail_section + '[notices]\ninterval_minutes = 1\nregion_addresses = ["drift@region.example"]\n\n',
                            office='kiosk_silent_minutes = 15\n')
        serve_port = fixture.serve()
        driver_base, kiosk = fixture.kiosk('kiosk', args.outbox_driver, serve_port)
        kiosk_public = fixture.kiosk_public_key(kiosk)

        fixture.add_user('rut@region.example', 'Rut Region', 'region')
        start_office = fixture.start_office
        stop_office = fixture.stop_office

        office_process = start_office()
        web = fixture.web
        fixture.choose_password('rut@region.example', PASSWORD)

        office = fixture.open_browser('en', 'en')
        browser = fixture.browser

        def log_in():
            browser.delete_all_cookies()  # a session from before a restart under another clock
            office.login_by_keyboard('rut@region.example', PASSWORD)
            check(office.wait_for_url(base + '/inbox', exact=True), 'the region logs in, not ' + browser.current_url)

        log_in()
        # The navigation, by keyboard, to the fleet.
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to(lambda e: (e.get_attribute('href') or '').endswith('/fleet'), 'the fleet link').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/fleet', exact=True), 'the fleet page by keyboard')
        check('No kiosks are enrolled.' in browser.page_source, 'an empty fleet says so')

        # Enrol: a bad key first (clear error, what was typed stays), then the kiosk's real key pasted.
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to_id('site')
        office.type_keys(SITE)
        office.tab_to_id('key')
        office.type_keys('not-a-key' + Keys.ENTER)
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.notice.error'))
        error = browser.find_element(By.CSS_SELECTOR, '.notice.error').text
        check('The key cannot be used' in error and '44 characters' in error, 'a bad key is refused clearly: ' + error)
        check(browser.find_element(By.ID, 'site').get_attribute('value') == SITE, 'the site stays as typed')
        check(T.labelled(browser) == [], 'unlabelled fields on the fleet page: %s' % T.labelled(browser))
        office.shoot('region-fleet-error')
        key_field = browser.find_element(By.ID, 'key')
        key_field.clear()
        key_field.send_keys('  ' + kiosk_public + ' ' + Keys.ENTER)
        check(office.wait_for_url(base + '/fleet?enrolled=1', exact=True), 'enrolled: back on the fleet page')
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check(SITE in main_text, 'the kiosk is listed with its site, escaped: ' + main_text[:300])

        # The kiosk is heard from through the real delivery path.
        T.run(driver_base + ['--heartbeat-software', '0.9.1 <i>x</i>'])
        office.go('/fleet')
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('0.9.1 <i>x</i>' in main_text and 'SILENT' not in main_text, 'the heartbeat is shown, not silent: ' + main_text[:400])
        office.shoot('region-fleet')

        # An hour later the kiosk has been silent for more than 15 minutes: the office's first pass
        # e-mails the region, once.
        stop_office(office_process)
        office_process = start_office(an_hour_later)
        silent = kiosk_mails(mails, 'A kiosk is silent', 1)
        check(len(silent) == 1, 'the silent alert arrived: %d' % len(silent))
        if silent:
            check(sorted(silent[0]['rcpt_tos']) == ['drift@region.example', 'rut@region.example'],
                  'to the region: %s' % silent[0]['rcpt_tos'])
            check(base + '/fleet' in (silent[0]['body'] or ''), 'the alert links to the fleet page')
            check('Varbergs bibliotek' in silent[0]['headers']['subject'][0], 'the alert names the site')
        log_in()
        office.go('/fleet')
        check('SILENT' in browser.find_element(By.TAG_NAME, 'main').text, 'the fleet page marks it silent')
        office.shoot('region-fleet-silent')
        time.sleep(65)  # a second pass of the notifier ([notices] interval_minutes = 1) sends nothing again
        check(len(kiosk_mails(mails, 'A kiosk is silent', 2, 1)) == 1, 'the silent alert is not repeated')

        # Back at the real time, the kiosk was heard from minutes ago: "back", once.
        stop_office(office_process)
        office_process = start_office()
        back = kiosk_mails(mails, 'A kiosk is back', 1)
        check(len(back) == 1, 'the back alert arrived: %d' % len(back))
        log_in()

        # Follow-up: last month's statistics, plots on the server, CSV equal to the command's.
        db_path = os.path.join(data, 'hub.db')
        region_id = sqlite3.connect(db_path).execute("SELECT id FROM office_users WHERE email = 'rut@region.example'").fetchone()[0]
        first, last = previous_month(T.stockholm_today())
        fill_last_month(db_path, first, region_id)
        month = first.strftime('%Y-%m')
        office.go('/stats')
        WebDriverWait(browser, 20).until(lambda b: 'Follow-up' in b.title)
        check(browser.find_element(By.ID, 'month').get_attribute('value') == month, 'last month is chosen first')
        svgs = browser.find_elements(By.CSS_SELECTOR, 'svg.plot')
        check(len(svgs) >= 8, 'plots drawn on the server: %d' % len(svgs))
        check(browser.execute_script('return document.scripts.length') == 0, 'no script on the follow-up page')
        source = browser.page_source
        check('<td>&lt;5</td>' in source, 'a small count shows as <5')
        office.shoot('region-stats')
        details = browser.find_elements(By.TAG_NAME, 'summary')
        if details:
            details[0].click()
            office.shoot('region-stats-week')
        cookie = 'lotsen_session=' + browser.get_cookie('lotsen_session')['value']
        tables = ['', 'checkins_per_week', 'checkins_per_site', 'first_visits', 'how_heard', 'mood', 'contact_requests',
                  'contact_outcomes', 'reply_times']
        for table in tables:
            status, headers, _, body = web.request('GET', '/stats.csv?month=%s%s' % (month, '&table=' + table if table else ''),
                                                   cookie=cookie)
            command = [hub, 'stats', '--data-dir', data, '--csv', '--from', first.isoformat(), '--to', last.isoformat()]
            if table:
                command += ['--table', table]
            expected = T.run(command)
            check(status == 200 and headers.get('Content-Type', '').startswith('text/csv'), 'CSV %s: %d' % (table, status))
            check(body == expected, 'the CSV of %r equals lotsen-hub stats --csv:\n%s\n---\n%s' % (table, body, expected))
        status, _, _, _ = web.request('GET', '/stats.csv?month=%s' % T.stockholm_today().strftime('%Y-%m'), cookie=cookie)
        check(status == 404, 'the current month is not offered (it still changes): %d' % status)

        # Audit: filters by action and user; what is shown is escaped.
        office.go('/audit')
        browser.find_element(By.TAG_NAME, 'body').click()
        office.tab_to_id('filter-action')
        webdriver.ActionChains(browser).send_keys('enrol_kiosk').perform()
        office.tab_to(lambda e: e.tag_name == 'button' and e.text in ('Filter', 'Filtrera'), 'the filter button').send_keys(Keys.ENTER)
        check(office.wait_for_url(base + '/audit?', exact=False), 'the filter is applied')
        rows = browser.find_elements(By.CSS_SELECTOR, 'table.audit tbody tr')
        check(len(rows) == 1 and 'enrol_kiosk' in rows[0].text and 'Varbergs bibliotek <b>entré</b>' in rows[0].text,
              'one enrol_kiosk line, escaped: %s' % [r.text for r in rows])
        office.shoot('region-audit')
        office.go('/audit?user=%d&action=login' % region_id)
        rows = browser.find_elements(By.CSS_SELECTOR, 'table.audit tbody tr')
        check(len(rows) >= 3 and all('login' in r.text and 'Rut Region' in r.text for r in rows),
              "the region user's logins: %s" % [r.text for r in rows])

        # Revoke asks first.
        office.go('/fleet')
        browser.find_element(By.CSS_SELECTOR, 'form[action="/fleet/revoke"] button').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.ID, 'confirm-revoke'))
        check(kiosk_public in browser.page_source, 'the confirm page names the key')
        office.shoot('region-fleet-revoke')
        browser.find_element(By.ID, 'confirm-revoke').click()
        check(office.wait_for_url(base + '/fleet?revoked=1', exact=True), 'revoked: back on the fleet page')
        check('No kiosks are enrolled.' in browser.page_source, 'the revoked kiosk is gone from the fleet')
        revoked = sqlite3.connect(db_path).execute('SELECT revoked_at FROM kiosks').fetchone()[0]
        check(revoked is not None, 'the kiosk is revoked in hub.db')
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print("the region's pages in the browser: every check passed; screenshots in " + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
