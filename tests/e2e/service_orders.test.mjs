// In a real browser, as a CSR: seed 000's real-time marketing to a prospect.
// A caller is not found in Control Central; Add order opens a service order
// with the installation's default campaign and the searched name; the CSR
// answers the campaign's questions, shows eligibility, (with the dummy
// default campaign) switches to an alternate campaign — kept and set-aside
// answers shown — chooses a package and completes the order, then opens the
// new customer's 360° view with the account, premise, service point and
// agreements the order created. Once with the dummy default campaign, once
// with the generic one, once in French. Also: completing without a required
// answer names the question and creates nothing; with a predefined territory
// Add order shows a notice pointing to Add customer; the home page lists the
// held orders to follow up; an order is held, released and canceled; a stale
// save is refused; a prospect with an existing customer's phone is shown
// that customer first ("Use this customer"), in English and French; Back
// after saving a new order and Save again makes no second order or
// customer; with a predefined territory an order is taken on a premise
// found by postal code and street, which stays picked through errors, and
// completes on it (the picker also in French). Takes docs/screenshots/service-order.png and
// eligibility-tree.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DEMO_PASSWORD,
  apiCall,
  createCustomer,
  createToken,
  launchBrowser,
  newPage,
  screenshot,
  setSettings,
  startServer,
  useDefaultCampaign,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 90_000;

const EN = {
  search: 'Search',
  addOrder: 'Add an order',
  addCustomer: 'Add a customer',
  newOrder: 'New service order',
  showEligibility: 'Show eligibility',
  alternates: 'Alternate campaigns',
  switchTo: 'Switch to this campaign',
  choose: 'Choose',
  complete: 'Complete the order',
  pending: 'Pending',
  unsaved: 'New, not saved yet',
  completeStatus: 'Complete',
  orderCompleted: 'Order completed',
  openOrder: 'open the order',
  customerView: 'The customer’s 360° view',
  setAside: 'Set aside from the previous campaign',
  yes: 'Yes',
  noPackages: 'This campaign has no packages',
  save: 'Save',
  duplicatesTitle: 'This caller may already be a customer.',
  useCustomer: 'Use this customer',
  createAnyway: 'Create a new customer anyway',
  samePhone: 'same phone',
};
const FR = {
  search: 'Rechercher',
  addOrder: 'Ajouter une commande',
  newOrder: 'Nouvelle commande de service',
  showEligibility: 'Afficher l’éligibilité',
  alternates: 'Campagnes alternatives',
  switchTo: 'Passer à cette campagne',
  choose: 'Choisir',
  complete: 'Terminer la commande',
  pending: 'En cours',
  unsaved: 'Nouvelle, pas encore enregistrée',
  completeStatus: 'Terminée',
  orderCompleted: 'Commande terminée',
  openOrder: 'voir la commande',
  customerView: 'La vue 360° du client',
  setAside: 'Mises de côté depuis la campagne précédente',
  yes: 'Oui',
  noPackages: 'Cette campagne n’a aucun forfait',
  save: 'Enregistrer',
  duplicatesTitle: 'Cet appelant est peut-être déjà client.',
  useCustomer: 'Utiliser ce client',
  createAnyway: 'Créer quand même un nouveau client',
  samePhone: 'même téléphone',
};

// What went wrong on a page, less the answers a test expects (`expected`: path patterns).
const real = (problems, expected = []) =>
  problems.filter((p) => !expected.some((re) => re.test(p)));

