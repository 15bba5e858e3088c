// run.mjs — mamori's pages in Debian's Chromium (headless, through playwright-core; no browser is
// downloaded). Started by tests/integration/test_browser.sh, which prepares the database, the
// users and the server and passes them in MB_* variables. Prints one `ok - …` / `not ok - …`
// line per check; a flow that throws reports the step it stopped at and the next flow runs.
// Full-page screenshots go to $MB_SHOTS as NAME-desktop.png (1366×768) and NAME-tablet.png
// (768×1024). No fixed sleeps: every step waits for its navigation or element.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  env, BASE, ok, notOk, check, totp, nowStep, url, pathOf, clickAndLoad, open, alertText,
  label, button, launchChromium,
} from './lib.mjs';

const TIMEOUT = 15000;
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
];

// ---- reporting -----------------------------------------------------------------------------

// flow NAME FN : runs one flow; an exception is one failure naming the flow and the step
let stepName = '';
async function flow(name, fn) {
  stepName = '(start)';
  const t0 = Date.now();
  try {
    await fn();
  } catch (e) {
    notOk(`${name}: stopped at「${stepName}」`, e && e.message ? e.message : e);
  }
  console.log(`# ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
const step = (s) => { stepName = s; };

// ---- TOTP (RFC 6238: SHA-1, 30 s steps, 6 digits; totp and nowStep from lib.mjs) ------------

// A code the server has not seen: a step after the last one used, now or the next (the server
// accepts ±1; a code from the step before could age out on the way). Waits for the clock when
// both were already used.
async function freshCode(user) {
  for (;;) {
    const now = nowStep();
    const s = Math.max(user.lastStep + 1, now);
    if (s <= now + 1) {
      user.lastStep = s;
      return totp(user.secret, s);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// ---- page helpers --------------------------------------------------------------------------

async function h1(page) {
  return (await page.locator('main h1, body h1').first().innerText()).trim();
}
// A POST from the page's browser context (its cookies), not following redirects. A kept-alive
// connection the server has closed fails once: then it is tried again on a new one.
async function contextPost(page, p, opts) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.context().request.post(url(p), { maxRedirects: 0, ...opts });
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

let shotCount = 0;
const shotNames = [];
const overflowing = []; // pages wider than the window: the whole page scrolls sideways
// Full-page screenshots of the current page at each viewport; back to the desktop size after.
async function shot(page, name) {
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.screenshot({ path: path.join(env.MB_SHOTS, `${name}-${vp.name}.png`), fullPage: true });
    shotCount++;
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > vp.width) overflowing.push(`${name}-${vp.name}.png (${wide} px)`);
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
    const resp = await contextPost(page, '/login', { form: { login: user.login, password }, headers: { Origin: BASE } });
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
    const main = await ismPage.locator('main').innerText();
    check(/前回のログイン: 令和[0-9元]+年[0-9]+月[0-9]+日/.test(main), '課長: the front page shows the previous sign-in in 和暦',
      main.split('\n').slice(0, 3).join(' / '));
  });
  await flow('sign-in (統括)', async () => {
    await firstSignIn(tkPage, users.tk, '統括');
  });
}

// ---- the registers as the 課長 ---------------------------------------------------------------

const totalOf = async (page) => Number((await page.locator('#total').innerText()).trim());

async function registersFlow(page) {
  await flow('registers (課長)', async () => {
    step('/r/asset');
    check(await open(page, '/r/asset') === 200, '課長: the asset list opens');
    const total = await totalOf(page);
    check(total === Number(env.MB_ISM_ASSETS),
      `課長: the asset list counts only the 課's assets and those they manage (${total}, want ${env.MB_ISM_ASSETS})`);
    const ids = await page.locator('table.list tbody th[scope="row"] a').allInnerTexts();
    check(ids.length > 0 && !ids.includes(env.MB_OTHER_ASSET),
      `課長: ${ids.length} rows shown, none of another 課 (${env.MB_OTHER_ASSET})`);
    check(await page.locator('nav.menu a[aria-current="page"]').innerText() === '台帳', '課長: the menu marks 台帳 as current');
    check((await page.locator('table.list caption').innerText()).trim() === '情報資産台帳' &&
      await page.locator('table.list thead th[scope="col"]').count() > 3, '課長: the list table has a caption and column headers');
    await page.keyboard.press('Tab');
    check(await page.evaluate(() => document.activeElement && document.activeElement.textContent) === '本文へ移動',
      '課長: the first Tab reaches the skip link 本文へ移動');
    await shot(page, 'asset-list');

    step('open an asset');
    const first = page.locator('table.list tbody th[scope="row"] a').first();
    const id = (await first.innerText()).trim();
    await clickAndLoad(page, first);
    check(pathOf(page) === `/r/asset/${encodeURIComponent(id)}`, `課長: the row's link opens the asset's page (${pathOf(page)})`);
    check((await h1(page)).startsWith('情報資産台帳'), `課長: the asset page's heading (${await h1(page)})`);
    await shot(page, 'asset-detail');

    step('edit the asset');
    await clickAndLoad(page, page.getByRole('link', { name: '編集', exact: true }));
    check(pathOf(page).endsWith('/edit'), `課長: 編集 opens the edit form (${pathOf(page)})`);
    const place = `ブラウザ試験の書庫 ${Date.now() % 100000}`;
    await label(page, '保管場所').fill(place);
    await clickAndLoad(page, button(page, '保存する'));
    const notice = page.locator('p.ok[role="status"]');
    check(await notice.count() === 1 && (await notice.innerText()).includes('保存しました'),
      `課長: saving shows the success notice (${pathOf(page)})`);
    const dd = page.locator('dl.detail dt', { hasText: /^保管場所$/ }).locator('xpath=following-sibling::dd[1]');
    check((await dd.innerText()).trim() === place, '課長: the page shows the new 保管場所');
    const hist = page.locator('table.history tbody tr', { hasText: place });
    const histText = (await hist.count()) ? await hist.first().innerText() : '';
    check(histText.includes('変更') && histText.includes(`user:${users.ism.login}`),
      '課長: the change history lists the change, its new value and who made it',
      histText || await page.locator('table.history').innerText().catch(() => 'no history table'));

    step('a validation error');
    await open(page, `/r/asset/${encodeURIComponent(id)}/edit`);
    await label(page, '名称（必須）').fill('');
    await clickAndLoad(page, button(page, '保存する'));
    check(await page.locator('.errors[role="alert"]').count() === 1, '課長: an empty 名称 gives the error summary');
    const fieldError = page.locator('#e_name');
    check(await fieldError.count() === 1 && (await fieldError.innerText()).trim().length > 0,
      `課長: the 名称 field shows its message (${(await fieldError.count()) ? await fieldError.innerText() : 'none'})`);
    const input = page.locator('#c_name');
    check(await input.getAttribute('aria-invalid') === 'true' && await input.getAttribute('aria-describedby') === 'e_name',
      '課長: the field is marked aria-invalid and described by its message', await input.evaluate((e) => e.outerHTML));
    await shot(page, 'asset-edit-error');

    step("another 課's asset");
    const status = await open(page, `/r/asset/${encodeURIComponent(env.MB_OTHER_ASSET)}/edit`);
    check(status === 403, `課長: another 課's asset's edit page is 403 (${status})`);
    check((await h1(page)) === '権限がありません', `課長: the 403 page is in Japanese (${await h1(page)})`);
    await shot(page, 'forbidden');

    step('/checks without the right to run');
    await open(page, '/checks');
    check(await button(page, '今すぐ点検する').count() === 0, '課長: /checks offers no 今すぐ点検する (read only)');
    const csrf = await page.locator('form.logout input[name="csrf"]').getAttribute('value');
    const post = await contextPost(page, '/checks', { form: { csrf } });
    check(post.status() === 403, `課長: POST /checks with a valid CSRF token is still 403 (${post.status()})`);
  });
}

