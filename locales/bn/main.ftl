## Layout
site-name = সেতু
site-tagline = বাজার, দক্ষতা আর জনসেবা উদ্ভাবনের এক সেতু
skip-to-content = মূল অংশে যান
nav-home = প্রথম পাতা
nav-regions = অঞ্চল
nav-api = এপিআই
language-label = ভাষা
footer-licence = সেতু একটি মুক্ত ও ওপেন-সোর্স সফটওয়্যার (Apache-2.0), একটি ডিজিটাল জনসম্পদ।
footer-data = অঞ্চলের তথ্য: bangladesh-geocode (MIT) ও iso-codes (LGPL-2.1+)।
footer-country = সেবা দিচ্ছে: { $country }

## Home
home-title = সেতুতে স্বাগতম
home-intro = সেতু তিনটি সেবার একটি সরকারি প্ল্যাটফর্ম। আপনি নিজে ব্যবহার করতে পারেন, অথবা কাছের ডিজিটাল সেন্টারের উদ্যোক্তার সাহায্য নিতে পারেন।
module-commerce-title = গ্রামীণ ই-কমার্স
module-commerce-text = নারী-নেতৃত্বাধীন কুটির ও ক্ষুদ্র উদ্যোগ, কৃষক ও পাইকাররা সারা দেশে বিক্রি করেন। ডিজিটাল সেন্টারের উদ্যোক্তারা মানুষের হয়ে পণ্য তালিকাভুক্ত করেন ও অর্ডার দেন; অংশীদার দোকান ও কুরিয়ার উন্মুক্ত, স্বাক্ষরিত ইন্টারফেসে যুক্ত হয়।
module-skills-title = দক্ষতা ও কর্মসংস্থান
module-skills-text = চাকরিপ্রার্থী, প্রশিক্ষণ প্রতিষ্ঠান ও নিয়োগকর্তারা এক জায়গায়: দক্ষতা অনুযায়ী কোর্স, শিক্ষানবিশি ও চাকরি, আর নীতিনির্ধারকদের জন্য শ্রমবাজারের তথ্য।
module-exchange-title = উদ্ভাবন বিনিময়
module-exchange-text = সরকার, প্রতিষ্ঠান, বিশেষজ্ঞ ও শিক্ষাবিদরা জনসেবার উদ্ভাবন ভাগ করেন, প্রয়োজন জানান, উপযুক্ত অংশীদার খুঁজে পান এবং ম্যাচমেকিং কর্মশালায় মিলিত হন।
module-status = শীঘ্রই চালু হচ্ছে
home-regions-link = { $country }-এর অঞ্চলগুলো দেখুন

## Regions
regions-title = { $country }-এর অঞ্চল
regions-inside = { $count ->
    [one] ভেতরে { $n }টি অঞ্চল
   *[other] ভেতরে { $n }টি অঞ্চল
}
regions-none = এখানে এর চেয়ে ছোট কোনো অঞ্চল তালিকাভুক্ত নেই।
regions-breadcrumb = আপনি এখানে আছেন
regions-code = আইএসও ৩১৬৬-২ কোড
region-level-division = বিভাগ
region-level-district = জেলা
region-level-upazila = উপজেলা
region-level-union = ইউনিয়ন
region-level-governorate = প্রদেশ

## API documentation
api-docs-title = সেতু এপিআই
api-docs-intro = /api/v1 ঠিকানায় একটি JSON এপিআই। ত্রুটি সবসময় {"{"}"error": {"{"}"code", "message"{"}"}{"}"} আকারে আসে; কোডটি স্থির, আর বার্তাটি আপনার চাওয়া ভাষায় (Accept-Language)।
api-docs-spec = OpenAPI 3.1 নথি
api-docs-explorer = ইন্টারঅ্যাকটিভ এক্সপ্লোরারে এপিআই চালিয়ে দেখুন (বড় একটি স্ক্রিপ্ট লোড হবে)
api-docs-method = পদ্ধতি
api-docs-path = ঠিকানা
api-docs-summary = কী করে

