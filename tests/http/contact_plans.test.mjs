// Contact planning through the JSON API (contact-planning.md): a manager
// makes a plan with an exception, a CSR connects two customers and gives
// one a non-activity period, the manager runs a generation as a job, and
// the CSR works the list — status filters, recalculation after "line
// busy", final statuses, "my next call", manual entries and the iCalendar
// export; then bad input, unknown ids and roles. Every JSON answer is
// checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  apiCall,
  createCustomer,
  createToken,
  loggedInClient,
  pathTemplateOf,
  sleep,
  startServer,
  validateAgainstOpenApi,
} from '../support/harness.mjs';

const hex = (n) => crypto.randomBytes(n).toString('hex');
const DAY_MS = 86_400_000;
// The UTC date `offset` days from today, "YYYY-MM-DD". The plan contacts
// every day, so which day is "today" where the customer lives only moves
// entries, never removes them.
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const MINUTE_MS = 60_000;
// The calendar day of an instant in Toronto, where the demo CSR works.
const torontoDay = (instant) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(instant));
const BUSY_DELAY_MINUTES = 30;

const PARIS = () => ({
  given_name: 'Amélie',
  family_name: `Plan-${hex(3)}`,
  language: 'fr',
  address: { line1: '3 rue de la Paix', postal_code: '75002', city: 'Paris', country: 'FR' },
  phones: [{ type: 'mobile', number: '06 98 76 54 32' }],
});
const TORONTO = () => ({
  given_name: 'Bruce',
  family_name: `Plan-${hex(3)}`,
  language: 'en',
  address: { line1: '100 King St W', postal_code: 'M5X 1A9', city: 'Toronto', region: 'ON', country: 'CA' },
  phones: [{ type: 'work', number: '+1 416 555 0199' }],
});