// ---- checks, dashboard, findings and the catalog as the 統括 -------------------------------------

async function checksFlow(page) {
  await flow('checks (統括)', async () => {
    step('/checks');
    check(await open(page, '/checks') === 200, '統括: /checks opens');
    const before = await page.locator('table.runs tbody tr').count();
    step('今すぐ点検する');
    await clickAndLoad(page, button(page, '今すぐ点検する'));
    const m = pathOf(page).match(/^\/checks\/(\d+)$/);
    check(m !== null, `統括: 今すぐ点検する lands on the run's page (${pathOf(page)})`);
    check((await h1(page)) === `点検 第 ${m ? m[1] : '?'} 回`, `統括: the run page's heading (${await h1(page)})`);
    const n = Number((await page.locator('#run-findings').innerText()).trim());
    check(n > 0, `統括: the run page shows the findings count (${n}; the demo has deliberate gaps)`);
    check(await page.locator('table.findings tbody tr').count() > 0, '統括: the run page lists its findings');
    await shot(page, 'check-run');
    await open(page, '/checks');
    check(await page.locator('table.runs tbody tr').count() === before + 1, '統括: /checks lists the new run');
  });
  await flow('dashboard (統括)', async () => {
    step('/dashboard');
    check(await open(page, '/dashboard') === 200, '統括: /dashboard opens');
    const charts = page.locator('figure.chart svg');
    const n = await charts.count();
    check(n >= 3, `統括: the dashboard draws its charts as SVG (${n})`);
    const named = await charts.evaluateAll((svgs) => svgs.filter((s) =>
      s.getAttribute('aria-label') || s.getAttribute('aria-labelledby') || s.querySelector('title')).length);
    check(named === n, `統括: every chart has an accessible name (${named}/${n})`);
    const box = await charts.first().boundingBox();
    check(box && box.width > 100 && box.height > 50, `統括: the first chart is drawn at a readable size (${box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'none'})`);
    await shot(page, 'dashboard');
  });
  await flow('findings (統括)', async () => {
    step('/findings');
    check(await open(page, '/findings') === 200, '統括: /findings opens');
    const rows = page.locator('table.findings tbody tr');
    check(await rows.count() > 0, `統括: the findings list has rows (${await rows.count()})`);
    await shot(page, 'findings');
    step('a finding');
    const link = rows.first().locator('td').nth(1).locator('a');
    const rule = (await link.innerText()).trim();
    await clickAndLoad(page, link);
    check(pathOf(page).startsWith('/findings/') && decodeURIComponent(pathOf(page)).includes(`${rule}|`),
      `統括: the row opens the finding's page (${decodeURIComponent(pathOf(page))})`);
    const facts = await page.locator('dl.facts').innerText();
    check(facts.includes(rule) && facts.includes('重大度'), "統括: the finding's page names the rule and its severity");
    await shot(page, 'finding-detail');
  });
  await flow('catalog (統括)', async () => {
    step('/catalog');
    const status = await open(page, '/catalog');
    check(status === 200, `統括: /catalog opens (${status})`);
    await shot(page, 'catalog');
    const clause = page.locator('main a[href^="/catalog/"]').first();
    if (await clause.count()) {
      await clickAndLoad(page, clause);
      check(pathOf(page).startsWith('/catalog/') && (await h1(page)).length > 0, `統括: a clause's page opens (${decodeURIComponent(pathOf(page))})`);
      await shot(page, 'catalog-clause');
    } else {
      notOk('統括: /catalog links to its clauses');
    }
  });
}

