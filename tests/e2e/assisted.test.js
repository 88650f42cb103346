// Assisted service in the browser: an agent gets a client's permission with the code the client
// received by SMS, acts for them, and the client sees it in their own history.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

const running = demoAndBrowser("bd");

async function signedIn(phone, locale = "en-US") {
  const context = await running.browser.newContext({ locale, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(running.shetu.base + "/signin");
  await checkAccessibility(page, `sign in (${locale})`);
  await page.locator("#phone").fill(phone);
  await page.locator("#password").fill("shetu-demo");
  await page.locator("form[action='/signin'] button[type=submit]").click();
  await page.waitForURL(/\/me$/);
  return { context, page, problems };
}

test("an agent acts for a client with their consent, and the client sees it", async () => {
  // The agent signs in (in English at first) and switches to Bangla.
  const agent = await signedIn("01700000001");
  await checkAccessibility(agent.page, "my account (agent, en)");
  await agent.page.getByRole("link", { name: "বাংলা" }).click();
  await agent.page.waitForFunction(() => document.documentElement.lang === "bn");
  await agent.page.getByRole("link", { name: "উদ্যোক্তা কনসোল" }).click();
  await agent.page.waitForURL(/\/agent$/);
  assert.equal(await agent.page.locator("h1").innerText(), "উদ্যোক্তা কনসোল");
  await checkAccessibility(agent.page, "agent console (bn)");

  // Ask রহিমা বেগম (typed in Bangla digits) for permission to keep her profile.
  await agent.page.locator("#phone").fill("০১৭০০০০০০০২");
  await agent.page.getByRole("button", { name: "কোড পাঠান", exact: true }).click();
  await agent.page.getByText("ব্যক্তির ফোনে কোড পাঠানো হয়েছে").waitFor({ timeout: 10_000 });
  await screenshot(agent.page, "agent-requested-bn");

  // The code reaches the client's phone: here, the sandbox SMS outbox an admin can read.
  const admin = await signedIn("01700000000");
  let code = null;
  for (let i = 0; i < 40 && !code; i++) {
    // A new query each time: going to the same address with only the #fragment changed would not reload.
    await admin.page.goto(running.shetu.base + `/admin/sms?lang=en&try=${i}`);
    const texts = await admin.page.locator("#sms td.sms-text").allInnerTexts();
    const mine = texts.find((t) => t.includes("মো. রফিকুল ইসলাম"));
    code = mine?.match(/\d{6}/)?.[0] ?? null;
    if (!code) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(code, `the SMS with the code never arrived; shetu said:\n${running.shetu.log.join("").slice(-4000)}`);
  await checkAccessibility(admin.page, "admin (en)");
  await screenshot(admin.page, "admin-sms-en");

  // The agent enters it; the permission is active; the agent acts for the client.
  await agent.page.goto(running.shetu.base + "/agent");
  await agent.page.getByLabel("ব্যক্তির পাওয়া কোড").first().fill(code);
  await agent.page.getByRole("button", { name: "নিশ্চিত করুন" }).first().click();
  // Wait for the page that answers the form (the status reads "active").
  await agent.page.getByText("সক্রিয়").first().waitFor({ timeout: 10_000 });
  await agent.page.getByRole("button", { name: "এই সেবাগ্রহীতার হয়ে কাজ করুন" }).first().click();
  await agent.page.getByText("আপনি রহিমা বেগমের হয়ে কাজ করছেন").waitFor({ timeout: 10_000 });
  await checkAccessibility(agent.page, "acting for a client (bn)");
  await agent.page.locator("#home_region").selectOption({ label: "গাজীপুর" });
  await agent.page.getByRole("button", { name: "সংরক্ষণ" }).click();
  await agent.page.getByText("সেবাগ্রহীতার প্রোফাইল সংরক্ষিত হয়েছে।").waitFor({ timeout: 10_000 });
  await screenshot(agent.page, "agent-acting-bn");
  await agent.page.getByRole("button", { name: "হয়ে কাজ করা বন্ধ করুন" }).click();
  await agent.page.getByText("আপনি রহিমা বেগমের হয়ে কাজ করছেন").waitFor({ state: "detached", timeout: 10_000 });

  // The client signs in and finds the agent's action in their history.
  const client = await signedIn("01700000002", "bn-BD");
  assert.equal(await client.page.locator("#home_region option:checked").innerText(), "গাজীপুর");
  await checkAccessibility(client.page, "client account (bn)");
  await client.page.getByRole("link", { name: "অন্যরা আপনার হয়ে যা করেছেন" }).first().click();
  await client.page.waitForURL(/\/me\/audit$/);
  const rows = await client.page.locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes("মো. রফিকুল ইসলাম") && r.includes("আপনার প্রোফাইল বদলেছেন")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("আপনার অনুমতি নথিভুক্ত করেছেন")), rows.join("\n"));
  await checkAccessibility(client.page, "client history (bn)");
  await screenshot(client.page, "client-audit-bn");

  for (const who of [agent, admin, client]) {
    assert.deepEqual(who.problems, []);
    await who.context.close();
  }
});
