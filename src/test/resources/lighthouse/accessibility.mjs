// Lighthouse's accessibility category (mobile, its default form factor) on several pages in one Chromium, for
// e2e.AccessibilityLighthouseTest. Usage:
//   node accessibility.mjs <dir where lighthouse is installed> <chromium> <pages.json>
// pages.json: {"cookie": "JSESSIONID=…", "pages": [{"name": "home", "url": "http://…", "signedIn": false}, …]}; the
// pages signed out come first, then the cookie goes into the browser (a Cookie header through Lighthouse's
// extraHeaders does not reach the server) and the signed-in pages follow.
// Prints one JSON line: [{"name", "url", "score", "failing": [{"id", "title", "items": ["selector: snippet", …]}]}].
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

const [dir, chromium, pagesFile] = process.argv.slice(2);
const modules = join(dir, 'node_modules');
const lighthouse = (await import(pathToFileURL(join(modules, 'lighthouse', 'core', 'index.js')).href)).default;
const chromeLauncher = await import(pathToFileURL(join(modules, 'chrome-launcher', 'dist', 'index.js')).href);
const puppeteer = (await import(pathToFileURL(join(modules, 'puppeteer-core', 'lib', 'esm', 'puppeteer',
  'puppeteer-core.js')).href)).default;
const input = JSON.parse(readFileSync(pagesFile, 'utf8'));
const pages = [...input.pages].sort((a, b) => Number(a.signedIn) - Number(b.signedIn));

const chrome = await chromeLauncher.launch({
  chromePath: chromium,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  logLevel: 'silent',
});
const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`});
const results = [];
let signedIn = false;
try {
  for (const page of pages) {
    if (page.signedIn && !signedIn) {
      const tab = await browser.newPage();
      const cookies = input.cookie.split(/;\s*/).filter(Boolean).map(pair => {
        const at = pair.indexOf('=');
        return {name: pair.slice(0, at), value: pair.slice(at + 1), url: page.url};
      });
      await tab.setCookie(...cookies);
      await tab.close();
      signedIn = true;
    }
    const flags = {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['accessibility']};
    const run = await lighthouse(page.url, flags);
    const lhr = run.lhr;
    const category = lhr.categories.accessibility;
    const failing = category.auditRefs
      .map(ref => lhr.audits[ref.id])
      .filter(audit => audit.score !== null && audit.score < 1)
      .map(audit => ({
        id: audit.id,
        title: audit.title,
        items: ((audit.details && audit.details.items) || []).slice(0, 5)
          .map(item => item.node ? `${item.node.selector}: ${item.node.snippet}` : JSON.stringify(item)),
      }));
    results.push({name: page.name, url: lhr.finalDisplayedUrl, score: category.score, failing,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null});
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
console.log(JSON.stringify(results));
