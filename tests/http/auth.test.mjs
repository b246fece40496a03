// Log-in, log-out, sessions, the log-in throttle and the CSRF defences, as a
// browser (or an attacker's page) meets them over HTTP.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  Client,
  DB_KIND,
  apiCall,
  createToken,
  DEMO_PASSWORD,
  csrfOf,
  formOf,
  loggedInClient,
  login,
  pageWithCsrf,
  setCookieLine,
  startServer,
  textOf,
} from '../support/harness.mjs';

describe(`log-in and sessions (${DB_KIND})`, () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  test('a visitor asking for the desk is sent to the log-in page', async () => {
    const res = await new Client(server).get('/');
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login?next=/');
    const page = await new Client(server).get('/login');
    assert.equal(page.status, 200);
    assert.match(page.contentType, /^text\/html/);
    assert.ok(formOf(page.text, '/login'), 'the log-in page has the log-in form');
  });

  // After the log-in the browser GETs `next`: a form's POST URL would answer
  // 405, so a form sent without a session comes back to the page it was on.
  test('without a session, the log-in brings back to the page, never to a POST URL', async () => {
    const list = await new Client(server).get('/plan-entries?plan=1&status=10');
    assert.equal(list.location, '/login?next=/plan-entries%3Fplan%3D1%26status%3D10', 'the query is kept');
    const origin = server.url.replace(/\/$/, '');
    const host = new URL(origin).host;
    const cases = [
      [{ referer: `${origin}/customers/12` }, '/customers/12'],
      [{ 'hx-request': 'true', 'hx-current-url': `${origin}/plan-entries/7?set=1` }, '/plan-entries/7%3Fset%3D1'],
      [{ referer: 'https://elsewhere.example/customers/12' }, '/'],
      [{}, '/'],
    ];
    for (const [headers, next] of cases) {
      const res = await new Client(server).post('/customers/12/interactions', {
        headers: { host, ...headers }, form: { summary: 'Called back' },
      });
      const location = res.location ?? res.headers.get('hx-redirect');
      assert.equal(location, `/login?next=${next}`, JSON.stringify(headers));
    }
  });

  test('csr logs in: 303 to /, an HttpOnly SameSite=Lax session cookie, and "Hello, Sam Carter"', async () => {
    const client = new Client(server);
    const res = await login(client, 'csr', DEMO_PASSWORD);
    assert.equal(res.status, 303, textOf(res.text));
    assert.equal(res.location, '/');
    const cookie = setCookieLine(res, 'rapport_session');
    assert.ok(cookie, `a rapport_session cookie is set (got ${res.setCookies.join(' | ')})`);
    const attrs = cookie.split(';').map((a) => a.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), `HttpOnly: ${cookie}`);
    assert.ok(attrs.includes('samesite=lax'), `SameSite=Lax: ${cookie}`);
    assert.ok(attrs.includes('path=/'), `Path=/: ${cookie}`);
    assert.ok(cookie.split(';')[0].length > 'rapport_session='.length + 20, 'the session token is long');

    const home = await client.get('/');
    assert.equal(home.status, 200);
    const text = textOf(home.text);
    assert.match(text, /Hello, Sam Carter/);
    assert.match(home.text, /data-testid="current-user">Sam Carter</);
    // A logged-in page carries the session's CSRF token for forms and htmx.
    const token = csrfOf(home.text);
    assert.equal(formOf(home.text, '/logout').fields._csrf, token);
  });

  test('the log-in page honours ?next= and refuses to send the user off-site', async () => {
    const client = new Client(server);
    const res = await login(client, 'csr', DEMO_PASSWORD, { next: '/account' });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/account');
    const other = new Client(server);
    const evil = await login(other, 'csr', DEMO_PASSWORD, { next: '//evil.example/steal' });
    assert.equal(evil.status, 303);
    assert.equal(evil.location, '/');
  });

  // A tab or a line break in a URL is dropped by the browser and a backslash
  // read as a slash: "/\t/evil.example" is "//evil.example", another site.
  test('a hostile ?next= never leaves the site, from the link to the redirect after the log-in', async () => {
    const hostile = ['/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', '\t//evil.example',
                     '/\\evil.example', '/\t\\evil.example', '//evil.example', '/%09/evil.example',
                     '/%2F/evil.example', '/%5C/evil.example', '/.//evil.example', 'javascript:alert(1)',
                     'https://evil.example/'];
    for (const next of hostile) {
      const page = await new Client(server).get(`/login?next=${encodeURIComponent(next)}`);
      assert.equal(page.status, 200, JSON.stringify(next));
      assert.equal(formOf(page.text, '/login').fields.next, '/', `the form's next for ${JSON.stringify(next)}`);
      const res = await login(new Client(server), 'csr', DEMO_PASSWORD, { next });
      assert.equal(res.status, 303, JSON.stringify(next));
      assert.equal(res.location, '/', `redirect after log-in with next=${JSON.stringify(next)}`);
    }
    // The link of the report: the tab arrives percent-encoded in the query.
    const raw = await new Client(server).get('/login?next=/%09/evil.example');
    assert.equal(formOf(raw.text, '/login').fields.next, '/');
  });

  test('the pre-log-in cookie is Secure when the session cookie is (behind an HTTPS proxy)', async () => {
    const proxied = { 'x-forwarded-proto': 'https' };
    const secure = (line) => line.split(';').map((a) => a.trim().toLowerCase()).includes('secure');
    const plain = await new Client(server).get('/login');
    const prelogin = setCookieLine(plain, 'rapport_prelogin');
    assert.ok(prelogin, 'GET /login sets rapport_prelogin');
    assert.ok(!secure(prelogin), `over plain HTTP: ${prelogin}`);

    const client = new Client(server);
    const page = await client.get('/login', { headers: proxied });
    const line = setCookieLine(page, 'rapport_prelogin');
    assert.ok(secure(line), `behind HTTPS the pre-log-in cookie is Secure: ${line}`);
    const form = formOf(page.text, '/login');
    const res = await client.postForm('/login', { _csrf: form.fields._csrf, login: 'csr', password: DEMO_PASSWORD, next: '/' },
                                      { headers: proxied });
    assert.equal(res.status, 303, textOf(res.text));
    assert.ok(secure(setCookieLine(res, 'rapport_session')), 'the session cookie is Secure too');
    for (const l of res.setCookies.filter((c) => c.startsWith('rapport_prelogin=')))
      assert.ok(secure(l), `the pre-log-in cookie is cleared with the same flags: ${l}`);
  });

  test('a wrong password answers 401 with "Wrong login or password." and no session', async () => {
    const client = new Client(server);
    const res = await login(client, 'manager', 'not-the-password');
    assert.equal(res.status, 401);
    assert.match(res.contentType, /^text\/html/);
    assert.match(textOf(res.text), /Wrong login or password\./);
    assert.equal(setCookieLine(res, 'rapport_session'), undefined);
    assert.equal(client.cookies.has('rapport_session'), false);
    // The form is shown again, with the login kept and a fresh prelogin token.
    const form = formOf(res.text, '/login');
    assert.ok(form, 'the log-in form is shown again');
    assert.equal(form.fields.login, 'manager');
    assert.equal(form.fields.password ?? '', '', 'the password is not echoed');
    // The same user can still log in with the right password.
    const again = await login(client, 'manager', DEMO_PASSWORD);
    assert.equal(again.status, 303);
  });

  test('an unknown login gets the same answer as a wrong password', async () => {
    const res = await login(new Client(server), 'nobody-here', 'whatever-it-is');
    assert.equal(res.status, 401);
    assert.match(textOf(res.text), /Wrong login or password\./);
  });

  test('after 5 wrong passwords the 6th attempt is refused with 429, even with the right password', async () => {
    const client = new Client(server);
    for (let i = 1; i <= 5; ++i) {
      const res = await login(client, 'fulfilment', `wrong-${i}`);
      assert.equal(res.status, 401, `wrong password #${i}`);
    }
    const sixth = await login(client, 'fulfilment', DEMO_PASSWORD);
    assert.equal(sixth.status, 429);
    assert.match(textOf(sixth.text), /Too many failed log-ins\. Try again in \d+ min\./);
    assert.equal(setCookieLine(sixth, 'rapport_session'), undefined);
    assert.equal(client.cookies.has('rapport_session'), false);
    // The lock holds for that login only: another user logs in from the same address.
    await loggedInClient(server, 'admin');
  });

  test('the log-in form posted without the prelogin cookie is refused with 403', async () => {
    const browser = new Client(server);
    const page = await browser.get('/login');
    const token = formOf(page.text, '/login').fields._csrf;
    const attacker = new Client(server);  // has the form's token but not the cookie
    const res = await attacker.postForm('/login', {
      _csrf: token, login: 'csr', password: DEMO_PASSWORD, next: '/',
    });
    assert.equal(res.status, 403);
    assert.match(textOf(res.text), /The log-in form expired\. Please try again\./);
    assert.equal(setCookieLine(res, 'rapport_session'), undefined);
    // A cookie that does not match the form's token is refused as well.
    attacker.cookies.set('rapport_prelogin', 'forged-value-forged-value');
    const forged = await attacker.postForm('/login', {
      _csrf: token, login: 'csr', password: DEMO_PASSWORD, next: '/',
    });
    assert.equal(forged.status, 403);
    assert.equal(setCookieLine(forged, 'rapport_session'), undefined);
  });

  test('log-out ends the session: the old cookie is sent back to the log-in page', async () => {
    const client = await loggedInClient(server, 'csr');
    const oldCookie = client.cookies.get('rapport_session');
    const home = await client.get('/');
    assert.equal(home.status, 200);
    const res = await client.postForm('/logout', { _csrf: csrfOf(home.text) });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/login');
    const cleared = setCookieLine(res, 'rapport_session');
    assert.ok(cleared, 'log-out clears the session cookie');
    assert.match(cleared, /Max-Age=0/i);

    // Someone who kept the old cookie gets nothing from it.
    const replay = new Client(server);
    replay.cookies.set('rapport_session', oldCookie);
    const after = await replay.get('/');
    assert.equal(after.status, 303);
    assert.match(after.location, /^\/login/);
    const account = await replay.get('/account');
    assert.equal(account.status, 303);
    assert.match(account.location, /^\/login/);
  });

  test('log-out without the CSRF token is refused and the session stays', async () => {
    const client = await loggedInClient(server, 'csr');
    const res = await client.postForm('/logout', {});
    assert.equal(res.status, 403);
    assert.match(textOf(res.text), /This form is out of date or did not come from Rapport/);
    const home = await client.get('/');
    assert.equal(home.status, 200);
    assert.match(textOf(home.text), /Hello, Sam Carter/);
  });

  // Issue 13, finding 5: only the command line used to end them.
  test("a password change ends the user's other sessions (the page's own change keeps this one; an admin's reset ends all)", async () => {
    const admin = (await createToken(server, 'admin', 'pw')).token;
    const user = {
      login: `pw${crypto.randomBytes(3).toString('hex')}`, display_name: 'Pat Word', roles: ['csr'],
      language: 'en', time_zone: 'Europe/Paris', password: 'first-password',
    };
    const made = await apiCall(server, 'POST', '/api/v1/users', { token: admin, json: user });
    assert.equal(made.status, 201, made.text);
    const here = await loggedInClient(server, user.login, 'first-password');
    const there = await loggedInClient(server, user.login, 'first-password');
    assert.equal((await there.get('/account')).status, 200);

    const account = await pageWithCsrf(here, '/account');
    const changed = await here.postForm('/account/password', {
      _csrf: account.csrf, current_password: 'first-password', password: 'second-password',
    });
    assert.equal(changed.status, 303, textOf(changed.text).slice(0, 300));
    assert.equal((await here.get('/account')).status, 200, 'the session that changed it stays');
    const ended = await there.get('/account');
    assert.equal(ended.status, 303, 'the other session ended');
    assert.match(ended.location, /^\/login/);

    const again = await loggedInClient(server, user.login, 'second-password');
    const adminClient = await loggedInClient(server, 'admin');
    const form = await pageWithCsrf(adminClient, `/admin/users/${made.body.id}`);
    const reset = await adminClient.postForm(`/admin/users/${made.body.id}/password`, {
      _csrf: form.csrf, password: 'third-password',
    });
    assert.equal(reset.status, 303, textOf(reset.text).slice(0, 300));
    for (const [name, client] of [['here', here], ['again', again]]) {
      const res = await client.get('/account');
      assert.equal(res.status, 303, `the reset ended the session "${name}"`);
    }
    assert.equal((await adminClient.get('/account')).status, 200, "the admin's own session stays");
    await loggedInClient(server, user.login, 'third-password');
  });

  test('a session survives a restart of the server', async () => {
    const client = await loggedInClient(server, 'csr');
    const before = await client.get('/');
    assert.equal(before.status, 200);
    const token = csrfOf(before.text);
    await server.restart();
    const home = await client.get('/');
    assert.equal(home.status, 200, 'still logged in after the restart');
    assert.match(textOf(home.text), /Hello, Sam Carter/);
    assert.equal(csrfOf(home.text), token, 'the CSRF token of the session is kept too');
  });
});

