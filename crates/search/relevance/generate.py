#!/usr/bin/env python3
"""Writes catalogue.tsv: a realistic catalogue of Bangladeshi products for the judged relevance
set (see README.md). Deterministic; run it again after changing the product list below.

Each product has its names in Bangla (with the spellings people really use side by side),
English and sometimes Arabic, qualifiers (variety, origin, kind), pack sizes and the districts it
comes from. Items are titled the way sellers title them, in one language each, and tagged with
what they are (product:…, kind:…, origin:…): the judgments in queries.tsv are written against
these tags, never against what an engine returns.
"""
import random

rng = random.Random(20261128)

# District: (Bangla, English, tag)
D = {
    "rajshahi": ("রাজশাহী", "Rajshahi"), "chapai": ("চাঁপাইনবাবগঞ্জ", "Chapainawabganj"),
    "satkhira": ("সাতক্ষীরা", "Satkhira"), "khulna": ("খুলনা", "Khulna"),
    "chandpur": ("চাঁদপুর", "Chandpur"), "barishal": ("বরিশাল", "Barishal"),
    "bhola": ("ভোলা", "Bhola"), "narayanganj": ("নারায়ণগঞ্জ", "Narayanganj"),
    "dhaka": ("ঢাকা", "Dhaka"), "jamalpur": ("জামালপুর", "Jamalpur"),
    "jashore": ("যশোর", "Jashore"), "kushtia": ("কুষ্টিয়া", "Kushtia"),
    "coxsbazar": ("কক্সবাজার", "Cox's Bazar"), "chattogram": ("চট্টগ্রাম", "Chattogram"),
    "sylhet": ("সিলেট", "Sylhet"), "moulvibazar": ("মৌলভীবাজার", "Moulvibazar"),
    "dinajpur": ("দিনাজপুর", "Dinajpur"), "naogaon": ("নওগাঁ", "Naogaon"),
    "bogura": ("বগুড়া", "Bogura"), "tangail": ("টাঙ্গাইল", "Tangail"),
    "natore": ("নাটোর", "Natore"), "gazipur": ("গাজীপুর", "Gazipur"),
    "rangpur": ("রংপুর", "Rangpur"), "mymensingh": ("ময়মনসিংহ", "Mymensingh"),
    "bandarban": ("বান্দরবান", "Bandarban"), "rangamati": ("রাঙামাটি", "Rangamati"),
    "pabna": ("পাবনা", "Pabna"), "faridpur": ("ফরিদপুর", "Faridpur"),
    "comilla": ("কুমিল্লা", "Cumilla"), "madaripur": ("মাদারীপুর", "Madaripur"),
}

