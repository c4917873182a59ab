// The web admin in a real browser (Debian's chromium through playwright-core): first-run setup, login,
// a SIP user that registers with sipp and shows up, a routing rule checked in the simulator, a call in the
// Calls history and its SIP ladder, the Alarms page, one step on each of the PSTN, ring group, log, certificate and
// upgrade pages, a monitor's restrictions, logout. Run by BrowserIT, which starts the gateway and passes:
//   BASE (https://127.0.0.1:PORT), SETUP_URL, SHOTS (screenshot directory),
//   SIPP_ARGS (JSON array: sipp's arguments for one REGISTER of alice/secret-alice),
//   CALL_ARGS (sipp's arguments for one call to bob, who does not exist: 480)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';

const { BASE, SETUP_URL, SHOTS, SIPP_ARGS, CALL_ARGS } = process.env;
const ADMIN = ['admin', 'correct horse battery'];
const MONITOR = ['watcher', 'watcher-password'];

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],   // the tests run as root in CI
});
// The gateway's certificate is self-signed; its TLS set-up is checked by WebAdminIT.
const context = await browser.newContext({ ignoreHTTPSErrors: true });
const page = await context.newPage();
const problems = [];
// Statuses (the refused login, the monitor's 403) are checked where they happen; anything else, such as a
// Content-Security-Policy violation, is a problem.
page.on('console', m => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
page.on('pageerror', e => problems.push(e.message));
let step = 0;
const shot = async name => page.screenshot({ path: `${SHOTS}/${String(++step).padStart(2, '0')}-${name}.png`, fullPage: true });

async function login([user, password]) {
  await page.goto(`${BASE}/login`);
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);
}

async function logout() {
  await Promise.all([page.waitForURL(`${BASE}/login`), page.click('#logout')]);
}

