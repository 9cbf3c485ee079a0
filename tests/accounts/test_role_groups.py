"""The role groups made by migrations hold the permissions each role's work needs."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import User
from accounts.permissions import is_editor, is_moderator, roles_for
from accounts.roles import CLINICIANS, MODERATORS
from articles.ask_doctor.permissions import is_queue_clinician
from tests.conftest import make_clinician, make_moderator

pytestmark = pytest.mark.django_db


def _codenames(group_name):
    group = Group.objects.get(name=group_name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_editors_can_publish_and_override_the_quality_gate():
    perms = _codenames("Editors")
    assert {"articles.publish_article", "articles.override_quality_gate"} <= perms
    assert "articles.change_article" in perms


def test_override_permission_is_declared_on_the_article_model():
    group = Group.objects.get(name="Editors")
    override = group.permissions.get(codename="override_quality_gate")
    assert override.content_type.model == "article"


def test_clinicians_can_answer_questions_and_moderators_can_moderate():
    assert "articles.answer_doctorquestion" in _codenames("Clinicians")
    assert "forum.moderate_thread" in _codenames("Moderators")


def test_no_role_group_grants_user_administration():
    for name in ("Clinicians", "Moderators", "Editors"):
        assert not any(code.startswith("accounts.") for code in _codenames(name))


def test_an_editor_has_the_publish_permission_and_a_member_does_not(editor, member):
    assert editor.has_perm("articles.publish_article")
    assert editor.has_perm("articles.override_quality_gate")
    assert not member.has_perm("articles.publish_article")


def _permission(code):
    app_label, codename = code.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _fresh(user):
    """The user as the next request loads them (permissions are cached per user object)."""
    return User.objects.select_related("clinician_profile").get(pk=user.pk)


def test_the_queue_follows_the_clinicians_group_permissions_both_ways(client):
    clinician = make_clinician()
    client.force_login(clinician)
    queue = reverse("articles:ask-doctor-queue")
    assert client.get(queue).status_code == 200
    group = Group.objects.get(name=CLINICIANS)

    group.permissions.remove(_permission("articles.answer_doctorquestion"))
    assert client.get(queue).status_code == 403
    assert not is_queue_clinician(_fresh(clinician))

    group.permissions.add(_permission("articles.answer_doctorquestion"))
    assert client.get(queue).status_code == 200
    assert is_queue_clinician(_fresh(clinician))


def test_moderation_and_publishing_follow_the_permission_not_the_group_name():
    clinician = make_clinician()
    moderator = make_moderator()
    moderators = Group.objects.get(name=MODERATORS)
    clinicians = Group.objects.get(name=CLINICIANS)
    assert is_moderator(_fresh(moderator)) and not is_moderator(_fresh(clinician))

    # Taken from the Moderators group, given to the Clinicians group: powers move with it.
    moderators.permissions.remove(_permission("forum.moderate_thread"))
    clinicians.permissions.add(_permission("forum.moderate_thread"))
    assert not is_moderator(_fresh(moderator)) and is_moderator(_fresh(clinician))
    assert "moderator" in roles_for(_fresh(clinician))

    clinicians.permissions.add(_permission("articles.publish_article"))
    assert is_editor(_fresh(clinician))
    clinicians.permissions.remove(_permission("articles.publish_article"))
    assert not is_editor(_fresh(clinician))