// ---- downloads from a filtered list (統括) -----------------------------------------------------

// Records of a CSV text (a newline inside quotes does not end a record).
function csvRecords(text) {
  let n = 0, quoted = false, any = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    if (ch === '\n' && !quoted) { n++; any = false; } else if (ch !== '\r') any = true;
  }
  return n + (any ? 1 : 0);
}

// One member of a zip file, read through its central directory (stored or deflated); null when
// the file has no such member.
function zipMember(buf, name) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return null;
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = buf.readUInt16LE(eocd + 10); i > 0; i--) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const n = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + n) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    }
    p += 46 + n + extra + comment;
  }
  return null;
}

async function download(page, linkName) {
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName, exact: true }).click(),
  ]);
  const file = path.join(env.MB_WORK, `dl-${dl.suggestedFilename() || linkName}`);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), data: fs.readFileSync(file) };
}

async function downloadsFlow(page) {
  await flow('downloads (統括)', async () => {
    step('filter the asset list');
    await open(page, '/r/asset');
    await label(page, '機密性').selectOption(env.MB_CLASS);
    await clickAndLoad(page, button(page, '絞り込む'));
    const total = await totalOf(page);
    check(new URL(page.url()).searchParams.get('f_confidentiality') === env.MB_CLASS && total === Number(env.MB_CLASS_ASSETS),
      `統括: filtering by 機密性 ${env.MB_CLASS} lists ${total} assets (want ${env.MB_CLASS_ASSETS})`);
    const shown = await page.locator('table.list tbody tr').count();
    check(shown < total, `統括: the page shows ${shown} of them, the download all ${total}`);

    step('CSV');
    const csv = await download(page, 'CSV（UTF-8）');
    const text = csv.data.toString('utf8');
    check(/\.csv$/.test(csv.name), `統括: the CSV download has a .csv name (${csv.name})`);
    check(csvRecords(text) === total + 1, `統括: the CSV has a header and ${total} rows (${csvRecords(text) - 1})`);
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l);
    check(lines[0].includes('名称') && lines[0].includes('機密性'), `統括: the CSV's header is Japanese UTF-8 (${lines[0].slice(0, 40)}…)`);
    const wide = env.MB_CLASS.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    check(lines.slice(1).every((l) => l.includes(env.MB_CLASS) || l.includes(wide)), `統括: every CSV row is of 機密性 ${env.MB_CLASS}`);

    step('XLSX');
    const xlsx = await download(page, 'Excel');
    check(/\.xlsx$/.test(xlsx.name), `統括: the Excel download has a .xlsx name (${xlsx.name})`);
    check(xlsx.data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), '統括: the XLSX is a zip file');
    const sheet = zipMember(xlsx.data, 'xl/worksheets/sheet1.xml');
    check(sheet !== null, '統括: the XLSX holds a worksheet');
    const rows = sheet ? (sheet.toString('utf8').match(/<row /g) || []).length : 0;
    check(rows === total + 1, `統括: the worksheet has a header and ${total} rows (${rows - 1})`);
  });
}

