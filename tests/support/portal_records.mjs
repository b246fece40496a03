// Records of portal customers made by staff through the API, the way a CSR
// and a fulfilment user make them: a trackable product on a price list, and
// for a customer a quote, a sales order submitted and fulfilled (its asset).
//
//   const made = await portalRecords(server);
//   const list = await made.priceList({ isDefault: false });  // {list, product}
//   await made.useList(customerId, list.list.id);
//   const ids = await made.records(customerId, list.product);
//     // {quote, order, asset, interaction, product, line, literature}
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import { apiCall, createToken } from './harness.mjs';

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export async function portalRecords(server) {
  const tag = () => crypto.randomBytes(3).toString('hex').toUpperCase();
  const manager = (await createToken(server, 'manager', `records-${tag()}`)).token;
  const csr = (await createToken(server, 'csr', `records-${tag()}`)).token;
  const fulfilment = (await createToken(server, 'fulfilment', `records-${tag()}`)).token;
  async function call(method, target, token, json, status) {
    const res = await apiCall(server, method, target, { token, json });
    assert.equal(res.status, status, `${method} ${target}: ${res.status} ${res.text?.slice(0, 400)}`);
    return res.body;
  }

  // A price list (default or not) with one trackable product at 25.00 and
  // its brochure (product.literature, its id).
  async function priceList({ isDefault = false, price = 2500 } = {}) {
    const t = tag();
    const list = await call('POST', '/api/v1/price-lists', manager, {
      code: `PORTAL-${t}`, name_en: `Portal ${t}`, name_fr: `Portail ${t}`, currency: 'EUR',
      valid_from: day(-30), is_default: isDefault,
    }, 201);
    const product = await call('POST', '/api/v1/products', manager, {
      code: `FIBRE-${t}`, name_en: `Fibre ${t}`, name_fr: `Fibre ${t}`, type: 'service', trackable: true,
      vat_rate: '20', orderable_from: day(-30), features: [{ name: 'Speed', value: '1 Gb/s' }],
    }, 201);
    const { version } = await call('GET', `/api/v1/price-lists/${list.id}`, manager, undefined, 200);
    await call('PUT', `/api/v1/price-lists/${list.id}/prices/${product.id}`, manager, { unit_price: price, version }, 200);
    // A brochure of the product (eAdvisor literature), as a manager uploads it.
    const brochure = await apiCall(server, 'POST', `/api/v1/literature?${new URLSearchParams({
      product: product.id, title_en: `Brochure ${tag()}`, title_fr: `Brochure ${tag()}`, language: 'en',
      file_name: 'brochure.txt',
    })}`, { token: manager, body: Buffer.from('Fibre 1 Gb/s: the brochure.\n'), headers: { 'content-type': 'text/plain' } });
    assert.equal(brochure.status, 201, `upload: ${brochure.text?.slice(0, 300)}`);
    product.literature = brochure.body.id;
    return { list, product };
  }

  // The customer's own price list.
  async function useList(customer, listId) {
    const got = await call('GET', `/api/v1/customers/${customer}/price-lists`, manager, undefined, 200);
    await call('PUT', `/api/v1/customers/${customer}/price-lists`, manager, { price_list: listId, version: got.version }, 200);
  }

  // A quote of `product`, and an order of it submitted and fulfilled: the
  // customer's ids by record kind.
  async function records(customer, product) {
    let quote = await call('POST', '/api/v1/quotes', csr, { customer_id: customer }, 201);
    quote = await call('POST', `/api/v1/quotes/${quote.id}/lines`, csr,
                       { version: quote.version, product_id: product.id, quantity: 1 }, 201);
    // Sent (by letter): a CSR's draft is not the customer's to see.
    quote = await call('POST', `/api/v1/quotes/${quote.id}/mark-sent`, csr,
                       { version: quote.version, channel: 'letter' }, 200);
    let order = await call('POST', '/api/v1/sales-orders', csr, { customer_id: customer, requested_delivery: day(7) }, 201);
    order = await call('POST', `/api/v1/sales-orders/${order.id}/lines`, csr,
                       { version: order.version, product_id: product.id, quantity: 1 }, 201);
    order = await call('POST', `/api/v1/sales-orders/${order.id}/submit`, csr, { version: order.version }, 200);
    for (const line of order.lines)
      order = await call('POST', `/api/v1/sales-orders/${order.id}/lines/${line.id}/complete`, fulfilment, {}, 200);
    const assets = (await call('GET', `/api/v1/customers/${customer}/assets`, csr, undefined, 200)).items;
    const asset = assets.find((a) => a.product_id === product.id);
    assert.ok(asset, 'the fulfilled order made an asset');
    const view = await call('GET', `/api/v1/customers/${customer}`, csr, undefined, 200);
    assert.ok(view.interactions.length > 0, 'the order logged interactions on the customer');
    return {
      quote: quote.id, order: order.id, asset: asset.id, interaction: view.interactions[0].id,
      product: product.id, line: quote.lines[0].id, literature: product.literature,
    };
  }

  return { priceList, useList, records, tokens: { manager, csr, fulfilment } };
}
