// The admin area on a phone: every part of it fits a 360 px screen (tables scroll inside their
// box), and its log says for whom each thing was done, in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

const running = demoAndBrowser("bd");

test("every part of the admin area fits a 360 px screen", async () => {
  const context = await running.browser.newContext({ locale: "bn-BD", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(running.shetu.base + "/signin");
  await page.locator("#phone").fill("01700000000");
  await page.locator("#password").fill("shetu-demo");
  await page.locator("form[action='/signin'] button[type=submit]").click();
  await page.waitForURL(/\/me$/);
  for (const part of ["", "/people", "/orgs", "/points", "/log", "/sms", "/email"]) {
    await page.goto(running.shetu.base + "/admin" + part);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `/admin${part} is ${width} px wide`);
    await checkAccessibility(page, `admin${part} (360 px)`);
  }
  await page.goto(running.shetu.base + "/admin/log?lang=en");
  assert.equal(await page.locator("#audit th").nth(2).innerText(), "For whom");
  // Actions read as words, not codes such as "service_point.assign_agent".
  const actions = await page.locator("#audit tbody td:nth-child(4)").allInnerTexts();
  assert.ok(actions.length > 0 && actions.every((a) => !/^[a-z_]+\.[a-z_]+$/.test(a)), actions.join(" | "));
  await screenshot(page, "admin-log-360");
  await context.close();
});
