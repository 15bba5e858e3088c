// run.mjs — mamori's pages in Debian's Chromium (headless, through playwright-core; no browser is
// downloaded). Started by tests/integration/test_browser.sh, which prepares the database, the
// users and the server and passes them in MB_* variables. Prints one `ok - …` / `not ok - …`
// line per check; a flow that throws reports the step it stopped at and the next flow runs.
// Full-page screenshots go to $MB_SHOTS as NAME-desktop.png (1366×768) and NAME-tablet.png
// (768×1024). No fixed sleeps: every step waits for its navigation or element.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const env = process.env;
const BASE = env.MB_BASE;
const TIMEOUT = 15000;
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
];

// ---- reporting -----------------------------------------------------------------------------

let failed = 0;
const ok = (desc) => console.log(`ok - ${desc}`);
function notOk(desc, detail) {
  failed++;
  console.log(`not ok - ${desc}`);
  if (detail) for (const line of String(detail).split('\n').slice(0, 6)) console.log(`#   ${line}`);
}
function check(cond, desc, detail) {
  if (cond) ok(desc);
  else notOk(desc, detail);
  return cond;
}
// flow NAME FN : runs one flow; an exception is one failure naming the flow and the step
let stepName = '';
async function flow(name, fn) {
  stepName = '(start)';
  try {
    await fn();
  } catch (e) {
    notOk(`${name}: stopped at「${stepName}」`, e && e.message ? e.message : e);
  }
}
const step = (s) => { stepName = s; };

// ---- TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits) ------------------------------------------

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out = [];
  let bits = 0, value = 0;
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
export function totp(secret, counter) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}
const nowStep = () => Math.floor(Date.now() / 30000);
// A code the server has not seen: a step after the last one used, within ±1 of now (waits for
// the clock when two codes were already used in this window).
async function freshCode(user) {
  for (;;) {
    const now = nowStep();
    const s = Math.max(user.lastStep + 1, now - 1);
    if (s <= now + 1) {
      user.lastStep = s;
      return totp(user.secret, s);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// ---- page helpers --------------------------------------------------------------------------

const url = (p) => BASE + p;
const pathOf = (page) => new URL(page.url()).pathname;
async function h1(page) {
  return (await page.locator('main h1, body h1').first().innerText()).trim();
}
// Clicks and waits for the page the click leads to (also when it is the same address again).
async function clickAndLoad(page, target) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    target.click(),
  ]);
  await page.waitForLoadState('load');
}
async function open(page, p) {
  const resp = await page.goto(url(p), { waitUntil: 'load' });
  return resp ? resp.status() : 0;
}
async function alertText(page) {
  const a = page.locator('[role="alert"]');
  return (await a.count()) ? (await a.first().innerText()).trim() : '';
}
const label = (page, text) => page.getByLabel(text, { exact: true });
const button = (page, text) => page.getByRole('button', { name: text, exact: true });

let shotCount = 0;
const shotNames = [];
// Full-page screenshots of the current page at each viewport; back to the desktop size after.
async function shot(page, name) {
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.screenshot({ path: path.join(env.MB_SHOTS, `${name}-${vp.name}.png`), fullPage: true });
    shotCount++;
  }
  shotNames.push(name);
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
}

// ---- sign-in -------------------------------------------------------------------------------

const users = {
  ism: { login: env.MB_ISM_LOGIN, password: env.MB_ISM_PASSWORD, newPassword: 'Kacho-browser-2026!', lastStep: 0 },
  tk: { login: env.MB_TK_LOGIN, password: env.MB_TK_PASSWORD, newPassword: 'Toukatsu-browser-2026!', lastStep: 0 },
};

