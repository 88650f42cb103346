// Skills in the browser, in Bangla: an agent registers a young woman's job-seeker profile with her
// informal tailoring work; she gets explained job recommendations and a course for a skill she
// lacks, enrols; the provider marks it completed; her certificate verifies on the public page,
// and fails once one byte of it is changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

const running = demoAndBrowser("bd");

async function signedIn(phone, locale = "bn-BD") {
  const context = await running.browser.newContext({ locale, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  await page.goto(running.shetu.base + "/signin");
  await page.locator("#phone").fill(phone);
  await page.locator("#password").fill("shetu-demo");
  await page.locator("form[action='/signin'] button[type=submit]").click();
  await page.waitForURL(/\/me$/);
  return { context, page, problems };
}

async function codeFor(admin, name) {
  for (let i = 0; i < 120; i++) {
    await admin.page.goto(running.shetu.base + `/admin/sms?lang=en&try=${i}`);
    const texts = await admin.page.locator("#sms td.sms-text").allInnerTexts();
    const code = texts.find((t) => t.includes(name))?.match(/\d{6}/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no code SMS; shetu said:\n${running.shetu.log.join("").slice(-3000)}`);
}

test("an agent builds a profile; jobs and a course follow; the certificate verifies", async () => {
  const base = running.shetu.base;
  const agent = await signedIn("01700000001");
  const admin = await signedIn("01700000000", "en-US");

  // The agent registers শাপলা খাতুন and asks her permission to keep her job-seeker profile.
  await agent.page.goto(base + "/agent");
  await agent.page.locator("#phone").fill("01799000123");
  await agent.page.locator("#name").fill("শাপলা খাতুন");
  await agent.page.locator("#scope-first").uncheck();
  await agent.page.getByLabel("তাঁর চাকরিপ্রার্থী প্রোফাইল হালনাগাদ রাখা").check();
  await agent.page.getByRole("button", { name: "কোড পাঠান", exact: true }).click();
  await agent.page.getByText("ব্যক্তির ফোনে কোড পাঠানো হয়েছে").waitFor({ timeout: 10_000 });
  await screenshot(agent.page, "skills-mandate-requested-bn");
  const code = await codeFor(admin, "আপনার চাকরিপ্রার্থী প্রোফাইল হালনাগাদ রাখা");
  const hers = agent.page.locator("article", { hasText: "শাপলা খাতুন" });
  await hers.getByLabel("ব্যক্তির পাওয়া কোড").first().fill(code);
  await hers.getByRole("button", { name: "নিশ্চিত করুন" }).first().click();
  await agent.page.locator("article", { hasText: "শাপলা খাতুন" }).getByText("সক্রিয়").first().waitFor({ timeout: 10_000 });
  await agent.page.locator("article", { hasText: "শাপলা খাতুন" }).getByRole("button", { name: "এই সেবাগ্রহীতার হয়ে কাজ করুন" }).first().click();
  await agent.page.getByText("শাপলা খাতুন").first().waitFor({ timeout: 10_000 });

  // Her profile, in Bangla, without typing exact names: education, district, findable, skills.
  await agent.page.goto(base + "/skills/profile");
  await checkAccessibility(agent.page, "skills profile (agent, bn)");
  await agent.page.locator("#education").selectOption("ssc");
  await agent.page.locator("#district").selectOption({ label: "কুমিল্লা" });
  await agent.page.getByLabel("নিয়োগকর্তারা আমার প্রোফাইল খুঁজে পেতে পারেন").check();
  await agent.page.getByRole("button", { name: "সংরক্ষণ করুন" }).click();
  await agent.page.waitForURL(/\/skills\/profile/);
  for (const skill of ["কাপড়ের টুকরো সেলাই করা", "পোশাক অল্টার করা"]) {
    await agent.page.locator("#skill").fill(skill);
    await agent.page.locator("#level").selectOption("expert");
    await agent.page.getByRole("button", { name: "দক্ষতা যোগ করুন" }).click();
    await agent.page.locator("#skills li", { hasText: skill }).waitFor({ timeout: 10_000 });
  }
  // Informal work: tailoring at home for the neighbours.
  await agent.page.locator("#work_title").fill("বাড়িতে প্রতিবেশীদের জামা সেলাই");
  await agent.page.locator("#work_kind").selectOption("informal");
  await agent.page.locator("#occupation").fill("দর্জি");
  await agent.page.locator("#work_start").fill("২০১৮");
  await agent.page.getByRole("button", { name: "কাজ যোগ করুন" }).click();
  await agent.page.locator("#work li", { hasText: "বাড়িতে প্রতিবেশীদের জামা সেলাই" }).waitFor({ timeout: 10_000 });
  await agent.page.locator("#wanted").fill("দর্জি");
  await agent.page.getByRole("button", { name: "পেশা যোগ করুন" }).click();
  await agent.page.locator("#jobs-wanted li", { hasText: "দর্জি" }).waitFor({ timeout: 10_000 });
  await screenshot(agent.page, "skills-profile-bn");

  // Jobs for her, each with its reasons in Bangla.
  await agent.page.goto(base + "/skills/jobs");
  await checkAccessibility(agent.page, "jobs for you (bn)");
  const first = agent.page.locator("ol.cards li").first();
  await first.waitFor({ timeout: 10_000 });
  const card = await first.innerText();
  assert.match(card, /কেন:/);
  assert.match(card, /দক্ষতার/);
  await screenshot(agent.page, "skills-jobs-bn");

  // The skill gap for a tailor: a missing skill, and a course with a seat; she enrols.
  await agent.page.goto(base + "/skills/gap");
  await checkAccessibility(agent.page, "skill gap (bn)");
  const course = agent.page.locator("ol.cards li").first();
  await course.waitFor({ timeout: 10_000 });
  const courseTitle = await course.locator("h3").innerText();
  const courseText = await course.innerText();
  await course.getByRole("button", { name: /ভর্তি হোন/ }).click();
  await agent.page.waitForURL(/\/skills\/training$/);
  await agent.page.locator("li[data-state=enrolled]", { hasText: courseTitle }).waitFor({ timeout: 10_000 });
  await checkAccessibility(agent.page, "my training (bn)");

  // The provider marks it completed (here an administrator, from the providers list).
  const provider = courseText.split("\n").find((l) => l.includes("·"))?.split("·")[0].trim();
  await admin.page.goto(base + "/skills/admin?lang=bn");
  await checkAccessibility(admin.page, "skills admin (bn)");
  await admin.page.getByRole("link", { name: provider, exact: true }).first().click();
  await admin.page.waitForURL(/\/skills\/provider\//);
  await screenshot(admin.page, "skills-provider-bn");
  const row = admin.page.locator("tr", { hasText: "শাপলা খাতুন" });
  await row.getByRole("button").click();
  // The page comes back to the same address: wait for the row to say it is done, not for the URL.
  await row.getByRole("button").waitFor({ state: "detached", timeout: 10_000 });

  // Her certificate: printable with a QR code, and genuine on the public page.
  await agent.page.goto(base + "/skills/training");
  await agent.page.locator("li[data-state=completed]", { hasText: courseTitle }).waitFor({ timeout: 10_000 });
  await agent.page.getByRole("link", { name: "সনদপত্র" }).first().click();
  await agent.page.waitForURL(/\/skills\/certificates\//);
  assert.ok(await agent.page.locator("img[src^='data:image/svg+xml']").isVisible());
  await checkAccessibility(agent.page, "certificate (bn)");
  await screenshot(agent.page, "skills-certificate-bn");
  const verifyUrl = await agent.page.locator("a[href*='/verify/']").first().getAttribute("href");
  const visitor = await running.browser.newContext({ locale: "bn-BD", bypassCSP: true });
  const check = await visitor.newPage();
  await check.goto(verifyUrl);
  await check.locator("#verdict[data-verdict=valid]").waitFor({ timeout: 10_000 });
  assert.match(await check.locator("dl.facts").innerText(), /শাপলা খাতুন/);
  await checkAccessibility(check, "verify a certificate (bn)");
  // One byte changed in her copy: it no longer checks out.
  const copy = await check.locator("#document").inputValue();
  const changed = copy.replace("শাপলা খাতুন", "শাপলা খাতুম");
  assert.notEqual(changed, copy);
  await check.locator("#document").fill(changed);
  await check.getByRole("button", { name: "যাচাই করুন" }).click();
  await check.locator("#verdict[data-verdict=invalid]").waitFor({ timeout: 10_000 });
  await screenshot(check, "skills-verify-changed-bn");
  await visitor.close();

  for (const who of [agent, admin]) {
    assert.deepEqual(who.problems, []);
    await who.context.close();
  }
});

test("an analyst reads supply against demand by district, with small counts hidden", async () => {
  const base = running.shetu.base;
  const analyst = await signedIn("01700000006");
  await analyst.page.getByRole("link", { name: "শ্রমবাজারের পরিসংখ্যান" }).first().click();
  await analyst.page.waitForURL(/\/skills\/figures$/);
  assert.ok(await analyst.page.locator("svg[role=img]").isVisible(), "the chart is drawn");
  assert.ok(await analyst.page.getByText("জনের কম চাকরিপ্রার্থীর কোনো সংখ্যা দেখানো হয় না").isVisible());
  await checkAccessibility(analyst.page, "labour market figures (bn)");
  await screenshot(analyst.page, "skills-figures-bn");
  // One district, chosen without JavaScript's help: the same page, filtered.
  const district = await analyst.page.locator("#district option").nth(1).getAttribute("value");
  await analyst.page.locator("#district").selectOption(district);
  await analyst.page.getByRole("button", { name: "দেখুন" }).click();
  await analyst.page.waitForURL(new RegExp(`district=${district.replace(/\./g, "\\.")}`));
  assert.equal(await analyst.page.locator("#district").inputValue(), district);
  await checkAccessibility(analyst.page, "labour market figures, one district (bn)");
  // The export is the same view, as CSV, with hidden counts left empty.
  const csv = await analyst.page.request.get(base + `/skills/figures.csv?district=${district}`);
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).trim().split("\n");
  assert.equal(lines[0], "district,district_name,group,group_name,seekers,vacancies,openings,seats,gap");
  for (const line of lines.slice(1)) {
    const seekers = line.split(",").at(-5);
    assert.ok(seekers === "" || Number(seekers) === 0 || Number(seekers) >= 10, `a small count is published: ${line}`);
  }
  assert.deepEqual(analyst.problems, []);
  await analyst.context.close();
});