# (tags, bangla names, english names, arabic names, [(bn qualifier, en qualifier, extra tags)],
#  [(bn size, en size)], districts, count)
P = [
    (["product:honey", "kind:food"], ["মধু"], ["Honey"], ["عسل"],
     [("সুন্দরবনের খাঁটি", "Sundarbans Pure", ["variety:sundarbans"]), ("সরিষা ফুলের", "Mustard Flower", ["variety:mustard_flower"]),
      ("লিচু ফুলের", "Litchi Flower", ["variety:litchi_flower"]), ("কালোজিরা ফুলের", "Black Seed", ["variety:black_seed"]),
      ("প্রাকৃতিক চাকের", "Raw Comb", [])],
     [("২৫০ গ্রাম", "250 g"), ("৫০০ গ্রাম", "500 g"), ("১ কেজি", "1 kg")], ["satkhira", "khulna", "sylhet", "dinajpur"], 14),
    (["product:mango", "kind:fruit"], ["আম"], ["Mango", "Mangoes"], ["مانجو"],
     [("ফজলি", "Fazli", []), ("হিমসাগর", "Himsagar", []), ("ল্যাংড়া", "Langra", []), ("আম্রপালি", "Amrapali", []), ("গোপালভোগ", "Gopalbhog", [])],
     [("৫ কেজি", "5 kg"), ("১০ কেজি", "10 kg"), ("২০ কেজি", "20 kg")], ["rajshahi", "chapai", "satkhira", "naogaon"], 16),
    (["product:hilsa", "kind:fish"], ["ইলিশ", "ইলিশ মাছ"], ["Hilsa", "Hilsa Fish"], [],
     [("পদ্মার", "Padma River", []), ("তাজা", "Fresh", []), ("বড়", "Large", []), ("লোনা", "Salted", [])],
     [("১ কেজি", "1 kg"), ("১.৫ কেজি", "1.5 kg"), ("৮০০ গ্রাম", "800 g")], ["chandpur", "barishal", "bhola"], 12),
    (["product:rice", "kind:food"], ["চাল"], ["Rice"], ["أرز"],
     [("মিনিকেট", "Miniket", []), ("নাজিরশাইল", "Nazirshail", []), ("কাটারিভোগ", "Kataribhog", []), ("চিনিগুঁড়া", "Chinigura Aromatic", []),
      ("লাল", "Red", []), ("জৈব", "Organic", ["kind:organic"])],
     [("৫ কেজি", "5 kg"), ("১০ কেজি", "10 kg"), ("২৫ কেজি", "25 kg"), ("২৫কেজি", "25kg")], ["dinajpur", "naogaon", "kushtia", "rangpur"], 16),
    (["product:jamdani", "kind:textile", "kind:saree"], ["জামদানি শাড়ি", "জামদানী শাড়ী", "জামদানী শাড়ি"], ["Jamdani Saree", "Jamdani Sari"], ["ساري جامداني"],
     [("হাতে বোনা", "Handwoven", []), ("ঢাকাই", "Dhakai", []), ("হাফ সিল্ক", "Half Silk", ["kind:silk"]), ("সুতি", "Cotton", ["kind:cotton"]),
      ("উৎসবের", "Festive", ["occasion:festival"])],
     [("", "")], ["narayanganj", "dhaka"], 16),
    (["product:nakshi_kantha", "kind:textile", "kind:kantha"], ["নকশী কাঁথা", "নকশি কাঁথা", "নকশি কাথা"], ["Nakshi Kantha", "Nakshi Kantha Quilt"], [],
     [("হাতে সেলাই করা", "Hand Stitched", []), ("পুরনো শাড়ির", "Recycled Saree", []), ("শিশুদের", "Baby", []), ("বড় মাপের", "King Size", [])],
     [("", "")], ["jamalpur", "jashore", "kushtia", "rangpur"], 14),
    (["product:dried_fish", "kind:fish"], ["শুঁটকি", "শুটকি", "শুঁটকি মাছ"], ["Dried Fish", "Shutki"], [],
     [("লইট্টা", "Loitta", []), ("ছুরি", "Ribbon Fish", []), ("চিংড়ি", "Shrimp", ["product:shrimp"]), ("রূপচাঁদা", "Pomfret", [])],
     [("২৫০ গ্রাম", "250 g"), ("৫০০ গ্রাম", "500 g")], ["coxsbazar", "chattogram"], 12),
    (["product:onion", "kind:vegetable"], ["পেঁয়াজ", "পেয়াজ"], ["Onion", "Onions"], ["بصل"],
     [("দেশি", "Local", []), ("পাবনার", "Pabna", []), ("লাল", "Red", [])],
     [("১ কেজি", "1 kg"), ("৫ কেজি", "5 kg")], ["pabna", "faridpur", "rajshahi"], 10),
    (["product:mishti", "kind:sweets"], ["মিষ্টি", "মিস্টি"], ["Sweets"], ["حلوى"],
     [("টাঙ্গাইলের চমচম", "Tangail Chomchom", ["product:chomchom"]), ("নাটোরের কাঁচাগোল্লা", "Natore Kachagolla", []),
      ("রসগোল্লা", "Rosogolla", []), ("মণ্ডা", "Monda", ["product:monda"]), ("মন্ডা", "Mukta Gachha Monda", ["product:monda"])],
     [("১ কেজি", "1 kg"), ("৫০০ গ্রাম", "500 g")], ["tangail", "natore", "mymensingh", "bogura"], 12),
    (["product:doi", "kind:dairy"], ["দই"], ["Doi", "Yoghurt"], ["لبن"],
     [("বগুড়ার মিষ্টি", "Bogura Sweet", []), ("টক", "Sour", []), ("মাটির পাতিলে", "Clay Pot", [])],
     [("১ কেজি", "1 kg"), ("৫০০ গ্রাম", "500 g")], ["bogura", "dhaka"], 9),
    (["product:khejur_gur", "kind:sweetener"], ["খেজুর গুড়", "খেজুরের গুড়", "নলেন গুড়"], ["Date Palm Jaggery", "Nolen Gur"], [],
     [("ঝোলা", "Liquid", []), ("পাটালি", "Patali", []), ("খাঁটি", "Pure", [])],
     [("১ কেজি", "1 kg"), ("৫০০ গ্রাম", "500 g")], ["jashore", "rajshahi", "faridpur"], 11),
    (["product:dates", "kind:fruit"], ["খেজুর"], ["Dates"], ["تمر"],
     [("আজওয়া", "Ajwa", []), ("মেডজুল", "Medjool", []), ("সুক্কারি", "Sukkari", [])],
     [("৫০০ গ্রাম", "500 g"), ("১ কেজি", "1 kg")], ["dhaka", "chattogram"], 9),
    (["product:mustard_oil", "kind:oil", "kind:mustard"], ["সরিষার তেল", "সরিষা তেল"], ["Mustard Oil"], ["زيت الخردل"],
     [("ঘানি ভাঙা", "Cold Pressed", []), ("খাঁটি", "Pure", [])],
     [("১ লিটার", "1 litre"), ("৫ লিটার", "5 litre"), ("৫০০ মিলি", "500 ml")], ["pabna", "tangail", "sylhet"], 11),
    (["product:coconut_oil", "kind:oil"], ["নারকেল তেল", "নারিকেল তেল"], ["Coconut Oil"], ["زيت جوز الهند"],
     [("খাঁটি", "Virgin", [])], [("২০০ মিলি", "200 ml"), ("১,০০০ মিলি", "1,000 ml")], ["barishal", "chattogram"], 7),
    (["product:tea", "kind:beverage"], ["চা", "চা পাতা"], ["Tea"], ["شاي"],
     [("সিলেটের", "Sylhet", []), ("শ্রীমঙ্গলের সবুজ", "Green", []), ("কড়া লিকারের", "Strong Black", [])],
     [("২০০ গ্রাম", "200 g"), ("৫০০ গ্রাম", "500 g")], ["sylhet", "moulvibazar"], 9),
    (["product:chira", "kind:food"], ["চিড়া", "চিঁড়া"], ["Flattened Rice", "Chira"], [],
     [("লাল", "Red", []), ("দেশি", "Local", [])], [("১ কেজি", "1 kg")], ["bogura", "dinajpur"], 6),
    (["product:muri", "kind:food"], ["মুড়ি"], ["Puffed Rice", "Muri"], [],
     [("হাতে ভাজা", "Hand Roasted", []), ("লবণ ছাড়া", "Salt Free", [])], [("৫০০ গ্রাম", "500 g"), ("১ কেজি", "1 kg")], ["bogura", "barishal"], 7),
    (["product:egg", "kind:food"], ["ডিম"], ["Eggs"], ["بيض"],
     [("দেশি মুরগির", "Free Range Chicken", []), ("হাঁসের", "Duck", [])], [("১২টি", "12 pcs"), ("৩০টি", "30 pcs")], ["gazipur", "mymensingh"], 8),
    (["product:turmeric", "kind:spice"], ["হলুদ", "হলুদের গুঁড়া"], ["Turmeric Powder"], ["كركم"],
     [("পাহাড়ি", "Hill", []), ("খাঁটি", "Pure", [])], [("২০০ গ্রাম", "200 g"), ("৫০০ গ্রাম", "500 g")], ["bandarban", "rangamati"], 8),
    (["product:chilli", "kind:spice"], ["মরিচ", "শুকনা মরিচ", "মরিচের গুঁড়া"], ["Dried Chilli", "Chilli Powder"], [],
     [("বগুড়ার", "Bogura", []), ("ঝাল", "Hot", [])], [("২০০ গ্রাম", "200 g"), ("৫০০ গ্রাম", "500 g")], ["bogura", "rangpur"], 8),
    (["product:jackfruit", "kind:fruit"], ["কাঁঠাল"], ["Jackfruit"], [],
     [("গাজীপুরের", "Gazipur", []), ("খাজা", "Khaja", [])], [("১টি", "1 pc")], ["gazipur", "mymensingh"], 7),
    (["product:lychee", "kind:fruit"], ["লিচু"], ["Lychee", "Litchi"], [],
     [("বোম্বাই", "Bombai", []), ("চায়না থ্রি", "China 3", [])], [("১০০টি", "100 pcs"), ("৫০০টি", "500 pcs")], ["dinajpur", "rajshahi"], 8),
    (["product:pineapple", "kind:fruit"], ["আনারস"], ["Pineapple"], [],
     [("মধুপুরের", "Madhupur", []), ("হানিকুইন", "Honey Queen", [])], [("৪টি", "4 pcs")], ["tangail", "sylhet"], 6),
    (["product:guava", "kind:fruit"], ["পেয়ারা"], ["Guava"], [],
     [("থাই", "Thai", []), ("কাজী", "Kazi", [])], [("২ কেজি", "2 kg")], ["barishal", "pabna"], 6),
    (["product:lentils", "kind:food"], ["মসুর ডাল", "ডাল"], ["Red Lentils", "Lentils"], ["عدس"],
     [("দেশি", "Local", []), ("মোটা", "Bold", [])], [("১ কেজি", "1 kg"), ("৫ কেজি", "5 kg")], ["faridpur", "kushtia"], 9),
    (["product:gamchha", "kind:textile"], ["গামছা"], ["Gamchha", "Cotton Towel"], [],
     [("তাঁতের", "Handloom", ["kind:cotton"]), ("চেক", "Checked", [])], [("২টি", "2 pcs")], ["tangail", "kushtia"], 8),
    (["product:lungi", "kind:textile"], ["লুঙ্গি"], ["Lungi"], [],
     [("তাঁতের", "Handloom", []), ("সুতি", "Cotton", ["kind:cotton"])], [("", "")], ["pabna", "tangail", "kushtia"], 8),
    (["product:panjabi", "kind:textile"], ["পাঞ্জাবি", "পাঞ্জাবী"], ["Panjabi", "Kurta"], [],
     [("খাদি", "Khadi", ["kind:cotton"]), ("ঈদের", "Eid", ["occasion:festival"]), ("সিল্ক", "Silk", ["kind:silk"])], [("", "")], ["comilla", "dhaka"], 9),
    (["product:three_piece", "kind:textile"], ["থ্রি পিস", "সালোয়ার কামিজ"], ["Three Piece", "Salwar Kameez"], [],
     [("হাতের কাজের", "Hand Embroidered", []), ("বাটিক", "Batik", [])], [("", "")], ["dhaka", "jashore"], 8),
    (["product:shawl", "kind:textile"], ["শাল", "চাদর"], ["Shawl"], ["شال"],
     [("মণিপুরী", "Manipuri", []), ("তাঁতের", "Handloom", [])], [("", "")], ["sylhet", "moulvibazar"], 7),
    (["product:silk", "kind:textile", "kind:silk", "kind:saree"], ["রাজশাহী সিল্ক শাড়ি", "রেশম শাড়ি"], ["Rajshahi Silk Saree"], [],
     [("খাঁটি", "Pure", []), ("প্রিন্টেড", "Printed", [])], [("", "")], ["rajshahi"], 8),
    (["product:jute_bag", "kind:jute", "kind:bag"], ["পাটের ব্যাগ", "পাটের থলে"], ["Jute Bag", "Jute Tote Bag"], ["حقيبة جوت"],
     [("হাতে তৈরি", "Handmade", []), ("বাজারের", "Shopping", [])], [("", "")], ["faridpur", "dhaka", "rangpur"], 10),
    (["product:jute_rug", "kind:jute"], ["পাটের পাপোশ", "পাটের কার্পেট"], ["Jute Rug", "Jute Doormat"], ["سجادة جوت"],
     [("বিনুনি করা", "Braided", [])], [("", "")], ["rangpur", "faridpur"], 6),
    (["product:shital_pati", "kind:mat"], ["শীতল পাটি", "শীতলপাটি"], ["Shital Pati", "Cool Mat"], ["حصير"],
     [("সিলেটি", "Sylheti", []), ("নকশা করা", "Patterned", [])], [("", "")], ["sylhet", "moulvibazar"], 7),
    (["product:basket", "kind:bamboo"], ["বাঁশের ঝুড়ি", "বেতের ঝুড়ি"], ["Bamboo Basket", "Cane Basket"], ["سلة"],
     [("হাতে বোনা", "Handwoven", [])], [("", "")], ["bandarban", "sylhet", "rangamati"], 8),
    (["product:pottery", "kind:clay"], ["মাটির হাঁড়ি", "মাটির কলসি", "মাটির ফুলদানি"], ["Clay Pot", "Terracotta Vase"], ["فخار"],
     [("হাতে গড়া", "Handmade", []), ("রঙিন", "Painted", [])], [("", "")], ["dhaka", "comilla", "pabna"], 9),
    (["product:brass", "kind:metal"], ["পিতলের কলসি", "পিতলের থালা"], ["Brass Pitcher", "Brass Plate"], ["نحاس"],
     [("ধামরাইয়ের", "Dhamrai", [])], [("", "")], ["dhaka"], 6),
    (["product:bangles", "kind:jewellery"], ["চুড়ি", "কাঁচের চুড়ি"], ["Bangles", "Glass Bangles"], ["أساور"],
     [("রঙিন", "Colourful", []), ("উৎসবের", "Festive", ["occasion:festival"])], [("১২টি", "12 pcs")], ["dhaka", "comilla"], 7),
    (["product:jewellery", "kind:jewellery"], ["রুপার গয়না", "পুঁতির মালা"], ["Silver Jewellery", "Bead Necklace"], ["مجوهرات"],
     [("আদিবাসী", "Indigenous", [])], [("", "")], ["bandarban", "rangamati"], 6),
    (["product:fertiliser", "kind:agri_input"], ["জৈব সার", "কেঁচো সার", "ভার্মি কম্পোস্ট"], ["Organic Fertiliser", "Vermicompost"], ["سماد عضوي"],
     [("খামারের", "Farm", [])], [("১০ কেজি", "10 kg"), ("২৫ কেজি", "25 kg")], ["gazipur", "jashore", "rangpur"], 8),
    (["product:seeds", "kind:agri_input"], ["বীজ", "সবজির বীজ", "ধান বীজ"], ["Vegetable Seeds", "Paddy Seeds"], ["بذور"],
     [("উচ্চফলনশীল", "High Yield", []), ("দেশি", "Local", [])], [("১০০ গ্রাম", "100 g"), ("১ কেজি", "1 kg")], ["gazipur", "dinajpur", "mymensingh"], 8),
    (["product:potato", "kind:vegetable"], ["আলু"], ["Potato", "Potatoes"], ["بطاطا"],
     [("দেশি", "Local", []), ("লাল", "Red", [])], [("৫ কেজি", "5 kg"), ("১০ কেজি", "10 kg")], ["rangpur", "bogura", "munshiganj" if False else "comilla"], 8),
    (["product:ghee", "kind:dairy"], ["ঘি", "গাওয়া ঘি"], ["Ghee"], ["سمن"],
     [("খাঁটি", "Pure", []), ("দেশি গরুর", "Cow", [])], [("২৫০ গ্রাম", "250 g"), ("৫০০ গ্রাম", "500 g")], ["pabna", "bogura"], 7),
    (["product:shrimp", "kind:fish"], ["চিংড়ি", "গলদা চিংড়ি", "বাগদা চিংড়ি"], ["Prawns", "Shrimp"], ["روبيان"],
     [("খুলনার", "Khulna", []), ("তাজা", "Fresh", [])], [("১ কেজি", "1 kg"), ("৫০০ গ্রাম", "500 g")], ["khulna", "satkhira"], 8),
    (["product:coconut", "kind:fruit"], ["ডাব", "নারকেল", "নারিকেল"], ["Coconut", "Green Coconut"], [],
     [("দেশি", "Local", [])], [("৪টি", "4 pcs")], ["barishal", "madaripur"], 6),
    (["product:garlic", "kind:spice"], ["রসুন"], ["Garlic"], ["ثوم"],
     [("দেশি", "Local", [])], [("১ কেজি", "1 kg")], ["natore", "faridpur"], 6),
    (["product:ginger", "kind:spice"], ["আদা"], ["Ginger"], [],
     [("পাহাড়ি", "Hill", [])], [("৫০০ গ্রাম", "500 g")], ["bandarban", "rangamati"], 5),
]

