// In a real browser, with the real local SMTP sink of `make run`
// (scripts/mail-sink): a CSR sends a quote by e-mail from the quote page
// (e-mail proposed, the customer having an address), sees the sending
// listed as sent on the quote and in the customer's 360° view (and its
// history), and the admin finds the message with its PDF on Sent
// mail; a customer without e-mail gets a clear error beside the channel and
// the quote stays a draft; a letter goes through the print queue (Print
// all, the batch's PDF, Mark as posted); with the mail server down the
// sending fails with its error on the page and Retry sends it. Every wait
// is bounded.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  apiCall, createCustomer, createToken, logInPage, mailSinkSuite, newPage, startSink, textOf, within,
} from '../support/harness.mjs';

const TEST_TIMEOUT = 120_000;

describe('sending a quote from its page', { timeout: 3 * TEST_TIMEOUT }, () => {
  const env = mailSinkSuite(before, after);
  const { sink } = env;
  let csr;

  const call = (method, target, token, json) => apiCall(env.server, method, target, { token, json });

  // A draft quote with one demo product for a new customer with `emails`.
  async function draftQuote(emails) {
    const c = await createCustomer(env.server, csr, {
      given_name: 'Hélène', family_name: `Côté${Date.now() % 100000}`, language: 'fr', emails,
      address: { line1: '3 allée des Châtaigniers', postal_code: '38000', city: 'Grenoble', country: 'FR' },
      phones: [{ type: 'mobile', number: '06 44 12 34 57' }], proceed: true,
    });
    const customerId = c.id ?? c.customer?.id;
    const q = (await call('POST', '/api/v1/quotes', csr, { customer_id: customerId })).body;
    const withLine = await call('POST', `/api/v1/quotes/${q.id}/lines`, csr,
                                { version: q.version, product_code: 'THERMOSTAT', quantity: 1 });
    assert.equal(withLine.status, 201, withLine.text);
    return { ...withLine.body, customerId };
  }

  let admin;
  async function useSmtpPort(port) {
    const settings = (await call('GET', '/api/v1/settings', admin)).body;
    const put = await call('PUT', '/api/v1/settings', admin, {
      version: settings.version, smtp_host: '127.0.0.1', smtp_port: port, smtp_sender: 'devis@eole.example',
    });
    assert.equal(put.status, 200, put.text);
  }
  // The status of the quote's newest sending once it is no longer queued
  // (the page reloaded, at most 10 s).
  async function settledStatus(page, quoteId) {
    let status = 'queued';
    for (let i = 0; i < 40 && status === 'queued'; ++i) {
      await page.goto(`/quotes/${quoteId}`);  // no #fragment: a fragment alone would not reload
      status = await page.getByTestId('sendings').locator('tbody tr').first().getAttribute('data-status');
      if (status === 'queued') await page.waitForTimeout(250);
    }
    return status;
  }

  before(async () => {
    csr = (await createToken(env.server, 'csr', 'e2e-send')).token;
    admin = (await createToken(env.server, 'admin', 'e2e-send')).token;
    await useSmtpPort(sink.port);
  });

  test('a quote e-mailed from its page arrives at the sink and is listed as sent', { timeout: TEST_TIMEOUT }, async () => {
    const quote = await draftQuote(['helene.cote@example.fr']);
    const { page, problems } = await newPage(env.browser, env.server);
    await logInPage(page, 'csr');
    await page.goto(`/quotes/${quote.id}`);
    assert.equal(await page.getByTestId('send-channel').inputValue(), 'email');
    await page.getByTestId('send-quote').click();
    await page.waitForURL((u) => u.search.includes('done=sent'));
    assert.equal(await page.getByTestId('quote-state').getAttribute('data-state'), 'sent');
    // Delivered in the background: the page shows it sent within seconds.
    assert.equal(await settledStatus(page, quote.id), 'sent');
    assert.match(await page.getByTestId('sendings').innerText(), /helene\.cote@example\.fr/);
    // The customer's 360° view lists it with the quotes, and logs it.
    await page.goto(`/customers/${quote.customerId}`);
    await page.getByTestId('fold-quotes').evaluate((d) => { d.open = true; });
    const listed = page.getByTestId('sendings').locator('tbody tr').first();
    assert.equal(await listed.getAttribute('data-status'), 'sent');
    assert.match(await page.locator('#interactions').innerText(), new RegExp(`${quote.number}-1\\.pdf`));
    assert.deepEqual(problems, []);

    const admin = await newPage(env.browser, env.server);
    await logInPage(admin.page, 'admin');
    await admin.page.goto('/admin/sent-mail');
    const text = textOf(await admin.page.content());
    assert.match(text, new RegExp(`Votre devis ${quote.number}, révision 1`));
    assert.match(text, new RegExp(`${quote.number}-1\\.pdf`));
  });

  test('a customer without e-mail: in French, the error is beside the channel and the quote stays a draft', { timeout: TEST_TIMEOUT }, async () => {
    const quote = await draftQuote([]);
    const { page } = await newPage(env.browser, env.server, { locale: 'fr-FR' });
    await logInPage(page, 'conseiller');
    await page.goto(`/quotes/${quote.id}`);
    assert.equal(await page.getByTestId('send-channel').inputValue(), 'letter');
    await page.getByTestId('send-channel').selectOption('email');
    await page.getByTestId('send-quote').click();
    await page.locator('#channel-error').waitFor();
    assert.match(await page.locator('#channel-error').innerText(), /adresse e-mail/);
    assert.equal(await page.getByTestId('quote-state').getAttribute('data-state'), 'draft');
    assert.equal(await page.getByTestId('no-sendings').count(), 1);
  });

  test('a letter waits in the print queue, is printed as a batch and marked as posted', { timeout: TEST_TIMEOUT }, async () => {
    const quote = await draftQuote([]);
    const { page, problems } = await newPage(env.browser, env.server);
    await logInPage(page, 'csr');
    await page.goto(`/quotes/${quote.id}`);
    await page.getByTestId('send-channel').selectOption('letter');
    await page.getByTestId('send-quote').click();
    await page.waitForURL((u) => u.search.includes('done=letter_queued'));
    assert.equal(await page.getByTestId('sendings').locator('tbody tr').first().getAttribute('data-status'), 'queued');

    await page.getByRole('link', { name: 'Print queue' }).click();
    await page.waitForURL((u) => u.pathname === '/print-queue');
    assert.match(await page.getByTestId('print-queue').innerText(), new RegExp(quote.number));
    await page.getByTestId('print-all').click();
    await page.getByTestId('printed-batch').waitFor();
    const href = await page.getByTestId('batch-pdf').getAttribute('href');
    const pdf = await page.request.get(href);
    assert.equal(pdf.status(), 200);
    assert.match(pdf.headers()['content-type'], /^application\/pdf/);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await page.getByTestId('mark-posted').first().click();
    await page.waitForURL((u) => u.search.includes('posted='));
    await page.getByTestId('print-queue-empty').waitFor();
    await page.goto(`/quotes/${quote.id}`);
    assert.equal(await page.getByTestId('sendings').locator('tbody tr').first().getAttribute('data-status'), 'posted');
    assert.deepEqual(problems, []);
  });

  test('with the mail server down the sending fails with its error, and Retry sends it', { timeout: TEST_TIMEOUT }, async () => {
    const dead = await startSink(sink.folder);
    dead.stop();  // nothing listens on its port any more, once it has exited
    await within(new Promise((resolve) => dead.proc.once('exit', resolve)), 5_000);
    await useSmtpPort(dead.port);
    try {
      const quote = await draftQuote(['marc.roux@example.fr']);
      const { page, problems } = await newPage(env.browser, env.server);
      await logInPage(page, 'csr');
      await page.goto(`/quotes/${quote.id}`);
      await page.getByTestId('send-quote').click();
      await page.waitForURL((u) => u.search.includes('done=sent'));
      assert.equal(await settledStatus(page, quote.id), 'failed');
      assert.match(await page.getByTestId('sending-error').innerText(), /cannot be reached/);
      await useSmtpPort(sink.port);
      await page.getByTestId('retry-sending').click();
      await page.waitForURL((u) => u.search.includes('done=retried'));
      assert.equal(await settledStatus(page, quote.id), 'sent');
      assert.equal(await page.getByTestId('retry-sending').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await useSmtpPort(sink.port);
    }
  });
});