// ---- without JavaScript ---------------------------------------------------------------------

async function noScriptFlow(newPage) {
  await flow('without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await signIn(page, users.tk, 'JavaScript 無効');
    step('a list without JavaScript');
    await open(page, '/r/asset');
    const rows = await page.locator('table.list tbody tr').count();
    check(rows > 0, `JavaScript 無効: the asset list shows rows (${rows})`);
    check(await page.locator('script').count() === 0, 'JavaScript 無効: the page carries no script at all');
    await label(page, '機密性').selectOption(env.MB_CLASS);
    await clickAndLoad(page, button(page, '絞り込む'));
    check(await totalOf(page) === Number(env.MB_CLASS_ASSETS), 'JavaScript 無効: the filter form works');
    await page.context().close();
  });
}

// ---- main ----------------------------------------------------------------------------------


async function main() {
  fs.mkdirSync(env.MB_SHOTS, { recursive: true });
  const browser = await launchChromium();
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
  await registersFlow(ismPage);
  await checksFlow(tkPage);
  await downloadsFlow(tkPage);
  await noScriptFlow(newPage);
  for (const [who, page] of [['課長', ismPage], ['統括', tkPage]]) {
    const csp = page.problems.filter((p) => /Content Security Policy|Refused/.test(p));
    check(csp.length === 0, `${who}: no CSP violation or script error in the console`, csp.slice(0, 3).join('\n'));
  }
  check(shotCount > 0, `${shotCount} screenshots (${shotNames.join(', ')}) saved in ${env.MB_SHOTS}`);
  check(overflowing.length === 0, 'no page is wider than the window at 1366×768 or 768×1024', overflowing.join('\n'));
  await browser.close();
}

main().then(
  () => process.exit(0),
  (e) => { notOk('browser run', e && e.stack ? e.stack : e); process.exit(1); },
);
