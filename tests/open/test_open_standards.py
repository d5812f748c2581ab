#!/usr/bin/env python3
"""test_open_standards.py — the hub's open standards against the real thing (issue 20).

Makes a real hub (`lotsen-hub keygen`, `init`, `publish` of the demo catalogue), then:
- `lotsen-hub export hsds` and `GET /v1/hsds.json` on a running `lotsen-hub serve` give the same JSON,
  and it validates against the HSDS 3.0 schema files taken verbatim from the Open Referral
  specification (hsds-3.0/, $refs resolved among them; formats such as uuid checked) with Debian's
  python3-jsonschema; documents made invalid on purpose are refused, so the validation can fail;
- every association's and every site's feed under /feeds/ parses with Debian's python3-icalendar, lists
  exactly the occurrences the catalogue's schedules give in the window (computed here on their own, in
  Europe/Stockholm time), with texts that round-trip escaping and lines folded at 75 octets;
- docs/openapi.yaml is OpenAPI 3.1 and lists exactly the routes the server has (`serve --routes`), both
  ways, and the running server answers every one of them.
The hub runs under libfaketime at a fixed date, so the demo catalogue's schedules are in the window.
"""
import argparse
import datetime
import glob
import hashlib
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid
import zoneinfo

import icalendar
import jsonschema
import yaml

FAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'
# Started here and then running (libfaketime's "@"): at an odd minute, so no occurrence starts exactly
# at the end of the window while the hub's clock moves on by a few seconds.
NOW = datetime.datetime(2026, 12, 1, 11, 7, 0, tzinfo=datetime.timezone.utc)
WINDOW_DAYS = 90
STOCKHOLM = zoneinfo.ZoneInfo('Europe/Stockholm')
WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print('FAIL: ' + message, flush=True)
    return condition


def faked_env():
    asan = os.environ.get('ASAN_OPTIONS', '')
    return dict(os.environ, LD_PRELOAD=FAKETIME, FAKETIME='@' + NOW.strftime('%Y-%m-%d %H:%M:%S'),
                FAKETIME_DONT_FAKE_MONOTONIC='1', TZ='UTC',
                ASAN_OPTIONS=(asan + ':' if asan else '') + 'verify_asan_link_order=0')


def run(command, env=None):
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        raise SystemExit('%s failed (%d):\n%s%s' % (' '.join(command), done.returncode, done.stdout, done.stderr))
    return done.stdout


# --- HSDS ---------------------------------------------------------------------------------------

