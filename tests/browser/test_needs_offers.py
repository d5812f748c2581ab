#!/usr/bin/env python3
"""test_needs_offers.py — an association's "we need / we offer" in the office's profile form (headless Chromium).

Starts a real hub (keygen, init, a region catalogue of two associations published with `lotsen-hub
publish`, `office` on a loopback port with [office] publisher_key) and, in the browser: the contact
person opens the profile, finds "Vi behöver" and "Vi erbjuder" in Swedish and English (the other
languages behind "more languages"; "about us" no longer claims them), fills them — with markup that must
stay text, and a line break that must stay — previews (the texts stand in the preview, escaped), and sends. The pending change is not
published; the region user sees the new texts under "The profile changes" on /approvals, approves, and
the association's published part carries `needs` and `offers` as catalogue format 1.5 while the other
association's part is untouched. Screenshots at 320 and 1280 px.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)
import test_forms as F  # noqa: E402  (the forms test's catalogue, passwords and office)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

check = T.check
NEEDS_SV = 'Fler som vill lära ut <b>virkning</b>, och garnrester.'
NEEDS_EN = 'More people to teach crochet, and leftover yarn.'
NEEDS_AR = 'مزيد من الأشخاص لتعليم الكروشيه.'
OFFERS_SV = 'En lugn kväll med stickor,\nfika och sällskap.'  # the line break stays


def main():
    args = T.arguments()
    with T.OfficeFixture(args.hub, args.screenshots, 'lotsen-needs-') as fixture:
        data = fixture.data
        base = fixture.base
        fixture.publish(F.CATALOGUE)
        first_version = T.index_version(data)
        schack_before = T.part(data, 'schack')
        office = F.start_office(fixture)
        browser = fixture.browser

        # The contact person's profile: "we need" and "we offer" in Swedish and English, the rest folded.
        office.login_by_keyboard('anna@stickcafe.example', F.ANNA_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Anna logs in, not ' + browser.current_url)
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/profile"]').click()
        folded = 'var d = document.getElementById(arguments[0]).closest("details"); return d ? !d.open : false;'
        for element_id in ('f-organisation_needs_sv', 'f-organisation_needs_en', 'f-organisation_offers_sv',
                           'f-organisation_offers_en'):
            check(not browser.execute_script(folded, element_id), element_id + ' is open')
        for element_id in ('f-organisation_needs_ar', 'f-organisation_offers_uk'):
            check(browser.execute_script(folded, element_id), element_id + ' is behind "more languages"')
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Vi behöver' in main_text and 'Vi erbjuder' in main_text, 'the form names both fields')
        check('vad ni behöver' not in main_text, '"about us" no longer says it carries needs and offers')
        check(T.labelled(browser) == [], 'unlabelled fields on the profile: %s' % T.labelled(browser))
        T.set_field(browser, 'f-organisation_needs_sv', NEEDS_SV)
        T.set_field(browser, 'f-organisation_needs_en', NEEDS_EN)
        T.set_field(browser, 'f-organisation_offers_sv', OFFERS_SV)
        browser.find_element(By.XPATH, "//details[.//*[@id='f-organisation_needs_ar']]/summary").click()
        T.set_field(browser, 'f-organisation_needs_ar', NEEDS_AR)
        office.shoot('needs-profile-form')

        # Preview: the texts as the kiosk will read them, markup shown as text.
        browser.find_element(By.CSS_SELECTOR, 'button[value="preview"]').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.preview'))
        preview = browser.find_element(By.CSS_SELECTOR, '.preview').text
        check('Vi behöver' in preview and NEEDS_SV in preview and 'Vi erbjuder' in preview and OFFERS_SV in preview,
              'the preview shows both texts, escaped: ' + preview)
        check(not browser.find_elements(By.CSS_SELECTOR, '.preview b'), 'no markup from the text in the preview')
        check(browser.find_element(By.ID, 'f-organisation_needs_ar').get_attribute('value') == NEEDS_AR, 'what was typed stays')
        office.shoot('needs-profile-preview')
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        check(office.wait_for_url(base + '/profile?done=sent_for_approval', exact=True), 'sent for approval, not '
              + browser.current_url)
        check(T.index_version(data) == first_version, 'nothing is published before the approval')
        check(browser.find_element(By.ID, 'f-organisation_needs_sv').get_attribute('value') == NEEDS_SV,
              'the profile form builds on the pending change')

        # The region sees the new texts in the pending change and approves it.
        browser.delete_all_cookies()
        office.login_by_keyboard('rut@region.example', F.REGION_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Rut logs in')
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/approvals"]').click()
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Profilen ändras' in main_text and 'Vi behöver (nytt)' in main_text and NEEDS_SV in main_text
              and 'Vi erbjuder (nytt)' in main_text and OFFERS_SV in main_text,
              'the pending change shows what the association needs and offers: ' + main_text[:800])
        check(not browser.find_elements(By.CSS_SELECTOR, 'main section b'), 'no markup from the text on approvals')
        office.shoot('needs-approvals')
        browser.find_element(By.CSS_SELECTOR, 'form[action="/approvals/1/approve"] button').click()
        check(office.wait_for_url(base + '/approvals?approved=1', exact=True), 'approved, not ' + browser.current_url)
        check(T.index_version(data) == first_version + 1, 'the approval published the next catalogue version')
        published = T.part(data, 'stickcafe')
        organisation = published['organisations'][0]
        check(published.get('format_minor') == 5, 'the part is catalogue format 1.5: %s' % published.get('format_minor'))
        check(organisation.get('needs') == {'sv': NEEDS_SV, 'en': NEEDS_EN, 'ar': NEEDS_AR},
              'the published part says what it needs: %s' % organisation.get('needs'))
        check(organisation.get('offers') == {'sv': OFFERS_SV}, 'and what it offers: %s' % organisation.get('offers'))
        check(T.part(data, 'schack') == schack_before, 'the other association is untouched')
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print('"we need / we offer" in the browser: every check passed; screenshots in ' + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
