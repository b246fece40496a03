// The service order of seed 000 through the JSON API
// (campaigns-and-orders.md): a CSR opens an order for a caller who is not a
// customer (the person is created on the first save), answers questions,
// shows eligibility (the tree as data), switches to an alternate campaign
// (answers kept / set aside), chooses a package and completes the order —
// which creates the account and the agreement, seen on the customer's
// 360° view. Refusals change nothing: a required answer missing, an
// ineligible package, an answer of the wrong type, a past remind date, a
// stale version, a final order. Every JSON answer is checked against
// api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, formOf, loggedInClient, startServer, textOf,
} from '../support/harness.mjs';

const hex = (n) => crypto.randomBytes(n).toString('hex').toUpperCase();
const DAY_MS = 86_400_000;
const day = (offset) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

const OWNS_EV = {
  code: 'owns_ev', prompt_en: 'Do you own an electric vehicle?', prompt_fr: 'Possédez-vous un véhicule électrique ?',
  type: 'yes_no', applicability: 'required',
};
const HOUSEHOLD = {
  code: 'household_size', prompt_en: 'How many people live in the home?', prompt_fr: 'Combien de personnes vivent au foyer ?',
  type: 'number', applicability: 'optional',
};
const HEATING = {
  code: 'heating', prompt_en: 'How is the home heated?', prompt_fr: 'Comment le logement est-il chauffé ?',
  type: 'list', applicability: 'optional',
  choices: [{ code: 'gas', label_en: 'Gas', label_fr: 'Gaz' }, { code: 'electric', label_en: 'Electric', label_fr: 'Électrique' }],
};
const ELECTRICITY = [{ division: 'energy', agreement_type: 'electricity', start: 'on_completion' }];
const rule = (field, comparison, values, label) => ({
  groups: [{ label, criteria: [{ field, comparison, values }], if_true: 'eligible', if_false: 'ineligible' }],
});

// A mobile number of its own, so that no two prospects look like one person.
const MOBILE_PREFIXES = ['12', '21', '44', '48', '55', '71'];
const mobile = () => `06 ${MOBILE_PREFIXES[crypto.randomInt(MOBILE_PREFIXES.length)]} ${String(crypto.randomInt(1_000_000)).padStart(6, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}`;
const e164 = (national) => `+33${national.replace(/\D/g, '').slice(1)}`;

function prospect() {
  return {
    kind: 'person',
    family_name: `Order${hex(3)}`,
    given_name: 'Hélène',
    phone: mobile(),
    email: `helene.${hex(3).toLowerCase()}@example.org`,
    language: 'fr',
    customer_class: 'residential',
    address: { line1: '12 rue des Lilas', postal_code: '69003', city: 'Lyon', country: 'FR' },
  };
}
const PARTIES = { person: 'create_new', account: 'create_new', premise: 'none' };