describe(`contact planning API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let fulfilment;
  let conseiller;
  let csrId;
  let amelie;  // on the plan all day (00:00–24:00, Paris)
  let bruce;   // on the plan 09:00–12:00 Toronto, closed day(1)–day(2)
  let plan;
  let generation;  // the finished job

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'plans')).token;
    csr = (await createToken(server, 'csr', 'plans')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'plans')).token;
    conseiller = (await createToken(server, 'conseiller', 'plans')).token;
    csrId = (await apiCall(server, 'GET', '/api/v1/me', { token: csr })).body.id;
    amelie = (await createCustomer(server, csr, PARIS())).customer;
    bruce = (await createCustomer(server, csr, TORONTO())).customer;
  });
  after(async () => {
    await server?.stop();
  });

  const call = (method, target, token, json) => apiCall(server, method, target, { token, json });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  // Every entry of a list query, page after page.
  async function allEntries(query, { token = csr, limit = 50 } = {}) {
    const items = [];
    let cursor = null;
    for (let i = 0; i < 100; ++i) {
      const q = `${query}&limit=${limit}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
      const page = expectStatus(await call('GET', `/api/v1/plan-entries?${q}`, token), 200, q);
      assert.ok(page.items.length <= limit, 'at most limit items per page');
      items.push(...page.items);
      cursor = page.next_cursor;
      if (cursor === null) return items;
    }
    assert.fail(`the list ${query} never ran out of pages`);
  }
  const entryOf = (entries, customer, date) =>
    entries.find((e) => e.customer_id === customer.id && e.contact_date === date);
  // A calendar: the status, the text, and the answer checked against the document.
  async function calendar(target, token) {
    const res = await new Client(server).get(target, { headers: { authorization: `Bearer ${token}` } });
    const template = pathTemplateOf(new URL(target, 'http://x').pathname);
    const problem = res.contentType.startsWith('application/problem+json');
    validateAgainstOpenApi('GET', template, res.status, res.contentType, problem ? JSON.parse(res.text) : res.text);
    return res;
  }

  test('a manager creates a plan (201, code upper-cased); the plan lists and reads back', async () => {
    const res = await call('POST', '/api/v1/contact-plans', manager, {
      code: `t${hex(3)}`,
      name_en: 'Daily order intake',
      name_fr: 'Prise de commande quotidienne',
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      valid_from: day(-30),
      responsible_user_id: csrId,
      recalculation: { busy: { delay_minutes: BUSY_DELAY_MINUTES, max_attempts: 2 } },
    });
    plan = expectStatus(res, 201, 'creating the plan');
    assert.equal(res.headers.get('location'), `/api/v1/contact-plans/${plan.id}`);
    assert.match(plan.code, /^T[0-9A-F]{6}$/);
    assert.deepEqual(plan.weekdays, [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(plan.purpose, 'order_intake');
    assert.equal(plan.every_weeks, 1);
    assert.equal(plan.valid_to, null);
    assert.equal(plan.default_status, 90);
    assert.equal(plan.responsible_user_id, csrId);
    assert.deepEqual(plan.recalculation, {
      unavailable: null, busy: { delay_minutes: BUSY_DELAY_MINUTES, max_attempts: 2 }, call_back: null,
    });
    assert.equal(plan.active, true);

    const list = expectStatus(await call('GET', '/api/v1/contact-plans?active=true', csr), 200, 'list');
    assert.ok(list.items.some((p) => p.id === plan.id && p.code === plan.code));
    const fr = expectStatus(await call('GET', `/api/v1/contact-plans/${plan.id}`, conseiller), 200, 'read');
    assert.equal(fr.plan.name, 'Prise de commande quotidienne', 'the name in the reader\'s language');
  });

  test('an exception, two customers and a non-activity period', async () => {
    const holiday = expectStatus(await call('POST', `/api/v1/contact-plans/${plan.id}/exceptions`, manager, {
      from: day(4), kind: 'no_contact', reason: 'Public holiday',
    }), 201, 'the exception');
    assert.equal(holiday.to, day(4), 'a single day when `to` is left out');
    assert.equal(holiday.moved_to, null);

    const a = await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr, {
      customer_id: amelie.id, earliest: '00:00', latest: '24:00',
    });
    expectStatus(a, 201, 'connecting Amélie');
    assert.equal(a.headers.get('location'), `/api/v1/contact-info/${a.body.id}`);
    assert.equal(a.body.phone, '+33698765432', 'the customer\'s primary phone, in E.164');
    assert.equal(a.body.zone, 'Europe/Paris');
    assert.equal(a.body.earliest, '00:00');
    assert.equal(a.body.latest, '24:00');
    const b = expectStatus(await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr, {
      customer_id: bruce.id, earliest: '09:00', latest: '12:00', note: 'Ask for the buyer',
    }), 201, 'connecting Bruce');
    assert.equal(b.zone, 'America/Toronto');
    assert.equal(b.method, 'phone');

    const twice = await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr, { customer_id: amelie.id });
    assert.equal(twice.status, 409, twice.text);
    assert.equal(twice.body.code, 'contact_info.already_on_plan');
    assert.equal(twice.body.field, 'customer_id');

    const closed = expectStatus(await call('POST', `/api/v1/customers/${bruce.id}/non-activity`, csr, {
      from: day(1), to: day(2), reason: 'Closed for stocktaking',
    }), 201, 'the non-activity period');
    assert.equal(closed.customer_id, bruce.id);
    const periods = expectStatus(await call('GET', `/api/v1/customers/${bruce.id}/non-activity`, csr), 200, 'periods');
    assert.deepEqual(periods.items, [closed]);

    const view = expectStatus(await call('GET', `/api/v1/contact-plans/${plan.id}`, csr), 200, 'the plan');
    assert.deepEqual(view.exceptions, [holiday]);
    assert.deepEqual(view.contact_infos.map((i) => i.customer_id).sort(), [amelie.id, bruce.id].sort());
    assert.equal(view.responsible_name, 'Sam Carter');
  });

  test('a generation runs as a job: exceptions, then non-activity, then entries; a second run adds nothing', async () => {
    const params = { plans: [plan.id], from: day(-1), to: day(5) };
    const started = await call('POST', '/api/v1/plan-generations', manager, params);
    expectStatus(started, 202, 'starting the generation');
    assert.equal(started.body.url, `/api/v1/jobs/${started.body.job_id}`);
    assert.equal(started.headers.get('location'), started.body.url);
    assert.deepEqual(started.body.params.plans, [plan.id]);

    const waitFor = async (url) => {
      for (let i = 0; i < 300; ++i) {
        const job = expectStatus(await call('GET', url, manager), 200, 'the job');
        if (job.finished) return job;
        await sleep(100);
      }
      assert.fail(`the job ${url} did not finish within 30 s`);
    };
    generation = await waitFor(started.body.url);
    assert.equal(generation.status, 'done', generation.message);
    assert.equal(generation.kind, 'plan_generation');
    assert.equal(generation.percent, 100);
    assert.equal(generation.done, generation.total);
    // 7 days × 2 customers; day(4) is a holiday for both, Bruce is closed day(1) and day(2).
    assert.equal(generation.counts.created, 10, JSON.stringify(generation.counts));
    assert.equal(generation.counts.skipped_by_exception, 2);
    assert.equal(generation.counts.skipped_by_non_activity, 2);
    assert.equal(generation.counts.already_present, 0);
    assert.equal(typeof generation.message, 'string');

    const again = await call('POST', '/api/v1/plan-generations', manager, params);
    expectStatus(again, 202, 'the same generation again');
    const second = await waitFor(again.body.url);
    assert.equal(second.status, 'done');
    assert.equal(second.counts.created, 0, 'generation is idempotent');
    assert.equal(second.counts.already_present, 10);

    const cancel = await call('POST', `${again.body.url}/cancel`, manager);
    assert.equal(cancel.status, 409, 'a finished job cannot be cancelled');
    assert.equal(cancel.body.code, 'job.already_finished');

    // Without dates: the next 7 days. A simulation counts and writes nothing.
    const simulated = await call('POST', '/api/v1/plan-generations', manager, { simulate: true });
    expectStatus(simulated, 202, 'a simulation');
    const { from, to, plans } = simulated.body.params;
    assert.equal((Date.parse(to) - Date.parse(from)) / DAY_MS, 6);
    assert.ok(plans.includes(plan.id), 'every active plan when none is named');
    const job = await waitFor(simulated.body.url);
    assert.equal(job.status, 'done');
    assert.equal(job.message_key, 'generation.simulated');
    assert.equal((await allEntries(`plan=${plan.id}`)).length, 10, 'nothing written');
  });

  test('the list filters by plan and status, pages by cursor, and shows each customer\'s window and zone', async () => {
    const planned = await allEntries(`plan=${plan.id}&status=10`, { limit: 3 });
    assert.equal(planned.length, 10);
    assert.equal(new Set(planned.map((e) => e.id)).size, 10, 'no entry twice across pages');
    const times = planned.map((e) => Date.parse(e.next_contact_at));
    assert.deepEqual(times, [...times].sort((x, y) => x - y), 'sorted by next contact time');
    for (const e of planned) {
      assert.equal(e.status, 10);
      assert.equal(e.status_label, 'Planned');
      assert.equal(e.attempt, 1);
      assert.equal(e.open, true);
      assert.equal(e.responsible_user_id, csrId);
      assert.ok(![day(4)].includes(e.contact_date), 'nothing on the holiday');
    }
    assert.equal(entryOf(planned, bruce, day(1)), undefined, 'nothing while Bruce is closed');
    const b = entryOf(planned, bruce, day(3));
    assert.deepEqual(b.window, { earliest: '09:00', latest: '12:00' });
    assert.equal(b.zone, 'America/Toronto');
    assert.equal(b.next_contact_local, `${day(3)} 09:00`, 'the window opens at 09:00 in Toronto');
    assert.equal(b.phone, '+14165550199');
    const hours = (Date.parse(b.window_ends_at) - Date.parse(b.planned_at)) / 3_600_000;
    assert.equal(hours, 3, 'planned at the window\'s start, which ends three hours later');
    const a = entryOf(planned, amelie, day(0));
    assert.deepEqual(a.window, { earliest: '00:00', latest: '24:00' });
    assert.equal(a.zone, 'Europe/Paris');

    const none = expectStatus(await call('GET', `/api/v1/plan-entries?plan=${plan.id}&status=20,21`, csr), 200, 'busy');
    assert.deepEqual(none.items, []);
    // The days of the list are the CSR's days (Sam is in Toronto), by next
    // contact time: Bruce's day(0) at 09:00 Toronto, then Amélie's day(1),
    // due at 00:00 in Paris — 18:00 on day(0) in Toronto.
    const mine = await allEntries(`plan=${plan.id}&user=me&from=${day(0)}&to=${day(0)}`);
    assert.deepEqual(mine.map((e) => [e.customer_id, e.contact_date]),
                     [[bruce.id, day(0)], [amelie.id, day(1)]]);
    for (const e of mine) assert.equal(torontoDay(e.next_contact_at), day(0), `${e.id} is due on day(0) in Toronto`);
    const bruces = await allEntries(`customer=${bruce.id}`);
    assert.equal(bruces.length, 4);
  });

  test('status 20 recalculates the next contact time (plan rule: 30 minutes); the second exhausts the attempts', async () => {
    const entries = await allEntries(`plan=${plan.id}&status=10`);
    const entry = entryOf(entries, amelie, day(2));
    const t0 = Date.now();
    const res = await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 20, note: 'Engaged', version: entry.version,
    });
    const t1 = Date.now();
    const outcome = expectStatus(res, 200, 'status 20');
    assert.equal(outcome.entry.status, 20);
    assert.equal(outcome.entry.status_label, 'Line busy');
    assert.equal(outcome.entry.attempt, 2);
    assert.equal(outcome.entry.result_note, 'Engaged');
    assert.equal(outcome.attempts_exhausted, false);
    assert.equal(outcome.contacted_outside_window, false, 'her window is the whole day');
    const next = Date.parse(outcome.entry.next_contact_at);
    const delay = BUSY_DELAY_MINUTES * MINUTE_MS;
    assert.ok(next >= Math.floor(t0 / 1000) * 1000 + delay - 1000 && next <= t1 + delay + 1000,
              `next contact ${outcome.entry.next_contact_at} is now + ${BUSY_DELAY_MINUTES} minutes`);

    const busy = await allEntries(`plan=${plan.id}&status=20,21`);
    assert.deepEqual(busy.map((e) => e.id), [entry.id]);
    assert.equal(busy[0].next_contact_at, outcome.entry.next_contact_at);

    const stale = await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 20, version: entry.version,
    });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.body.code, 'record.stale');

    const last = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 20, version: outcome.entry.version,
    }), 200, 'second status 20');
    assert.equal(last.attempts_exhausted, true);
    assert.equal(last.entry.status, 93);
    assert.equal(last.entry.open, false);
    assert.ok(last.warnings.some((w) => w.code === 'plan_entry.warning.attempts_exhausted'));

    const fr = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}`, conseiller), 200, 'the entry in French');
    assert.deepEqual(fr.events.map((e) => e.status), [93, 20]);
    assert.equal(fr.events[1].status_label, 'Ligne occupée');
    assert.equal(fr.contact_info.customer_id, amelie.id);
    assert.ok(fr.interactions.some((i) => i.channel === 'call' && i.direction === 'outbound'),
              'each status logs a call on the customer');
  });

  test('with opening hours set, a busy customer reachable at any time is called again at opening, not at midnight', async () => {
    const admin = (await createToken(server, 'admin', 'hours')).token;
    // Now in Paris (the installation's zone and Amélie's), in minutes.
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date()).map((p) => [p.type, p.value]));
    const nowMinutes = Number(parts.hour) * 60 + Number(parts.minute);
    const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    // Hours that start after now + the 30-minute delay: today's opening
    // before 20:00, else 01:00–02:00, which today has passed: tomorrow's.
    const early = nowMinutes < 20 * 60;
    const opens = early ? nowMinutes + 120 : 60;
    const hours = { opens: hhmm(opens), closes: hhmm(opens + 60) };
    const settings = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings');
    assert.equal(settings.opens, '00:00', 'always open by default');
    assert.equal(settings.closes, '24:00');
    const bad = await call('PUT', '/api/v1/settings', admin, { opens: '20:00', closes: '08:00', version: settings.version });
    assert.equal(bad.status, 422, bad.text);
    assert.equal(bad.body.errors.find((e) => e.field === 'closes')?.code, 'settings.closes_before_opens', bad.text);
    const unread = await call('PUT', '/api/v1/settings', admin, { opens: '8h', version: settings.version });
    assert.equal(unread.status, 422, unread.text);
    assert.equal(unread.body.errors.find((e) => e.field === 'opens')?.code, 'field.time_invalid', unread.text);
    let saved = expectStatus(await call('PUT', '/api/v1/settings', admin, { ...hours, version: settings.version }), 200, 'hours');
    assert.equal(saved.opens, hours.opens);
    assert.equal(saved.closes, hours.closes);
    try {
      const entry = entryOf(await allEntries(`plan=${plan.id}&status=10`), amelie, day(1));
      const outcome = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
        status: 20, version: entry.version,
      }), 200, 'status 20');
      // The day Paris is in now (early), or the next one.
      const expectedDay = new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + (early ? 0 : 1)))
        .toISOString().slice(0, 10);
      assert.equal(outcome.entry.next_contact_local, `${expectedDay} ${hours.opens}`,
        `at opening in Paris, not at now + 30 minutes: ${JSON.stringify(outcome.entry)}`);
    } finally {
      saved = expectStatus(await call('GET', '/api/v1/settings', admin), 200, 'settings');
      expectStatus(await call('PUT', '/api/v1/settings', admin, { opens: '00:00', closes: '24:00', version: saved.version }), 200, 'always open again');
    }
  });

  test('status 92 is final: the entry leaves the open list and cannot change again (409)', async () => {
    const entries = await allEntries(`plan=${plan.id}&status=10`);
    const entry = entryOf(entries, amelie, day(3));
    const done = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 92, note: 'No order this week', version: entry.version,
    }), 200, 'status 92');
    assert.equal(done.entry.status, 92);
    assert.equal(done.entry.next_contact_at, entry.next_contact_at, 'no recalculation');

    const open = await allEntries(`plan=${plan.id}&status=10,11,20,21`);
    assert.ok(!open.some((e) => e.id === entry.id), 'not in the open list');
    const closed = await allEntries(`plan=${plan.id}&status=92`);
    assert.deepEqual(closed.map((e) => e.id), [entry.id]);

    const again = await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 11, version: done.entry.version,
    });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.code, 'contact_plan.entry_final');
  });

  test('status 21 keeps the time the customer asked for, with a warning outside the window; not in the past', async () => {
    const entries = await allEntries(`plan=${plan.id}&status=10`);
    const entry = entryOf(entries, bruce, day(3));
    const set = (json) => call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, json);
    const past = await set({ status: 21, callback_at: `${day(-1)}T15:00:00Z`, version: entry.version });
    assert.equal(past.status, 422, past.text);
    assert.equal(past.body.code, 'contact_plan.callback_in_past');
    assert.equal(past.body.field, 'callback_at');
    const badTime = await set({ status: 21, callback_at: 'tomorrow at noon', version: entry.version });
    assert.equal(badTime.status, 422, badTime.text);
    assert.equal(badTime.body.field, 'callback_at');

    // 20:00 UTC is 15:00 or 16:00 in Toronto: after Bruce's 09:00–12:00 window.
    const callback = `${day(3)}T20:00:00Z`;
    const outcome = expectStatus(await set({ status: 21, callback_at: callback, version: entry.version }), 200, '21');
    assert.equal(outcome.entry.status, 21);
    assert.equal(outcome.entry.status_label, 'Call back later');
    assert.equal(outcome.entry.next_contact_at, callback);
    assert.equal(outcome.outside_window, true);
    assert.ok(outcome.warnings.some((w) => w.code === 'plan_entry.warning.callback_outside_window' &&
                                           w.detail.includes('09:00') && w.detail.includes('12:00')),
              JSON.stringify(outcome.warnings));

    // A call-back moved to another day is on that day's list, with its original date.
    const later = `${day(5)}T15:00:00Z`;  // 10:00 or 11:00 in Toronto, inside the window
    const moved = expectStatus(await set({ status: 21, callback_at: later, version: outcome.entry.version }), 200, 'moved');
    const onDay5 = await allEntries(`plan=${plan.id}&from=${day(5)}&to=${day(5)}`);
    const found = onDay5.find((e) => e.id === entry.id);
    assert.ok(found, "the call-back is on day(5)'s list");
    assert.equal(found.contact_date, day(3), 'with its original contact date');
    assert.equal(found.next_contact_at, moved.entry.next_contact_at);
    const onDay3 = await allEntries(`plan=${plan.id}&from=${day(3)}&to=${day(3)}`);
    assert.ok(!onDay3.some((e) => e.id === entry.id), "no longer on day(3)'s list");

    // A call-back on the public holiday, inside Bruce's hours: the warning
    // gives the real reason — not a contact day — not "outside the window".
    const holiday = expectStatus(await set({ status: 21, callback_at: `${day(4)}T15:00:00Z`,
                                             version: moved.entry.version }), 200, 'on the holiday');
    assert.equal(holiday.not_a_contact_day, true);
    assert.equal(holiday.outside_window, false);
    const codes = holiday.warnings.map((w) => w.code);
    assert.ok(codes.includes('plan_entry.warning.callback_not_contact_day'), JSON.stringify(codes));
    assert.ok(!codes.includes('plan_entry.warning.callback_outside_window'), JSON.stringify(codes));
  });

  test('a manager reopens a final entry with a reason; a CSR may not; an open entry is not reopened', async () => {
    const entries = await allEntries(`plan=${plan.id}&status=10`);
    const entry = entryOf(entries, amelie, day(5));
    const done = expectStatus(await call('POST', `/api/v1/plan-entries/${entry.id}/status`, csr, {
      status: 92, note: 'Pressed by mistake', version: entry.version,
    }), 200, 'status 92');
    const reopen = (token, json) => call('POST', `/api/v1/plan-entries/${entry.id}/reopen`, token, json);
    assert.equal((await reopen(csr, { reason: 'Mine', version: done.entry.version })).status, 403, 'CSRs do not reopen');
    const noReason = await reopen(manager, { reason: '  ', version: done.entry.version });
    assert.equal(noReason.status, 422, noReason.text);
    assert.equal(noReason.body.code, 'plan_entry.reason_required');
    const stale = await reopen(manager, { reason: 'Set by mistake', version: entry.version });
    assert.equal(stale.status, 409, stale.text);

    const t0 = Date.now();
    const open = expectStatus(await reopen(manager, { reason: 'Set by mistake', version: done.entry.version }), 200, 'reopen');
    assert.equal(open.status, 10);
    assert.equal(open.open, true);
    assert.equal(open.attempt, done.entry.attempt, 'the attempts made are kept');
    assert.ok(Date.parse(open.next_contact_at) >= Math.floor(t0 / 1000) * 1000, 'due from now on');
    const listed = await allEntries(`plan=${plan.id}&status=10`);
    assert.ok(listed.some((e) => e.id === entry.id), 'in the open list again');
    const view = expectStatus(await call('GET', `/api/v1/plan-entries/${entry.id}`, manager), 200, 'the entry');
    assert.equal(view.events[0].status, 10);
    assert.equal(view.events[0].note, 'Set by mistake', 'the reason is in its history');

    const again = await reopen(manager, { reason: 'Twice', version: open.version });
    assert.equal(again.status, 422, again.text);
    assert.equal(again.body.code, 'plan_entry.not_final');
  });

  test('my next call: an open entry of mine whose window is open now; 204 for someone with none', async () => {
    const res = await call('GET', '/api/v1/plan-entries/next', csr);
    const next = expectStatus(res, 200, 'the CSR\'s next call');
    const now = Date.now();
    assert.equal(next.open, true);
    assert.equal(next.responsible_user_id, csrId);
    assert.ok(Date.parse(next.next_contact_at) <= now + 1000, 'due');
    assert.ok(Date.parse(next.window_ends_at) > now - 1000, 'its window is open');

    const nobody = await call('GET', '/api/v1/plan-entries/next', manager);
    assert.equal(nobody.status, 204, nobody.text);
    assert.equal(nobody.text, '');
  });

  test('a manual entry is refused on a holiday or a closed day, made otherwise, and not twice', async () => {
    const add = (json) => call('POST', '/api/v1/plan-entries', csr, json);
    const closed = await add({ plan_id: plan.id, customer_id: bruce.id, date: day(1) });
    assert.equal(closed.status, 422, closed.text);
    assert.equal(closed.body.code, 'plan_entry.blocked_by_non_activity');
    assert.equal(closed.body.field, 'date');
    const holiday = await add({ plan_id: plan.id, customer_id: bruce.id, date: day(4) });
    assert.equal(holiday.status, 422, holiday.text);
    assert.equal(holiday.body.code, 'plan_entry.blocked_by_exception');

    const made = await add({ plan_id: plan.id, customer_id: bruce.id, date: day(6), time: '10:30' });
    const entry = expectStatus(made, 201, 'the manual entry');
    assert.equal(made.headers.get('location'), `/api/v1/plan-entries/${entry.id}`);
    assert.equal(entry.status, 10);
    assert.equal(entry.next_contact_local, `${day(6)} 10:30`);
    const twice = await add({ plan_id: plan.id, customer_id: bruce.id, date: day(6) });
    assert.equal(twice.status, 409, twice.text);
    assert.equal(twice.body.code, 'plan_entry.exists');

    const missing = await add({ plan_id: plan.id });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e) => e.field).sort(), ['customer_id', 'date']);
  });

  test('the calendars have one VEVENT per scheduled open contact', async () => {
    const open = await allEntries(`plan=${plan.id}&status=10,11,20,21`);
    const now = Date.now();
    const scheduled = open.filter((e) => Date.parse(e.window_ends_at) > now).length;
    assert.ok(scheduled >= 5, `${scheduled} scheduled contacts`);

    const res = await calendar(`/api/v1/contact-plans/${plan.id}/calendar.ics`, csr);
    assert.equal(res.status, 200, res.text);
    assert.match(res.contentType, /^text\/calendar/);
    assert.match(res.text, /^BEGIN:VCALENDAR/);
    assert.match(res.text, /END:VCALENDAR\s*$/);
    assert.equal((res.text.match(/^BEGIN:VEVENT/gm) ?? []).length, scheduled);
    assert.match(res.text, new RegExp(`SUMMARY:${plan.code}`));

    const mine = await calendar(`/api/v1/plan-entries/calendar.ics?user=${csrId}`, csr);
    assert.equal(mine.status, 200, mine.text);
    assert.equal((mine.text.match(/^BEGIN:VEVENT/gm) ?? []).length, scheduled, 'all are the CSR\'s');
    const unknown = await calendar('/api/v1/contact-plans/999999/calendar.ics', csr);
    assert.equal(unknown.status, 404);
    // An unknown plan or user is not an empty calendar, on either face.
    for (const query of ['plan=999999', 'user=999999'])
      assert.equal((await calendar(`/api/v1/plan-entries/calendar.ics?${query}`, csr)).status, 404, query);
    const page = await loggedInClient(server, 'csr');
    assert.equal((await page.get(`/plans/${plan.id}/calendar.ics`)).status, 200);
    const missing = await page.get('/plans/999999/calendar.ics');
    assert.equal(missing.status, 404, missing.text.slice(0, 200));
    assert.doesNotMatch(missing.text, /BEGIN:VCALENDAR/);
  });

  test('a plan without a weekday is refused with 422 naming weekdays; bad members are named too', async () => {
    const res = await call('POST', '/api/v1/contact-plans', manager, {
      code: `w${hex(2)}`, name_en: 'No days', valid_from: day(0),
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.field, 'weekdays');
    assert.equal(res.body.code, 'contact_plan.weekdays_required');
    assert.ok(res.body.errors.some((e) => e.field === 'weekdays'));

    const many = await call('POST', '/api/v1/contact-plans', manager, {
      code: 'much too long a code', weekdays: [], valid_from: day(0), valid_to: day(-1),
      recalculation: { busy: { delay_minutes: 0, max_attempts: 2 } },
    });
    assert.equal(many.status, 422, many.text);
    const fields = many.body.errors.map((e) => e.field);
    for (const f of ['code', 'name_en', 'weekdays', 'valid_to', 'recalculation.busy.delay_minutes'])
      assert.ok(fields.includes(f), `${f} is named in ${JSON.stringify(fields)}`);

    for (const [body, field] of [[{ weekdays: [0] }, 'weekdays.0'], [{ weekdays: 'Mon' }, 'weekdays'], [{ weekdays: [1, 'Tue'] }, 'weekdays.1'],
                                 [{ valid_from: '2026-02-30' }, 'valid_from'], [{ purpose: 'sales' }, 'purpose'],
                                 [{ default_status: 10 }, 'default_status']]) {
      const bad = await call('POST', '/api/v1/contact-plans', manager, {
        code: `b${hex(2)}`, name_en: 'Bad', weekdays: [1], valid_from: day(0), ...body,
      });
      assert.equal(bad.status, 422, `${JSON.stringify(body)}: ${bad.text}`);
      assert.equal(bad.body.field, field, JSON.stringify(body));
    }
  });

  test('PUT changes a plan with the version read; a stale version is a 409', async () => {
    const current = expectStatus(await call('GET', `/api/v1/contact-plans/${plan.id}`, manager), 200, 'read').plan;
    const saved = expectStatus(await call('PUT', `/api/v1/contact-plans/${plan.id}`, manager, {
      name_en: 'Daily order intake (renamed)', version: current.version,
    }), 200, 'PUT');
    assert.equal(saved.name_en, 'Daily order intake (renamed)');
    assert.equal(saved.code, plan.code, 'members left out are kept');
    assert.deepEqual(saved.weekdays, plan.weekdays);
    assert.ok(saved.version > current.version);
    const stale = await call('PUT', `/api/v1/contact-plans/${plan.id}`, manager, {
      name_en: 'Lost update', version: current.version,
    });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.body.code, 'record.stale');
    const noVersion = await call('PUT', `/api/v1/contact-plans/${plan.id}`, manager, { name_en: 'x' });
    assert.equal(noVersion.status, 422);
    assert.equal(noVersion.body.field, 'version');
  });

  test('exceptions, contact info and non-activity periods can be changed and removed', async () => {
    const extra = expectStatus(await call('POST', `/api/v1/contact-plans/${plan.id}/exceptions`, manager, {
      from: day(10), kind: 'moved', moved_to: day(11), reason: 'Moved',
    }), 201, 'a moved day');
    const target = `/api/v1/contact-plans/${plan.id}/exceptions/${extra.id}`;
    assert.equal((await call('DELETE', target, manager)).status, 204);
    assert.equal((await call('DELETE', target, manager)).status, 404);
    const moved = await call('POST', `/api/v1/contact-plans/${plan.id}/exceptions`, manager, {
      from: day(10), kind: 'moved',
    });
    assert.equal(moved.status, 422, moved.text);
    assert.equal(moved.body.field, 'moved_to');

    const view = expectStatus(await call('GET', `/api/v1/contact-plans/${plan.id}`, csr), 200, 'the plan');
    const info = view.contact_infos.find((i) => i.customer_id === bruce.id);
    const put = (json) => call('PUT', `/api/v1/contact-info/${info.id}`, csr, json);
    const saved = expectStatus(await put({
      earliest: '08:30', latest: '11:00', note: 'Call the shop', version: info.version,
    }), 200, 'PUT contact info');
    assert.equal(saved.earliest, '08:30');
    assert.equal(saved.note, 'Call the shop');
    assert.equal((await put({ note: 'late', version: info.version })).status, 409);
    const backwards = await put({ earliest: '12:00', latest: '11:00', version: saved.version });
    assert.equal(backwards.status, 422, backwards.text);
    assert.equal(backwards.body.field, 'latest');
    const badPhone = await put({ phone: '12', version: saved.version });
    assert.equal(badPhone.status, 422, badPhone.text);
    assert.equal(badPhone.body.field, 'phone');

    const period = expectStatus(await call('POST', `/api/v1/customers/${amelie.id}/non-activity`, csr, {
      from: day(20), to: day(25), reason: 'Holidays',
    }), 201, 'a period');
    const periodUrl = `/api/v1/customers/${amelie.id}/non-activity/${period.id}`;
    assert.equal((await call('DELETE', periodUrl, csr)).status, 204);
    assert.equal((await call('DELETE', periodUrl, csr)).status, 404);
    const bad = await call('POST', `/api/v1/customers/${amelie.id}/non-activity`, csr, {
      from: day(5), to: day(1),
    });
    assert.equal(bad.status, 422, bad.text);
    assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['reason', 'to']);
  });

  test('bad filters and bad generation parameters are 422 naming the field', async () => {
    for (const [query, field] of [['status=15', 'status'], ['status=abc', 'status'], ['plan=x', 'plan'],
                                  ['from=2026-13-01', 'from'], ['limit=0', 'limit'], ['cursor=zz', 'cursor'],
                                  [`from=${day(3)}&to=${day(1)}`, 'to'], ['user=-4', 'user']]) {
      const res = await call('GET', `/api/v1/plan-entries?${query}`, csr);
      assert.equal(res.status, 422, `${query}: ${res.text}`);
      assert.equal(res.body.field, field, query);
    }
    for (const [json, field] of [[{ from: day(3), to: day(1) }, 'to'], [{ plans: [999999] }, 'plans'],
                                 [{ from: day(0), to: day(120) }, 'to'], [{ plans: 'all' }, 'plans'],
                                 [{ from: 'tomorrow' }, 'from']]) {
      const res = await call('POST', '/api/v1/plan-generations', manager, json);
      assert.equal(res.status, 422, `${JSON.stringify(json)}: ${res.text}`);
      assert.equal(res.body.field, field, JSON.stringify(json));
    }
    const status = await call('POST', `/api/v1/plan-entries/1/status`, csr, { status: 55, version: 1 });
    assert.equal(status.status, 422, status.text);
    assert.equal(status.body.field, 'status');
  });

  test('roles: CSRs do not manage plans or generations; fulfilment does not work the lists', async () => {
    const plan403 = await call('POST', '/api/v1/contact-plans', csr, {
      code: `c${hex(2)}`, name_en: 'CSR plan', weekdays: [1], valid_from: day(0),
    });
    assert.equal(plan403.status, 403, plan403.text);
    assert.equal(plan403.body.kind, 'forbidden');
    const exception = await call('POST', `/api/v1/contact-plans/${plan.id}/exceptions`, csr, { from: day(8) });
    assert.equal(exception.status, 403);
    const gen = await call('POST', '/api/v1/plan-generations', csr, { plans: [plan.id] });
    assert.equal(gen.status, 403);
    assert.equal((await call('GET', `/api/v1/jobs/${generation.id}`, csr)).status, 403);
    assert.equal((await call('GET', '/api/v1/plan-entries', fulfilment)).status, 403);
    assert.equal((await call('GET', '/api/v1/contact-plans', fulfilment)).status, 403);
    assert.equal((await call('GET', '/api/v1/plan-entries/next', fulfilment)).status, 403);
    assert.equal((await call('GET', '/api/v1/contact-plans')).status, 401);
  });

  test('unknown ids are 404', async () => {
    for (const target of ['/api/v1/contact-plans/999999', '/api/v1/contact-plans/abc', '/api/v1/plan-entries/999999',
                          '/api/v1/jobs/999999', `/api/v1/customers/999999/non-activity`]) {
      const res = await call('GET', target, manager);
      assert.equal(res.status, 404, `${target}: ${res.text}`);
    }
    const info = await call('POST', '/api/v1/contact-plans/999999/contact-info', csr, { customer_id: amelie.id });
    assert.equal(info.status, 404, info.text);
    const status = await call('POST', '/api/v1/plan-entries/999999/status', csr, { status: 20, version: 1 });
    assert.equal(status.status, 404, status.text);
    assert.equal((await call('DELETE', '/api/v1/contact-info/999999', csr)).status, 404);
    const customer = await call('POST', `/api/v1/contact-plans/${plan.id}/contact-info`, csr, { customer_id: 999999 });
    assert.equal(customer.status, 422, customer.text);
    assert.equal(customer.body.field, 'customer_id');
  });
});
