## Feedback to the team that runs the platform
feedback-title = Tell us what to improve
feedback-intro = Something did not work, or could be better? Tell us. You may leave a mobile number if you want an answer.
feedback-message = Your message
feedback-phone = Mobile number (optional)
feedback-send = Send
feedback-thanks = Thank you. Your message has reached the team.
nav-feedback = Feedback
home-feedback-title = Tell us what to improve
home-feedback-text = Something did not work? Write to the team that runs the platform.
home-feedback-link = Write to us