CRAFT = {"kind:textile", "kind:jute", "kind:mat", "kind:bamboo", "kind:clay", "kind:metal", "kind:jewellery"}
BN_BODY = {
    False: ["{d} {who} কাছ থেকে সরাসরি।", "{d} {who} কাছ থেকে সংগ্রহ করা। ঘরে বসে অর্ডার করুন।",
            "{dj} জেলার পণ্য। ডিজিটাল সেন্টার থেকেও নিতে পারবেন।"],
    True: ["{d} {who} হাতে তৈরি।", "{d} {who} হাতে তৈরি। ঘরে বসে অর্ডার করুন।",
           "{dj} জেলার কারুপণ্য। ডিজিটাল সেন্টার থেকেও নিতে পারবেন।"],
}
EN_BODY = {
    False: ["Straight from {who} in {d}.", "Sourced from {who} in {d}. Order from home or pick up at your digital centre.",
            "A product of {d} district."],
    True: ["Made by {who} in {d}.", "Handmade by {who} in {d}. Order from home or pick up at your digital centre.",
           "A craft of {d} district."],
}
AR_BODY = ["منتج من بنغلاديش ({d})."]
WHO_BN = {False: ["কৃষকদের", "নারী উদ্যোক্তার", "খামারিদের"], True: ["তাঁতিদের", "নারী কারিগরদের", "স্থানীয় কারিগরদের"]}
WHO_EN = {False: ["farmers", "a women-led enterprise", "smallholders"], True: ["weavers", "women artisans", "local artisans"]}
AR_UNITS = [("kg", "كغ"), ("g", "غرام"), ("ml", "مل"), ("litre", "لتر"), ("pcs", "قطع"), ("pc", "قطعة")]


