// Customers and Control Central through the JSON API: adding a customer
// (with its account, premise and service point), the 360° view, the search
// (accents, phones in any format, account numbers, postal codes, e-mails,
// paging), possible duplicates, bad input, interactions and who may do what.
// Every answer is checked against api/openapi.json by apiCall().
//
// The suite makes its own customers; the demo data may hold others, so the
// assertions look for these customers rather than count the whole table.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND, apiCall, createCustomer, createToken, formOf, loggedInClient, pageWithCsrf, setSettings, startServer, textOf,
} from '../support/harness.mjs';

const tag = () => crypto.randomBytes(3).toString('hex');

const HELENE = {
  given_name: 'Hélène',
  family_name: 'Dupré',
  language: 'fr',
  address: { line1: '12 rue Victor-Hugo', postal_code: '69002', city: 'Lyon', country: 'FR' },
  phones: [{ type: 'mobile', number: '06 12 34 56 78' }],
  emails: ['helene.dupre@exemple.fr'],
  premise: { premise_type: 'apartment', service_point_type: 'electric_meter' },
};

const ROBERT = {
  given_name: 'Robert',
  family_name: 'Tremblay',
  language: 'en',
  address: { line1: '250 Front St W', postal_code: 'M5V 3L9', city: 'Toronto', region: 'ON', country: 'CA' },
  phones: [{ type: 'work', number: '+1 416 555 0142' }],
  emails: ['robert.tremblay@example.ca'],
};

// A valid customer to spoil one member of. Each test gives its own family
// name, which nobody else has, so that it can tell nothing was saved.
const REJECTED = {
  given_name: 'Valide',
  family_name: 'Rejeté',
  address: { line1: '5 place Bellecour', postal_code: '69002', city: 'Lyon', country: 'FR' },
};
const rejected = (family_name, extra = {}) => ({ ...REJECTED, family_name, ...extra });

