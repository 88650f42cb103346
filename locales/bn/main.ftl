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

## People and access: errors
error-invalid_credentials = মোবাইল নম্বর বা পাসওয়ার্ড ভুল।
error-rate_limited = অনেকবার চেষ্টা হয়েছে। একটু অপেক্ষা করে আবার চেষ্টা করুন।
error-sign_in_required = আগে সাইন ইন করুন।
error-forbidden = এ কাজের অনুমতি আপনার নেই।
error-mandate_required = এ কাজের জন্য ব্যক্তির সক্রিয় অনুমতি (ম্যান্ডেট) লাগবে।
error-code_invalid = কোডটি ভুল বা মেয়াদোত্তীর্ণ। নতুন কোড চান।
error-person_not_found = এমন কোনো ব্যক্তি নেই।
error-mandate_not_found = এমন কোনো অনুমতি নেই।
error-token_not_found = এমন কোনো টোকেন নেই।
error-organization_not_found = এমন কোনো প্রতিষ্ঠান নেই।
error-service_point_not_found = এমন কোনো সেবাকেন্দ্র নেই।
error-phone_taken = এই মোবাইল নম্বর আগেই নিবন্ধিত।
error-mandate_not_pending = এই অনুমতি আর নিশ্চিতকরণের অপেক্ষায় নেই।
error-mandate_revoked = এই অনুমতি আগেই প্রত্যাহার করা হয়েছে।
error-cannot_remove_own_admin = নিজের অ্যাডমিন ভূমিকা নিজে সরানো যায় না।
error-csrf_failed = ফর্মটির মেয়াদ শেষ। পেছনে গিয়ে পাতাটি আবার লোড করে চেষ্টা করুন।
field-too_short = কমপক্ষে { $min } অক্ষর হতে হবে
field-unknown_value = অনুমোদিত মানগুলোর একটি নয়
field-self_mandate = আপনি নিজে হতে পারবেন না
field-not_an_image = JPEG, PNG বা WebP ছবি হতে হবে
field-not_found = নেই
field-invalid = সঠিক নয়

## Header
nav-signin = সাইন ইন
nav-account = আমার অ্যাকাউন্ট
nav-agent = উদ্যোক্তা কনসোল
nav-admin = প্রশাসন
nav-signout = সাইন আউট
signed-in-as = সাইন ইন করেছেন: { $name }
acting-for = আপনি { $name }-এর হয়ে কাজ করছেন
acting-stop = হয়ে কাজ করা বন্ধ করুন

## Sign in and password
signin-title = সাইন ইন
signin-phone = মোবাইল নম্বর
signin-password = পাসওয়ার্ড
signin-submit = সাইন ইন
signin-no-password = পাসওয়ার্ড নেই বা ভুলে গেছেন? ফোনে পাঠানো কোড দিয়ে সেট করুন।
password-title = পাসওয়ার্ড সেট করুন
password-intro = আপনার মোবাইল নম্বরে এসএমএসে একটি কোড পাঠানো হবে। তারপর একটি পাসওয়ার্ড বেছে নিন।
password-send-code = কোড পাঠান
password-code = এসএমএসের কোড
password-new = নতুন পাসওয়ার্ড (কমপক্ষে ৮ অক্ষর)
password-save = পাসওয়ার্ড সংরক্ষণ
password-sent = নম্বরটি নিবন্ধিত হলে একটি কোড আসছে। কোডটি ১০ মিনিট কাজ করবে।
password-done = পাসওয়ার্ড সেট হয়েছে। এবার সাইন ইন করুন।

## My account
account-title = আমার অ্যাকাউন্ট
account-profile = প্রোফাইল
account-name = নাম
account-language = ভাষা
account-home-region = নিজ জেলা
account-no-region = বেছে নেওয়া হয়নি
account-save = সংরক্ষণ
account-saved = সংরক্ষিত হয়েছে।
account-phone = মোবাইল নম্বর
account-roles = ভূমিকা
account-memberships = প্রতিষ্ঠান
account-none = নেই
account-mandates = আপনার দেওয়া অনুমতি
account-tokens-link = এপিআই টোকেন
account-audit-link = অন্যরা আপনার হয়ে যা করেছেন
role-admin = প্রশাসক
role-moderator = মডারেটর
role-agent = উদ্যোক্তা
role-analyst = বিশ্লেষক
member-owner = মালিক
member-staff = কর্মী
mandate-status-pending = নিশ্চিতকরণের অপেক্ষায়
mandate-status-active = সক্রিয়
mandate-status-expired = মেয়াদোত্তীর্ণ
mandate-status-revoked = প্রত্যাহৃত
mandate-until = { $date } পর্যন্ত
mandate-revoke = প্রত্যাহার
mandate-agent = উদ্যোক্তা
mandate-scopes = অনুমতি
mandate-status = অবস্থা

## API tokens
tokens-title = এপিআই টোকেন
tokens-intro = টোকেন দিয়ে কোনো প্রোগ্রাম আপনার নামে এপিআই ব্যবহার করতে পারে। নতুন টোকেন একবারই দেখানো হয়।
tokens-name = নতুন টোকেনের নাম
tokens-create = টোকেন তৈরি
tokens-new = আপনার নতুন টোকেন। এখনই কপি করুন; আর দেখানো হবে না:
tokens-revoke = বাতিল
tokens-none = এখনো কোনো টোকেন নেই।
tokens-created = তৈরি
tokens-last-used = শেষ ব্যবহার
tokens-revoked = বাতিল হয়েছে

