"""The role groups made by migrations hold the permissions each role's work needs."""

import pytest
from django.contrib.auth.models import Group

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
