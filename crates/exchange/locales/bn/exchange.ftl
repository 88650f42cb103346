nav-exchange = উদ্ভাবন বিনিময়
nav-exchange-secretariat = বিনিময় সচিবালয়
home-exchange-title = জনসেবায় উদ্ভাবন
home-exchange-text = সরকার, প্রতিষ্ঠান, বিশেষজ্ঞ ও শিক্ষাবিদেরা নিজ দেশে সফল সমাধান ভাগ করেন এবং নিজেদের প্রয়োজনের সঙ্গে মেলে এমন সমাধান খুঁজে নেন।
home-exchange-link = বিনিময়ে যান
org-kind-government = সরকার
org-kind-private = বেসরকারি প্রতিষ্ঠান
org-kind-academic = শিক্ষা ও গবেষণা প্রতিষ্ঠান
org-kind-development-partner = উন্নয়ন সহযোগী
org-kind-civil-society = নাগরিক সমাজের সংগঠন

exchange-title = জনসেবা উদ্ভাবন বিনিময়
exchange-lead = দক্ষিণ-দক্ষিণ সহযোগিতার নেটওয়ার্ক: সদস্যরা নিজ দেশে সফল জনসেবার সমাধান ভাগ করেন, যে সমস্যার সমাধান চান তা জানান, আর একে অপরের সঙ্গে যুক্ত হন।
exchange-members-count = { $count ->
    [one] { $n } জন সদস্য
   *[other] { $n } জন সদস্য
}
exchange-solutions-title = সমাধান
exchange-needs-title = প্রয়োজন
exchange-latest-solutions = সাম্প্রতিক সমাধান
exchange-open-needs = খোলা প্রয়োজন
exchange-none-yet = এখানে এখনো কিছু নেই।
exchange-members-title = সদস্য তালিকা
exchange-country = দেশ
exchange-kind = সদস্যের ধরন
exchange-focus = কাজের ক্ষেত্র
exchange-show = দেখুন
exchange-members-found = { $count ->
    [one] { $n } জন সদস্য পাওয়া গেছে
   *[other] { $n } জন সদস্য পাওয়া গেছে
}
exchange-all-countries = সব দেশ
exchange-all-kinds = সব ধরন
exchange-all-focus = সব ক্ষেত্র
exchange-all-maturity = যেকোনো পর্যায়
exchange-runs-in = যেখানে চালু
exchange-sdg = এসডিজি লক্ষ্যমাত্রা বা লক্ষ্য
exchange-sdg-hint = যেমন ১৬.৬, অথবা লক্ষ্য ১৬-এর সব লক্ষ্যমাত্রার জন্য ১৬।
exchange-maturity = পর্যায়
exchange-solutions-found = { $count ->
    [one] { $n }টি সমাধান পাওয়া গেছে
   *[other] { $n }টি সমাধান পাওয়া গেছে
}
exchange-status-note = আপনি সর্বশেষ সংস্করণটি পড়ছেন, যা এখন { $status }। পাঠকেরা প্রকাশিত সংস্করণটি দেখেন।
exchange-status-submitted = পর্যালোচনার অপেক্ষায়
exchange-status-in_review = পর্যালোচনাধীন
exchange-status-published = প্রকাশিত
exchange-status-returned = সংশোধনের জন্য ফেরত
exchange-field-title = শিরোনাম
exchange-field-problem = সমস্যা
exchange-field-approach = সমাধানের পথ
exchange-field-results = ফলাফল
exchange-field-evidence = প্রমাণ
exchange-field-implemented = এখন চালু আছে
exchange-field-countries = যেসব দেশে চালু
exchange-field-level = সরকারের স্তর
exchange-field-cost = গ্রহণের খরচ
exchange-field-months-to-adopt = গ্রহণ করতে কত মাস লাগে
exchange-field-maturity = পর্যায়
exchange-field-sdgs = এসডিজি লক্ষ্যমাত্রা
exchange-field-focus = কাজের ক্ষেত্র
exchange-field-contact = যোগাযোগ
exchange-field-context = প্রেক্ষাপট
exchange-field-constraints = সীমাবদ্ধতা
exchange-yes = হ্যাঁ
exchange-no = না
exchange-level-national = জাতীয়
exchange-level-regional = বিভাগীয় বা প্রাদেশিক
exchange-level-local = স্থানীয়
exchange-cost-low = কম
exchange-cost-medium = মাঝারি
exchange-cost-high = বেশি
exchange-maturity-idea = ধারণা
exchange-maturity-pilot = পরীক্ষামূলক
exchange-maturity-scaled = বড় পরিসরে চালু
exchange-maturity-replicated = অন্য কোথাও অনুসৃত
exchange-history = সংস্করণ
exchange-version-published = সংস্করণ { $version }, প্রকাশিত { $date }
exchange-version-draft = সংস্করণ { $version }, প্রকাশিত নয়
exchange-compare-from = যে সংস্করণ
exchange-compare-to = যার সঙ্গে তুলনা
exchange-compare = কী বদলেছে দেখুন
exchange-reviews = পর্যালোচনা
exchange-changes-title = কী বদলেছে
exchange-changes-between = সংস্করণ { $from } থেকে সংস্করণ { $to }
exchange-changes-none = এই দুই সংস্করণের মধ্যে কিছু বদলায়নি।
exchange-changes-legend = কাটা দাগের শব্দগুলো বাদ গেছে; নিচে দাগ দেওয়া শব্দগুলো যোগ হয়েছে।
exchange-suggested = যে সমাধানগুলো মিলতে পারে
exchange-suggested-none = এই প্রয়োজনের সঙ্গে মেলে এমন কোনো প্রকাশিত সমাধান এখনো নেই। সচিবালয় খুঁজে দেখবে।
exchange-why = কেন মিলতে পারে:
exchange-secretariat-title = বিনিময় সচিবালয়
exchange-pending-members = যাচাইয়ের অপেক্ষায় থাকা সদস্য
exchange-none-waiting = কিছুই অপেক্ষায় নেই।
exchange-verify = যাচাই করুন
exchange-review-queue = পর্যালোচনার জন্য সমাধান
exchange-review-criteria = সমস্যা, সমাধানের পথ ও ফলাফল স্পষ্ট হলে, ফলাফলের প্রমাণ থাকলে, কোথায় চালু তা বলা থাকলে এবং যোগাযোগের নাম থাকলে সমাধানটি প্রকাশ করুন। না হলে কী বাকি আছে লিখে ফেরত দিন।
exchange-version = সংস্করণ { $version }
exchange-start-review = পর্যালোচনা শুরু করুন
exchange-review-comment = মন্তব্য (ফেরত দিলে লিখতে হবে)
exchange-publish = প্রকাশ করুন
exchange-return = সংশোধনের জন্য ফেরত দিন
exchange-kind-government = সরকার
exchange-kind-private = বেসরকারি প্রতিষ্ঠান
exchange-kind-academic = শিক্ষা ও গবেষণা প্রতিষ্ঠান
exchange-kind-development_partner = উন্নয়ন সহযোগী
exchange-kind-civil_society = নাগরিক সমাজের সংগঠন
exchange-kind-expert = ব্যক্তি বিশেষজ্ঞ
exchange-focus-future_public_service = জনসেবার ভবিষ্যৎ
exchange-focus-civil_service = সিভিল সার্ভিস
exchange-focus-finance = সরকারি অর্থব্যবস্থা
exchange-focus-work = কাজের ভবিষ্যৎ
exchange-focus-data_innovation = ডেটা উদ্ভাবন
exchange-focus-commerce = বাণিজ্য
exchange-lang-bn = বাংলা
exchange-lang-en = ইংরেজি
exchange-lang-ar = আরবি
exchange-lang-fr = ফরাসি
exchange-lang-es = স্প্যানিশ
exchange-lang-pt = পর্তুগিজ
exchange-lang-tr = তুর্কি
exchange-lang-so = সোমালি
exchange-list = { $first } ও { $last }
exchange-list-comma = {", "}
exchange-reason-sdg = দুটোই এসডিজি লক্ষ্যমাত্রা { $values } নিয়ে কাজ করে।
exchange-reason-goal = দুটোই এসডিজি লক্ষ্য { $values } অর্জনে কাজ করে।
exchange-reason-focus = দুটোই { $values } বিষয়ে।
exchange-reason-words = এর বর্ণনায় আপনার প্রয়োজনের মতোই { $values } কথাগুলো আছে।
exchange-reason-language = এর দল { $values } ভাষায় কাজ করে, আপনিও পারেন।
exchange-reason-proven = এটি আগেই বড় পরিসরে চালু হয়েছে বা অন্যত্র অনুসৃত হয়েছে।
exchange-reason-proven-in = এটি ইতিমধ্যে { $values }-এ চালু আছে।
error-member_not_found = এমন কোনো সদস্য নেই।
error-member_not_verified = সচিবালয় এখনো এই সদস্যকে যাচাই করেনি।
error-member_exists = আপনি আগেই নেটওয়ার্কের সদস্য।
error-solution_not_found = এমন কোনো সমাধান নেই।
error-version_not_found = এমন কোনো সংস্করণ নেই।
error-need_not_found = এমন কোনো প্রয়োজন নেই।
error-invalid_review_move = পর্যালোচনা এখন এভাবে এগোতে পারে না।
field-unknown_code = দেওয়া বিকল্পগুলোর একটি হতে হবে
field-unknown_country = BD বা KE-এর মতো দেশের কোড হতে হবে
field-unknown_sdg_target = ১৬.৬-এর মতো কোনো এসডিজি লক্ষ্যমাত্রা হতে হবে
field-not_a_url = https:// দিয়ে শুরু হওয়া ওয়েব ঠিকানা হতে হবে
error-match_not_found = এমন কোনো সংযোগ নেই।
error-invalid_match_move = সংযোগটি এখন এভাবে এগোতে পারে না।
error-match_exists = এই প্রয়োজন ও এই সমাধানের সংযোগ আগেই হয়েছে।
field-own_solution = প্রয়োজনটি যে সদস্যের, সমাধানটিও তারই
field-not_a_date = YYYY-MM-DD আকারে লেখা তারিখ হতে হবে
exchange-match-title = প্রয়োজন ও সমাধানের সংযোগ
exchange-match-need = প্রয়োজন
exchange-match-solution = সমাধান
exchange-match-state = অবস্থা
exchange-move-note = লগের জন্য একটি নোট (ইচ্ছা হলে)
exchange-match-log = অগ্রগতির লগ
exchange-note = নোট
exchange-note-date = যেদিন ঘটেছে (ইচ্ছা হলে)
exchange-add-note = লগে যোগ করুন
exchange-log-note = নোট
exchange-see-match = এই সংযোগের অগ্রগতি দেখুন
exchange-express-interest = আমরা আগ্রহী
exchange-mstate-suggested = প্রস্তাবিত
exchange-mstate-interest_expressed = আগ্রহ জানানো হয়েছে
exchange-mstate-agreed = সম্মত
exchange-mstate-adapting = মানিয়ে নেওয়া চলছে
exchange-mstate-replicated = অনুসৃত হয়েছে
exchange-mstate-closed = বন্ধ
exchange-move-interest_expressed = আগ্রহ জানান
exchange-move-agreed = ভাগ করে নিতে সম্মত
exchange-move-adapting = মানিয়ে নেওয়া শুরু হয়েছে
exchange-move-replicated = অনুসরণ সম্পন্ন
exchange-move-closed = সংযোগ বন্ধ করুন
exchange-dashboard-title = নেটওয়ার্কের অংশীদারত্ব
exchange-dashboard-intro = যেসব প্রয়োজনের সঙ্গে সমাধানের সংযোগ হয়েছে, আর তার পরের অংশীদারত্ব: সম্মত, মানিয়ে নেওয়া চলছে বা অনুসৃত।
exchange-dashboard-by-country = যে দেশ সমাধান গ্রহণ করছে, সে অনুযায়ী অংশীদারত্ব
exchange-dashboard-by-focus = কাজের ক্ষেত্র অনুযায়ী অংশীদারত্ব
exchange-dashboard-chart-desc = প্রতিটি দেশের জন্য একটি দণ্ড: সেখানকার সদস্যরা কতগুলো অংশীদারত্বে সম্মত হয়েছে, মানিয়ে নিচ্ছে বা অনুসরণ করেছে। একই সংখ্যা নিচের সারণিতেও আছে।
exchange-partnerships = অংশীদারত্ব
exchange-dashboard-link = অংশীদারত্বের ড্যাশবোর্ড
exchange-workshops-title = ম্যাচমেকিং কর্মশালা
exchange-workshops-lead = কর্মশালায় সদস্যরা একে অপরের সঙ্গে আলাদা করে বসেন: নিবন্ধন করুন, কখন সময় আছে জানান, যাঁদের সঙ্গে দেখা করতে চান তাঁদের অনুরোধ পাঠান, আর নিজের সূচি পান।
exchange-workshops-link = কর্মশালা
exchange-participants-count = { $count ->
    [one] { $n } জন অংশগ্রহণকারী
   *[other] { $n } জন অংশগ্রহণকারী
}
exchange-time-zone = সময় { $zone } অনুযায়ী
exchange-deadline = নিবন্ধনের শেষ দিন { $date }
exchange-cap = একজন সর্বোচ্চ { $cap }টি বৈঠক
exchange-my-agenda = আমার সূচি
exchange-agenda-ics = আমার ক্যালেন্ডারে যোগ করুন (.ics)
exchange-scheduler = বৈঠকের সূচি
exchange-run-scheduler = গৃহীত বৈঠকগুলোর সূচি তৈরি করুন
exchange-scheduler-hint = যেসব বৈঠক আগেই সূচিতে আছে, সেগুলো যেখানে আছে সেখানেই থাকবে; শুধু নতুনগুলো বসানো হবে।
exchange-run-result = { $placed ->
    [one] { $n }টি বৈঠক সূচিতে আছে
   *[other] { $n }টি বৈঠক সূচিতে আছে
} (আগের জায়গায় রাখা হয়েছে { $kept }টি)। বসানো যায়নি: দুজনের একসঙ্গে খালি সময় নেই { $nocommon }টি, টেবিল ভর্তি { $full }টি, সীমা ছাড়িয়েছে { $cap }টি।
exchange-sign-in-to-register = নিবন্ধনের জন্য সাইন ইন করুন
exchange-register-for = যার পক্ষে আসছি
exchange-register-myself = নিজে
exchange-register = নিবন্ধন করুন
exchange-slots = সময়ের ভাগ
exchange-free-in = এই সময়গুলোতে আমি খালি আছি
exchange-tables = { $tables }টি টেবিল
exchange-save-slots = খালি সময় সংরক্ষণ করুন
exchange-requests = বৈঠকের অনুরোধ
exchange-no-requests = এখনো কোনো বৈঠকের অনুরোধ নেই।
exchange-accept = গ্রহণ করুন
exchange-decline = ফিরিয়ে দিন
exchange-ask-to-meet = কারো সঙ্গে বৈঠকের অনুরোধ করুন
exchange-meet-whom = কার সঙ্গে
exchange-meet-why = কেন দেখা করতে চান (ইচ্ছা হলে)
exchange-send-request = অনুরোধ পাঠান
exchange-agenda-empty = আপনার সূচিতে এখনো কোনো বৈঠক নেই। আয়োজক গৃহীত অনুরোধগুলোর সূচি তৈরি করলে এখানে দেখা যাবে।
exchange-when = কখন
exchange-where = কোথায়
exchange-with = কার সঙ্গে
exchange-table = টেবিল { $table }
exchange-ics-meeting = { $name }-এর সঙ্গে বৈঠক
exchange-sms-agenda = { $title }-এ আপনার সূচি বদলেছে। দেখুন: { $path }
exchange-request-pending = উত্তরের অপেক্ষায়
exchange-request-accepted = গৃহীত
exchange-request-declined = ফিরিয়ে দেওয়া হয়েছে
error-workshop_not_found = এমন কোনো কর্মশালা নেই।
error-registration_closed = এই কর্মশালার নিবন্ধন বন্ধ হয়ে গেছে।
error-not_registered = আপনি এই কর্মশালায় নিবন্ধিত নন।
error-meeting_cap_reached = এই কর্মশালায় যতগুলো বৈঠকের অনুরোধ করা যায়, আপনি ততগুলো করে ফেলেছেন।
error-meeting_requested = আপনাদের দুজনের বৈঠকের অনুরোধ আগেই করা হয়েছে।
error-meeting_not_found = এমন কোনো বৈঠকের অনুরোধ নেই।
error-meeting_answered = এই অনুরোধের উত্তর আগেই দেওয়া হয়েছে।
field-unknown_time_zone = Asia/Dhaka-এর মতো কোনো সময় অঞ্চল হতে হবে
field-not_a_time = YYYY-MM-DDTHH:MM আকারে লেখা সময় হতে হবে
field-overlaps = আগের সময়ের ভাগ শেষ হওয়ার পরে শুরু হতে হবে
field-unknown_slot = এই কর্মশালার কোনো সময়ের ভাগ নয়
field-yourself = নিজে হতে পারে না
field-not_a_participant = এই কর্মশালায় নিবন্ধিত নন
error-meeting_not_held = এই বৈঠকটি সূচিতে নেই।
field-not_a_person = প্ল্যাটফর্মে নিবন্ধিত কোনো ব্যক্তি নন
exchange-join-title = নেটওয়ার্কে যোগ দিন
exchange-join-lead = আপনার প্রতিষ্ঠান (আপনি হবেন এর মালিক) অথবা বিশেষজ্ঞ হিসেবে নিজেকে নিবন্ধন করুন। তালিকায় ওঠার আগে সচিবালয় প্রত্যেক সদস্যকে যাচাই করে।
exchange-join-done = ধন্যবাদ। সচিবালয় সদস্যটিকে যাচাই করে সদস্য তালিকায় যোগ করবে।
exchange-join-name = প্রতিষ্ঠানের নাম, বা বিশেষজ্ঞ হিসেবে আপনার নাম
exchange-join-languages = যে ভাষাগুলোতে কাজ করেন
exchange-join-about = আপনারা কী করেন
exchange-join-website = ওয়েবসাইট
exchange-join-send = যোগ দেওয়ার অনুরোধ পাঠান
exchange-choose = বেছে নিন
exchange-need-new = প্রয়োজন জানান
exchange-need-lead = কোন সমস্যার সমাধান চান, কোথায় এবং কী সীমাবদ্ধতার মধ্যে — তা লিখুন। মিলতে পারে এমন সমাধান সঙ্গে সঙ্গে দেখানো হবে, প্রতিটির কারণসহ।
exchange-need-no-member = নেটওয়ার্কের যে সদস্যের সঙ্গে আপনি যুক্ত, সচিবালয় সেটি যাচাই করলে তার পক্ষে প্রয়োজন জানাতে পারবেন।
exchange-need-for = যার পক্ষে
exchange-need-send = প্রয়োজনটি জানান
exchange-sdgs-hint = এসডিজি লক্ষ্যমাত্রা, কমা দিয়ে আলাদা করে, যেমন ১.৩, ১৬.৬
exchange-search-title = সমাধান ও প্রয়োজন খুঁজুন
exchange-search-words = শব্দ (বাংলা, ইংরেজি বা আরবিতে)
exchange-search-button = খুঁজুন
exchange-search-results = ফলাফল
exchange-search-none = কিছু পাওয়া যায়নি। কম শব্দে খুঁজুন, বা কোনো ছাঁকনি সরিয়ে দিন।
exchange-search-found = { $count ->
    [one] { $n }টি ফলাফল
   *[other] { $n }টি ফলাফল
}
exchange-search-kind = সমাধান না প্রয়োজন
exchange-kind-of-solution = সমাধান
exchange-kind-of-need = প্রয়োজন
exchange-sdg-goal = এসডিজি লক্ষ্য
exchange-goal = লক্ষ্য { $goal }
exchange-search-link = খুঁজুন
error-not_software = এই সমাধানের কোনো publiccode.yml নেই: এটি সফটওয়্যার হিসেবে বর্ণিত নয়।
field-not_text = লেখা হতে হবে
field-not_a_list = তালিকা হতে হবে
field-not_a_map = কী ও মানের জোড়া হতে হবে
field-not_a_boolean = true বা false হতে হবে
field-yaml_syntax = এখানে YAML ঠিক নেই
field-short_too_long = সর্বোচ্চ ১৫০ অক্ষর হতে পারে
field-length_150_to_10000 = ১৫০ থেকে ১০,০০০ অক্ষরের হতে হবে
nav-exchange-moderation = এক্সচেঞ্জ মডারেশন
error-comment_not_found = এমন কোনো মন্তব্য নেই।
error-already_flagged = আপনি এটি আগেই রিপোর্ট করেছেন; মডারেটররা দেখবেন।
error-suspended = { $until } পর্যন্ত এক্সচেঞ্জে আপনার অংশগ্রহণ স্থগিত। কেন, তা আমাদের পাঠানো এসএমএসে লেখা আছে।
error-content_hidden = মডারেটররা যাচাই করা পর্যন্ত এটি লুকানো আছে।
field-not_for_people = এটি কনটেন্টের জন্য, কোনো ব্যক্তির জন্য নয়
exchange-moderation-what-comment = মন্তব্য
exchange-moderation-what-solution = সমাধান
exchange-moderation-what-need = চাহিদা
exchange-moderation-what-person = ব্যক্তি
exchange-sms-moderation-hide = শেতু এক্সচেঞ্জ: একজন মডারেটর আপনার { $kind ->
    [solution] সমাধানটি
    [need] চাহিদাটি
   *[comment] মন্তব্যটি
} লুকিয়ে দিয়েছেন। কারণ: { $reason }। নিয়ম: { $path }
exchange-sms-moderation-warn = শেতু এক্সচেঞ্জ: আপনার { $kind ->
    [solution] সমাধান
    [need] চাহিদা
    [comment] মন্তব্য
   *[person] আচরণ
} নিয়ে একজন মডারেটর আপনাকে সতর্ক করেছেন। কারণ: { $reason }। নিয়ম: { $path }
exchange-sms-moderation-suspend = শেতু এক্সচেঞ্জ: আপনার { $kind ->
    [solution] সমাধানের
    [need] চাহিদার
    [comment] মন্তব্যের
   *[person] আচরণের
} কারণে { $until } পর্যন্ত এক্সচেঞ্জে আপনার অংশগ্রহণ স্থগিত। কারণ: { $reason }। নিয়ম: { $path }
exchange-comments = আলোচনা
exchange-comments-none = এখনো কোনো মন্তব্য নেই।
exchange-hidden-notice = মডারেটররা এটি লুকিয়ে রেখেছেন: শুধু এর লেখকেরা ও মডারেটররা দেখতে পান।
exchange-comment-hidden = মডারেটররা যাচাই করা পর্যন্ত এই মন্তব্যটি লুকানো আছে।
exchange-comment-hidden-moderator = পাঠকদের কাছ থেকে লুকানো।
exchange-flag-comment = এই মন্তব্যটি রিপোর্ট করুন
exchange-flag-person = লেখককে রিপোর্ট করুন
exchange-comment-signin = আলোচনায় অংশ নিতে সাইন ইন করুন
exchange-comment-label = আপনার মন্তব্য
exchange-comment-hint = ভদ্র থাকুন, বিষয়ের মধ্যে থাকুন, আর কারও ব্যক্তিগত তথ্য দেবেন না।
exchange-comment-send = মন্তব্য পাঠান
exchange-flag-this = এটি মডারেটরদের কাছে রিপোর্ট করুন
exchange-back = ফিরে যান
exchange-flag-title = রিপোর্ট: { $what }
exchange-flag-lead = কী সমস্যা, মডারেটরদের জানান। আপনি যাঁকে রিপোর্ট করছেন, তিনি আপনার নাম দেখতে পাবেন না।
exchange-flag-done = ধন্যবাদ। মডারেটররা বিষয়টি দেখবেন।
exchange-flag-reason = সমস্যা কী?
exchange-flag-reason-spam = স্প্যাম বা বিজ্ঞাপন
exchange-flag-reason-abuse = গালিগালাজ, হয়রানি বা বিদ্বেষ
exchange-flag-reason-off_topic = সরকারি সেবার উদ্ভাবন নিয়ে নয়
exchange-flag-reason-misleading = মিথ্যা বা বিভ্রান্তিকর দাবি
exchange-flag-reason-personal_data = কারও ব্যক্তিগত তথ্য
exchange-flag-reason-other = অন্য কিছু
exchange-flag-note = আপনার ভাষায় লিখুন
exchange-flag-note-hint = "অন্য কিছু" বেছে নিলে লিখতে হবে।
exchange-flag-send = রিপোর্ট পাঠান
exchange-moderation-title = মডারেশনের তালিকা
exchange-moderation-lead = রিপোর্ট হওয়া কনটেন্ট ও ব্যক্তি, লুকানোগুলো আগে। আপনার লেখা কারণটি ব্যক্তিকে এসএমএসে জানানো হবে।
exchange-moderation-empty = কিছুই অপেক্ষায় নেই।
exchange-moderation-hidden = যাচাই না হওয়া পর্যন্ত লুকানো
exchange-moderation-by = লিখেছেন { $name }
exchange-moderation-earlier = { $count ->
    [one] আগে একবার সতর্ক বা স্থগিত করা হয়েছে
   *[other] আগে { $count } বার সতর্ক বা স্থগিত করা হয়েছে
}
exchange-moderation-action = সিদ্ধান্ত
exchange-decide-hide = লুকিয়ে দিন
exchange-decide-restore = ফিরিয়ে দিন (কোনো সমস্যা নেই)
exchange-decide-warn = ব্যক্তিকে সতর্ক করুন (কনটেন্টও লুকানো হবে)
exchange-decide-suspend = ব্যক্তিকে স্থগিত করুন (কনটেন্টও লুকানো হবে)
exchange-moderation-reason = ব্যক্তিকে যে কারণ জানানো হবে
exchange-moderation-reason-hint = ফিরিয়ে দেওয়া ছাড়া সব ক্ষেত্রে লিখতে হবে। কোন নিয়ম ভাঙা হয়েছে, তা লিখুন।
exchange-moderation-days = কত দিন স্থগিত
exchange-moderation-days-hint = শুধু স্থগিত করার জন্য: ১ থেকে { $max } দিন।
exchange-moderation-send = সিদ্ধান্ত দিন
exchange-decided-hide = লুকানো হয়েছে। ব্যক্তিকে কারণ জানানো হয়েছে।
exchange-decided-restore = ফিরিয়ে দেওয়া হয়েছে।
exchange-decided-warn = সতর্ক করা হয়েছে। ব্যক্তিকে কারণ জানানো হয়েছে।
exchange-decided-suspend = স্থগিত করা হয়েছে। ব্যক্তিকে কারণ ও কত দিন, তা জানানো হয়েছে।
exchange-policy-title = কনটেন্ট নীতি ও আচরণবিধি
exchange-policy-lead = এক্সচেঞ্জে সরকারি কর্মচারী, প্রতিষ্ঠান, বিশেষজ্ঞ ও শিক্ষাবিদেরা একে অপরের কাছ থেকে শেখেন। এই নিয়মগুলো জায়গাটিকে সবার জন্য কাজের ও নিরাপদ রাখে।
exchange-policy-conduct-title = আমাদের আচরণ
exchange-policy-conduct-respect = দেশ, ভাষা, লিঙ্গ, ধর্ম বা পদ যা-ই হোক, সবার সঙ্গে সম্মান রেখে কথা বলুন।
exchange-policy-conduct-evidence = কী কাজ করেছে আর কী করেনি, দুটোই বলুন, আর ফলাফলের পক্ষে প্রমাণ দিন।
exchange-policy-conduct-topic = আলোচনা সরকারি সেবা ও তার উদ্ভাবন নিয়েই রাখুন।
exchange-policy-conduct-privacy = কারও ব্যক্তিগত তথ্য দেবেন না: নাগরিকের নাম, ফোন নম্বর, পরিচয়পত্রের নম্বর।
exchange-policy-conduct-selling = বিজ্ঞাপন দেবেন না, বিক্রি করতে চাইবেন না; প্রতিষ্ঠান তার সমাধানের কথা বলতে পারে, বিক্রির চাপ দিতে পারে না।
exchange-policy-conduct-credit = যে মানুষ ও যে জায়গা থেকে সমাধানটি এসেছে, তাঁদের কৃতিত্ব দিন।
exchange-policy-content-title = যা চলবে না
exchange-policy-content-text = মডারেটররা সরিয়ে দেন:
exchange-policy-flags-title = রিপোর্ট করা
exchange-policy-flags-text = সাইন ইন করা যে কেউ কারণসহ কোনো মন্তব্য, সমাধান, চাহিদা বা ব্যক্তিকে রিপোর্ট করতে পারেন। একই কনটেন্ট { $count } জন রিপোর্ট করলে মডারেটর যাচাই না করা পর্যন্ত তা লুকানো থাকে।
exchange-policy-steps-title = মডারেটররা যা করেন
exchange-policy-steps-hide = নিয়ম ভাঙা কনটেন্ট লুকিয়ে দেন, আর কোনো সমস্যা না থাকলে ফিরিয়ে দেন।
exchange-policy-steps-warn = যিনি লিখেছেন, তাঁকে সতর্ক করেন।
exchange-policy-steps-suspend = বারবার নিয়ম ভাঙলে কয়েক দিনের জন্য স্থগিত করেন: সেই সময় তিনি মন্তব্য, রিপোর্ট, চাহিদা বা সমাধান কিছুই পাঠাতে পারেন না।
exchange-policy-appeal = প্রতিটি সিদ্ধান্ত লিপিবদ্ধ থাকে। ব্যক্তিকে এসএমএসে কারণ জানানো হয়; দ্বিমত থাকলে মতামতের পাতা থেকে সচিবালয়ে লিখুন।
