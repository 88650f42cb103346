// Forms people can recover from, in Bangla, with JavaScript on (htmx swaps the answer in) and off
// (the browser loads the answer): a wrong password, a wrong mobile number, a wrong SMS code and an
// empty feedback message each show an error summary that is announced (role="alert") and links to
// the field, the message beside the field, and what the person typed kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

const running = demoAndBrowser("bd");

async function newPage(javaScriptEnabled) {
  const context = await running.browser.newContext({ locale: "bn-BD", javaScriptEnabled });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  // The browser logs every 4xx answer as an error; those are the point of these tests. Anything
  // else (a CSP violation, a script error) is a problem.
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) problems.push(m.text());
  });
  return { context, page, problems };
}

async function expectSummary(page, text, name, js) {
  const summary = page.locator(".error-summary[role=alert]");
  await summary.waitFor({ state: "visible", timeout: 10_000 });
  assert.match(await summary.innerText(), new RegExp(text));
  assert.equal(await page.locator(".error-summary h2").innerText(), "কিছু ঠিক করতে হবে");
  // Each item links to the field it is about.
  const target = await summary.locator("a").first().getAttribute("href");
  assert.ok(target.startsWith("#") && (await page.locator(target).count()) === 1, `summary links to ${target}`);
  // axe runs in the page, so it checks the JavaScript variant; the server sends the same markup to both.
  if (js) await checkAccessibility(page, name);
}

for (const js of [true, false]) {
  const how = js ? "with JavaScript" : "without JavaScript";

  test(`a wrong password is shown in place ${how}`, async () => {
    const { context, page, problems } = await newPage(js);
    await page.goto(running.shetu.base + "/signin?lang=bn");
    await page.locator("#phone").fill("০১৭০০০০০০০২");
    await page.locator("#password").fill("ভুল-পাসওয়ার্ড");
    await page.getByRole("button", { name: "সাইন ইন" }).click();
    await expectSummary(page, "মোবাইল নম্বর বা পাসওয়ার্ড ভুল", `sign-in error (${how})`, js);
    assert.equal(await page.locator("#phone").inputValue(), "০১৭০০০০০০০২", "what was typed is kept");
    assert.equal(await page.locator("#phone").getAttribute("aria-invalid"), "true");
    await screenshot(page, `form-signin-error-${js ? "js" : "nojs"}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`a wrong mobile number is shown in place ${how}`, async () => {
    const { context, page, problems } = await newPage(js);
    await page.goto(running.shetu.base + "/password?lang=bn");
    await page.locator("#phone").fill("১২৩");
    await page.getByRole("button", { name: "কোড পাঠান", exact: true }).click();
    await expectSummary(page, "এ দেশের মোবাইল নম্বর নয়", `phone error (${how})`, js);
    assert.match(await page.locator("#phone-error").innerText(), /এ দেশের মোবাইল নম্বর নয়/);
    assert.equal(await page.locator("#phone").inputValue(), "১২৩");
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`a wrong SMS code is shown in place ${how}`, async () => {
    const { context, page, problems } = await newPage(js);
    await page.goto(running.shetu.base + "/signin?lang=bn");
    await page.locator("#phone").fill("01700000001");
    await page.locator("#password").fill("shetu-demo");
    await page.getByRole("button", { name: "সাইন ইন" }).click();
    await page.waitForURL(/\/me/);
    await page.goto(running.shetu.base + "/agent?lang=bn");
    // Ask করিম মিয়া (the farmer) for permission, then type a wrong code.
    await page.locator("#phone").fill(js ? "01700000003" : "01700000004");
    await page.getByRole("button", { name: "কোড পাঠান", exact: true }).click();
    await page.getByText("ব্যক্তির ফোনে কোড পাঠানো হয়েছে").waitFor({ timeout: 10_000 });
    const box = page.locator("input[id^=code-]").first();
    await box.fill("০০০০০০");
    await page.getByRole("button", { name: "নিশ্চিত করুন" }).first().click();
    await expectSummary(page, "কোডটি ভুল বা মেয়াদোত্তীর্ণ", `code error (${how})`, js);
    assert.equal(await page.locator("h1").innerText(), "উদ্যোক্তা কনসোল", "the console, not a dead end");
    assert.equal(await page.getByRole("link", { name: "সাইন ইন" }).count(), 0, "still signed in");
    await screenshot(page, `form-code-error-${js ? "js" : "nojs"}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`an empty feedback message is shown in place ${how}`, async () => {
    const { context, page, problems } = await newPage(js);
    await page.goto(running.shetu.base + "/feedback?lang=bn");
    await page.locator("#message").fill("   ");
    await page.locator("#phone").fill("০১৭১১");
    await page.getByRole("button", { name: "পাঠান" }).click();
    await expectSummary(page, "খালি রাখা যাবে না", `feedback error (${how})`, js);
    assert.match(await page.locator("#message-problem").innerText(), /খালি রাখা যাবে না/);
    assert.equal(await page.locator("#phone").inputValue(), "০১৭১১", "the phone typed is kept");
    assert.deepEqual(problems, []);
    await context.close();
  });
}