def hsds_validators(schema_dir):
    """Validators for HSDS organizations and services, resolving $refs among the component files."""
    store = {}
    for path in glob.glob(os.path.join(schema_dir, '*.json')):
        with open(path, encoding='utf-8') as f:
            store['file://' + os.path.abspath(path)] = json.load(f)

    def validator(name):
        uri = 'file://' + os.path.abspath(os.path.join(schema_dir, name))
        schema = store[uri]
        resolver = jsonschema.RefResolver(base_uri=uri, referrer=schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver,
                                               format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return validator('organization.json'), validator('service.json')


def hsds_errors(document, organization, service):
    """Every schema error in an export: the array of organizations, each service checked on its own too
    (HSDS's compiled organization nests services; the component organization.json does not list them)."""
    errors = []
    if not isinstance(document, list):
        return ['the document is not an array of organizations']
    for i, org in enumerate(document):
        errors += ['[%d]: %s' % (i, e.message) for e in organization.iter_errors(org)]
        for j, svc in enumerate(org.get('services', []) if isinstance(org, dict) else []):
            errors += ['[%d].services[%d]: %s' % (i, j, e.message) for e in service.iter_errors(svc)]
    return errors


def check_hsds(document, catalogue, schema_dir):
    organization, service = hsds_validators(schema_dir)
    errors = hsds_errors(document, organization, service)
    check(not errors, 'the HSDS export validates: ' + '; '.join(errors[:5]))
    check(len(document) == len(catalogue['organisations']), 'one HSDS organization per association')
    services = sum(len(org['services']) for org in document)
    check(services == len(catalogue['activities']), 'one HSDS service per activity: %d' % services)
    ids = [org['id'] for org in document] + [s['id'] for org in document for s in org['services']]
    check(len(ids) == len(set(ids)), 'HSDS ids are unique')
    check([org['id'] for org in document] == [hsds_uuid('organization', o['id']) for o in catalogue['organisations']],
          'organization ids are the documented name-based UUIDs')
    schedules = sum(len(s['schedules']) for org in document for s in org['services'])
    expected = sum(len(a['schedule'].get('weekly', [])) + len(a['schedule'].get('dates', [])) for a in catalogue['activities'])
    check(schedules == expected, 'one HSDS schedule per weekly rule or date: %d of %d' % (schedules, expected))
    accessible = [loc for org in document for loc in org['locations'] if loc['accessibility']]
    check(accessible, 'locations carry accessibility')
    languages = [lang['code'] for org in document for s in org['services'] for lang in s['languages']]
    check('ar' in languages and 'sv' in languages, 'services carry their languages')

    # Documents made wrong on purpose are refused: a missing required member, a value outside an
    # enumeration, an id that is not a UUID, a wrong type deep inside a nested schedule.
    broken = json.loads(json.dumps(document))
    del broken[0]['name']
    check(hsds_errors(broken, organization, service), 'an organization without a name is refused')
    broken = json.loads(json.dumps(document))
    broken[0]['services'][0]['status'] = 'open'
    check(hsds_errors(broken, organization, service), 'a service status outside the enumeration is refused')
    broken = json.loads(json.dumps(document))
    broken[1]['id'] = 'halmstad-promenadvannerna'
    check(hsds_errors(broken, organization, service), 'an id that is not a UUID is refused')
    broken = json.loads(json.dumps(document))
    broken[0]['services'][0]['schedules'][0]['interval'] = 'every week'
    check(hsds_errors(broken, organization, service), 'a schedule interval that is not a number is refused')
    broken = json.loads(json.dumps(document))
    broken[0]['locations'][0]['location_type'] = 'building'
    check(hsds_errors(broken, organization, service), 'a location type outside the enumeration is refused')


# --- iCalendar ----------------------------------------------------------------------------------

def parse_date(text):
    return datetime.date.fromisoformat(text)


def local_instant(day, hhmm):
    hour, minute = (int(x) for x in hhmm.split(':'))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=STOCKHOLM).astimezone(datetime.timezone.utc)


