// The marketplace in the browser, in Bangla: an agent opens a shop for a client and lists a
// product for her; an administrator verifies the shop; a buyer finds the product by a Bangla
// search, orders it with cash on delivery; the shop moves the order to delivered and the buyer
// completes it; the administrator sees the ledger balanced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateSync } from "node:zlib";
import { checkAccessibility, screenshot, demoAndBrowser } from "./harness.js";

// A PNG "photo" as a phone would send it (a striped 640 × 480 picture), made here so the test
// needs no file.
function photoPng(width = 640, height = 480) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = Math.floor((x + y) / 40) % 2;
      row.set(band ? [196, 120, 40] : [250, 214, 120], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const running = demoAndBrowser("bd");

async function signedIn(phone) {
  const context = await running.browser.newContext({ locale: "bn-BD" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  // A form answered 422 with its errors in place is expected; the browser logs it as a failed load.
  page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
  await page.goto(running.shetu.base + "/signin?lang=bn");
  await page.locator("#phone").fill(phone);
  await page.locator("#password").fill("shetu-demo");
  await page.locator("form[action='/signin'] button[type=submit]").click();
  await page.waitForURL(/\/me$/);
  return { context, page, problems };
}

test("an agent opens a shop and lists a product for a client; a buyer finds it in Bangla and it is delivered and completed", async () => {
  const base = running.shetu.base;
  // The agent acts for নাসরিন আক্তার (she gave a paper mandate to buy and sell for her).
  const agent = await signedIn("01700000001");
  await agent.page.goto(base + "/agent");
  await agent.page.locator("article", { hasText: "নাসরিন আক্তার" }).getByRole("button", { name: "এই সেবাগ্রহীতার হয়ে কাজ করুন" }).click();
  await agent.page.getByText("আপনি নাসরিন আক্তারের হয়ে কাজ করছেন").waitFor({ timeout: 10_000 });
  await agent.page.getByRole("link", { name: "আমার দোকান" }).click();
  await agent.page.waitForURL(/\/shop\/sell$/);
  await checkAccessibility(agent.page, "my shops (bn)");

  // A mistake first: no district. It is shown beside the field, and what was typed stays.
  await agent.page.locator("#name").fill("নাসরিনের কাসুন্দি ঘর");
  await agent.page.locator("#women_led").check();
  await agent.page.locator("#payout_account").fill("০১৭০০০০০০০৪");
  await agent.page.getByRole("button", { name: "দোকান খুলুন" }).click();
  await agent.page.locator("#district-problem").waitFor({ timeout: 10_000 });
  assert.equal(await agent.page.locator("#name").inputValue(), "নাসরিনের কাসুন্দি ঘর");
  assert.ok(await agent.page.locator(".error-summary[role=alert] a[href='#district']").isVisible());
  await checkAccessibility(agent.page, "open a shop, with a mistake (bn)");
  await agent.page.locator("#district").selectOption({ label: "গাজীপুর" });
  await agent.page.getByRole("button", { name: "দোকান খুলুন" }).click();
  await agent.page.waitForURL(/\/shop\/sell\/[0-9a-f-]{36}$/);
  await agent.page.getByText("দোকানটি প্রশাসকের যাচাইয়ের অপেক্ষায় আছে").waitFor();

  // List a product in Bangla.
  await agent.page.locator("#title_bn").fill("ঘরে তৈরি আমের কাসুন্দি");
  await agent.page.locator("#title_en").fill("Homemade mango kasundi");
  await agent.page.locator("#category").selectOption("spices");
  await agent.page.locator("#unit").selectOption("piece");
  await agent.page.locator("#sku").fill("KS-1");
  await agent.page.locator("#label").fill("৪০০ গ্রাম বোতল");
  await agent.page.locator("#price").fill("১৮০");
  await agent.page.locator("#stock").fill("২০");
  await agent.page.locator("#description_bn").fill("সরিষা আর কাঁচা আমের ঝাঁঝালো কাসুন্দি, গাজীপুরের নারী উদ্যোক্তার হাতে তৈরি।");
  assert.equal(await agent.page.locator("#photo").getAttribute("capture"), "environment", "the phone's camera opens");
  await agent.page.locator("#photo").setInputFiles({ name: "kasundi.png", mimeType: "image/png", buffer: photoPng() });
  await agent.page.getByRole("button", { name: "পণ্য তুলুন" }).click();
  await agent.page.waitForURL(/listed=1$/);
  await agent.page.getByRole("rowheader", { name: "ঘরে তৈরি আমের কাসুন্দি (৪০০ গ্রাম বোতল)" }).waitFor();
  await checkAccessibility(agent.page, "shop dashboard (bn)");
  await screenshot(agent.page, "commerce-agent-listed-bn");

  // The agent's console lists the parcels waiting at the centre for their buyers' codes.
  await agent.page.goto(base + "/shop/handover");
  await agent.page.getByRole("heading", { name: "হস্তান্তরের পার্সেল" }).waitFor();
  await checkAccessibility(agent.page, "parcels to hand over (bn)");

  // An administrator verifies the shop.
  const admin = await signedIn("01700000000");
  await admin.page.goto(base + "/shop/admin");
  await checkAccessibility(admin.page, "shops to verify (bn)");
  await admin.page.getByRole("row", { name: /নাসরিনের কাসুন্দি ঘর/ }).getByRole("button", { name: "যাচাই করুন" }).click();
  await admin.page.getByRole("row", { name: /নাসরিনের কাসুন্দি ঘর/ }).waitFor({ state: "detached", timeout: 10_000 });

  // A buyer searches in Bangla, spelt another way (কাসুন্দী), and finds it within seconds.
  const buyer = await signedIn("01700000003");
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    await buyer.page.goto(base + `/shop?q=${encodeURIComponent("কাসুন্দী")}&try=${i}`);
    found = (await buyer.page.getByRole("link", { name: "ঘরে তৈরি আমের কাসুন্দি" }).count()) > 0;
    if (!found) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(found, "the new product is not findable");
  await checkAccessibility(buyer.page, "marketplace search (bn)");
  await screenshot(buyer.page, "commerce-search-bn");
  const card = buyer.page.locator("li.card", { has: buyer.page.getByRole("link", { name: "ঘরে তৈরি আমের কাসুন্দি" }) });
  assert.equal(await card.locator("img.thumb").evaluate((img) => img.complete && img.naturalWidth), 320, "the thumbnail shows");
  await buyer.page.getByRole("link", { name: "ঘরে তৈরি আমের কাসুন্দি" }).click();
  await checkAccessibility(buyer.page, "product (bn)");
  assert.equal(await buyer.page.locator(".photos img").evaluate((img) => img.complete && img.naturalWidth), 640, "the photo shows, re-encoded at its size");
  await buyer.page.getByLabel(/পরিমাণ/).fill("২");
  await buyer.page.getByRole("button", { name: "ঝুড়িতে রাখুন" }).click();
  await buyer.page.waitForURL(/\/shop\/cart$/);
  await checkAccessibility(buyer.page, "cart (bn)");
  await buyer.page.locator("#delivery_note").fill("কালিয়াকৈর বাজার, মসজিদের পাশের গলি");
  await buyer.page.getByRole("button", { name: "অর্ডার দিন" }).click();
  await buyer.page.waitForURL(/\/shop\/orders\?placed=/);
  await buyer.page.getByText("আপনার অর্ডার দেওয়া হয়েছে").waitFor();
  await checkAccessibility(buyer.page, "my orders (bn)");
  const bought = buyer.page.getByRole("row", { name: /নাসরিনের কাসুন্দি ঘর/ });
  assert.match(await bought.innerText(), /নিশ্চিত হয়েছে/);
  assert.match(await bought.innerText(), /৳৩৬০\.০০/);

  // The shop (নাসরিন herself) packs, ships and delivers it.
  const seller = await signedIn("01700000004");
  await seller.page.goto(base + "/shop/orders");
  await seller.page.getByRole("table", { name: "আমার দোকানের অর্ডার" }).getByRole("link").first().click();
  await checkAccessibility(seller.page, "an order, seller (bn)");
  for (const step of ["প্যাক করা হয়েছে", "পাঠানো হয়েছে", "পৌঁছে দেওয়া হয়েছে"]) {
    await seller.page.getByRole("button", { name: step }).click();
    await seller.page.getByRole("button", { name: step }).waitFor({ state: "detached", timeout: 10_000 });
  }
  await seller.page.getByText("পৌঁছে গেছে", { exact: true }).waitFor();

  // The buyer sees what happened to it, and could report a problem; they complete it.
  await bought.getByRole("link").click();
  await buyer.page.getByRole("heading", { name: "অর্ডারের খবর" }).waitFor();
  assert.match(await buyer.page.getByRole("table").last().innerText(), /অর্ডার দেওয়া হয়েছে[\s\S]*অবস্থা এখন: পৌঁছে গেছে/);
  assert.ok(await buyer.page.getByLabel(/কী সমস্যা/).isVisible(), "the report-a-problem form is on the page");
  await checkAccessibility(buyer.page, "an order, delivered, buyer (bn)");
  await buyer.page.getByRole("button", { name: "হাতে পেয়েছি: সম্পন্ন করুন" }).click();
  await buyer.page.getByText("সম্পন্ন", { exact: true }).waitFor({ timeout: 10_000 });
  await screenshot(buyer.page, "commerce-order-completed-bn");

  // The impact page counts it, with a chart drawn on the server.
  await buyer.page.goto(base + "/shop/impact");
  await checkAccessibility(buyer.page, "impact (bn)");
  assert.ok(await buyer.page.locator("svg[role=img]").isVisible());
  await screenshot(buyer.page, "commerce-impact-bn");

  // The ledger balances.
  await admin.page.goto(base + "/shop/admin");
  const ledger = await admin.page.locator("#ledger").innerText();
  assert.match(ledger, /ভারসাম্যহীন লেনদেন: ০/);

  // Cash-on-delivery reconciliation: a courier's file is matched, with a progress bar, and the
  // line that does not match is named.
  await admin.page.getByRole("link", { name: "ক্যাশ অন ডেলিভারির টাকা জমা" }).click();
  await admin.page.waitForURL(/\/shop\/admin\/remittances$/);
  await checkAccessibility(admin.page, "cod remittances (bn)");
  await admin.page.locator("#courier").fill("পাঠাও কুরিয়ার");
  await admin.page.locator("#file").setInputFiles({ name: "pathao.csv", mimeType: "text/csv", buffer: Buffer.from("order_number,amount\nSH-NOSUCH99,360.00\n") });
  await admin.page.getByRole("button", { name: "আনুন ও মেলান" }).click();
  await admin.page.waitForURL(/\/shop\/admin\/remittances\/[0-9a-f-]{36}$/);
  await admin.page.getByText("সব লাইন দেখা হয়েছে।").waitFor({ timeout: 15_000 });
  await admin.page.getByRole("cell", { name: "এই নম্বরের কোনো অর্ডার নেই" }).waitFor();
  await checkAccessibility(admin.page, "a remittance, matched (bn)");

  for (const who of [agent, admin, buyer, seller]) {
    assert.deepEqual(who.problems, []);
    await who.context.close();
  }
});

test("a buyer pays by mobile money on the provider's page, mistakes and all, and comes back to a confirmed order", async () => {
  const base = running.shetu.base;
  const buyer = await signedIn("01700000003");
  await buyer.page.goto(base + "/shop?q=" + encodeURIComponent("মধু"));
  await buyer.page.locator("main a[href^='/shop/products/']").first().click();
  await buyer.page.getByRole("button", { name: "ঝুড়িতে রাখুন" }).first().click();
  await buyer.page.waitForURL(/\/shop\/cart$/);
  await buyer.page.getByLabel("মোবাইল ব্যাংকিং").check();
  await checkAccessibility(buyer.page, "cart with a choice of payment (bn)");
  await buyer.page.getByRole("button", { name: "অর্ডার দিন" }).click();
  await buyer.page.waitForURL(/\/shop\/checkouts\/[0-9a-f-]{36}\/pay$/);
  await checkAccessibility(buyer.page, "pay for an order (bn)");
  await buyer.page.getByRole("button", { name: /মোবাইল ব্যাংকিংয়ে পরিশোধ করুন/ }).click();

  // The provider's page: a PIN too short is named beside the field, the wallet number stays.
  await buyer.page.waitForURL(/\/sandbox\/momo\/pay\/mm_[0-9a-f]+$/);
  await checkAccessibility(buyer.page, "mobile money sandbox (bn)");
  await buyer.page.locator("#wallet").fill("০১৭০০০০০০০৩");
  await buyer.page.locator("#pin").fill("১২");
  await buyer.page.getByRole("button", { name: "পরিশোধ নিশ্চিত করুন" }).click();
  await buyer.page.locator("#pin-problem").waitFor({ timeout: 10_000 });
  assert.equal(await buyer.page.locator("#wallet").inputValue(), "০১৭০০০০০০০৩");
  await checkAccessibility(buyer.page, "mobile money sandbox, with a mistake (bn)");
  await buyer.page.locator("#pin").fill("2468");
  await buyer.page.getByRole("button", { name: "পরিশোধ নিশ্চিত করুন" }).click();

  // Back at shetu: the signed callback has confirmed the order.
  await buyer.page.waitForURL(/\/shop\/checkouts\/[0-9a-f-]{36}\/pay$/);
  await buyer.page.getByText("টাকা পাওয়া গেছে। আপনার অর্ডার নিশ্চিত হয়েছে।").waitFor({ timeout: 10_000 });
  assert.match(await buyer.page.locator("tbody").innerText(), /নিশ্চিত হয়েছে/);
  await screenshot(buyer.page, "commerce-paid-by-mobile-money-bn");
  assert.deepEqual(buyer.problems, []);
  await buyer.context.close();
});

test("a partner marketplace's product shows the photo the partner hosts, kept and served by this node", async () => {
  const base = running.shetu.base;
  const found = await (await fetch(base + "/api/v1/products?q=" + encodeURIComponent("Terracotta flower vase"))).json();
  const partners = found.hits.filter((p) => p.description_en.includes("Deshi Bazar"));
  assert.equal(partners.length, 1, JSON.stringify(found.hits.map((h) => h.title_en)));
  const context = await running.browser.newContext({ locale: "bn-BD" });
  const page = await context.newPage();
  // The photo is fetched by a job once the node serves; wait for it as a visitor would, by
  // coming back.
  let photo = page.locator("main img[src^='/shop/photos/']").first();
  for (let i = 0; i < 40; i++) {
    await page.goto(base + "/shop/products/" + partners[0].id);
    if ((await photo.count()) > 0) break;
    await page.waitForTimeout(500);
  }
  assert.ok((await photo.count()) > 0, "the partner's photo is on the page");
  assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth > 0), "and it loads");
  assert.equal(await page.locator("img[src^='http']").count(), 0, "nothing loads from another origin");
  await checkAccessibility(page, "a partner's product with its photo (bn)");
  await context.close();
});
