nav-exchange = Innovation exchange
nav-exchange-secretariat = Exchange secretariat
home-exchange-title = Public-service innovations
home-exchange-text = Governments, firms, experts and academics share solutions that worked at home and find ones that fit their needs.
home-exchange-link = Open the exchange
org-kind-government = Government
org-kind-private = Private company
org-kind-academic = Academic institution
org-kind-development-partner = Development partner
org-kind-civil-society = Civil society organisation

exchange-title = Public-service innovation exchange
exchange-lead = A South-South network: members share public-service solutions that worked at home, post the problems they need solved, and are matched with each other.
exchange-members-count = { $count ->
    [one] { $n } member
   *[other] { $n } members
}
exchange-solutions-title = Solutions
exchange-needs-title = Needs
exchange-latest-solutions = Latest solutions
exchange-open-needs = Open needs
exchange-none-yet = Nothing here yet.
exchange-members-title = Member directory
exchange-country = Country
exchange-kind = Kind of member
exchange-focus = Focus area
exchange-show = Show
exchange-members-found = { $count ->
    [one] { $n } member found
   *[other] { $n } members found
}
exchange-all-countries = All countries
exchange-all-kinds = All kinds
exchange-all-focus = All focus areas
exchange-all-maturity = Any maturity
exchange-runs-in = Runs in
exchange-sdg = SDG target or goal
exchange-sdg-hint = For example 16.6, or 16 for every target of goal 16.
exchange-maturity = Maturity
exchange-solutions-found = { $count ->
    [one] { $n } solution found
   *[other] { $n } solutions found
}
exchange-status-note = You are reading the latest version, which is { $status }. Readers see the published version.
exchange-status-submitted = waiting for review
exchange-status-in_review = in review
exchange-status-published = published
exchange-status-returned = returned for changes
exchange-field-title = Title
exchange-field-problem = The problem
exchange-field-approach = The approach
exchange-field-results = Results
exchange-field-evidence = Evidence
exchange-field-implemented = Running today
exchange-field-countries = Where it runs
exchange-field-level = Level of government
exchange-field-cost = Cost to adopt
exchange-field-months-to-adopt = Months to adopt
exchange-field-maturity = Maturity
exchange-field-sdgs = SDG targets
exchange-field-focus = Focus areas
exchange-field-contact = Contact
exchange-field-context = Context
exchange-field-constraints = Constraints
exchange-yes = Yes
exchange-no = No
exchange-level-national = National
exchange-level-regional = Regional or provincial
exchange-level-local = Local
exchange-cost-low = Low
exchange-cost-medium = Medium
exchange-cost-high = High
exchange-maturity-idea = Idea
exchange-maturity-pilot = Pilot
exchange-maturity-scaled = Scaled up
exchange-maturity-replicated = Replicated elsewhere
exchange-history = Versions
exchange-version-published = Version { $version }, published { $date }
exchange-version-draft = Version { $version }, not published
exchange-compare-from = Compare version
exchange-compare-to = with version
exchange-compare = See what changed
exchange-reviews = Review
exchange-changes-title = What changed
exchange-changes-between = from version { $from } to version { $to }
exchange-changes-none = Nothing changed between these versions.
exchange-changes-legend = Struck-through words were removed; underlined words were added.
exchange-suggested = Solutions that may fit
exchange-suggested-none = No published solution fits this need yet. The secretariat will look for one.
exchange-why = Why it may fit:
exchange-secretariat-title = Exchange secretariat
exchange-pending-members = Members waiting for verification
exchange-none-waiting = Nothing is waiting.
exchange-verify = Verify
exchange-review-queue = Solutions to review
exchange-review-criteria = Publish a solution when its problem, approach and results are clear, its results have evidence, it says where it runs, and it names a contact. Otherwise return it and say what is missing.
exchange-version = version { $version }
exchange-start-review = Start the review
exchange-review-comment = Comment (needed when you return it)
exchange-publish = Publish
exchange-return = Return for changes
exchange-kind-government = Government
exchange-kind-private = Private company
exchange-kind-academic = Academic institution
exchange-kind-development_partner = Development partner
exchange-kind-civil_society = Civil society organisation
exchange-kind-expert = Individual expert
exchange-focus-future_public_service = Future of public service
exchange-focus-civil_service = Civil service
exchange-focus-finance = Public finance
exchange-focus-work = Future of work
exchange-focus-data_innovation = Data innovation
exchange-focus-commerce = Commerce
exchange-lang-bn = Bangla
exchange-lang-en = English
exchange-lang-ar = Arabic
exchange-lang-fr = French
exchange-lang-es = Spanish
exchange-lang-pt = Portuguese
exchange-lang-tr = Turkish
exchange-lang-so = Somali
exchange-list = { $first } and { $last }
exchange-list-comma = {", "}
exchange-reason-sdg = { $count ->
    [one] Both work on SDG target { $values }.
   *[other] Both work on SDG targets { $values }.
}
exchange-reason-goal = { $count ->
    [one] Both work towards SDG goal { $values }.
   *[other] Both work towards SDG goals { $values }.
}
exchange-reason-focus = Both are about { $values }.
exchange-reason-words = Its description speaks of { $values }, as your need does.
exchange-reason-language = Its team works in { $values }, as you can.
exchange-reason-proven = It has already been scaled up or replicated.
exchange-reason-proven-in = It already runs in { $values }.
error-member_not_found = There is no such member.
error-member_not_verified = The secretariat has not verified this member yet.
error-member_exists = You are a member of the network already.
error-solution_not_found = There is no such solution.
error-version_not_found = There is no such version.
error-need_not_found = There is no such need.
error-invalid_review_move = The review cannot move that way now.
field-unknown_code = is not one of the choices
field-unknown_country = must be a country code such as BD or KE
field-unknown_sdg_target = must be an SDG target such as 16.6
field-not_a_url = must be a web address starting with https://
error-match_not_found = There is no such match.
error-invalid_match_move = The match cannot move that way now.
error-match_exists = This need and this solution are matched already.
field-own_solution = is the need's own member's solution
field-not_a_date = must be a date written as YYYY-MM-DD
exchange-match-title = Match of a need and a solution
exchange-match-need = Need
exchange-match-solution = Solution
exchange-match-state = Where it stands
exchange-move-note = A note for the log (optional)
exchange-match-log = Follow-up log
exchange-note = Note
exchange-note-date = The day it happened (optional)
exchange-add-note = Add to the log
exchange-log-note = note
exchange-see-match = Follow this match
exchange-express-interest = We are interested
exchange-mstate-suggested = Suggested
exchange-mstate-interest_expressed = Interest expressed
exchange-mstate-agreed = Agreed
exchange-mstate-adapting = Being adapted
exchange-mstate-replicated = Replicated
exchange-mstate-closed = Closed
exchange-move-interest_expressed = Express interest
exchange-move-agreed = Agree to share it
exchange-move-adapting = Adaptation has started
exchange-move-replicated = It is replicated
exchange-move-closed = Close the match
exchange-dashboard-title = Partnerships in the network
exchange-dashboard-intro = Needs matched with solutions, and the partnerships that followed: agreed, being adapted or replicated.
exchange-dashboard-by-country = Partnerships by the country taking a solution up
exchange-dashboard-by-focus = Partnerships by focus area
exchange-dashboard-chart-desc = One bar per country: how many partnerships its members have agreed, are adapting or have replicated. The same numbers are in the table below.
exchange-partnerships = Partnerships
exchange-dashboard-link = Partnerships dashboard
exchange-workshops-title = Matchmaking workshops
exchange-workshops-lead = Members meet one to one at a workshop: register, say when you are free, ask the people you want to meet, and get your agenda.
exchange-workshops-link = Workshops
exchange-participants-count = { $count ->
    [one] { $n } participant
   *[other] { $n } participants
}
exchange-time-zone = times in { $zone }
exchange-deadline = register by { $date }
exchange-cap = { $cap ->
    [one] one meeting a person
   *[other] up to { $cap } meetings a person
}
exchange-my-agenda = My agenda
exchange-agenda-ics = Add to my calendar (.ics)
exchange-scheduler = Meeting schedule
exchange-run-scheduler = Schedule the accepted meetings
exchange-scheduler-hint = Meetings already on people's agendas stay where they are; only new ones are placed.
exchange-run-result = { $placed ->
    [one] { $n } meeting is on the agenda
   *[other] { $n } meetings are on the agenda
} ({ $kept } kept where they were). Not placed: { $nocommon } with no free slot in common, { $full } where the tables were full, { $cap } over the cap.
exchange-sign-in-to-register = Sign in to register
exchange-register-for = I come for
exchange-register-myself = myself
exchange-register = Register
exchange-slots = Time slots
exchange-free-in = I am free in these slots
exchange-tables = { $tables ->
    [one] 1 table
   *[other] { $tables } tables
}
exchange-save-slots = Save my free slots
exchange-requests = Meeting requests
exchange-no-requests = No meeting requests yet.
exchange-accept = Accept
exchange-decline = Decline
exchange-ask-to-meet = Ask someone to meet
exchange-meet-whom = Whom
exchange-meet-why = Why you want to meet (optional)
exchange-send-request = Send the request
exchange-agenda-empty = No meetings on your agenda yet. They appear once the organiser schedules the accepted requests.
exchange-when = When
exchange-where = Where
exchange-with = With
exchange-table = table { $table }
exchange-ics-meeting = Meeting with { $name }
exchange-sms-agenda = Your agenda for { $title } has changed. See it at { $path }
exchange-request-pending = waiting for an answer
exchange-request-accepted = accepted
exchange-request-declined = declined
error-workshop_not_found = There is no such workshop.
error-registration_closed = Registration for this workshop has closed.
error-not_registered = You are not registered for this workshop.
error-meeting_cap_reached = You have asked for as many meetings as this workshop allows.
error-meeting_requested = A meeting between you two has been asked for already.
error-meeting_not_found = There is no such meeting request.
error-meeting_answered = This request has been answered already.
field-unknown_time_zone = must be a time zone such as Asia/Dhaka
field-not_a_time = must be a time written as YYYY-MM-DDTHH:MM
field-overlaps = must start after the slot before it ends
field-unknown_slot = is not a slot of this workshop
field-yourself = cannot be yourself
field-not_a_participant = is not registered for this workshop
error-meeting_not_held = This meeting is not on the agenda.
field-not_a_person = is not a person registered on the platform
exchange-join-title = Join the network
exchange-join-lead = Register your organisation (you become its owner) or yourself as an expert. The secretariat verifies every member before it is listed.
exchange-join-done = Thank you. The secretariat will verify the member and list it in the directory.
exchange-join-name = Name of the organisation, or your name as an expert
exchange-join-languages = Languages you work in
exchange-join-about = What you do
exchange-join-website = Website
exchange-join-send = Ask to join
exchange-choose = Choose
exchange-need-new = Post a need
exchange-need-lead = Say what problem you want solved, where and under what constraints. Solutions that may fit are suggested at once, each with its reasons.
exchange-need-no-member = You can post a need for a member of the network you belong to, once the secretariat has verified it.
exchange-need-for = For
exchange-need-send = Post the need
exchange-sdgs-hint = SDG targets, separated by commas, for example 1.3, 16.6
exchange-search-title = Search solutions and needs
exchange-search-words = Words (in Bangla, English or Arabic)
exchange-search-button = Search
exchange-search-results = Results
exchange-search-none = Nothing found. Try fewer words, or take a filter off.
exchange-search-found = { $count ->
    [one] { $n } result
   *[other] { $n } results
}
exchange-search-kind = Solutions or needs
exchange-kind-of-solution = Solution
exchange-kind-of-need = Need
exchange-sdg-goal = SDG goal
exchange-goal = Goal { $goal }
exchange-search-link = Search
error-not_software = This solution has no publiccode.yml: it is not described as software.
field-not_text = must be text
field-not_a_list = must be a list
field-not_a_map = must be a map of keys and values
field-not_a_boolean = must be true or false
field-yaml_syntax = is not valid YAML here
field-short_too_long = must be at most 150 characters
field-length_150_to_10000 = must be 150 to 10,000 characters long
nav-exchange-moderation = Exchange moderation
error-comment_not_found = There is no such comment.
error-already_flagged = You have flagged this already; the moderators will look at it.
error-suspended = You are suspended from the exchange until { $until }. The SMS we sent you says why.
error-content_hidden = This is hidden while the moderators look at it.
field-not_for_people = applies to content, not to a person
exchange-moderation-what-comment = Comment
exchange-moderation-what-solution = Solution
exchange-moderation-what-need = Need
exchange-moderation-what-person = Person
exchange-sms-moderation-hide = shetu exchange: a moderator hid your { $kind ->
    [solution] solution
    [need] need
   *[comment] comment
}. Reason: { $reason }. Rules: { $path }
exchange-sms-moderation-warn = shetu exchange: a moderator warned you about your { $kind ->
    [solution] solution
    [need] need
    [comment] comment
   *[person] conduct
}. Reason: { $reason }. Rules: { $path }
exchange-sms-moderation-suspend = shetu exchange: you are suspended until { $until } for your { $kind ->
    [solution] solution
    [need] need
    [comment] comment
   *[person] conduct
}. Reason: { $reason }. Rules: { $path }
exchange-comments = Discussion
exchange-comments-none = No comments yet.
exchange-hidden-notice = Moderators have hidden this: only its authors and the moderators see it.
exchange-comment-hidden = This comment is hidden while the moderators look at it.
exchange-comment-hidden-moderator = Hidden from readers.
exchange-flag-comment = Report this comment
exchange-flag-person = Report its writer
exchange-comment-signin = Sign in to take part in the discussion
exchange-comment-label = Your comment
exchange-comment-hint = Be kind, keep to the subject, and share no one's personal details.
exchange-comment-send = Post the comment
exchange-flag-this = Report this to the moderators
exchange-back = Go back
exchange-flag-title = Report: { $what }
exchange-flag-lead = Tell the moderators what is wrong. Your name is not shown to the person you report.
exchange-flag-done = Thank you. The moderators will look at it.
exchange-flag-reason = What is wrong?
exchange-flag-reason-spam = Spam or advertising
exchange-flag-reason-abuse = Abuse, harassment or hate
exchange-flag-reason-off_topic = Not about public-service innovation
exchange-flag-reason-misleading = False or misleading claims
exchange-flag-reason-personal_data = Someone's personal details
exchange-flag-reason-other = Something else
exchange-flag-note = In your words
exchange-flag-note-hint = Needed when you chose "Something else".
exchange-flag-send = Send the report
exchange-moderation-title = Moderation queue
exchange-moderation-lead = Reported content and people, hidden content first. The person is told your reason by SMS.
exchange-moderation-empty = Nothing is waiting.
exchange-moderation-hidden = hidden until reviewed
exchange-moderation-by = By { $name }
exchange-moderation-earlier = { $count ->
    [one] warned or suspended once before
   *[other] warned or suspended { $count } times before
}
exchange-moderation-action = Decision
exchange-decide-hide = Hide it
exchange-decide-restore = Restore it (nothing wrong)
exchange-decide-warn = Warn the person (and hide the content)
exchange-decide-suspend = Suspend the person (and hide the content)
exchange-moderation-reason = Reason the person is told
exchange-moderation-reason-hint = Needed unless you restore. Name the rule that was broken.
exchange-moderation-days = Days of suspension
exchange-moderation-days-hint = Only for a suspension: 1 to { $max } days.
exchange-moderation-send = Decide
exchange-decided-hide = Hidden. The person has been told why.
exchange-decided-restore = Restored.
exchange-decided-warn = Warned. The person has been told why.
exchange-decided-suspend = Suspended. The person has been told why and until when.
exchange-policy-title = Content policy and code of conduct
exchange-policy-lead = The exchange is where public servants, firms, experts and academics learn from each other. These rules keep it useful and safe for everyone.
exchange-policy-conduct-title = How we behave
exchange-policy-conduct-respect = Treat everyone with respect, whatever their country, language, gender, faith or rank.
exchange-policy-conduct-evidence = Say what worked and what did not, and back results with evidence.
exchange-policy-conduct-topic = Keep discussions about public services and their innovations.
exchange-policy-conduct-privacy = Do not share anyone's personal details: names of citizens, phone numbers, ID numbers.
exchange-policy-conduct-selling = Do not advertise or sell; a firm may describe its solution, not push a sale.
exchange-policy-conduct-credit = Give credit to the people and places a solution came from.
exchange-policy-content-title = What is not allowed
exchange-policy-content-text = The moderators remove:
exchange-policy-flags-title = Reporting
exchange-policy-flags-text = Anyone signed in can report a comment, solution, need or person, with a reason. When { $count } people have reported the same content, it is hidden until a moderator reviews it.
exchange-policy-steps-title = What moderators do
exchange-policy-steps-hide = Hide content that breaks these rules, or restore it when nothing is wrong.
exchange-policy-steps-warn = Warn the person who wrote it.
exchange-policy-steps-suspend = Suspend someone who keeps breaking the rules, for a number of days: they cannot comment, report, post or submit until then.
exchange-policy-appeal = Every decision is recorded. The person is told why by SMS; to disagree, write to the secretariat through the feedback page.
exchange-email-agenda-subject = Your agenda for { $title } has changed
exchange-email-agenda-body = The organisers have scheduled meetings for { $title }, and your agenda has changed. Your meetings, with their times (in the workshop's time zone) and tables, are on your agenda page. From there you can also print it or add it to your calendar.
exchange-attachments = Attachments
exchange-attach-size = { $kb } KB
exchange-attach-file = Attach a file
exchange-attach-hint = PDF, Word, Excel, PowerPoint, OpenDocument, CSV or a photo (PNG, JPEG, WebP), up to 5 MB. The secretariat reviews it with this version.
exchange-attach-send = Attach
exchange-attach-remove = Remove
error-attachment_not_found = There is no such attachment.
error-revise_first = Files are attached to a version waiting for review: revise the solution first.
error-too_many_attachments = A solution can have at most 8 attachments. Remove one first.
error-attachment_published = This attachment is part of a published version and stays with it.
error-attachment_too_large = The file is too large: at most { $max } MB.
field-file_type = must be a PDF, Word, Excel, PowerPoint, OpenDocument, CSV or image (PNG, JPEG, WebP) file
exchange-solution-new = Share a solution
exchange-solution-edit = Revise the solution
exchange-solution-lead = Describe a public-service solution that worked: the problem, how it was solved, what it achieved and how you know. The secretariat reviews it before it is published; you can attach files once it is sent.
exchange-solution-for = Shared by
exchange-solution-send = Send for review
exchange-solution-revise-send = Send the new version for review
exchange-countries-hint = Country codes, separated by commas, for example BD, KE
exchange-solution-revise-link = Revise
field-not_a_number = must be a number, for example 12
exchange-log-document = Document
exchange-match-document = Add a document
exchange-match-document-hint = An agreement, minutes of a visit, a report: PDF, office document, CSV or photo, up to 5 MB. Only the two members and the secretariat can open it.
exchange-match-document-note = What it is (optional)
log-exchange-comment-post = commented in the exchange
log-exchange-flag = reported content or a person
log-exchange-match-create = matched a need with a solution
log-exchange-match-document = added a document to a match
log-exchange-match-move = moved a match to its next stage
log-exchange-match-note = wrote a follow-up note on a match
log-exchange-meeting-answer = answered a meeting request
log-exchange-meeting-outcome = recorded a meeting's outcome
log-exchange-meeting-request = asked for a meeting at a workshop
log-exchange-member-register = registered a member of the exchange
log-exchange-member-verify = verified a member of the exchange
log-exchange-need-post = posted a need
log-exchange-solution-attach = attached a file to a solution
log-exchange-solution-detach = removed a file from a solution
log-exchange-solution-review = moved a solution's review
log-exchange-solution-revise = revised a solution
log-exchange-solution-submit = shared a solution for review
log-exchange-workshop-add_participant = added a workshop participant
log-exchange-workshop-availability = set their free times at a workshop
log-exchange-workshop-create = created a workshop
log-exchange-workshop-register = registered for a workshop
log-exchange-workshop-schedule = scheduled a workshop's meetings
log-exchange-moderation-hide = hid content as a moderator
log-exchange-moderation-restore = restored content as a moderator
log-exchange-moderation-warn = warned a person as a moderator
log-exchange-moderation-suspend = suspended a person from the exchange