def expected_starts(activity):
    """The occurrence starts of one activity in the feed window, from its schedule alone."""
    begin = datetime.datetime(NOW.year, NOW.month, NOW.day, tzinfo=datetime.timezone.utc) - datetime.timedelta(days=1)
    end = NOW + datetime.timedelta(days=WINDOW_DAYS)
    schedule = activity['schedule']
    cancelled = {parse_date(d) for d in schedule.get('cancelled', [])}
    starts = set()
    for rule in schedule.get('weekly', []):
        first, last = parse_date(rule['from']), parse_date(rule['until'])
        every = rule.get('every_weeks', 1)
        week_of_first = first - datetime.timedelta(days=first.weekday())
        day = max(first, (begin - datetime.timedelta(days=2)).date())
        while day <= min(last, end.date()):
            if WEEKDAYS[day.weekday()] == rule['day'] and ((day - week_of_first).days // 7) % every == 0 and day not in cancelled:
                starts.add(local_instant(day, rule['start']))
            day += datetime.timedelta(days=1)
    for single in schedule.get('dates', []):
        day = parse_date(single['date'])
        if day not in cancelled:
            starts.add(local_instant(day, single['start']))
    return {s for s in starts if begin <= s < end}


def fetch(port, path):
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    connection.request('GET', path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader('Content-Type', ''), body


def title_of(activity):
    return activity['title'].get('sv', next(iter(activity['title'].values())))


def hsds_uuid(kind, key):
    """The id hub/export/hsds.cpp gives: BLAKE2b-128 of "lotsen:<kind>:<key>" as a version 8 UUID."""
    digest = bytearray(hashlib.blake2b(('lotsen:%s:%s' % (kind, key)).encode(), digest_size=16).digest())
    digest[6] = (digest[6] & 0x0F) | 0x80
    digest[8] = (digest[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(digest)))


def check_feed(port, path, activities, name=None):
    """One feed: parses, CRLF and folded, named `name` (or named at all), and lists for each activity
    exactly the occurrences its schedule gives, with its title. Returns the number of events."""
    status, content_type, body = fetch(port, path)
    if not check(status == 200, '%s answers 200: %d' % (path, status)):
        return 0
    check(content_type.startswith('text/calendar'), '%s is text/calendar: %s' % (path, content_type))
    lines = body.split(b'\r\n')
    check(lines[-1] == b'' and all(b'\n' not in line for line in lines), '%s ends every line with CRLF' % path)
    check(all(len(line) <= 75 for line in lines), '%s folds lines at 75 octets' % path)
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except ValueError as error:
        check(False, '%s parses as iCalendar: %s' % (path, error))
        return 0
    calendar_name = str(calendar.get('X-WR-CALNAME', ''))
    check(calendar_name == name if name is not None else calendar_name != '',
          '%s is named %r: %r' % (path, name, calendar_name))
    by_id = {a['id']: a for a in activities}
    got = {}
    for event in calendar.walk('VEVENT'):
        uid = str(event.get('UID'))
        activity_id = uid[:-len('@lotsen')].rsplit('-', 1)[0] if uid.endswith('@lotsen') else ''
        if not check(activity_id in by_id, '%s: an event of another activity: %r' % (path, uid)):
            continue
        start = event.decoded('DTSTART')
        check(str(event.get('SUMMARY')) == title_of(by_id[activity_id]),
              '%s: %s has its title, escaping undone: %r' % (path, activity_id, str(event.get('SUMMARY'))))
        place = by_id[activity_id]['place']
        where = ', '.join(part for part in [place.get('name', {}).get('sv', ''), place['address'], place['town']] if part)
        check(str(event.get('LOCATION')) == where,
              '%s: %s is at its place, escaping undone: %r' % (path, activity_id, str(event.get('LOCATION'))))
        check(event.decoded('DTEND') > start, '%s: %s ends after it starts' % (path, activity_id))
        check(uid == '%s-%s@lotsen' % (activity_id, start.strftime('%Y%m%dT%H%M%SZ')),
              '%s: the UID the kiosk gives the same occurrence: %s' % (path, uid))
        got.setdefault(activity_id, set()).add(start)
    for activity_id, activity in by_id.items():
        expected = expected_starts(activity)
        check(got.get(activity_id, set()) == expected,
              '%s: %s has the occurrences its schedule gives (%d expected, %d listed)' %
              (path, activity_id, len(expected), len(got.get(activity_id, set()))))
    return sum(len(v) for v in got.values())


def check_feeds(port, catalogue, document):
    events = 0
    for organisation in catalogue['organisations']:
        activities = [a for a in catalogue['activities'] if a['organisation'] == organisation['id']]
        events += check_feed(port, '/feeds/association/%s.ics' % organisation['id'], activities,
                             organisation['name'].get('sv', next(iter(organisation['name'].values()))))
    check(events > 100, 'the association feeds list the demo occurrences: %d' % events)
    check(any(',' in a['place'].get('name', {}).get('sv', '') for a in catalogue['activities']),
          'some demo place name has a comma, so escaping is exercised')
    # Sites: every HSDS location of the export, with every activity of any association held there,
    # found through the ids the export gives (computed here on their own).
    service_location = {}
    for org in document:
        for svc in org['services']:
            service_location[svc['id']] = svc['service_at_locations'][0]['location_id']
    sites = {}
    for activity in catalogue['activities']:
        service_id = hsds_uuid('service', activity['organisation'] + '/' + activity['id'])
        if check(service_id in service_location, 'the export has service %s for %s' % (service_id, activity['id'])):
            sites.setdefault(service_location[service_id], []).append(activity)
    check(len(sites) > 5, 'the export has sites: %d' % len(sites))
    site_events = 0
    for location_id, activities in sites.items():
        site_events += check_feed(port, '/feeds/site/%s.ics' % location_id, activities)
    check(site_events == events, 'the site feeds together list every occurrence once: %d of %d' % (site_events, events))
    for path in ['/feeds/association/nobody.ics', '/feeds/site/00000000-0000-8000-8000-000000000000.ics',
                 '/feeds/association/halmstad-promenadvannerna', '/feeds/other/x.ics']:
        status, _, _ = fetch(port, path)
        check(status == 404, '%s is 404: %d' % (path, status))


# --- OpenAPI ------------------------------------------------------------------------------------

def check_openapi(hub, port, openapi_path, catalogue, document, published):
    with open(openapi_path, encoding='utf-8') as f:
        spec = yaml.safe_load(f)
    check(spec.get('openapi') == '3.1.0', 'docs/openapi.yaml is OpenAPI 3.1.0')
    documented = {(method.upper(), path) for path, item in spec['paths'].items() for method in item
                  if method in ('get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace')}
    served = set()
    for line in run([hub, 'serve', '--routes']).splitlines():
        method, path = line.split(' ', 1)
        served.add((method, path))
    check(documented - served == set(), 'every documented route is served: missing %s' % sorted(documented - served))
    check(served - documented == set(), 'every served route is documented: missing %s' % sorted(served - documented))
    for path, item in spec['paths'].items():
        for name in re.findall(r'{(\w+)}', path):
            check(any(p.get('name') == name and p.get('in') == 'path' for p in item['get'].get('parameters', [])),
                  '%s documents its path parameter %s' % (path, name))
    # The running server answers each one (no "no such endpoint").
    with open(os.path.join(published, 'manifest.json'), encoding='utf-8') as f:
        manifest = json.loads(__import__('base64').b64decode(json.load(f)['payload']))
    values = {'file': manifest['catalogue']['file'], 'organisation': catalogue['organisations'][0]['id'],
              'location': document[0]['locations'][0]['id']}
    for method, path in sorted(served):
        concrete = re.sub(r'{(\w+)}', lambda m: values[m.group(1)], path)
        if method == 'GET':
            status, _, _ = fetch(port, concrete)
            check(status == 200, 'GET %s answers 200: %d' % (concrete, status))
        else:
            connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
            connection.request(method, concrete, body=b'{}', headers={'Content-Type': 'application/json'})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            # Unsigned, so refused — but by the route itself, not as an unknown endpoint.
            check(response.status == 401 and b'no such endpoint' not in body,
                  '%s %s reaches its route: %d %r' % (method, concrete, response.status, body[:80]))
    status, _, _ = fetch(port, '/v1/nothing-here')
    check(status == 404, 'an unlisted path is 404')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--hub', required=True)
    parser.add_argument('--source', required=True)
    args = parser.parse_args()
    catalogue_path = os.path.join(args.source, 'assets', 'demo', 'catalogue.json')
    with open(catalogue_path, encoding='utf-8') as f:
        catalogue = json.load(f)
    schema_dir = os.path.join(args.source, 'tests', 'open', 'hsds-3.0', 'schema')

    with tempfile.TemporaryDirectory(prefix='lotsen-open-') as temp:
        keys, data = os.path.join(temp, 'keys'), os.path.join(temp, 'hub')
        run([args.hub, 'keygen', '--out-dir', keys])
        run([args.hub, 'init', '--data-dir', data])
        run([args.hub, 'publish', 'catalogue', catalogue_path, '--data-dir', data, '--key', os.path.join(keys, 'publisher.key')],
            env=faked_env())
        exported = os.path.join(temp, 'hsds.json')
        run([args.hub, 'export', 'hsds', '--data-dir', data, '--out', exported])
        with open(exported, 'rb') as f:
            exported_bytes = f.read()
        document = json.loads(exported_bytes)
        check_hsds(document, catalogue, schema_dir)
        # The same catalogue as a file gives the same export, but for the logos: only a published
        # catalogue has them as files the hub serves.
        from_file = json.loads(run([args.hub, 'export', 'hsds', '--catalogue', catalogue_path]))
        logos = [org.pop('logo') for org in document if 'logo' in org]
        check(logos and all(re.fullmatch(r'/v1/files/[0-9a-f]{64}\.png', logo) for logo in logos),
              'published logos are the files the hub serves: %s' % logos)
        check(from_file == document, 'export --catalogue FILE gives what export --data-dir gives, logos aside')
        document = json.loads(exported_bytes)

        serve = subprocess.Popen([args.hub, 'serve', '--data-dir', data, '--listen', '127.0.0.1:0', '--quiet'],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=faked_env())
        try:
            line = serve.stdout.readline()
            match = re.match(r'listening on 127\.0\.0\.1:(\d+)', line)
            if not match:
                raise SystemExit('serve did not start: %r %s' % (line, serve.stderr.read()))
            port = int(match.group(1))
            status, content_type, body = fetch(port, '/v1/hsds.json')
            check(status == 200 and content_type == 'application/json', 'GET /v1/hsds.json: %d %s' % (status, content_type))
            check(body == exported_bytes, 'GET /v1/hsds.json gives what export hsds wrote')
            check_feeds(port, catalogue, document)
            check_openapi(args.hub, port, os.path.join(args.source, 'docs', 'openapi.yaml'), catalogue, document,
                          os.path.join(data, 'published'))
        finally:
            serve.terminate()
            serve.wait(timeout=30)

    if failures:
        print('%d check(s) failed' % len(failures))
        return 1
    print('all open-standard checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