const text = async (locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
// Inputs are named (and identified) by their field: "prospect.family_name".
const byId = (page, id) => page.locator(`[id="${id}"]`);

async function logIn(page, login) {
  await page.goto('/login');
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('.login-card button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === '/');
}

// Searches Control Central for a caller who is not there and presses Add order.
async function addOrderFromSearch(page, t, q) {
  await page.goto('/customers');
  await page.locator('#q').fill(q);
  await page.locator('form.search-form').getByRole('button', { name: t.search, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/customers' && u.searchParams.get('q') === q);
  const notFound = page.getByTestId('not-found');
  await notFound.waitFor();
  assert.equal(await page.getByTestId('search-results').count(), 0);
  await notFound.getByRole('link', { name: t.addOrder, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/service-orders/new');
}

async function pressOrderButton(page, name) {
  await page.getByTestId('order-form').getByRole('button', { name, exact: true }).click();
}

// Show eligibility saves the order and opens its tree.
async function showEligibility(page, t) {
  await pressOrderButton(page, t.showEligibility);
  await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname) && u.searchParams.get('eligibility') === '1');
  const tree = page.getByTestId('eligibility-tree');
  await tree.waitFor();
  return tree;
}

const orderIdOf = (page) => Number(/^\/service-orders\/(\d+)$/.exec(new URL(page.url()).pathname)[1]);

// The packages of the order's campaign in the tree: {code: {verdict, text}}.
async function treePackages(page) {
  const out = {};
  for (const li of await page.getByTestId('tree-package').all())
    out[await li.getAttribute('data-code')] = { verdict: await li.getAttribute('data-verdict'), text: await text(li) };
  return out;
}

async function choosePackage(page, code, t) {
  const node = page.locator(`[data-testid="tree-package"][data-code="${code}"]`);
  await node.getByRole('button', { name: t.choose, exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('done') === 'package');
  assert.match(await text(page.getByTestId('order-package-chosen')), new RegExp(code));
}

// Completes the order and follows the link to the new customer's 360° view;
// returns the customer's page texts by section.
async function completeAndOpenCustomer(page, t) {
  await pressOrderButton(page, t.complete);
  await page.waitForURL((u) => u.searchParams.get('done') === 'complete');
  assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'complete');
  assert.equal(await text(page.getByTestId('order-status')), t.completeStatus);
  const created = page.getByTestId('created');
  assert.equal(await created.getByTestId('created-account').count(), 1, await text(created));
  // The account by the number a customer reads on a bill, not an internal id.
  assert.match(await text(created.getByTestId('created-account')), /\bA\d{7,}$/);
  assert.equal(await created.getByTestId('created-premise').count(), 1, await text(created));
  assert.ok(await created.getByTestId('created-service-point').count() >= 1, await text(created));
  assert.ok(await created.getByTestId('created-agreement').count() >= 1, await text(created));
  // What the order created is named by business numbers, never by an internal id.
  assert.match(await text(created.getByTestId('created-premise')), / P1\d{6}$/);
  assert.match(await text(created.getByTestId('created-service-point').first()), / SP1\d{6}$/);
  assert.match(await text(created.getByTestId('created-agreement').first()), / SA1\d{6}$/);
  assert.doesNotMatch(await text(created), /#\d/);
  const number = await text(page.getByTestId('order-heading'));
  const agreementCount = await created.getByTestId('created-agreement').count();
  await created.getByRole('link', { name: t.customerView, exact: true }).click();
  await page.waitForURL((u) => /^\/customers\/\d+$/.test(u.pathname));
  // The order's steps are in the customer's history, in words, with a link back to it.
  const history = page.locator('#interactions');
  assert.match(await text(history), new RegExp(t.orderCompleted));
  assert.ok(await history.getByRole('link', { name: t.openOrder }).count() >= 1, await text(history));
  // One sale is one line of the history, its steps (taken … completed) inside it.
  const orderId = new URL(await history.getByRole('link', { name: t.openOrder }).first().getAttribute('href'), page.url()).pathname;
  const lines = page.locator('#interaction-list > ol.timeline > li', { has: page.locator(`a[href="${orderId}"]`) });
  assert.equal(await lines.count(), 1, await text(history));
  const steps = lines.first().getByTestId('order-steps').locator('li');
  assert.ok(await steps.count() >= 2, await text(lines.first()));
  assert.match(await text(steps.last()), new RegExp(t.orderCompleted));
  for (const testid of ['premises', 'agreements', 'service-orders', 'history'])
    assert.doesNotMatch(await text(page.getByTestId(testid)), /#\d/, testid);
  return {
    accounts: await text(page.getByTestId('accounts')),
    premises: await text(page.getByTestId('premises')),
    agreementRows: await page.getByTestId('agreements').locator('tbody tr').count(),
    agreements: await text(page.getByTestId('agreements')),
    orders: await text(page.getByTestId('service-orders')),
    number: number.split(' ')[0],
    agreementCount,
  };
}

describe('browser: service orders (seed 000)', () => {
  let server;
  let browser;
  let admin;
  const contexts = [];

  before(async () => {
    server = await startServer({ kind: 'sqlite' });
    ({ token: admin } = await createToken(server, 'admin', 'e2e-orders'));
    const list = await apiCall(server, 'GET', '/api/v1/campaigns', { token: admin });
    assert.equal(list.status, 200, list.text);
    const campaignIds = Object.fromEntries(list.body.items.map((c) => [c.code, c.id]));
    for (const code of ['DUMMY', 'GENERIC', 'GREEN-2026', 'SMB-2026', 'WINTER-SENIOR'])
      assert.ok(campaignIds[code], `the demo data has campaign ${code}`);
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function open(opts) {
    const p = await newPage(browser, server, opts);
    contexts.push(p.context);
    return p;
  }

  test('the home page lists the held orders to follow up', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logIn(page, 'csr');
    const todo = page.getByTestId('orders-to-follow-up');
    assert.match(await text(todo.locator('h2')), /Orders to follow up/);
    const row = todo.locator('tbody tr', { hasText: 'Girard' });
    assert.equal(await row.count(), 1, await text(todo));
    assert.match(await text(row), /GREEN-2026/);
    assert.match(await text(row), /Customer to call back/);
    await row.getByRole('link').click();
    await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname));
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'held');
    assert.deepEqual(real(problems), []);
  });

  // Selling to a known customer: the 360° view's New service order makes an
  // order for that customer, who is not typed again nor created twice.
  for (const [login, t, family] of [['csr', EN, 'Lambert'], ['conseiller', FR, 'Lemaire']]) {
    test(`${t.newOrder}: from the 360° view, for the customer shown (${login})`, { timeout: TEST_TIMEOUT }, async () => {
      const { token } = await createToken(server, login, `new-order-${login}`);
      const { customer } = await createCustomer(server, token, {
        given_name: 'Agathe', family_name: family, language: 'fr',
        address: { line1: '4 quai Saint-Antoine', postal_code: '69002', city: 'Lyon', country: 'FR' },
        phones: [{ type: 'mobile', number: login === 'csr' ? '06 55 44 33 22' : '06 56 44 33 22' }],
      });
      const id = customer.id;
      const { page, problems } = await open({ locale: login === 'csr' ? 'en-US' : 'fr-FR' });
      await logIn(page, login);
      await page.goto(`/customers/${id}`);
      const button = page.getByTestId('new-order');
      assert.equal(await text(button), t.newOrder);
      await button.click();
      await page.waitForURL((u) => u.pathname === '/service-orders/new' && u.searchParams.get('customer') === String(id));
      // The person is the customer: used, with their number.
      assert.equal(await page.locator('input[name="person"][value="use_existing"]').isChecked(), true);
      assert.equal(await page.locator('#customer').inputValue(), String(id));
      await pressOrderButton(page, t.showEligibility);
      await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname));
      const person = page.getByTestId('order-person');
      assert.equal(await person.getAttribute('href'), `/customers/${id}`);
      assert.match(await text(person), new RegExp(family));
      // No second customer with that name.
      const found = await apiCall(server, 'GET', `/api/v1/customers?q=${family}`, { token });
      assert.equal(found.status, 200, found.text);
      assert.equal(found.body.items.filter((hit) => hit.customer.family_name === family).length, 1, JSON.stringify(found.body.items));
      assert.deepEqual(real(problems), []);
    });
  }

  test('dummy default campaign: not found → Add order → Show eligibility → switch to GREEN-2026 → choose → complete',
    { timeout: TEST_TIMEOUT }, async () => {
      await useDefaultCampaign(server, 'DUMMY', { token: admin });
      const { page, problems } = await open();
      await logIn(page, 'csr');
      await addOrderFromSearch(page, EN, 'Zacharie Vasseur 06 71 82 93 04');

      // The order opens with the default campaign and what was searched.
      assert.equal(await text(page.getByTestId('order-heading')), `${EN.newOrder} ${EN.unsaved}`);
      assert.match(await text(page.getByTestId('order-campaign')), /^DUMMY · /);
      assert.equal(await byId(page, 'prospect.given_name').inputValue(), 'Zacharie');
      assert.equal(await byId(page, 'prospect.family_name').inputValue(), 'Vasseur');
      assert.equal(await byId(page, 'prospect.phone').inputValue(), '06 71 82 93 04');
      // A person's names or a company's name, as the kind chosen says.
      assert.equal(await byId(page, 'prospect.company_name').isVisible(), false);
      await page.locator('input[name="prospect.kind"][value="company"]').check();
      assert.equal(await byId(page, 'prospect.company_name').isVisible(), true);
      assert.equal(await byId(page, 'prospect.family_name').isVisible(), false);
      await page.locator('input[name="prospect.kind"][value="person"]').check();
      assert.equal(await byId(page, 'prospect.family_name').isVisible(), true);
      for (const code of ['home_owner', 'heating', 'occupants'])
        assert.equal(await byId(page, `question-${code}`).count(), 1, `question ${code} has its anchor`);

      await byId(page, 'prospect.address.line1').fill('7 rue des Capucins');
      await byId(page, 'prospect.address.postal_code').fill('69001');
      await byId(page, 'prospect.address.city').fill('Lyon');
      await byId(page, 'prospect.address.country').fill('FR');
      await byId(page, 'question-home_owner').getByLabel(EN.yes, { exact: true }).check();
      await byId(page, 'answer.heating').selectOption('electric');
      await byId(page, 'answer.occupants').fill('3');

      // The dummy campaign has no packages: the real ones are alternates.
      let tree = await showEligibility(page, EN);
      const orderId = orderIdOf(page);
      assert.match(await text(page.getByTestId('order-heading')), /^SO-\d{6} Pending$/);
      assert.match(await text(tree.getByTestId('tree-campaign')), /DUMMY/);
      assert.equal(await tree.getByTestId('tree-package').count(), 0);
      assert.ok((await text(tree.getByTestId('tree-no-packages'))).startsWith(EN.noPackages));
      assert.match(await text(tree.getByTestId('tree-alternates')), new RegExp(EN.alternates));
      const alternates = await tree.getByTestId('tree-alternate').evaluateAll((lis) => lis.map((li) => li.dataset.code));
      assert.ok(alternates.includes('GREEN-2026'), JSON.stringify(alternates));
      assert.ok(!alternates.includes('SMB-2026'), `a residential prospect is not offered SMB-2026: ${alternates}`);
      const green = tree.locator('[data-testid="tree-alternate"][data-code="GREEN-2026"]');
      assert.match(await text(green.getByTestId('tree-counts')), /^\(4 packages, \d eligible\)$/);

      // Switching keeps the answers GREEN-2026 also asks; the others are set aside.
      await green.getByRole('button', { name: EN.switchTo, exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/service-orders/${orderId}` && u.searchParams.get('done') === 'switched');
      assert.match(await text(page.getByTestId('order-campaign')), /^GREEN-2026 · /);
      assert.equal(await byId(page, 'question-home_owner').getByLabel(EN.yes, { exact: true }).isChecked(), true);
      assert.equal(await byId(page, 'answer.heating').inputValue(), 'electric');
      const aside = page.getByTestId('order-set-aside');
      assert.match(await text(aside), new RegExp(EN.setAside));
      assert.match(await text(aside), /occupants\s*3/);
      assert.equal(await byId(page, 'question-owns_ev').count(), 1);

      // The new campaign's tree: eligible, ineligible with a reason, needs data with links.
      tree = page.getByTestId('eligibility-tree');
      await tree.waitFor();
      let packages = await treePackages(page);
      assert.equal(packages['GREEN-12'].verdict, 'eligible', JSON.stringify(packages));
      assert.equal(packages['GREEN-BIZ'].verdict, 'ineligible', JSON.stringify(packages));
      assert.match(packages['GREEN-BIZ'].text, /Commercial customers/);
      // The reason quotes what the order says, as a CSR reads it.
      assert.match(packages['GREEN-BIZ'].text, /Customer class in \(Commercial\); this order: Residential/);
      assert.equal(packages['GREEN-EV'].verdict, 'insufficient', JSON.stringify(packages));
      const evNode = tree.locator('[data-testid="tree-package"][data-code="GREEN-EV"]');
      const missing = evNode.locator('a[href="#question-owns_ev"]');
      assert.equal(await missing.count(), 1, await text(evNode));
      assert.equal(await text(missing), 'Do you own an electric vehicle?');
      assert.equal(await text(evNode.getByTestId('tree-missing')), 'Missing: Do you own an electric vehicle?');
      assert.equal(await tree.locator('[data-testid="tree-package"][data-code="GREEN-BIZ"]').getByRole('button').count(), 0,
                   'an ineligible package cannot be chosen');
      await page.locator('main h1').hover();
      await page.evaluate(() => document.getElementById('eligibility').scrollIntoView({ block: 'start' }));
      await screenshot(page, 'eligibility-tree.png');

      // Refresh asks for the tree alone (htmx GET …/eligibility) and swaps it in place.
      await page.evaluate(() => { window.__sameDocument = true; });
      const [refreshed] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === `/service-orders/${orderId}/eligibility`),
        tree.getByRole('button', { name: 'Refresh', exact: true }).click(),
      ]);
      assert.equal(refreshed.status(), 200);
      await page.locator('[data-testid="tree-package"][data-code="GREEN-EV"]').waitFor();
      assert.equal(await page.getByTestId('tree-package').count(), 4);
      assert.equal(await page.evaluate(() => window.__sameDocument === true), true, 'the page was not reloaded');

      // Answer the missing question through its link and look again.
      await page.locator('a[href="#question-owns_ev"]').click();
      await byId(page, 'question-owns_ev').getByLabel(EN.yes, { exact: true }).check();
      await byId(page, 'answer.annual_kwh').fill('9 500');
      await showEligibility(page, EN);
      packages = await treePackages(page);
      assert.equal(packages['GREEN-EV'].verdict, 'eligible', JSON.stringify(packages));
      assert.equal(await page.getByTestId('order-set-aside').count(), 0, 'a save drops the set-aside answers');

      await choosePackage(page, 'GREEN-12', EN);
      assert.match(await text(page.getByTestId('order-package-instructions')), /14-day withdrawal notice/);
      // The questions, the chosen package with its instructions and the buttons.
      await page.locator('main h1').hover();
      await page.evaluate(() => document.getElementById('questions').scrollIntoView({ block: 'start' }));
      await screenshot(page, 'service-order.png');

      const customer = await completeAndOpenCustomer(page, EN);
      assert.match(await text(page.locator('main h1')), /Vasseur/);
      assert.match(customer.premises, /7 rue des Capucins/);
      assert.match(customer.premises, /Electric meter/);
      assert.match(customer.accounts, /\S/);
      assert.equal(customer.agreementRows, customer.agreementCount);
      assert.ok(customer.orders.includes(customer.number), `${customer.number} in ${customer.orders}`);
      assert.deepEqual(real(problems), []);
    });

  test('generic default campaign: its packages show at once; RES-GAS is chosen and creates two agreements',
    { timeout: TEST_TIMEOUT }, async () => {
      await useDefaultCampaign(server, 'GENERIC', { token: admin });
      const { page, problems } = await open();
      await logIn(page, 'csr');
      await addOrderFromSearch(page, EN, 'Ophélie Marchetti');
      assert.match(await text(page.getByTestId('order-campaign')), /^GENERIC · /);
      assert.equal(await byId(page, 'prospect.given_name').inputValue(), 'Ophélie');
      assert.equal(await byId(page, 'prospect.family_name').inputValue(), 'Marchetti');
      await byId(page, 'prospect.phone').fill('06 48 59 60 71');
      await byId(page, 'prospect.address.line1').fill('22 cours Mirabeau');
      await byId(page, 'prospect.address.postal_code').fill('13100');
      await byId(page, 'prospect.address.city').fill('Aix-en-Provence');
      await byId(page, 'prospect.address.country').fill('FR');
      await byId(page, 'answer.heating').selectOption('gas');

      await showEligibility(page, EN);
      const packages = await treePackages(page);
      assert.equal(packages.RES.verdict, 'eligible', JSON.stringify(packages));
      assert.equal(packages['RES-GAS'].verdict, 'eligible', JSON.stringify(packages));
      assert.equal(packages.BUS.verdict, 'ineligible', JSON.stringify(packages));
      assert.equal(packages.PUB.verdict, 'ineligible', JSON.stringify(packages));
      await choosePackage(page, 'RES-GAS', EN);

      const customer = await completeAndOpenCustomer(page, EN);
      assert.match(customer.premises, /22 cours Mirabeau/);
      assert.match(customer.premises, /Electric meter/);
      assert.match(customer.premises, /Gas meter/);
      assert.equal(customer.agreementRows, 2, customer.agreements);
      assert.deepEqual(real(problems), []);
    });

  test('en français : client introuvable → Ajouter une commande → Hiver serein pour les seniors → Terminer la commande',
    { timeout: TEST_TIMEOUT }, async () => {
      await useDefaultCampaign(server, 'DUMMY', { token: admin });
      const { page, problems } = await open({ locale: 'fr-FR' });
      await logIn(page, 'conseiller');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await addOrderFromSearch(page, FR, 'Germaine Lacombe');
      assert.equal(await text(page.getByTestId('order-heading')), `${FR.newOrder} ${FR.unsaved}`);
      assert.match(await text(page.getByTestId('order-campaign')), /^DUMMY · Nouvel appelant/);
      assert.equal(await byId(page, 'prospect.family_name').inputValue(), 'Lacombe');
      await byId(page, 'prospect.phone').fill('05 56 12 34 56');
      await byId(page, 'prospect.date_of_birth').fill('1948-02-14');
      await byId(page, 'prospect.address.line1').fill('5 allée de Tourny');
      await byId(page, 'prospect.address.postal_code').fill('33000');
      await byId(page, 'prospect.address.city').fill('Bordeaux');
      await byId(page, 'prospect.address.country').fill('FR');
      await byId(page, 'answer.heating').selectOption('gas');

      const tree = await showEligibility(page, FR);
      assert.match(await text(tree.getByTestId('tree-alternates')), new RegExp(FR.alternates));
      const winter = tree.locator('[data-testid="tree-alternate"][data-code="WINTER-SENIOR"]');
      assert.equal(await winter.count(), 1, `a prospect of 65 or more is offered WINTER-SENIOR: ${await text(tree)}`);
      assert.match(await text(winter), /Hiver serein pour les seniors/);
      assert.match(await text(winter.getByTestId('tree-counts')), /^\(2 forfaits, 2 éligibles\)$/);
      await winter.getByRole('button', { name: FR.switchTo, exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('done') === 'switched');
      assert.match(await text(page.getByTestId('order-campaign')), /^WINTER-SENIOR · /);
      assert.equal(await byId(page, 'answer.heating').inputValue(), 'gas', 'the heating answer is kept');
      await page.getByTestId('eligibility-tree').waitFor();
      await choosePackage(page, 'WINTER-FIX', FR);
      assert.match(await text(page.getByTestId('order-package-instructions')), /appel de suivi hivernal/);

      const customer = await completeAndOpenCustomer(page, FR);
      assert.match(await text(page.locator('main h1')), /Lacombe/);
      assert.match(customer.premises, /5 allée de Tourny/);
      assert.match(customer.premises, /Compteur électrique/);
      assert.equal(customer.agreementRows, 1, customer.agreements);
      assert.deepEqual(real(problems), []);
    });

  test('completing without a required answer names the question and creates nothing', { timeout: TEST_TIMEOUT }, async () => {
    await useDefaultCampaign(server, 'DUMMY', { token: admin });
    const { page, problems } = await open();
    await logIn(page, 'csr');
    await addOrderFromSearch(page, EN, 'Bastien Leclerc');
    await byId(page, 'prospect.address.line1').fill('40 rue Nationale');
    await byId(page, 'prospect.address.postal_code').fill('37000');
    await byId(page, 'prospect.address.city').fill('Tours');
    await byId(page, 'prospect.address.country').fill('FR');
    const tree = await showEligibility(page, EN);
    await tree.locator('[data-testid="tree-alternate"][data-code="GREEN-2026"]')
      .getByRole('button', { name: EN.switchTo, exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'switched');
    await page.getByTestId('eligibility-tree').waitFor();
    await choosePackage(page, 'GREEN-12', EN);

    // "Do you own your home?" is required by GREEN-2026 and was not answered.
    await pressOrderButton(page, EN.complete);
    const alert = page.locator('main .alert-error[role="alert"]').first();
    await alert.waitFor();
    assert.match(await text(page.locator('main')), /The question “Do you own your home\?” must be answered/);
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'pending');
    assert.equal(await page.getByTestId('created').count(), 0);
    assert.equal(await page.getByTestId('nothing-created').count(), 1);
    // The person exists since the first save; nothing else was created.
    await page.getByTestId('order-person').click();
    await page.waitForURL((u) => /^\/customers\/\d+$/.test(u.pathname));
    assert.equal(await page.getByTestId('accounts').count(), 0);
    assert.equal(await page.getByTestId('premises').count(), 0);
    assert.equal(await page.getByTestId('agreements').count(), 0);
    assert.deepEqual(real(problems, [/HTTP 422: POST \/service-orders\/\d+/]), []);
  });

  test('a pending order is put on hold, released, then canceled with a reason', { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems } = await open();
    await logIn(page, 'csr');
    await page.goto('/service-orders?status=pending');
    const row = page.getByTestId('order-list').locator('tbody tr', { hasText: 'Roussel' });
    assert.equal(await row.count(), 1, await text(page.getByTestId('order-list')));
    await row.getByRole('link').first().click();
    await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname));
    const orderPath = new URL(page.url()).pathname;

    // Without a reason: the error is beside the field and nothing changes.
    const hold = page.getByTestId('hold-form');
    await hold.getByRole('button', { name: 'Put on hold', exact: true }).click();
    await page.locator('main .field-error').first().waitFor();
    assert.match(await text(hold), /Choose why the order is put on hold/);
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'pending');

    // Tomorrow in the installation's zone: never in the past.
    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Paris' });
    await page.locator('#hold_reason').selectOption('documents_needed');
    await page.locator('#remind_on').fill(tomorrow);
    await page.getByTestId('hold-form').getByRole('button', { name: 'Put on hold', exact: true }).click();
    await page.waitForURL((u) => u.pathname === orderPath && u.searchParams.get('done') === 'held');
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'held');
    assert.match(await text(page.getByTestId('order-held')), /Documents needed/);

    await page.getByTestId('release-form').getByRole('button', { name: 'Release', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'released');
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'pending');

    await page.locator('#cancel_reason').selectOption('competitor');
    await page.getByTestId('cancel-form').getByRole('button', { name: 'Cancel the order', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('done') === 'canceled');
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'canceled');
    assert.match(await text(page.getByTestId('order-canceled')), /Chose a competitor/);
    assert.equal(await page.getByTestId('order-form').getByRole('button').count(), 0, 'a canceled order has no buttons');
    const history = await page.getByTestId('order-history').locator('tbody tr').allTextContents();
    assert.ok(history.some((r) => /Cancelled/.test(r) && /Chose a competitor/.test(r)), JSON.stringify(history));
    assert.deepEqual(real(problems, [new RegExp(`HTTP 422: POST ${orderPath}/hold`)]), []);
  });

  test('a stale save shows the conflict message and changes nothing', { timeout: TEST_TIMEOUT }, async () => {
    const a = await open();
    const b = await open();
    await logIn(a.page, 'csr');
    await logIn(b.page, 'csr');
    await a.page.goto('/service-orders?status=pending');
    await a.page.getByTestId('order-list').locator('tbody tr', { hasText: 'Okafor' }).getByRole('link').first().click();
    await a.page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname));
    const orderPath = new URL(a.page.url()).pathname;
    await b.page.goto(orderPath);

    await byId(a.page, 'prospect.given_name').fill('Dan');
    await pressOrderButton(a.page, 'Save');
    await a.page.waitForURL((u) => u.searchParams.get('done') === 'saved');

    await byId(b.page, 'prospect.given_name').fill('Danny');
    await pressOrderButton(b.page, 'Save');
    const alert = b.page.locator('main .alert-error[role="alert"]').first();
    await alert.waitFor();
    assert.match(await text(alert), /\S/);
    assert.equal(await byId(b.page, 'prospect.given_name').inputValue(), 'Danny', 'the form comes back as typed');
    await b.page.goto(orderPath);
    assert.equal(await byId(b.page, 'prospect.given_name').inputValue(), 'Dan', 'the stale save changed nothing');
    assert.deepEqual(real(a.problems), []);
    assert.deepEqual(real(b.problems, [new RegExp(`HTTP 409: POST ${orderPath}$`)]), []);
  });

  test('with a predefined territory, Add order shows a notice pointing to Add customer', { timeout: TEST_TIMEOUT }, async () => {
    await setSettings(server, admin, { territory_predefined: true });
    try {
      const { page, problems } = await open();
      await logIn(page, 'csr');
      await addOrderFromSearch(page, EN, 'Inès Poulain');
      const notice = page.getByTestId('territory-notice');
      await notice.waitFor();
      assert.match(await text(notice), /The service territory is predefined/);
      assert.equal(await page.getByTestId('order-form').count(), 0, 'no order form');
      await page.getByTestId('territory-add-customer').click();
      await page.waitForURL((u) => u.pathname === '/customers/new');
      assert.equal(await page.locator('#given_name').inputValue(), 'Inès');
      assert.equal(await page.locator('#family_name').inputValue(), 'Poulain');
      assert.deepEqual(real(problems), []);
    } finally {
      await setSettings(server, admin, { territory_predefined: false });
    }
  });
  // Add customer's duplicate check, on Add order's new prospect, before the
  // first save: the existing customer first, then "create anyway".
  for (const [login, t, phone, family] of [['csr', EN, '06 44 55 66 71', 'Fontaine'], ['conseiller', FR, '06 44 55 66 72', 'Fontanel']]) {
    test(`${t.duplicatesTitle} (${login})`, { timeout: TEST_TIMEOUT }, async () => {
      await useDefaultCampaign(server, 'GENERIC', { token: admin });
      const { token } = await createToken(server, login, `duplicates-${login}`);
      const { customer } = await createCustomer(server, token, {
        given_name: 'Bérénice', family_name: family, language: 'fr',
        address: { line1: '9 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
        phones: [{ type: 'mobile', number: phone }],
      });
      const withPhone = async () => {
        const found = await apiCall(server, 'GET', `/api/v1/customers?phone=${encodeURIComponent(phone)}`, { token });
        assert.equal(found.status, 200, found.text);
        return found.body.items.map((hit) => hit.customer.id);
      };
      const { page, problems } = await open({ locale: login === 'csr' ? 'en-US' : 'fr-FR' });
      await logIn(page, login);
      const newOrder = `/service-orders/new?name=${encodeURIComponent('Octave Duclos')}&phone=${encodeURIComponent(phone)}`;
      await page.goto(newOrder);
      await pressOrderButton(page, t.save);
      const warning = page.getByTestId('order-duplicates');
      await warning.waitFor();
      assert.match(await text(warning), new RegExp(t.duplicatesTitle.replace('.', '\\.')));
      const rows = warning.getByTestId('order-duplicate');
      assert.equal(await rows.count(), 1, await text(warning));
      assert.match(await text(rows), new RegExp(`${family}.*${t.samePhone}`));
      // "Use this customer" comes first; the form is as typed; nobody was created.
      assert.equal(await text(rows.locator('a, button').first()), t.useCustomer);
      assert.equal(await byId(page, 'prospect.family_name').inputValue(), 'Duclos');
      assert.deepEqual(await withPhone(), [customer.id]);

      await rows.getByRole('link', { name: t.useCustomer, exact: true }).click();
      await page.waitForURL((u) => u.pathname === '/service-orders/new' && u.searchParams.get('customer') === String(customer.id));
      assert.equal(await page.locator('input[name="person"][value="use_existing"]').isChecked(), true);
      await pressOrderButton(page, t.save);
      await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname) && u.searchParams.get('done') === 'saved');
      assert.equal(await page.getByTestId('order-person').getAttribute('href'), `/customers/${customer.id}`);
      assert.deepEqual(await withPhone(), [customer.id], 'the order is for the existing customer');

      // The CSR may also go on with the new prospect, explicitly.
      await page.goto(newOrder);
      await pressOrderButton(page, t.save);
      await warning.waitFor();
      await warning.getByRole('button', { name: t.createAnyway, exact: true }).click();
      await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname) && u.searchParams.get('done') === 'saved');
      const both = await withPhone();
      assert.equal(both.length, 2, JSON.stringify(both));
      assert.deepEqual(real(problems), []);
    });
  }

  // The new-order form carries a one-time token, kept in its address and
  // reserved in the database by the save that creates the order.
  test('Back after saving a new order and Save again: still one order and one customer', { timeout: TEST_TIMEOUT }, async () => {
    await useDefaultCampaign(server, 'GENERIC', { token: admin });
    const { token } = await createToken(server, 'csr', 'back-and-save');
    const { page, problems } = await open();
    await logIn(page, 'csr');
    await addOrderFromSearch(page, EN, 'Quentin Barbier');
    assert.match(new URL(page.url()).searchParams.get('form') ?? '', /^[A-Za-z0-9_-]{16,}$/);
    await byId(page, 'prospect.phone').fill('06 38 27 16 05');
    // What the browser would send again.
    const sent = await page.getByTestId('order-form').evaluate((form) => {
      const data = new URLSearchParams(new FormData(form));
      data.set('then', 'save');
      return data.toString();
    });
    await pressOrderButton(page, EN.save);
    await page.waitForURL((u) => /^\/service-orders\/\d+$/.test(u.pathname) && u.searchParams.get('done') === 'saved');
    const orderId = orderIdOf(page);

    await page.goBack();
    // Back shows the order the form made (or the form, which saves that order).
    await page.waitForURL((u) => u.pathname === `/service-orders/${orderId}` || u.pathname === '/service-orders/new');
    if (new URL(page.url()).pathname !== '/service-orders/new')
      assert.match(await text(page.getByTestId('order-notice')), /This form was saved already, as order SO-\d{6}/);
    await pressOrderButton(page, EN.save);
    await page.waitForURL((u) => u.pathname === `/service-orders/${orderId}` && u.searchParams.get('done') === 'saved');

    // The same form sent once more, as a double click would: the same order.
    const again = await page.request.post('/service-orders', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: sent,
    });
    assert.equal(again.status(), 200);
    assert.equal(new URL(again.url()).pathname, `/service-orders/${orderId}`);

    const found = await apiCall(server, 'GET', '/api/v1/customers?q=Barbier', { token });
    const barbiers = found.body.items.filter((hit) => hit.customer.family_name === 'Barbier');
    assert.equal(barbiers.length, 1, JSON.stringify(found.body.items));
    const orders = await apiCall(server, 'GET', `/api/v1/service-orders?customer=${barbiers[0].customer.id}`, { token });
    assert.deepEqual(orders.body.items.map((o) => o.id), [orderId]);
    assert.deepEqual(real(problems), []);
  });

  test('predefined territory: a premise found by postal code and street stays picked through errors, and the order completes on it',
    { timeout: TEST_TIMEOUT }, async () => {
      await useDefaultCampaign(server, 'GENERIC', { token: admin });
      const { token } = await createToken(server, 'csr', 'territory');
      // A premise of the territory with its electric meter, and a neighbour's at the same postal code.
      const made = await createCustomer(server, token, {
        given_name: 'Armand', family_name: 'Corroyeur', language: 'fr',
        address: { line1: '7 impasse des Tanneurs', postal_code: '38209', city: 'Vienne', country: 'FR' },
        phones: [{ type: 'mobile', number: '06 45 82 73 64' }],
        premise: { same_as_customer: true, service_point_type: 'electric_meter' },
      });
      await createCustomer(server, token, {
        given_name: 'Inès', family_name: 'Voisin', language: 'fr',
        address: { line1: '2 quai Jean-Jaurès', postal_code: '38209', city: 'Vienne', country: 'FR' },
        premise: { same_as_customer: true, service_point_type: 'electric_meter' },
      });
      const premise = made.premises[0];
      assert.equal(premise.service_points.length, 1);
      await setSettings(server, admin, { territory_predefined: true });
      try {
        const { page, problems } = await open();
        await logIn(page, 'csr');
        await addOrderFromSearch(page, EN, 'Lise Fabre');
        await page.getByTestId('territory-notice').waitFor();
        await page.getByRole('link', { name: 'Take the order anyway, with an existing premise', exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/service-orders/new' && u.searchParams.has('form'));
        // No fields for a new premise: every premise exists already.
        assert.equal(await page.getByTestId('order-premise').count(), 0);
        assert.equal(await byId(page, 'premise_address.line1').count(), 0);
        await byId(page, 'question-home_owner').getByLabel(EN.yes, { exact: true }).check();
        await byId(page, 'answer.heating').selectOption('electric');

        // Saved without a premise (and with a phone that is not one): the
        // summary's link leads to the premise picker.
        await byId(page, 'prospect.phone').fill('12');
        await pressOrderButton(page, EN.save);
        const summary = page.locator('#error-summary');
        await summary.waitFor();
        const toPremise = summary.locator('a[href="#existing_premise"]');
        assert.equal(await toPremise.count(), 1, await text(summary));
        assert.match(await text(toPremise), /required/);
        assert.equal(await page.locator('#existing_premise').count(), 1, 'the link has its target');

        // Found by postal code, then by postal code and street.
        const picker = page.getByTestId('premise-choices');
        const choice = picker.locator(`input[name="existing_premise"][value="${premise.number}"]`);
        await page.locator('#premise_search').fill('38209');
        await choice.waitFor();
        assert.equal(await picker.locator('input[name="existing_premise"]').count(), 2, await text(picker));
        await page.locator('#premise_search').fill('38209 tanneurs');
        await page.waitForFunction(() => document.querySelectorAll('#premise-choices input[name="existing_premise"]').length === 1);
        await choice.check();

        // A validation error keeps the premise picked, with its service point.
        await pressOrderButton(page, EN.save);
        await summary.waitFor();
        assert.equal(await choice.isChecked(), true, 'still picked after an error');
        assert.match(await text(picker), /7 impasse des Tanneurs, 38209 Vienne.*Electric meter/);
        await byId(page, 'prospect.phone').fill('06 71 62 53 44');
        await showEligibility(page, EN);
        assert.equal(await choice.isChecked(), true, 'still picked once saved');
        await choosePackage(page, 'RES', EN);
        assert.equal(await choice.isChecked(), true, 'still picked after choosing the package');

        await pressOrderButton(page, EN.complete);
        await page.waitForURL((u) => u.searchParams.get('done') === 'complete');
        assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'complete');
        const created = page.getByTestId('created');
        assert.equal(await created.getByTestId('created-premise').count(), 0, await text(created));
        assert.equal(await created.getByTestId('created-service-point').count(), 0, await text(created));
        assert.equal(await created.getByTestId('created-agreement').count(), 1, await text(created));
        // The new customer is served at the existing premise, on its meter.
        const order = await apiCall(server, 'GET', `/api/v1/service-orders/${orderIdOf(page)}`, { token });
        const view = await apiCall(server, 'GET', `/api/v1/customers/${order.body.parties.customer_id}`, { token });
        assert.deepEqual(view.body.premises.map((p) => p.id), [premise.id]);
        assert.deepEqual(view.body.service_agreements.map((a) => a.service_point_id), [premise.service_points[0].id]);
        const there = await apiCall(server, 'GET', `/api/v1/customers/${made.customer.id}`, { token });
        assert.deepEqual(there.body.premises[0].service_points.map((sp) => sp.id), [premise.service_points[0].id], 'no service point added');
        assert.deepEqual(real(problems, [/HTTP 422: POST \/service-orders$/]), []);
      } finally {
        await setSettings(server, admin, { territory_predefined: false });
      }
    });
  test('territoire prédéfini : le local se trouve par code postal et reste choisi après une erreur', { timeout: TEST_TIMEOUT }, async () => {
    await useDefaultCampaign(server, 'GENERIC', { token: admin });
    const { token } = await createToken(server, 'conseiller', 'territoire');
    const made = await createCustomer(server, token, {
      given_name: 'Maëlle', family_name: 'Chaudronnier', language: 'fr',
      address: { line1: '3 montée des Chaudronniers', postal_code: '38217', city: 'Vienne', country: 'FR' },
      premise: { same_as_customer: true, service_point_type: 'electric_meter' },
    });
    await setSettings(server, admin, { territory_predefined: true });
    try {
      const { page, problems } = await open({ locale: 'fr-FR' });
      await logIn(page, 'conseiller');
      await page.goto('/service-orders/new?name=Jeanne%20Roux&continue=1');
      await page.waitForURL((u) => u.searchParams.has('form'));
      const picker = page.getByTestId('premise-picker');
      assert.match(await text(picker), /Le code postal, la rue, ou les deux ; puis choisissez le local\./);
      assert.equal(await page.getByTestId('order-premise').count(), 0, 'pas de champs de nouveau local');
      await page.locator('#premise_search').fill('38217 chaudronniers');
      const choice = picker.locator(`input[name="existing_premise"][value="${made.premises[0].number}"]`);
      await choice.waitFor();
      await choice.check();
      await byId(page, 'prospect.family_name').fill('');
      await pressOrderButton(page, FR.save);
      await page.locator('#error-summary').waitFor();
      assert.equal(await choice.isChecked(), true, 'toujours choisi après l’erreur');
      assert.match(await text(picker), /3 montée des Chaudronniers, 38217 Vienne.*Compteur électrique/);
      assert.deepEqual(real(problems, [/HTTP 422: POST \/service-orders$/]), []);
    } finally {
      await setSettings(server, admin, { territory_predefined: false });
    }
  });
});
