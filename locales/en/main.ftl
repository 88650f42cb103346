## Layout
site-name = shetu
site-tagline = One bridge to markets, skills and public-service innovation
skip-to-content = Skip to content
nav-home = Home
nav-regions = Regions
nav-api = API
language-label = Language
footer-licence = shetu is free and open-source software (Apache-2.0), a digital public good.
footer-data = Region data: bangladesh-geocode (MIT) and iso-codes (LGPL-2.1+).
footer-country = Serving { $country }

## Home
home-title = Welcome to shetu
home-intro = shetu (সেতু, “bridge”) is one public platform for three services. People can use it themselves, or with the help of an agent at their local digital centre.
module-commerce-title = Rural e-commerce
module-commerce-text = Women-led cottage and micro enterprises, farmers and wholesalers sell across the country. Agents at digital centres list products and place orders for people; partner shops and couriers connect through open, signed interfaces.
module-skills-title = Skills and jobs
module-skills-text = Job seekers, training providers and employers meet: courses, apprenticeships and vacancies matched to skills, with labour-market figures for policy makers.
module-exchange-title = Innovation exchange
module-exchange-text = Governments, firms, experts and academics share public-service innovations, post their needs, get matched and meet at matchmaking workshops.
module-status = Opening soon
home-regions-link = Browse the regions of { $country }

## Regions
regions-title = Regions of { $country }
regions-inside = { $count ->
    [one] { $n } region inside
   *[other] { $n } regions inside
}
regions-none = No smaller regions are listed here.
regions-breadcrumb = You are here
regions-code = ISO 3166-2 code
region-level-division = Division
region-level-district = District
region-level-upazila = Upazila
region-level-union = Union
region-level-governorate = Governorate

## API documentation
api-docs-title = shetu API
api-docs-intro = A JSON API under /api/v1. Errors always come as {"{"}"error": {"{"}"code", "message"{"}"}{"}"}; the code is stable and the message is in the language you ask for (Accept-Language).
api-docs-spec = OpenAPI 3.1 document
api-docs-explorer = Try the API in the interactive explorer (loads a larger script)
api-docs-method = Method
api-docs-path = Path
api-docs-summary = What it does

## Errors (the code doubles as the key)
error-title = Something went wrong
error-home = Back to the home page
error-not_found = We could not find that page.
error-region_not_found = There is no such region.
error-method_not_allowed = This address does not accept that kind of request.
error-payload_too_large = What you sent is too large.
error-malformed_json = The request body is not valid JSON.
error-unsupported_media_type = Send the request body as JSON (Content-Type: application/json).
error-validation_failed = Some fields are not valid.
error-invalid_query = The address has parameters we cannot read.
error-invalid_path = The address is not valid.
error-invalid_cursor = The page cursor is not valid; start again from the first page.
error-unsupported_language = That language is not available. Choose বাংলা, English or العربية.
error-internal_error = Something went wrong on our side. Please try again.
error-service_unavailable = The service is not ready yet. Please try again shortly.
error-timeout = The request took too long. Please try again.
error-bad_request = The request is not valid.

## Field problems
field-required = is required
field-empty = must not be empty
field-too_long = must be at most { $max } characters
field-control_character = contains a character that is not allowed
field-invalid_type = has the wrong type
field-unknown_field = is not a field of this request
field-out_of_range = must be between { $min } and { $max }
field-invalid_phone = is not a mobile number of this country (for example { $example })
field-invalid_region = is not a region id

## Feedback
feedback-title = Tell us what to improve
feedback-intro = Something did not work, or could be better? Tell us. You may leave a mobile number if you want an answer.
feedback-message = Your message
feedback-phone = Mobile number (optional)
feedback-send = Send
feedback-thanks = Thank you. Your message has reached the team.
nav-feedback = Feedback
error-cross_site_request = This form was sent from another website, so it was refused.

## Text messages (SMS)
sms-password-code = shetu: your code to set a password is { $code }. It works for 10 minutes. Do not share it.
sms-mandate-code = shetu: agent { $agent } asks to act for you ({ $scopes }). If you agree, tell them the code { $code }. It works for 10 minutes.

## Mandate scopes
scope-profile-edit = keep your profile
scope-commerce-sell = sell for you
scope-commerce-buy = order for you
scope-skills-profile = keep your skills and job profile
