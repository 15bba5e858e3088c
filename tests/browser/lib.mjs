// lib.mjs — helpers shared by the browser scripts (run.mjs, incidents.mjs, requests.mjs,
// assessment.mjs). They read MB_BASE (the server's address) and MB_CHROMIUM (the browser) from
// the environment, as set by tests/integration/test_browser*.sh.
import crypto from 'node:crypto';
import { chromium } from 'playwright-core';

export const env = process.env;
export const BASE = env.MB_BASE;

// ---- result lines (counted by tests/run.sh) ------------------------------------------------

export const ok = (desc) => console.log(`ok - ${desc}`);
// notOk DESC [DETAIL] : a failure, with up to six lines of DETAIL as comments
export function notOk(desc, detail) {
  console.log(`not ok - ${desc}`);
  if (detail) for (const line of String(detail).split('\n').slice(0, 6)) console.log(`#   ${line}`);
}
// check COND DESC [DETAIL] : ok when COND holds, else not ok with DETAIL; returns COND
export function check(cond, desc, detail) {
  if (cond) ok(desc);
  else notOk(desc, detail);
  return cond;
}

// ---- TOTP (RFC 6238: SHA-1, 30 s, 6 digits) --------------------------------------------------

// base32 TEXT : the bytes of an RFC 4648 base32 string (padding optional); throws on a
// character outside the alphabet
export function base32(text) {
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
// nowStep : the current 30-second time step
export const nowStep = () => Math.floor(Date.now() / 30000);
// totp SECRET [STEP] : the 6-digit code of a base32 SECRET for a time step (default: now)
export function totp(secret, counter = nowStep()) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = crypto.createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// ---- pages -----------------------------------------------------------------------------------

export const url = (p) => BASE + p;
export const pathOf = (page) => new URL(page.url()).pathname;
// clickAndLoad PAGE TARGET : clicks TARGET and waits until the page it leads to has loaded
export async function clickAndLoad(page, target) {
  await Promise.all([
    page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame() }),
    target.click(),
  ]);
  await page.waitForLoadState('load');
}
// open PAGE PATH : loads BASE+PATH; returns the HTTP status (0 when there was no response)
export async function open(page, p) {
  const resp = await page.goto(url(p), { waitUntil: 'load' });
  return resp ? resp.status() : 0;
}
// the form field with exactly this label, the button with exactly this name
export const label = (page, text) => page.getByLabel(text, { exact: true });
export const button = (page, text) => page.getByRole('button', { name: text, exact: true });
export const mainText = async (page) => page.locator('main').innerText();
// alertText PAGE : the text of the first role="alert" element ('' when none)
export async function alertText(page) {
  const a = page.locator('[role="alert"]');
  return (await a.count()) ? (await a.first().innerText()).trim() : '';
}

// ---- browser ---------------------------------------------------------------------------------

// launchChromium : Debian's Chromium (MB_CHROMIUM, default /usr/bin/chromium), headless
export function launchChromium() {
  return chromium.launch({
    executablePath: env.MB_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}
// newPage BROWSER TIMEOUT : a page in a new context (1366×768, ja-JP, Asia/Tokyo) whose console
// errors (and, with pageErrors, uncaught page errors) are collected in page.problems
export async function newPage(browser, timeout, { pageErrors = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  ctx.setDefaultTimeout(timeout);
  const page = await ctx.newPage();
  page.problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(msg.text()); });
  if (pageErrors) page.on('pageerror', (e) => page.problems.push(String(e)));
  return page;
}
