"""What ask the doctor tells higher floors (moderation listens; articles never imports it).

`question_flagged_crisis(sender=DoctorQuestion, question, crisis_kind)`: the crisis screen found
that an asker (in a question, a follow-up or a reply with more information) may be in danger
now. Sent once the transaction commits. The question is private health information: a
receiver may notify people that an urgent question waits and link to it, never quote its text
(not in emails, logs or notifications).
"""

from django.dispatch import Signal

question_flagged_crisis = Signal()
