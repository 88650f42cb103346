## Feedback to the team that runs the platform
feedback-title = কী ভালো করা যায়, আমাদের জানান
feedback-intro = কিছু কাজ করেনি, বা আরও ভালো হতে পারে? আমাদের জানান। উত্তর চাইলে মোবাইল নম্বর দিতে পারেন।
feedback-message = আপনার বার্তা
feedback-phone = মোবাইল নম্বর (ঐচ্ছিক)
feedback-send = পাঠান
feedback-thanks = ধন্যবাদ। আপনার বার্তা আমাদের দলের কাছে পৌঁছেছে।
nav-feedback = মতামত
home-feedback-title = কী ভালো করা যায়, জানান
home-feedback-text = কিছু কাজ করেনি? প্ল্যাটফর্ম যাঁরা চালান, তাঁদের লিখুন।
home-feedback-link = আমাদের লিখুন
