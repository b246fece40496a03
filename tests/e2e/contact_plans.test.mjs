// In a real browser: a manager makes a contact plan on its pages (the plan
// form, an exception, two customers connected by number — one in Paris, one
// in Toronto), and generates its entries on a job page with a progress bar;
// a CSR opens "my next call" with the key n, sets 20 (line busy) and sees the
// next contact time in the customer's local time, is warned outside the
// customer's window but may go on, and sets 92 — the entry leaves the open
// list. The same in French, with an entry made by hand before a generation
// that then finds it already present. Takes docs/screenshots/plan-generation.png,
// contact-list.png and contact-entry.png.
//
// Times depend on the clock: one customer's window is the whole day
// (00:00–23:59) and the other's a single minute twelve hours from now, so
// that one is always open and the other always closed. The in-window customer
// lives in the CSR's own zone (Sam Carter: Toronto; Camille Lefèvre: Paris)
// so that the entry is on the CSR's "today" list. (00:00–23:59 leaves one
// minute a day, 23:59 local, in which the in-window call is not open: a run
// in that minute fails.)
//
// The active list must also fit the design's 1280 px (UI.md: "works at
// 1280 px wide"): checked last in each CSR test, so that it hides nothing else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_PASSWORD,
  createCustomer,
  createToken,
  launchBrowser,
  newPage,
  runCli,
  screenshot,
  startServer,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 60_000;
const PARIS = 'Europe/Paris';
const TORONTO = 'America/Toronto';

const ELISE = {
  given_name: 'Élise', family_name: 'Marchand', language: 'fr',
  address: { line1: '18 rue de Rivoli', postal_code: '75004', city: 'Paris', country: 'FR' },
  phones: [{ type: 'work', number: '01 42 72 18 30' }],
};
const OWEN = {
  given_name: 'Owen', family_name: 'Fraser', language: 'en',
  address: { line1: '250 Front St W', postal_code: 'M5V 3L9', city: 'Toronto', region: 'ON', country: 'CA' },
  phones: [{ type: 'mobile', number: '+1 416 555 0178' }],
};

// ---------------------------------------------------------------------------
// Dates and times as the pages show them