// The sign-in form's POST must pass the server's Origin check. Chromium sends `Origin: null` on
// form POSTs from a page served with `Referrer-Policy: no-referrer`; when the server refuses
// that (403), it is reported once as a failure, and the run goes on by posting the same form
// from the browser context's request API with the site's Origin (the session cookie lands in
// the context), so the other pages are still tested.
let originChecked = false;
async function submitLogin(page, user, password) {
  await label(page, 'ログイン名').fill(user.login);
  await label(page, 'パスワード').fill(password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await clickAndLoad(page, button(page, 'ログイン'));
  const resp = await posted;
  return { status: resp.status(), origin: (await resp.request().allHeaders()).origin };
}
async function fillLogin(page, user, password) {
  step(`${user.login}: /login`);
  await open(page, '/login');
  const r = await submitLogin(page, user, password);
  if (r.status === 403) {
    if (!originChecked)
      notOk(`the sign-in form's POST passes the Origin check (403 for Origin: ${r.origin}; ` +
        'Referrer-Policy: no-referrer makes Chromium send Origin: null — same-origin would send the real one)');
    originChecked = true;
    const resp = await page.context().request.post(url('/login'), {
      form: { login: user.login, password }, headers: { Origin: BASE }, maxRedirects: 0,
    });
    await open(page, resp.headers().location || '/');
  } else if (!originChecked) {
    originChecked = check(r.status !== 403, `the sign-in form's POST passes the Origin check (Origin: ${r.origin})`);
  }
}

// First sign-in of a role holder: initial password, forced change, TOTP enrolment, recovery
// codes; ends on the front page.
async function firstSignIn(page, user, tag) {
  await fillLogin(page, user, user.password);
  check(pathOf(page) === '/password', `${tag}: the initial password leads to the forced change (${pathOf(page)})`,
    await alertText(page));
  step(`${user.login}: /password`);
  await label(page, '現在のパスワード').fill(user.password);
  await label(page, '新しいパスワード').fill(user.newPassword);
  await label(page, '新しいパスワード（確認）').fill(user.newPassword);
  await clickAndLoad(page, button(page, '変更する'));
  check(pathOf(page) === '/totp/enroll', `${tag}: a role holder goes on to TOTP enrolment (${pathOf(page)})`);
  step(`${user.login}: /totp/enroll`);
  user.secret = (await page.locator('code.secret').innerText()).trim();
  check(/^[A-Z2-7]{16,}$/.test(user.secret), `${tag}: the enrolment page shows the secret`);
  const qr = await page.locator('img[src^="data:image/svg+xml"]').count();
  check(qr === 1, `${tag}: the enrolment page shows the QR code`);
  await label(page, '認証アプリに表示された 6 桁の確認コード').fill(await freshCode(user));
  await clickAndLoad(page, button(page, '登録する'));
  step(`${user.login}: recovery codes`);
  const codes = await page.locator('ol.recovery li code').allInnerTexts();
  check(codes.length === 10 && codes.every((c) => /^[a-z0-9]{5}-[a-z0-9]{5}$/.test(c)),
    `${tag}: ten recovery codes are shown after enrolment`, codes.join(' '));
  await clickAndLoad(page, page.getByRole('link', { name: '保管したので次へ進む' }));
  check(pathOf(page) === '/', `${tag}: then the front page (${pathOf(page)})`);
}

// Sign-in of an enrolled user with a fresh TOTP code; ends on the front page.
async function signIn(page, user, tag) {
  await fillLogin(page, user, user.newPassword);
  check(pathOf(page) === '/login/code', `${tag}: the password leads to the code page (${pathOf(page)})`);
  step(`${user.login}: /login/code`);
  await label(page, '確認コード').fill(await freshCode(user));
  await clickAndLoad(page, button(page, '確認'));
  check(pathOf(page) === '/', `${tag}: a fresh TOTP code signs in to the front page (${pathOf(page)})`);
}

async function signOut(page, tag) {
  step('sign out');
  await clickAndLoad(page, button(page, 'ログアウト'));
  check(pathOf(page) === '/login', `${tag}: ログアウト goes back to /login (${pathOf(page)})`);
  await open(page, '/');
  check(pathOf(page) === '/login', `${tag}: after signing out / sends to /login`);
}

async function signInFlow(ismPage, tkPage) {
  await flow('sign-in', async () => {
    step('the sign-in page');
    await open(ismPage, '/login');
    check((await ismPage.locator('html').getAttribute('lang')) === 'ja', 'sign-in page: lang="ja"');
    check((await ismPage.content()).includes('利用の状況は記録され、監視されています'), 'sign-in page: the banner');
    await shot(ismPage, 'signin');
    await firstSignIn(ismPage, users.ism, '課長');
    await shot(ismPage, 'home');
    await signOut(ismPage, '課長');
    await signIn(ismPage, users.ism, '課長');
    const who = (await ismPage.locator('header .who').innerText()).trim();
    check(who.endsWith('さん'), `課長: the header names the user (${who})`);
  });
  await flow('sign-in (統括)', async () => {
    await firstSignIn(tkPage, users.tk, '統括');
  });
}

// ---- main ----------------------------------------------------------------------------------

const flows = [];
export function addFlow(fn) { flows.push(fn); }

async function main() {
  fs.mkdirSync(env.MB_SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: env.MB_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  ok(`chromium ${browser.version()} starts headless`);
  const newPage = async (opts = {}) => {
    const ctx = await browser.newContext({
      viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo',
      acceptDownloads: true, ...opts,
    });
    ctx.setDefaultTimeout(TIMEOUT);
    const page = await ctx.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.problems = problems;
    return page;
  };
  const ismPage = await newPage();
  const tkPage = await newPage();
  await signInFlow(ismPage, tkPage);
  for (const f of flows) await f({ browser, newPage, ismPage, tkPage });
  for (const [who, page] of [['課長', ismPage], ['統括', tkPage]]) {
    const csp = page.problems.filter((p) => /Content Security Policy|Refused/.test(p));
    check(csp.length === 0, `${who}: no CSP violation or script error in the console`, csp.slice(0, 3).join('\n'));
  }
  check(shotCount > 0, `${shotCount} screenshots (${shotNames.join(', ')}) saved in ${env.MB_SHOTS}`);
  await browser.close();
}

main().then(
  () => process.exit(0),
  (e) => { notOk('browser run', e && e.stack ? e.stack : e); process.exit(1); },
);