## Errors (the code doubles as the key)
error-title = কিছু একটা সমস্যা হয়েছে
error-home = প্রথম পাতায় ফিরে যান
error-not_found = পাতাটি খুঁজে পাওয়া যায়নি।
error-region_not_found = এমন কোনো অঞ্চল নেই।
error-method_not_allowed = এই ঠিকানা এ ধরনের অনুরোধ গ্রহণ করে না।
error-payload_too_large = আপনার পাঠানো তথ্য খুব বড়।
error-malformed_json = অনুরোধের বিষয়বস্তু সঠিক JSON নয়।
error-unsupported_media_type = অনুরোধের বিষয়বস্তু JSON হিসেবে পাঠান (Content-Type: application/json)।
error-validation_failed = কিছু ঘর সঠিকভাবে পূরণ হয়নি।
error-invalid_query = ঠিকানার কিছু প্যারামিটার পড়া যাচ্ছে না।
error-invalid_path = ঠিকানাটি সঠিক নয়।
error-invalid_cursor = পাতার কার্সরটি সঠিক নয়; প্রথম পাতা থেকে আবার শুরু করুন।
error-unsupported_language = এই ভাষাটি নেই। বাংলা, English বা العربية বেছে নিন।
error-internal_error = আমাদের দিকে একটি সমস্যা হয়েছে। অনুগ্রহ করে আবার চেষ্টা করুন।
error-service_unavailable = সেবাটি এখনো প্রস্তুত নয়। একটু পরে আবার চেষ্টা করুন।
error-timeout = অনুরোধে অনেক সময় লেগেছে। অনুগ্রহ করে আবার চেষ্টা করুন।
error-bad_request = অনুরোধটি সঠিক নয়।

## Field problems
field-required = দিতে হবে
field-empty = খালি রাখা যাবে না
field-too_long = সর্বোচ্চ { $max } অক্ষর হতে পারে
field-control_character = এতে অগ্রহণযোগ্য অক্ষর আছে
field-invalid_type = ধরন ভুল
field-unknown_field = এই অনুরোধের কোনো ঘর নয়
field-out_of_range = { $min } থেকে { $max }-এর মধ্যে হতে হবে
field-invalid_phone = এ দেশের মোবাইল নম্বর নয় (যেমন { $example })
field-invalid_region = অঞ্চলের সঠিক আইডি নয়

## Feedback
feedback-title = কী ভালো করা যায়, আমাদের জানান
feedback-intro = কিছু কাজ করেনি, বা আরও ভালো হতে পারে? আমাদের জানান। উত্তর চাইলে মোবাইল নম্বর দিতে পারেন।
feedback-message = আপনার বার্তা
feedback-phone = মোবাইল নম্বর (ঐচ্ছিক)
feedback-send = পাঠান
feedback-thanks = ধন্যবাদ। আপনার বার্তা আমাদের দলের কাছে পৌঁছেছে।
nav-feedback = মতামত
error-cross_site_request = ফর্মটি অন্য একটি ওয়েবসাইট থেকে পাঠানো হয়েছে, তাই গ্রহণ করা হয়নি।

## Text messages (SMS)
sms-password-code = সেতু: পাসওয়ার্ড সেট করার কোড { $code }। কোডটি ১০ মিনিট কাজ করবে। কাউকে বলবেন না।
sms-mandate-code = সেতু: উদ্যোক্তা { $agent } আপনার হয়ে কাজ করার অনুমতি চাইছেন ({ $scopes })। রাজি থাকলে তাঁকে কোড { $code } বলুন। কোডটি ১০ মিনিট কাজ করবে।

## Mandate scopes
scope-profile-edit = আপনার প্রোফাইল হালনাগাদ
scope-commerce-sell = আপনার হয়ে বিক্রি
scope-commerce-buy = আপনার হয়ে অর্ডার
scope-skills-profile = আপনার দক্ষতা ও চাকরির প্রোফাইল
