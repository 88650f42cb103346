// The web shell as a person meets it: home page, languages, regions — with and without JavaScript.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startShetu, startBrowser, checkAccessibility, screenshot } from "./harness.js";

let shetu;
let browser;

before(async () => {
  shetu = await startShetu("bd");
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  const code = await shetu?.stop();
  assert.equal(code, 0, `shetu did not stop cleanly on Ctrl-C:\n${shetu?.log.join("")}`);
});

async function htmlLangDir(page) {
  return page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
}

async function newPage(options = {}) {
  // bypassCSP only lets the test inject axe-core; the pages themselves run under the real CSP.
  const context = await browser.newContext({ locale: "en-US", bypassCSP: true, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("request", (r) => {
    if (!r.url().startsWith(shetu.base) && !r.url().startsWith("data:")) problems.push(`request to another host: ${r.url()}`);
  });
  return { page, problems, context };
}

test("home page switches to Bangla and to Arabic", async () => {
  const { page, problems, context } = await newPage();
  await page.goto(shetu.base + "/");
  assert.deepEqual(await htmlLangDir(page), ["en", "ltr"]);
  assert.equal(await page.locator("h1").innerText(), "Welcome to shetu");
  await checkAccessibility(page, "home (en)");
  await screenshot(page, "home-en");

  await page.getByRole("link", { name: "বাংলা" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "bn");
  assert.deepEqual(await htmlLangDir(page), ["bn", "ltr"]);
  assert.equal(await page.locator("h1").innerText(), "সেতুতে স্বাগতম");
  assert.ok(await page.getByRole("heading", { name: "যোগ দিন বা সাইন ইন করুন" }).isVisible());
  await checkAccessibility(page, "home (bn)");
  await screenshot(page, "home-bn");

  await page.getByRole("link", { name: "العربية" }).click();
  await page.waitForFunction(() => document.documentElement.lang === "ar");
  assert.deepEqual(await htmlLangDir(page), ["ar", "rtl"]);
  assert.equal(await page.locator("h1").innerText(), "مرحبًا بكم في شيتو");
  // Laid out right to left: the brand sits at the right edge of the header.
  const brand = await page.locator(".brand").boundingBox();
  const width = page.viewportSize().width;
  assert.ok(brand.x > width / 2, `brand at x=${brand.x} of ${width}`);
  await checkAccessibility(page, "home (ar)");
  await screenshot(page, "home-ar");

  // The choice is remembered on the next visit.
  await page.goto(shetu.base + "/regions");
  assert.deepEqual(await htmlLangDir(page), ["ar", "rtl"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("regions can be browsed from division to union", async () => {
  const { page, problems, context } = await newPage();
  await page.goto(shetu.base + "/lang/bn?next=/");
  await page.getByRole("navigation", { name: "সেতু" }).getByRole("link", { name: "অঞ্চল" }).click();
  await page.waitForURL(/\/regions$/);
  assert.equal(await page.locator("h1").innerText(), "বাংলাদেশের অঞ্চল");
  await checkAccessibility(page, "regions (bn)");
  await screenshot(page, "regions-bn");

  await page.getByRole("link", { name: /^ঢাকা/ }).click();
  await page.waitForURL(/bd\.division\./);
  assert.equal(await page.locator("h1").innerText(), "ঢাকা");
  await page.getByRole("link", { name: /^গাজীপুর/ }).click();
  await page.waitForURL(/bd\.district\./);
  assert.equal(await page.locator("h1").innerText(), "গাজীপুর");
  await checkAccessibility(page, "district (bn)");
  await page.locator("ul.regions a").first().click();
  await page.waitForURL(/bd\.upazila\./);
  const crumbs = await page.locator(".crumbs li").allInnerTexts();
  assert.equal(crumbs.length, 4, `breadcrumb: ${crumbs}`);
  assert.equal(crumbs[1], "ঢাকা");
  assert.ok((await page.locator("ul.regions li").count()) > 0, "unions listed");
  await checkAccessibility(page, "upazila (bn)");
  await screenshot(page, "upazila-bn");
  assert.deepEqual(problems, []);
  await context.close();
});

test("pages work without JavaScript", async () => {
  const { page, context } = await newPage({ javaScriptEnabled: false });
  await page.goto(shetu.base + "/?lang=en");
  await page.getByRole("link", { name: "Regions" }).first().click();
  await page.waitForURL(/\/regions$/);
  await page.getByRole("link", { name: /^Khulna/ }).click();
  await page.waitForURL(/bd\.division\./);
  assert.equal(await page.locator("h1").innerText(), "Khulna");
  await page.goto(shetu.base + "/feedback");
  await page.getByLabel("Your message").fill("The market prices page is slow on my phone");
  await page.getByLabel("Mobile number (optional)").fill("০১৭১১-০০০০০০");
  await page.getByRole("button", { name: "Send" }).click();
  await page.waitForURL(/sent=1/);
  assert.ok(await page.getByText("Thank you. Your message has reached the team.").isVisible());
  await context.close();
  const feedbackPage = await newPage();
  await feedbackPage.page.goto(shetu.base + "/feedback?lang=ar");
  await checkAccessibility(feedbackPage.page, "feedback (ar)");
  await screenshot(feedbackPage.page, "feedback-ar");
  await feedbackPage.context.close();
});

test("API documentation is readable and self-hosted", async () => {
  const { page, problems, context } = await newPage();
  await page.goto(shetu.base + "/api/docs");
  assert.ok(await page.getByText("/api/v1/regions").first().isVisible());
  await checkAccessibility(page, "api docs");
  await page.goto(shetu.base + "/api/docs/explorer");
  await page.waitForSelector(".swagger-ui .opblock", { timeout: 20_000 });
  await screenshot(page, "api-explorer");
  assert.deepEqual(problems.filter((p) => !p.includes("favicon")), []);
  await context.close();
});
