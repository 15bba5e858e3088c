// requests.mjs — 申請・承認 in Debian's Chromium (headless, playwright-core), the issue's "done
// means": a staff member of a 課 files a 持ち出し request (情報資産の持ち出し), the 課長 (its
// 情報セキュリティ管理者, TOTP enrolment at first sign-in) finds it under 決裁待ち and approves it with
// a comment, the staff member sees it 許可 with the 課長's name and the time in 和暦, and a second
// staff member of the same 課 gets 403 on its address and does not see it in their lists.
// Started by tests/integration/test_browser_requests.sh (MB_* variables). Prints `ok - …` /
// `not ok - …` lines; saves requests-form.png, requests-list.png, requests-decide.png and
// requests-page.png (full page at 1366×768) in $MB_SHOTS. Pages are driven the way a person would: labels, links, buttons.
import fs from 'node:fs';
import path from 'node:path';
import {
  env, BASE, ok, notOk, check, totp, url, pathOf, label, button, clickAndLoad, open,
  launchChromium, newPage as contextPage,
} from './lib.mjs';

const TIMEOUT = 15000;

let stepName = '';
const step = (s) => { stepName = s; };

async function shot(page, name) {
  await page.setViewportSize({ width: 1366, height: 768 });
  const file = path.join(env.MB_SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(fs.existsSync(file) && wide <= 1366, `screenshot ${name}.png at 1366×768 (page ${wide} px wide)`);
}
// An ISO date `days` from today in Japan.
function jstDate(days) {
  return new Date(Date.now() + 9 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
}

// First sign-in: the initial password, the forced change, TOTP enrolment for a role holder;
// ends on the front page. A form POST refused for its Origin (Chromium may send Origin: null)
// is posted again from the context with the site's Origin, as tests/browser/run.mjs does.
async function firstSignIn(page, user, tag) {
  step(`${tag}: /login`);
  await open(page, '/login');
  await label(page, 'ログイン名').fill(user.login);
  await label(page, 'パスワード').fill(user.password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await clickAndLoad(page, button(page, 'ログイン'));
  if ((await posted).status() === 403) {
    const resp = await page.context().request.post(url('/login'), {
      maxRedirects: 0, form: { login: user.login, password: user.password }, headers: { Origin: BASE } });
    await open(page, resp.headers().location || '/');
  }
  step(`${tag}: /password`);
  check(pathOf(page) === '/password', `${tag}: the initial password leads to the forced change`);
  await label(page, '現在のパスワード').fill(user.password);
  await label(page, '新しいパスワード').fill(user.newPassword);
  await label(page, '新しいパスワード（確認）').fill(user.newPassword);
  await clickAndLoad(page, button(page, '変更する'));
  if (pathOf(page) === '/totp/enroll') {
    step(`${tag}: /totp/enroll`);
    const secret = (await page.locator('code.secret').innerText()).trim();
    await label(page, '認証アプリに表示された 6 桁の確認コード').fill(totp(secret));
    await clickAndLoad(page, button(page, '登録する'));
    await clickAndLoad(page, page.getByRole('link', { name: '保管したので次へ進む' }));
    ok(`${tag}: TOTP enrolled at first sign-in`);
  }
  check(pathOf(page) === '/', `${tag}: signed in to the front page (${pathOf(page)})`);
}

// ---- the flow --------------------------------------------------------------------------------

const users = {
  staff: { login: env.MB_STAFF_LOGIN, password: env.MB_STAFF_PASSWORD, newPassword: 'Staff-browser-2026!' },
  ism: { login: env.MB_ISM_LOGIN, password: env.MB_ISM_PASSWORD, newPassword: 'Kacho-browser-2026!' },
  other: { login: env.MB_OTHER_LOGIN, password: env.MB_OTHER_PASSWORD, newPassword: 'Other-browser-2026!' },
};
const TITLE = '地区説明会でのノートPC持ち出し';
const COMMENT = '返却したら報告してください';

async function fileRequest(page) {
  await firstSignIn(page, users.staff, '職員');
  step('職員: 申請・承認 from the menu');
  await clickAndLoad(page, page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '申請・承認' }));
  check(pathOf(page) === '/requests', '職員: the menu leads to /requests');
  await clickAndLoad(page, page.getByRole('link', { name: '新しい申請' }));
  step('職員: choose 情報資産の持ち出し');
  await clickAndLoad(page, page.getByRole('link', { name: '情報資産の持ち出し', exact: true }));
  check(pathOf(page) === '/requests/new/takeout', '職員: the 持ち出し form opens');
  step('職員: fill the form');
  await label(page, '件名（省略すると「情報資産の持ち出し（申請者名）」）').fill(TITLE);
  await label(page, '持出物（必須）').fill('ノートパソコン（貸出用 No.5）');
  await label(page, '個数（必須）').fill('1');
  await label(page, '扱う情報の機密性（必須）').selectOption('2');
  await label(page, '用途（必須）').fill('地区説明会での資料投影');
  await label(page, '持出の場所（必須）').fill('北公民館');
  await label(page, '持出日（必須）').fill(jstDate(1));
  await label(page, '返却日（必須）').fill(jstDate(3));
  await clickAndLoad(page, button(page, '経路を確認する'));
  const route = await page.locator('table.rq-route').innerText();
  check(route.includes(env.MB_ISM_NAME), `職員: the previewed route names the 課長 (${env.MB_ISM_NAME})`, route);
  await shot(page, 'requests-form');
  step('職員: 申請する');
  await clickAndLoad(page, button(page, '申請する'));
  const m = pathOf(page).match(/^\/requests\/(\d+)$/);
  check(m !== null, `職員: filing leads to the request page (${pathOf(page)})`);
  const state = await page.locator('.rq-status').innerText();
  check(state.includes('審査中'), `職員: the new request is 審査中 (${state})`);
  return m ? m[1] : '0';
}

async function approve(page, id) {
  await firstSignIn(page, users.ism, '課長');
  step('課長: 決裁待ち');
  await open(page, '/requests');
  await clickAndLoad(page, page.getByRole('link', { name: '決裁待ち', exact: true }));
  const link = page.locator(`table.rq-list a[href="/requests/${id}"]`);
  check(await link.count() === 1, '課長: the request is listed under 決裁待ち');
  check((await page.locator('nav.rq-tabs [aria-current="page"]').innerText()).includes('決裁待ち'),
    '課長: 決裁待ち is marked as the current tab');
  await shot(page, 'requests-list');
  step('課長: open and decide');
  await clickAndLoad(page, link);
  await page.getByRole('radio', { name: '許可', exact: true }).check();
  await page.getByLabel(/^コメント/).fill(COMMENT);
  await shot(page, 'requests-decide');
  await clickAndLoad(page, button(page, '決定する'));
  const done = await page.locator('[role="status"]').innerText();
  check(done.includes('決定を記録しました'), `課長: the decision is recorded (${done})`);
}

async function seeApproved(page, id) {
  step('職員: the decided request');
  await open(page, `/requests/${id}`);
  const state = await page.locator('.rq-status').innerText();
  check(state.includes('許可'), `職員: the request is 許可 (${state})`);
  const row = page.locator('table.rq-route tbody tr').first();
  const cells = await row.locator('td').allInnerTexts();
  check(cells.includes(env.MB_ISM_NAME), `職員: the route names the 課長 (${cells.join(' | ')})`);
  check(cells.includes('許可') && cells.includes(COMMENT), '職員: with the decision and the comment');
  check(cells.some((c) => /^令和[0-9元]+年[0-9]+月[0-9]+日 [0-9]{2}:[0-9]{2}$/.test(c)), '職員: and the time in 和暦');
  await shot(page, 'requests-page');
  await page.setViewportSize({ width: 768, height: 1024 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 768, `職員: the request page fits a tablet (768 px; page ${wide} px)`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

async function otherStaff(page, id) {
  await firstSignIn(page, users.other, '別の職員');
  step('別の職員: the address of the request');
  const status = await open(page, `/requests/${id}`);
  check(status === 403, `別の職員: the request's page is 403 (${status})`);
  check(!(await page.content()).includes(TITLE), '別の職員: the 403 page does not show the request');
  check(await open(page, `/requests/${id}/print`) === 403, '別の職員: the PDF is 403');
  for (const tab of ['自分の申請', '決裁待ち', '決裁済み']) {
    step(`別の職員: ${tab}`);
    await open(page, '/requests');
    await clickAndLoad(page, page.getByRole('link', { name: tab, exact: true }));
    check(await page.locator(`a[href="/requests/${id}"]`).count() === 0, `別の職員: not listed under ${tab}`);
  }
}

async function main() {
  fs.mkdirSync(env.MB_SHOTS, { recursive: true });
  const browser = await launchChromium();
  const pages = [];
  const newPage = async () => {
    const page = await contextPage(browser, TIMEOUT);
    pages.push(page);
    return page;
  };
  try {
    const staff = await newPage();
    const id = await fileRequest(staff);
    await approve(await newPage(), id);
    await seeApproved(staff, id);
    await otherStaff(await newPage(), id);
  } catch (e) {
    notOk(`requests flow: stopped at「${stepName}」`, e && e.message ? e.message : e);
  }
  const csp = pages.flatMap((p) => p.problems).filter((p) => /Content Security Policy|Refused/.test(p));
  check(csp.length === 0, 'no CSP violation in the console', csp.slice(0, 3).join('\n'));
  await browser.close();
}

main().then(() => process.exit(0), (e) => { notOk('browser run', e && e.stack ? e.stack : e); process.exit(1); });
