// assessment.mjs — the self-assessment in Debian's Chromium (headless, playwright-core): a 課長
// who is also the 情報システム管理者 of a system signs in (password change, TOTP enrolment),
// answers every question of the system's assessment with the answer buttons, saves, submits
// with the 改善策; the 統括 (the reviewer) signs in and sees it submitted with the review form.
// Screenshots at 1366×768 go to $MB_SHOTS as pdca-training.png, pdca-assessments.png (the
// campaign with its progress), pdca-assessment.png,
// pdca-audit.png and pdca-reports.png. Started by tests/integration/test_browser_assessment.sh
// (MB_* variables); prints one `ok - …` / `not ok - …` line per check.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { env, BASE, ok, notOk, check, totp, url, pathOf, label, button, clickAndLoad } from './lib.mjs';

async function shot(page, name, fullPage = true) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: path.join(env.MB_SHOTS, `pdca-${name}.png`), fullPage });
}

// First sign-in of a role holder: initial password, the forced change, TOTP enrolment, the
// recovery codes; ends on the front page. The form POST of /login is sent from the context
// with the site's Origin when the browser's own is refused (see run.mjs).
async function firstSignIn(page, user) {
  await page.goto(url('/login'));
  await label(page, 'ログイン名').fill(user.login);
  await label(page, 'パスワード').fill(user.password);
  await clickAndLoad(page, button(page, 'ログイン'));
  if (pathOf(page) === '/login') {
    const r = await page.context().request.post(url('/login'),
      { maxRedirects: 0, form: { login: user.login, password: user.password }, headers: { Origin: BASE } });
    await page.goto(url(r.headers().location || '/'));
  }
  await label(page, '現在のパスワード').fill(user.password);
  await label(page, '新しいパスワード').fill(user.newPassword);
  await label(page, '新しいパスワード（確認）').fill(user.newPassword);
  await clickAndLoad(page, button(page, '変更する'));
  const secret = (await page.locator('code.secret').innerText()).trim();
  await label(page, '認証アプリに表示された 6 桁の確認コード').fill(totp(secret));
  await clickAndLoad(page, button(page, '登録する'));
  await clickAndLoad(page, page.getByRole('link', { name: '保管したので次へ進む' }));
  return check(pathOf(page) === '/', `${user.tag}: signs in with TOTP enrolment (${pathOf(page)})`);
}

async function kachoFlow(page) {
  const id = env.MB_ASSESSMENT;
  await page.goto(url('/assessments'));
  const link = page.locator(`a[href="/assessments/${id}"]`).first();
  check(await link.count() === 1, '課長: the list offers their system\'s assessment');
  await clickAndLoad(page, link);
  check(pathOf(page) === `/assessments/${id}`, `課長: the assessment opens (${pathOf(page)})`);
  const questions = page.locator('fieldset.question');
  const n = await questions.count();
  check(n === Number(env.MB_QUESTIONS), `課長: every question is shown (${n})`);
  const first = questions.first();
  check(/\S/.test(await first.locator('.clause').innerText()), '課長: a question shows its clause');
  check((await first.locator('p.meta').innerText()).includes('自動点検'), '課長: a question shows the automated check');
  for (const l of ['実施', '一部実施', '未実施', '該当なし'])
    check(await first.getByLabel(l, { exact: true }).count() === 1, `課長: answer button ${l}`);
  const radios = page.locator('fieldset.question input[type="radio"][value="done"]:not([disabled])');
  const m = await radios.count();
  for (let i = 0; i < m; i++) await radios.nth(i).check();
  await first.getByLabel('一部実施', { exact: true }).check();
  await first.getByLabel('コメント').fill('手順書を改訂中');
  check(m === n, `課長: every question can be answered (${m})`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'assessment', false);
  await clickAndLoad(page, button(page, '回答を保存する'));
  check((await page.locator('[role="status"]').innerText()).includes('回答を保存しました'), '課長: the answers are saved');
  const checked = await page.locator('fieldset.question input[type="radio"]:checked').count();
  check(checked === n, `課長: every answer is kept after saving (${checked})`);
  await label(page, '改善策（9.2(2)）').fill('手順書の改訂を年度内に終える');
  await clickAndLoad(page, button(page, '提出する'));
  const status = await page.locator('dd.status').innerText();
  check(status.includes('提出済み'), `課長: the assessment is submitted (${status})`);
}

async function reviewerFlow(page) {
  await page.goto(url(`/assessments/${env.MB_ASSESSMENT}`));
  const status = await page.locator('dd.status').innerText();
  check(status.includes('提出済み'), `統括: sees the assessment submitted (${status})`);
  check(await button(page, '受理する').count() === 1, '統括: the review form is offered');
  for (const [name, p] of [['assessments', '/assessments'], ['training', '/training'], ['audit', `/audits/${env.MB_AUDIT_PLAN}`], ['reports', '/reports']]) {
    const r = await page.goto(url(p));
    check(r.status() === 200, `統括: ${p} opens (${r.status()})`);
    await shot(page, name);
  }
  const svg = await page.goto(url('/training')).then(() => page.locator('svg[role="img"]').count());
  check(svg >= 1, '統括: the training page draws the bar chart');
}

const browser = await chromium.launch({ executablePath: env.MB_CHROMIUM, headless: true });
try {
  const kacho = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 768 } })).newPage();
  const tk = await (await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 768 } })).newPage();
  kacho.setDefaultTimeout(15000);
  tk.setDefaultTimeout(15000);
  const ism = { tag: '課長', login: env.MB_ISM_LOGIN, password: env.MB_ISM_PASSWORD, newPassword: 'Kacho-assess-2026!' };
  const rev = { tag: '統括', login: env.MB_TK_LOGIN, password: env.MB_TK_PASSWORD, newPassword: 'Toukatsu-assess-2026!' };
  try {
    if (await firstSignIn(kacho, ism)) await kachoFlow(kacho);
  } catch (e) {
    notOk('課長: the assessment flow', e.message);
  }
  try {
    if (await firstSignIn(tk, rev)) await reviewerFlow(tk);
  } catch (e) {
    notOk('統括: the review flow', e.message);
  }
} finally {
  await browser.close();
}
