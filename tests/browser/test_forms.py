#!/usr/bin/env python3
"""test_forms.py — an association's forms and the region's approval in a real browser (headless Chromium).

Starts a real hub (keygen, init, a region catalogue of two associations published with `lotsen-hub
publish`, then `office` on a loopback port with [office] publisher_key), adds a region user and a
contact person with `lotsen-hub user add`, and in the browser: the contact person opens the profile and
the activities, fills a new activity's form with a cost the spreadsheet also refuses — the message
stands at the cost field, what was typed stays — corrects it, previews the card, sends; the catalogue
is not published yet (published/sources/index.json keeps its version). The region user sees the change
on /approvals, approves it: the catalogue's version goes up by one, the association's part holds the
new activity and the other association's part is untouched; the audit log has both steps.
Saves a screenshot of every new page at 320 and 1280 px (no sideways scrolling at 320 px).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

check = T.check
REGION_PASSWORD = 'Regionens eget långa lösenord'
ANNA_PASSWORD = 'Annas eget långa lösenord'

CATALOGUE = {
    'format': 'lotsen-catalogue', 'format_version': 1, 'version': 1,
    'organisations': [
        {'id': 'stickcafe', 'name': {'sv': 'Stickcaféet'}, 'municipality': 'Halmstad',
         'description': {'sv': 'Vi stickar och pratar.'}},
        {'id': 'schack', 'name': {'sv': 'Schackklubben'}, 'municipality': 'Varberg'}],
    'activities': [
        {'id': 'stickcafe-stickning', 'organisation': 'stickcafe', 'title': {'sv': 'Stickning'}, 'interests': ['crafts'],
         'schedule': {'weekly': [{'day': 'tue', 'start': '18:00', 'end': '20:00', 'from': '2026-01-01',
                                  'until': '2026-12-31'}]},
         'place': {'address': 'Storgatan 1', 'town': 'Halmstad'}},
        {'id': 'schack-kvall', 'organisation': 'schack', 'title': {'sv': 'Schackkväll'}, 'interests': ['games'],
         'schedule': {'dates': [{'date': '2026-12-05', 'start': '10:00', 'end': '12:00'}]},
         'place': {'address': 'Torget 2', 'town': 'Varberg'}}],
}


def start_office(fixture):
    """The forms' office: it publishes with the publisher key; Rut (region) and Anna (Stickcaféet's contact
    person) have chosen their passwords; Chromium in Swedish. Returns the Office that drives it."""
    fixture.office_toml(office='publisher_key = "%s"\n' % fixture.publisher_key)
    fixture.add_user('rut@region.example', 'Rut Region', 'region')
    fixture.add_user('anna@stickcafe.example', 'Anna Andersson', 'association', 'stickcafe')
    fixture.start_office()
    fixture.choose_password('rut@region.example', REGION_PASSWORD)
    fixture.choose_password('anna@stickcafe.example', ANNA_PASSWORD)
    return fixture.open_browser('sv', 'sv')


def main():
    args = T.arguments()
    with T.OfficeFixture(args.hub, args.screenshots, 'lotsen-forms-') as fixture:
        data = fixture.data
        base = fixture.base
        fixture.publish(CATALOGUE)
        first_version = T.index_version(data)
        office = start_office(fixture)
        browser = fixture.browser

        # The contact person: profile and activities in the navigation.
        office.login_by_keyboard('anna@stickcafe.example', ANNA_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Anna logs in, not ' + browser.current_url)
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/profile"]').click()
        check(browser.find_element(By.ID, 'f-organisation_name_sv').get_attribute('value') == 'Stickcaféet',
              'the profile form holds the published name')
        check(T.labelled(browser) == [], 'unlabelled fields on the profile: %s' % T.labelled(browser))
        office.shoot('forms-profile')
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/activities"]').click()
        check('Stickning' in browser.find_element(By.TAG_NAME, 'main').text, 'the activities list the published one')
        office.shoot('forms-activities')

        # A new activity, with a cost the spreadsheet refuses too.
        browser.find_element(By.CSS_SELECTOR, 'a[href="/activities/new"]').click()
        T.set_field(browser, 'f-title_sv', 'Sticka tillsammans')
        T.set_field(browser, 'f-description_sv', 'Vi stickar, fikar och hjälper varandra. <b>Alla</b> är välkomna.')
        browser.find_element(By.ID, 'f-interests-crafts').click()
        T.set_field(browser, 'f-weekly', 'tor 18-20')
        T.set_field(browser, 'f-from', '2027-01-01')
        T.set_field(browser, 'f-until', '2027-06-30')
        T.set_field(browser, 'f-place_sv', 'Stadsbiblioteket, studierummet')
        T.set_field(browser, 'f-address', 'Storgatan 1')
        T.set_field(browser, 'f-town', 'Halmstad')
        T.set_field(browser, 'f-how_to_find_us_sv', 'Andra våningen, till vänster om hissen.')
        T.set_field(browser, 'f-cost_sek', 'tjugo')
        T.set_field(browser, 'f-languages', 'svenska, arabiska')
        browser.find_element(By.ID, 'f-drop_in').click()
        check(T.labelled(browser) == [], 'unlabelled fields on the activity form: %s' % T.labelled(browser))
        office.shoot('forms-activity-new')
        browser.find_element(By.CSS_SELECTOR, 'button[value="preview"]').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.ID, 'f-cost_sek-error0'))
        error = browser.find_element(By.ID, 'f-cost_sek-error0').text
        check('"tjugo" is not a cost' in error and '"gratis"' in error, 'the spreadsheet\'s cost message at the field: ' + error)
        check(browser.find_element(By.ID, 'f-cost_sek').get_attribute('aria-invalid') == 'true', 'the cost field is marked invalid')
        check(browser.find_element(By.ID, 'f-title_sv').get_attribute('value') == 'Sticka tillsammans', 'what was typed stays')
        check(not browser.find_elements(By.CSS_SELECTOR, '.preview'), 'no preview while something is wrong')
        office.shoot('forms-activity-error')
        T.set_field(browser, 'f-cost_sek', '20 kr')
        browser.find_element(By.CSS_SELECTOR, 'button[value="preview"]').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.preview'))
        preview = browser.find_element(By.CSS_SELECTOR, '.preview').text
        check('torsdagar 18:00–20:00' in preview and 'tors 2027-01-07 18:00' in preview and '20 kr' in preview and 'arabiska (ar)' in preview
              and 'Du kan bara komma.' in preview and '<b>Alla</b>' in preview,
              'the preview reads as the kiosk would, text escaped: ' + preview)
        office.shoot('forms-activity-preview')
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        check(office.wait_for_url(base + '/activities?done=sent_for_approval', exact=True), 'sent for approval, not '
              + browser.current_url)
        check(T.index_version(data) == first_version, 'nothing is published before the approval')
        office.shoot('forms-activities-pending')
        browser.find_element(By.CSS_SELECTOR, 'a[href="/activities/stickcafe-stickning/edit"]').click()
        check(browser.find_element(By.ID, 'f-weekly').get_attribute('value') == 'tis 18:00-20:00'
              and browser.find_element(By.ID, 'f-until').get_attribute('value') == '2026-12-31',
              'the edit form holds the published schedule as a spreadsheet writes it')
        check(T.labelled(browser) == [], 'unlabelled fields on the edit form: %s' % T.labelled(browser))
        office.shoot('forms-activity-edit')

        # The region approves.
        browser.delete_all_cookies()
        office.login_by_keyboard('rut@region.example', REGION_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Rut logs in')
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/approvals"]').click()
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Läggs till: Sticka tillsammans' in main_text, 'the approval page says what changes: ' + main_text[:600])
        check(T.labelled(browser) == [], 'unlabelled fields on approvals: %s' % T.labelled(browser))
        office.shoot('forms-approvals')
        browser.find_element(By.CSS_SELECTOR, 'form[action="/approvals/1/approve"] button').click()
        check(office.wait_for_url(base + '/approvals?approved=1', exact=True), 'approved, not ' + browser.current_url)
        office.shoot('forms-approvals-done')
        check(T.index_version(data) == first_version + 1, 'the approval published the next catalogue version')
        ids = [a['id'] for a in T.part(data, 'stickcafe')['activities']]
        check(ids == ['stickcafe-stickning', 'stickcafe-sticka-tillsammans'], 'the association\'s part: %s' % ids)
        check([a['id'] for a in T.part(data, 'schack')['activities']] == ['schack-kvall'], 'the other association is untouched')
        office.go('/audit')
        audit = browser.find_element(By.TAG_NAME, 'main').text
        check('submit_change' in audit and 'approve_change' in audit, 'the audit log has both steps')
        office.shoot('forms-audit')
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print("the associations' forms in the browser: every check passed; screenshots in " + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