try {
  // First-run setup: the logged link, the admin's password twice, then the dashboard.
  await page.goto(SETUP_URL);
  await shot('setup');
  await page.fill('input[name=username]', ADMIN[0]);
  await page.fill('input[name=password]', ADMIN[1]);
  await page.fill('input[name=confirm]', ADMIN[1]);
  await Promise.all([page.waitForURL(`${BASE}/`), page.click('button[type=submit]')]);
  check((await page.textContent('h1')) === 'Dashboard', 'setup should end on the dashboard');
  await shot('dashboard');
  await page.goto(SETUP_URL);
  check((await page.textContent('#error')).includes('Setup is done'), 'the setup link must stop working');

  // Logout, a wrong password, login.
  await page.goto(`${BASE}/`);
  await logout();
  await page.fill('input[name=username]', ADMIN[0]);
  await page.fill('input[name=password]', 'wrong password');
  await page.click('button[type=submit]');
  await page.waitForSelector('#error');
  await shot('login-refused');
  await login(ADMIN);

  // A SIP user, registered by sipp, on the registrations page.
  await page.goto(`${BASE}/users`);
  await page.fill('#add-user input[name=username]', 'alice');
  await page.fill('#add-user input[name=displayName]', 'Alice <b>Example</b>');
  await page.fill('#add-user input[name=password]', 'secret-alice');
  await Promise.all([page.waitForURL(`${BASE}/users`), page.click('#add-user button[type=submit]')]);
  check((await page.textContent('#users .display-name')) === 'Alice <b>Example</b>', 'the display name shows as text');
  await shot('users');
  // The page is open before the phone registers: htmx's refresh (every 5 s) must bring the binding in.
  await page.goto(`${BASE}/registrations`);
  check(await page.isVisible('#registrations >> text=No registrations.'), 'no registrations yet');
  execFileSync('sipp', JSON.parse(SIPP_ARGS), { stdio: 'pipe', timeout: 60_000 });
  await page.waitForSelector('#registrations >> text=sip:alice@127.0.0.1', { timeout: 15_000 });
  await shot('registrations');

  // A routing rule, and the simulator's answer.
  await page.goto(`${BASE}/routes`);
  await page.fill('#add-rule input[name=position]', '10');
  await page.fill('#add-rule input[name=prefix]', '4930');
  await page.fill('#add-rule input[name=strip]', '4');
  await page.fill('#add-rule input[name=destination]', 'user:*');
  await page.fill('#add-rule input[name=description]', 'DIDs to users');
  await Promise.all([page.waitForURL(`${BASE}/routes`), page.click('#add-rule button[type=submit]')]);
  await page.fill('#simulate input[name=number]', '4930123');
  await page.fill('#simulate input[name=source]', '192.0.2.1');
  await page.click('#simulate button[type=submit]');
  await page.waitForSelector('#simulation >> text=user:123');
  await shot('simulator');

  // A call in the Calls history (records are written every second), and its ladder with a message opened.
  execFileSync('sipp', JSON.parse(CALL_ARGS), { stdio: 'pipe', timeout: 60_000 });
  for (let i = 0; i < 20; i++) {
    await page.goto(`${BASE}/calls/history?number=bob`);
    if (await page.locator('#history tr.record').count() > 0) {
      break;
    }
    await page.waitForTimeout(500);
  }
  check((await page.textContent('#history tr.record .outcome')) === 'no_answer', 'the call to bob is recorded: 480');
  await shot('calls-history');
  await Promise.all([page.waitForURL(/\/calls\/ladder\?/), page.click('#history tr.record a.ladder-link')]);
  check(await page.locator('svg.ladder a text', { hasText: /^INVITE$/ }).count() === 1, 'the ladder shows the INVITE');
  check(!(await page.isVisible('#msg-2')), 'messages stay closed until their arrow is clicked');
  await page.click('svg.ladder a[href="#msg-2"]');
  await page.waitForSelector('#msg-2 >> text=480 Temporarily Unavailable');
  check(await page.isVisible('#pcap'), 'the pcap download is offered');
  await shot('ladder');
  await page.goto(`${BASE}/alarms`);
  check(await page.isVisible('#no-alarms'), 'a gateway at rest has no alarm');
  await shot('alarms');

  // The pages added since: PSTN (no PSTN plug-in here), ring groups, logs, certificate, upgrades.
  await page.goto(`${BASE}/pstn`);
  check(await page.isVisible('#not-running'), 'without the PSTN plug-in the page says so');
  await shot('pstn');
  await page.goto(`${BASE}/groups`);
  await page.fill('#group-form input[name=name]', 'sales');
  await page.fill('#group-form input[name=members]', 'alice, bob');
  await Promise.all([page.waitForURL(`${BASE}/groups`), page.click('#group-form button[type=submit]')]);
  check(await page.isVisible('#groups >> text=(no such user)'), 'bob is marked as no SIP user');
  await shot('groups');
  await page.goto(`${BASE}/logs`);
  await page.fill('#log-filter input[name=text]', 'Web admin on');
  await Promise.all([page.waitForURL(/\/logs\?/), page.click('#log-filter button[type=submit]')]);
  check(await page.isVisible('#logs >> text=Web admin on https://'), 'the log viewer finds the start-up line');
  await shot('logs');
  await page.goto(`${BASE}/certificate`);
  await page.click('#upload-certificate button[type=submit]');
  await page.waitForSelector('#error >> text=choose the PEM file');
  await shot('certificate');
  await page.goto(`${BASE}/upgrades`);
  check(await page.isDisabled('#upload-upgrade button'), 'the upgrade form is disabled where the upgrade agent is idle (not an appliance)');
  await shot('upgrades');

  // A monitor sees the users but cannot add any, and the accounts page is closed to it.
  await page.goto(`${BASE}/accounts`);
  await page.fill('#add-account input[name=username]', MONITOR[0]);
  await page.fill('#add-account input[name=password]', MONITOR[1]);
  await page.selectOption('#add-account select[name=role]', 'monitor');
  await Promise.all([page.waitForURL(`${BASE}/accounts`), page.click('#add-account button[type=submit]')]);
  await logout();
  await login(MONITOR);
  await page.goto(`${BASE}/users`);
  check(await page.isVisible('#users >> text=alice'), 'a monitor reads the users');
  check((await page.locator('#add-user').count()) === 0, 'a monitor gets no form to add users');
  await shot('monitor-users');
  const accounts = await page.goto(`${BASE}/accounts`);
  check(accounts.status() === 403, `a monitor must get 403 for the accounts page, got ${accounts.status()}`);

  // Logout: the pages are closed again.
  await page.goto(`${BASE}/`);
  await logout();
  await page.goto(`${BASE}/users`);
  check(page.url() === `${BASE}/login`, `after logout the pages lead to the login page, got ${page.url()}`);
  await shot('logged-out');
  check(problems.length === 0, `the browser reported: ${problems.join('; ')}`);
  console.log(`browser flows passed (${step} screenshots in ${SHOTS})`);
} catch (e) {
  await shot('failure').catch(() => {});
  console.error(e.stack || String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
