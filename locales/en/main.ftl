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

## People and access: errors
error-invalid_credentials = Wrong mobile number or password.
error-rate_limited = Too many attempts. Please wait a little and try again.
error-sign_in_required = Please sign in first.
error-forbidden = You are not allowed to do this.
error-mandate_required = You need this person's active permission (a mandate) for this.
error-code_invalid = The code is wrong or has expired. Ask for a new one.
error-person_not_found = There is no such person.
error-mandate_not_found = There is no such permission.
error-token_not_found = There is no such token.
error-organization_not_found = There is no such organisation.
error-service_point_not_found = There is no such service point.
error-phone_taken = This mobile number is already registered.
error-mandate_not_pending = This permission is no longer waiting for confirmation.
error-mandate_revoked = This permission has already been withdrawn.
error-cannot_remove_own_admin = You cannot remove your own admin role.
error-csrf_failed = This form has expired. Please go back, reload the page and try again.
field-too_short = must be at least { $min } characters
field-unknown_value = is not one of the allowed values
field-self_mandate = cannot be yourself
field-not_an_image = must be a JPEG, PNG or WebP photo
field-not_found = does not exist
field-invalid = is not valid

## Header
nav-signin = Sign in
nav-account = My account
nav-agent = Agent console
nav-admin = Admin
nav-signout = Sign out
signed-in-as = Signed in as { $name }
acting-for = You are acting for { $name }
acting-stop = Stop acting

## Sign in and password
signin-title = Sign in
signin-phone = Mobile number
signin-password = Password
signin-submit = Sign in
signin-no-password = No password yet, or forgot it? Set one with a code sent to your phone.
password-title = Set your password
password-intro = We send a code by SMS to your mobile number. Then choose a password.
password-send-code = Send code
password-code = Code from the SMS
password-new = New password (at least 8 characters)
password-save = Save password
password-sent = If this number is registered, a code is on its way. It works for 10 minutes.
password-done = Your password is set. Please sign in.

## My account
account-title = My account
account-profile = Profile
account-name = Name
account-language = Language
account-home-region = Home district
account-no-region = Not chosen
account-save = Save
account-saved = Saved.
account-phone = Mobile number
account-roles = Roles
account-memberships = Organisations
account-none = None
account-mandates = Permissions you have given
account-tokens-link = API tokens
account-audit-link = What others did for you
role-admin = Administrator
role-moderator = Moderator
role-agent = Agent
role-analyst = Analyst
member-owner = Owner
member-staff = Staff
mandate-status-pending = Waiting for confirmation
mandate-status-active = Active
mandate-status-expired = Expired
mandate-status-revoked = Withdrawn
mandate-until = until { $date }
mandate-revoke = Withdraw
mandate-agent = Agent
mandate-scopes = Allows
mandate-status = Status

## API tokens
tokens-title = API tokens
tokens-intro = A token lets a program use the API in your name. A new token is shown only once.
tokens-name = Name of the new token
tokens-create = Create token
tokens-new = Your new token. Copy it now; it will not be shown again:
tokens-revoke = Revoke
tokens-none = No tokens yet.
tokens-created = Created
tokens-last-used = Last used
tokens-revoked = Revoked

## Audit
audit-title = What others did for you
audit-intro = Every action someone else did for you or about you, newest first.
audit-when = When
audit-who = Who
audit-what = What
audit-none = Nobody has done anything for you yet.
action-person-create = registered you
action-person-update_profile = changed your profile
action-person-set_password = set your password
action-mandate-request = asked for your permission
action-mandate-confirm = recorded your permission
action-mandate-revoke = withdrew a permission
action-agent-act_for = started acting for you
action-agent-stop_acting = stopped acting for you
action-role-grant = gave you a role
action-role-withdraw = took a role away
action-membership-set = added you to an organisation
action-service_point-assign_agent = made you an agent at a service point
someone-system = shetu (system)

## Agent console
agent-title = Agent console
agent-point = Your service point: { $name }
agent-clients = My clients
agent-none = No clients yet.
agent-act = Act for this client
agent-request-title = Ask a person for permission
agent-request-intro = Enter the person's mobile number. If they are new, also give their name to register them. They get a code by SMS.
agent-person-name = Name (for a new person)
agent-person-phone = Mobile number
agent-scopes-label = What you may do for them
agent-days = For how many days
agent-request-submit = Send code
agent-requested = A code was sent to the person's phone. Enter it below when they tell you.
agent-confirm-title = Enter the code
agent-code = Code the person received
agent-confirm-submit = Confirm
agent-paper-title = Or record a signed paper form
agent-witness = Witness name
agent-photo = Photo of the signed form
agent-paper-submit = Record paper form
agent-acting-title = Acting for { $name }
agent-client-profile = Update the client's language and home district
agent-client-saved = The client's profile was saved.

## Admin
admin-title = Administration
admin-people = People
admin-search = Search by name or mobile number
admin-search-submit = Search
admin-register = Register a person
admin-roles = Roles
admin-grant = Grant
admin-withdraw = Withdraw
admin-role = Role
admin-person-phone = Mobile number of the person
admin-orgs = Organisations
admin-org-name = Name
admin-org-kind = Kind
admin-create-org = Create organisation
admin-add-member = Add a member
admin-member-role = Role in the organisation
admin-points = Service points
admin-point-name = Name of the service point
admin-point-region = Union (region id, e.g. bd.union.1)
admin-create-point = Open service point
admin-assign-agent = Assign an agent
admin-audit = Audit trail
admin-audit-filter = Person id or action (e.g. mandate.)
admin-sms = Sandbox SMS outbox (demo only)
admin-sms-to = To
admin-sms-text = Text
admin-sms-none = No messages.
admin-done = Done.
orgkind-shop = Shop
orgkind-wholesaler = Wholesaler
orgkind-partner_marketplace = Partner marketplace
orgkind-courier = Courier
orgkind-training_provider = Training provider
orgkind-employer = Employer
orgkind-recruiting_agency = Recruiting agency
orgkind-industry_association = Industry association
orgkind-government_department = Government department
orgkind-network_member = Network member
