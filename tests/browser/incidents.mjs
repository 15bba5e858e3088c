// incidents.mjs — インシデント in Debian's Chromium (headless, playwright-core): a member of staff
// files a report, a CSIRT member (TOTP enrolled at first sign-in) finds it among what awaits
// them, is refused containment before evidence, triages it and records the evidence, and the
// member of staff sees the state change. Started by tests/integration/test_browser_incidents.sh
// (MB_* variables). Prints `ok - …` / `not ok - …`; screenshots at 1366×768 go to
// $MB_SHOTS/incident-*.png. No fixed sleeps: every step waits for its navigation or element.
import fs from 'node:fs';
import path from 'node:path';
import {
  env, BASE, ok, notOk, check, totp, url, pathOf, clickAndLoad, open, label,
  button as anyButton, mainText, alertText, launchChromium, newPage as contextPage,
} from './lib.mjs';

const TIMEOUT = 15000;

let stepName = '';
const step = (s) => { stepName = s; };
// the first button with exactly this name
const button = (page, text) => anyButton(page, text).first();

const shots = [];
async function shot(page, name) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: path.join(env.MB_SHOTS, `incident-${name}.png`), fullPage: true });
  shots.push(name);
}

// The sign-in POST: when Chromium's `Origin: null` is refused (run.mjs reports that itself),
// the same form is posted from the context's request API with the site's Origin.
async function fillLogin(page, login, password) {
  await open(page, '/login');
  await label(page, 'ログイン名').fill(login);
  await label(page, 'パスワード').fill(password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
  await clickAndLoad(page, button(page, 'ログイン'));
  if ((await posted).status() === 403) {
    const resp = await page.context().request.post(url('/login'), {
      maxRedirects: 0, form: { login, password }, headers: { Origin: BASE } });
    await open(page, resp.headers().location || '/');
  }
}

// First sign-in: the forced password change, and TOTP enrolment for a role holder.
async function firstSignIn(page, user, tag) {
  step(`${tag}: sign in`);
  await fillLogin(page, user.login, user.password);
  await label(page, '現在のパスワード').fill(user.password);
  await label(page, '新しいパスワード').fill(user.newPassword);
  await label(page, '新しいパスワード（確認）').fill(user.newPassword);
  await clickAndLoad(page, button(page, '変更する'));
  if (pathOf(page) === '/totp/enroll') {
    step(`${tag}: TOTP enrolment`);
    const secret = (await page.locator('code.secret').innerText()).trim();
    await label(page, '認証アプリに表示された 6 桁の確認コード').fill(totp(secret));
    await clickAndLoad(page, button(page, '登録する'));
    await clickAndLoad(page, page.getByRole('link', { name: '保管したので次へ進む' }));
  }
  check(pathOf(page) === '/', `${tag}: signed in (${pathOf(page)})`);
}

// ---- the flow --------------------------------------------------------------------------------

async function run(staff, csirt) {
  let id = '';
  step('staff: the list');
  await open(staff, '/incidents');
  check((await staff.locator('nav.menu a[aria-current="page"]').innerText()).trim() === 'インシデント',
    'staff: the menu marks インシデント');
  await clickAndLoad(staff, staff.getByRole('link', { name: 'インシデントを報告する' }));
  check(pathOf(staff) === '/incidents/new', 'staff: the report form opens');
  step('staff: the form');
  await label(staff, '件名（必須）').fill('窓口端末に不審な画面が表示された');
  await label(staff, '何が起きたか（必須）').fill('窓口の端末で「ウイルスに感染しました」という画面が出て、電話番号が表示された。');
  await label(staff, 'いつ（分かれば）').fill('2026-11-20T09:30');
  await shot(staff, 'report-form');
  await clickAndLoad(staff, button(staff, '報告する'));
  const m = pathOf(staff).match(/^\/incidents\/(INC-[0-9]{4}-[0-9]{4})$/);
  check(m !== null, `staff: the report is filed (${pathOf(staff)})`, await alertText(staff));
  id = m ? m[1] : '';
  const filed = await mainText(staff);
  check(filed.includes('報告を受け付けました'), 'staff: the page confirms the report');
  check(filed.includes('情報セキュリティ管理者（報告者の課室）') && filed.includes('情報セキュリティに関する統一的な窓口（CSIRT）'),
    'staff: stage 1 goes to the ism and the CSIRT');
  check(/令和[0-9元]+年/.test(filed), 'staff: times in 和暦');
  check(filed.includes('報告受付'), 'staff: the state is 報告受付');
  await shot(staff, 'filed');

  step('csirt: what awaits');
  await open(csirt, '/incidents');
  const aw = csirt.locator('section.inc-awaiting');
  check((await aw.count()) === 1 && (await aw.innerText()).includes(id), 'csirt: the report awaits the CSIRT member');
  await shot(csirt, 'list');
  await clickAndLoad(csirt, aw.getByRole('link').filter({ hasText: id }).first());
  check(pathOf(csirt) === `/incidents/${id}`, 'csirt: the incident opens from the list');

  step('csirt: acknowledge');
  await clickAndLoad(csirt, button(csirt, '受領する'));
  check((await mainText(csirt)).includes('受領を記録しました'), 'csirt: the hand-over is acknowledged');

  step('csirt: containment before evidence');
  await label(csirt, '対応の種類').selectOption('containment');
  await label(csirt, '内容').fill('端末を LAN から外した');
  await clickAndLoad(csirt, button(csirt, '対応を記録する'));
  const refusal = await alertText(csirt);
  check(refusal.includes('証拠保全'), `csirt: containment before evidence is refused (${refusal})`);
  await shot(csirt, 'refused');

  step('csirt: triage');
  await label(csirt, 'インシデントか').selectOption('incident');
  await label(csirt, '重大度').selectOption('medium');
  await label(csirt, '個人情報').check();
  await label(csirt, '本人の数').fill('0');
  await label(csirt, '所見').fill('サポート詐欺の画面。情報の持ち出しは確認されていない。');
  await clickAndLoad(csirt, button(csirt, '評価を記録する'));
  const triaged = await mainText(csirt);
  check(triaged.includes('評価を記録しました'), 'csirt: the triage is recorded');
  check(triaged.includes('総務省への報告'), 'csirt: the outward duties appear with due dates');

  step('csirt: evidence');
  await label(csirt, '対応の種類').selectOption('evidence');
  await label(csirt, '内容').fill('画面を写真で記録し、端末のログを保存した');
  await clickAndLoad(csirt, button(csirt, '対応を記録する'));
  check((await mainText(csirt)).includes('対応を記録しました'), 'csirt: the evidence is recorded');
  await shot(csirt, 'triaged');

  step('staff: the state change');
  await open(staff, `/incidents/${id}`);
  const seen = await mainText(staff);
  check(seen.includes('対応中') && seen.includes('情報セキュリティインシデント'),
    'staff: the member of staff sees 対応中 and the judgement');
  check((await staff.locator('form[action$="/triage"]').count()) === 0, 'staff: no triage form for the member of staff');
  await shot(staff, 'staff-view');
  await staff.setViewportSize({ width: 768, height: 1024 });
  const wide = await staff.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 768, `staff: the incident page fits a tablet (768 px wide; page ${wide} px)`);
  await staff.setViewportSize({ width: 1366, height: 768 });

  step('csirt: 緊急連絡網');
  await open(csirt, '/contacts');
  check((await mainText(csirt)).includes('不備'), 'csirt: the 緊急連絡網 shows its gaps');
  await shot(csirt, 'contacts');
  step('staff: 緊急連絡網');
  check((await open(staff, '/contacts')) === 403, 'staff: the 緊急連絡網 is for role holders (403)');
}

