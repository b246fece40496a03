// Campaigns and packages through the JSON API (campaigns-and-orders.md):
// a manager creates a campaign with questions and rules, changes it at its
// version (409 when stale), adds packages, tests a draft package's rules
// on sample answers, and reads the conversion figures; bad input — wrong
// JSON types, a "between" low > high, a number compared with text, an
// agreement type that does not exist — is refused with 422 naming the
// field, and nothing changes; a CSR reads but may not change. Every JSON
// answer is checked against api/openapi.json by apiCall().
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { DB_KIND, apiCall, createToken, startServer } from '../support/harness.mjs';

const hex = (n) => crypto.randomBytes(n).toString('hex').toUpperCase();
const today = () => new Date().toISOString().slice(0, 10);

// A campaign of the test's own, so nothing depends on the demo catalogue.
function newCampaign(overrides = {}) {
  return {
    code: `T-${hex(3)}`,
    description_en: 'Test campaign',
    description_fr: 'Campagne de test',
    valid_from: today(),
    premise: { usage: 'optional', may_create: true },
    account: { usage: 'required', may_create: true },
    questions: [
      { code: 'owns_ev', prompt_en: 'Do you own an electric vehicle?', prompt_fr: 'Possédez-vous un véhicule électrique ?',
        type: 'yes_no', applicability: 'required' },
      { code: 'household_size', prompt_en: 'How many people live in the home?', prompt_fr: 'Combien de personnes vivent au foyer ?',
        type: 'number', applicability: 'optional' },
    ],
    ...overrides,
  };
}

// Package rules: eligible when the caller owns an electric vehicle.
const EV_RULES = {
  groups: [{
    label: 'EV owners',
    criteria: [{ field: 'answer:owns_ev', comparison: 'eq', values: [true] }],
    if_true: 'eligible',
    if_false: 'ineligible',
  }],
};