// The local date (YYYY-MM-DD), time (HH:MM) and minutes of the day in `zone`.
function local(zone, ms = Date.now()) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    time: `${p.hour}:${p.minute}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

function addDays(iso, n) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const hhmm = (minutes) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// A date as the pages write it (ICU's medium style: "Nov 23, 2026", "23 nov. 2026").
function mediumDate(iso, lang) {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));
}

// An instant as the contacting page writes it in `zone`: the time alone
// today, the date and time on another day.
function whenIn(ms, zone, nowMs, lang) {
  const t = local(zone, ms);
  return t.date === local(zone, nowMs).date ? t.time : `${mediumDate(t.date, lang)} ${t.time}`;
}

// The next contact time after "line busy" set between t0 and t1 (ms) with
// `delay` minutes, in a 00:00–23:59 window on every day, as the page writes
// it: now + delay, or the next day's 00:00 when that falls in 23:59–24:00.
function nextContactTexts(t0, t1, delay, zone, lang) {
  const out = new Set();
  for (let t = t0; ; t = Math.min(t + 30_000, t1)) {
    const at = t + delay * 60_000;
    const l = local(zone, at);
    out.add(l.minutes >= 23 * 60 + 59 ? `${mediumDate(addDays(l.date, 1), lang)} 00:00` : whenIn(at, zone, t, lang));
    if (t === t1) break;
  }
  return [...out];
}

// The clock times (HH:MM) in `zone` between t0 and t1.
function clockTexts(t0, t1, zone) {
  return [...new Set([local(zone, t0).time, local(zone, t1).time])];
}

// A one-minute window twelve hours away from the current local time in
// `zone`, and what the contacting page says about it now.
function farWindow(zone) {
  const start = ((Math.floor(local(zone).minutes / 60) + 12) % 24) * 60;
  return { earliest: hhmm(start), latest: hhmm(start + 1), start };
}

// ---------------------------------------------------------------------------
// Page helpers

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

// What went wrong on a page, less the job page's last progress poll, which leaving a page may cancel.
const real = (problems) =>
  problems.filter((p) => !/\/jobs\/\d+\/progress net::ERR_ABORTED/.test(p));

async function logIn(page, login, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

const idIn = (page, re) => {
  const m = re.exec(new URL(page.url()).pathname);
  assert.ok(m, `${page.url()} matches ${re}`);
  return Number(m[1]);
};

// Fills and saves /plans/new; returns the new plan's id (on its page).
async function createPlan(page, t, { code, nameEn, nameFr, validFrom, responsible, busyDelay }) {
  await page.goto('/plans');
  await page.getByRole('link', { name: t.newPlan, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/plans/new');
  assert.equal(await text(page.locator('main h1')), t.newPlan);
  await page.locator('#code').fill(code);
  await page.locator('#name_en').fill(nameEn);
  await page.locator('#name_fr').fill(nameFr);
  const days = page.locator('#weekdays input[name="weekdays"]');
  assert.equal(await days.count(), 7);
  for (let i = 0; i < 7; ++i) await days.nth(i).check();
  await page.locator('#valid_from').fill(validFrom);
  await page.locator('#responsible_user').selectOption({ label: responsible });
  await page.locator('#busy_delay').fill(String(busyDelay));
  await page.locator('#busy_attempts').fill('5');
  await page.locator('main form[action="/plans"]').getByRole('button', { name: t.save, exact: true }).click();
  await page.waitForURL((u) => /^\/plans\/\d+$/.test(u.pathname));
  const id = idIn(page, /^\/plans\/(\d+)$/);
  assert.equal(await text(page.locator('main [role="status"]').first()), t.saved);
  assert.equal(await text(page.locator('main h1')), `${code} — ${t.lang === 'fr' ? nameFr : nameEn}`);
  const facts = await text(page.getByTestId('plan-facts'));
  assert.ok(facts.includes(`${t.allDays} · ${t.everyWeek}`), facts);
  assert.ok(facts.includes(responsible), facts);
  return id;
}

// The plan page's "Add an exception" form: no contact on `day`.
async function addException(page, t, planId, day, reason) {
  await page.locator('#exceptions summary').click();
  await page.locator('#exception-kind').selectOption('no_contact');
  await page.locator('#exception-from').fill(day);
  await page.locator('#exception-reason').fill(reason);
  await page.locator(`#exceptions form[action="/plans/${planId}/exceptions"]`)
    .getByRole('button', { name: t.addException, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/plans/${planId}` && u.searchParams.get('saved') === '1');
  const rows = page.getByTestId('exceptions-table').locator('tbody tr');
  assert.equal(await rows.count(), 1);
  const cells = (await rows.first().locator('td').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(cells.slice(0, 3), [mediumDate(day, t.lang), t.noContact, reason]);
}

// The plan page's "Connect a customer" form, by customer number; the
// customer's own phone is taken. Checks the plan's customer table.
async function connect(page, t, planId, customer, window, phoneShown) {
  await page.locator('#customers summary').click();
  await page.locator('#connect-customer').fill(String(customer.id));
  await page.locator('#connect-earliest').fill(window.earliest);
  await page.locator('#connect-latest').fill(window.latest);
  await page.locator(`#customers form[action="/plans/${planId}/customers"]`)
    .getByRole('button', { name: t.connect, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/plans/${planId}` && u.searchParams.get('saved') === '1');
  const row = page.getByTestId('plan-customers').locator('tbody tr', {
    has: page.locator(`a[href="/customers/${customer.id}"]`),
  });
  assert.equal(await row.count(), 1, `customer ${customer.id} is on the plan`);
  const cells = (await row.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.equal(cells[1], customer.display_name);
  assert.equal(cells[3], phoneShown);
  assert.equal(cells[4], `${window.earliest}–${window.latest} ${customer.time_zone}`);
}

// From the plan page: the generation form for this plan and the dates, then
// the job page until it is done. Returns the job panel's facts.
async function generate(page, t, planId, from, to) {
  await page.goto(`/plans/${planId}`);
  await page.locator('main .page-head').getByRole('link', { name: t.generationTitle, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/plans/generate');
  assert.equal(await text(page.locator('main h1')), t.generationTitle);
  assert.ok(await page.locator(`input[name="plans"][value="${planId}"]`).isChecked(), 'the plan is checked');
  await page.locator('#from').fill(from);
  await page.locator('#to').fill(to);
  await page.locator('main form[action="/plans/generate"]').getByRole('button', { name: t.generate, exact: true }).click();
  await page.waitForURL((u) => /^\/jobs\/\d+$/.test(u.pathname));
  assert.equal(await text(page.locator('main h1')), t.jobTitle);
  const job = page.getByTestId('job');
  await page.waitForFunction(
    () => ['done', 'failed', 'cancelled'].includes(document.querySelector('[data-testid="job"]')?.dataset.status),
    null, { timeout: 20_000 });
  assert.equal(await job.getAttribute('data-status'), 'done', await text(job));
  const bar = job.locator('progress');
  assert.equal(await bar.count(), 1, 'the job page has a progress bar');
  assert.ok(await bar.isVisible(), 'the progress bar is visible');
  assert.equal(await bar.getAttribute('max'), '100');
  assert.equal(await bar.evaluate((p) => p.value), 100, 'the bar is full');
  const panel = await text(job);
  assert.match(panel, /100 %/);
  assert.ok(panel.includes(t.jobDone), panel);
  const counts = Object.fromEntries(await job.locator('dl.facts').evaluate((dl) =>
    [...dl.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])));
  const message = await text(job.locator('[role="status"]'));
  return { job, counts, message };
}

// The rows of the active list now shown: [{id, status, customer, cells}].
async function listRows(page) {
  return page.locator('#plan-entry-results tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    id: Number(tr.dataset.entryId),
    status: tr.dataset.status,
    customer: tr.querySelector('[data-testid="entry-customer"]').textContent.trim(),
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim()),
  })));
}

// The list filtered with its form (customer number, dates); waits until the
// results show only that customer's rows.
async function filterList(page, t, { customer, from, to }) {
  await page.goto('/plan-entries');
  assert.equal(await text(page.locator('main h1')), t.callsTitle);
  const form = page.getByTestId('plan-entry-filter');
  if (customer !== undefined) await form.locator('#customer').fill(String(customer.id));
  await form.locator('#from').fill(from);
  await form.locator('#to').fill(to);
  await form.getByRole('button', { name: t.show, exact: true }).click();
  await page.waitForFunction(([name, from, to]) => {
    const u = new URL(location.href);
    if (u.searchParams.get('from') !== from || u.searchParams.get('to') !== to) return false;
    const rows = [...document.querySelectorAll('#plan-entry-results tbody tr')];
    return rows.length > 0 && (!name || rows.every((tr) =>
      tr.querySelector('[data-testid="entry-customer"]').textContent.trim() === name));
  }, [customer?.display_name ?? '', from, to], { timeout: 10_000 });
  return listRows(page);
}

// The design's "works at 1280 px wide": on the active list the rows' Open
// buttons are on screen and the page does not scroll sideways.
async function fitsTheWidth(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const open = [...document.querySelectorAll('#plan-entry-results [data-testid="open-entry"]')];
    return {
      width: root.clientWidth,
      sideways: root.scrollWidth - root.clientWidth,
      openRight: Math.max(0, ...open.map((a) => Math.round(a.getBoundingClientRect().right))),
    };
  });
}

function assertFits(fit, what) {
  assert.ok(fit.sideways <= 0 && fit.openRight <= fit.width,
    `${what} fits in ${fit.width} px: the page scrolls ${fit.sideways} px sideways, ` +
    `the Open buttons end at ${fit.openRight} px`);
}

// Presses a status key on the contacting page and waits for the swapped
// entry; returns [t0, t1], the time around the change.
async function pressStatusKey(page, key, code) {
  const t0 = Date.now();
  await page.keyboard.press(key);
  await page.waitForFunction((c) => document.querySelector('[data-testid="plan-entry"]')?.dataset.status === c &&
    document.querySelector('[data-testid="status-outcome"]'), code, { timeout: 10_000 });
  return [t0, Date.now()];
}

// Checks the contacting page of an entry whose window is open now.
async function checkOpenEntry(page, t, customer, zone, t0, t1) {
  assert.equal(await text(page.locator('main h1 [data-testid="entry-customer"]')), customer.display_name);
  const status = page.getByTestId('entry-status');
  assert.equal(await status.getAttribute('data-status'), '10');
  assert.equal(await text(status), `10 ${t.planned}`);
  assert.equal(await page.getByTestId('window-warning').count(), 0, 'no warning inside the window');
  assert.equal(await text(page.getByTestId('entry-window')), `00:00–23:59 ${zone}`);
  const now = await text(page.locator('[data-testid="entry-local-now"] strong'));
  assert.ok(clockTexts(t0, t1, zone).includes(now), `the customer's local time ${now}`);
  assert.equal(await text(page.getByTestId('entry-attempt')), '1');
  assert.equal(await page.getByTestId('status-form').locator('button[data-key]').count(), 6);
}

// Sets "20 line busy" with the key 2 and checks the new next contact time.
async function setBusy(page, t, zone, delay, csrName) {
  const [t0, t1] = await pressStatusKey(page, '2', '20');
  assert.equal(await text(page.locator('[data-testid="status-outcome"] p').first()), t.savedStatus(t.busy));
  const next = await text(page.getByTestId('outcome-next'));
  const expected = nextContactTexts(t0, t1, delay, zone, t.lang).map((w) => t.nextLine(w, zone));
  assert.ok(expected.includes(next), `"${next}" is one of ${JSON.stringify(expected)}`);
  assert.equal(await text(page.getByTestId('entry-status')), `20 ${t.busy}`);
  assert.equal(await text(page.getByTestId('entry-attempt')), '2');
  const nextCell = await text(page.getByTestId('entry-next'));
  assert.ok(nextContactTexts(t0, t1, delay, zone, t.lang).some((w) => nextCell.startsWith(`${w} ${zone}`)), nextCell);
  const event = (await page.getByTestId('entry-events').locator('tbody tr').first().locator('td').allInnerTexts())
    .map((s) => s.replace(/\s+/g, ' ').trim());
  assert.equal(event[1], csrName);
  assert.equal(event[2], `20 ${t.busy}`);
  assert.equal(event[3], '2');
  const events = await page.getByTestId('entry-events').locator('tbody tr').count();
  // The key pressed again by a slip of the finger, on the page that now
  // shows the outcome: recorded once, attempt 2, not 3.
  await page.keyboard.press('2');
  await page.waitForFunction((saved) => document.querySelector('[data-testid="status-outcome"] p')?.textContent.replace(/\s+/g, ' ').trim() === saved,
    t.repeatedStatus(t.busy), { timeout: 10_000 });
  assert.equal(await text(page.getByTestId('entry-attempt')), '2');
  assert.equal(await page.getByTestId('entry-events').locator('tbody tr').count(), events, 'no second event');
  return { t0, t1 };
}

// Checks the yellow out-of-window warning of an entry (a one-minute window
// twelve hours away) and that the status keys are still there.
async function checkWarning(page, t, zone, window, t0, t1) {
  const warning = page.getByTestId('window-warning');
  assert.equal(await warning.count(), 1, 'the out-of-window warning is shown');
  assert.match(await warning.getAttribute('class'), /\balert-warning\b/);
  const shown = await text(warning);
  const expected = clockTexts(t0, t1, zone).map((time) => {
    const [h, m] = time.split(':').map(Number);
    return h * 60 + m < window.start ? t.warnBefore(time, window.earliest) : t.warnAfter(time, window.latest);
  });
  assert.ok(expected.includes(shown), `"${shown}" is one of ${JSON.stringify(expected)}`);
  assert.equal(await text(page.getByTestId('entry-window')), `${window.earliest}–${window.latest} ${zone}`);
  assert.equal(await page.getByTestId('status-form').locator('button[data-key]').count(), 6, 'the CSR may go on');
}

// Sets "92 completed, no order" with the key 5: the entry is closed.
async function setCompletedNoOrder(page, t) {
  // A final status asks for a second press: the first one only asks; Esc
  // takes the question back.
  await page.keyboard.press('5');
  const confirm = page.getByTestId('confirm-final');
  await confirm.waitFor();
  assert.equal(await text(confirm), t.confirmNoOrder);
  assert.equal(await page.getByTestId('status-outcome').count(), 0, 'nothing saved by one press');
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  await page.keyboard.press('5');
  await confirm.waitFor();
  await pressStatusKey(page, '5', '92');
  assert.equal(await text(page.locator('[data-testid="status-outcome"] p').first()), t.savedStatus(t.noOrder));
  assert.equal(await page.getByTestId('outcome-next').count(), 0, 'a final status has no next contact');
  assert.equal(await text(page.getByTestId('entry-status')), `92 ${t.noOrder}`);
  assert.equal(await text(page.getByTestId('entry-closed')), t.closed);
  assert.equal(await page.getByTestId('status-form').count(), 0, 'no more status buttons');
  assert.equal(await page.getByTestId('window-warning').count(), 0);
}

// ---------------------------------------------------------------------------
// The texts of each language

const EN = {
  lang: 'en',
  newPlan: 'New contact plan',
  save: 'Save',
  saved: 'Saved.',
  allDays: 'Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
  everyWeek: 'Every week',
  addException: 'Add an exception',
  noContact: 'No contact',
  connect: 'Connect a customer',
  generationTitle: 'Generate contact lists',
  generate: 'Generate',
  jobTitle: 'Contact list generation',
  jobDone: 'Done',
  callsTitle: 'Calls to make',
  show: 'Show',
  nextCall: 'Next call',
  planned: 'Planned',
  busy: 'Line busy',
  noOrder: 'Completed — no order',
  confirmNoOrder: 'Press 5 again to confirm “Completed — no order”: the call will be closed and only a manager can reopen it. Esc cancels.',
  repeatedStatus: (s) => `Already saved: ${s}. The key was pressed twice; the call is recorded once.`,
  closed: 'This call is closed: its status is final and can no longer be changed.',
  nothingDue: 'Nothing to do right now: none of your open calls has its contact window open.',
  savedStatus: (s) => `Status saved: ${s}.`,
  nextLine: (w, zone) => `Next contact: ${w} for the customer (${zone}), ${w} for you.`,
  warnBefore: (time, earliest) =>
    `It is ${time} for the customer, before their earliest contact time (${earliest}). You may still call.`,
  warnAfter: (time, latest) =>
    `It is ${time} for the customer, after their latest contact time (${latest}). You may still call.`,
};

const FR = {
  lang: 'fr',
  newPlan: 'Nouveau plan de contact',
  save: 'Enregistrer',
  saved: 'Enregistré.',
  allDays: 'lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche',
  everyWeek: 'Chaque semaine',
  addException: 'Ajouter une exception',
  noContact: 'Pas de contact',
  connect: 'Ajouter un client au plan',
  generationTitle: 'Générer les listes d’appels',
  generate: 'Générer',
  jobTitle: 'Génération des listes d’appels',
  jobDone: 'Terminée',
  callsTitle: 'Appels à passer',
  show: 'Afficher',
  nextCall: 'Appel suivant',
  planned: 'Planifié',
  busy: 'Ligne occupée',
  noOrder: 'Terminé sans commande',
  confirmNoOrder: 'Appuyez de nouveau sur 5 pour confirmer « Terminé sans commande » : l’appel sera clos et seul un responsable pourra le rouvrir. Échap annule.',
  repeatedStatus: (s) => `Déjà enregistré : ${s}. La touche a été pressée deux fois ; l’appel n’est enregistré qu’une fois.`,
  closed: 'Cet appel est clos : son statut est définitif et ne peut plus être modifié.',
  nothingDue: 'Rien à faire pour l’instant : aucun de vos appels en attente n’est dans sa plage de contact.',
  savedStatus: (s) => `Statut enregistré : ${s}.`,
  nextLine: (w, zone) => `Prochain contact : ${w} chez le client (${zone}), soit ${w} chez vous.`,
  warnBefore: (time, earliest) =>
    `Il est ${time} chez le client, avant le début de sa plage de contact (${earliest}). Vous pouvez tout de même appeler.`,
  warnAfter: (time, latest) =>
    `Il est ${time} chez le client, après la fin de sa plage de contact (${latest}). Vous pouvez tout de même appeler.`,
};

// ---------------------------------------------------------------------------

describe('contact planning pages', { timeout: 4 * TEST_TIMEOUT }, () => {
  let server;
  let browser;
  let elise;  // Paris
  let owen;   // Toronto
  // The server's "today" (UTC): the generation range is around it, wide
  // enough for every zone's today.
  const today = new Date().toISOString().slice(0, 10);
  const range = { from: addDays(today, -1), to: addDays(today, 5) };
  const holiday = addDays(today, 3);
  const en = {};  // what the English manager made, for the CSR

  before(async () => {
    server = await startServer();
    const { token } = await createToken(server, 'csr');
    elise = (await createCustomer(server, token, ELISE)).customer;
    owen = (await createCustomer(server, token, OWEN)).customer;
    assert.equal(elise.time_zone, PARIS);
    assert.equal(owen.time_zone, TORONTO);
    const made = await runCli(['user', 'add', 'gestionnaire', '--name', 'Gaëlle Roux', '--roles', 'manager',
      '--language', 'fr', '--time-zone', PARIS, '--password', 'gestion-2026'], { env: { RAPPORT_DB: server.dbUrl } });
    assert.equal(made.code, 0, made.stderr);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a manager makes a plan with an exception and two customers, and generates it with a progress bar',
    { timeout: TEST_TIMEOUT }, async () => {
      const { page, problems } = await newPage(browser, server);
      await logIn(page, 'manager');
      en.planId = await createPlan(page, EN, {
        code: 'WEEKLY', nameEn: 'Weekly order intake', nameFr: 'Prise de commande hebdomadaire',
        validFrom: addDays(today, -7), responsible: 'Sam Carter', busyDelay: 30,
      });
      await addException(page, EN, en.planId, holiday, 'Civic holiday');
      // Owen (Toronto, like Sam Carter) may be called all day; Élise only in
      // one minute twelve hours from now.
      en.eliseWindow = farWindow(PARIS);
      await connect(page, EN, en.planId, owen, { earliest: '00:00', latest: '23:59' }, '(416) 555-0178');
      await connect(page, EN, en.planId, elise, en.eliseWindow, '01 42 72 18 30');
      assert.match(await text(page.locator('#plan-customers-title')), /\(2\)/);

      // The customer's 360° view shows the plan and the window in the customer's time.
      await page.goto(`/customers/${owen.id}`);
      const info = page.getByTestId('contact-infos').locator('tr[data-plan="WEEKLY"]');
      assert.equal(await info.count(), 1, 'the plan is on the customer’s page');
      assert.match(await text(info), /00:00–23:59 America\/Toronto/);

      const { job, counts, message } = await generate(page, EN, en.planId, range.from, range.to);
      // 7 days × 2 customers, less the holiday for both.
      assert.equal(counts['Entries created'], '12', JSON.stringify(counts));
      assert.equal(counts['Skipped by an exception'], '2', JSON.stringify(counts));
      assert.equal(counts['Already present'], '0', JSON.stringify(counts));
      assert.equal(counts['Skipped by a non-activity period'], '0', JSON.stringify(counts));
      assert.equal(message, 'Generation finished. Entries created: 12 · already present: 0 · ' +
        'skipped by an exception: 2 · skipped by a non-activity period: 0 · ' +
        'customers without a usable phone: 0 · old open entries deleted: 0.');
      assert.equal(await job.locator('form[action$="/cancel"]').count(), 0, 'no Cancel once done');
      await page.locator('main h1').hover();
      await screenshot(page, 'plan-generation.png');
      // Owen's 360° view lists his next scheduled contacts, at his time.
      await page.goto(`/customers/${owen.id}`);
      const upcoming = page.getByTestId('upcoming-contacts');
      assert.equal(await text(page.locator('#upcoming-title')), 'Next scheduled contacts');
      const first = upcoming.locator('tbody tr').first();
      assert.match(await text(first), /WEEKLY/);
      assert.match(await text(first), /America\/Toronto/);
      assert.equal(await upcoming.locator('tbody tr').count(), 5, 'the next five');
      assert.deepEqual(real(problems), []);
    });

  test('a CSR takes the next call with n, sets 20 then 92, and is warned outside a window', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(en.planId, 'the manager’s plan was made');
    const { page, problems } = await newPage(browser, server);
    await logIn(page, 'csr');
    const todayHere = local(TORONTO).date;  // Sam Carter's today, and Owen's

    // The open list of today: Owen's call, planned.
    await page.goto('/plan-entries');
    assert.equal(await text(page.locator('main h1')), EN.callsTitle);
    const fitToday = await fitsTheWidth(page);
    let rows = await listRows(page);
    const owenRow = rows.find((r) => r.customer === owen.display_name);
    assert.ok(owenRow, `Owen is on today’s list: ${JSON.stringify(rows)}`);
    assert.equal(owenRow.status, '10');
    assert.ok(owenRow.cells.includes('10 Planned'), JSON.stringify(owenRow));
    assert.ok(owenRow.cells.includes('00:00–23:59 America/Toronto'), JSON.stringify(owenRow));
    assert.ok(owenRow.cells.includes('(416) 555-0178'), JSON.stringify(owenRow));
    assert.ok(owenRow.cells[0].includes('WEEKLY'), owenRow.cells[0]);
    assert.ok(owenRow.cells.includes(mediumDate(todayHere, 'en')), `the date it was planned for: ${JSON.stringify(owenRow)}`);

    // "n": my next call is Owen's (Élise's window is closed).
    const t0 = Date.now();
    await page.keyboard.press('n');
    await page.waitForURL((u) => u.pathname === `/plan-entries/${owenRow.id}`);
    await checkOpenEntry(page, EN, owen, TORONTO, t0, Date.now());
    assert.match(await text(page.getByTestId('entry-plan')), /^WEEKLY · Weekly order intake/);

    // 20: line busy — next contact now + 30 minutes, in Owen's time.
    await setBusy(page, EN, TORONTO, 30, 'Sam Carter');

    // Nothing else is due: the header's Next call says so.
    await page.getByTestId('next-call').click();
    await page.waitForURL((u) => u.pathname === '/plan-entries/next');
    assert.equal(await text(page.locator('[data-testid="nothing-due"] p').first()), EN.nothingDue);

    // The week's list: Owen's call is still open, now 20 with attempt 2.
    rows = await filterList(page, EN, { from: range.from, to: range.to });
    const busyRow = rows.find((r) => r.id === owenRow.id);
    assert.ok(busyRow, 'the busy call is still on the open list');
    assert.ok(busyRow.cells.includes('20 Line busy'), JSON.stringify(busyRow));
    assert.ok(rows.length >= 10, `the week's open calls: ${rows.length}`);
    assert.ok(rows.some((r) => r.customer === elise.display_name &&
      r.cells.includes(`${en.eliseWindow.earliest}–${en.eliseWindow.latest} Europe/Paris`)), 'Élise’s window in her time');
    await page.locator('main h1').hover();
    await screenshot(page, 'contact-list.png');
    const fitWeek = await fitsTheWidth(page);

    // Élise's call due today in Sam's day (the list's days are the CSR's):
    // a yellow warning, and the CSR may go on.
    rows = await filterList(page, EN, { customer: elise, from: todayHere, to: todayHere });
    assert.equal(rows.length, 1, JSON.stringify(rows));
    const t1 = Date.now();
    await page.locator(`tr[data-entry-id="${rows[0].id}"]`).getByTestId('open-entry').click();
    await page.waitForURL((u) => u.pathname === `/plan-entries/${rows[0].id}`);
    await checkWarning(page, EN, PARIS, en.eliseWindow, t1, Date.now());
    await page.locator('main h1').hover();
    await screenshot(page, 'contact-entry.png');
    await setCompletedNoOrder(page, EN);

    // Owen's call again, from the week's list (after 23:30 in Toronto the
    // busy retry is tomorrow's and has left today's list): 92 closes it.
    await filterList(page, EN, { from: range.from, to: range.to });
    await page.locator(`tr[data-entry-id="${owenRow.id}"]`).getByTestId('open-entry').click();
    await page.waitForURL((u) => u.pathname === `/plan-entries/${owenRow.id}`);
    assert.equal(await text(page.getByTestId('entry-status')), '20 Line busy');
    await setCompletedNoOrder(page, EN);
    assert.equal(await page.getByTestId('entry-events').locator('tbody tr').count(), 2, 'two statuses in the history');

    // It has left the open list of today.
    await page.getByRole('link', { name: 'Back to the list', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/plan-entries');
    await page.getByTestId('plan-entry-results').waitFor();
    rows = await listRows(page);
    assert.ok(!rows.some((r) => r.id === owenRow.id), `the closed call is gone: ${JSON.stringify(rows)}`);
    assert.ok(!rows.some((r) => r.customer === owen.display_name), 'Owen has no open call today');
    if (rows.length === 0) assert.equal(await text(page.getByTestId('no-entries')), 'No call matches these filters.');
    rows = await filterList(page, EN, { from: range.from, to: range.to });
    assert.ok(!rows.some((r) => r.id === owenRow.id), 'the closed call is off the week’s open list too');
    assert.deepEqual(real(problems), []);
    assertFits(fitToday, 'today’s list');
    assertFits(fitWeek, 'the week’s list');
    en.closedOwen = owenRow.id;
  });

  test('a manager reopens a call closed by mistake, with a reason; the CSR sees no Reopen', { timeout: TEST_TIMEOUT }, async () => {
    assert.ok(en.closedOwen, 'the CSR closed Owen’s call');
    const csr = await newPage(browser, server);
    await logIn(csr.page, 'csr');
    await csr.page.goto(`/plan-entries/${en.closedOwen}`);
    assert.equal(await csr.page.getByTestId('reopen-form').count(), 0, 'CSRs do not reopen');
    await csr.context.close();

    const { page, problems } = await newPage(browser, server);
    await logIn(page, 'manager');
    await page.goto(`/plan-entries/${en.closedOwen}`);
    const form = page.getByTestId('reopen-form');
    assert.equal(await text(form.locator('label[for="reopen-reason"]')), 'Why reopen it *');
    // Without a reason: refused beside the field, nothing changes.
    await form.getByTestId('reopen').click();
    await page.locator('#reopen-reason-error').waitFor();
    assert.equal(await text(page.locator('#reopen-reason-error')), 'Give the reason for reopening.');
    assert.equal(await text(page.getByTestId('entry-status')), '92 Completed — no order');
    await page.locator('#reopen-reason').fill('92 pressed instead of 20');
    await page.getByTestId('reopen').click();
    await page.waitForURL((u) => u.search.includes('reopened=1'));
    assert.equal(await text(page.locator('main [role="status"]').first()), 'The entry is open again.');
    assert.equal(await text(page.getByTestId('entry-status')), '10 Planned');
    assert.equal(await page.getByTestId('status-form').locator('button[data-key]').count(), 6, 'the outcome keys are back');
    assert.match(await text(page.getByTestId('entry-events').locator('tbody tr').first()), /92 pressed instead of 20/);
    assert.deepEqual(real(problems).filter((p) => p !== `HTTP 422: POST /plan-entries/${en.closedOwen}/reopen`), []);
  });

  test('the same in French: a plan, an entry by hand, a generation that finds it, and conseiller’s calls',
    { timeout: TEST_TIMEOUT }, async () => {
      const manager = await newPage(browser, server, { locale: 'fr-FR' });
      let page = manager.page;
      await logIn(page, 'gestionnaire', 'gestion-2026');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      const planId = await createPlan(page, FR, {
        code: 'ETUDE', nameEn: 'Market research', nameFr: 'Étude de marché',
        validFrom: addDays(today, -7), responsible: 'Camille Lefèvre', busyDelay: 45,
      });
      await addException(page, FR, planId, holiday, 'Jour férié');
      // Élise (Paris, like Camille Lefèvre) all day; Owen one minute, twelve hours away.
      const owenWindow = farWindow(TORONTO);
      await connect(page, FR, planId, elise, { earliest: '00:00', latest: '23:59' }, '01 42 72 18 30');
      await connect(page, FR, planId, owen, owenWindow, '(416) 555-0178');

      // An entry by hand for Élise's today.
      const eliseToday = local(PARIS).date;
      await page.locator('#entry-customer').fill(String(elise.id));
      await page.locator('#entry-date').fill(eliseToday);
      await page.locator(`form[action="/plans/${planId}/entries"]`).getByRole('button', { name: 'Ajouter l’entrée', exact: true }).click();
      await page.waitForURL((u) => /^\/plan-entries\/\d+$/.test(u.pathname));
      const handEntry = idIn(page, /^\/plan-entries\/(\d+)$/);
      assert.equal(await text(page.getByTestId('entry-status')), '10 Planifié');
      assert.match(await text(page.getByTestId('entry-plan')), /^ETUDE · Étude de marché/);

      // The generation finds it already present.
      const { counts, message } = await generate(page, FR, planId, range.from, range.to);
      assert.equal(counts['Entrées créées'], '11', JSON.stringify(counts));
      assert.equal(counts['Déjà présentes'], '1', JSON.stringify(counts));
      assert.equal(counts['Écartées par une exception'], '2', JSON.stringify(counts));
      assert.ok(message.startsWith('Génération terminée. Entrées créées : 11 · déjà présentes : 1 · ' +
        'écartées par une exception : 2'), message);
      assert.deepEqual(real(manager.problems), []);
      await manager.context.close();

      // Camille Lefèvre, CSR in Paris.
      const csr = await newPage(browser, server, { locale: 'fr-FR' });
      page = csr.page;
      await logIn(page, 'conseiller');
      await page.goto('/plan-entries');
      assert.equal(await text(page.locator('main h1')), FR.callsTitle);
      const fitToday = await fitsTheWidth(page);
      let rows = await listRows(page);
      const eliseRow = rows.find((r) => r.id === handEntry);
      assert.ok(eliseRow, `the entry made by hand is on today’s list: ${JSON.stringify(rows)}`);
      assert.ok(eliseRow.cells.includes('10 Planifié'), JSON.stringify(eliseRow));
      assert.ok(eliseRow.cells.includes('00:00–23:59 Europe/Paris'), JSON.stringify(eliseRow));

      // The header's "Appel suivant".
      const t0 = Date.now();
      const link = page.getByTestId('next-call');
      assert.match(await text(link), /^Appel suivant/);
      await link.click();
      await page.waitForURL((u) => u.pathname === `/plan-entries/${handEntry}`);
      await checkOpenEntry(page, FR, elise, PARIS, t0, Date.now());
      assert.equal(await text(page.locator('#status-title')), 'Résultat de l’appel');
      assert.equal(await text(page.getByTestId('status-form').locator('button[data-key="2"]')), '2 20 Ligne occupée');
      await setBusy(page, FR, PARIS, 45, 'Camille Lefèvre');

      // Owen's call due today in Camille's day (Paris): the warning in French.
      const camilleToday = local(PARIS).date;
      rows = await filterList(page, FR, { customer: owen, from: camilleToday, to: camilleToday });
      assert.equal(rows.length, 1, JSON.stringify(rows));
      const t1 = Date.now();
      await page.locator(`tr[data-entry-id="${rows[0].id}"]`).getByTestId('open-entry').click();
      await page.waitForURL((u) => u.pathname === `/plan-entries/${rows[0].id}`);
      await checkWarning(page, FR, TORONTO, owenWindow, t1, Date.now());
      await setCompletedNoOrder(page, FR);

      // Élise's call: 92, and it leaves the open list.
      await page.goto(`/plan-entries/${handEntry}`);
      assert.equal(await text(page.getByTestId('entry-status')), '20 Ligne occupée');
      await setCompletedNoOrder(page, FR);
      await page.getByRole('link', { name: 'Retour à la liste', exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/plan-entries');
      await page.getByTestId('plan-entry-results').waitFor();
      rows = await listRows(page);
      assert.ok(!rows.some((r) => r.id === handEntry), `the closed call is gone: ${JSON.stringify(rows)}`);
      assert.ok(!rows.some((r) => r.customer === elise.display_name), 'Élise has no open call today');
      if (rows.length === 0)
        assert.equal(await text(page.getByTestId('no-entries')), 'Aucun appel ne correspond à ces critères.');
      assert.deepEqual(real(csr.problems), []);
      assertFits(fitToday, 'today’s list in French');

      // Gaëlle Roux reopens it, in French.
      const again = await newPage(browser, server, { locale: 'fr-FR' });
      await logIn(again.page, 'gestionnaire', 'gestion-2026');
      await again.page.goto(`/plan-entries/${handEntry}`);
      assert.equal(await text(again.page.getByTestId('reopen')), 'Rouvrir l’entrée');
      await again.page.locator('#reopen-reason').fill('Clôturée par erreur');
      await again.page.getByTestId('reopen').click();
      await again.page.waitForURL((u) => u.search.includes('reopened=1'));
      assert.equal(await text(again.page.locator('main [role="status"]').first()), 'L’entrée est de nouveau ouverte.');
      assert.equal(await text(again.page.getByTestId('entry-status')), '10 Planifié');
      assert.deepEqual(real(again.problems), []);
    });
});
