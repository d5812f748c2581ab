#!/usr/bin/env python3
"""test_pictures.py — pictures in the association's forms, in a real browser (headless Chromium).

Starts a real hub (keygen, init, the forms test's region catalogue published with `lotsen-hub publish`,
`office` on a loopback port with [office] publisher_key) and, in the browser, the contact person chooses
a logo on the profile form with the file input (selenium send_keys, as a person picks a file): the
preview shows it, Send hands it to the region. On an activity, a file that is not a picture is named at
the picture's field with everything typed kept; a file over the office's limit (through the real HTTP
server, which cuts the body short) likewise; then a real picture is sent. The region sees both pictures
on /approvals (before/now), approves, and the published catalogue names them by SHA-256 in
published/files/, byte for byte the chosen files. Screenshots at 320 and 1280 px of the profile form
with its logo and of the approvals page.
"""
import hashlib
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_office as T  # noqa: E402  (the hand-over test's helpers: processes, HTTP, the browser)
import test_forms as F  # noqa: E402  (the forms test's catalogue, passwords and office)

from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

check = T.check


def png(width, height, colour):
    """A real RGB PNG: a diagonal band of `colour` on white, so the screenshot shows a picture."""
    rows = b''
    for y in range(height):
        row = bytearray(b'\x00')
        for x in range(width):
            row += bytes(colour) if abs(x * height - y * width) < width * height // 4 else b'\xff\xff\xff'
        rows += bytes(row)

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def loaded_images(browser, selector):
    """How many of the matching <img> elements the browser really decoded (naturalWidth > 0)."""
    return browser.execute_script(
        'return Array.from(document.querySelectorAll(arguments[0])).filter(i => i.complete && i.naturalWidth > 0).length',
        selector)


def main():
    args = T.arguments()
    with T.OfficeFixture(args.hub, args.screenshots, 'lotsen-pictures-') as fixture:
        data = fixture.data
        base = fixture.base
        root = fixture.root
        fixture.publish(F.CATALOGUE)
        first_version = T.index_version(data)
        files = {
            'logo': os.path.join(root, 'logo.png'),
            'photo': os.path.join(root, 'stickning.png'),
            'not_a_picture': os.path.join(root, 'inbjudan.png'),
            'too_large': os.path.join(root, 'enorm.png'),
        }
        with open(files['logo'], 'wb') as f:
            f.write(png(240, 160, (0x1f, 0x5f, 0xa8)))
        with open(files['photo'], 'wb') as f:
            f.write(png(400, 300, (0xc0, 0x3a, 0x2b)))
        with open(files['not_a_picture'], 'wb') as f:
            f.write(b'GIF89a this is an invitation, not a PNG <script>alert(1)</script>')
        with open(files['too_large'], 'wb') as f:
            f.write(os.urandom(3 << 20))  # over the office's 2.5 MiB for a form with a picture

        office = F.start_office(fixture)
        browser = fixture.browser

        # The logo, chosen with the file input, previewed, sent.
        office.login_by_keyboard('anna@stickcafe.example', F.ANNA_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Anna logs in, not ' + browser.current_url)
        office.go('/profile')
        check('Ingen bild än.' in browser.find_element(By.ID, 'f-logo').text, 'no logo yet')
        browser.find_element(By.ID, 'f-logo-file').send_keys(files['logo'])
        browser.find_element(By.CSS_SELECTOR, 'button[value="preview"]').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, '.preview img.picture'))
        check(loaded_images(browser, '.preview img.picture') == 1 and loaded_images(browser, '#f-logo img.picture') == 1,
              'the preview and the field show the uploaded logo, decoded by the browser')
        check(T.labelled(browser) == [], 'unlabelled fields on the profile: %s' % T.labelled(browser))
        office.shoot('pictures-profile-logo')
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        check(office.wait_for_url(base + '/profile?done=sent_for_approval', exact=True), 'the logo was sent, not ' + browser.current_url)
        check(loaded_images(browser, '#f-logo img.picture') == 1, 'the profile form shows the waiting logo')

        # An activity's picture: a file that is not a picture, one too large, then a real one.
        office.go('/activities/stickcafe-stickning/edit')
        T.set_field(browser, 'f-title_sv', 'Stickning <i>på tisdagar</i>')
        browser.find_element(By.ID, 'f-image-file').send_keys(files['not_a_picture'])
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.ID, 'f-image-error0'))
        error = browser.find_element(By.ID, 'f-image-error0').text
        check('"inbjudan.png" är ingen bild som kiosken kan visa' in error, 'the reason at the picture: ' + error)
        check(browser.find_element(By.ID, 'f-title_sv').get_attribute('value') == 'Stickning <i>på tisdagar</i>',
              'what was typed stays')
        check(browser.find_element(By.ID, 'f-image-file').get_attribute('aria-invalid') == 'true', 'the file input is marked')
        office.shoot('pictures-activity-refused')
        browser.find_element(By.ID, 'f-image-file').send_keys(files['too_large'])
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        # The answer is a new page: a <main> found while the old one is still up goes stale under the wait.
        WebDriverWait(browser, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
            lambda b: 'större än kontoret tar emot' in b.find_element(By.TAG_NAME, 'main').text)
        check(browser.find_element(By.ID, 'f-title_sv').get_attribute('value') == 'Stickning <i>på tisdagar</i>',
              'a body over the limit keeps every field before the picture')
        browser.find_element(By.ID, 'f-image-file').send_keys(files['photo'])
        browser.find_element(By.CSS_SELECTOR, 'button[value="send"]').click()
        check(office.wait_for_url(base + '/activities?done=sent_for_approval', exact=True), 'sent, not ' + browser.current_url)
        check(T.index_version(data) == first_version, 'nothing is published before the approval')

        # The region sees both pictures, before and now, and approves.
        browser.delete_all_cookies()
        office.login_by_keyboard('rut@region.example', F.REGION_PASSWORD)
        check(office.wait_for_url(base + '/inbox', exact=True), 'Rut logs in')
        browser.find_element(By.CSS_SELECTOR, 'nav a[href="/approvals"]').click()
        main_text = browser.find_element(By.TAG_NAME, 'main').text
        check('Bilder som ändras' in main_text and 'Logotyp' in main_text and '(ingen)' in main_text,
              'the approval page says which pictures change: ' + main_text[:800])
        check(loaded_images(browser, 'main img.picture') == 2, 'both new pictures are shown, decoded')
        office.shoot('pictures-approvals')
        browser.find_element(By.CSS_SELECTOR, 'form[action="/approvals/1/approve"] button').click()
        check(office.wait_for_url(base + '/approvals?approved=1', exact=True), 'approved, not ' + browser.current_url)
        check(T.index_version(data) == first_version + 1, 'the approval published the next catalogue version')
        stickcafe = T.part(data, 'stickcafe')
        for what, image in (('logo', stickcafe['organisations'][0].get('logo')),
                            ('photo', next(a for a in stickcafe['activities'] if a['id'] == 'stickcafe-stickning').get('image'))):
            with open(files[what], 'rb') as f:
                chosen = f.read()
            check(image is not None and image['sha256'] == hashlib.sha256(chosen).hexdigest(), 'the published %s is the chosen file' % what)
            if image:
                with open(os.path.join(data, 'published', 'files', image['sha256'] + '.png'), 'rb') as f:
                    check(f.read() == chosen, 'published/files holds the %s byte for byte' % what)
    if T.failures:
        print('%d check(s) failed' % len(T.failures))
        return 1
    print("pictures in the forms, in the browser: every check passed; screenshots in " + args.screenshots)
    return 0


if __name__ == '__main__':
    sys.exit(main())