def possessive(name):
    """Bangla possessive: র after a vowel sign, ের after a consonant."""
    vowel_signs = "ািীুূৃেৈোৌঁ"
    return name + ("র" if name[-1] in vowel_signs or name[-1] in "আইউএও" else "ের")


def arabic_size(size):
    number, _, unit = size.partition(" ")
    for en, ar in AR_UNITS:
        if unit == en:
            return f"{number} {ar}"
    return size


def items():
    out = []
    n = 0
    for tags, bn, en, ar, quals, sizes, districts, count in P:
        for k in range(count + (count + 2) // 4):
            q_bn, q_en, q_tags = quals[k % len(quals)]
            s_bn, s_en = sizes[(k // len(quals)) % len(sizes)]
            d = districts[k % len(districts)]
            craft = bool(CRAFT & set(tags))
            roll = rng.random()
            lang = "ar" if ar and roll < 0.10 else ("en" if roll < 0.40 else "bn")
            if lang == "bn":
                title = " ".join(x for x in [q_bn, rng.choice(bn), s_bn] if x)
                body = rng.choice(BN_BODY[craft]).format(d=possessive(D[d][0]), dj=D[d][0], who=rng.choice(WHO_BN[craft]))
            elif lang == "en":
                title = " ".join(x for x in [q_en, rng.choice(en), s_en] if x)
                body = rng.choice(EN_BODY[craft]).format(d=D[d][1], who=rng.choice(WHO_EN[craft]))
            else:
                title = " ".join(x for x in [rng.choice(ar), arabic_size(s_en)] if x)
                body = rng.choice(AR_BODY).format(d=D[d][1])
            n += 1
            # An Arabic title names the product only, so it carries no variety.
            if lang == "ar":
                q_tags = []
            extra = [f"origin:{d}", f"lang:{lang}"]
            if lang != "ar":
                extra.append("variety:" + q_en.lower().replace(" ", "-"))
            if s_en:
                extra.append("size:" + s_en.replace(" ", "").replace(",", "").lower())
            all_tags = sorted(set(tags + q_tags + extra))
            out.append((f"p{n:04d}", title, body, " ".join(all_tags)))
    return out


if __name__ == "__main__":
    rows = items()
    with open("catalogue.tsv", "w", encoding="utf-8") as f:
        f.write("# id\ttitle\tbody\ttags (generated by generate.py; see README.md)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(len(rows), "items")
