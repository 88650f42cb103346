## Regions of the country pack
nav-regions = অঞ্চল
home-regions-link = { POSS($country) } অঞ্চলগুলো দেখুন
regions-title = { POSS($country) } অঞ্চল
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
error-region_not_found = এমন কোনো অঞ্চল নেই।
home-regions-title = এলাকা
home-regions-text = { POSS($country) } বড় থেকে ছোট সব অঞ্চল, আর কোথায় কোন ডিজিটাল সেন্টারে সাহায্য মেলে।