## Audit
audit-title = অন্যরা আপনার হয়ে যা করেছেন
audit-intro = অন্য কেউ আপনার হয়ে বা আপনার বিষয়ে যা করেছেন, নতুনটি আগে।
audit-when = কখন
audit-who = কে
audit-what = কী
audit-none = এখনো কেউ আপনার হয়ে কিছু করেননি।
action-person-create = আপনাকে নিবন্ধন করেছেন
action-person-update_profile = আপনার প্রোফাইল বদলেছেন
action-person-set_password = আপনার পাসওয়ার্ড সেট করেছেন
action-mandate-request = আপনার অনুমতি চেয়েছেন
action-mandate-confirm = আপনার অনুমতি নথিভুক্ত করেছেন
action-mandate-revoke = একটি অনুমতি প্রত্যাহার করেছেন
action-agent-act_for = আপনার হয়ে কাজ শুরু করেছেন
action-agent-stop_acting = আপনার হয়ে কাজ বন্ধ করেছেন
action-role-grant = আপনাকে একটি ভূমিকা দিয়েছেন
action-role-withdraw = একটি ভূমিকা সরিয়ে নিয়েছেন
action-membership-set = আপনাকে একটি প্রতিষ্ঠানে যুক্ত করেছেন
action-service_point-assign_agent = আপনাকে একটি সেবাকেন্দ্রের উদ্যোক্তা করেছেন
someone-system = সেতু (সিস্টেম)

## Agent console
agent-title = উদ্যোক্তা কনসোল
agent-point = আপনার সেবাকেন্দ্র: { $name }
agent-clients = আমার সেবাগ্রহীতা
agent-none = এখনো কোনো সেবাগ্রহীতা নেই।
agent-act = এই সেবাগ্রহীতার হয়ে কাজ করুন
agent-request-title = অনুমতি চান
agent-request-intro = ব্যক্তির মোবাইল নম্বর লিখুন। নতুন হলে নিবন্ধনের জন্য নামও দিন। তিনি এসএমএসে একটি কোড পাবেন।
agent-person-name = নাম (নতুন ব্যক্তির জন্য)
agent-person-phone = মোবাইল নম্বর
agent-scopes-label = আপনি তাঁর হয়ে যা করতে পারবেন
agent-days = কত দিনের জন্য
agent-request-submit = কোড পাঠান
agent-requested = ব্যক্তির ফোনে কোড পাঠানো হয়েছে। তিনি জানালে নিচে লিখুন।
agent-confirm-title = কোড লিখুন
agent-code = ব্যক্তির পাওয়া কোড
agent-confirm-submit = নিশ্চিত করুন
agent-paper-title = অথবা স্বাক্ষরিত কাগজের ফর্ম নথিভুক্ত করুন
agent-witness = সাক্ষীর নাম
agent-photo = স্বাক্ষরিত ফর্মের ছবি
agent-paper-submit = কাগজের ফর্ম নথিভুক্ত করুন
agent-acting-title = { $name }-এর হয়ে কাজ করছেন
agent-client-profile = সেবাগ্রহীতার ভাষা ও নিজ জেলা হালনাগাদ করুন
agent-client-saved = সেবাগ্রহীতার প্রোফাইল সংরক্ষিত হয়েছে।

## Admin
admin-title = প্রশাসন
admin-people = ব্যক্তি
admin-search = নাম বা মোবাইল নম্বর দিয়ে খুঁজুন
admin-search-submit = খুঁজুন
admin-register = ব্যক্তি নিবন্ধন
admin-roles = ভূমিকা
admin-grant = দিন
admin-withdraw = সরান
admin-role = ভূমিকা
admin-person-phone = ব্যক্তির মোবাইল নম্বর
admin-orgs = প্রতিষ্ঠান
admin-org-name = নাম
admin-org-kind = ধরন
admin-create-org = প্রতিষ্ঠান তৈরি
admin-add-member = সদস্য যোগ
admin-member-role = প্রতিষ্ঠানে ভূমিকা
admin-points = সেবাকেন্দ্র
admin-point-name = সেবাকেন্দ্রের নাম
admin-point-region = ইউনিয়ন (অঞ্চলের আইডি, যেমন bd.union.1)
admin-create-point = সেবাকেন্দ্র চালু
admin-assign-agent = উদ্যোক্তা নিয়োগ
admin-audit = নিরীক্ষা-লগ
admin-audit-filter = ব্যক্তির আইডি বা কাজ (যেমন mandate.)
admin-sms = স্যান্ডবক্স এসএমএস আউটবক্স (শুধু ডেমো)
admin-sms-to = প্রাপক
admin-sms-text = বার্তা
admin-sms-none = কোনো বার্তা নেই।
admin-done = সম্পন্ন।
orgkind-shop = দোকান
orgkind-wholesaler = পাইকার
orgkind-partner_marketplace = অংশীদার মার্কেটপ্লেস
orgkind-courier = কুরিয়ার
orgkind-training_provider = প্রশিক্ষণ প্রতিষ্ঠান
orgkind-employer = নিয়োগকর্তা
orgkind-recruiting_agency = রিক্রুটিং এজেন্সি
orgkind-industry_association = শিল্প সমিতি
orgkind-government_department = সরকারি দপ্তর
orgkind-network_member = নেটওয়ার্ক সদস্য