async function main() {
  fs.mkdirSync(env.MB_SHOTS, { recursive: true });
  const browser = await launchChromium();
  ok(`chromium ${browser.version()} starts headless`);
  const newPage = () => contextPage(browser, TIMEOUT, { pageErrors: true });
  const staff = await newPage(), csirt = await newPage();
  try {
    await firstSignIn(staff, { login: env.MB_STAFF_LOGIN, password: env.MB_STAFF_PASSWORD, newPassword: 'Staff-incident-2026!' }, 'staff');
    await firstSignIn(csirt, { login: env.MB_CSIRT_LOGIN, password: env.MB_CSIRT_PASSWORD, newPassword: 'Csirt-incident-2026!' }, 'csirt');
    await run(staff, csirt);
  } catch (e) {
    notOk(`incidents: stopped at「${stepName}」`, e && e.message ? e.message : e);
  }
  for (const [who, page] of [['staff', staff], ['csirt', csirt]]) {
    const csp = page.problems.filter((p) => /Content Security Policy|Refused/.test(p));
    check(csp.length === 0, `${who}: no CSP violation in the console`, csp.slice(0, 3).join('\n'));
  }
  check(shots.length >= 6, `${shots.length} screenshots (incident-${shots.join(', incident-')}) in ${env.MB_SHOTS}`);
  await browser.close();
}

main().then(
  () => process.exit(0),
  (e) => { notOk('browser run', e && e.stack ? e.stack : e); process.exit(1); },
);