describe(`customers API (${DB_KIND})`, () => {
  let server;
  let csr;
  let created;  // POST answer for Hélène (status, Location, body)
  let helene;   // her 360° view
  let robert;

  before(async () => {
    server = await startServer();
    csr = (await createToken(server, 'csr', 'customers')).token;
    created = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: HELENE });
    assert.equal(created.status, 201, `creating Hélène: ${created.text}`);
    helene = created.body;
    robert = await createCustomer(server, csr, ROBERT);
  });
  after(async () => {
    await server?.stop();
  });

  const heleneId = () => helene.customer.id;

  function query(params) {
    return new URLSearchParams(typeof params === 'string' ? { q: params } : params).toString();
  }

  // One page of results (asserts 200).
  async function search(params, { token = csr, extra = '' } = {}) {
    const res = await apiCall(server, 'GET', `/api/v1/customers?${query(params)}${extra}`, { token });
    assert.equal(res.status, 200, `search ${JSON.stringify(params)}: ${res.text}`);
    return res.body;
  }

  // Every result of a search, page after page.
  async function searchAll(params) {
    const items = [];
    let cursor = null;
    for (let i = 0; i < 50; ++i) {
      const extra = '&limit=100' + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
      const page = await search(params, { extra });
      items.push(...page.items);
      cursor = page.next_cursor;
      if (cursor === null) return items;
    }
    assert.fail(`the search ${JSON.stringify(params)} never ran out of pages`);
  }

  // The result for customer `id` in a search (asserts it is there).
  async function resultFor(params, id) {
    const items = await searchAll(params);
    const item = items.find((i) => i.customer.id === id);
    assert.ok(item, `searching ${JSON.stringify(params)} finds customer ${id}; got ` +
                    JSON.stringify(items.map((i) => [i.customer.display_name, i.matched])));
    return item;
  }

  // Customers named `family` found by a name search (to prove nothing was saved).
  async function namedCount(words, family) {
    return (await searchAll(words)).filter((i) => i.customer.family_name === family).length;
  }

  test('POST /api/v1/customers answers 201 with the 360° view and its Location; GET gives the same', async () => {
    assert.equal(created.headers.get('location'), `/api/v1/customers/${heleneId()}`);
    const c = helene.customer;
    assert.equal(c.kind, 'person');
    assert.equal(c.given_name, 'Hélène');
    assert.equal(c.family_name, 'Dupré');
    assert.match(c.display_name, /Hélène/);
    assert.match(c.display_name, /Dupré/);
    assert.equal(c.language, 'fr');
    assert.equal(c.status, 'active');
    assert.equal(c.time_zone, 'Europe/Paris', 'the time zone comes from the address or the phone');
    assert.deepEqual(c.address, { ...HELENE.address, line2: '', region: '' });
    assert.deepEqual(c.phones, [{ type: 'mobile', number: '+33612345678', national: '06 12 34 56 78', primary: true }]);
    assert.deepEqual(c.emails, ['helene.dupre@exemple.fr']);
    assert.deepEqual(helene.interactions, []);

    const got = await apiCall(server, 'GET', `/api/v1/customers/${heleneId()}`, { token: csr });
    assert.equal(got.status, 200);
    assert.deepEqual({ ...got.body, interactions: [] }, helene);

    assert.equal(robert.customer.time_zone, 'America/Toronto');
    assert.equal(robert.customer.phones[0].number, '+14165550142');
    assert.equal(robert.customer.phones[0].type, 'work');
    assert.match(robert.customer.phones[0].national, /416.*555.*0142/);
    assert.equal(robert.customer.address.region, 'ON');
  });

  test('the 360° view has the account, the premise and its electric meter', async () => {
    const view = (await apiCall(server, 'GET', `/api/v1/customers/${heleneId()}`, { token: csr })).body;
    assert.equal(view.accounts.length, 1, JSON.stringify(view.accounts));
    const [account] = view.accounts;
    assert.match(account.number, /^[A-Z]\d{7,12}$/);
    assert.equal(account.customer_id, heleneId());
    assert.equal(account.status, 'active');
    assert.match(account.currency, /^[A-Z]{3}$/);
    assert.deepEqual(account.persons, [{ customer_id: heleneId(), relationship: 'main' }]);

    assert.equal(view.premises.length, 1, JSON.stringify(view.premises));
    const [premise] = view.premises;
    assert.equal(premise.address.line1, '12 rue Victor-Hugo');
    assert.equal(premise.address.postal_code, '69002');
    assert.equal(premise.address.city, 'Lyon');
    assert.equal(premise.address.country, 'FR');
    assert.equal(premise.premise_type, 'apartment');
    assert.equal(premise.time_zone, 'Europe/Paris');
    assert.equal(premise.service_points.length, 1);
    assert.equal(premise.service_points[0].type, 'electric_meter');

    // Without a service point type, the premise has none.
    assert.equal(robert.premises.length, 1);
    assert.equal(robert.premises[0].address.line1, '250 Front St W');
    assert.deepEqual(robert.premises[0].service_points, []);
    assert.notEqual(robert.accounts[0].number, account.number, 'each customer has its own account number');
  });

  test('a premise at another address is created at that address', async () => {
    const view = await createCustomer(server, csr, {
      given_name: 'Louis', family_name: 'Perrin',
      address: { line1: '3 quai Saint-Antoine', postal_code: '69002', city: 'Lyon', country: 'FR' },
      premise: {
        same_as_customer: false, premise_type: 'shop', service_point_type: 'gas_meter',
        address: { line1: '40 avenue Jean-Jaurès', postal_code: '69007', city: 'Lyon', country: 'FR' },
      },
    });
    assert.equal(view.customer.address.line1, '3 quai Saint-Antoine');
    assert.equal(view.premises.length, 1);
    assert.equal(view.premises[0].address.line1, '40 avenue Jean-Jaurès');
    assert.equal(view.premises[0].address.postal_code, '69007');
    assert.equal(view.premises[0].premise_type, 'shop');
    assert.deepEqual(view.premises[0].service_points.map((p) => p.type), ['gas_meter']);
  });

  test('a date of birth in the future or 200 years ago is refused naming the field; nothing is created', async () => {
    for (const [dob, code] of [['2099-01-01', 'customer.birth_date_future'], ['1800-01-01', 'customer.birth_date_too_old']]) {
      const res = await apiCall(server, 'POST', '/api/v1/customers', {
        token: csr, json: { ...HELENE, family_name: 'Impossible', phones: [], emails: [], date_of_birth: dob },
      });
      assert.equal(res.status, 422, res.text);
      const all = [{ code: res.body.code, field: res.body.field }, ...(res.body.errors ?? [])];
      assert.ok(all.some((e) => e.code === code && e.field === 'date_of_birth'), JSON.stringify(all));
    }
    const found = await apiCall(server, 'GET', '/api/v1/customers?q=Impossible', { token: csr });
    assert.equal(found.body.items.length, 0);
  });

  test('GET /api/v1/customers/{id} of an unknown customer answers 404', async () => {
    const res = await apiCall(server, 'GET', '/api/v1/customers/987654321', { token: csr });
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'customer.not_found');
    assert.equal(res.body.kind, 'not_found');
  });

  test('a name typed without accents or in capitals finds Hélène Dupré, matched "name"', async () => {
    const first = await search('helene dupre');
    assert.ok(first.items.some((i) => i.customer.id === heleneId()),
              `"helene dupre" has Hélène on the first page: ${JSON.stringify(first.items.map((i) => i.customer.display_name))}`);
    for (const q of ['helene dupre', 'HELENE', 'Hélène Dupré', 'DUPRE', 'dupré hélène', 'hel dup']) {
      const item = await resultFor(q, heleneId());
      assert.equal(item.matched, 'name', q);
      assert.deepEqual(item.account_numbers, [helene.accounts[0].number], q);
    }
    const byField = await resultFor({ name: 'helene' }, heleneId());
    assert.equal(byField.matched, 'name');
    const other = await searchAll('helene dupre');
    assert.ok(!other.some((i) => i.customer.id === robert.customer.id), 'Robert does not match Hélène');
  });

  test('a phone in three formats finds Hélène, matched "phone"', async () => {
    for (const q of ['06 12 34 56 78', '+33 6 12 34 56 78', '0612345678']) {
      const page = await search(q);
      const item = page.items.find((i) => i.customer.id === heleneId());
      assert.ok(item, `${q} finds Hélène: ${JSON.stringify(page.items.map((i) => i.customer.display_name))}`);
      assert.equal(item.matched, 'phone', q);
      assert.equal(page.items[0].matched, 'phone', `${q}: a phone match comes first`);
      assert.ok(!page.items.some((i) => i.customer.id === robert.customer.id), q);
    }
    for (const phone of ['06.12.34.56.78', '+33612345678']) {
      const item = await resultFor({ phone }, heleneId());
      assert.equal(item.matched, 'phone', `phone=${phone}`);
    }
    const toronto = await resultFor('+1 416 555 0142', robert.customer.id);
    assert.equal(toronto.matched, 'phone');
  });

  test('the account number (as shown and in lower case) finds the customer, matched "account"', async () => {
    const number = helene.accounts[0].number;
    for (const params of [number, number.toLowerCase(), { account_number: number }]) {
      const page = await search(params);
      assert.ok(page.items.length >= 1, `${JSON.stringify(params)} finds something`);
      assert.equal(page.items[0].customer.id, heleneId(), `${JSON.stringify(params)}: Hélène first`);
      assert.equal(page.items[0].matched, 'account', JSON.stringify(params));
      assert.deepEqual(page.items[0].account_numbers, [number]);
    }
    const robertsNumber = robert.accounts[0].number;
    assert.equal((await search(robertsNumber)).items[0].customer.id, robert.customer.id);
  });

  test('a postal code, an e-mail, a city and a customer number find the customer, each saying what matched', async () => {
    assert.equal((await resultFor('69002', heleneId())).matched, 'postal_code');
    assert.equal((await resultFor({ postal_code: '69002' }, heleneId())).matched, 'postal_code');
    for (const q of ['M5V 3L9', 'm5v3l9']) assert.equal((await resultFor(q, robert.customer.id)).matched, 'postal_code', q);
    assert.ok(!(await searchAll('69002')).some((i) => i.customer.id === robert.customer.id));

    for (const q of ['helene.dupre@exemple.fr', 'Helene.Dupre@Exemple.FR']) {
      const page = await search(q);
      assert.equal(page.items[0]?.customer.id, heleneId(), `${q}: Hélène first`);
      assert.equal(page.items[0].matched, 'email', q);
    }
    assert.equal((await resultFor({ email: 'robert.tremblay@example.ca' }, robert.customer.id)).matched, 'email');

    assert.equal((await resultFor('Lyon', heleneId())).matched, 'city');
    const byId = await search(`#${heleneId()}`);
    assert.equal(byId.items[0]?.customer.id, heleneId());
    assert.equal(byId.items[0].matched, 'id');
  });

  test('paging with limit=2 gives each customer of a postal code once, until next_cursor is null', async () => {
    const postal = '04870';
    const ids = [];
    for (const [given, family] of [['Anne', 'Arnaud'], ['Bruno', 'Blanc'], ['Chloé', 'Chevalier'],
                                   ['Damien', 'Dubois'], ['Émilie', 'Étienne'], ['Fabrice', 'Faure']]) {
      const view = await createCustomer(server, csr, {
        given_name: given, family_name: family,
        address: { line1: `${ids.length + 1} rue du Moulin`, postal_code: postal, city: 'Saint-Michel-l’Observatoire', country: 'FR' },
      });
      ids.push(view.customer.id);
    }
    const seen = [];
    const pages = [];
    let cursor = null;
    for (let i = 0; i < 100; ++i) {
      const page = await search(postal, { extra: '&limit=2' + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '') });
      pages.push(page);
      assert.ok(page.items.length <= 2, `at most 2 per page (got ${page.items.length})`);
      for (const item of page.items) {
        seen.push(item.customer.id);
        if (ids.includes(item.customer.id)) assert.equal(item.matched, 'postal_code');
      }
      cursor = page.next_cursor;
      if (cursor === null) break;
      assert.equal(typeof cursor, 'string');
    }
    assert.equal(cursor, null, 'the cursor ends');
    assert.equal(new Set(seen).size, seen.length, `no customer twice: ${seen}`);
    for (const id of ids) assert.ok(seen.includes(id), `customer ${id} is on a page: ${seen}`);
    assert.ok(pages.length >= 3, `6 customers at 2 per page need at least 3 pages (got ${pages.length})`);

    for (const bad of ['&limit=0', '&limit=101', '&limit=two']) {
      const res = await apiCall(server, 'GET', `/api/v1/customers?q=${postal}${bad}`, { token: csr });
      assert.equal(res.status, 422, bad);
      assert.equal(res.body.code, 'page.limit_invalid', bad);
    }
    const forged = await apiCall(server, 'GET', `/api/v1/customers?q=${postal}&cursor=forged`, { token: csr });
    assert.equal(forged.status, 422);
    assert.equal(forged.body.code, 'page.cursor_invalid');
  });

  test('a query over 200 characters is refused with 422 search.too_long naming the field', async () => {
    for (const [name, field] of [['q', 'q'], ['name', 'name'], ['address', 'address']]) {
      const res = await apiCall(server, 'GET', `/api/v1/customers?${name}=${'a'.repeat(201)}`, { token: csr });
      assert.equal(res.status, 422, name);
      assert.equal(res.body.code, 'search.too_long', name);
      assert.equal(res.body.kind, 'invalid_input');
      assert.equal(res.body.field, field);
      assert.equal(res.body.detail, 'The search is limited to 200 characters.');
    }
    const limit = await apiCall(server, 'GET', `/api/v1/customers?q=${'a'.repeat(200)}`, { token: csr });
    assert.equal(limit.status, 200, '200 characters are accepted');
  });

  test('the 200-character limit counts characters, not bytes: 200 accented characters are accepted', async () => {
    const text = 'Hélène Dupré '.repeat(16).slice(0, 200);
    assert.equal([...text].length, 200);
    assert.ok(Buffer.byteLength(text) > 200);
    const res = await apiCall(server, 'GET', `/api/v1/customers?${query(text)}`, { token: csr });
    assert.equal(res.status, 200, `a 200-character query (${Buffer.byteLength(text)} bytes) is within the ` +
                                  `documented limit (got ${res.status} ${res.text})`);
  });

  test('a customer with Hélène’s phone is refused with 409 and the candidates; nothing is created', async () => {
    const before = (await searchAll('0612345678')).length;
    const paul = {
      given_name: 'Paul', family_name: 'Martin',
      address: { line1: '8 rue de la République', postal_code: '13001', city: 'Marseille', country: 'FR' },
      phones: [{ type: 'mobile', number: '+33 6 12 34 56 78' }],
    };
    const res = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: paul });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.body.code, 'customer.possible_duplicates');
    assert.equal(res.body.kind, 'conflict');
    assert.equal(res.body.detail, 'This customer may already exist. Open the existing one or save anyway.');
    const candidate = res.body.candidates.find((c) => c.customer.id === heleneId());
    assert.ok(candidate, `Hélène is a candidate: ${JSON.stringify(res.body.candidates)}`);
    assert.ok(candidate.reasons.includes('phone'), JSON.stringify(candidate.reasons));
    assert.equal(candidate.customer.display_name, helene.customer.display_name);
    assert.equal((await searchAll('0612345678')).length, before, 'nothing was created');
    assert.equal(await namedCount('paul martin', 'Martin'), 0);

    const saved = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: { ...paul, proceed: true } });
    assert.equal(saved.status, 201, saved.text);
    assert.equal(saved.body.customer.family_name, 'Martin');
    const after = await searchAll('0612345678');
    assert.equal(after.length, before + 1, 'proceed: true saves it');
    assert.ok(after.some((i) => i.customer.id === saved.body.customer.id && i.matched === 'phone'));
  });

  test('the same e-mail (other case) or the same name at the same postal code are possible duplicates too', async () => {
    const byEmail = await apiCall(server, 'POST', '/api/v1/customers', {
      token: csr,
      json: {
        given_name: 'Hugo', family_name: 'Lemaire', emails: ['Helene.Dupre@Exemple.fr'],
        address: { line1: '1 rue Garibaldi', postal_code: '69006', city: 'Lyon', country: 'FR' },
      },
    });
    assert.equal(byEmail.status, 409, byEmail.text);
    const viaEmail = byEmail.body.candidates.find((c) => c.customer.id === heleneId());
    assert.ok(viaEmail, JSON.stringify(byEmail.body.candidates));
    assert.deepEqual(viaEmail.reasons, ['email']);

    const dupreBefore = await namedCount('dupre', 'Dupré') + await namedCount('dupre', 'DUPRE');
    const byName = await apiCall(server, 'POST', '/api/v1/customers', {
      token: csr,
      json: {
        given_name: 'Helene', family_name: 'DUPRE', phones: [{ number: '06 98 76 54 32' }],
        address: { line1: '30 rue Mercière', postal_code: '69002', city: 'Lyon', country: 'FR' },
      },
    });
    assert.equal(byName.status, 409, byName.text);
    const viaName = byName.body.candidates.find((c) => c.customer.id === heleneId());
    assert.ok(viaName, JSON.stringify(byName.body.candidates));
    assert.deepEqual(viaName.reasons, ['name_postal_code']);
    assert.equal(await namedCount('lemaire', 'Lemaire'), 0, 'Hugo Lemaire was not saved');
    assert.equal(await namedCount('dupre', 'Dupré') + await namedCount('dupre', 'DUPRE'), dupreBefore,
                 'the second Hélène was not saved');

    // The same name elsewhere is no duplicate.
    const elsewhere = await createCustomer(server, csr, {
      given_name: 'Hélène', family_name: 'Dupré', phones: [{ number: '06 98 76 54 33' }],
      address: { line1: '2 rue Nationale', postal_code: '59800', city: 'Lille', country: 'FR' },
    });
    assert.equal(elsewhere.customer.address.city, 'Lille');
  });

  test('bad input is refused with 422 naming the field, and nothing is saved', async () => {
    const cases = [
      ['phone', 'phone.invalid', { ...REJECTED, given_name: 'Téléphone', phones: [{ number: '12' }] }],
      ['email', 'field.email_invalid', { ...REJECTED, given_name: 'Courriel', emails: ['valide.exemple.fr'] }],
      ['postal_code', 'address.postal_code_invalid',
       { ...REJECTED, given_name: 'Postal', address: { ...REJECTED.address, postal_code: 'ABC' } }],
      ['postal_code', 'address.postal_code_invalid',
       { ...REJECTED, given_name: 'Canada', address: { ...REJECTED.address, country: 'CA', postal_code: '69002' } }],
      ['country', 'address.country_unknown',
       { ...REJECTED, given_name: 'Pays', address: { ...REJECTED.address, country: 'XX' } }],
      ['family_name', 'field.required', { ...REJECTED, family_name: '' }],
      ['premise_postal_code', 'address.postal_code_invalid',
       { ...REJECTED, given_name: 'Local',
         premise: { same_as_customer: false,
                    address: { line1: '9 rue Neuve', postal_code: 'ABC', city: 'Lyon', country: 'FR' } } }],
    ];
    for (const [field, code, body] of cases) {
      const res = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: body });
      assert.equal(res.status, 422, `${field}: ${res.text}`);
      assert.equal(res.body.kind, 'invalid_input', field);
      const error = res.body.errors?.find((e) => e.field === field);
      assert.ok(error, `errors[] names ${field}: ${JSON.stringify(res.body)}`);
      assert.equal(error.code, code, field);
      assert.ok(error.detail, `${field} has a message`);
      assert.equal(res.body.errors.length, 1, `only ${field} is wrong: ${JSON.stringify(res.body.errors)}`);
    }
    const phone = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: cases[0][2] });
    assert.equal(phone.body.detail, '12 is not a valid phone number.');
    const postal = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: cases[2][2] });
    assert.equal(postal.body.detail, 'The postal code ABC does not fit the country FR.');
    assert.equal(await namedCount('rejete', 'Rejeté'), 0, 'nothing was saved');
  });

  test('members of the wrong type are refused with 422, not ignored', async () => {
    for (const [field, value] of [['phones', '06 11 11 11 11'], ['emails', 'typed.as@string.fr'], ['premise', 'elsewhere']]) {
      const res = await apiCall(server, 'POST', '/api/v1/customers', {
        token: csr, json: rejected('Maltypé', { given_name: `Type ${field}`, [field]: value }),
      });
      assert.equal(res.status, 422, `${field} as a string must be refused (got ${res.status} ${res.text.slice(0, 300)})`);
      assert.ok(res.body.errors?.some((e) => e.field === field), `errors[] names ${field}: ${res.text}`);
    }
    assert.equal(await namedCount('maltype', 'Maltypé'), 0, 'nothing was saved');
  });

  test('a 422 for conseiller (language fr) is in French, with the same code', async () => {
    const conseiller = (await createToken(server, 'conseiller', 'customers-fr')).token;
    const res = await apiCall(server, 'POST', '/api/v1/customers', {
      token: conseiller, json: rejected('Refusé', { phones: [{ number: '12' }] }),
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'phone.invalid');
    assert.equal(res.body.title, 'Saisie invalide');
    assert.equal(res.body.detail, '12 n’est pas un numéro de téléphone valide.');
    assert.deepEqual(res.body.errors, [{ field: 'phone', code: 'phone.invalid', detail: '12 n’est pas un numéro de téléphone valide.' }]);

    const postal = await apiCall(server, 'POST', '/api/v1/customers', {
      token: conseiller, json: rejected('Refusé', { address: { ...REJECTED.address, postal_code: 'ABC' } }),
    });
    assert.equal(postal.status, 422);
    assert.equal(postal.body.detail, 'Le code postal ABC ne correspond pas au pays FR.');
    const long = await apiCall(server, 'GET', `/api/v1/customers?q=${'a'.repeat(201)}`, { token: conseiller });
    assert.equal(long.status, 422);
    assert.equal(long.body.detail, 'La recherche est limitée à 200 caractères.');
    const empty = await apiCall(server, 'POST', `/api/v1/customers/${heleneId()}/interactions`, {
      token: conseiller, json: { summary: '' },
    });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.detail, 'Indiquez l’objet de l’appel ou de la note.');
    assert.equal(await namedCount('refuse', 'Refusé'), 0, 'nothing was saved');
  });

  test('POST /api/v1/customers/{id}/interactions logs a call and a note; the view shows the newest first', async () => {
    const call = await apiCall(server, 'POST', `/api/v1/customers/${robert.customer.id}/interactions`, {
      token: csr,
      json: { channel: 'call', direction: 'inbound', summary: 'Asked about the contract', outcome: 'Question answered' },
    });
    assert.equal(call.status, 201, call.text);
    assert.equal(call.body.channel, 'call');
    assert.equal(call.body.direction, 'inbound');
    assert.equal(call.body.summary, 'Asked about the contract');
    assert.equal(call.body.outcome, 'Question answered');
    assert.equal(call.body.user_name, 'Sam Carter');
    assert.ok(Math.abs(Date.parse(call.body.at) - Date.now()) < 5 * 60_000, `recorded now: ${call.body.at}`);

    const note = await apiCall(server, 'POST', `/api/v1/customers/${robert.customer.id}/interactions`, {
      token: csr, json: { summary: 'Prefers e-mail after 5 pm' },
    });
    assert.equal(note.status, 201, note.text);
    assert.equal(note.body.channel, 'note', 'a note by default');
    assert.equal(note.body.direction, 'none');
    assert.equal(note.body.outcome, '');

    const view = (await apiCall(server, 'GET', `/api/v1/customers/${robert.customer.id}`, { token: csr })).body;
    assert.deepEqual(view.interactions.map((i) => i.id), [note.body.id, call.body.id], 'newest first');
    assert.deepEqual(view.interactions[0], note.body);
    assert.deepEqual(view.interactions[1], call.body);
    // An outcome one of the page's choices, given in English, reads in French
    // on a French CSR's 360° view (and a code does too).
    const coded = await apiCall(server, 'POST', `/api/v1/customers/${robert.customer.id}/interactions`, {
      token: csr, json: { channel: 'call', direction: 'outbound', summary: 'Wants a call next week', outcome: 'callback' },
    });
    assert.equal(coded.status, 201, coded.text);
    const french = textOf((await (await loggedInClient(server, 'conseiller')).get(`/customers/${robert.customer.id}`)).text);
    assert.match(french, /Question traitée/);
    assert.match(french, /À rappeler/);
    assert.doesNotMatch(french, /Question answered/);
  });

  test('an interaction without a summary, with a bad channel or for an unknown customer is refused', async () => {
    const target = `/api/v1/customers/${robert.customer.id}/interactions`;
    const count = async () =>
      (await apiCall(server, 'GET', `/api/v1/customers/${robert.customer.id}`, { token: csr })).body.interactions.length;
    const before = await count();
    for (const body of [{ summary: '' }, { channel: 'call', direction: 'outbound' }]) {
      const res = await apiCall(server, 'POST', target, { token: csr, json: body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.code, 'interaction.summary_required');
      assert.equal(res.body.field, 'summary');
      assert.equal(res.body.detail, 'Write what the call or note was about.');
    }
    const long = await apiCall(server, 'POST', target, { token: csr, json: { summary: 'x'.repeat(4001) } });
    assert.equal(long.status, 422);
    assert.equal(long.body.code, 'interaction.summary_long');
    const channel = await apiCall(server, 'POST', target, { token: csr, json: { summary: 'By pigeon', channel: 'pigeon' } });
    assert.equal(channel.status, 422);
    assert.equal(channel.body.field, 'channel');
    assert.equal(await count(), before, 'nothing was logged');

    const unknown = await apiCall(server, 'POST', '/api/v1/customers/987654321/interactions', {
      token: csr, json: { summary: 'Nobody' },
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'customer.not_found');
  });

  test('an interaction whose summary is only spaces is refused as empty', async () => {
    const target = `/api/v1/customers/${robert.customer.id}/interactions`;
    const res = await apiCall(server, 'POST', target, { token: csr, json: { summary: '   \n ' } });
    assert.equal(res.status, 422, `a blank summary must be refused (got ${res.status} ${res.text})`);
    assert.equal(res.body.code, 'interaction.summary_required');
  });

  test('the same Idempotency-Key twice adds one customer and replays the answer', async () => {
    const key = crypto.randomUUID();
    const family = `Idem${tag()}`;
    const body = {
      given_name: 'Iris', family_name: family,
      address: { line1: '7 rue des Remparts', postal_code: '33000', city: 'Bordeaux', country: 'FR' },
    };
    const first = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: body, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201, first.text);
    const second = await apiCall(server, 'POST', '/api/v1/customers', { token: csr, json: body, headers: { 'idempotency-key': key } });
    assert.equal(second.status, 201);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.text, first.text);
    assert.ok(first.headers.get('location'), 'the first answer says where the customer is');
    assert.equal(second.headers.get('location'), first.headers.get('location'), 'the replay too');
    assert.equal(await namedCount(family, family), 1, 'one customer');
  });

  test('a user with the customer role may not search, read, add or log (403)', async () => {
    const admin = (await createToken(server, 'admin', 'customers-admin')).token;
    const login = `client.${tag()}`;
    const user = await apiCall(server, 'POST', '/api/v1/users', {
      token: admin,
      json: { login, display_name: 'Claire Client', roles: ['customer'], password: 'a-long-password' },
    });
    assert.equal(user.status, 201, user.text);
    const token = (await createToken(server, login, 'portal')).token;
    const calls = [
      ['GET', '/api/v1/customers?q=dupre'],
      ['GET', `/api/v1/customers/${heleneId()}`],
      ['POST', '/api/v1/customers', rejected('Portail')],
      ['POST', `/api/v1/customers/${heleneId()}/interactions`, { summary: 'From the portal' }],
    ];
    for (const [method, target, json] of calls) {
      const res = await apiCall(server, method, target, { token, json });
      assert.equal(res.status, 403, `${method} ${target}: ${res.text}`);
      assert.equal(res.body.kind, 'forbidden');
      assert.equal(res.body.detail, 'Your role does not allow this.');
    }
    assert.equal(await namedCount('portail', 'Portail'), 0, 'nothing was saved');
    const view = (await apiCall(server, 'GET', `/api/v1/customers/${heleneId()}`, { token: csr })).body;
    assert.ok(!view.interactions.some((i) => i.summary === 'From the portal'));
    const anonymous = await apiCall(server, 'GET', '/api/v1/customers?q=dupre');
    assert.equal(anonymous.status, 401);
  });

  test('with a predefined territory the form names the premise picked by its number; an unknown one is refused', async () => {
    const admin = (await createToken(server, 'admin', 'customers-territory')).token;
    const family = `Terr${crypto.randomBytes(3).toString('hex')}`;
    const premise = robert.premises[0];
    await setSettings(server, admin, { territory_predefined: true });
    try {
      const client = await loggedInClient(server, 'csr');
      const post = async (existing_premise) => {
        const page = await pageWithCsrf(client, '/customers/new');
        const form = formOf(page.html, '/customers');
        return client.postForm('/customers', {
          ...form.fields, _csrf: page.csrf, given_name: 'Noé', family_name: family, customer_class: 'residential',
          line1: '1 rue Haute', postal_code: '37000', city: 'Tours', country: 'FR', existing_premise,
        });
      };
      const refused = await post('P0000001');
      assert.equal(refused.status, 422, textOf(refused.text).slice(0, 300));
      assert.match(textOf(refused.text), /No premise is numbered P0000001\./);
      const byId = await post(String(premise.id));
      assert.equal(byId.status, 422, 'an internal id names no premise');
      const found = await apiCall(server, 'GET', `/api/v1/customers?q=${family}`, { token: csr });
      assert.equal(found.body.items.length, 0, 'nothing saved');
      const saved = await post(premise.number.toLowerCase());
      assert.equal(saved.status, 303, textOf(saved.text).slice(0, 300));
      const id = /\/customers\/(\d+)/.exec(saved.location)?.[1];
      const view = await apiCall(server, 'GET', `/api/v1/customers/${id}`, { token: csr });
      assert.deepEqual(view.body.premises.map((p) => p.number), [premise.number], 'served at the premise picked');
    } finally {
      await setSettings(server, admin, { territory_predefined: false });
    }
  });
});
