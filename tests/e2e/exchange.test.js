// The exchange in the browser: the directory in Arabic reads right to left; a need shows
// suggested solutions with their reasons; a solution shows its versions and what changed; the
// secretariat's desk lists what waits; the organiser schedules the upcoming workshop and a
// participant downloads their agenda. Every page passes axe, without JavaScript errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

const running = demoAndBrowser("bd");

async function signedIn(phone, locale = "en-US") {
  const who = await open(locale);
  await who.page.goto(running.shetu.base + "/signin");
  await who.page.locator("#phone").fill(phone);
  await who.page.locator("#password").fill("shetu-demo");
  await who.page.locator("form[action='/signin'] button[type=submit]").click();
  await who.page.waitForURL(/\/me$/);
  return who;
}

async function open(locale = "en-US") {
  const context = await running.browser.newContext({ locale, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  // A form answered 4xx with its errors in place is logged by the browser; that is no fault.
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
  return { context, page, problems };
}

test("the directory, a need's suggestions and a solution's changes, in three languages", async () => {
  const base = running.shetu.base;
  const visitor = await open("ar");
  await visitor.page.goto(base + "/exchange/members?lang=ar");
  assert.deepEqual(await visitor.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ["ar", "rtl"]);
  await visitor.page.locator("#country").selectOption("KE");
  await visitor.page.getByRole("button", { name: "اعرض" }).click();
  await visitor.page.waitForURL(/country=KE/);
  assert.ok((await visitor.page.locator("ul.cards li").count()) >= 1, "members in Kenya");
  assert.match(await visitor.page.locator("ul.cards li").first().innerText(), /كينيا/);
  await checkAccessibility(visitor.page, "exchange directory (ar)");
  await screenshot(visitor.page, "exchange-directory-ar");

  // Search, in Arabic: words find solutions and needs; a facet narrows them.
  await visitor.page.goto(base + "/exchange/search?lang=ar&q=allowances");
  assert.ok((await visitor.page.locator("ol.cards li").count()) >= 2, "solutions and needs found");
  await visitor.page.locator("ul.facets a").first().click();
  await visitor.page.waitForURL(/kind=/);
  await checkAccessibility(visitor.page, "exchange search (ar)");

  // A need, in English: suggested solutions with reasons as sentences.
  const reader = await open("en-US");
  await reader.page.goto(base + "/exchange/needs?lang=en");
  await reader.page.getByRole("link", { name: "Pay social allowances without leakage" }).first().click();
  await reader.page.waitForURL(/\/exchange\/needs\//);
  const first = reader.page.locator("ol.cards > li").first();
  await first.waitFor({ timeout: 10_000 });
  const text = await first.innerText();
  assert.match(text, /Social allowances paid by mobile money/);
  assert.match(text, /Both work on SDG targets? (.* and )?1\.3/);
  await checkAccessibility(reader.page, "a need with suggestions (en)");
  await screenshot(reader.page, "exchange-need-en");

  // A solution with two published versions: what changed, in Bangla.
  await reader.page.goto(base + "/exchange/solutions?lang=bn");
  await checkAccessibility(reader.page, "solutions (bn)");
  const links = await reader.page.locator("ul.cards h3 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  let compared = false;
  for (const href of links) {
    await reader.page.goto(base + href + "?lang=bn");
    if ((await reader.page.locator("#from").count()) === 0) continue;
    await checkAccessibility(reader.page, "a solution with versions (bn)");
    await reader.page.getByRole("button", { name: "কী বদলেছে দেখুন" }).click();
    await reader.page.waitForURL(/\/changes\?/);
    assert.ok(await reader.page.locator("ins").first().isVisible(), "added words are marked");
    await checkAccessibility(reader.page, "what changed (bn)");
    await screenshot(reader.page, "exchange-changes-bn");
    compared = true;
    break;
  }
  assert.ok(compared, "the demo has a solution with two published versions");

  // The secretariat's desk.
  const admin = await open("en-US");
  await admin.page.goto(base + "/signin");
  await admin.page.locator("#phone").fill("01700000000");
  await admin.page.locator("#password").fill("shetu-demo");
  await admin.page.locator("form[action='/signin'] button[type=submit]").click();
  await admin.page.waitForURL(/\/me$/);
  await admin.page.goto(base + "/exchange/secretariat?lang=en");
  assert.ok((await admin.page.locator("ul.cards li").count()) >= 1, "solutions wait for review");
  await checkAccessibility(admin.page, "exchange secretariat (en)");

  for (const who of [visitor, reader, admin]) {
    assert.deepEqual(who.problems, []);
    await who.context.close();
  }
});

test("the organiser schedules the upcoming workshop and a participant takes their agenda", async () => {
  const base = running.shetu.base;
  const admin = await signedIn("01700000000");
  await admin.page.goto(base + "/exchange/workshops?lang=en");
  await checkAccessibility(admin.page, "workshops (en)");
  await admin.page.getByRole("link", { name: "Matchmaking workshop on public-service innovation" }).click();
  await admin.page.waitForURL(/\/exchange\/workshops\//);
  await admin.page.getByRole("button", { name: "Schedule the accepted meetings" }).click();
  await admin.page.waitForURL(/placed=/);
  const result = await admin.page.locator("#schedule [role=status]").innerText();
  assert.match(result, /meetings are on the agenda/);
  assert.match(result, /Not placed:/);
  await checkAccessibility(admin.page, "a workshop, scheduled (en)");
  await screenshot(admin.page, "exchange-workshop-scheduled-en");

  // The demo member sees their agenda in Bangla and downloads it as a calendar file.
  const member = await signedIn("01700000007", "bn-BD");
  await member.page.goto(admin.page.url().split("?")[0].replace(base, base) + "?lang=bn");
  await member.page.getByRole("link", { name: "আমার সূচি" }).first().click();
  await member.page.waitForURL(/\/agenda$/);
  assert.ok((await member.page.locator("tbody tr").count()) >= 1, "meetings on the agenda");
  await checkAccessibility(member.page, "my agenda (bn)");
  await screenshot(member.page, "exchange-agenda-bn");
  const [download] = await Promise.all([
    member.page.waitForEvent("download"),
    member.page.getByRole("link", { name: /\.ics/ }).click(),
  ]);
  const file = await download.path();
  const { readFileSync } = await import("node:fs");
  const ics = readFileSync(file, "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /TZID:Asia\/Dhaka/);
  assert.match(ics, /DTSTART;TZID=Asia\/Dhaka:\d{8}T\d{6}/);

  for (const who of [admin, member]) {
    assert.deepEqual(who.problems, []);
    await who.context.close();
  }
});

test("a member posts a need in English and sees an explained suggested solution", async () => {
  const base = running.shetu.base;
  const member = await signedIn("01700000007");
  await member.page.goto(base + "/exchange?lang=en");
  await member.page.getByRole("link", { name: "Post a need" }).click();
  await member.page.waitForURL(/\/exchange\/needs\/new/);
  await checkAccessibility(member.page, "post a need (en)");
  await member.page.locator("#title").fill("Pay pensions on time by mobile money");
  await member.page.locator("#problem").fill("Old-age allowances are paid in cash, reach people late and leak on the way.");
  await member.page.locator("#sdgs").fill("1.3, 16.5");
  await member.page.getByLabel("Public finance").check();
  await member.page.getByRole("button", { name: "Post the need" }).click();
  await member.page.waitForURL(/\/exchange\/needs\/[0-9a-f-]+$/);
  const first = member.page.locator("ol.cards > li").first();
  await first.waitFor({ timeout: 10_000 });
  const text = await first.innerText();
  assert.match(text, /Social allowances paid by mobile money/);
  assert.match(text, /Both work on SDG targets? /);
  assert.match(text, /Both are about Public finance/);
  await checkAccessibility(member.page, "the posted need with suggestions (en)");
  await screenshot(member.page, "exchange-posted-need-en");
  // Interest in the first suggestion opens a match, followed with notes and documents.
  await first.getByRole("button", { name: /We are interested/ }).click();
  await member.page.waitForURL(/\/exchange\/matches\//);
  await checkAccessibility(member.page, "a match (en)");
  const minutes = Buffer.from("%PDF-1.4\n% minutes of the first call\n%%EOF\n");
  await member.page.locator("#file").setInputFiles({ name: "minutes.pdf", mimeType: "application/pdf", buffer: minutes });
  await member.page.locator("#doc-note").fill("Minutes of the first call");
  await member.page.getByRole("button", { name: "Attach", exact: true }).click();
  await member.page.getByRole("link", { name: "minutes.pdf" }).waitFor();
  await checkAccessibility(member.page, "a match with a document (en)");
  await member.page.goto(base + "/exchange/dashboard?lang=en");
  await checkAccessibility(member.page, "the partnerships dashboard (en)");
  assert.deepEqual(member.problems, []);
  await member.context.close();
});

test("a member comments, a reader reports it, a moderator hides it; the policy in Arabic", async () => {
  const base = running.shetu.base;
  // A member comments in Bangla; an empty comment is told in place first.
  const member = await signedIn("01700000007", "bn-BD");
  await member.page.goto(base + "/exchange/solutions?lang=bn");
  const href = await member.page.locator("ul.cards h3 a").first().getAttribute("href");
  await member.page.goto(base + href + "?lang=bn");
  await checkAccessibility(member.page, "a solution with its discussion (bn)");
  await member.page.locator("#body").fill("   ");
  await member.page.getByRole("button", { name: "মন্তব্য পাঠান" }).click();
  await member.page.locator(".error-summary").waitFor();
  assert.ok(await member.page.locator("#body-problem").isVisible(), "the message is beside the field");
  await checkAccessibility(member.page, "a comment with a mistake (bn)");
  const said = "আমাদের উপজেলায় এটি চালু করতে চাই। প্রশিক্ষণের উপকরণ পাওয়া যাবে কি?";
  await member.page.locator("#body").fill(said);
  await member.page.getByRole("button", { name: "মন্তব্য পাঠান" }).click();
  await member.page.locator("li.comment", { hasText: said }).waitFor();

  // Another person reports it: a reason is needed, then thanks.
  const reader = await signedIn("01700000003", "en-US");
  await reader.page.goto(base + href + "?lang=en");
  await reader.page.locator("li.comment", { hasText: said }).getByRole("link", { name: "Report this comment" }).click();
  await reader.page.waitForURL(/\/exchange\/flag\?/);
  await checkAccessibility(reader.page, "the report form (en)");
  await reader.page.getByRole("button", { name: "Send the report" }).click();
  await reader.page.locator(".error-summary").waitFor();
  assert.ok(await reader.page.locator("#reason-problem").isVisible());
  await reader.page.getByLabel("Not about public-service innovation").check();
  await reader.page.getByRole("button", { name: "Send the report" }).click();
  await reader.page.getByText("The moderators will look at it.").waitFor();

  // The moderator finds it in the queue and hides it, with a reason the member is told.
  const admin = await signedIn("01700000000");
  await admin.page.goto(base + "/exchange/moderation?lang=en");
  await checkAccessibility(admin.page, "the moderation queue (en)");
  await screenshot(admin.page, "exchange-moderation-en");
  const item = admin.page.locator("section.card", { hasText: said });
  await item.getByLabel("Hide it").check();
  await item.locator("textarea[name=reason]").fill("Please ask for training materials through the secretariat.");
  await item.getByRole("button", { name: "Decide" }).click();
  await admin.page.getByText("Hidden. The person has been told why.").waitFor();
  await reader.page.goto(base + href + "?lang=en");
  assert.equal(await reader.page.getByText(said).count(), 0, "readers no longer see it");

  // The content policy and code of conduct, in Arabic, right to left.
  const visitor = await open("ar");
  await visitor.page.goto(base + "/exchange/policy?lang=ar");
  assert.deepEqual(await visitor.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ["ar", "rtl"]);
  await visitor.page.getByRole("heading", { name: "سياسة المحتوى وقواعد السلوك" }).waitFor();
  await checkAccessibility(visitor.page, "the content policy (ar)");
  for (const who of [member, reader, admin, visitor]) {
    assert.deepEqual(who.problems, [], "no JavaScript errors");
    await who.context.close();
  }
});

test("a member shares a solution in the browser and attaches its evaluation", async () => {
  const base = running.shetu.base;
  const member = await signedIn("01700000007", "en-US");
  await member.page.goto(base + "/exchange/solutions/new?lang=en");
  await checkAccessibility(member.page, "share a solution (en)");
  await member.page.locator("#problem").fill("Pensioners queue for hours to prove they are alive.");
  await member.page.getByRole("button", { name: "Send for review" }).click();
  await member.page.locator(".error-summary").waitFor();
  assert.ok(await member.page.locator("#title-problem").isVisible(), "the title is named beside its field");
  assert.equal(await member.page.locator("#problem").inputValue(), "Pensioners queue for hours to prove they are alive.");
  await checkAccessibility(member.page, "share a solution with a mistake (en)");
  await member.page.locator("#title").fill("Proof of life by video call");
  await member.page.locator("#approach").fill("A video call with the union digital centre replaces the yearly visit.");
  await member.page.locator("#results").fill("Nine in ten pensioners proved they were alive without travelling.");
  await member.page.locator("#months_to_adopt").fill("৬");
  await member.page.getByLabel("Public finance").check();
  await member.page.getByRole("button", { name: "Send for review" }).click();
  await member.page.waitForURL(/\/exchange\/solutions\/[0-9a-f-]+$/);
  await member.page.getByRole("heading", { name: "Proof of life by video call" }).waitFor();
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  await member.page.locator("#file").setInputFiles({ name: "evaluation.pdf", mimeType: "application/pdf", buffer: pdf });
  await member.page.getByRole("button", { name: "Attach", exact: true }).click();
  await member.page.getByRole("link", { name: "evaluation.pdf" }).waitFor();
  await checkAccessibility(member.page, "a submitted solution with an attachment (en)");
  assert.deepEqual(member.problems, [], "no JavaScript errors");
  await member.context.close();
});
