"""The moderation workflow, per community."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Page


def _in_scope(user, obj):
    from ..community_scope import declares_scope, in_scope, page_in_scope

    if isinstance(obj, Page):
        return page_in_scope(user, obj)
    return not declares_scope(type(obj)) or in_scope(user, obj)


class CommunityGroupApprovalTask(GroupApprovalTask):
    """Approval by the chosen groups, each member for the communities they work for.

    The 审核 group is city-wide (its page permissions sit on the root page); this task narrows
    each moderator to the pages of their communities (home/community_scope.py): another
    community's pages are neither in their review queue nor theirs to approve, reject or lock.
    A proxy of Wagtail's group approval task, so the seeded task only changes its type
    (migration home/0005) and keeps its groups and the reviews in progress.
    """

    class Meta:
        proxy = True
        verbose_name = _("Community group approval task")
        verbose_name_plural = _("Community group approval tasks")

    def user_can_access_editor(self, obj, user):
        return super().user_can_access_editor(obj, user) and _in_scope(user, obj)

    def locked_for_user(self, obj, user):
        return super().locked_for_user(obj, user) or not _in_scope(user, obj)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and _in_scope(user, obj)

    def get_actions(self, obj, user):
        return super().get_actions(obj, user) if _in_scope(user, obj) else []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import CharField
        from django.db.models.functions import Cast

        from ..community_scope import communities_for, scoped_pages_q

        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if communities_for(user) is None:
            return states
        # Workflow states name their object by a text id: compare with the pages' ids as text.
        pages = Page.objects.filter(scoped_pages_q(user)).annotate(
            text_pk=Cast("pk", output_field=CharField())
        )
        return states.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id__in=pages.values("text_pk"),
        )

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve the pages of their own communities")
