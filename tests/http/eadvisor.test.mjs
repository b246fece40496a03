// The eAdvisor, black-box (answers checked against openapi.json): product
// literature uploaded as the request body, refused beyond its size or for a
// type its bytes are not, with nothing stored; served inline with its type
// and never sniffed; deleted at its version. Competitor comparisons with
// their version conflicts; the search by need; 1 or 5 products to compare
// refused; the demo's brochures; the pages' upload, search and compare.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DB_KIND,
  apiCall,
  createToken,
  csrfOf,
  loggedInClient,
  startServer,
  textOf,
} from '../support/harness.mjs';

const MiB = 1024 * 1024;

describe(`eAdvisor (${DB_KIND})`, () => {
  let server;
  let managerToken;
  let csrToken;
  const products = {};

  before(async () => {
    server = await startServer();
    managerToken = (await createToken(server, 'manager', 'advisor')).token;
    csrToken = (await createToken(server, 'csr', 'advisor')).token;
    for (const code of ['ELEC-BASE', 'ELEC-HPHC', 'ELEC-GREEN', 'GAS-B1', 'GAS-BIO']) {
      const res = await apiCall(server, 'GET', `/api/v1/products?q=${code}`, { token: csrToken });
      products[code] = res.body.items.find((p) => p.code === code).id;
    }
  });
  after(async () => {
    await server?.stop();
  });

  // POST /api/v1/literature with the bytes as the body.
  function upload(bytes, contentType, query, token = managerToken) {
    return apiCall(server, 'POST', `/api/v1/literature?${new URLSearchParams(query)}`, {
      token, body: bytes, headers: { 'content-type': contentType },
    });
  }
  async function count(product) {
    const res = await apiCall(server, 'GET', `/api/v1/literature?product=${product}`, { token: csrToken });
    assert.equal(res.status, 200);
    return res.body.items.length;
  }
  async function rawGet(path, token = csrToken) {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  test('a document is stored in the database and served inline, byte for byte', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([...Array(256).keys()]), Buffer.from('\n%%EOF\n')]);
    const res = await upload(pdf, 'application/pdf', {
      product: products['GAS-BIO'], title_en: 'Biomethane sheet', title_fr: 'Fiche biométhane',
      language: 'fr', file_name: 'fiche biométhane.pdf',
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.content_type, 'application/pdf');
    assert.equal(res.body.size, pdf.length);
    assert.equal(res.body.language, 'fr');
    const served = await rawGet(res.body.content_url);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.match(served.headers.get('content-disposition'), /^inline; filename="fiche biom_thane\.pdf"; filename\*=UTF-8''fiche%20biom%C3%A9thane\.pdf$/);
    assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(served.bytes.equals(pdf), 'the bytes read back are those sent');
    const text = await upload('Conditions générales de vente\n', 'text/plain; charset=utf-8', { title_en: 'Terms' });
    assert.equal(text.status, 201, text.text);
    assert.equal(text.body.product_id, null);
    const servedText = await rawGet(text.body.content_url);
    assert.equal(servedText.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(servedText.bytes.toString('utf8'), 'Conditions générales de vente\n');
    const company = await apiCall(server, 'GET', '/api/v1/literature', { token: csrToken });
    assert.ok(company.body.items.some((l) => l.id === text.body.id));
  });

  test('over the limit, a refused type or a false type: a clear error, nothing stored', async () => {
    const product = products['GAS-B1'];
    const before = await count(product);
    const big = Buffer.alloc(10 * MiB + 1, 0x20);
    big.write('%PDF-1.4');
    const tooBig = await upload(big, 'application/pdf', { product, title_en: 'Big' });
    assert.equal(tooBig.status, 422);
    assert.equal(tooBig.body.code, 'literature.too_large');
    assert.match(JSON.stringify(tooBig.body), /10 MB/);
    const exe = await upload(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0]), 'application/pdf', { product, title_en: 'Exe' });
    assert.equal(exe.status, 422);
    assert.match(JSON.stringify(exe.body), /Only PDF, PNG, JPEG and plain text/);
    const html = await upload('<html><script>alert(1)</script></html>', 'text/html', { product, title_en: 'Page' });
    assert.equal(html.status, 422);
    assert.match(JSON.stringify(html.body), /not of the type it declares/);
    const csr = await upload('%PDF-1.4', 'application/pdf', { product, title_en: 'CSR' }, csrToken);
    assert.equal(csr.status, 403);
    assert.equal(await count(product), before);
  });

  test('a document is deleted at its version', async () => {
    const res = await upload('%PDF-1.4 delete me', 'application/pdf', { product: products['ELEC-GREEN'], title_en: 'Old' });
    assert.equal(res.status, 201);
    const stale = await apiCall(server, 'DELETE', `/api/v1/literature/${res.body.id}?version=${res.body.version + 1}`, { token: managerToken });
    assert.equal(stale.status, 409);
    const byCsr = await apiCall(server, 'DELETE', `/api/v1/literature/${res.body.id}?version=${res.body.version}`, { token: csrToken });
    assert.equal(byCsr.status, 403);
    const gone = await apiCall(server, 'DELETE', `/api/v1/literature/${res.body.id}?version=${res.body.version}`, { token: managerToken });
    assert.equal(gone.status, 204);
    assert.equal((await apiCall(server, 'GET', `/api/v1/literature/${res.body.id}`, { token: csrToken })).status, 404);
  });

  test('comparisons: created, changed at their version, deleted', async () => {
    const product = products['GAS-BIO'];
    const body = {
      competitor: 'Engie', their_product: 'Gaz vert 10 %', their_price: 2450, currency: 'eur',
      advantages_en: 'French farm biomethane', advantages_fr: 'Biométhane de fermes françaises',
    };
    const bad = await apiCall(server, 'POST', `/api/v1/products/${product}/comparisons`, {
      token: managerToken, json: { ...body, competitor: '', currency: 'XXX' },
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['competitor', 'currency']);
    const created = await apiCall(server, 'POST', `/api/v1/products/${product}/comparisons`, { token: managerToken, json: body });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.body.currency, 'EUR');
    const id = created.body.id;
    const changed = await apiCall(server, 'PUT', `/api/v1/comparisons/${id}`, {
      token: managerToken, json: { ...body, their_price: 2390, version: created.body.version },
    });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.their_price, 2390);
    const stale = await apiCall(server, 'PUT', `/api/v1/comparisons/${id}`, {
      token: managerToken, json: { ...body, their_price: 1, version: created.body.version },
    });
    assert.equal(stale.status, 409);
    const byCsr = await apiCall(server, 'PUT', `/api/v1/comparisons/${id}`, {
      token: csrToken, json: { ...body, version: changed.body.version },
    });
    assert.equal(byCsr.status, 403);
    const read = await apiCall(server, 'GET', `/api/v1/comparisons/${id}`, { token: csrToken });
    assert.equal(read.body.their_price, 2390);
    const staleDelete = await apiCall(server, 'DELETE', `/api/v1/comparisons/${id}?version=${created.body.version}`, { token: managerToken });
    assert.equal(staleDelete.status, 409);
    const list = await apiCall(server, 'GET', `/api/v1/products/${product}/comparisons`, { token: csrToken });
    assert.ok(list.body.items.some((c) => c.id === id));
  });

  test('the search finds a need in any text, accents aside, with the demo brochures', async () => {
    const byNeed = await apiCall(server, 'GET', `/api/v1/advisor/search?q=${encodeURIComponent('HEURES CREUSES')}`, { token: csrToken });
    assert.equal(byNeed.status, 200);
    const codes = byNeed.body.items.map((i) => i.product.code);
    assert.ok(codes.includes('ELEC-HPHC'), codes.join());
    const hphc = byNeed.body.items.find((i) => i.product.code === 'ELEC-HPHC');
    assert.ok(hphc.literature.length >= 1, 'the demo brochure');
    assert.ok(hphc.comparisons.some((c) => c.competitor === 'EDF'));
    assert.equal(typeof hphc.unit_price, 'number');
    // An advantage over a competitor, typed without accents.
    const byAdvantage = await apiCall(server, 'GET', '/api/v1/advisor/search?q=remise%20groupee', { token: csrToken });
    assert.deepEqual(byAdvantage.body.items.map((i) => i.product.code), ['GAS-B1']);
    const none = await apiCall(server, 'GET', '/api/v1/advisor/search?q=zzzqqq', { token: csrToken });
    assert.deepEqual(none.body.items, []);
    // The demo brochure is a real PDF.
    const brochure = await rawGet(hphc.literature[0].content_url);
    assert.equal(brochure.headers.get('content-type'), 'application/pdf');
    assert.equal(brochure.bytes.subarray(0, 5).toString(), '%PDF-');
  });

  test('compare takes 2 to 4 products', async () => {
    const ids = Object.values(products);
    for (const chosen of [ids.slice(0, 1), ids.slice(0, 5)]) {
      const res = await apiCall(server, 'GET', `/api/v1/advisor/compare?products=${chosen.join(',')}`, { token: csrToken, headers: { 'accept-language': 'fr' } });
      assert.equal(res.status, 422);
      assert.equal(res.body.errors?.[0]?.field ?? res.body.field ?? 'products', 'products');
      assert.match(JSON.stringify(res.body), /between 2 and 4|entre 2 et 4/);
    }
    const two = await apiCall(server, 'GET', `/api/v1/advisor/compare?products=${products['ELEC-HPHC']},${products['ELEC-BASE']}`, { token: csrToken });
    assert.equal(two.status, 200);
    assert.deepEqual(two.body.items.map((i) => i.product.code), ['ELEC-HPHC', 'ELEC-BASE']);
    assert.ok(two.body.feature_names.includes('Power'));
  });

  test('the pages: upload refused then accepted, advisor search and compare', async () => {
    const manager = await loggedInClient(server, 'manager');
    const product = products['ELEC-BASE'];
    const page = await manager.get(`/catalog/products/${product}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.text), /Literature/);
    const csrf = csrfOf(page.text);
    const refused = await manager.post(`/catalog/products/${product}/literature?title_en=Zip&file_name=a.pdf`, {
      body: 'PK\u0003\u0004zip', headers: { 'content-type': 'application/pdf', 'x-csrf-token': csrf },
    });
    assert.equal(refused.status, 422);
    assert.match(textOf(refused.text), /Only PDF, PNG, JPEG and plain text documents are accepted/);
    const accepted = await manager.post(`/catalog/products/${product}/literature?title_en=Leaflet&language=en&file_name=leaflet.txt`, {
      body: 'Base rate leaflet\n', headers: { 'content-type': 'text/plain', 'x-csrf-token': csrf },
    });
    assert.equal(accepted.status, 303, textOf(accepted.text).slice(0, 300));
    const after = await manager.get(`/catalog/products/${product}`);
    assert.match(textOf(after.text), /Leaflet/);
    const csr = await loggedInClient(server, 'csr');
    const found = await csr.get('/advisor?q=renouvelable');
    assert.equal(found.status, 200);
    assert.match(found.text, /data-code="ELEC-GREEN"/);
    const one = await csr.get(`/advisor?q=elec&compare=1&products=${product}`);
    assert.equal(one.status, 422);
    assert.match(textOf(one.text), /Choose between 2 and 4 products to compare/);
    const two = await csr.get(`/advisor?q=elec&compare=1&products=${product}&products=${products['ELEC-HPHC']}`);
    assert.equal(two.status, 200);
    assert.match(two.text, /data-testid="compare-table"/);
    assert.match(textOf(two.text), /9 kVA/);
  });
});
