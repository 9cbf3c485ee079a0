"""Ask-the-doctor URLs, included by articles/urls.py under the names articles:ask-doctor-*.

Questions are addressed by their random public id, never by the sequential primary key.
"""

from django.urls import path, register_converter

from . import ask_doctor_views as views


class PublicIdConverter:
    regex = r"[A-Za-z0-9_-]{16}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PublicIdConverter, "qid")

urlpatterns = [
    path("ask/", views.ask_doctor_home, name="ask-doctor-home"),
    path("<int:number>/ask/", views.ask_doctor_ask, name="ask-doctor-ask"),
    path("ask/mine/", views.ask_doctor_mine, name="ask-doctor-mine"),
    path("ask/queue/", views.ask_doctor_queue, name="ask-doctor-queue"),
    path("ask/q/<qid:public_id>/", views.ask_doctor_question, name="ask-doctor-question"),
    path("ask/q/<qid:public_id>/withdraw/", views.ask_doctor_withdraw, name="ask-doctor-withdraw"),
    path("ask/q/<qid:public_id>/close/", views.ask_doctor_close, name="ask-doctor-close"),
    path("ask/q/<qid:public_id>/reply/", views.ask_doctor_reply, name="ask-doctor-reply"),
    path(
        "ask/q/<qid:public_id>/follow-up/", views.ask_doctor_follow_up, name="ask-doctor-follow-up"
    ),
    path("ask/q/<qid:public_id>/claim/", views.ask_doctor_claim, name="ask-doctor-claim"),
    path("ask/q/<qid:public_id>/release/", views.ask_doctor_release, name="ask-doctor-release"),
    path("ask/q/<qid:public_id>/answer/", views.ask_doctor_answer, name="ask-doctor-answer"),
    path(
        "ask/q/<qid:public_id>/request-info/",
        views.ask_doctor_request_info,
        name="ask-doctor-request-info",
    ),
    path("ask/q/<qid:public_id>/decline/", views.ask_doctor_decline, name="ask-doctor-decline"),
    path(
        "ask/q/<qid:public_id>/edit-answer/",
        views.ask_doctor_edit_answer,
        name="ask-doctor-edit-answer",
    ),
    path(
        "ask/q/<qid:public_id>/follow-up-reply/",
        views.ask_doctor_follow_up_reply,
        name="ask-doctor-follow-up-reply",
    ),
    path("ask/q/<qid:public_id>/faq/", views.ask_doctor_propose_faq, name="ask-doctor-propose-faq"),
    path(
        "ask/q/<qid:public_id>/faq/confirm/<str:token>/",
        views.ask_doctor_faq_consent,
        name="ask-doctor-faq-consent",
    ),
]