describe(`campaigns API (${DB_KIND})`, () => {
  let server;
  let manager;
  let csr;
  let conseiller;

  before(async () => {
    server = await startServer();
    manager = (await createToken(server, 'manager', 'campaigns')).token;
    csr = (await createToken(server, 'csr', 'campaigns')).token;
    conseiller = (await createToken(server, 'conseiller', 'campaigns')).token;
  });
  after(async () => {
    await server?.stop();
  });

  const call = (method, target, token, json, headers) => apiCall(server, method, target, { token, json, headers });
  function expectStatus(res, status, what) {
    assert.equal(res.status, status, `${what}: ${res.status} ${res.text}`);
    return res.body;
  }
  // A 422 naming `field` with `code` (in `errors` or as the problem's own field).
  function expectFieldError(res, field, code, what) {
    assert.equal(res.status, 422, `${what}: ${res.status} ${res.text}`);
    assert.equal(res.contentType.split(';')[0], 'application/problem+json', what);
    const all = [...(res.body.errors ?? []), { field: res.body.field, code: res.body.code }];
    assert.ok(all.some((e) => e.field === field && (!code || e.code === code)),
              `${what}: expected ${code ?? 'an error'} on ${field}, got ${JSON.stringify(res.body)}`);
  }
  async function createCampaign(body = newCampaign()) {
    return expectStatus(await call('POST', '/api/v1/campaigns', manager, body), 201, 'POST campaign');
  }

  test('a manager creates a campaign: 201 with Location, the code upper-cased, questions and rules kept', async () => {
    const body = newCampaign({
      code: `t-${hex(3)}`.toLowerCase(),
      rules: { groups: [{ label: 'Adults', criteria: [{ field: 'computed:age', comparison: 'between', values: [18, 120] }],
                          if_true: 'eligible', if_false: 'ineligible' }] },
    });
    const res = await call('POST', '/api/v1/campaigns', manager, body);
    const c = expectStatus(res, 201, 'POST');
    assert.equal(res.location, `/api/v1/campaigns/${c.id}`);
    assert.equal(c.code, body.code.toUpperCase());
    assert.ok(Number.isInteger(c.version));
    assert.deepEqual(c.questions.map((q) => q.code), ['owns_ev', 'household_size']);
    assert.deepEqual(c.rules.groups[0].criteria[0].values,
                     [{ type: 'number', value: '18' }, { type: 'number', value: '120' }]);
    assert.equal(c.description, 'Test campaign');

    const got = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, csr), 200, 'GET as CSR');
    assert.equal(got.code, c.code);
    assert.deepEqual(got.packages, []);
    const fr = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, conseiller), 200, 'GET in French');
    assert.equal(fr.description, 'Campagne de test');

    const list = expectStatus(await call('GET', '/api/v1/campaigns?active=true', csr), 200, 'list');
    assert.ok(list.items.some((x) => x.id === c.id), 'the new campaign is listed');
  });

  test('a group label in English and in French is kept; an overlong French label is refused with 422 and nothing changes', async () => {
    const c = await createCampaign(newCampaign({
      rules: { groups: [{ label: 'Commercial customers', label_fr: 'Clients professionnels',
                          criteria: [{ field: 'order:customer_class', comparison: 'eq', values: ['commercial'] }] }] },
    }));
    assert.equal(c.rules.groups[0].label, 'Commercial customers');
    assert.equal(c.rules.groups[0].label_fr, 'Clients professionnels');
    const got = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, conseiller), 200, 'GET in French');
    assert.equal(got.rules.groups[0].label_fr, 'Clients professionnels');
    const tooLong = await call('PUT', `/api/v1/campaigns/${c.id}`, manager, {
      version: c.version,
      rules: { groups: [{ label: 'x', label_fr: 'é'.repeat(201),
                          criteria: [{ field: 'order:customer_class', comparison: 'eq', values: ['commercial'] }] }] } });
    expectFieldError(tooLong, 'rules.groups.0.label_fr', 'field.too_long', 'overlong label_fr');
    const now = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, manager), 200, 'GET after refusal');
    assert.equal(now.rules.groups[0].label_fr, 'Clients professionnels');
  });

  test('PUT at the version read saves; the same stale version again is refused with 409 and nothing changes', async () => {
    const c = await createCampaign();
    const saved = expectStatus(await call('PUT', `/api/v1/campaigns/${c.id}`, manager,
                                          { description_en: 'Renamed', version: c.version }), 200, 'PUT');
    assert.equal(saved.description_en, 'Renamed');
    assert.equal(saved.version, c.version + 1);
    assert.deepEqual(saved.questions, c.questions, 'members not sent are kept');

    const stale = await call('PUT', `/api/v1/campaigns/${c.id}`, manager, { description_en: 'Lost', version: c.version });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.body.code, 'record.stale');
    const now = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, manager), 200, 'GET');
    assert.equal(now.description_en, 'Renamed');
    assert.equal(now.version, saved.version);

    const noVersion = await call('PUT', `/api/v1/campaigns/${c.id}`, manager, { description_en: 'x' });
    expectFieldError(noVersion, 'version', 'field.required', 'PUT without version');
  });

  test('bad rules are refused with 422 naming the criterion: between reversed, number vs text, unknown field', async () => {
    const c = await createCampaign();
    const cases = [
      [{ field: 'answer:household_size', comparison: 'between', values: [10, 2] },
       'rules.groups.0.criteria.0.values', 'criterion.between_reversed'],
      [{ field: 'answer:household_size', comparison: 'eq', values: [{ type: 'text', value: 'many' }] },
       'rules.groups.0.criteria.0.values.0', 'criterion.type_mismatch'],
      [{ field: 'answer:household_size', comparison: 'gt', values: ['lots'] },
       'rules.groups.0.criteria.0.values', 'value.not_a_number'],
      [{ field: 'answer:no_such_question', comparison: 'eq', values: [{ type: 'text', value: 'x' }] },
       'rules.groups.0.criteria.0.field', 'criterion.field_unknown'],
      [{ field: 'order:customer_class', comparison: 'lt', values: ['residential'] },
       'rules.groups.0.criteria.0.comparison', 'criterion.not_ordered'],
    ];
    for (const [criterion, field, code] of cases) {
      const rules = { groups: [{ criteria: [criterion], if_true: 'eligible', if_false: 'ineligible' }] };
      expectFieldError(await call('PUT', `/api/v1/campaigns/${c.id}`, manager, { rules, version: c.version }),
                       field, code, `PUT ${JSON.stringify(criterion)}`);
      expectFieldError(await call('POST', '/api/v1/campaigns', manager, newCampaign({ rules })),
                       field, code, `POST ${JSON.stringify(criterion)}`);
    }
    const now = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}`, manager), 200, 'GET');
    assert.equal(now.version, c.version, 'nothing was saved');
    assert.deepEqual(now.rules, { groups: [] });
  });

  test('wrong JSON types are refused with 422 listing every member at fault', async () => {
    const res = await call('POST', '/api/v1/campaigns', manager,
                           newCampaign({ code: 42, active: 'yes', valid_from: 'tomorrow', target_classes: 'residential',
                                         premise: { usage: 'sometimes' }, questions: {} }));
    for (const [field, code] of [['code', 'json.type_string'], ['active', 'json.type_boolean'],
                                 ['valid_from', 'field.date_invalid'], ['target_classes', 'json.type_array'],
                                 ['premise.usage', 'json.code_unknown'], ['questions', 'json.type_array']])
      expectFieldError(res, field, code, `member ${field}`);
    const notJson = await apiCall(server, 'POST', '/api/v1/campaigns', {
      token: manager, body: '{"code":', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.status, 422);
    assert.equal(notJson.body.code, 'json.invalid');
    const badQuestion = await call('POST', '/api/v1/campaigns', manager, newCampaign({
      questions: [{ code: 'Bad Code', prompt_en: 'x', type: 'colour' }] }));
    expectFieldError(badQuestion, 'questions.0.type', 'json.code_unknown', 'unknown question type');
    const typeError = [...(badQuestion.body.errors ?? []), badQuestion.body].find((e) => e.field === 'questions.0.type');
    assert.match(typeError.detail, /yes_no/, 'the message names the types allowed');
  });

  test('number questions take bounds (null without); bad bounds are 422 naming the member', async () => {
    const bounded = newCampaign();
    bounded.questions[1] = { ...bounded.questions[1], min: 1, max: 20 };
    const c = await createCampaign(bounded);
    assert.deepEqual([c.questions[1].min, c.questions[1].max], [1, 20]);
    assert.deepEqual([c.questions[0].min, c.questions[0].max], [null, null]);
    const changed = expectStatus(await call('PUT', `/api/v1/campaigns/${c.id}`, manager, {
      version: c.version, questions: [c.questions[0], { ...c.questions[1], min: null, max: 12 }],
    }), 200, 'PUT without a lowest answer');
    assert.deepEqual([changed.questions[1].min, changed.questions[1].max], [null, 12]);

    const cases = [
      [{ min: 20, max: 1 }, 'questions.1.max', 'question.bounds_order'],
      [{ max: -5 }, 'questions.1.max', 'question.bounds_order'],
      [{ min: 1, max: 99999999999 }, 'questions.1.max', 'question.bound_invalid'],
      [{ min: 1.5 }, 'questions.1.min', 'json.type_integer'],
    ];
    for (const [bounds, field, code] of cases) {
      const body = newCampaign();
      body.questions[1] = { ...body.questions[1], ...bounds };
      expectFieldError(await call('POST', '/api/v1/campaigns', manager, body), field, code, JSON.stringify(bounds));
    }
    const yesNo = newCampaign();
    yesNo.questions[0] = { ...yesNo.questions[0], min: 0 };
    expectFieldError(await call('POST', '/api/v1/campaigns', manager, yesNo), 'questions.0.min',
                     'question.bounds_numbers_only', 'bounds on a yes/no question');
  });

  test('a campaign, a package and a contact plan refuse a bad code with the same code and message', async () => {
    const c = await createCampaign();
    const details = [];
    for (const [target, body] of [
      ['/api/v1/campaigns', newCampaign({ code: 'WINTER 24' })],
      [`/api/v1/campaigns/${c.id}/packages`, { code: 'RES.GAS', description_en: 'Package', agreements: [] }],
      ['/api/v1/contact-plans', { code: 'ORDERS!', name_en: 'Orders', weekdays: [1], valid_from: today() }],
    ]) {
      const res = await call('POST', target, manager, body);
      expectFieldError(res, 'code', 'code.invalid', target);
      const error = (res.body.errors ?? []).find((e) => e.field === 'code') ?? res.body;
      details.push(error.detail);
    }
    assert.deepEqual(details.map((d) => /1 to (\d+) characters/.exec(d)?.[1]), ['20', '20', '10'], details.join(' / '));
    assert.equal(new Set(details.map((d) => d.replace(/1 to \d+/, '1 to N'))).size, 1, details.join(' / '));
    assert.match(details[0], /capital letters A–Z, digits 0–9, hyphen \(-\) and underscore \(_\)/);
  });

  test('a CSR reads campaigns but may not add or change them (403)', async () => {
    const c = await createCampaign();
    const post = await call('POST', '/api/v1/campaigns', csr, newCampaign());
    assert.equal(post.status, 403, post.text);
    const put = await call('PUT', `/api/v1/campaigns/${c.id}`, csr, { description_en: 'x', version: c.version });
    assert.equal(put.status, 403, put.text);
    const pkg = await call('POST', `/api/v1/campaigns/${c.id}/packages`, csr,
                           { code: 'P1', description_en: 'x', agreements: [{ division: 'energy', agreement_type: 'electricity' }] });
    assert.equal(pkg.status, 403, pkg.text);
    expectStatus(await call('GET', '/api/v1/campaigns', csr), 200, 'CSR lists');
  });

  test('unknown campaigns and packages are 404', async () => {
    assert.equal((await call('GET', '/api/v1/campaigns/999999', manager)).status, 404);
    assert.equal((await call('GET', '/api/v1/campaigns/abc', manager)).status, 404);
    assert.equal((await call('GET', '/api/v1/packages/999999', manager)).status, 404);
    assert.equal((await call('GET', '/api/v1/campaigns/999999/packages', manager)).status, 404);
  });

  test('packages: created with Location, listed, changed at their version (409 stale); unknown agreement type → 422', async () => {
    const c = await createCampaign();
    const body = {
      code: 'ev-home', description_en: 'EV home', description_fr: 'Maison VE', display_order: 2,
      instructions_en: 'Mention the night tariff.', rules: EV_RULES,
      questions: [{ code: 'charger', prompt_en: 'Do you have a charger?', type: 'yes_no', applicability: 'with_package' }],
      overrides: [{ code: 'household_size', applicability: 'required' }],
      agreements: [{ division: 'energy', agreement_type: 'electricity', start: 'on_completion' }],
    };
    const res = await call('POST', `/api/v1/campaigns/${c.id}/packages`, manager, body);
    const p = expectStatus(res, 201, 'POST package');
    assert.equal(res.location, `/api/v1/packages/${p.id}`);
    assert.equal(p.code, 'EV-HOME');
    assert.equal(p.campaign_id, c.id);
    assert.deepEqual(p.rules.groups[0].criteria[0].values, [{ type: 'yes_no', value: 'yes' }]);
    assert.equal(p.agreements[0].agreement_type, 'electricity');

    const listed = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}/packages`, csr), 200, 'list');
    assert.deepEqual(listed.items.map((x) => x.id), [p.id]);

    const unknownType = await call('POST', `/api/v1/campaigns/${c.id}/packages`, manager, {
      ...body, code: 'OTHER', agreements: [{ division: 'energy', agreement_type: 'no_such_type' }] });
    expectFieldError(unknownType, 'agreements.0.agreement_type', 'agreement.type_unknown', 'unknown type');
    const noAgreements = await call('POST', `/api/v1/campaigns/${c.id}/packages`, manager, { ...body, code: 'NONE', agreements: [] });
    expectFieldError(noAgreements, 'agreements', 'package.agreements_required', 'no agreements');
    const badOverride = await call('POST', `/api/v1/campaigns/${c.id}/packages`, manager, {
      ...body, code: 'OVR', overrides: [{ code: 'nope', applicability: 'required' }] });
    expectFieldError(badOverride, 'overrides.0.code', 'package.override_unknown', 'unknown override');
    const after = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}/packages`, csr), 200, 'list');
    assert.equal(after.items.length, 1, 'nothing was added');

    const saved = expectStatus(await call('PUT', `/api/v1/packages/${p.id}`, manager,
                                          { description_en: 'EV home 24', version: p.version }), 200, 'PUT');
    assert.equal(saved.version, p.version + 1);
    assert.deepEqual(saved.rules, p.rules);
    const stale = await call('PUT', `/api/v1/packages/${p.id}`, manager, { description_en: 'x', version: p.version });
    assert.equal(stale.status, 409, stale.text);
    const reversed = await call('PUT', `/api/v1/packages/${p.id}`, manager, {
      version: saved.version,
      rules: { groups: [{ criteria: [{ field: 'answer:household_size', comparison: 'between', values: [5, 1] }] }] } });
    expectFieldError(reversed, 'rules.groups.0.criteria.0.values', 'criterion.between_reversed', 'package between');
    const badType = await call('PUT', `/api/v1/packages/${p.id}`, manager, {
      version: saved.version, agreements: [{ division: 'energy', agreement_type: 'unobtainium' }] });
    expectFieldError(badType, 'agreements.0.agreement_type', 'agreement.type_unknown', 'PUT unknown type');
    const got = expectStatus(await call('GET', `/api/v1/packages/${p.id}`, csr), 200, 'GET');
    assert.equal(got.version, saved.version, 'the refused changes saved nothing');
    assert.equal(got.agreements[0].agreement_type, 'electricity');
  });

  test('POST /api/v1/packages/test gives the verdict of a draft on sample answers, order fields and computed values', async () => {
    const c = await createCampaign();
    const draft = {
      campaign_id: c.id,
      rules: {
        groups: [
          { label: 'Residential EV owners',
            criteria: [{ field: 'order:customer_class', comparison: 'eq', values: ['residential'] },
                       { field: 'answer:owns_ev', comparison: 'eq', values: [true] }],
            if_true: 'eligible', if_false: 'check_next' },
          { label: 'Large households', criteria: [{ field: 'answer:household_size', comparison: 'ge', values: [4] }],
            if_true: 'eligible', if_false: 'ineligible' },
        ],
      },
    };
    const test = (samples) => call('POST', '/api/v1/packages/test', manager, { package: draft, ...samples });

    const eligible = expectStatus(await test({ answers: { owns_ev: 'yes' }, order_fields: { customer_class: 'residential' } }),
                                  200, 'eligible');
    assert.equal(eligible.verdict.result, 'eligible');
    assert.equal(eligible.verdict.group, 0);
    assert.equal(eligible.verdict.group_label, 'Residential EV owners');

    const ineligible = expectStatus(await test({ answers: { owns_ev: false, household_size: 2 },
                                                 order_fields: { customer_class: 'residential' } }), 200, 'ineligible');
    assert.equal(ineligible.verdict.result, 'ineligible');
    assert.equal(ineligible.verdict.group, 1);
    assert.equal(ineligible.verdict.criterion, 0);
    assert.equal(ineligible.verdict.failed_criterion.field, 'answer:household_size');
    assert.ok(ineligible.verdict.reason.length > 0);

    const needsData = expectStatus(await test({ order_fields: { customer_class: 'residential' } }), 200, 'needs data');
    assert.equal(needsData.verdict.result, 'insufficient_data');
    assert.ok(needsData.verdict.missing.includes('answer:owns_ev'), JSON.stringify(needsData.verdict));

    const badSample = await test({ answers: { household_size: 'several' } });
    expectFieldError(badSample, 'answers.household_size', 'value.not_a_number', 'bad sample');
    const badRules = await call('POST', '/api/v1/packages/test', manager, {
      package: { campaign_id: c.id, rules: { groups: [{ criteria: [{ field: 'answer:household_size', comparison: 'between', values: [9, 1] }] }] } },
    });
    expectFieldError(badRules, 'package.rules.groups.0.criteria.0.values', 'criterion.between_reversed', 'bad draft');
    const noCampaign = await call('POST', '/api/v1/packages/test', manager, { package: { rules: EV_RULES } });
    expectFieldError(noCampaign, 'package.campaign_id', 'field.required', 'no campaign');
    const missing = await call('POST', '/api/v1/packages/test', manager, { package: { campaign_id: 999999 } });
    assert.equal(missing.status, 404, missing.text);
  });

  test('conversion counts the orders of a campaign by status and cancellations by reason', async () => {
    const c = await createCampaign();
    const empty = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}/conversion`, manager), 200, 'empty');
    assert.deepEqual({ ...empty, canceled_by_reason: undefined },
                     { campaign_id: c.id, started: 0, pending: 0, held: 0, canceled: 0, complete: 0, canceled_by_reason: undefined });
    const orders = [];
    for (let i = 0; i < 2; ++i) {
      const o = expectStatus(await call('POST', '/api/v1/service-orders', csr, {
        campaign_id: c.id,
        prospect: { family_name: `Conv${hex(2)}`, given_name: 'Ana', address: { line1: '1 Main St', postal_code: '75001', city: 'Paris', country: 'FR' } },
        parties: { person: 'create_new', account: 'create_new', premise: 'none' },
      }), 201, 'order');
      orders.push(o);
    }
    expectStatus(await call('POST', `/api/v1/service-orders/${orders[0].id}/cancel`, csr,
                            { reason: 'price', version: orders[0].version }), 200, 'cancel');
    const figures = expectStatus(await call('GET', `/api/v1/campaigns/${c.id}/conversion`, manager), 200, 'figures');
    assert.equal(figures.started, 2);
    assert.equal(figures.pending, 1);
    assert.equal(figures.canceled, 1);
    assert.deepEqual(figures.canceled_by_reason.map((r) => [r.reason, r.count]), [['price', 1]]);
  });
});