// Issue 13, finding 12: log-in attempts are counted in the database before
// the password is checked; X-Forwarded-For names the client only when the
// peer is a trusted proxy (RAPPORT_TRUSTED_PROXIES); the limit is per
// (login, address), so a stranger cannot lock a user out.
describe(`the log-in throttle (${DB_KIND})`, () => {
  let plain;    // trusts no proxy (the default)
  let proxied;  // trusts 127.0.0.1, the tests' own address
  before(async () => {
    [plain, proxied] = await Promise.all([
      startServer(), startServer({ env: { RAPPORT_TRUSTED_PROXIES: '127.0.0.1' } }),
    ]);
  });
  after(async () => {
    await Promise.all([plain?.stop(), proxied?.stop()]);
  });

  // A client with the log-in form's prelogin cookie and _csrf, ready to post.
  async function loginForm(server) {
    const client = new Client(server);
    const page = await client.get('/login');
    assert.equal(page.status, 200);
    return { client, csrf: formOf(page.text, '/login').fields._csrf };
  }
  async function tryLogin(server, loginName, password, from) {
    const { client, csrf } = await loginForm(server);
    const headers = from ? { 'x-forwarded-for': from } : {};
    return client.postForm('/login', { _csrf: csrf, login: loginName, password, next: '/' }, { headers });
  }

  test('20 concurrent wrong passwords are counted exactly: 5 are checked, 15 refused with 429', async () => {
    const forms = await Promise.all(Array.from({ length: 20 }, () => loginForm(proxied)));
    const answers = await Promise.all(forms.map(({ client, csrf }, i) => client.postForm('/login', {
      _csrf: csrf, login: 'manager', password: `wrong-${i}`, next: '/',
    }, { headers: { 'x-forwarded-for': '198.51.100.20' } })));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 429).length, 15, statuses.join(' '));
    const right = await tryLogin(proxied, 'manager', DEMO_PASSWORD, '198.51.100.20');
    assert.equal(right.status, 429, 'that address is throttled for that login');
  });

  test("a stranger hammering a login from their address is throttled while the user logs in from theirs", async () => {
    for (let i = 0; i < 8; ++i) await tryLogin(proxied, 'csr', `guess-${i}`, '203.0.113.66');
    const stranger = await tryLogin(proxied, 'csr', DEMO_PASSWORD, '203.0.113.66');
    assert.equal(stranger.status, 429);
    assert.match(textOf(stranger.text), /Too many failed log-ins\. Try again in \d+ min\./);
    const user = await tryLogin(proxied, 'csr', DEMO_PASSWORD, '192.0.2.10');
    assert.equal(user.status, 303, `the user from their own address: ${textOf(user.text).slice(0, 200)}`);
    assert.ok(setCookieLine(user, 'rapport_session'));
  });

  test('X-Forwarded-For is ignored unless the peer is a trusted proxy', async () => {
    // Not trusted: every request comes from 127.0.0.1, whatever the header says.
    for (let i = 0; i < 5; ++i) {
      const res = await tryLogin(plain, 'fulfilment', `wrong-${i}`, `198.51.100.${i + 1}`);
      assert.equal(res.status, 401);
    }
    const spoofed = await tryLogin(plain, 'fulfilment', DEMO_PASSWORD, '198.51.100.99');
    assert.equal(spoofed.status, 429, 'a header written by the client names no one');
    // Trusted: the header names the client.
    for (let i = 0; i < 5; ++i) {
      const res = await tryLogin(proxied, 'fulfilment', `wrong-${i}`, '198.51.100.1');
      assert.equal(res.status, 401);
    }
    assert.equal((await tryLogin(proxied, 'fulfilment', DEMO_PASSWORD, '198.51.100.1')).status, 429);
    assert.equal((await tryLogin(proxied, 'fulfilment', DEMO_PASSWORD, '198.51.100.2')).status, 303,
                 'another client behind the proxy is another address');
  });
});