describe(`service orders API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let fulfilment;
  let green;   // owns_ev (required) + household_size; packages EV (owns_ev = yes), BIG (household_size ≥ 3)
  let winter;  // owns_ev + heating; packages W-EV (owns_ev = yes), W-NOEV (owns_ev = no)
  const pkg = {};

  const call = (method, target, token, json, headers) => apiCall(server, method, target, { token, json, headers });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  function expectFieldError(res, field, code, what, status = 422) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    assert.equal(res.contentType.split(';')[0], 'application/problem+json', what);
    const all = [...(res.body.errors ?? []), { field: res.body.field, code: res.body.code }];
    assert.ok(all.some((e) => (field === undefined || e.field === field) && e.code === code),
              `${what}: expected ${code} on ${field}, got ${JSON.stringify(res.body)}`);
  }
  async function campaign(code, questions) {
    return expectStatus(await call('POST', '/api/v1/campaigns', manager, {
      code, description_en: `${code} campaign`, description_fr: `Campagne ${code}`, valid_from: day(0),
      premise: { usage: 'optional', may_create: true }, account: { usage: 'required', may_create: true }, questions,
    }), 201, `campaign ${code}`);
  }
  async function addPackage(campaignId, code, rules, display_order) {
    const p = expectStatus(await call('POST', `/api/v1/campaigns/${campaignId}/packages`, manager, {
      code, description_en: `${code} package`, description_fr: `Offre ${code}`, display_order, rules, agreements: ELECTRICITY,
    }), 201, `package ${code}`);
    pkg[code] = p;
    return p;
  }
  async function openOrder(body = {}) {
    const res = await call('POST', '/api/v1/service-orders', csr,
                           { campaign_id: green.id, prospect: prospect(), parties: PARTIES, ...body });
    const o = expectStatus(res, 201, 'POST order');
    assert.equal(res.location, `/api/v1/service-orders/${o.id}`);
    return o;
  }
  const getOrder = async (id) => expectStatus(await call('GET', `/api/v1/service-orders/${id}`, csr), 200, 'GET order');
  const answerOf = (order, code) => order.answers.find((a) => a.question === code)?.value;

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'orders')).token;
    csr = (await createToken(server, 'csr', 'orders')).token;
    fulfilment = (await createToken(server, 'fulfilment', 'orders')).token;
    const tag = hex(2);
    green = await campaign(`GREEN-${tag}`, [OWNS_EV, HOUSEHOLD]);
    await addPackage(green.id, `EV-${tag}`, rule('answer:owns_ev', 'eq', [true], 'EV owners'), 1);
    await addPackage(green.id, `BIG-${tag}`, rule('answer:household_size', 'ge', [3], 'Large households'), 2);
    winter = await campaign(`WINTER-${tag}`, [OWNS_EV, HEATING]);
    await addPackage(winter.id, `W-EV-${tag}`, rule('answer:owns_ev', 'eq', [true], 'EV owners'), 1);
    await addPackage(winter.id, `W-NOEV-${tag}`, rule('answer:owns_ev', 'eq', [false], 'No EV'), 2);
    pkg.ev = pkg[`EV-${tag}`];
    pkg.big = pkg[`BIG-${tag}`];
    pkg.wev = pkg[`W-EV-${tag}`];
    pkg.wnoev = pkg[`W-NOEV-${tag}`];
  });
  after(async () => {
    await server?.stop();
  });

  test('create → answer → eligibility → switch campaign → choose package → complete; the customer shows the account', async () => {
    // First save: the person exists at once, so a dropped call loses nothing.
    const typed = prospect();
    const created = await openOrder({ prospect: typed, answers: { household_size: 4 } });
    assert.equal(created.status, 'pending');
    assert.match(created.number, /^SO-\d{6}$/);
    assert.equal(created.campaign_id, green.id);
    assert.equal(created.package_id, null);
    assert.ok(Number.isInteger(created.parties.customer_id), 'the person was created');
    assert.equal(created.created.customer, created.parties.customer_id);
    assert.equal(created.prospect.phone_e164, e164(typed.phone));
    assert.deepEqual(answerOf(created, 'household_size'), { type: 'number', value: '4' });
    const customerId = created.parties.customer_id;
    const before = expectStatus(await call('GET', `/api/v1/customers/${customerId}`, csr), 200, 'customer');
    assert.equal(before.accounts.length, 0);

    // Show eligibility before owns_ev is answered: EV needs data, BIG is eligible.
    let tree = expectStatus(await call('GET', `/api/v1/service-orders/${created.id}/eligibility`, csr), 200, 'tree');
    assert.equal(tree.order_id, created.id);
    assert.equal(tree.campaign.id, green.id);
    assert.equal(tree.campaign.verdict.result, 'eligible');
    assert.deepEqual(tree.campaign.packages.map((p) => p.id), [pkg.ev.id, pkg.big.id], 'by display order');
    const [ev, big] = tree.campaign.packages;
    assert.equal(ev.verdict.result, 'insufficient_data');
    assert.deepEqual(ev.verdict.missing, ['answer:owns_ev']);
    assert.deepEqual(ev.missing_questions.map((q) => q.code), ['owns_ev']);
    assert.equal(ev.missing_questions[0].prompt, OWNS_EV.prompt_en);
    assert.equal(ev.choosable, false);
    assert.equal(big.verdict.result, 'eligible');
    assert.equal(big.verdict.group, 0);
    assert.equal(big.choosable, true);
    assert.equal(tree.campaign.package_count, 2);
    assert.equal(tree.campaign.eligible_count, 1);
    assert.ok(Array.isArray(tree.alternates));

    // An answer of the wrong type is refused and changes nothing.
    const wrong = await call('PUT', `/api/v1/service-orders/${created.id}/answers/owns_ev`, csr,
                             { value: 'perhaps', version: created.version });
    expectFieldError(wrong, 'answers.owns_ev', 'value.not_yes_no', 'wrong type');
    const wrongJson = await call('PUT', `/api/v1/service-orders/${created.id}/answers/owns_ev`, csr,
                                 { value: [true], version: created.version });
    expectFieldError(wrongJson, 'answers.owns_ev', 'json.invalid_member', 'an array');
    assert.equal((await getOrder(created.id)).version, created.version);

    const answered = expectStatus(await call('PUT', `/api/v1/service-orders/${created.id}/answers/owns_ev`, csr,
                                             { value: true, version: created.version }), 200, 'answer');
    assert.deepEqual(answerOf(answered, 'owns_ev'), { type: 'yes_no', value: 'yes' });
    assert.equal(answered.version, created.version + 1);

    tree = expectStatus(await call('GET', `/api/v1/service-orders/${created.id}/eligibility`, csr), 200, 'tree');
    assert.equal(tree.campaign.packages[0].verdict.result, 'eligible');
    assert.equal(tree.campaign.eligible_count, 2);
    const alt = tree.alternates.find((a) => a.id === winter.id);
    assert.ok(alt, `WINTER is an alternate: ${JSON.stringify(tree.alternates.map((a) => a.code))}`);
    assert.equal(alt.package_count, 2);
    assert.equal(alt.eligible_count, 1);
    assert.equal(alt.packages.find((p) => p.id === pkg.wnoev.id).verdict.result, 'ineligible');
    assert.ok(!tree.alternates.some((a) => a.id === green.id), 'the order\'s campaign is not an alternate');

    // Switch: owns_ev is asked by WINTER too (kept); household_size is set aside.
    const switched = expectStatus(await call('POST', `/api/v1/service-orders/${created.id}/campaign`, csr,
                                             { campaign_id: winter.id, version: answered.version }), 200, 'switch');
    assert.equal(switched.campaign_id, winter.id);
    assert.equal(switched.package_id, null);
    assert.deepEqual(switched.kept, ['owns_ev']);
    assert.deepEqual(switched.set_aside.map((a) => a.question), ['household_size']);
    assert.deepEqual(switched.answers.map((a) => a.question), ['owns_ev']);

    // An ineligible package is refused; an eligible one is chosen.
    const ineligible = await call('POST', `/api/v1/service-orders/${created.id}/package`, csr,
                                  { package_id: pkg.wnoev.id, version: switched.version });
    expectFieldError(ineligible, 'package_id', 'order.package_ineligible', 'ineligible package');
    const otherCampaign = await call('POST', `/api/v1/service-orders/${created.id}/package`, csr,
                                     { package_id: pkg.big.id, version: switched.version });
    assert.equal(otherCampaign.status, 422, `a package of another campaign is a bad package_id: ${otherCampaign.text}`);
    const chosen = expectStatus(await call('POST', `/api/v1/service-orders/${created.id}/package`, csr,
                                           { package_id: pkg.wev.id, version: switched.version }), 200, 'choose');
    assert.equal(chosen.package_id, pkg.wev.id);

    const done = expectStatus(await call('POST', `/api/v1/service-orders/${created.id}/complete`, csr,
                                         { version: chosen.version }), 200, 'complete');
    assert.equal(done.status, 'complete');
    assert.ok(Number.isInteger(done.created.account), JSON.stringify(done.created));
    assert.equal(done.created.agreements.length, 1);
    assert.ok(done.completed_at);

    const view = await getOrder(created.id);
    assert.equal(view.status, 'complete');
    assert.deepEqual(view.created, done.created);
    assert.equal(view.campaign.id, winter.id);
    assert.equal(view.package.id, pkg.wev.id);
    assert.ok(view.account_number, 'the page names the account');
    assert.deepEqual(view.events.map((e) => e.status).slice(-1), ['complete']);

    const customer = expectStatus(await call('GET', `/api/v1/customers/${customerId}`, csr), 200, 'customer');
    assert.ok(customer.accounts.some((a) => a.id === done.created.account), 'the account is on the customer');
    assert.ok(customer.service_agreements.some((sa) => sa.id === done.created.agreements[0]), 'so is the agreement');

    // The order's steps are interactions an integrator groups into one line,
    // as the 360° view does: they name the order (related_type, related_id).
    const noted = expectStatus(await call('POST', `/api/v1/customers/${customerId}/interactions`, csr,
                                          { channel: 'call', direction: 'inbound', summary: 'Asked about the bill' }), 201, 'a call');
    assert.equal(noted.related_type, null);
    assert.equal(noted.related_id, null);
    const items = expectStatus(await call('GET', `/api/v1/customers/${customerId}`, csr), 200, 'customer').interactions;
    const steps = items.filter((i) => i.related_type === 'service_order');
    assert.deepEqual([...new Set(steps.map((i) => i.related_id))], [created.id], 'every step names the order');
    assert.deepEqual(steps.map((i) => i.outcome).reverse(),
                     ['pending', 'campaign_switched', 'package_chosen', 'complete'], 'its steps, oldest first');
    assert.deepEqual(items.filter((i) => i.related_type === null).map((i) => i.id), [noted.id], 'the call stands alone');

    // A complete order is final.
    const again = await call('POST', `/api/v1/service-orders/${created.id}/complete`, csr, { version: done.version });
    expectFieldError(again, undefined, 'order.final', 'complete twice');
  });

  test('a question\'s bounds: kept by the API, and an answer outside them is 422 naming them (also without bounds); nothing saved', async () => {
    const tag = hex(2);
    const bounded = await campaign(`BOUND-${tag}`, [{ ...HOUSEHOLD, min: 1, max: 20 }, { ...HOUSEHOLD, code: 'pets' }]);
    const [household, pets] = bounded.questions;
    assert.equal(household.min, 1);
    assert.equal(household.max, 20);
    assert.equal(pets.min, null, 'no bound: null');
    assert.equal(pets.max, null);

    const refused = await call('POST', '/api/v1/service-orders', csr,
                               { campaign_id: bounded.id, prospect: prospect(), parties: PARTIES,
                                 answers: { household_size: 99999999999 } });
    expectFieldError(refused, 'answers.household_size', 'answer.out_of_range', 'a first save');
    const error = refused.body.errors.find((e) => e.field === 'answers.household_size');
    assert.equal(error.detail, 'Give a number from 1 to 20.');

    const o = expectStatus(await call('POST', '/api/v1/service-orders', csr,
                                      { campaign_id: bounded.id, prospect: prospect(), parties: PARTIES,
                                        answers: { household_size: 3 } }), 201, 'in bounds');
    for (const value of [-5, '0', 21, 99999999999]) {
      const res = await call('PUT', `/api/v1/service-orders/${o.id}/answers/household_size`, csr, { value, version: o.version });
      expectFieldError(res, 'answers.household_size', 'answer.out_of_range', `answer ${value}`);
    }
    // Without bounds a number is a count up to one billion.
    const negative = await call('PUT', `/api/v1/service-orders/${o.id}/answers/pets`, csr, { value: -5, version: o.version });
    expectFieldError(negative, 'answers.pets', 'answer.out_of_range', 'a negative count');
    assert.match(negative.body.detail, /from 0 to 1000000000/);
    const stored = await getOrder(o.id);
    assert.equal(stored.version, o.version, 'nothing saved');
    assert.deepEqual(answerOf(stored, 'household_size'), { type: 'number', value: '3' });
    assert.equal(answerOf(stored, 'pets'), undefined);
  });

  test('completing without a required answer is refused naming the question, and nothing is created', async () => {
    const o = await openOrder({ answers: { household_size: 5 } });
    const chosen = expectStatus(await call('POST', `/api/v1/service-orders/${o.id}/package`, csr,
                                           { package_id: pkg.big.id, version: o.version }), 200, 'choose BIG');
    const res = await call('POST', `/api/v1/service-orders/${o.id}/complete`, csr, { version: chosen.version });
    expectFieldError(res, 'answers.owns_ev', 'order.answer_required', 'required answer');
    assert.ok(res.body.detail.includes(OWNS_EV.prompt_en) || res.body.detail.includes('owns_ev'),
              `the message names the question: ${res.body.detail}`);
    const after = await getOrder(o.id);
    assert.equal(after.status, 'pending');
    assert.equal(after.version, chosen.version);
    assert.equal(after.created.account, null);
    assert.deepEqual(after.created.agreements, []);
    const customer = expectStatus(await call('GET', `/api/v1/customers/${o.parties.customer_id}`, csr), 200, 'customer');
    assert.equal(customer.accounts.length, 0, 'no account was created');
    assert.equal(customer.service_agreements.length, 0, 'no agreement was created');

    const noPackage = await openOrder({ answers: { owns_ev: 'oui' } });
    assert.deepEqual(answerOf(noPackage, 'owns_ev'), { type: 'yes_no', value: 'yes' });
    const refused = await call('POST', `/api/v1/service-orders/${noPackage.id}/complete`, csr, { version: noPackage.version });
    expectFieldError(refused, 'package_id', 'order.package_required', 'no package');
  });

  test('bad order input is refused with 422 naming the member; nothing is created', async () => {
    const list = async () => expectStatus(await call('GET', `/api/v1/service-orders?campaign=${green.id}&limit=200`, csr), 200, 'list').items;
    const count = (await list()).length;
    const cases = [
      [{ answers: { household_size: 'a few' } }, 'answers.household_size', 'value.not_a_number'],
      [{ answers: { favourite_colour: 'blue' } }, 'answers.favourite_colour', 'answer.question_unknown'],
      [{ answers: { owns_ev: { nested: true } } }, 'answers.owns_ev', 'json.invalid_member'],
      [{ answers: 'owns_ev=yes' }, 'answers', 'json.type_object'],
      [{ prospect: { ...prospect(), family_name: '' } }, 'prospect.family_name', 'field.required'],
      [{ prospect: { ...prospect(), date_of_birth: 'yesterday' } }, 'prospect.date_of_birth', 'field.date_invalid'],
      [{ prospect: 'Dupont' }, 'prospect', 'json.type_object'],
      [{ parties: { ...PARTIES, account: 'borrowed' } }, 'parties.account', 'json.code_unknown'],
      [{ parties: { ...PARTIES, account: 'none' } }, 'parties.account', 'order.account_required'],
      [{ campaign_id: 'GREEN' }, 'campaign_id', 'json.type_integer'],
      [{ campaign_id: -3 }, 'campaign_id', 'field.number_invalid'],
    ];
    for (const [body, field, code] of cases) {
      const res = await call('POST', '/api/v1/service-orders', csr, { campaign_id: green.id, prospect: prospect(), parties: PARTIES, ...body });
      expectFieldError(res, field, code, JSON.stringify(body));
    }
    const unknownCampaign = await call('POST', '/api/v1/service-orders', csr, { campaign_id: 999999, prospect: prospect(), parties: PARTIES });
    assert.equal(unknownCampaign.status, 422, `an unknown campaign_id is bad input: ${unknownCampaign.text}`);
    assert.equal((await list()).length, count, 'no order was created');
  });

  test('hold needs a remind date not in the past; release; cancel is final (complete then refused)', async () => {
    const o = await openOrder({ answers: { owns_ev: true } });
    const past = await call('POST', `/api/v1/service-orders/${o.id}/hold`, csr,
                            { reason: 'customer_to_call_back', remind_on: day(-3), version: o.version });
    expectFieldError(past, 'remind_on', 'order.remind_date_past', 'past remind date');
    const badDate = await call('POST', `/api/v1/service-orders/${o.id}/hold`, csr,
                               { reason: 'customer_to_call_back', remind_on: '31/12/2030', version: o.version });
    expectFieldError(badDate, 'remind_on', 'field.date_invalid', 'bad date');
    assert.equal((await getOrder(o.id)).status, 'pending');

    const held = expectStatus(await call('POST', `/api/v1/service-orders/${o.id}/hold`, csr,
                                         { reason: 'customer_to_call_back', remind_on: day(2), version: o.version }), 200, 'hold');
    assert.equal(held.status, 'held');
    assert.equal(held.remind_on, day(2));
    assert.equal(held.hold_reason, 'customer_to_call_back');
    const listed = expectStatus(await call('GET', '/api/v1/service-orders?status=held', csr), 200, 'held list');
    assert.ok(listed.items.some((x) => x.id === o.id));
    const released = expectStatus(await call('POST', `/api/v1/service-orders/${o.id}/release`, csr,
                                             { version: held.version }), 200, 'release');
    assert.equal(released.status, 'pending');

    const canceled = expectStatus(await call('POST', `/api/v1/service-orders/${o.id}/cancel`, csr,
                                             { reason: 'not_interested', version: released.version }), 200, 'cancel');
    assert.equal(canceled.status, 'canceled');
    assert.equal(canceled.cancel_reason, 'not_interested');
    const complete = await call('POST', `/api/v1/service-orders/${o.id}/complete`, csr, { version: canceled.version });
    expectFieldError(complete, undefined, 'order.final', 'complete a canceled order');
    const save = await call('PUT', `/api/v1/service-orders/${o.id}`, csr, { answers: { household_size: 2 }, version: canceled.version });
    expectFieldError(save, undefined, 'order.final', 'save a canceled order');
    assert.equal((await getOrder(o.id)).status, 'canceled');
  });

  // The follow-up list of every CSR: held orders whose reminder is due, by
  // the desk's today, the same through the API and the page.
  test('held orders due: ?due=true lists every CSR\'s, ?mine=true only the caller\'s, and the page agrees', async () => {
    const due = expectStatus(await call('GET', '/api/v1/service-orders?due=true&limit=200', manager), 200, 'due');
    assert.ok(due.items.length > 0, 'the demo data holds orders whose reminder is due');
    const today = new Date().toISOString().slice(0, 10);
    for (const o of due.items) {
      assert.equal(o.status, 'held', JSON.stringify(o));
      assert.ok(o.remind_on <= day(1), `${o.remind_on} is due (today ${today})`);
    }
    const mine = expectStatus(await call('GET', '/api/v1/service-orders?due=true&mine=true&limit=200', csr), 200, 'mine');
    assert.ok(mine.items.length > 0 && mine.items.length <= due.items.length, JSON.stringify(mine.items.length));
    assert.ok(mine.items.every((o) => due.items.some((d) => d.id === o.id)));
    expectFieldError(await call('GET', '/api/v1/service-orders?due=true&status=pending', manager),
                     'status', 'order.due_needs_held', 'due with another status');
    expectFieldError(await call('GET', '/api/v1/service-orders?mine=yes', manager), 'mine', 'json.type_boolean', 'mine=yes');

    // The page, for a manager: the same orders.
    const client = await loggedInClient(server, 'manager');
    const page = await client.get('/service-orders?due=1');
    assert.equal(page.status, 200);
    for (const o of due.items.slice(0, 5)) assert.ok(page.text.includes(`>${o.number}<`), `${o.number} is on the page`);
    // The page refuses what the API refuses, beside the filters.
    const refused = await client.get('/service-orders?due=1&status=pending');
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.text), /Only held orders have a reminder/);
    const home = await (await loggedInClient(server, 'csr')).get('/');
    assert.match(home.text, /href="\/service-orders\?due=1"/);
  });

  test('a stale version is refused with 409 and nothing changes', async () => {
    // Ready to complete (owns_ev answered, an eligible package chosen), so
    // only the version stops the completion.
    const opened = await openOrder({ answers: { owns_ev: true } });
    const o = expectStatus(await call('POST', `/api/v1/service-orders/${opened.id}/package`, csr,
                                      { package_id: pkg.ev.id, version: opened.version }), 200, 'choose EV');
    const saved = expectStatus(await call('PUT', `/api/v1/service-orders/${o.id}`, csr, {
      prospect: { given_name: 'Léa' }, answers: { household_size: '3' }, version: o.version }), 200, 'PUT');
    assert.equal(saved.prospect.given_name, 'Léa');
    assert.equal(saved.prospect.family_name, o.prospect.family_name, 'prospect members not sent are kept');
    assert.deepEqual(answerOf(saved, 'household_size'), { type: 'number', value: '3' });
    for (const [method, target, body] of [
      ['PUT', `/api/v1/service-orders/${o.id}`, { prospect: { given_name: 'Zoé' } }],
      ['PUT', `/api/v1/service-orders/${o.id}/answers/owns_ev`, { value: 'no' }],
      ['POST', `/api/v1/service-orders/${o.id}/package`, { package_id: pkg.big.id }],
      ['POST', `/api/v1/service-orders/${o.id}/campaign`, { campaign_id: winter.id }],
      ['POST', `/api/v1/service-orders/${o.id}/cancel`, { reason: 'price' }],
      ['POST', `/api/v1/service-orders/${o.id}/complete`, {}],
    ]) {
      const res = await call(method, target, csr, { ...body, version: o.version });
      assert.equal(res.status, 409, `${method} ${target} at a stale version: ${res.status} ${res.text}`);
      assert.equal(res.body.code, 'record.stale');
    }
    const now = await getOrder(o.id);
    assert.equal(now.version, saved.version);
    assert.equal(now.prospect.given_name, 'Léa');
    assert.equal(now.status, 'pending');
    assert.equal(now.package_id, pkg.ev.id);
    assert.equal(now.created.account, null);
    const customer = expectStatus(await call('GET', `/api/v1/customers/${o.parties.customer_id}`, csr), 200, 'customer');
    assert.equal(customer.accounts.length, 0, 'the stale completion created nothing');
    const noVersion = await call('POST', `/api/v1/service-orders/${o.id}/release`, csr, {});
    expectFieldError(noVersion, 'version', 'field.required', 'no version');
  });

  // Add customer's duplicate check, before the first save: the candidates
  // with 409, nothing created, then `proceed` to create the person anyway.
  test('a new prospect with the phone of an existing customer is answered with the candidates', async () => {
    const first = await openOrder();
    const customerId = first.parties.customer_id;
    const existing = expectStatus(await call('GET', `/api/v1/customers/${customerId}`, csr), 200, 'customer');
    const phone = existing.customer.phones[0].national;
    const body = { campaign_id: green.id, prospect: { ...prospect(), phone }, parties: PARTIES };
    const warned = await call('POST', '/api/v1/service-orders', csr, body);
    assert.equal(warned.status, 409, warned.text);
    assert.equal(warned.body.code, 'order.possible_duplicates');
    assert.match(warned.body.detail, /may already be a customer/);
    assert.deepEqual(warned.body.candidates.map((c) => [c.customer.id, c.reasons]), [[customerId, ['phone']]]);
    const same = expectStatus(await call('GET', `/api/v1/customers?phone=${encodeURIComponent(phone)}`, csr), 200, 'search');
    assert.equal(same.items.length, 1, 'nobody was created');

    const { token: conseiller } = await createToken(server, 'conseiller', 'orders-fr');
    const french = await call('POST', '/api/v1/service-orders', conseiller, body);
    assert.equal(french.status, 409, french.text);
    assert.match(french.body.detail, /peut-être déjà client/);

    // The existing customer: an order for them, nobody created.
    const theirs = expectStatus(await call('POST', '/api/v1/service-orders', csr, {
      campaign_id: green.id, parties: { ...PARTIES, person: 'use_existing', customer_id: customerId },
    }), 201, 'use the customer');
    assert.equal(theirs.parties.customer_id, customerId);
    // Or a new person anyway.
    const anyway = expectStatus(await call('POST', '/api/v1/service-orders', csr, { ...body, proceed: true }), 201, 'proceed');
    assert.notEqual(anyway.parties.customer_id, customerId);
    const bad = await call('POST', '/api/v1/service-orders', csr, { ...body, proceed: 'yes' });
    expectFieldError(bad, 'proceed', 'json.type_boolean', 'proceed not a boolean');
  });

  test('POST with the same Idempotency-Key twice opens one order and replays the answer', async () => {
    const key = `order-${hex(8)}`;
    const body = { campaign_id: green.id, prospect: prospect(), parties: PARTIES };
    const first = await call('POST', '/api/v1/service-orders', csr, body, { 'idempotency-key': key });
    expectStatus(first, 201, 'first');
    const second = await call('POST', '/api/v1/service-orders', csr, body, { 'idempotency-key': key });
    expectStatus(second, 201, 'replay');
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.body.id, first.body.id);
    const orders = expectStatus(await call('GET', `/api/v1/service-orders?customer=${first.body.parties.customer_id}`, csr), 200, 'list');
    assert.equal(orders.items.length, 1);
  });

  // Issue 13, finding 4: 8 concurrent POSTs with one key created 2–6 orders.
  test('8 concurrent POSTs with one Idempotency-Key open one order; each answer is the order or 409 in_progress', async () => {
    const key = `burst-${hex(8)}`;
    const body = { campaign_id: green.id, prospect: prospect(), parties: PARTIES };
    const answers = await Promise.all(Array.from({ length: 8 }, () =>
      call('POST', '/api/v1/service-orders', csr, body, { 'idempotency-key': key })));
    const created = answers.filter((a) => a.status === 201);
    assert.ok(created.length >= 1, answers.map((a) => `${a.status} ${a.text.slice(0, 120)}`).join('\n'));
    const location = created[0].location;
    assert.match(location, /^\/api\/v1\/service-orders\/\d+$/);
    for (const a of answers) {
      if (a.status === 201) {
        assert.equal(a.location, location, 'every 201 is the one order (a replay)');
      } else {
        assert.equal(a.status, 409, a.text);
        assert.equal(a.body.code, 'idempotency.in_progress');
        assert.equal(a.headers.get('retry-after'), '1');
      }
    }
    assert.equal(answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') !== 'true').length, 1,
                 'one request ran, the others were replayed or refused');
    const people = expectStatus(await call('GET', `/api/v1/customers?phone=${encodeURIComponent(body.prospect.phone)}`, csr), 200, 'search');
    assert.equal(people.items.length, 1, 'one customer was created');
    const orders = expectStatus(await call('GET', `/api/v1/service-orders?customer=${people.items[0].customer.id}`, csr), 200, 'list');
    assert.equal(orders.items.length, 1, 'one order was opened');
    // Once it is kept, a retry is the replay.
    const retry = await call('POST', '/api/v1/service-orders', csr, body, { 'idempotency-key': key });
    expectStatus(retry, 201, 'retry');
    assert.equal(retry.location, location);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  });

  test('without a campaign the installation\'s default campaign is used', async () => {
    // The demo's default campaign may ask for a premise: a new one at the caller's address.
    const parties = { ...PARTIES, premise: 'create_new', premise_type: 'house',
                      premise_address: { line1: '12 rue des Lilas', postal_code: '69003', city: 'Lyon', country: 'FR' } };
    const res = await call('POST', '/api/v1/service-orders', csr, { prospect: prospect(), parties });
    const o = expectStatus(res, 201, 'default campaign');
    const c = expectStatus(await call('GET', `/api/v1/campaigns/${o.campaign_id}`, csr), 200, 'its campaign');
    assert.ok(c.code);
    const tree = expectStatus(await call('GET', `/api/v1/service-orders/${o.id}/eligibility`, csr), 200, 'tree');
    assert.equal(tree.campaign.id, o.campaign_id);
    assert.ok(tree.alternates.some((a) => a.id === green.id), 'our campaigns are alternates');
  });

  test('lists filter by status, campaign and customer and page with limit/cursor; bad filters are 422', async () => {
    for (let i = 0; i < 3; ++i) await openOrder();
    const page1 = expectStatus(await call('GET', `/api/v1/service-orders?campaign=${green.id}&limit=2`, csr), 200, 'page 1');
    assert.equal(page1.items.length, 2);
    assert.equal(typeof page1.next_cursor, 'string');
    const page2 = expectStatus(await call('GET', `/api/v1/service-orders?campaign=${green.id}&limit=2&cursor=${page1.next_cursor}`, csr), 200, 'page 2');
    assert.ok(page2.items.length >= 1);
    const ids = new Set([...page1.items, ...page2.items].map((o) => o.id));
    assert.equal(ids.size, page1.items.length + page2.items.length, 'no order twice');
    assert.ok(page1.items.every((o) => o.campaign_id === green.id && o.campaign_code === green.code));
    for (const [query, field] of [['status=lost', 'status'], ['campaign=abc', 'campaign'], ['limit=0', 'limit'], ['cursor=abc', 'cursor']]) {
      const res = await call('GET', `/api/v1/service-orders?${query}`, csr);
      assert.equal(res.status, 422, `${query}: ${res.text}`);
      assert.equal(res.body.field, field, query);
    }
    assert.equal((await call('GET', '/api/v1/service-orders/999999', csr)).status, 404);
  });

  test('the order page names an existing account and premise by number, never by id', async () => {
    const customer = async (family) => createCustomer(server, csr, {
      given_name: 'Lou', family_name: `${family}${hex(3)}`, language: 'fr', phones: [{ type: 'mobile', number: mobile() }],
      address: { line1: '4 rue Neuve', postal_code: '69002', city: 'Lyon', country: 'FR' },
      premise: { same_as_customer: true },
    });
    const mine = await customer('Numero');
    const other = await customer('Autre');
    const [account] = mine.accounts;
    const [otherAccount] = other.accounts;
    const otherPremise = other.premises[0];
    assert.match(account.number, /^A\d+$/);
    assert.match(otherPremise.number, /^P\d+$/);
    const client = await loggedInClient(server, 'csr');
    const ordersOf = async () => expectStatus(await call('GET', `/api/v1/service-orders?customer=${mine.customer.id}`, csr), 200, 'list').items;

    // A fresh form for the customer, its account offered by number.
    async function freshForm(as = client) {
      let res = await as.get(`/service-orders/new?customer=${mine.customer.id}&campaign=${green.id}`);
      if (res.status === 303) res = await as.get(res.headers.get('location'));
      assert.equal(res.status, 200, res.text);
      const form = formOf(res.text, '/service-orders');
      assert.ok(form, 'the order form');
      return form;
    }
    const form = await freshForm();
    assert.match(form.html, new RegExp(`<option value="${account.number}"[^>]*selected`), 'the account, by number');
    assert.doesNotMatch(form.html, new RegExp(`<option value="${account.id}"`), 'no internal id');
    async function send(fields, as = client) {
      const { fields: base } = await freshForm(as);
      return as.postForm('/service-orders', {
        ...base, campaign: String(green.id), account: 'use_existing', premise: 'use_existing', ...fields,
      });
    }
    const errorOf = (html, field) => {
      const m = new RegExp(`id="${field}-error"[^>]*>([^<]*)<`).exec(html);
      return m ? textOf(m[1]) : null;
    };

    // Another customer's account, or an internal id: refused beside the field.
    let res = await send({ existing_account: otherAccount.number, existing_premise: otherPremise.number });
    assert.equal(res.status, 422, res.text.slice(0, 300));
    assert.equal(errorOf(res.text, 'existing_account'), `The customer has no account numbered ${otherAccount.number}.`);
    res = await send({ existing_account: String(account.id), existing_premise: otherPremise.number });
    assert.equal(res.status, 422);
    assert.equal(errorOf(res.text, 'existing_account'), `The customer has no account numbered ${account.id}.`);
    // A premise number that names nothing, or an internal id.
    for (const typed of ['P0000001', String(otherPremise.id)]) {
      res = await send({ existing_account: account.number, existing_premise: typed });
      assert.equal(res.status, 422);
      assert.equal(errorOf(res.text, 'existing_premise'), `No premise is numbered ${typed}.`);
    }
    // In French for a French CSR.
    res = await send({ existing_account: otherAccount.number, existing_premise: 'P0000001' },
                     await loggedInClient(server, 'conseiller'));
    assert.equal(res.status, 422);
    assert.equal(errorOf(res.text, 'existing_account'), `Le client n’a pas de compte numéroté ${otherAccount.number}.`);
    assert.equal(errorOf(res.text, 'existing_premise'), 'Aucun local n’est numéroté P0000001.');
    assert.deepEqual(await ordersOf(), [], 'nothing saved');

    // The numbers as a person types them (case, spaces): the order names them.
    res = await send({ existing_account: ` ${account.number.toLowerCase()} `, existing_premise: otherPremise.number.toLowerCase() });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const [saved] = await ordersOf();
    const order = await getOrder(saved.id);
    assert.equal(order.parties.account_id, account.id);
    assert.equal(order.parties.premise_id, otherPremise.id);
  });

  test('fulfilment may not take orders (403)', async () => {
    const res = await call('POST', '/api/v1/service-orders', fulfilment, { campaign_id: green.id, prospect: prospect(), parties: PARTIES });
    assert.equal(res.status, 403, res.text);
  });
});
