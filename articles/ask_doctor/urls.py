"""Ask-the-doctor URLs, included by articles/urls.py under the names articles:ask-doctor-*.

Questions are addressed by their random public id, never by the sequential primary key.
"""

from django.urls import path, register_converter

from . import actions, views


class PublicIdConverter:
    regex = r"[A-Za-z0-9_-]{16}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicIdConverter, "qid")

Q = "ask/q/<qid:public_id>/"

urlpatterns = [
    path("ask/", views.ask_doctor_home, name="ask-doctor-home"),
    path("ask/general/", views.ask_doctor_ask_general, name="ask-doctor-ask-general"),
    path("<int:number>/ask/", views.ask_doctor_ask, name="ask-doctor-ask"),
    path("ask/mine/", views.ask_doctor_mine, name="ask-doctor-mine"),
    path("ask/queue/", views.ask_doctor_queue, name="ask-doctor-queue"),
    path(Q, views.ask_doctor_question, name="ask-doctor-question"),
    path(Q + "withdraw/", actions.ask_doctor_withdraw, name="ask-doctor-withdraw"),
    path(Q + "close/", actions.ask_doctor_close, name="ask-doctor-close"),
    path(Q + "reply/", actions.ask_doctor_reply, name="ask-doctor-reply"),
    path(Q + "follow-up/", actions.ask_doctor_follow_up, name="ask-doctor-follow-up"),
    path(Q + "claim/", actions.ask_doctor_claim, name="ask-doctor-claim"),
    path(Q + "release/", actions.ask_doctor_release, name="ask-doctor-release"),
    path(Q + "answer/", actions.ask_doctor_answer, name="ask-doctor-answer"),
    path(Q + "request-info/", actions.ask_doctor_request_info, name="ask-doctor-request-info"),
    path(Q + "decline/", actions.ask_doctor_decline, name="ask-doctor-decline"),
    path(Q + "edit-answer/", actions.ask_doctor_edit_answer, name="ask-doctor-edit-answer"),
    path(
        Q + "follow-up-reply/",
        actions.ask_doctor_follow_up_reply,
        name="ask-doctor-follow-up-reply",
    ),
    path(Q + "faq/", actions.ask_doctor_propose_faq, name="ask-doctor-propose-faq"),
    path(
        Q + "faq/confirm/<str:token>/",
        actions.ask_doctor_faq_consent,
        name="ask-doctor-faq-consent",
    ),
]
